import { blake2b } from "@noble/hashes/blake2.js"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  type Address, addressEquals, addressToString, idAddress, MAX_ID, newActorAddress, parseAddress
} from "../../../../src/impl/address/address.js"
import { keyFromPrivateKey, keyFromSeed, verifySignature, verifySignatureDetailed } from "../../../../src/impl/crypto/keys.js"
import { SigType } from "../../../../src/impl/crypto/signature.js"
import { encodeCbor, U64_MAX } from "../../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../../src/impl/encoding/hex.js"
import {
  decodeConstructorParams, decodeSignedVoucher, decodeUpdateChannelStateParams, encodeConstructorParams,
  encodeSignedVoucher, encodeUpdateChannelStateParams, type SignedVoucher, signVoucher, voucherCid,
  voucherSigningBytes
} from "../../../../src/impl/actors/paych/types.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s.replace(/\s+/g, "")))
const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"))
const addr = (s: string) => Result.getOrThrow(parseAddress(s))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const ZONDAX = "Zondax/filecoin-signing-tools (commit 2b0f25f)"

const voucher = (v: Partial<SignedVoucher> = {}): SignedVoucher => ({
  channelAddr: idAddress(100n), timeLockMin: 0n, timeLockMax: 0n, secretPreImage: new Uint8Array(0), extra: null,
  lane: 1n, nonce: 2n, amount: 10000n, minSettleHeight: 0n, merges: [], signature: null, ...v
})

// ---------------------------------------------------------------------------------------------
// hand-derived bytes (field order of SignedVoucher in
// filecoin-project/builtin-actors actors/paych/src/types.rs @ v18.0.0;
// CBOR heads per RFC 8949 §3)

