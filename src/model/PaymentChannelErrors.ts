/**
 * Why a payment-channel action is not enabled: one tagged error per enabling conjunct of
 * `spec/tla/PaymentChannel.tla`, named after the TLA+ operator that failed.  An operator shared by
 * several actions is one class; the error says which action failed and why, with the values.
 *
 * @module
 */
import { Data } from "effect"

/** The TLA+ actions of PaymentChannel. */
export type Action = "UpdateChannelState" | "Settle" | "Collect" | "AddFunds" | "Tick"

interface Details {
  /** The TLA+ action that was not enabled. */
  readonly action: Action
  /** What was wrong, with the values involved. */
  readonly reason: string
}

/** TLA+ `ChannelExists`: the channel has not been collected (the actor still exists). */
export class ChannelExists extends Data.TaggedError("ChannelExists")<Details> {}
/** TLA+ `CallerIsParty(by)`: only From or To may call. */
export class CallerIsParty extends Data.TaggedError("CallerIsParty")<Details> {}
/** TLA+ `VoucherSigned(v)`: the voucher carries a signature. */
export class VoucherSigned extends Data.TaggedError("VoucherSigned")<Details> {}
/** TLA+ `NotSettled`: no voucher is processed from settlingAt on. */
export class NotSettled extends Data.TaggedError("NotSettled")<Details> {}
/** TLA+ `SecretWithinSize(secret)`: the secret is at most 256 bytes. */
export class SecretWithinSize extends Data.TaggedError("SecretWithinSize")<Details> {}
/** TLA+ `SignedByCounterparty(by, v)`: the voucher is signed by the party that did not send it. */
export class SignedByCounterparty extends Data.TaggedError("SignedByCounterparty")<Details> {}
/** TLA+ `VoucherForThisChannel(v)`: the voucher names this channel. */
export class VoucherForThisChannel extends Data.TaggedError("VoucherForThisChannel")<Details> {}
/** TLA+ `TimeLockMinReached(v)`: epoch >= timeLockMin. */
export class TimeLockMinReached extends Data.TaggedError("TimeLockMinReached")<Details> {}
/** TLA+ `TimeLockMaxNotPassed(v)`: timeLockMax = 0 or epoch <= timeLockMax. */
export class TimeLockMaxNotPassed extends Data.TaggedError("TimeLockMaxNotPassed")<Details> {}
/** TLA+ `AmountNonNegative(v)`. */
export class AmountNonNegative extends Data.TaggedError("AmountNonNegative")<Details> {}
/** TLA+ `SecretMatches(v, secret)`: a hash-locked voucher comes with its pre-image. */
export class SecretMatches extends Data.TaggedError("SecretMatches")<Details> {}
/** TLA+ `ExtraVerified(v)`: the voucher's extra verification call succeeded. */
export class ExtraVerified extends Data.TaggedError("ExtraVerified")<Details> {}
/** TLA+ `LaneWithinMax(v)`: lane <= MaxLane. */
export class LaneWithinMax extends Data.TaggedError("LaneWithinMax")<Details> {}
/** TLA+ `LaneNonceFresh(v)`: an existing lane's nonce is below the voucher's. */
export class LaneNonceFresh extends Data.TaggedError("LaneNonceFresh")<Details> {}
/** TLA+ `MergeNotSelf(v)`: no merge names the voucher's own lane. */
export class MergeNotSelf extends Data.TaggedError("MergeNotSelf")<Details> {}
/** TLA+ `MergeLaneWithinMax(v)`: merged lanes are <= MaxLane. */
export class MergeLaneWithinMax extends Data.TaggedError("MergeLaneWithinMax")<Details> {}
/** TLA+ `MergeLaneExists(v)`: merged lanes exist. */
export class MergeLaneExists extends Data.TaggedError("MergeLaneExists")<Details> {}
/** TLA+ `MergeNonceFresh(v)`: each merge raises its lane's nonce. */
export class MergeNonceFresh extends Data.TaggedError("MergeNonceFresh")<Details> {}
/** TLA+ `ToSendNonNegative(v)`: the redemption does not leave toSend negative. */
export class ToSendNonNegative extends Data.TaggedError("ToSendNonNegative")<Details> {}
/** TLA+ `ToSendWithinBalance(v)`: the channel holds enough to cover toSend. */
export class ToSendWithinBalance extends Data.TaggedError("ToSendWithinBalance")<Details> {}
/** TLA+ `NotSettling`: Settle only once. */
export class NotSettling extends Data.TaggedError("NotSettling")<Details> {}
/** TLA+ `SettlingReached`: Collect only from settlingAt on. */
export class SettlingReached extends Data.TaggedError("SettlingReached")<Details> {}
/** TLA+ `FromHasFunds(amount)`: From can pay what it adds. */
export class FromHasFunds extends Data.TaggedError("FromHasFunds")<Details> {}
/** TLA+ `ClockRunning`: the model's clock stops at MaxEpoch. */
export class ClockRunning extends Data.TaggedError("ClockRunning")<Details> {}

