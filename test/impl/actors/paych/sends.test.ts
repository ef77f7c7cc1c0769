/**
 * The payment channel's sends as real nested calls (builtin-actors `actors/paych/src/lib.rs` @
 * v18.0.0): the voucher's `extra` is an ordinary send whose changes persist (lib.rs:158-166) and
 * are undone when the redemption fails later; the signature check is a read-only send
 * (lib.rs:107-117); Collect pays out by sends, which fail when a party no longer exists, even for
 * zero value (lib.rs:292-298, ref-fvm `fvm/src/call_manager/default.rs:669-671` @ fvm@v4.8.2); the
 * Constructor resolves parties by `resolve_to_actor_id` (builtin-actors
 * `runtime/src/builtin/shared.rs:21-55`).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { codeCid, encodeExecParams, InitMethod } from "../../../../src/impl/actors/init/index.js"
import { channelFromReceipt, collectMessage, createChannelMessage, paychStateOf, settleMessage } from "../../../../src/impl/actors/paych/messages.js"
import { encodeConstructorParams } from "../../../../src/impl/actors/paych/types.js"
import { idAddress, newDelegatedAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { PLACEHOLDER_KIND, resolveAddress, send } from "../../../../src/impl/vm/vm.js"
import { at, CHANNEL_ID, expectRejected, FROM_ID, makeChain, ok, redeem, TO_ID, voucher } from "../_chain.js"

const SETTLE_DELAY = 1440n

describe("the voucher's extra call is a real send", () => {
  /** An extra that has Init create a second channel From → To, funded with nothing. */
  const execExtra = (c: ReturnType<typeof makeChain>) => ({
    actor: idAddress(1n), method: InitMethod.Exec,
    data: encodeExecParams(codeCid("paymentchannel"), encodeConstructorParams({ from: c.from.address, to: c.to.address }))
  })

  it("an extra that calls Init.Exec creates the actor, which exists after the redemption", () => {
    const c = makeChain()
    const r = redeem(c.vm, c, c.to, c.from, voucher(c, { amount: 1n, extra: execExtra(c) }))
    const vm = ok(r)
    // the channel is f0103; the extra's Exec gives the next id, f0104, a payment channel From → To
    expect(vm.actors.get(CHANNEL_ID + 1n)?.kind).toBe("paymentchannel")
    expect(paychStateOf(vm, idAddress(CHANNEL_ID + 1n))).toMatchObject({ from: FROM_ID, to: TO_ID, toSend: 0n })
    expect(vm.nextId).toBe(CHANNEL_ID + 2n)
    // and the redemption itself went through
    expect(paychStateOf(vm, c.channel)?.toSend).toBe(1n)
  })

  it("when the redemption fails after the extra, the actor the extra created is undone with it", () => {
    const c = makeChain()
    // ToSendWithinBalance fails after the extra ran
    const r = redeem(c.vm, c, c.to, c.from, voucher(c, { amount: 1_000_000_000n, extra: execExtra(c) }))
    expectRejected(c.vm, r, c.to.address, { tag: "ToSendWithinBalance", exitCode: 16 })
    expect(r.vm.actors.has(CHANNEL_ID + 1n)).toBe(false)
    expect(r.vm.nextId).toBe(CHANNEL_ID + 1n)
  })

  // lib.rs:162: the extra's params are always a block, even when `data` is empty: a method that
  // takes none gets some (16 "method expects no arguments", dispatch.rs:207-209)
  it("an extra with empty data to a method that takes no params (Settle of another channel) → 16", () => {
    const c = makeChain()
    const extra = { actor: c.channel, method: 3n, data: new Uint8Array() }
    const r = redeem(c.vm, c, c.to, c.from, voucher(c, { amount: 1n, extra }))
    expectRejected(c.vm, r, c.to.address, { tag: "ExtraVerified", exitCode: 16 })
    expect(r.receipt.message).toMatch(/method expects no arguments/)
  })

  // An extra to a new key address creates its account (call_manager/default.rs:626-632), then
  // calls the account method given.
  it("an extra to a key address with no actor creates its account", () => {
    const c = makeChain()
    const newcomer = keyFromSeed(1, "extra newcomer").address
    const extra = { actor: newcomer, method: 1n << 24n, data: new Uint8Array() }
    const vm = ok(redeem(c.vm, c, c.to, c.from, voucher(c, { amount: 1n, extra })))
    expect(vm.actors.get(resolveAddress(vm, newcomer)!)?.kind).toBe("account")
  })
})

describe("Collect pays out by sends", () => {
  it("a party that no longer exists fails Collect, even for a zero payout: 23, the channel stays", () => {
    // Channel A (f0103) From → To; channel B (f0104) From → A. Collect A deletes it; B's payee is gone.
    const c = makeChain()
    const b = send(c.vm, createChannelMessage(c.from.address, c.channel, 10n))
    const chB = channelFromReceipt(b.receipt)!
    let vm = b.vm
    vm = ok(send(vm, settleMessage(c.from.address, c.channel)))
    vm = ok(send(vm, settleMessage(c.from.address, chB.id)))
    vm = at(vm, SETTLE_DELAY)
    vm = ok(send(vm, collectMessage(c.from.address, c.channel)))
    expect(vm.actors.has(CHANNEL_ID)).toBe(false)
    // B's toSend is 0, sent to f0103, which does not exist: NotFound → 23 (shared.rs:112-114)
    const r = send(vm, collectMessage(c.from.address, chB.id))
    expectRejected(vm, r, c.from.address, { tag: "PayTo", exitCode: 23 })
  })
})

describe("the Constructor resolves parties by resolve_to_actor_id", () => {
  it("an f4 payee in the EAM's namespace gets a placeholder; the channel stores its id", () => {
    const c = makeChain()
    const f4 = Result.getOrThrow(newDelegatedAddress(10n, new Uint8Array(20).fill(0x42)))
    const r = send(c.vm, createChannelMessage(c.from.address, f4, 5n))
    expect(r.receipt.exitCode).toBe(0)
    const ch = channelFromReceipt(r.receipt)!
    // the channel got f0104 first (Exec), then the placeholder f0105 (the constructor's send of 0)
    expect(resolveAddress(r.vm, f4)).toBe(CHANNEL_ID + 2n)
    expect(r.vm.actors.get(CHANNEL_ID + 2n)?.kind).toBe(PLACEHOLDER_KIND)
    expect(paychStateOf(r.vm, ch.id)).toMatchObject({ from: FROM_ID, to: CHANNEL_ID + 2n })
  })

  it("an f4 payee in another namespace cannot be created: the send of 0 fails NotFound → 23", () => {
    const c = makeChain()
    const f4 = Result.getOrThrow(newDelegatedAddress(32n, new Uint8Array(20).fill(0x42)))
    expectRejected(c.vm, send(c.vm, createChannelMessage(c.from.address, f4, 5n)), c.from.address, { tag: "PartyExists", exitCode: 23 })
  })

  it("a collected channel's f2 address still maps to its id, which has no actor: 17", () => {
    // Init's address map keeps a deleted actor's entry (ref-fvm deletes only the actor), so
    // resolve_to_actor_id finds the id and check_existence fails: 17 (shared.rs:45-50)
    const c = makeChain()
    let vm = ok(send(c.vm, settleMessage(c.from.address, c.channel)))
    vm = ok(send(at(vm, SETTLE_DELAY), collectMessage(c.from.address, c.channel)))
    const r = send(vm, createChannelMessage(c.from.address, c.channelRobust, 5n))
    expectRejected(vm, r, c.from.address, { tag: "PartyExists", exitCode: 17 })
  })
})
