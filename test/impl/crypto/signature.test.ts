import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import {
  decodeSignature, encodeSignature, SigType, sigTypeName
} from "../../../src/impl/crypto/signature.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

describe("SigType", () => {
  // ref-fvm shared/src/crypto/signature.rs:33-36 @ fvm_shared@v4.8.2: Secp256k1 = 1, BLS = 2, nothing else
  it("matches ref-fvm's SignatureType (Secp256k1 = 1, BLS = 2)", () => {
    expect(SigType).toEqual({ Secp256k1: 1, BLS: 2 })
    expect([1, 2].map((t) => sigTypeName(t as 1 | 2))).toEqual(["secp256k1", "bls"])
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

  test.prop([fc.constantFrom(1 as const, 2 as const), fc.uint8Array({ maxLength: 300 })], { seed: 7701, numRuns: 100 })(
    "round trip, any length",
    (type, data) => {
      const back = Result.getOrThrow(decodeSignature(encodeSignature({ type, data })))
      expect(back.type).toBe(type)
      expect(back.data).toEqual(data)
    }
  )

  it.each<[string, Uint8Array, string]>([
    ["empty", new Uint8Array(0), "empty"],
    ["type 0", hex("00aa"), "invalid signature type byte 0"],
    // go-state-types' SigTypeDelegated, which the FVM's SignatureType lacks (signature.rs:70-71)
    ["type 3 (delegated)", hex("03aa"), "invalid signature type byte 3"],
    ["type 4", hex("04aa"), "invalid signature type byte 4"],
    ["type 0xff (Go's SigTypeUnknown)", hex("ffaa"), "invalid signature type byte 255"]
  ])("rejects %s", (_, bytes, message) => {
    const e = failureOf(decodeSignature(bytes))
    expect(e._tag).toBe("InvalidSignatureBytes")
    expect(e.message).toContain(message)
  })

  // ref-fvm has no length limit (signature.rs:59-78); go-state-types' 200-byte cap is Lotus's
  it("no length limit: 201 and 10 000 bytes decode; the type byte alone is accepted (empty data)", () => {
    expect(Result.isSuccess(decodeSignature(Uint8Array.from({ length: 201 }, () => 2)))).toBe(true)
    expect(Result.isSuccess(decodeSignature(Uint8Array.from({ length: 10_000 }, () => 1)))).toBe(true)
    expect(Result.getOrThrow(decodeSignature(hex("01"))).data.length).toBe(0)
  })
})
