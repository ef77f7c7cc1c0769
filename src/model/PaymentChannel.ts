/**
 * The payment channel, as pure state transitions: the TypeScript mirror of
 * `spec/tla/PaymentChannel.tla`, with the same constants, variables, actions (enabling conjuncts
 * in the same order), `Init`, `Next` and invariants, under the same names.
 *
 * Source: filecoin-project/builtin-actors `actors/paych/src/lib.rs` (UpdateChannelState, Settle,
 * Collect); the spec's storage flow, "Collecting payment, via the client" (RedeemVoucher at the
 * PaymentChannelActor).
 *
 * @module
 */
import { Result } from "effect"
import type { Specification, Step } from "./interface.js"
import { type Guard as G, conjunctNames, firstFailing, ifEnabled } from "./_action.js"
import {
  type Action,
  type ActionOperators,
  type NotEnabledOf,
  type Operator,
  notEnabled
} from "./PaymentChannelErrors.js"

export * from "./PaymentChannelErrors.js"

// ---------------------------------------------------------------------------------------------
// Constants and state
// ---------------------------------------------------------------------------------------------

/** Who sends a message. */
export type Party = "From" | "To" | "Stranger"
/** Who signed a voucher (abstracted): a party, a forger, or nobody. */
export type Signer = "From" | "To" | "Forged" | "Unsigned"
/** The channel a voucher names: this one or another. */
export type ChannelRef = "This" | "Other"
/** The secret given with a voucher, relative to its hash lock. */
export type Secret = "Correct" | "Wrong" | "TooLong"
/** The outcome of the voucher's `extra` verification call, if it has one. */
export type Extra = "None" | "Passes" | "Fails"

/**
 * The TLA+ CONSTANTS: the model's bounds.  `MaxLane`, `SettleDelay` and `MaxEpoch` shape the
 * actions; the others are the domains `Next` draws arguments from.
 *
 * @category models
 * @since 0.1.0
 */
export interface Constants {
  readonly MaxLane: number
  readonly SettleDelay: number
  readonly MaxEpoch: number
  readonly FromFunds: bigint
  readonly ChannelFunds: bigint
  readonly Callers: ReadonlyArray<Party>
  readonly Signers: ReadonlyArray<Signer>
  readonly Channels: ReadonlyArray<ChannelRef>
  readonly LaneIds: ReadonlyArray<number>
  readonly Nonces: ReadonlyArray<number>
  readonly Amounts: ReadonlyArray<bigint>
  readonly TimeLocks: ReadonlyArray<number>
  readonly SettleHeights: ReadonlyArray<number>
  readonly MaxMerges: number
  readonly HashLocks: ReadonlyArray<boolean>
  readonly Secrets: ReadonlyArray<Secret>
  readonly Extras: ReadonlyArray<Extra>
  readonly AddAmounts: ReadonlyArray<bigint>
}

/** TLA+ `LaneState`: a lane's cumulative redeemed amount and its nonce. */
export interface LaneState {
  readonly redeemed: bigint
  readonly nonce: number
}

/** TLA+ `Merge`: set lane `lane`'s nonce to `nonce` and count its redeemed amount as paid. */
export interface Merge {
  readonly lane: number
  readonly nonce: number
}

/** TLA+ `Voucher`: a signed voucher, with its cryptography abstracted. */
export interface Voucher {
  readonly channel: ChannelRef
  readonly signer: Signer
  readonly lane: number
  readonly nonce: number
  readonly amount: bigint
  readonly timeLockMin: number
  readonly timeLockMax: number
  readonly minSettleHeight: number
  readonly merges: ReadonlyArray<Merge>
  readonly hashLocked: boolean
  readonly extra: Extra
}

/**
 * The TLA+ VARIABLES, exactly: no derived or extra fields (TLC counts would drift).
 * `laneStates` holds the lanes that exist, keyed by lane id (the actor's AMT).
 *
 * @category models
 * @since 0.1.0
 */
export interface State {
  readonly epoch: number
  readonly fromBalance: bigint
  readonly toBalance: bigint
  readonly channelBalance: bigint
  readonly toSend: bigint
  readonly settlingAt: number
  readonly minSettleHeight: number
  readonly laneStates: ReadonlyMap<number, LaneState>
  readonly collected: boolean
}

/** The arguments of `UpdateChannelState(by, v, secret)`. */
export interface UpdateChannelStateArgs {
  readonly by: Party
  readonly v: Voucher
  readonly secret: Secret
}

