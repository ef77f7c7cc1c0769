/**
 * The abstraction function from the chain to the payment-channel model
 * (src/impl/actors/paych/abstraction.ts), and the table of implementation failures per model
 * conjunct, checked against the exit codes of
 * filecoin-project/builtin-actors actors/paych/src/lib.rs @ v18.0.0.
 */
import { describe, expect, it } from "vitest"
import { abstractPaymentChannel, IMPL_FAILURE } from "../../../../src/impl/actors/paych/abstraction.js"
import { channelFromReceipt, collectMessage, createChannelMessage, settleMessage } from "../../../../src/impl/actors/paych/messages.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { genesis } from "../../../../src/impl/actors/builtin.js"
import { atEpoch, createAccount, send } from "../../../../src/impl/vm/vm.js"
import { Init } from "../../../../src/model/PaymentChannel.js"
import { type Chain, ok, redeem, voucher } from "../_chain.js"

const FROM_FUNDS = 5_000n
const CHANNEL_FUNDS = 300n

/** Genesis, From with FROM_FUNDS, To with nothing (as the model's Init), a channel with CHANNEL_FUNDS. */
const fresh = (): Chain => {
  const from = keyFromSeed(1, "abstraction from")
  const to = keyFromSeed(2, "abstraction to")
  const stranger = keyFromSeed(1, "abstraction stranger")
  let vm = genesis()
  vm = createAccount(vm, from.address, FROM_FUNDS).vm
  vm = createAccount(vm, to.address, 0n).vm
  const r = send(vm, createChannelMessage(from.address, to.address, CHANNEL_FUNDS))
  const ch = channelFromReceipt(r.receipt)!
  return { vm: r.vm, from, to, stranger, channel: ch.id, channelRobust: ch.robust }
}
const abstract = (c: Chain, vm: VmState) => abstractPaymentChannel(vm, { channel: c.channel, from: c.from.address, to: c.to.address })

describe("abstractPaymentChannel", () => {
  it("a fresh channel is the model's Init with the same funds", () => {
    const c = fresh()
    expect(abstract(c, c.vm)).toEqual(Init({ FromFunds: FROM_FUNDS, ChannelFunds: CHANNEL_FUNDS }))
    // and by hand: From paid the channel's funds, nothing redeemed, nothing settling
    expect(abstract(c, c.vm)).toEqual({
      epoch: 0, balance: { From: 4_700n, To: 0n, Channel: 300n }, toSend: 0n, settlingAt: 0, minSettleHeight: 0,
      laneStates: new Map(), collected: false, authorised: new Map()
    })
  })

  it("the robust address abstracts to the same state as the ID address", () => {
    const c = fresh()
    expect(abstractPaymentChannel(c.vm, { channel: c.channelRobust, from: c.from.address, to: c.to.address })).toEqual(abstract(c, c.vm))
  })

  it("follows the chain: epoch, redeemed lanes (numbers for the model), settle heights", () => {
    const c = fresh()
    let vm = atEpoch(c.vm, 7n)
    vm = ok(redeem(vm, c, c.to, c.from, voucher(c, { lane: 2n, nonce: 3n, amount: 120n, minSettleHeight: 2000n })))
    vm = ok(send(vm, settleMessage(c.to.address, c.channel)))
    // settlingAt = max(7 + 1440, 2000) = 2000
    expect(abstract(c, vm)).toEqual({
      epoch: 7, balance: { From: 4_700n, To: 0n, Channel: 300n }, toSend: 120n, settlingAt: 2000, minSettleHeight: 2000,
      laneStates: new Map([[2, { redeemed: 120n, nonce: 3 }]]), collected: false, authorised: new Map()
    })
  })

  it("after Collect: collected, the channel's fields zero and empty, the parties paid", () => {
    const c = fresh()
    let vm = ok(redeem(c.vm, c, c.to, c.from, voucher(c, { amount: 120n })))
    vm = ok(send(vm, settleMessage(c.from.address, c.channel)))
    vm = ok(send(atEpoch(vm, 1440n), collectMessage(c.to.address, c.channel)))
    // To gets 120; From gets 4 700 + (300 − 120) = 4 880
    expect(abstract(c, vm)).toEqual({
      epoch: 1440, balance: { From: 4_880n, To: 120n, Channel: 0n }, toSend: 0n, settlingAt: 0, minSettleHeight: 0,
      laneStates: new Map(), collected: true, authorised: new Map()
    })
  })
})

describe("abstractPaymentChannel: the ghost record of what From signed", () => {
  it("is the highest amount the client signed on each lane (signatures are off chain)", () => {
    const c = fresh()
    const wallet = [{ lane: 0n, amount: 5n }, { lane: 0n, amount: 9n }, { lane: 0n, amount: 7n }, { lane: 3n, amount: 1n }]
    // by hand: lane 0 → max(5, 9, 7) = 9; lane 3 → 1
    expect(abstractPaymentChannel(c.vm, { channel: c.channel, from: c.from.address, to: c.to.address }, wallet).authorised)
      .toEqual(new Map([[0, 9n], [3, 1n]]))
  })
})

describe("IMPL_FAILURE", () => {
  it("gives each model conjunct the tag of its TLA+ operator and the exit code of builtin-actors' paych actor", () => {
    // filecoin-project/builtin-actors actors/paych/src/lib.rs @ v18.0.0 (update_channel_state,
    // settle, collect): 16 for every voucher check, 18 caller / not yet settled, 20 already settling,
    // 32 after settlement; the VM's 5 (no receiver) and 6 (sender cannot pay)
    const want: Record<keyof typeof IMPL_FAILURE, number> = {
      ChannelExists: 5, CallerIsParty: 18, VoucherSigned: 16, NotSettled: 32, SecretWithinSize: 16,
      SignedByCounterparty: 16, VoucherForThisChannel: 16, TimeLockMinReached: 16, TimeLockMaxNotPassed: 16,
      AmountNonNegative: 16, SecretMatches: 16, ExtraVerified: 16, LaneWithinMax: 16, LaneNonceFresh: 16,
      MergeNotSelf: 16, MergeLaneWithinMax: 16, MergeLaneExists: 16, MergeNonceFresh: 16, ToSendNonNegative: 16,
      ToSendWithinBalance: 16, NotSettling: 20, SettlingReached: 18, FromHasFunds: 6
    }
    expect(Object.fromEntries(Object.entries(IMPL_FAILURE).map(([k, v]) => [k, v.exitCode]))).toEqual(want)
    for (const [op, { tag }] of Object.entries(IMPL_FAILURE)) {
      const vmTag = op === "ChannelExists" ? "InvalidReceiver" : op === "FromHasFunds" ? "InsufficientFunds" : op
      expect(tag, op).toBe(vmTag)
    }
  })
})
