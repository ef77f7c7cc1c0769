import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import {
  ATTO_PER_FIL, decodeBigInt, encodeBigInt, formatFil, MAX_BIGINT_SIZE, parseFil, readBigInt
} from "../../../src/impl/token/amount.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected a failure, got ${String(r.success)}`)
  return r.failure
}

describe("formatFil (Lotus types.FIL.String(): 18 decimals, trailing zeros trimmed)", () => {
  it.each<[bigint, string]>([
    [0n, "0 FIL"],
    [ATTO_PER_FIL, "1 FIL"],
    [3n * ATTO_PER_FIL / 2n, "1.5 FIL"],
    [1n, "0.000000000000000001 FIL"],
    [-1n, "-0.000000000000000001 FIL"],
    [-(3n * ATTO_PER_FIL) / 2n, "-1.5 FIL"],
    [123456n * ATTO_PER_FIL + 234n * 10n ** 15n, "123456.234 FIL"],
    [2_000_000_000n * ATTO_PER_FIL, "2000000000 FIL"], // total supply bound: TotalFilecoin, filecoin-project/go-state-types builtin/network.go @ v0.18.0
    [ATTO_PER_FIL + 10n, "1.00000000000000001 FIL"]
  ])("%s attoFIL → %s (hand derivation)", (atto, text) => {
    expect(formatFil(atto)).toBe(text)
  })
})

describe("parseFil", () => {
  it.each<[string, bigint]>([
    ["1.5", 1_500_000_000_000_000_000n],
    ["1.5 FIL", 1_500_000_000_000_000_000n],
    ["1.5FIL", 1_500_000_000_000_000_000n],
    ["1.5 fil", 1_500_000_000_000_000_000n],
    ["12 attoFIL", 12n],
    ["12 aFIL", 12n],
    ["12attofil", 12n],
    ["0", 0n],
    ["007", 7n * ATTO_PER_FIL],
    ["-0.000000000000000001 FIL", -1n],
    ["0.000000000000000001", 1n],
    ["  2 FIL  ", 2n * ATTO_PER_FIL],
    ["-12 attoFIL", -12n]
  ])("%j → %s attoFIL (hand derivation)", (text, atto) => {
    expect(Result.getOrThrow(parseFil(text))).toBe(atto)
  })

  it.each([
    "", "abc", "FIL", "1,5", "1e18", ".5", "1.", "+1", "1 FIL extra", "1.5 attoFIL", "0.0000000000000000001",
    "1 nFIL", "--1",
    // filecoin-project/lotus chain/types/fil_test.go TestInvalidFILString:
    "0 nFIL", "1 nFIL", "1.001 nFIL", "100.10001 nFIL", "101100 nFIL", "5000.01 nFIL", "5000 nFIL", "1.001.1 FIL",
    "1".repeat(51) + " FIL"
  ])("rejects %j with InvalidTokenAmount", (text) => {
    const e = failureOf(parseFil(text))
    expect(e._tag).toBe("InvalidTokenAmount")
    expect(e.input).toBe(text)
  })

  it("names the reason", () => {
    expect(failureOf(parseFil("0.0000000000000000001")).message).toContain("more than 18 decimals")
    expect(failureOf(parseFil("1.5 attoFIL")).message).toContain("fractional part")
    expect(failureOf(parseFil("1".repeat(51))).message).toContain("at most 50")
    expect(Result.isSuccess(parseFil("1".repeat(50)))).toBe(true)
  })

  test.prop([fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })], { seed: 8001, numRuns: 100 })("parseFil ∘ formatFil = id", (atto) => {
    expect(Result.getOrThrow(parseFil(formatFil(atto)))).toBe(atto)
  })
})

