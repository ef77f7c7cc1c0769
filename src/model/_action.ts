/**
 * The machinery every model action shares: an action is a list of named enabling conjuncts,
 * checked in order, and an effect applied only when all of them hold.  A failing conjunct is
 * reported by its TLA+ operator name.
 *
 * @module
 */

/**
 * One enabling conjunct and its check; or a group of conjuncts checked together, whose check
 * returns the first that fails (used where the implementation interleaves several conjuncts, as
 * the payment channel's merge loop does).
 */
export type Guard<P, S, A, Op extends string> =
  | readonly [Op, (p: P, s: S, a: A) => boolean]
  | readonly [ReadonlyArray<Op>, (p: P, s: S, a: A) => Op | undefined]

/** The first conjunct of `guards` that fails, or undefined when the action is enabled. */
export const firstFailing = <P, S, A, Op extends string>(guards: ReadonlyArray<Guard<P, S, A, Op>>, p: P, s: S, a: A): Op | undefined => {
  for (const [name, check] of guards) {
    const result = check(p, s, a)
    if (typeof name === "string") {
      if (result === false) return name
    } else if (result !== undefined && result !== true) return result as Op
  }
  return undefined
}

/** The conjunct names of `guards`, in order. */
export const conjunctNames = <P, S, A, Op extends string>(guards: ReadonlyArray<Guard<P, S, A, Op>>): ReadonlyArray<Op> =>
  guards.flatMap(([name]) => name)

/** The effect of an action when enabled, without building an error when it is not (for `Next`). */
export const ifEnabled = <P, S, A, Op extends string>(guards: ReadonlyArray<Guard<P, S, A, Op>>, effect: (p: P, s: S, a: A) => S, p: P, s: S, a: A): S | undefined =>
  firstFailing(guards, p, s, a) === undefined ? effect(p, s, a) : undefined
