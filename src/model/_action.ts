/**
 * The framework every model of `src/model` is written in, so that each TLA+ operator and action
 * is defined once and everything else is derived from that one definition.
 *
 * - A {@link Conjunct} is one enabling conjunct of a TLA+ action: its operator name, what it
 *   requires (in words), and its check.  Defined once, it gives the typed error of its failure
 *   ({@link NotEnabled}`<Name>`, tag = the operator name), its place in every action that uses it,
 *   and its line in the conjunct coverage (`_coverage.ts`).  A {@link conjunctGroup} is several
 *   conjuncts the implementation checks interleaved (the payment channel's merge loop): one check
 *   that reports which of them failed first.
 * - An {@link Action} is a TLA+ action: its name, its conjuncts in the order the implementation
 *   checks them, and its effect.  `take` applies it or fails with the first failing conjunct's
 *   error; the error type of an action is the union of its own conjuncts' errors, computed by the
 *   compiler from the conjunct list (no list of names written by hand).
 * - A {@link Disjunct} is one disjunct of `Next`: an action with the domain its arguments are drawn
 *   from, and optionally `offered`, the environment's constraint on which arguments it offers in a
 *   state (for example "To only presents vouchers From signed") — a constraint of the
 *   environment, not a check of the actor, so it has no error and no conjunct.  {@link nextOf}
 *   derives `Next` from the disjuncts.
 *
 * A model module then declares its conjuncts, its actions and its disjuncts, and exports
 * `Conjuncts` (names per action, derived) for the tests that compare them with the TLA+ text.
 *
 * The tuple form at the end of this file ({@link Guard}, {@link firstFailing}, {@link ifEnabled},
 * {@link conjunctNames}) is the earlier interface, kept while `SectorPacking.ts` moves onto the
 * forms above.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { YieldableError } from "effect/Cause"
import type { Step } from "./interface.js"

// ---------------------------------------------------------------------------------------------
// Errors: one tagged class per conjunct name
// ---------------------------------------------------------------------------------------------

/** What a `NotEnabled` error carries besides its tag. */
export interface NotEnabledDetails {
  /** The TLA+ action that was not enabled. */
  readonly action: string
  /** What was wrong, with the values involved. */
  readonly reason: string
}

/**
 * Why an action is not enabled: conjunct `Name` failed.  `_tag` is the TLA+ operator's name.
 *
 * @category errors
 * @since 0.1.0
 */
export type NotEnabled<Name extends string> = YieldableError & { readonly _tag: Name } & Readonly<NotEnabledDetails>

type NotEnabledClass = new (details: NotEnabledDetails) => NotEnabled<string>
const classes = new Map<string, NotEnabledClass>()

/** The one error class of conjunct `name` (created on first use, shared by every action). */
const errorClass = (name: string): NotEnabledClass => {
  let cls = classes.get(name)
  if (cls === undefined) {
    cls = class extends Data.TaggedError(name)<NotEnabledDetails> {}
    Object.defineProperty(cls, "name", { value: name })
    classes.set(name, cls)
  }
  return cls
}

/** Renders a state or arguments for an error message (bigints as decimals, maps as objects). */
export const show = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v))

/**
 * The error of conjunct `name` failing in `action`.
 *
 * @category errors
 * @since 0.1.0
 */
export const notEnabled = <Name extends string>(name: Name, action: string, doc: string, state: unknown, args: unknown): NotEnabled<Name> =>
  new (errorClass(name))({ action, reason: `${action}: ${name} does not hold (${doc}; state ${show(state)}, arguments ${show(args)})` }) as NotEnabled<Name>

// ---------------------------------------------------------------------------------------------
// Conjuncts
// ---------------------------------------------------------------------------------------------

/**
 * One enabling conjunct (or an interleaved group of them) of a TLA+ action, over parameters `P`
 * (the constants the checks read), state `S` and arguments `A`.  `failing` answers the name of
 * the conjunct that fails, or undefined when all of `names` hold.
 *
 * @category conjuncts
 * @since 0.1.0
 */
export interface Conjunct<P, S, A, Name extends string> {
  readonly names: ReadonlyArray<Name>
  /** What the conjunct requires, in words (the error message quotes it). */
  readonly doc: string
  readonly failing: (p: P, s: S, a: A) => Name | undefined
}

/**
 * A conjunct: TLA+ operator `name`, what it requires, and its check.
 *
 * @example
 * ```ts
 * import { conjunct } from "filflow/model/_action"
 * const Positive = conjunct("Positive", "n > 0", (_p: unknown, n: number) => n > 0)
 * Positive.failing(undefined, 0, undefined) // => "Positive"
 * ```
 * @category conjuncts
 * @since 0.1.0
 */
export const conjunct = <const Name extends string, P, S, A = unknown>(name: Name, doc: string, holds: (p: P, s: S, a: A) => boolean): Conjunct<P, S, A, Name> =>
  ({ names: [name], doc, failing: (p, s, a) => (holds(p, s, a) ? undefined : name) })

/**
 * Conjuncts the implementation checks interleaved, as one check reporting the first that fails
 * in the implementation's order (the conjunction is the same as checking them one by one).
 *
 * @category conjuncts
 * @since 0.1.0
 */
