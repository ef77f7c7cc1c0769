/**
 * A fast path for `Next`: which of an action's candidate arguments are enabled in a state,
 * without building anything for the candidates that are not.
 *
 * TLA+ `Next` draws every argument tuple from finite domains (every voucher the bounds allow,
 * every deal × sector × offset) and keeps those whose enabling conjuncts hold; most candidates
 * fail.  Each conjunct reads the arguments only, the state only, or both, and that decides when
 * it is checked:
 *
 * - `"args"` conjuncts once, when the plan is made: the candidates they reject are dropped for good;
 * - `"state"` conjuncts once per state: when one fails no candidate is looked at;
 * - `"state and args"` conjuncts per remaining candidate.
 *
 * Whether an action is enabled is the conjunction, whatever the order, so the set of enabled
 * candidates — and, as candidates keep their order, the order `Next` yields them in — is the one
 * checking every conjunct of every candidate gives (which conjunct is reported *first* when an
 * action is not enabled is the action's business, not `Next`'s).  The candidates are built once,
 * so `Next` allocates only the steps it yields.
 *
 * @module
 */

/** One enabling conjunct and what it reads; the types keep a conjunct from reading what it does not declare. */
export type Conjunct<P, S, A> =
  | { readonly reads: "args"; readonly holds: (p: P, a: A) => boolean }
  | { readonly reads: "state"; readonly holds: (p: P, s: S) => boolean }
  | { readonly reads: "state and args"; readonly holds: (p: P, s: S, a: A) => boolean }

/** An action's candidates after its argument-only conjuncts, and its other conjuncts split by what they read. */
export interface EnabledPlan<S, A> {
  /** The candidates every `"args"` conjunct accepts, in their original order. */
  readonly candidates: ReadonlyArray<A>
  /** Whether every `"state"` conjunct holds in `s`. */
  readonly stateHolds: (s: S) => boolean
  /** Whether every `"state and args"` conjunct holds for `a` in `s`. */
  readonly holds: (s: S, a: A) => boolean
  /** The enabled candidates in `s`, in order (the three checks above, for a `for … of`). */
  readonly enabled: (s: S) => Iterable<A>
}

/**
 * Plans the candidates `candidates` of an action whose enabling conjuncts are `conjuncts`, under
 * the constants `p`.
 *
 * @example
 * ```ts
 * import { planEnabled } from "filflow/model/_enabled"
 * const plan = planEnabled(10, [
 *   { reads: "args", holds: (_, a: number) => a % 2 === 0 },
 *   { reads: "state", holds: (_, s: number) => s >= 0 },
 *   { reads: "state and args", holds: (max: number, s: number, a: number) => s + a <= max }
 * ], [1, 2, 3, 4, 5, 6])
 * plan.candidates // => [2, 4, 6]
 * Array.from(plan.enabled(5)) // => [2, 4]
 * Array.from(plan.enabled(-1)) // => []
 * ```
 * @category actions
 * @since 0.2.0
 */
export const planEnabled = <P, S, A>(p: P, conjuncts: ReadonlyArray<Conjunct<P, S, A>>, candidates: ReadonlyArray<A>): EnabledPlan<S, A> => {
  const onArgs: Array<(p: P, a: A) => boolean> = []
  const onState: Array<(p: P, s: S) => boolean> = []
  const onBoth: Array<(p: P, s: S, a: A) => boolean> = []
  for (const c of conjuncts) {
    if (c.reads === "args") onArgs.push(c.holds)
    else if (c.reads === "state") onState.push(c.holds)
    else onBoth.push(c.holds)
  }
  const kept = candidates.filter((a) => onArgs.every((holds) => holds(p, a)))
  const stateHolds = (s: S): boolean => {
    for (let i = 0; i < onState.length; i++) if (!onState[i]!(p, s)) return false
    return true
  }
  const holds = (s: S, a: A): boolean => {
    for (let i = 0; i < onBoth.length; i++) if (!onBoth[i]!(p, s, a)) return false
    return true
  }
  return {
    candidates: kept,
    stateHolds,
    holds,
    enabled: function* (s) {
      if (!stateHolds(s)) return
      for (let i = 0; i < kept.length; i++) if (holds(s, kept[i]!)) yield kept[i]!
    }
  }
}