/** The arguments of every action, by action name. */
export interface ActionArgs {
  readonly UpdateChannelState: UpdateChannelStateArgs
  readonly Settle: { readonly by: Party }
  readonly Collect: { readonly by: Party }
  readonly AddFunds: { readonly amount: bigint }
  readonly Tick: { readonly [k: string]: never }
}

/** The constants an action's effect or guards depend on (the rest only bound `Next`). */
export type Params = Pick<Constants, "MaxLane" | "SettleDelay" | "MaxEpoch">

// ---------------------------------------------------------------------------------------------
// Helpers (TLA+ operators that are not checks)
// ---------------------------------------------------------------------------------------------

/** TLA+ `Counterparty(by)`: who must have signed a voucher redeemed by `by`. */
export const Counterparty = (by: Party): Signer => (by === "From" ? "To" : "From")

/** TLA+ `MergedLanes(lanes, ms)`: the lane states after merges `ms` set their nonces, in order. */
export const MergedLanes = (lanes: ReadonlyMap<number, LaneState>, ms: ReadonlyArray<Merge>): ReadonlyMap<number, LaneState> => {
  if (ms.length === 0) return lanes
  const out = new Map(lanes)
  for (const m of ms) out.set(m.lane, { redeemed: out.get(m.lane)!.redeemed, nonce: m.nonce })
  return out
}

/** TLA+ `SumRedeemed(v.merges)`: the amounts already redeemed on the merged lanes. */
export const SumRedeemed = (s: State, ms: ReadonlyArray<Merge>): bigint =>
  ms.reduce((sum, m) => sum + s.laneStates.get(m.lane)!.redeemed, 0n)

/** TLA+ `LaneRedeemed(l)`. */
export const LaneRedeemed = (s: State, lane: number): bigint => s.laneStates.get(lane)?.redeemed ?? 0n

/** TLA+ `NewToSend(v)`: toSend after redeeming v. */
export const NewToSend = (s: State, v: Voucher): bigint =>
  s.toSend + (v.amount - (SumRedeemed(s, v.merges) + LaneRedeemed(s, v.lane)))

// ---------------------------------------------------------------------------------------------
// Enabling conditions, one per check the actor makes
// ---------------------------------------------------------------------------------------------

type Guard<A, Op extends Operator = Operator> = G<Params, State, A, Op>

/**
 * The four merge conjuncts, merge by merge in the voucher's order, as the actor's loop checks
 * them: for each merge MergeNotSelf, MergeLaneWithinMax, MergeLaneExists, MergeNonceFresh.  The
 * conjunction is the same as the TLA+ one; only which conjunct is reported first can differ
 * from checking the four one after another when a voucher has several merges.
 */
const failingMergeConjunct = (c: Params, s: State, v: Voucher): "MergeNotSelf" | "MergeLaneWithinMax" | "MergeLaneExists" | "MergeNonceFresh" | undefined => {
  for (const [i, m] of v.merges.entries()) {
    if (m.lane === v.lane) return "MergeNotSelf"
    if (m.lane > c.MaxLane) return "MergeLaneWithinMax"
    if (!s.laneStates.has(m.lane)) return "MergeLaneExists"
    if (MergedLanes(s.laneStates, v.merges.slice(0, i)).get(m.lane)!.nonce >= m.nonce) return "MergeNonceFresh"
  }
  return undefined
}

/** UpdateChannelState's conjuncts, in the actor's order. */
const UpdateChannelStateGuards: ReadonlyArray<Guard<UpdateChannelStateArgs, ActionOperators["UpdateChannelState"]>> = [
  ["ChannelExists", (_, s) => !s.collected],
  ["CallerIsParty", (_, __, a) => a.by === "From" || a.by === "To"],
  ["VoucherSigned", (_, __, a) => a.v.signer !== "Unsigned"],
  ["NotSettled", (_, s) => s.settlingAt === 0 || s.epoch < s.settlingAt],
  ["SecretWithinSize", (_, __, a) => a.secret !== "TooLong"],
  ["SignedByCounterparty", (_, __, a) => a.v.signer === Counterparty(a.by)],
  ["VoucherForThisChannel", (_, __, a) => a.v.channel === "This"],
  ["TimeLockMinReached", (_, s, a) => s.epoch >= a.v.timeLockMin],
  ["TimeLockMaxNotPassed", (_, s, a) => a.v.timeLockMax === 0 || s.epoch <= a.v.timeLockMax],
  ["AmountNonNegative", (_, __, a) => a.v.amount >= 0n],
  ["SecretMatches", (_, __, a) => !a.v.hashLocked || a.secret === "Correct"],
  ["ExtraVerified", (_, __, a) => a.v.extra !== "Fails"],
  ["LaneWithinMax", (c, _, a) => a.v.lane <= c.MaxLane],
  ["LaneNonceFresh", (_, s, a) => {
    const lane = s.laneStates.get(a.v.lane)
    return lane === undefined || lane.nonce < a.v.nonce
  }],
  [["MergeNotSelf", "MergeLaneWithinMax", "MergeLaneExists", "MergeNonceFresh"], (c, s, a) => failingMergeConjunct(c, s, a.v)],
  ["ToSendNonNegative", (_, s, a) => NewToSend(s, a.v) >= 0n],
  ["ToSendWithinBalance", (_, s, a) => NewToSend(s, a.v) <= s.channelBalance]
]

