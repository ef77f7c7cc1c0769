/**
 * The reference breadth-first explorer: the plainest walk of the definitions, states held as
 * objects in a `Map` under their string keys.  `explore` (./explore.ts) must return exactly what
 * this returns; the tests compare the two and the bench times both.
 *
 * It walks `Next` from `Init` level by level, identifies states by their canonical key, checks
 * every invariant on every new state and every action property on every step, and stops at the
 * first violation with the shortest trace that reaches it; its counts follow TLC's (`-workers 1`).
 *
 * @module
 */
import type { ExplorationResult, Specification, Step, Violation } from "./interface.js"

interface Visited<S, A> {
  readonly state: S
  readonly parent: string | undefined
  readonly step: Step<S, A> | undefined
}

/**
 * Explores `spec` breadth first, keeping every state object under its string key.
 *
 * @category exploration
 * @since 0.2.0
 */
export const exploreByKey = <S, A>(spec: Specification<S, A>): ExplorationResult<S, A> => {
  const seen = new Map<string, Visited<S, A>>()
  const invariants = Object.entries(spec.invariants)
  const properties = Object.entries(spec.properties)
  let generated = 0
  let frontier: Array<string> = []

  const traceTo = (key: string): Violation<S, A>["trace"] => {
    const trace: Array<{ action?: string; args?: A; state: S }> = []
    for (let k: string | undefined = key; k !== undefined; ) {
      const v: Visited<S, A> = seen.get(k)!
      trace.push(v.step === undefined ? { state: v.state } : { action: v.step.action, args: v.step.args, state: v.state })
      k = v.parent
    }
    return trace.reverse()
  }
  const brokenInvariant = (s: S): string | undefined => invariants.find(([, holds]) => !holds(s))?.[0]

  for (const s of spec.Init) {
    generated += 1
    const key = spec.key(s)
    if (seen.has(key)) continue
    seen.set(key, { state: s, parent: undefined, step: undefined })
    frontier.push(key)
    const broken = brokenInvariant(s)
    if (broken !== undefined) {
      return { distinctStates: seen.size, statesGenerated: generated, depth: 1, violation: { kind: "invariant", name: broken, trace: traceTo(key) } }
    }
  }

  let depth = frontier.length > 0 ? 1 : 0
  while (frontier.length > 0) {
    const nextFrontier: Array<string> = []
    for (const key of frontier) {
      const from = seen.get(key)!.state
      for (const step of spec.Next(from)) {
        generated += 1
        const broken = properties.find(([, holds]) => !holds(from, step.state))?.[0]
        const toKey = spec.key(step.state)
        if (broken !== undefined) {
          const trace = [...traceTo(key), { action: step.action, args: step.args, state: step.state }]
          return { distinctStates: seen.size, statesGenerated: generated, depth: depth + 1, violation: { kind: "property", name: broken, trace } }
        }
        if (seen.has(toKey)) continue
        seen.set(toKey, { state: step.state, parent: key, step })
        nextFrontier.push(toKey)
        const brokenInv = brokenInvariant(step.state)
        if (brokenInv !== undefined) {
          return { distinctStates: seen.size, statesGenerated: generated, depth: depth + 1, violation: { kind: "invariant", name: brokenInv, trace: traceTo(toKey) } }
        }
      }
    }
    if (nextFrontier.length > 0) depth += 1
    frontier = nextFrontier
  }
  return { distinctStates: seen.size, statesGenerated: generated, depth }
}
