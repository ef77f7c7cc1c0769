/**
 * The framework every model of `src/model` is written in, so that each TLA+ operator and action
 * is defined once and everything else is derived from that one definition.
 *
 * - A {@link Conjunct} is one enabling conjunct of a TLA+ action: its operator name, what it
 *   requires (in words), what it reads (the arguments only, the state only, or both) and its
 *   check.  Defined once, it gives the typed error of its failure ({@link NotEnabled}`<Name>`,
 *   tag = the operator name), its place in every action that uses it, its line in the conjunct
 *   coverage (`_coverage.ts`), and when `Next` checks it.  A {@link conjunctGroup} is several
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
 *   derives `Next` from the disjuncts, checking each conjunct only as often as what it reads
 *   requires (see {@link planDisjunct}).
 *
 * A model module then declares its conjuncts, its actions and its disjuncts, and exports
 * `Conjuncts` (names per action, derived) for the tests that compare them with the TLA+ text.
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
 * What a conjunct reads besides the constants: the action's arguments only, the state only, both,
 * or the state and a part of the arguments (a deal of `(deal, sector, offset)`, a voucher's lane
 * and nonce).  It decides when `Next` checks it (see {@link planDisjunct}); the signature of the
 * check keeps a conjunct from reading what it does not declare.
 */
export type Reads = "args" | "state" | "state and args" | "state and part of args"

/** A conjunct that reads the state and a part of the arguments: the part, and the check on it. */
export interface ConjunctPart<P, S, A> {
  readonly of: (a: A) => unknown
  readonly holds: (p: P, s: S, part: unknown) => boolean
}

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
  readonly reads: Reads
  readonly failing: (p: P, s: S, a: A) => Name | undefined
  /** With `reads` "state and part of args": the part it reads and its check on that part. */
  readonly part?: ConjunctPart<P, S, A>
}

/**
 * Conjuncts over parameters `P` and state `S` (fixed, so that a model's checks need not annotate
 * them): `(name, doc, reads, holds)` defines TLA+ operator `name`, what it requires in words, what
 * it reads, and its check, which is given only what `reads` declares; `(name, doc, "state and
 * part of args", part, holds)` a check given the state and `part(args)`.
 *
 * @category conjuncts
 * @since 0.2.0
 */
export interface ConjunctOver<P, S> {
  <const Name extends string, A>(name: Name, doc: string, reads: "args", holds: (p: P, a: A) => boolean): Conjunct<P, S, A, Name>
  <const Name extends string>(name: Name, doc: string, reads: "state", holds: (p: P, s: S) => boolean): Conjunct<P, S, unknown, Name>
  <const Name extends string, A>(name: Name, doc: string, reads: "state and args", holds: (p: P, s: S, a: A) => boolean): Conjunct<P, S, A, Name>
  <const Name extends string, A, K>(name: Name, doc: string, reads: "state and part of args", part: (a: A) => K, holds: (p: P, s: S, part: K) => boolean): Conjunct<P, S, A, Name>
}

type AnyHolds<P, S, A> = ((p: P, a: A) => boolean) | ((p: P, s: S) => boolean) | ((p: P, s: S, a: A) => boolean)

const makeConjunct = <P, S, A, Name extends string>(
  name: Name, doc: string, reads: Reads, holdsOrPart: AnyHolds<P, S, A> | ((a: A) => unknown), partHolds?: (p: P, s: S, part: unknown) => boolean
): Conjunct<P, S, A, Name> => {
  const names = [name]
  if (reads === "args") {
    const h = holdsOrPart as (p: P, a: A) => boolean
    return { names, doc, reads, failing: (p, _, a) => (h(p, a) ? undefined : name) }
  }
  if (reads === "state") {
    const h = holdsOrPart as (p: P, s: S) => boolean
    return { names, doc, reads, failing: (p, s) => (h(p, s) ? undefined : name) }
  }
  if (reads === "state and part of args") {
    const of = holdsOrPart as (a: A) => unknown
    const holds = partHolds!
    return { names, doc, reads, part: { of, holds }, failing: (p, s, a) => (holds(p, s, of(a)) ? undefined : name) }
  }
  const h = holdsOrPart as (p: P, s: S, a: A) => boolean
  return { names, doc, reads, failing: (p, s, a) => (h(p, s, a) ? undefined : name) }
}

/**
 * The conjunct constructor of a model with parameters `P` and state `S`.
 *
 * @example
 * ```ts
 * import { conjunctsOver } from "filflow/model/_action"
 * const conjunct = conjunctsOver<number, number>()
 * const Below = conjunct("Below", "n < max", "state", (max, n) => n < max)
 * Below.failing(3, 5, undefined) // => "Below"
 * Below.reads // => "state"
 * ```
 * @category conjuncts
 * @since 0.2.0
 */