const SettleGuards: ReadonlyArray<Guard<ActionArgs["Settle"], ActionOperators["Settle"]>> = [
  ["ChannelExists", (_, s) => !s.collected],
  ["CallerIsParty", (_, __, a) => a.by === "From" || a.by === "To"],
  ["NotSettling", (_, s) => s.settlingAt === 0]
]

const CollectGuards: ReadonlyArray<Guard<ActionArgs["Collect"], ActionOperators["Collect"]>> = [
  ["ChannelExists", (_, s) => !s.collected],
  ["CallerIsParty", (_, __, a) => a.by === "From" || a.by === "To"],
  ["SettlingReached", (_, s) => s.settlingAt !== 0 && s.epoch >= s.settlingAt]
]

const AddFundsGuards: ReadonlyArray<Guard<ActionArgs["AddFunds"], ActionOperators["AddFunds"]>> = [
  ["ChannelExists", (_, s) => !s.collected],
  ["FromHasFunds", (_, s, a) => a.amount <= s.fromBalance]
]

const TickGuards: ReadonlyArray<Guard<ActionArgs["Tick"], ActionOperators["Tick"]>> = [["ClockRunning", (c, s) => s.epoch < c.MaxEpoch]]

const names = <A>(guards: ReadonlyArray<Guard<A>>): ReadonlyArray<Operator> => conjunctNames(guards)

/**
 * Each action's enabling conjuncts, by TLA+ operator name, in order (the test suite checks this
 * list against spec/tla/PaymentChannel.tla).
 *
 * @category actions
 * @since 0.1.0
 */
export const Conjuncts: Readonly<Record<Action, ReadonlyArray<Operator>>> = {
  UpdateChannelState: names(UpdateChannelStateGuards),
  Settle: names(SettleGuards),
  Collect: names(CollectGuards),
  AddFunds: names(AddFundsGuards),
  Tick: names(TickGuards)
}

type Effect<A> = (c: Params, s: State, a: A) => State

/** An action from its conjuncts and its effect: the effect applies only when every conjunct holds. */
const take = <A, Op extends Operator>(action: Action, guards: ReadonlyArray<Guard<A, Op>>, effect: Effect<A>) =>
  (c: Params, s: State, a: A): Result.Result<State, NotEnabledOf<Op>> => {
    const failed = firstFailing(guards, c, s, a)
    return failed === undefined ? Result.succeed(effect(c, s, a)) : Result.fail(notEnabled(failed, action, s, a))
  }

// ---------------------------------------------------------------------------------------------
// Init and the actions
// ---------------------------------------------------------------------------------------------

/**
 * TLA+ `Init`: the state just after the Constructor; From has funded the channel.
 *
 * @category actions
 * @since 0.1.0
 */
export const Init = (c: Pick<Constants, "FromFunds" | "ChannelFunds">): State => ({
  epoch: 0,
  fromBalance: c.FromFunds - c.ChannelFunds,
  toBalance: 0n,
  channelBalance: c.ChannelFunds,
  toSend: 0n,
  settlingAt: 0,
  minSettleHeight: 0,
  laneStates: new Map(),
  collected: false
})

/** The effect of UpdateChannelState, once its conjuncts hold. */
const UpdateChannelStateEffect: Effect<UpdateChannelStateArgs> = (_, s, { v }) => {
  const laneStates = new Map(MergedLanes(s.laneStates, v.merges))
  laneStates.set(v.lane, { redeemed: v.amount, nonce: v.nonce })
  const raise = v.minSettleHeight !== 0
  return {
    ...s,
    toSend: NewToSend(s, v),
    laneStates,
    settlingAt: raise && s.settlingAt !== 0 && s.settlingAt < v.minSettleHeight ? v.minSettleHeight : s.settlingAt,
    minSettleHeight: raise && s.minSettleHeight < v.minSettleHeight ? v.minSettleHeight : s.minSettleHeight
  }
}
/**
 * TLA+ `UpdateChannelState(by, v, secret)`: `by` redeems voucher `v`, signed by the other party
 * (actor method 2; the seed's RedeemVoucher at the PaymentChannelActor).
 *
 * @category actions
 * @since 0.1.0
 */