// filecoin-project/go-state-types big/int.go @ v0.18.0 (Bytes, FromBytes)
describe("encodeBigInt / decodeBigInt (empty = 0, sign byte, big-endian magnitude)", () => {
  it.each<[bigint, string, string]>([
    [0n, "", "go-state-types big/int.go Bytes: zero = empty byte string"],
    [1n, "0001", "hand: sign 00, magnitude 01"],
    [-1n, "0101", "hand: sign 01, magnitude 01"],
    [255n, "00ff", "hand"],
    [256n, "000100", "hand: magnitude 01 00"],
    [10000n, "002710", "Zondax/filecoin-signing-tools test_vectors/voucher.json: amount \"10000\" is 0x002710 in signed_voucher_base64"],
    [100000n, "000186a0", "Zondax/filecoin-signing-tools examples/manual_testvectors.json: Value \"100000\" is 44 000186a0"],
    [ATTO_PER_FIL, "000de0b6b3a7640000", "hand: 10^18 = 0x0de0b6b3a7640000"],
    [1n << 63n, "008000000000000000", "hand: 2^63"],
    [-(1n << 63n), "018000000000000000", "hand: -2^63"]
  ])("%s ↔ %s (%s)", (x, bytes) => {
    expect(toHex(encodeBigInt(x))).toBe(bytes)
    expect(Result.getOrThrow(decodeBigInt(hex(bytes)))).toBe(x)
  })

  it("size boundary: 127-byte magnitude is the largest (128 bytes with the sign)", () => {
    const largest = (1n << (8n * 127n)) - 1n
    expect(encodeBigInt(largest).length).toBe(MAX_BIGINT_SIZE)
    expect(encodeBigInt(-largest).length).toBe(MAX_BIGINT_SIZE)
    expect(Result.getOrThrow(decodeBigInt(encodeBigInt(-largest)))).toBe(-largest)
    expect(() => encodeBigInt(largest + 1n)).toThrow(RangeError)
    expect(() => encodeBigInt(-(largest + 1n))).toThrow(RangeError)
    const tooLong = new Uint8Array(129)
    tooLong[1] = 1
    const e = failureOf(decodeBigInt(tooLong))
    expect(e._tag).toBe("InvalidBigInt")
    expect(e.message).toContain("too large")
  })

  it("ref-fvm shared/src/bigint/bigint_ser.rs test_bigiint_max: 31 u32 limbs pass, 32 fail", () => {
    const good = (1n << (31n * 32n)) - 1n // 31 limbs of u32::MAX = 124 bytes + sign
    expect(Result.getOrThrow(decodeBigInt(encodeBigInt(good)))).toBe(good)
    expect(Result.getOrThrow(decodeBigInt(encodeBigInt(-good)))).toBe(-good)
    const bad = (1n << (32n * 32n)) - 1n // 32 limbs = 128 bytes + sign = 129
    expect(() => encodeBigInt(bad)).toThrow(RangeError)
    expect(() => encodeBigInt(-bad)).toThrow(RangeError)
  })

  it("rejects a sign byte other than 0 or 1", () => {
    for (const s of ["02", "0201", "ff00"]) {
      const e = failureOf(decodeBigInt(hex(s)))
      expect(e._tag).toBe("InvalidBigInt")
      expect(e.message).toContain("sign")
    }
  })

  it("accepts the non-canonical forms ref-fvm and go-state-types accept", () => {
    // ref-fvm: BigInt::from_bytes_be(sign, &bz[1..]); Go: big.Int.SetBytes(buf[1:]) — both ignore
    // leading zeros and read a lone sign byte as 0
    expect(Result.getOrThrow(decodeBigInt(hex("00")))).toBe(0n)
    expect(Result.getOrThrow(decodeBigInt(hex("01")))).toBe(0n)
    expect(Result.getOrThrow(decodeBigInt(hex("00000001")))).toBe(1n)
    expect(Result.getOrThrow(decodeBigInt(hex("010000ff")))).toBe(-255n)
    // and the canonical re-encoding differs
    expect(toHex(encodeBigInt(Result.getOrThrow(decodeBigInt(hex("00000001")))))).toBe("0001")
  })

  const bound = 1n << (8n * 127n)
  test.prop([fc.bigInt({ min: -bound + 1n, max: bound - 1n })], { seed: 8002, numRuns: 100 })("round trip, canonical form", (x) => {
    const bytes = encodeBigInt(x)
    expect(Result.getOrThrow(decodeBigInt(bytes))).toBe(x)
    if (x === 0n) expect(bytes.length).toBe(0)
    else {
      expect(bytes[0]).toBe(x < 0n ? 1 : 0)
      expect(bytes[1]).not.toBe(0)
    }
  })

  test.prop([fc.uint8Array({ maxLength: 140 })], { seed: 8003, numRuns: 100 })("decodeBigInt never throws, and accepts exactly the empty string and a sign byte 0 or 1 within 128 bytes", (bytes) => {
    const r = decodeBigInt(bytes)
    const valid = bytes.length === 0 || ((bytes[0] === 0 || bytes[0] === 1) && bytes.length <= 128)
    expect(Result.isSuccess(r)).toBe(valid)
  })
})

describe("readBigInt", () => {
  it("reads a CBOR byte string and names the field", () => {
    expect(Result.getOrThrow(readBigInt(hex("002710"), "SignedVoucher.amount"))).toBe(10000n)
    const e = failureOf(readBigInt(hex("0227"), "SignedVoucher.amount"))
    expect(e._tag).toBe("InvalidCborField")
    expect(e.message).toContain("SignedVoucher.amount")
    expect(failureOf(readBigInt(10000, "SignedVoucher.amount")).expected).toBe("byte string")
  })

  it("CBOR of a TokenAmount is a byte string (hand: 0x43 = bytes(3))", () => {
    expect(toHex(encodeCbor(encodeBigInt(10000n)))).toBe("43002710")
  })
})