export const conjunctGroup = <const Names extends string, P, S, A>(names: ReadonlyArray<Names>, doc: string, failing: (p: P, s: S, a: A) => Names | undefined): Conjunct<P, S, A, Names> =>
  ({ names, doc, failing })

/** The conjunct names of one conjunct, as a type (distributes over a union). */
export type NameOf<C> = C extends Conjunct<never, never, never, infer N> ? N : never
/** The conjunct names of a list of conjuncts, as a type. */
export type NamesOf<Cs extends ReadonlyArray<Conjunct<never, never, never, string>>> = NameOf<Cs[number]>

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/**
 * A TLA+ action: its conjuncts in the implementation's order and its effect, which applies only
 * when every conjunct holds.
 *
 * @category actions
 * @since 0.1.0
 */
export interface Action<P, S, A, Name extends string, Op extends string> {
  readonly name: Name
  readonly conjuncts: ReadonlyArray<Conjunct<P, S, A, Op>>
  /** The conjunct names, in order (what the tests compare with the TLA+ text). */
  readonly conjunctNames: ReadonlyArray<Op>
  /** The first conjunct that fails, or undefined when the action is enabled. */
  readonly firstFailing: (p: P, s: S, a: A) => Op | undefined
  /** The new state, or the first failing conjunct's error. */
  readonly take: (p: P, s: S, a: A) => Result.Result<S, NotEnabled<Op>>
  /** The new state when enabled, else undefined, building no error (for `Next`). */
  readonly ifEnabled: (p: P, s: S, a: A) => S | undefined
  readonly effect: (p: P, s: S, a: A) => S
}

/**
 * Defines an action over parameters `P`, state `S` and arguments `A` (given explicitly; the
 * name and the conjunct names are inferred).
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { action, conjunct } from "filflow/model/_action"
 * const Below = conjunct("Below", "n < max", (max: number, n: number) => n < max)
 * const Inc = action<number, number, {}>()("Inc", [Below], (_, n) => n + 1)
 * Result.getOrThrow(Inc.take(3, 1, {})) // => 2
 * ```
 * @category actions
 * @since 0.1.0
 */
export const action = <P, S, A>() =>
  <const Name extends string, const Cs extends ReadonlyArray<Conjunct<P, S, A, string>>>(name: Name, conjuncts: Cs, effect: (p: P, s: S, a: A) => S): Action<P, S, A, Name, NamesOf<Cs>> => {
    type Op = NamesOf<Cs>
    const list = conjuncts as unknown as ReadonlyArray<Conjunct<P, S, A, Op>>
    const firstFailing = (p: P, s: S, a: A): Op | undefined => {
      for (const c of list) {
        const failed = c.failing(p, s, a)
        if (failed !== undefined) return failed
      }
      return undefined
    }
    const docOf = (op: Op): string => list.find((c) => c.names.includes(op))!.doc
    return {
      name,
      conjuncts: list,
      conjunctNames: list.flatMap((c) => c.names),
      firstFailing,
      effect,
      take: (p, s, a) => {
        const failed = firstFailing(p, s, a)
        return failed === undefined ? Result.succeed(effect(p, s, a)) : Result.fail(notEnabled(failed, name, docOf(failed), s, a))
      },
      ifEnabled: (p, s, a) => (firstFailing(p, s, a) === undefined ? effect(p, s, a) : undefined)
    }
  }

// ---------------------------------------------------------------------------------------------
// Next
// ---------------------------------------------------------------------------------------------

/**
 * One disjunct of `Next`: `\E a \in args : offered(a) /\ action(a)`.
 *
 * @category actions
 * @since 0.1.0
 */
export interface Disjunct<P, S> {
  readonly action: Action<P, S, unknown, string, string>
  readonly args: ReadonlyArray<unknown>
  readonly offered?: (p: P, s: S, a: unknown) => boolean
}

/**
 * A disjunct of `Next` for `action`, its arguments drawn from `args`, offered where `offered` holds.
 *
 * @category actions
 * @since 0.1.0
 */
export const disjunct = <P, S, A>(act: Action<P, S, A, string, string>, args: ReadonlyArray<A>, offered?: (p: P, s: S, a: A) => boolean): Disjunct<P, S> =>
  ({ action: act as unknown as Action<P, S, unknown, string, string>, args, ...(offered === undefined ? {} : { offered: offered as (p: P, s: S, a: unknown) => boolean }) })

/**
 * TLA+ `Next` from its disjuncts: every enabled (action, arguments) from `s`, in order.
 *
 * @category actions
 * @since 0.1.0
 */
export const nextOf = <P, S>(p: P, disjuncts: ReadonlyArray<Disjunct<P, S>>) =>
  function* (s: S): Generator<Step<S, unknown>> {
    for (const d of disjuncts) {
      const { action: act, offered } = d
      for (const a of d.args) {
        if (offered !== undefined && !offered(p, s, a)) continue
        const t = act.ifEnabled(p, s, a)
        if (t !== undefined) yield { action: act.name, args: a, state: t }
      }
    }
  }

// ---------------------------------------------------------------------------------------------
// The tuple form (kept for SectorPacking.ts until it moves onto conjunct/action)
// ---------------------------------------------------------------------------------------------

/**
 * One enabling conjunct and its check; or a group of conjuncts checked together, whose check
 * returns the first that fails.
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
