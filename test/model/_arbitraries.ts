/**
 * Test helper: arbitraries over the payment-channel model's actions, and wide bounds with every
 * bad value, shared by the model's property tests and the refinement check.
 */
import { fc } from "@fast-check/vitest"
import type { Result } from "effect"
import { Actions, Authorised, type Constants, Counterparty, type PaymentChannelNotEnabled, type PaymentChannelStep, Presentable, type State, type Voucher } from "../../src/model/PaymentChannel.js"
import { paymentChannelConstants } from "./_checkConfigs.js"

const tiny = paymentChannelConstants("MCPaymentChannel_Tiny")

/** Wider bounds than any TLC config, with every bad value, for the property tests. */
export const wide: Constants = {
  ...tiny,
  MaxLane: 1, SettleDelay: 2, MaxEpoch: 4, FromFunds: 5n, ChannelFunds: 3n,
  Callers: ["From", "To", "Stranger"], Signers: ["From", "To", "Forged", "Unsigned"], Channels: ["This", "Other"],
  LaneIds: [0, 1, 2], Nonces: [0, 1, 2, 3], Amounts: [-1n, 0n, 1n, 2n, 3n, 4n], TimeLocks: [0, 1, 3],
  SettleHeights: [0, 3, 6], MaxMerges: 2, HashLocks: [false, true], Secrets: ["Correct", "Wrong", "TooLong"],
  Extras: ["None", "Passes", "Fails"], AddAmounts: [1n, 2n, 9n], Mutant: "None"
}

/** A model step without its resulting state: an action and its arguments. */
export type AnyStep = { [K in PaymentChannelStep["action"]]: Omit<Extract<PaymentChannelStep, { action: K }>, "state"> }[PaymentChannelStep["action"]]

/** A random (action, arguments) drawn from the bounds, enabled or not. */
export const anyStep = (c: Constants): fc.Arbitrary<AnyStep> => {
  const pick = <T>(xs: ReadonlyArray<T>) => fc.constantFrom(...xs)
  const merge = fc.record({ lane: pick(c.LaneIds), nonce: pick(c.Nonces) })
  // Each rejection-only dimension mostly takes its accepting value, so that random sequences
  // reach deep states, and otherwise any value of the bounds, so that conjuncts fail often.
  // (Coverage does not depend on these weights: the refinement test adds a sequence per bad step.)
  const mostly = <T>(good: T, all: ReadonlyArray<T>) =>
    all.includes(good) ? fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: pick(all) }) : pick(all)
  const v: fc.Arbitrary<Voucher> = fc.record({
    channel: mostly("This", c.Channels), signer: pick(c.Signers), lane: pick(c.LaneIds), nonce: pick(c.Nonces),
    amount: pick(c.Amounts), timeLockMin: mostly(0, c.TimeLocks), timeLockMax: mostly(0, c.TimeLocks),
    minSettleHeight: pick(c.SettleHeights), merges: fc.array(merge, { maxLength: c.MaxMerges }),
    hashLocked: pick(c.HashLocks), extra: mostly("None", c.Extras)
  })
  const honest = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
  const update = fc.record({ by: mostly("To", c.Callers), v, secret: mostly("Correct", c.Secrets), honest }).map(({ by, v, secret, honest }): AnyStep => ({
    action: "UpdateChannelState",
    args: { by, v: honest && by !== "Stranger" && c.Signers.includes(Counterparty(by)) ? { ...v, signer: Counterparty(by) } : v, secret }
  }))
  return fc.oneof(
    { weight: 6, arbitrary: update },
    { weight: 1, arbitrary: pick(c.Callers).map((by): AnyStep => ({ action: "Settle", args: { by } })) },
    { weight: 1, arbitrary: pick(c.Callers).map((by): AnyStep => ({ action: "Collect", args: { by } })) },
    { weight: 1, arbitrary: pick(c.AddAmounts).map((amount): AnyStep => ({ action: "AddFunds", args: { amount } })) },
    { weight: 1, arbitrary: fc.record({ lane: pick(c.LaneIds), amount: pick(c.Amounts) }).map((args): AnyStep => ({ action: "Sign", args })) },
    { weight: 2, arbitrary: fc.constant<AnyStep>({ action: "Tick", args: {} }) }
  )
}

/** Takes a step in the model: the action's new state or why it is not enabled. */
export const takeStep = (c: Constants, s: State, step: AnyStep): Result.Result<State, PaymentChannelNotEnabled> => {
  switch (step.action) {
    case "UpdateChannelState": return Actions.UpdateChannelState.take(c, s, step.args)
    case "Settle": return Actions.Settle.take(c, s, step.args)
    case "Collect": return Actions.Collect.take(c, s, step.args)
    case "AddFunds": return Actions.AddFunds.take(c, s, step.args)
    case "Sign": return Actions.Sign.take(c, s, step.args)
    case "Tick": return Actions.Tick.take(c, s, step.args)
  }
}

/**
 * The steps that make `step` one the environment offers in `s`: a voucher standing for From's
 * consent beyond what From has signed on its lane is preceded by From signing it (the client
 * signs, then the voucher is presented).  Other steps are offered as they are.
 */
export const signedFirst = (c: Constants, s: State, step: AnyStep): Array<AnyStep> => {
  if (step.action !== "UpdateChannelState" || Presentable(c, s, step.args)) return [step]
  const { v } = step.args
  return v.amount > Authorised(s, v.lane) ? [{ action: "Sign", args: { lane: v.lane, amount: v.amount } }, step] : [step]
}
