/**
 * The payment channel's constants, state, enabling conjuncts and actions: the first half of the
 * TypeScript mirror of `spec/tla/PaymentChannel.tla` (the invariants, `Next` and the
 * specification are in `PaymentChannel.ts`, which re-exports this module).  Each conjunct is
 * defined once, with the framework of `_action.ts`; an action's error type is the union of its
 * own conjuncts' errors.
 *
 * Source: filecoin-project/builtin-actors `actors/paych/src/lib.rs` @ v16.0.1 (UpdateChannelState,
 * Settle, Collect); the spec's storage flow, "Collecting payment, via the client".
 *
 * @module
 */
import { action, conjunctGroup, conjunctNamesOf, conjunctsOver, type NotEnabled, type OperatorsOf } from "./_action.js"
import { updated } from "./_collections.js"
import { CanPay, type ChainState, Tick as ChainTick, Transfer } from "./Chain.js"
import type { Mutant } from "./PaymentChannel.js"

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
/** TLA+ `Accounts`: the holders of FIL in this model. */
export type Account = "From" | "To" | "Channel"

/**
 * The TLA+ CONSTANTS: the model's bounds.  `MaxLane`, `SettleDelay`, `MaxEpoch` and `Mutant`
 * shape the actions; the others are the domains `Next` draws arguments from.  `Mutant` absent
 * is "None": the actor as it is.
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
  readonly Mutant?: Mutant
}

/** The constants an action's effect or conjuncts depend on (the rest only bound `Next`). */
export type Params = Pick<Constants, "MaxLane" | "SettleDelay" | "MaxEpoch" | "Mutant">

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
 * The TLA+ VARIABLES, exactly: Chain's `epoch` and `balance`, the channel's, and the ghost
 * `authorised` (lane → the highest amount From has signed on it; lanes From never signed on are
 * absent).  `laneStates` holds the lanes that exist, keyed by lane id (the actor's AMT).
 *
 * @category models
 * @since 0.1.0
 */
export interface State extends ChainState<Account> {
  readonly toSend: bigint
  readonly settlingAt: number
  readonly minSettleHeight: number
  readonly laneStates: ReadonlyMap<number, LaneState>
  readonly collected: boolean
  readonly authorised: ReadonlyMap<number, bigint>
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
  readonly Sign: { readonly lane: number; readonly amount: bigint }
  readonly Tick: Record<string, never>
}

// ---------------------------------------------------------------------------------------------
// Helpers (TLA+ operators that are not checks)
// ---------------------------------------------------------------------------------------------

const broken = (p: Params, m: Mutant): boolean => p.Mutant === m

/** TLA+ `Counterparty(by)`: who must have signed a voucher redeemed by `by`. */
export const Counterparty = (by: Party): Signer => (by === "From" ? "To" : "From")

/** TLA+ `MergedLanes(lanes, ms)`: the lane states after merges `ms` set their nonces, in order. */
export const MergedLanes = (lanes: ReadonlyMap<number, LaneState>, ms: ReadonlyArray<Merge>): ReadonlyMap<number, LaneState> => {
  let out = lanes
  for (const m of ms) out = updated(out, m.lane, { redeemed: out.get(m.lane)!.redeemed, nonce: m.nonce })
  return out
}

/** TLA+ `SumRedeemed(v.merges)`: the amounts already redeemed on the merged lanes. */
export const SumRedeemed = (s: State, ms: ReadonlyArray<Merge>): bigint =>
  ms.reduce((sum, m) => sum + s.laneStates.get(m.lane)!.redeemed, 0n)

/** TLA+ `LaneRedeemed(l)`. */
export const LaneRedeemed = (s: State, lane: number): bigint => s.laneStates.get(lane)?.redeemed ?? 0n

/** TLA+ `NewToSend(v)`: toSend after redeeming v (mutant PayWholeAmount: the whole amount again). */
export const NewToSend = (p: Params, s: State, v: Voucher): bigint =>
  broken(p, "PayWholeAmount") ? s.toSend + v.amount : s.toSend + (v.amount - (SumRedeemed(s, v.merges) + LaneRedeemed(s, v.lane)))

/** TLA+ `Authorised(l)`: the highest amount From has signed on lane l (0: nothing). */
export const Authorised = (s: State, lane: number): bigint => s.authorised.get(lane) ?? 0n

/** TLA+ `AuthorisedTotal`: everything From has authorised, the highest amount on each lane. */
export const AuthorisedTotal = (s: State): bigint => [...s.authorised.values()].reduce((sum, a) => sum + a, 0n)

/**
 * TLA+ `Presentable(by, v)`: a voucher standing for From's consent (From signed it, or From
 * submits it) is within what From signed on its lane; forged and unsigned ones are always
 * presented.  The environment's constraint in `Next`, not a check of the actor.
 */
export const Presentable = (_: Params, s: State, { by, v }: UpdateChannelStateArgs): boolean =>
  v.signer === "From" || by === "From" ? v.amount <= Authorised(s, v.lane) : true

// ---------------------------------------------------------------------------------------------
// Enabling conjuncts, one per check the actor makes
// ---------------------------------------------------------------------------------------------

const check = conjunctsOver<Params, State>()
type ByArgs = { readonly by: Party }
type VArgs = { readonly v: Voucher }
type SecretArgs = { readonly v: Voucher; readonly secret: Secret }

/** TLA+ `ChannelExists`. */
export const ChannelExists = check("ChannelExists", "the channel has not been collected (the actor exists)", "state", (_, s) => !s.collected)
/** TLA+ `CallerIsParty(by)`. */
export const CallerIsParty = check("CallerIsParty", "only From or To may call", "args", (_, a: ByArgs) => a.by === "From" || a.by === "To")
/** TLA+ `VoucherSigned(v)`. */
export const VoucherSigned = check("VoucherSigned", "the voucher carries a signature", "args", (_, a: VArgs) => a.v.signer !== "Unsigned")
/** TLA+ `NotSettled`. */
export const NotSettled = check("NotSettled", "no voucher is processed from settlingAt on", "state", (_, s) => s.settlingAt === 0 || s.epoch < s.settlingAt)
/** TLA+ `SecretWithinSize(secret)`. */
export const SecretWithinSize = check("SecretWithinSize", "the secret is at most 256 bytes", "args", (_, a: { readonly secret: Secret }) => a.secret !== "TooLong")
/** TLA+ `SignedByCounterparty(by, v)`. */
export const SignedByCounterparty = check("SignedByCounterparty", "the voucher is signed by the party that did not send it",
  "args", (_, a: ByArgs & VArgs) => a.v.signer === Counterparty(a.by))
/** TLA+ `VoucherForThisChannel(v)`. */
export const VoucherForThisChannel = check("VoucherForThisChannel", "the voucher names this channel", "args", (_, a: VArgs) => a.v.channel === "This")
/** TLA+ `TimeLockMinReached(v)`. */
export const TimeLockMinReached = check("TimeLockMinReached", "epoch >= timeLockMin", "state and part of args",
  (a: VArgs) => a.v.timeLockMin, (_, s, timeLockMin) => s.epoch >= timeLockMin)
/** TLA+ `TimeLockMaxNotPassed(v)`. */
export const TimeLockMaxNotPassed = check("TimeLockMaxNotPassed", "timeLockMax = 0 or epoch <= timeLockMax", "state and part of args",
  (a: VArgs) => a.v.timeLockMax, (_, s, timeLockMax) => timeLockMax === 0 || s.epoch <= timeLockMax)
/** TLA+ `AmountNonNegative(v)`. */
export const AmountNonNegative = check("AmountNonNegative", "the amount is not negative", "args", (_, a: VArgs) => a.v.amount >= 0n)
/** TLA+ `SecretMatches(v, secret)`. */
export const SecretMatches = check("SecretMatches", "a hash-locked voucher comes with its pre-image",
  "args", (_, a: SecretArgs) => !a.v.hashLocked || a.secret === "Correct")
/** TLA+ `ExtraVerified(v)`. */
export const ExtraVerified = check("ExtraVerified", "the voucher's extra verification call succeeded", "args", (_, a: VArgs) => a.v.extra !== "Fails")
/** TLA+ `LaneWithinMax(v)`. */
export const LaneWithinMax = check("LaneWithinMax", "lane <= MaxLane", "args", (p, a: VArgs) => a.v.lane <= p.MaxLane)
/** TLA+ `LaneNonceFresh(v)` (mutant SkipNonceCheck: always). */
export const LaneNonceFresh = check("LaneNonceFresh", "an existing lane's nonce is below the voucher's", "state and part of args",
  ({ v }: VArgs) => ({ lane: v.lane, nonce: v.nonce }), (p, s, v) => {
    if (broken(p, "SkipNonceCheck")) return true
    const lane = s.laneStates.get(v.lane)
    return lane === undefined || lane.nonce < v.nonce
  })
/**
 * TLA+ `MergeNotSelf(v)`, `MergeLaneWithinMax(v)`, `MergeLaneExists(v)`, `MergeNonceFresh(v)`,
 * merge by merge in the voucher's order as the actor's loop checks them.  The conjunction is the
 * TLA+ one; only which conjunct is reported first can differ from checking the four one after
 * another when a voucher has several merges.
 */
export const MergeConjuncts = conjunctGroup(["MergeNotSelf", "MergeLaneWithinMax", "MergeLaneExists", "MergeNonceFresh"],
  "no merge names the voucher's lane; merged lanes are <= MaxLane and exist; each merge raises its lane's nonce",
  (p: Params, s: State, { v }: VArgs) => {
    for (const [i, m] of v.merges.entries()) {
      if (m.lane === v.lane) return "MergeNotSelf"
      if (m.lane > p.MaxLane) return "MergeLaneWithinMax"
      if (!s.laneStates.has(m.lane)) return "MergeLaneExists"
      if (MergedLanes(s.laneStates, v.merges.slice(0, i)).get(m.lane)!.nonce >= m.nonce) return "MergeNonceFresh"
    }
    return undefined
  })
/** TLA+ `ToSendNonNegative(v)`. */
export const ToSendNonNegative = check("ToSendNonNegative", "the redemption does not leave toSend negative", "state and args", (p, s, a: VArgs) => NewToSend(p, s, a.v) >= 0n)
/** TLA+ `ToSendWithinBalance(v)` (mutant SkipBalanceCheck: always). */
export const ToSendWithinBalance = check("ToSendWithinBalance", "the channel holds enough to cover toSend",
  "state and args", (p, s, a: VArgs) => broken(p, "SkipBalanceCheck") || NewToSend(p, s, a.v) <= s.balance.Channel)
/** TLA+ `NotSettling`. */
export const NotSettling = check("NotSettling", "Settle only once", "state", (_, s) => s.settlingAt === 0)
/** TLA+ `SettlingReached`. */
export const SettlingReached = check("SettlingReached", "Collect only from settlingAt on", "state", (_, s) => s.settlingAt !== 0 && s.epoch >= s.settlingAt)
/** TLA+ `FromHasFunds(amount)` (mutant Overdraw: always). */
export const FromHasFunds = check("FromHasFunds", "From can pay what it adds",
  "state and args", (p, s, a: { readonly amount: bigint }) => broken(p, "Overdraw") || CanPay(s, "From", a.amount))
/** TLA+ `SignsMore(l, a)`: From signs a higher cumulative amount than before on the lane. */
export const SignsMore = check("SignsMore", "the amount is above what From signed on the lane before",
  "state and args", (_, s, a: ActionArgs["Sign"]) => a.amount > Authorised(s, a.lane))

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

const Empty: ReadonlyMap<number, LaneState> = new Map()

/** TLA+ `SettleHeight` (mutants SettleWithoutDelay and SettleIgnoresMinHeight). */
const SettleHeight = (p: Params, s: State): number =>
  broken(p, "SettleWithoutDelay") ? Math.max(s.epoch, s.minSettleHeight)
    : broken(p, "SettleIgnoresMinHeight") ? s.epoch + p.SettleDelay
      : Math.max(s.epoch + p.SettleDelay, s.minSettleHeight)

/** TLA+ `Payout`: toSend to To, the rest to From (mutants CollectPaysAllToTo, CollectRefundsAll). */
const Payout = (p: Params, s: State): State["balance"] => {
  if (broken(p, "CollectPaysAllToTo")) return Transfer(s.balance, "Channel", "To", s.balance.Channel)
  const paid = Transfer(Transfer(s.balance, "Channel", "To", s.toSend), "Channel", "From", s.balance.Channel - s.toSend)
  return broken(p, "CollectRefundsAll") ? { ...paid, From: paid.From + s.toSend } : paid
}

/**
 * The TLA+ actions.  `UpdateChannelState(by, v, secret)`: `by` redeems voucher `v`, signed by the
 * other party (actor method 2).  `Settle(by)`: Collect becomes possible SettleDelay epochs from
 * now, or at minSettleHeight if that is later (method 3).  `Collect(by)`: toSend to To, the rest
 * to From, the actor deleted (method 4).  `AddFunds(amount)`: a plain value transfer from From.
 * `Sign(lane, amount)`: From signs a voucher (off chain; the ghost record).  `Tick`: Chain's.
 *
 * @category actions
 * @since 0.1.0
 */
export const Actions = {
  UpdateChannelState: action<Params, State, UpdateChannelStateArgs>()("UpdateChannelState", [
    ChannelExists, CallerIsParty, VoucherSigned, NotSettled, SecretWithinSize, SignedByCounterparty, VoucherForThisChannel,
    TimeLockMinReached, TimeLockMaxNotPassed, AmountNonNegative, SecretMatches, ExtraVerified, LaneWithinMax, LaneNonceFresh,
    MergeConjuncts, ToSendNonNegative, ToSendWithinBalance
  ], (p, s, { v }) => {
    const laneStates = updated(MergedLanes(s.laneStates, v.merges), v.lane, { redeemed: v.amount, nonce: v.nonce })
    const raise = v.minSettleHeight !== 0
    return {
      ...s,
      toSend: NewToSend(p, s, v),
      laneStates,
      settlingAt: raise && s.settlingAt !== 0 && s.settlingAt < v.minSettleHeight ? v.minSettleHeight : s.settlingAt,
      minSettleHeight: raise && s.minSettleHeight < v.minSettleHeight ? v.minSettleHeight : s.minSettleHeight
    }
  }),
  Settle: action<Params, State, ActionArgs["Settle"]>()("Settle", [ChannelExists, CallerIsParty, NotSettling],
    (p, s) => ({ ...s, settlingAt: SettleHeight(p, s) })),
  Collect: action<Params, State, ActionArgs["Collect"]>()("Collect", [ChannelExists, CallerIsParty, SettlingReached], (p, s) => ({
    ...s,
    balance: Payout(p, s),
    toSend: 0n,
    settlingAt: 0,
    minSettleHeight: 0,
    laneStates: broken(p, "CollectKeepsLanes") ? s.laneStates : Empty,
    collected: true
  })),
  AddFunds: action<Params, State, ActionArgs["AddFunds"]>()("AddFunds", [ChannelExists, FromHasFunds],
    (_, s, { amount }) => ({ ...s, balance: Transfer(s.balance, "From", "Channel", amount) })),
  Sign: action<Params, State, ActionArgs["Sign"]>()("Sign", [ChannelExists, SignsMore],
    (_, s, { lane, amount }) => ({ ...s, authorised: updated(s.authorised, lane, amount) })),
  Tick: ChainTick<Params, State>()
} as const

/** The TLA+ actions of PaymentChannel. */
export type Action = keyof typeof Actions

/** The conjuncts of each action, as types: an action's `NotEnabled` is the union of their errors. */
export type ActionOperators = { readonly [K in Action]: OperatorsOf<(typeof Actions)[K]> }
/** The name of an enabling conjunct (a TLA+ operator) that can fail. */
export type Operator = ActionOperators[Action]

/**
 * Each action's enabling conjuncts, by TLA+ operator name, in order (the test suite checks this
 * list against the TLA+ text).
 *
 * @category actions
 * @since 0.1.0
 */
export const Conjuncts: { readonly [K in Action]: ReadonlyArray<ActionOperators[K]> } = conjunctNamesOf(Actions)

/** Every operator name, each once, in the order the actions list them. */
export const Operators: ReadonlyArray<Operator> = [...new Set(Object.values(Conjuncts).flat())]

/** The error of conjunct `Op`. */
export type NotEnabledOf<Op extends Operator> = NotEnabled<Op>
/** Why a payment-channel action is not enabled: the union of the conjunct errors. */
export type PaymentChannelNotEnabled = NotEnabled<Operator>
/** Why `UpdateChannelState` is not enabled: one of its conjuncts failed. */
export type UpdateChannelStateNotEnabled = NotEnabled<ActionOperators["UpdateChannelState"]>
/** Why `Settle` is not enabled. */
export type SettleNotEnabled = NotEnabled<ActionOperators["Settle"]>
/** Why `Collect` is not enabled. */
export type CollectNotEnabled = NotEnabled<ActionOperators["Collect"]>
/** Why `AddFunds` is not enabled. */
export type AddFundsNotEnabled = NotEnabled<ActionOperators["AddFunds"]>
/** Why `Sign` is not enabled. */
export type SignNotEnabled = NotEnabled<ActionOperators["Sign"]>
/** Why `Tick` is not enabled. */
export type TickNotEnabled = NotEnabled<ActionOperators["Tick"]>

/** TLA+ `UpdateChannelState(by, v, secret)` as a function: the new state or why not. */
export const UpdateChannelState = Actions.UpdateChannelState.take
/** TLA+ `Settle(by)`. */
export const Settle = Actions.Settle.take
/** TLA+ `Collect(by)`. */
export const Collect = Actions.Collect.take
/** TLA+ `AddFunds(amount)`. */
export const AddFunds = Actions.AddFunds.take
/** TLA+ `Sign(l, a)`. */
export const Sign = Actions.Sign.take
/** TLA+ `Tick` (Chain). */
export const Tick = Actions.Tick.take