/** Voucher A: the simplest voucher, written out byte by byte. */
const A_HEX = `
  8b          # array(11)
  42 00 64    # channelAddr: bytes(2) = protocol 0 ‖ LEB128(100) = f0100
  00          # timeLockMin 0
  00          # timeLockMax 0
  40          # secretPreImage: bytes(0)
  f6          # extra: null
  01          # lane 1
  02          # nonce 2
  43 00 27 10 # amount: bytes(3) = sign 00 ‖ 0x2710 (10000)
  00          # minSettleHeight 0
  80          # merges: array(0)
  f6          # signature: null
`.replace(/#.*$/gm, "")

/** Voucher B: every field non-trivial, at its wire-type edges. */
const B_FIELDS = voucher({
  channelAddr: idAddress(1024n), timeLockMin: -1n, timeLockMax: 1n << 32n, secretPreImage: Uint8Array.of(1, 2),
  extra: { actor: idAddress(5n), method: 24n, data: Uint8Array.of(0xff) }, lane: U64_MAX, nonce: 23n, amount: -1n,
  minSettleHeight: 500n, merges: [{ lane: 0n, nonce: 24n }], signature: { type: SigType.BLS, data: hex("aabbcc") }
})
const B_UNSIGNED_HEX = `
  8b                          # array(11)
  43 00 80 08                 # channelAddr: bytes(3) = 00 ‖ LEB128(1024) = 80 08 (f01024)
  20                          # timeLockMin -1 (major 1, value 0)
  1b 00 00 00 01 00 00 00 00  # timeLockMax 2^32 (8-byte head: 2^32 does not fit 4 bytes)
  42 01 02                    # secretPreImage bytes(2)
  83 42 00 05 18 18 41 ff     # extra [actor f05, method 24 (one-byte head 0x18), data bytes(1) ff]
  1b ff ff ff ff ff ff ff ff  # lane 2^64 - 1
  17                          # nonce 23 (largest immediate)
  42 01 01                    # amount -1: sign 01 ‖ 01
  19 01 f4                    # minSettleHeight 500
  81 82 00 18 18              # merges [[lane 0, nonce 24]]
`.replace(/#.*$/gm, "")

describe("SignedVoucher bytes — hand derivation", () => {
  it("voucher A", () => {
    expect(toHex(encodeSignedVoucher(voucher()))).toBe(toHex(hex(A_HEX)))
    expect(toHex(voucherSigningBytes(voucher()))).toBe(toHex(hex(A_HEX)))
    expect(Result.getOrThrow(decodeSignedVoucher(hex(A_HEX)))).toEqual(voucher())
  })

  it("voucher B: signed bytes end with the signature, signing bytes with null", () => {
    // signature slot: bytes(4) = type 02 (BLS) ‖ aa bb cc
    expect(toHex(encodeSignedVoucher(B_FIELDS))).toBe(toHex(hex(B_UNSIGNED_HEX + "44 02 aa bb cc")))
    expect(toHex(voucherSigningBytes(B_FIELDS))).toBe(toHex(hex(B_UNSIGNED_HEX + "f6")))
    expect(Result.getOrThrow(decodeSignedVoucher(hex(B_UNSIGNED_HEX + "44 02 aa bb cc")))).toEqual(B_FIELDS)
  })

  it("a secp256k1 signature slot is bytes(66): 0x58 0x42 ‖ 01 ‖ 65 bytes", () => {
    const sv = voucher({ signature: { type: SigType.Secp256k1, data: new Uint8Array(65).fill(0x11) } })
    const expected = A_HEX.replace(/f6\s*$/, "") + "58 42 01" + " 11".repeat(65)
    expect(toHex(encodeSignedVoucher(sv))).toBe(toHex(hex(expected)))
  })

  it("voucherCid = CIDv1 ‖ dag-cbor ‖ blake2b-256 multihash of the voucher bytes", () => {
    // prefix by hand: 01 (v1) 71 (dag-cbor) a0 e4 02 (varint 0xb220) 20 (32 bytes); digest by @noble/hashes
    const digest = toHex(blake2b(hex(A_HEX), { dkLen: 32 }))
    expect(toHex(voucherCid(voucher()).bytes)).toBe("0171a0e40220" + digest)
    expect(voucherCid(B_FIELDS).equals(voucherCid({ ...B_FIELDS, signature: null }))).toBe(false)
  })
})

describe(`published vouchers — ${ZONDAX} test_vectors/voucher.json`, () => {
  const key = keyFromPrivateKey(SigType.Secp256k1, b64("8VcW07ADswS4BV2cxi5rnIadVsyTDDhY1NfDH19T8Uo="))

  it("\"sign\": the voucher built from its JSON fields and signed is byte-equal to signed_voucher_base64", () => {
    // the signing key: wallet.json "private_key" (its address is t1d2xrz…, the "verify" signer); secp256k1
    // signing is deterministic (RFC 6979), so the published signature is reproduced exactly
    const sv = voucher({
      channelAddr: addr("t24acjqhdetck7irsvmn2p6jpuwnouzjxuoa22rva"), lane: 1n, nonce: 1n, amount: 10000n
    })
    const published = b64(
      "i1UC4ASYHGSYlfRGVWN0/yX0s11MpvQAAED2AQFDACcQAIBYQgFRD/3a1fsyc7TLRUgeQ5BAPhB1rDuVt1qvDuwccTODWCJ+OAe4R/+HIGH9pgBYjrghhA4JdgJugTWfzFflbOGSAA=="
    )
    expect(toHex(encodeSignedVoucher(signVoucher(key, sv)))).toBe(toHex(published))
  })

  it("\"verify\": decodes, re-encodes byte-equal, and its signature verifies for address_signer", () => {
    const published = b64(
      "i0MA8gcAAED2AAFEAAGGoACAWEIBayRmYQQCatrELBc2rwfu0jJk0EmVr+eVccDsThtM1ZVzkrC53a6qVgrgFkB8OHoiZSlNmW/nmCU7G2POhEeo2gE="
    )
    const sv = Result.getOrThrow(decodeSignedVoucher(published))
    expect(addressToString(sv.channelAddr, "t")).toBe("t01010")
    expect([sv.lane, sv.nonce, sv.amount]).toEqual([0n, 1n, 100000n])
    expect(toHex(encodeSignedVoucher(sv))).toBe(toHex(published))
    const signer = addr("t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba")
    expect(verifySignature(sv.signature!, signer, voucherSigningBytes(sv))).toBe(true)
    expect(verifySignature(sv.signature!, signer, encodeSignedVoucher(sv))).toBe(false)
    expect(toHex(signVoucher(key, { ...sv, signature: null }).signature!.data)).toBe(toHex(sv.signature!.data))
  })
})

describe("published vouchers — blitslabs/filecoin-js-signer README.md (paych.createVoucher output)", () => {
  it("the unsigned voucher for 1 FIL on lane 0", () => {
    const sv = voucher({ channelAddr: addr("f1wnhjmfj2qubzfgt3isx4vsofhfejdwkeqgqzr4y"), lane: 0n, nonce: 0n, amount: 10n ** 18n })
    expect(Buffer.from(encodeSignedVoucher(sv)).toString("base64")).toBe("i1UBs06WFTqFA5Kae0SvysnFOUiR2UQAAED2AABJAA3gtrOnZAAAAID2")
  })
})

describe(`UpdateChannelStateParams and ConstructorParams — ${ZONDAX} test_vectors/payment_channel.json`, () => {
  it("\"update\".message.Params decodes and re-encodes byte-equal", () => {
    const params = b64(
      "gotVAnASWJkpWtoqhvfkj5DfG2tIaUWtAABA9gABQgABAIBYQwEBchH8MsS6EHe1a9/gW2lb30YbwD++F+2BRIUTUykZz9U6nt+nGfb41Yf0sy2NfaToz8Il/GmDtnGCepu/ns7nNwFA"
    )
    const p = Result.getOrThrow(decodeUpdateChannelStateParams(params))
    expect(addressToString(p.sv.channelAddr, "t")).toBe("t2oajfrgjjllncvbxx4shzbxy3nnegsrnnk3tq2tq")
    expect(p.secret.length).toBe(0)
    expect(toHex(encodeUpdateChannelStateParams(p))).toBe(toHex(params))
    // this published voucher carries 66 bytes of secp256k1 data (an extra 01 after the type byte):
    // it decodes (the byte form allows any length) but can never verify
    expect(p.sv.signature!.data.length).toBe(66)
    expect(failureOf(verifySignatureDetailed(p.sv.signature!, addr("t1gsu6clgzpcrjxclicnsva5bty3r65hnkqpd4jaq"), voucherSigningBytes(p.sv)))._tag)
      .toBe("InvalidSignatureLength")
  })

  it.each([
    ["bls", "t3smdzzt2fbrzalmfi5rskc3tc6wpwcj2zbgyu5engqtkkzrxteg2oyqpukqzrhqqfvzqadh7mtqye443liejq", "t1evcupqzya3nuzhuabg4oxwoe2ls7eamcu3uw4cy",
      "8258310393079ccf450c7205b0a8ec64a16e62f59f61275909b14e91a684d4acc6f321b4ec41f4543313c205ae60019fec9c304e5501254547c33806db4c9e8009b8ebd9c4d2e5f20182"],
    ["secp256k1", "t1evcupqzya3nuzhuabg4oxwoe2ls7eamcu3uw4cy", "t3smdzzt2fbrzalmfi5rskc3tc6wpwcj2zbgyu5engqtkkzrxteg2oyqpukqzrhqqfvzqadh7mtqye443liejq",
      "825501254547c33806db4c9e8009b8ebd9c4d2e5f2018258310393079ccf450c7205b0a8ec64a16e62f59f61275909b14e91a684d4acc6f321b4ec41f4543313c205ae60019fec9c304e"]
  ])("\"creation\".%s.constructor_params (inner params of the Exec message) = [From, To]", (_, from, to, bytes) => {
    const encoded = encodeConstructorParams({ from: addr(from), to: addr(to) })
    expect(toHex(encoded)).toBe(bytes)
    const back = Result.getOrThrow(decodeConstructorParams(hex(bytes)))
    expect(addressEquals(back.from, addr(from)) && addressEquals(back.to, addr(to))).toBe(true)
  })

  it("hand derivation: [f0100, f0101] = 82 ‖ 42 00 64 ‖ 42 00 65; [A, h'616263'] = 82 ‖ A ‖ 43 616263", () => {
    expect(toHex(encodeConstructorParams({ from: idAddress(100n), to: idAddress(101n) }))).toBe("82420064420065")
    expect(toHex(encodeUpdateChannelStateParams({ sv: voucher(), secret: new TextEncoder().encode("abc") })))
      .toBe("82" + toHex(hex(A_HEX)) + "43616263")
  })
})

// ---------------------------------------------------------------------------------------------
// rejections

/** Voucher A's tuple with one slot replaced, encoded. */
const aWith = (index: number, value: unknown): Uint8Array => {
  const t: Array<unknown> = [hex("0064"), 0n, 0n, new Uint8Array(0), null, 1n, 2n, hex("002710"), 0n, [], null]
  t[index] = value
  return encodeCbor(t)
}

describe("decodeSignedVoucher rejects, naming the field", () => {
  it.each<[string, Uint8Array, string, string]>([
    ["10-element array", encodeCbor(new Array(10).fill(0)), "SignedVoucher", "expected array of 11 elements, got array(10)"],
    ["12-element array", encodeCbor(new Array(12).fill(0)), "SignedVoucher", "got array(12)"],
    ["a bare integer", encodeCbor(5n), "SignedVoucher", "got uint 5"],
    ["bad channel address", aWith(0, hex("0080")), "SignedVoucher.channelAddr", "invalid address"],
    ["empty channel address", aWith(0, new Uint8Array(0)), "SignedVoucher.channelAddr", "invalid address"],
    ["channel address as text", aWith(0, "f0100"), "SignedVoucher.channelAddr", "expected byte string"],
    ["timeLockMin = 2^63", aWith(1, 1n << 63n), "SignedVoucher.timeLockMin", "expected i64"],
    ["timeLockMax = -2^63 - 1", aWith(2, -(1n << 63n) - 1n), "SignedVoucher.timeLockMax", "expected i64"],
    ["secretPreImage null", aWith(3, null), "SignedVoucher.secretPreImage", "expected byte string"],
    ["extra of 2 elements", aWith(4, [hex("0005"), 1n]), "SignedVoucher.extra", "expected array of 3 elements"],
    ["extra.method negative", aWith(4, [hex("0005"), -1n, new Uint8Array(0)]), "SignedVoucher.extra.method", "expected u64"],
    ["extra.actor bad", aWith(4, [hex("05"), 1n, new Uint8Array(0)]), "SignedVoucher.extra.actor", "invalid address"],
    ["extra.data not bytes", aWith(4, [hex("0005"), 1n, null]), "SignedVoucher.extra.data", "expected byte string"],
    ["negative lane", aWith(5, -1n), "SignedVoucher.lane", "expected u64, got int -1"],
    ["negative nonce", aWith(6, -2n), "SignedVoucher.nonce", "expected u64"],
    ["nonce as bytes", aWith(6, hex("02")), "SignedVoucher.nonce", "got bytes(1)"],
    ["amount with sign byte 2", aWith(7, hex("0227")), "SignedVoucher.amount", "sign"],
    ["amount of 129 bytes", aWith(7, new Uint8Array(129)), "SignedVoucher.amount", "too large"],
    ["amount as an int", aWith(7, 10000n), "SignedVoucher.amount", "expected byte string"],
    ["minSettleHeight as bool", aWith(8, true), "SignedVoucher.minSettleHeight", "expected i64"],
    ["merges null", aWith(9, null), "SignedVoucher.merges", "expected array"],
    ["merge of 3 elements", aWith(9, [[1n, 2n, 3n]]), "SignedVoucher.merges[0]", "expected array of 2 elements"],
    ["merge nonce negative", aWith(9, [[1n, 2n], [1n, -1n]]), "SignedVoucher.merges[1].nonce", "expected u64"],
    ["signature empty", aWith(10, new Uint8Array(0)), "SignedVoucher.signature", "empty"],
    ["signature type 9", aWith(10, hex("09aa")), "SignedVoucher.signature", "invalid signature type byte 9"],
    // ref-fvm shared/src/crypto/signature.rs:33-36, 70-71 @ fvm_shared@v4.8.2: no type 3
    ["signature type 3 (delegated)", aWith(10, hex("03aa")), "SignedVoucher.signature", "invalid signature type byte 3"],
    ["signature as array", aWith(10, [1n]), "SignedVoucher.signature", "expected byte string"]
  ])("%s", (_, bytes, field, message) => {
    const e = failureOf(decodeSignedVoucher(bytes))
    expect(e._tag).toBe("MalformedParams")
    expect(e.params).toBe("SignedVoucher")
    expect(e.field).toBe(field)
    expect(e.message).toContain(message)
  })

  it.each<[string, string]>([
    ["trailing byte", A_HEX + "00"],
    ["truncated", A_HEX.replace(/f6\s*$/, "")],
    ["non-minimal lane (01 as 18 01)", A_HEX.replace(/f6\s+01\s+02/, "f6 18 01 02")],
    ["not CBOR", "ff"]
  ])("malformed CBOR: %s → field \"\"", (_, h) => {
    const e = failureOf(decodeSignedVoucher(hex(h)))
    expect(e._tag).toBe("MalformedParams")
    expect(e.field).toBe("")
    expect(e.message).toMatch(/^SignedVoucher: /)
  })
})

describe("params decoders reject, naming the field", () => {
  it.each<[string, Uint8Array, string]>([
    ["1 element", encodeCbor([hex("0064")]), "UpdateChannelStateParams"],
    ["3 elements (the pre-v2 proof field)", encodeCbor([[], new Uint8Array(0), new Uint8Array(0)]), "UpdateChannelStateParams"],
    ["voucher given as bytes", encodeCbor([hex(A_HEX), new Uint8Array(0)]), "UpdateChannelStateParams.sv"],
    ["bad lane inside", encodeCbor([[hex("0064"), 0n, 0n, new Uint8Array(0), null, -1n, 2n, hex("002710"), 0n, [], null], new Uint8Array(0)]), "UpdateChannelStateParams.sv.lane"],
    ["secret as text", encodeCbor([[hex("0064"), 0n, 0n, new Uint8Array(0), null, 1n, 2n, hex("002710"), 0n, [], null], "s"]), "UpdateChannelStateParams.secret"]
  ])("UpdateChannelStateParams: %s", (_, bytes, field) => {
    const e = failureOf(decodeUpdateChannelStateParams(bytes))
    expect([e._tag, e.params, e.field]).toEqual(["MalformedParams", "UpdateChannelStateParams", field])
  })

  it.each<[string, Uint8Array, string]>([
    ["1 element", encodeCbor([hex("0064")]), "ConstructorParams"],
    ["bad from", encodeCbor([hex("0080"), hex("0065")]), "ConstructorParams.from"],
    ["bad to", encodeCbor([hex("0064"), hex("07aa")]), "ConstructorParams.to"],
    ["trailing byte", Uint8Array.from([...hex("82420064420065"), 0]), ""]
  ])("ConstructorParams: %s", (_, bytes, field) => {
    const e = failureOf(decodeConstructorParams(bytes))
    expect([e._tag, e.params, e.field]).toEqual(["MalformedParams", "ConstructorParams", field])
  })
})

describe("encoders refuse values outside the wire types", () => {
  it.each<[string, Partial<SignedVoucher>]>([
    ["lane 2^64", { lane: 1n << 64n }],
    ["negative nonce", { nonce: -1n }],
    ["timeLockMin below i64", { timeLockMin: -(1n << 63n) - 1n }],
    ["minSettleHeight 2^63", { minSettleHeight: 1n << 63n }],
    ["extra.method negative", { extra: { actor: idAddress(5n), method: -1n, data: new Uint8Array(0) } }],
    ["merge lane negative", { merges: [{ lane: -1n, nonce: 0n }] }],
    ["amount of 128 magnitude bytes", { amount: 1n << (8n * 127n) }]
  ])("%s → RangeError", (_, patch) => {
    expect(() => encodeSignedVoucher(voucher(patch))).toThrow(RangeError)
    expect(() => voucherSigningBytes(voucher(patch))).toThrow(RangeError)
  })
})

// ---------------------------------------------------------------------------------------------
// properties

const arbAddress: fc.Arbitrary<Address> = fc.oneof(
  fc.bigInt({ min: 0n, max: MAX_ID }).map(idAddress),
  fc.uint8Array({ maxLength: 32 }).map(newActorAddress)
)
const u64 = fc.bigInt({ min: 0n, max: U64_MAX })
const i64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })
const arbVoucher: fc.Arbitrary<SignedVoucher> = fc.record({
  channelAddr: arbAddress,
  timeLockMin: i64,
  timeLockMax: i64,
  secretPreImage: fc.uint8Array({ maxLength: 40 }),
  extra: fc.option(fc.record({ actor: arbAddress, method: u64, data: fc.uint8Array({ maxLength: 20 }) }), { nil: null }),
  lane: u64,
  nonce: u64,
  amount: fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
  minSettleHeight: i64,
  merges: fc.array(fc.record({ lane: u64, nonce: u64 }), { maxLength: 3 }),
  signature: fc.option(
    fc.record({ type: fc.constantFrom(1 as const, 2 as const), data: fc.uint8Array({ maxLength: 300 }) }),
    { nil: null }
  )
})