export const UpdateChannelState = take("UpdateChannelState", UpdateChannelStateGuards, UpdateChannelStateEffect)

/** The effect of Settle, once its conjuncts hold. */
const SettleEffect: Effect<ActionArgs["Settle"]> = (c, s) => ({
  ...s,
  settlingAt: Math.max(s.epoch + c.SettleDelay, s.minSettleHeight)
})
/**
 * TLA+ `Settle(by)`: Collect becomes possible SettleDelay epochs from now, or at minSettleHeight
 * if that is later (actor method 3).
 *
 * @category actions
 * @since 0.1.0
 */
export const Settle = take("Settle", SettleGuards, SettleEffect)

/** The effect of Collect, once its conjuncts hold. */
const CollectEffect: Effect<ActionArgs["Collect"]> = (_, s) => ({
  epoch: s.epoch,
  toBalance: s.toBalance + s.toSend,
  fromBalance: s.fromBalance + (s.channelBalance - s.toSend),
  channelBalance: 0n,
  toSend: 0n,
  settlingAt: 0,
  minSettleHeight: 0,
  laneStates: new Map(),
  collected: true
})
/**
 * TLA+ `Collect(by)`: toSend goes to To, the rest back to From, and the actor is deleted
 * (actor method 4).
 *
 * @category actions
 * @since 0.1.0
 */
export const Collect = take("Collect", CollectGuards, CollectEffect)

/** The effect of AddFunds, once its conjuncts hold. */
const AddFundsEffect: Effect<ActionArgs["AddFunds"]> = (_, s, { amount }) => ({
  ...s,
  fromBalance: s.fromBalance - amount,
  channelBalance: s.channelBalance + amount
})
/**
 * TLA+ `AddFunds(amount)`: From sends more funds to the channel.
 *
 * @category actions
 * @since 0.1.0
 */
export const AddFunds = take("AddFunds", AddFundsGuards, AddFundsEffect)

/** The effect of Tick, once its conjuncts hold. */
const TickEffect: Effect<ActionArgs["Tick"]> = (_, s) => ({ ...s, epoch: s.epoch + 1 })
/**
 * TLA+ `Tick`: the chain advances one epoch.
 *
 * @category actions
 * @since 0.1.0
 */
export const Tick = take("Tick", TickGuards, TickEffect)

// ---------------------------------------------------------------------------------------------
// Invariants and properties
// ---------------------------------------------------------------------------------------------

/** TLA+ `TypeOK`. */
export const TypeOK = (c: Constants, s: State): boolean =>
  Number.isInteger(s.epoch) && s.epoch >= 0 && s.epoch <= c.MaxEpoch &&
  [s.fromBalance, s.toBalance, s.channelBalance].every((b) => b >= 0n && b <= c.FromFunds) &&
  Number.isInteger(s.settlingAt) && s.settlingAt >= 0 &&
  Number.isInteger(s.minSettleHeight) && s.minSettleHeight >= 0 &&
  [...s.laneStates].every(([l, ls]) => Number.isInteger(l) && l >= 0 && l <= c.MaxLane && Number.isInteger(ls.nonce) && ls.nonce >= 0) &&
  typeof s.collected === "boolean"

/** TLA+ `RedeemedWithinBalance`: the channel never owes To more than it holds. */
export const RedeemedWithinBalance = (s: State): boolean => 0n <= s.toSend && s.toSend <= s.channelBalance

/** TLA+ `FundsConserved`: From + To + channel is constant. */
export const FundsConserved = (c: Constants, s: State): boolean =>
  s.fromBalance + s.toBalance + s.channelBalance === c.FromFunds

/** TLA+ `NothingAfterCollect`: once collected, the channel holds and owes nothing. */
export const NothingAfterCollect = (s: State): boolean =>
  !s.collected || (s.channelBalance === 0n && s.toSend === 0n && s.settlingAt === 0 && s.laneStates.size === 0)

/** TLA+ `SettleNotBeforeMinHeight`. */
export const SettleNotBeforeMinHeight = (s: State): boolean => s.settlingAt === 0 || s.settlingAt >= s.minSettleHeight

