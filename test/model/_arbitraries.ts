/**
 * Test helper: arbitraries over the payment-channel model's actions, and wide bounds with every
 * bad value, shared by the model's property tests and the refinement check.
 */
import { fc } from "@fast-check/vitest"
import type { Result } from "effect"
import { AddFunds, Collect, type Constants, Counterparty, type PaymentChannelNotEnabled, type Voucher, Settle, type State, Tick, UpdateChannelState } from "../../src/model/PaymentChannel.js"
import { paymentChannelConstants } from "./_checkConfigs.js"

const tiny = paymentChannelConstants("MCPaymentChannel_Tiny")

/** Wider bounds than any TLC config, with every bad value, for the property tests. */
export const wide: Constants = {
  ...tiny,
  MaxLane: 1, SettleDelay: 2, MaxEpoch: 4, FromFunds: 5n, ChannelFunds: 3n,
  Callers: ["From", "To", "Stranger"], Signers: ["From", "To", "Forged", "Unsigned"], Channels: ["This", "Other"],
  LaneIds: [0, 1, 2], Nonces: [0, 1, 2, 3], Amounts: [-1n, 0n, 1n, 2n, 3n], TimeLocks: [0, 1, 3],
  SettleHeights: [0, 3, 6], MaxMerges: 2, HashLocks: [false, true], Secrets: ["Correct", "Wrong", "TooLong"],
  Extras: ["None", "Passes", "Fails"], AddAmounts: [1n, 2n, 9n]
}

/** A random (action, arguments) drawn from the wide bounds, enabled or not. */
export const anyStep = (c: Constants) => {
  const pick = <T>(xs: ReadonlyArray<T>) => fc.constantFrom(...xs)
  const merge = fc.record({ lane: pick(c.LaneIds), nonce: pick(c.Nonces) })
  // Each rejection-only dimension mostly takes its accepting value, so that random sequences
  // reach deep states, and otherwise any value of the bounds, so that every conjunct fails often.
  const mostly = <T>(good: T, all: ReadonlyArray<T>) =>
    all.includes(good) ? fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: pick(all) }) : pick(all)
  const v: fc.Arbitrary<Voucher> = fc.record({
    channel: mostly("This", c.Channels), signer: pick(c.Signers), lane: pick(c.LaneIds), nonce: pick(c.Nonces),
    amount: pick(c.Amounts), timeLockMin: mostly(0, c.TimeLocks), timeLockMax: mostly(0, c.TimeLocks),
    minSettleHeight: pick(c.SettleHeights), merges: fc.array(merge, { maxLength: c.MaxMerges }),
    hashLocked: pick(c.HashLocks), extra: mostly("None", c.Extras)
  })
  const honest = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
  const update = fc.record({ by: mostly("To", c.Callers), v, secret: mostly("Correct", c.Secrets), honest }).map(({ by, v, secret, honest }) => ({
    action: "UpdateChannelState" as const,
    args: { by, v: honest && by !== "Stranger" && c.Signers.includes(Counterparty(by)) ? { ...v, signer: Counterparty(by) } : v, secret }
  }))
  return fc.oneof(
    { weight: 6, arbitrary: update },
    { weight: 1, arbitrary: pick(c.Callers).map((by) => ({ action: "Settle" as const, args: { by } })) },
    { weight: 1, arbitrary: pick(c.Callers).map((by) => ({ action: "Collect" as const, args: { by } })) },
    { weight: 1, arbitrary: pick(c.AddAmounts).map((amount) => ({ action: "AddFunds" as const, args: { amount } })) },
    { weight: 2, arbitrary: fc.constant({ action: "Tick" as const, args: {} }) }
  )
}
export type AnyStep = typeof anyStep extends (c: Constants) => fc.Arbitrary<infer T> ? T : never

export const takeStep = (c: Constants, s: State, step: AnyStep): Result.Result<State, PaymentChannelNotEnabled> => {
  switch (step.action) {
    case "UpdateChannelState": return UpdateChannelState(c, s, step.args)
    case "Settle": return Settle(c, s, step.args)
    case "Collect": return Collect(c, s, step.args)
    case "AddFunds": return AddFunds(c, s, step.args)
    case "Tick": return Tick(c, s, step.args)
  }
}

