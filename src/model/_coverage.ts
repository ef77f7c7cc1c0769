/**
 * Conjunct coverage: over every reachable state of a specification and every argument `Next`
 * offers there, how often each enabling conjunct of each action held and how often it was the one
 * that failed.  The conjuncts are evaluated as the action evaluates them, in order, stopping at
 * the first that fails: a conjunct "failed" when it is the reason the action was not enabled, and
 * "held" when it and every conjunct before it held.  A conjunct that never fails is never
 * exercised as a check by the configuration; one that never holds blocks everything after it.
 *
 * @module
 */
import type { Disjunct } from "./_action.js"
import type { Specification } from "./interface.js"

/** How often one conjunct held and failed. */
export interface Tally {
  held: number
  failed: number
}

/**
 * Coverage per action, per conjunct name.
 *
 * @category coverage
 * @since 0.1.0
 */
export type Coverage = Map<string, Map<string, Tally>>

/** An empty coverage over the actions of `disjuncts`, every conjunct at zero. */
export const emptyCoverage = <P, S>(disjuncts: ReadonlyArray<Disjunct<P, S>>): Coverage => {
  const cov: Coverage = new Map()
  for (const { action } of disjuncts) {
    const tallies = cov.get(action.name) ?? new Map<string, Tally>()
    for (const name of action.conjunctNames) if (!tallies.has(name)) tallies.set(name, { held: 0, failed: 0 })
    cov.set(action.name, tallies)
  }
  return cov
}

/**
 * The conjunct coverage of `spec` (with parameters `p` and `Next`'s disjuncts) over its reachable
 * states.  Walks the state space breadth first itself; meant for the small coverage
 * configurations.
 *
 * @category coverage
 * @since 0.1.0
 */
export const conjunctCoverage = <P, S>(p: P, spec: Specification<S, unknown>, disjuncts: ReadonlyArray<Disjunct<P, S>>): Coverage => {
  const cov = emptyCoverage(disjuncts)
  const seen = new Set<string>()
  let frontier: Array<S> = []
  for (const s of spec.Init) {
    const k = spec.key(s)
    if (!seen.has(k)) { seen.add(k); frontier.push(s) }
  }
  while (frontier.length > 0) {
    const next: Array<S> = []
    for (const s of frontier) {
      tally(cov, p, s, disjuncts)
      for (const step of spec.Next(s)) {
        const k = spec.key(step.state)
        if (!seen.has(k)) { seen.add(k); next.push(step.state) }
      }
    }
    frontier = next
  }
  return cov
}

/** Adds the conjunct outcomes of every offered argument in state `s`. */
const tally = <P, S>(cov: Coverage, p: P, s: S, disjuncts: ReadonlyArray<Disjunct<P, S>>): void => {
  for (const { action, args, offered } of disjuncts) {
    const tallies = cov.get(action.name)!
    for (const a of args) {
      if (offered !== undefined && !offered(p, s, a)) continue
      for (const c of action.conjuncts) {
        const failed = c.failing(p, s, a)
        if (failed === undefined) {
          for (const name of c.names) tallies.get(name)!.held += 1
          continue
        }
        tallies.get(failed)!.failed += 1
        break
      }
    }
  }
}

/**
 * The union of several coverages (counts added).
 *
 * @category coverage
 * @since 0.1.0
 */
export const mergeCoverage = (coverages: ReadonlyArray<Coverage>): Coverage => {
  const out: Coverage = new Map()
  for (const cov of coverages) for (const [act, tallies] of cov) {
    const into = out.get(act) ?? new Map<string, Tally>()
    for (const [name, t] of tallies) {
      const sum = into.get(name) ?? { held: 0, failed: 0 }
      into.set(name, { held: sum.held + t.held, failed: sum.failed + t.failed })
    }
    out.set(act, into)
  }
  return out
}

/**
 * The conjuncts a coverage never saw hold or never saw fail, as `Action.Conjunct: never held` /
 * `never failed` lines (empty when everything was exercised both ways).
 *
 * @category coverage
 * @since 0.1.0
 */
export const gaps = (cov: Coverage): Array<string> => {
  const out: Array<string> = []
  for (const [act, tallies] of cov) for (const [name, t] of tallies) {
    if (t.held === 0) out.push(`${act}.${name}: never held`)
    if (t.failed === 0) out.push(`${act}.${name}: never failed`)
  }
  return out
}