export const conjunctsOver = <P, S>(): ConjunctOver<P, S> =>
  makeConjunct as unknown as ConjunctOver<P, S>

/**
 * Conjuncts the implementation checks interleaved, as one check reporting the first that fails
 * in the implementation's order (the conjunction is the same as checking them one by one).  It
 * reads the state and the arguments.
 *
 * @category conjuncts
 * @since 0.1.0
 */
export const conjunctGroup = <const Names extends string, P, S, A>(names: ReadonlyArray<Names>, doc: string, failing: (p: P, s: S, a: A) => Names | undefined): Conjunct<P, S, A, Names> =>
  ({ names, doc, reads: "state and args", failing })

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
  /** The new state, to be applied only when every conjunct holds. */
  readonly effect: (p: P, s: S, a: A) => S
}

/**
 * Defines an action over parameters `P`, state `S` and arguments `A` (given explicitly; the
 * name and the conjunct names are inferred).
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { action, conjunctsOver } from "filflow/model/_action"
 * const Below = conjunctsOver<number, number>()("Below", "n < max", "state", (max, n) => n < max)
 * const Inc = action<number, number, {}>()("Inc", [Below], (_, n) => n + 1)
 * Result.getOrThrow(Inc.take(3, 1, {})) // => 2
 * Inc.conjunctNames // => ["Below"]
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
      take: (p, s, a) => {
        const failed = firstFailing(p, s, a)
        return failed === undefined ? Result.succeed(effect(p, s, a)) : Result.fail(notEnabled(failed, name, docOf(failed), s, a))
      },
      effect
    }
  }

/** The conjunct names of an action, as a type. */
export type OperatorsOf<X> = X extends { readonly conjunctNames: ReadonlyArray<infer Op extends string> } ? Op : never

/**
 * Each action's conjunct names, in order, by action name: a model's `Conjuncts` (what the tests
 * compare with the TLA+ text), derived from its actions.
 *
 * @category actions
 * @since 0.2.0
 */
export const conjunctNamesOf = <const As extends Readonly<Record<string, { readonly conjunctNames: ReadonlyArray<string> }>>>(actions: As): { readonly [K in keyof As]: ReadonlyArray<OperatorsOf<As[K]>> } =>
  Object.fromEntries(Object.entries(actions).map(([name, a]) => [name, a.conjunctNames])) as { readonly [K in keyof As]: ReadonlyArray<OperatorsOf<As[K]>> }

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

/** A disjunct of `Next` prepared for one set of parameters (see {@link planDisjunct}). */
export interface DisjunctPlan<S, A> {
  /** The arguments every `"args"` conjunct accepts, in their original order. */
  readonly candidates: ReadonlyArray<A>
  /** The indices in `candidates` of the enabled arguments in `s`, in order. */
  readonly indices: (s: S) => ReadonlyArray<number>
  /** The enabled arguments in `s`, in their original order. */
  readonly enabled: (s: S) => ReadonlyArray<A>
}

/**
 * A conjunct that reads a part of the arguments, prepared: its check, each candidate's part, and
 * the runs of consecutive candidates with equal parts (`runStart[i]`..`runEnd[i]` is the run of
 * candidate i), over which its outcome in a state is one outcome.
 */
interface PartCheck<P, S> {
  readonly holds: (p: P, s: S, part: unknown) => boolean
  readonly parts: ReadonlyArray<unknown>
  readonly runStart: Int32Array
  readonly runEnd: Int32Array
}

const partCheck = <P, S>(part: ConjunctPart<P, S, unknown>, candidates: ReadonlyArray<unknown>): PartCheck<P, S> => {
  const parts = candidates.map(part.of)
  const keys = parts.map(show)
  const runStart = new Int32Array(parts.length)
  const runEnd = new Int32Array(parts.length)
  for (let i = 0; i < parts.length; i++) runStart[i] = i > 0 && keys[i] === keys[i - 1] ? runStart[i - 1]! : i
  for (let i = parts.length - 1; i >= 0; i--) runEnd[i] = i < parts.length - 1 && keys[i] === keys[i + 1] ? runEnd[i + 1]! : i + 1
  return { holds: part.holds, parts, runStart, runEnd }
}