/** TLA+ `NoDoubleRedemption` (an action property): every change to an existing lane raises its nonce. */
export const NoDoubleRedemption = (s: State, t: State): boolean => {
  for (const [l, after] of t.laneStates) {
    const before = s.laneStates.get(l)
    if (before !== undefined && (before.redeemed !== after.redeemed || before.nonce !== after.nonce) && !(after.nonce > before.nonce)) return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Next and the specification the explorer walks
// ---------------------------------------------------------------------------------------------

const cartesian = <T>(lists: ReadonlyArray<ReadonlyArray<T>>): Array<Array<T>> =>
  lists.reduce<Array<Array<T>>>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]])

/** TLA+ `MergeLists`: every merge list of length 0..MaxMerges over LaneIds × Nonces. */
export const MergeLists = (c: Constants): Array<ReadonlyArray<Merge>> => {
  const merges = c.LaneIds.flatMap((lane) => c.Nonces.map((nonce) => ({ lane, nonce })))
  const lists: Array<ReadonlyArray<Merge>> = []
  for (let n = 0; n <= c.MaxMerges; n++) lists.push(...cartesian(Array.from({ length: n }, () => merges)))
  return lists
}

/** TLA+ `Voucher`: every voucher the bounds allow. */
export const Vouchers = (c: Constants): Array<Voucher> => {
  const out: Array<Voucher> = []
  for (const channel of c.Channels) for (const signer of c.Signers) for (const lane of c.LaneIds)
    for (const nonce of c.Nonces) for (const amount of c.Amounts) for (const timeLockMin of c.TimeLocks)
      for (const timeLockMax of c.TimeLocks) for (const minSettleHeight of c.SettleHeights)
        for (const merges of MergeLists(c)) for (const hashLocked of c.HashLocks) for (const extra of c.Extras)
          out.push({ channel, signer, lane, nonce, amount, timeLockMin, timeLockMax, minSettleHeight, merges, hashLocked, extra })
  return out
}

/** An action name with its arguments, as `Next` yields them. */
export type PaymentChannelStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/**
 * TLA+ `Next`: every enabled (action, arguments) from `s`, in the disjunction's order.
 *
 * @category actions
 * @since 0.1.0
 */
export const Next = (c: Constants): ((s: State) => Iterable<PaymentChannelStep>) => {
  const vouchers = Vouchers(c)
  return function* (s): Generator<PaymentChannelStep> {
    for (const by of c.Callers) for (const v of vouchers) for (const secret of c.Secrets) {
      const args = { by, v, secret }
      const t = ifEnabled(UpdateChannelStateGuards, UpdateChannelStateEffect, c, s, args)
      if (t !== undefined) yield { action: "UpdateChannelState", args, state: t }
    }
    for (const by of c.Callers) {
      const t = ifEnabled(SettleGuards, SettleEffect, c, s, { by })
      if (t !== undefined) yield { action: "Settle", args: { by }, state: t }
    }
    for (const by of c.Callers) {
      const t = ifEnabled(CollectGuards, CollectEffect, c, s, { by })
      if (t !== undefined) yield { action: "Collect", args: { by }, state: t }
    }
    for (const amount of c.AddAmounts) {
      const t = ifEnabled(AddFundsGuards, AddFundsEffect, c, s, { amount })
      if (t !== undefined) yield { action: "AddFunds", args: { amount }, state: t }
    }
    const t = ifEnabled(TickGuards, TickEffect, c, s, {})
    if (t !== undefined) yield { action: "Tick", args: {}, state: t }
  }
}

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => {
  const lanes = [...s.laneStates].sort(([a], [b]) => a - b).map(([l, ls]) => `${l}:${ls.redeemed}:${ls.nonce}`).join(",")
  return `${s.epoch}|${s.fromBalance}|${s.toBalance}|${s.channelBalance}|${s.toSend}|${s.settlingAt}|${s.minSettleHeight}|${lanes}|${s.collected ? 1 : 0}`
}

/**
 * The specification for the explorer: Init, Next, the invariants and properties by TLA+ name.
 *
 * @category exploration
 * @since 0.1.0
 */
export const specification = (c: Constants): Specification<State, PaymentChannelStep["args"]> => ({
  name: "PaymentChannel",
  Init: [Init(c)],
  Next: Next(c),
  key,
  invariants: {
    TypeOK: (s) => TypeOK(c, s),
    RedeemedWithinBalance,
    FundsConserved: (s) => FundsConserved(c, s),
    NothingAfterCollect,
    SettleNotBeforeMinHeight
  },
  properties: { NoDoubleRedemption }
})
