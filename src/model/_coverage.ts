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
import type { Specification, Step } from "./interface.js"

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
 * A shortest way to an outcome: the steps from the initial state, then the action and arguments
 * taken in the state they reach.
 *
 * @category coverage
 * @since 0.1.0
 */
export interface Witness<S> {
  readonly trace: ReadonlyArray<Step<S, unknown>>
  readonly action: string
  readonly args: unknown
}

/**
 * What {@link conjunctCoverage} found: the tallies, and for each outcome the first witness met
 * breadth first — keyed `Action.Conjunct` where that conjunct was the one that failed, and
 * `Action` where the action was enabled.
 */
export interface CoverageReport<S> {
  readonly coverage: Coverage
  readonly witnesses: ReadonlyMap<string, Witness<S>>
}

/**
 * The conjunct coverage of `spec` (with parameters `p` and `Next`'s disjuncts) over its reachable
 * states, with a shortest witness of every outcome.  Walks the state space breadth first itself;
 * meant for the small coverage configurations.
 *
 * @category coverage
 * @since 0.1.0
 */
export const conjunctCoverage = <P, S>(p: P, spec: Specification<S, unknown>, disjuncts: ReadonlyArray<Disjunct<P, S>>): CoverageReport<S> => {
  const coverage = emptyCoverage(disjuncts)
  const witnesses = new Map<string, Witness<S>>()
  const seen = new Map<string, { readonly parent: string | undefined; readonly step: Step<S, unknown> | undefined }>()
  const traceTo = (k: string): Array<Step<S, unknown>> => {
    const out: Array<Step<S, unknown>> = []
    for (let at: string | undefined = k; at !== undefined; ) {
      const v: { readonly parent: string | undefined; readonly step: Step<S, unknown> | undefined } = seen.get(at)!
      if (v.step !== undefined) out.push(v.step)
      at = v.parent
    }
    return out.reverse()
  }
  let frontier: Array<readonly [string, S]> = []
  for (const s of spec.Init) {
    const k = spec.key(s)
    if (!seen.has(k)) { seen.set(k, { parent: undefined, step: undefined }); frontier.push([k, s]) }
  }
  while (frontier.length > 0) {
    const next: Array<readonly [string, S]> = []
    for (const [k, s] of frontier) {
      tally(coverage, p, s, disjuncts, (outcome, action, args) => {
        if (!witnesses.has(outcome)) witnesses.set(outcome, { trace: traceTo(k), action, args })
      })
      for (const step of spec.Next(s)) {
        const k2 = spec.key(step.state)
        if (!seen.has(k2)) { seen.set(k2, { parent: k, step }); next.push([k2, step.state]) }
      }
    }
    frontier = next
  }
  return { coverage, witnesses }
}

/** Adds the conjunct outcomes of every offered argument in state `s`; `met` sees each outcome. */
const tally = <P, S>(cov: Coverage, p: P, s: S, disjuncts: ReadonlyArray<Disjunct<P, S>>, met: (outcome: string, action: string, args: unknown) => void): void => {
  for (const { action, args, offered } of disjuncts) {
    const tallies = cov.get(action.name)!
    for (const a of args) {
      if (offered !== undefined && !offered(p, s, a)) continue
      let enabled = true
      for (const c of action.conjuncts) {
        const failed = c.failing(p, s, a)
        if (failed === undefined) {
          for (const name of c.names) tallies.get(name)!.held += 1
          continue
        }
        tallies.get(failed)!.failed += 1
        met(`${action.name}.${failed}`, action.name, a)
        enabled = false
        break
      }
      if (enabled) met(action.name, action.name, a)
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