const classes = {
  ChannelExists, CallerIsParty, VoucherSigned, NotSettled, SecretWithinSize, SignedByCounterparty,
  VoucherForThisChannel, TimeLockMinReached, TimeLockMaxNotPassed, AmountNonNegative, SecretMatches,
  ExtraVerified, LaneWithinMax, LaneNonceFresh, MergeNotSelf, MergeLaneWithinMax, MergeLaneExists,
  MergeNonceFresh, ToSendNonNegative, ToSendWithinBalance, NotSettling, SettlingReached, FromHasFunds,
  ClockRunning
} as const

/** The name of an enabling conjunct (a TLA+ operator) that can fail. */
export type Operator = keyof typeof classes

/** Every operator name, in the order the actor checks them. */
export const Operators = Object.keys(classes) as ReadonlyArray<Operator>

/**
 * Why a payment-channel action is not enabled: the union of the conjunct errors.
 *
 * @category errors
 * @since 0.1.0
 */
export type PaymentChannelNotEnabled = InstanceType<(typeof classes)[Operator]>

/** The error of conjunct `Op`. */
export type NotEnabledOf<Op extends Operator> = InstanceType<(typeof classes)[Op]>

/** The conjuncts of each action, as types: an action's `NotEnabled` is the union of their errors. */
export interface ActionOperators {
  readonly UpdateChannelState: "ChannelExists" | "CallerIsParty" | "VoucherSigned" | "NotSettled" | "SecretWithinSize" | "SignedByCounterparty" | "VoucherForThisChannel" | "TimeLockMinReached" | "TimeLockMaxNotPassed" | "AmountNonNegative" | "SecretMatches" | "ExtraVerified" | "LaneWithinMax" | "LaneNonceFresh" | "MergeNotSelf" | "MergeLaneWithinMax" | "MergeLaneExists" | "MergeNonceFresh" | "ToSendNonNegative" | "ToSendWithinBalance"
  readonly Settle: "ChannelExists" | "CallerIsParty" | "NotSettling"
  readonly Collect: "ChannelExists" | "CallerIsParty" | "SettlingReached"
  readonly AddFunds: "ChannelExists" | "FromHasFunds"
  readonly Tick: "ClockRunning"
}

/** Why `UpdateChannelState` is not enabled: one of its twenty conjuncts failed. */
export type UpdateChannelStateNotEnabled = InstanceType<(typeof classes)[ActionOperators["UpdateChannelState"]]>
/** Why `Settle` is not enabled. */
export type SettleNotEnabled = InstanceType<(typeof classes)[ActionOperators["Settle"]]>
/** Why `Collect` is not enabled. */
export type CollectNotEnabled = InstanceType<(typeof classes)[ActionOperators["Collect"]]>
/** Why `AddFunds` is not enabled. */
export type AddFundsNotEnabled = InstanceType<(typeof classes)[ActionOperators["AddFunds"]]>
/** Why `Tick` is not enabled. */
export type TickNotEnabled = InstanceType<(typeof classes)[ActionOperators["Tick"]]>

const show = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? Object.fromEntries(v) : v))

/** Builds the error for operator `op` failing in `action`, with the state's and arguments' values. */
export const notEnabled = <Op extends Operator>(op: Op, action: Action, s: object, args: unknown): NotEnabledOf<Op> =>
  new classes[op]({ action, reason: `${action}: ${op} does not hold (state ${show(s)}, arguments ${show(args)})` }) as NotEnabledOf<Op>
