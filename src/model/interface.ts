/**
 * Types shared by every model in `src/model`: the shape of a specification the generic explorer
 * walks, and the shape of a step.  Types only; the code lives beside it.
 *
 * @module
 */

/**
 * One enabled step of a specification: the TLA+ action's name, the arguments it was taken with,
 * and the state it leads to.
 *
 * @category models
 * @since 0.1.0
 */
export interface Step<S, A = unknown> {
  readonly action: string
  readonly args: A
  readonly state: S
}

/**
 * A specification as the explorer sees it: `Init`, `Next`, a canonical key per state (two states
 * are the same state exactly when their keys are equal, as TLC fingerprints values), the state
 * invariants and the action properties (`[][P]_vars`), each under its TLA+ name.
 *
 * @category models
 * @since 0.1.0
 */
export interface Specification<S, A = unknown> {
  readonly name: string
  readonly Init: ReadonlyArray<S>
  /** Every enabled (action, arguments) pair from `s`, in a fixed order; duplicates count, as in TLC. */
  readonly Next: (s: S) => Iterable<Step<S, A>>
  readonly key: (s: S) => string
  /**
   * Optional: a compact encoding of `s` as 32-bit words written to `out` from index 0, returning
   * how many words it takes (equal exactly when the keys are equal).  When the count exceeds
   * `out.length` the words past the end are dropped and the explorer calls again with a larger
   * `out`.  Without it the explorer encodes `key(s)`.
   */
  readonly encode?: (s: S, out: Int32Array) => number
  /** Optional, with `encode`: the state whose encoding is `words` (the explorer then keeps no state objects between levels). */
  readonly decode?: (words: Int32Array) => S
  readonly invariants: Readonly<Record<string, (s: S) => boolean>>
  readonly properties: Readonly<Record<string, (s: S, t: S) => boolean>>
}

/**
 * What a breadth-first exploration found.  `distinctStates`, `statesGenerated` and `depth` use
 * TLC's definitions: generated = initial states plus every successor produced, duplicates
 * included; depth = the number of breadth-first levels, the initial one included.
 *
 * @category models
 * @since 0.1.0
 */
export interface ExplorationResult<S, A = unknown> {
  readonly distinctStates: number
  readonly statesGenerated: number
  readonly depth: number
  readonly violation?: Violation<S, A>
}

/**
 * A broken invariant or property, with the shortest trace from an initial state.
 *
 * @category models
 * @since 0.1.0
 */
export interface Violation<S, A = unknown> {
  readonly kind: "invariant" | "property"
  readonly name: string
  /** The states from an initial state to the violating one; each after the first with its step. */
  readonly trace: ReadonlyArray<{ readonly action?: string; readonly args?: A; readonly state: S }>
}
