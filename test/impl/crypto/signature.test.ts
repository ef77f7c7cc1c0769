import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import {
  decodeSignature, encodeSignature, SIGNATURE_MAX_LENGTH, SigType, sigTypeName
} from "../../../src/impl/crypto/signature.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

describe("SigType", () => {
  it("matches go-state-types crypto/signature.go (SigTypeSecp256k1 = 1, SigTypeBLS = 2, SigTypeDelegated = 3)", () => {
    expect(SigType).toEqual({ Secp256k1: 1, BLS: 2, Delegated: 3 })
    expect([1, 2, 3].map((t) => sigTypeName(t as 1 | 2 | 3))).toEqual(["secp256k1", "bls", "delegated"])
  })
})

describe("encodeSignature / decodeSignature", () => {
  it("known answer: the signature slot of a published voucher", () => {
    // Zondax/filecoin-signing-tools test_vectors/voucher.json, "verify".signed_voucher_base64, field 10:
    // 0x58 0x42 = bytes(66) = type 0x01 (secp256k1) ‖ 65 bytes r ‖ s ‖ v
    const slot = hex(
      "016b24666104026adac42c1736af07eed23264d04995afe79571c0ec4e1b4cd5957392b0b9ddaeaa560ae016407c387a2265294d996fe798253b1b63ce8447a8da01"
    )
    const sig = Result.getOrThrow(decodeSignature(slot))
    expect(sig.type).toBe(SigType.Secp256k1)
    expect(sig.data.length).toBe(65)
    expect(toHex(encodeSignature(sig))).toBe(toHex(slot))
  })

  it("hand: type byte first", () => {
    expect(toHex(encodeSignature({ type: SigType.BLS, data: hex("aabb") }))).toBe("02aabb")
  })

  test.prop([fc.constantFrom(1 as const, 2 as const, 3 as const), fc.uint8Array({ maxLength: SIGNATURE_MAX_LENGTH - 1 })])(
    "round trip up to 200 bytes in total",
    (type, data) => {
      const back = Result.getOrThrow(decodeSignature(encodeSignature({ type, data })))
      expect(back.type).toBe(type)
      expect(back.data).toEqual(data)
    }
  )

  it.each<[string, Uint8Array, string]>([
    ["empty", new Uint8Array(0), "empty"],
    ["unknown type 0", hex("00aa"), "unknown signature type byte 0"],
    ["unknown type 4", hex("04aa"), "unknown signature type byte 4"],
    ["unknown type 0xff (Go's SigTypeUnknown)", hex("ffaa"), "unknown signature type byte 255"],
    ["201 bytes", Uint8Array.from({ length: 201 }, () => 1), "201 bytes, at most 200"]
  ])("rejects %s", (_, bytes, message) => {
    const e = failureOf(decodeSignature(bytes))
    expect(e._tag).toBe("InvalidSignatureBytes")
    expect(e.message).toContain(message)
  })

  it("boundary: exactly 200 bytes is accepted, type byte only is accepted (empty data)", () => {
    expect(Result.isSuccess(decodeSignature(Uint8Array.from({ length: 200 }, () => 2)))).toBe(true)
    expect(Result.getOrThrow(decodeSignature(hex("01"))).data.length).toBe(0)
  })
})