/**
 * A disjunct of `Next` prepared for parameters `p`.  TLA+ `Next` draws every argument tuple from
 * finite domains and keeps those whose conjuncts hold; most candidates fail.  So each conjunct
 * is checked as rarely as what it reads allows:
 *
 * - `"args"` conjuncts once per candidate, here: the candidates they reject are dropped for good;
 * - `"state"` conjuncts once per state: when one fails no candidate is looked at;
 * - `"state and part of args"` conjuncts once per run of consecutive candidates that agree on the
 *   part, and when one fails the rest of the run is skipped;
 * - `"state and args"` conjuncts (and `offered`) per remaining candidate;
 *
 * the last two in the action's order.  Enabledness is the conjunction, whatever the order, and the
 * candidates keep their order, so the enabled arguments — and the order `Next` yields them in —
 * are those checking every conjunct of every candidate gives.  Every conjunct is still first
 * checked only where all those before it in the action hold (a check may rely on an earlier one,
 * as `MergeNonceFresh` relies on `MergeLaneExists`).
 *
 * @example
 * ```ts
 * import { action, conjunctsOver, disjunct, planDisjunct } from "filflow/model/_action"
 * const conjunct = conjunctsOver<number, number>()
 * const Even = conjunct("Even", "a is even", "args", (_, a: number) => a % 2 === 0)
 * const Open = conjunct("Open", "s >= 0", "state", (_, s) => s >= 0)
 * const Fits = conjunct("Fits", "s + a <= max", "state and args", (max, s, a: number) => s + a <= max)
 * const Add = action<number, number, number>()("Add", [Open, Even, Fits], (_, s, a) => s + a)
 * const plan = planDisjunct(10, disjunct(Add, [1, 2, 3, 4, 5, 6]))
 * plan.candidates // => [2, 4, 6]
 * Array.from(plan.enabled(5)) // => [2, 4]
 * Array.from(plan.enabled(-1)) // => []
 * ```
 * @category actions
 * @since 0.2.0
 */
export const planDisjunct = <P, S>(p: P, d: Disjunct<P, S>): DisjunctPlan<S, unknown> => {
  const conjuncts = d.action.conjuncts
  const nothing = undefined as S
  const candidates = d.args.filter((a) => conjuncts.every((c) => c.reads !== "args" || c.failing(p, nothing, a) === undefined))
  const onState = conjuncts.filter((c) => c.reads === "state").map((c) => c.failing)
  // the per-candidate checks, in the action's order: a part check, or a plain one
  const checks: ReadonlyArray<PartCheck<P, S> | Conjunct<P, S, unknown, string>["failing"]> = conjuncts
    .filter((c) => c.reads === "state and args" || c.reads === "state and part of args")
    .map((c) => (c.part !== undefined ? partCheck(c.part, candidates) : c.failing))
  const offered = d.offered
  const stateHolds = (s: S): boolean => {
    for (let i = 0; i < onState.length; i++) if (onState[i]!(p, s, undefined) !== undefined) return false
    return true
  }
  const none: ReadonlyArray<number> = []
  // per part check: the run whose outcome is known in the state at hand, and that outcome (reset
  // by each call of `indices`, which yields nothing before it returns, so no two calls share them)
  const knownRun = new Int32Array(checks.length)
  const knownHolds = new Uint8Array(checks.length)
  /** The indices of the enabled candidates in `s`, in order (a new array: `Next` may be re-entered while it yields). */
  const indices = (s: S): ReadonlyArray<number> => {
    if (!stateHolds(s)) return none
    const out: Array<number> = []
    knownRun.fill(-1)
    for (let i = 0; i < candidates.length;) {
      const a = candidates[i]
      let next = i + 1
      let enabled = offered === undefined || offered(p, s, a)
      for (let k = 0; enabled && k < checks.length; k++) {
        const check = checks[k]!
        if (typeof check === "function") {
          enabled = check(p, s, a) === undefined
          continue
        }
        const run = check.runStart[i]!
        if (knownRun[k] !== run) {
          knownRun[k] = run
          knownHolds[k] = check.holds(p, s, check.parts[i]) ? 1 : 0
        }
        if (knownHolds[k] === 0) {
          enabled = false
          next = check.runEnd[i]!
        }
      }
      if (enabled) out.push(i)
      i = next
    }
    return out
  }
  return { candidates, indices, enabled: (s) => indices(s).map((i) => candidates[i]) }
}

/**
 * TLA+ `Next` from its disjuncts, for parameters `p`: every enabled (action, arguments) from `s`,
 * in the disjunction's order, each disjunct prepared once by {@link planDisjunct}.  Nothing is
 * built for a candidate that is not enabled.
 *
 * @category actions
 * @since 0.1.0
 */
export const nextOf = <P, S>(p: P, disjuncts: ReadonlyArray<Disjunct<P, S>>) => {
  const plans = disjuncts.map((d) => ({ name: d.action.name, effect: d.action.effect, ...planDisjunct(p, d) }))
  return function* (s: S): Generator<Step<S, unknown>> {
    for (let k = 0; k < plans.length; k++) {
      const { name, effect, candidates, indices } = plans[k]!
      const enabled = indices(s)
      for (let j = 0; j < enabled.length; j++) {
        const a = candidates[enabled[j]!]
        yield { action: name, args: a, state: effect(p, s, a) }
      }
    }
  }
}
