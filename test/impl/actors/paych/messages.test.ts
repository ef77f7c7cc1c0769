/**
 * Chain messages to and from the payment channel (src/impl/actors/paych/messages.ts): their
 * fields and bytes, derived by hand from filecoin-project/builtin-actors actors/paych/src/lib.rs @ v18.0.0
 * (created through Init's Exec, method numbers 2/3/4), `types.rs` at the same tag (tuple encodings)
 * and RFC 8949 CBOR heads.
 */
import { describe, expect, it } from "vitest"
import { channelFromReceipt, collectMessage, createChannelMessage, paychStateOf, settleMessage, updateChannelStateMessage } from "../../../../src/impl/actors/paych/messages.js"
import { addressToBytes, idAddress, newActorAddress } from "../../../../src/impl/address/address.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { atEpoch, send } from "../../../../src/impl/vm/vm.js"
import { CHANNEL_ID, FROM_ID, makeChain, ok, voucher } from "../_chain.js"
import { signVoucher } from "../../../../src/impl/actors/paych/types.js"

const ascii = (s: string) => new TextEncoder().encode(s)
const empty = new Uint8Array()

describe("createChannelMessage", () => {
  it("is an Exec (method 2) to Init (f01) carrying the value, with params [code CID, [from, to]] byte for byte", () => {
    const c = makeChain()
    const m = createChannelMessage(c.from.address, c.to.address, 1234n)
    expect({ from: m.from, to: m.to, value: m.value, method: m.method }).toEqual({ from: c.from.address, to: idAddress(1n), value: 1234n, method: 2n })
    const from = addressToBytes(c.from.address)
    const to = addressToBytes(c.to.address)
    expect(from.length).toBe(21)
    const expected = Uint8Array.of(
      0x82, //                          array(2): ExecParams
      0xd8, 0x2a, 0x58, 25, 0x00, //    tag 42, bytes(25) = 0x00 ‖ CID
      0x01, 0x55, 0x00, 20, //          CIDv1, raw, identity, 20 bytes:
      ...ascii("fil/1/paymentchannel"),
      0x58, 45, //                      bytes(45): constructor params
      0x82, 0x55, ...from, 0x55, ...to // array(2) [bytes(21) from, bytes(21) to]
    )
    expect(m.params).toEqual(expected)
  })
})

describe("channelFromReceipt", () => {
  it("reads the new channel's ID and robust addresses from a successful Exec", () => {
    const c = makeChain()
    expect(c.channel).toEqual(idAddress(CHANNEL_ID))
    expect(c.channelRobust.protocol).toBe(2)
  })

  it("decodes a hand-made ExecReturn [f0103, f2…]", () => {
    const robust = newActorAddress(ascii("any"))
    const ret = Uint8Array.of(0x82, 0x42, 0x00, 0x67, 0x55, ...addressToBytes(robust))
    expect(channelFromReceipt({ exitCode: 0, return: ret })).toEqual({ id: idAddress(103n), robust })
  })

  it.each([
    { desc: "a failed receipt", receipt: { exitCode: 17, return: encodeCbor([Uint8Array.of(0, 0x67), Uint8Array.of(0, 0x68)]) } },
    { desc: "a return that is not CBOR", receipt: { exitCode: 0, return: Uint8Array.of(0xff) } },
    { desc: "an empty return", receipt: { exitCode: 0, return: empty } },
    { desc: "a 1-tuple", receipt: { exitCode: 0, return: encodeCbor([Uint8Array.of(0, 0x67)]) } },
    { desc: "an address with protocol 9", receipt: { exitCode: 0, return: encodeCbor([Uint8Array.of(0, 0x67), Uint8Array.of(9, 1)]) } },
    { desc: "addresses as text", receipt: { exitCode: 0, return: encodeCbor(["f0103", "f0104"]) } }
  ])("is undefined for $desc", ({ receipt }) => {
    expect(channelFromReceipt(receipt)).toBeUndefined()
  })
})

describe("updateChannelStateMessage, settleMessage, collectMessage", () => {
  it("UpdateChannelState is method 2, no value, params [voucher tuple, secret]", () => {
    const c = makeChain()
    const sv = signVoucher(c.from, voucher(c, { amount: 5n }))
    const m = updateChannelStateMessage(c.to.address, c.channel, sv)
    expect({ from: m.from, to: m.to, value: m.value, method: m.method }).toEqual({ from: c.to.address, to: c.channel, value: 0n, method: 2n })
    // array(2), array(11) …; the default secret is bytes(0) = 0x40, the last byte
    expect(Array.from(m.params.slice(0, 2))).toEqual([0x82, 0x8b])
    expect(m.params[m.params.length - 1]).toBe(0x40)
    const withSecret = updateChannelStateMessage(c.to.address, c.channel, sv, ascii("ab"))
    // bytes(2) "ab" = 0x42 0x61 0x62
    expect(Array.from(withSecret.params.slice(-3))).toEqual([0x42, 0x61, 0x62])
    expect(withSecret.params.length).toBe(m.params.length + 2)
  })

  it("Settle is method 3 and Collect method 4, no value, no params", () => {
    const c = makeChain()
    expect(settleMessage(c.from.address, c.channel)).toEqual({ from: c.from.address, to: c.channel, value: 0n, method: 3n, params: empty })
    expect(collectMessage(c.to.address, c.channelRobust)).toEqual({ from: c.to.address, to: c.channelRobust, value: 0n, method: 4n, params: empty })
  })
})

describe("paychStateOf", () => {
  it("reads the channel by ID or robust address", () => {
    const c = makeChain()
    const st = paychStateOf(c.vm, c.channel)
    expect(st?.from).toBe(FROM_ID)
    expect(paychStateOf(c.vm, c.channelRobust)).toBe(st)
  })

  it("is undefined for an account, the Init actor, an unknown address and a collected channel", () => {
    const c = makeChain()
    expect(paychStateOf(c.vm, c.from.address)).toBeUndefined()
    expect(paychStateOf(c.vm, idAddress(1n))).toBeUndefined()
    expect(paychStateOf(c.vm, idAddress(999n))).toBeUndefined()
    let vm = ok(send(c.vm, settleMessage(c.from.address, c.channel)))
    vm = ok(send(atEpoch(vm, 1440n), collectMessage(c.from.address, c.channel)))
    expect(paychStateOf(vm, c.channel)).toBeUndefined()
    expect(paychStateOf(vm, c.channelRobust)).toBeUndefined()
  })
})
