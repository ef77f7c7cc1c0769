import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  cidOfCbor, decodeCbor, describeCbor, encodeCbor, I64_MAX, I64_MIN, readArray, readBool, readBytes, readInt,
  readNullable, readText, readTuple, readUint, U64_MAX
} from "../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const decoded = (s: string) => Result.getOrThrow(decodeCbor(hex(s)))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected a failure, got ${String(r.success)}`)
  return r.failure
}

describe("encodeCbor", () => {
  // Known answers: RFC 8949 Appendix A ("Examples of Encoded CBOR Data Items").
  it.each<[unknown, string]>([
    [0, "00"], [1, "01"], [10, "0a"], [23, "17"], [24, "1818"], [25, "1819"], [100, "1864"], [1000, "1903e8"],
    [1000000, "1a000f4240"], [1000000000000n, "1b000000e8d4a51000"], [18446744073709551615n, "1bffffffffffffffff"],
    [-18446744073709551616n, "3bffffffffffffffff"], [-1, "20"], [-10, "29"], [-100, "3863"], [-1000, "3903e7"],
    [new Uint8Array(0), "40"], [Uint8Array.of(1, 2, 3, 4), "4401020304"], [[], "80"], [[1, 2, 3], "83010203"],
    [null, "f6"], [true, "f5"], [false, "f4"], ["a", "6161"]
  ])("RFC 8949 App. A: %s → %s", (value, expected) => {
    expect(toHex(encodeCbor(value))).toBe(expected)
  })

  it("encodes a safe-range bigint exactly like the number", () => {
    // RFC 8949 App. A: 1000 → 0x1903e8, whether given as number or bigint
    expect(toHex(encodeCbor(1000n))).toBe("1903e8")
    expect(toHex(encodeCbor([5n, -5n]))).toBe(toHex(encodeCbor([5, -5])))
  })

  it("throws on values outside the data model", () => {
    expect(() => encodeCbor(undefined)).toThrow()
    expect(() => encodeCbor(1n << 64n)).toThrow()
  })
})

describe("decodeCbor", () => {
  it("decodes canonical bytes (numbers below 2^53, bigints above)", () => {
    expect(decoded("83010203")).toEqual([1, 2, 3])
    // hand: 0x1b001fffffffffffff = 2^53 - 1 (fits a JS number); 0x1b0020000000000000 = 2^53 (bigint)
    expect(decoded("1b001fffffffffffff")).toBe(Number.MAX_SAFE_INTEGER)
    expect(decoded("1b0020000000000000")).toBe(2n ** 53n)
  })

  it.each([
    ["", "empty input"],
    ["1a0000", "truncated head"],
    ["0500", "trailing byte"],
    ["1b0000000000000005", "5 in a non-minimal 8-byte head"],
    ["1805", "5 in a non-minimal 1-byte head"],
    ["fb3ff0000000000000", "1.0 as a float64 where an integer is canonical"],
    ["5f4101ff", "indefinite-length byte string"],
    ["a2616201616101", "map keys out of canonical order"],
    ["f7", "undefined"],
    ["c11a514b67b0", "unsupported tag 1"],
    ["1c", "reserved minor 28"]
  ])("rejects %s (%s) with MalformedCbor", (input) => {
    const e = failureOf(decodeCbor(hex(input)))
    expect(e._tag).toBe("MalformedCbor")
    expect(e.message.length).toBeGreaterThan(0)
  })

  const leaf = fc.oneof(
    fc.bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n }),
    fc.uint8Array({ maxLength: 40 }),
    fc.string({ maxLength: 10 }),
    fc.boolean(),
    fc.constant(null)
  )
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }))
  })).node

  test.prop([tree], { seed: 7801, numRuns: 100 })("decode ∘ encode keeps the bytes (one byte form per value)", (value) => {
    const bytes = encodeCbor(value)
    const back = Result.getOrThrow(decodeCbor(bytes))
    expect(toHex(encodeCbor(back))).toBe(toHex(bytes))
  })
})

describe("cidOfCbor", () => {
  it("matches a published CID", () => {
    // Known answer: Zondax/filecoin-signing-tools test_vectors/utils.json, "cid_bytes" (cbor_message → cid bytes).
    const cid = cidOfCbor(hex("884300e9075501d18cb80b758a3f4e136112ef4c7590c2c0a4691200420001404200010040"))
    expect(toHex(cid.bytes)).toBe("0171a0e4022099e46697a8c0eb7f5c4dd10df6eaf81211bdcffe70bf0c9e7c3e0a6faaa9f432")
  })

  it("has the CIDv1 / dag-cbor / blake2b-256 prefix", () => {
    // hand: 0x01 (v1) ‖ 0x71 (dag-cbor) ‖ varint 0xb220 = a0 e4 02 ‖ 0x20 (32-byte digest)
    expect(toHex(cidOfCbor(encodeCbor([])).bytes).slice(0, 12)).toBe("0171a0e40220")
  })
})