describe("round trips", () => {
  test.prop([arbVoucher], { seed: 7201, numRuns: 100 })("decode ∘ encode = id, and the bytes are canonical", (sv) => {
    const bytes = encodeSignedVoucher(sv)
    const back = Result.getOrThrow(decodeSignedVoucher(bytes))
    expect(back).toEqual(sv)
    expect(toHex(encodeSignedVoucher(back))).toBe(toHex(bytes))
  })

  test.prop([arbVoucher], { seed: 7202, numRuns: 100 })("signing bytes ignore the signature and equal the unsigned voucher's bytes", (sv) => {
    const unsigned = { ...sv, signature: null }
    expect(toHex(voucherSigningBytes(sv))).toBe(toHex(encodeSignedVoucher(unsigned)))
    expect(voucherSigningBytes(sv).length).toBe(encodeSignedVoucher(unsigned).length)
  })

  test.prop([arbVoucher, fc.uint8Array({ maxLength: 300 })], { seed: 7203, numRuns: 100 })("UpdateChannelStateParams round trip", (sv, secret) => {
    const p = { sv, secret }
    expect(Result.getOrThrow(decodeUpdateChannelStateParams(encodeUpdateChannelStateParams(p)))).toEqual(p)
  })

  test.prop([arbAddress, arbAddress], { seed: 7204, numRuns: 100 })("ConstructorParams round trip", (from, to) => {
    expect(Result.getOrThrow(decodeConstructorParams(encodeConstructorParams({ from, to })))).toEqual({ from, to })
  })

  test.prop([fc.uint8Array({ maxLength: 120 })], { seed: 7205, numRuns: 100 })("decoders never throw on arbitrary bytes", (bytes) => {
    const results: Array<Result.Result<unknown, { _tag: string }>> = [
      decodeSignedVoucher(bytes), decodeUpdateChannelStateParams(bytes), decodeConstructorParams(bytes)
    ]
    for (const r of results) if (Result.isFailure(r)) expect(r.failure._tag).toBe("MalformedParams")
  })
})

describe("signVoucher", () => {
  it.each([["secp256k1", SigType.Secp256k1], ["BLS", SigType.BLS]] as const)("%s: the signature verifies over the signing bytes", (_, type) => {
    const key = keyFromSeed(type, "payer")
    const signed = signVoucher(key, B_FIELDS)
    expect(signed.signature!.type).toBe(type)
    expect(verifySignature(signed.signature!, key.address, voucherSigningBytes(signed))).toBe(true)
    // changing any signed field breaks it
    expect(verifySignature(signed.signature!, key.address, voucherSigningBytes({ ...signed, nonce: signed.nonce + 1n }))).toBe(false)
    // the signature survives the wire
    const back = Result.getOrThrow(decodeSignedVoucher(encodeSignedVoucher(signed)))
    expect(verifySignature(back.signature!, key.address, voucherSigningBytes(back))).toBe(true)
  })
})