describe("readUint", () => {
  it.each<[unknown, bigint]>([[0, 0n], [5, 5n], [Number.MAX_SAFE_INTEGER, 2n ** 53n - 1n], [2n ** 53n, 2n ** 53n], [U64_MAX, U64_MAX]])(
    "accepts %s", (value, expected) => { expect(Result.getOrThrow(readUint(value, "f"))).toBe(expected) }
  )

  it.each<[unknown, string]>([
    [-1, "int -1"], [-(2n ** 60n), "int"], [1.5, "float 1.5"], [U64_MAX + 1n, "uint"], [new Uint8Array(1), "bytes(1)"],
    [null, "null"], ["1", "text(1)"], [true, "boolean true"], [[1], "array(1)"], [{ a: 1 }, "map"]
  ])("rejects %s naming the field", (value, got) => {
    const e = failureOf(readUint(value, "SignedVoucher.lane"))
    expect(e._tag).toBe("InvalidCborField")
    expect(e.field).toBe("SignedVoucher.lane")
    expect(e.expected).toBe("u64")
    expect(e.message).toContain("SignedVoucher.lane: expected u64, got " + got)
  })

  it("reads the u64 range ends from their bytes and rejects -1", () => {
    // RFC 8949 App. A: 0 → 0x00, 18446744073709551615 → 0x1bffffffffffffffff, -1 → 0x20
    expect(toHex(encodeCbor(0n))).toBe("00")
    expect(toHex(encodeCbor(U64_MAX))).toBe("1bffffffffffffffff")
    expect(Result.getOrThrow(readUint(decoded("00"), "e"))).toBe(0n)
    expect(Result.getOrThrow(readUint(decoded("1bffffffffffffffff"), "e"))).toBe(U64_MAX)
    expect(failureOf(readUint(decoded("20"), "e")).expected).toBe("u64")
  })

  test.prop([fc.bigInt({ min: 0n, max: U64_MAX })], { seed: 7802, numRuns: 100 })("round-trips 100 sampled u64 values through CBOR (the range ends: known answers above)", (x) => {
    expect(Result.getOrThrow(readUint(Result.getOrThrow(decodeCbor(encodeCbor(x))), "x"))).toBe(x)
  })
})

describe("readInt", () => {
  it("accepts the i64 range ends and rejects one beyond", () => {
    // hand: 0x3b7fffffffffffffff = -1 - (2^63 - 1) = -2^63; 0x3b8000000000000000 = -1 - 2^63
    expect(toHex(encodeCbor(I64_MIN))).toBe("3b7fffffffffffffff")
    expect(toHex(encodeCbor(I64_MAX))).toBe("1b7fffffffffffffff")
    expect(Result.getOrThrow(readInt(decoded("3b7fffffffffffffff"), "e"))).toBe(I64_MIN)
    expect(failureOf(readInt(decoded("3b8000000000000000"), "e"))._tag).toBe("InvalidCborField")
    // hand: 0x1b7fffffffffffffff = 2^63 - 1; 0x1b8000000000000000 = 2^63
    expect(Result.getOrThrow(readInt(decoded("1b7fffffffffffffff"), "e"))).toBe(I64_MAX)
    expect(failureOf(readInt(decoded("1b8000000000000000"), "e")).expected).toBe("i64")
  })

  test.prop([fc.bigInt({ min: I64_MIN, max: I64_MAX })], { seed: 7803, numRuns: 100 })("round-trips 100 sampled i64 values through CBOR (the range ends: known answers above)", (x) => {
    expect(Result.getOrThrow(readInt(Result.getOrThrow(decodeCbor(encodeCbor(x))), "x"))).toBe(x)
  })
})

describe("other readers", () => {
  it("readTuple checks array and length", () => {
    expect(Result.getOrThrow(readTuple([1, 2], 2, "Merge"))).toEqual([1, 2])
    expect(failureOf(readTuple([1], 2, "Merge")).message).toBe("Merge: expected array of 2 elements, got array(1)")
    expect(failureOf(readTuple(new Uint8Array(2), 2, "Merge")).message).toBe("Merge: expected array of 2 elements, got bytes(2)")
  })

  it("readArray, readBytes, readText, readBool", () => {
    expect(Result.getOrThrow(readArray([], "m"))).toEqual([])
    expect(failureOf(readArray(null, "m")).expected).toBe("array")
    expect(Result.getOrThrow(readBytes(Uint8Array.of(1), "b"))).toEqual(Uint8Array.of(1))
    expect(failureOf(readBytes([1], "b")).expected).toBe("byte string")
    expect(Result.getOrThrow(readText("x", "t"))).toBe("x")
    expect(failureOf(readText(Uint8Array.of(0x78), "t")).expected).toBe("text string")
    expect(Result.getOrThrow(readBool(false, "v"))).toBe(false)
    expect(failureOf(readBool(0, "v")).message).toBe("v: expected boolean, got uint 0")
  })

  it("readNullable passes null through and delegates otherwise", () => {
    expect(Result.getOrThrow(readNullable(null, "x", readUint))).toBeNull()
    expect(Result.getOrThrow(readNullable(7, "x", readUint))).toBe(7n)
    expect(failureOf(readNullable("7", "x", readUint)).field).toBe("x")
  })

  it("describeCbor names CIDs", () => {
    expect(describeCbor(cidOfCbor(encodeCbor(null)))).toBe("CID")
  })
})
