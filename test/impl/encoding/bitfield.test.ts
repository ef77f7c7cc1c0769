import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  type BitField, bitFieldCount, bitFieldFromIndices, bitFieldIndices, decodeBitField, encodeBitField, MAX_ENCODED_SIZE
} from "../../../src/impl/encoding/bitfield.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"

const U64_MAX = (1n << 64n) - 1n

/** Packs bits, least significant first, without trimming (fvm_ipld_bitfield's test `BitWriter::finish_test`). */
const pack = (bits: ReadonlyArray<number>): Uint8Array => {
  const out = new Uint8Array(Math.ceil(bits.length / 8))
  bits.forEach((b, i) => { out[i >> 3]! |= b << (i & 7) })
  return out
}
/** A bitfield from a list of 0/1 bits (fvm_ipld_bitfield's `bitfield![…]` macro). */
const fromBits = (bits: ReadonlyArray<number>): BitField => bitFieldFromIndices(bits.flatMap((b, i) => (b === 1 ? [BigInt(i)] : [])))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

// Known answers: filecoin-project/ref-fvm ipld/bitfield/src/rleplus/mod.rs @ fvm_ipld_bitfield@v0.7.2, `fn test()`:
// each case is the bit stream (as written there, with its comments) and the expected set or error.
const ones = (n: number) => new Array<number>(n).fill(1)
const FVM_CASES: ReadonlyArray<readonly [string, ReadonlyArray<number>, BitField | string]> = [
  ["empty", [], []],
  ["incorrect version", [1, 0, 1, 0, 1, 0, 0, 0, 1], "UnsupportedVersion"],
  ["8 ones", [0, 0, 1, 0, 1, 0, 0, 0, 1], fromBits(ones(8))],
  ["4 ones, 1 zero, 3 ones", [0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0], fromBits([1, 1, 1, 1, 0, 1, 1, 1])],
  ["25 ones in a varint", [0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0], fromBits(ones(25))],
  ["trailing garbage, short", [0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1], "NotMinimal"],
  ["trailing garbage, varint", [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "NotMinimal"],
  ["last byte zero", [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], "NotMinimal"],
  ["17 ones in a varint", [0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], fromBits(ones(17))],
  ["varint not minimal", [0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], "InvalidVarint"],
  ["0..u64::MAX", [0, 0, 1, 0, 0, ...ones(73), 0, 0], [{ start: 0n, end: U64_MAX }]],
  ["varint overflow by 1", [0, 0, 1, 0, 0, ...new Array<ReadonlyArray<number>>(9).fill([0, 0, 0, 0, 0, 0, 0, 1]).flat(), 0, 1, 0], "InvalidVarint"],
  ["total length overflows", [0, 0, 1, 0, 0, ...ones(71), 0, 0, 0, ...ones(71), 0, 0, 1, 0, 1, 0, 0], "RLEOverflow"],
  ["long block for 3", [0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1], "NotMinimal"],
  ["long block for 1", [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], "NotMinimal"],
  ["short block for 1", [0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1], "NotMinimal"],
  ["trailing zeros: starts with 0, run of one", [0, 0, 0, 1], "NotMinimal"],
  ["trailing zeros: starts with 0, run of 2", [0, 0, 0, 0, 1, 0, 0, 1, 0], "NotMinimal"],
  ["trailing zeros: 2 ones then a zero", [0, 0, 1, 0, 1, 0, 0, 1, 0, 1], "NotMinimal"],
  ["trailing zeros: 0, 1, 2 then 2 zeros", [0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], "NotMinimal"]
]

describe("decodeBitField — fvm_ipld_bitfield v0.7.2 rleplus tests", () => {
  it.each(FVM_CASES)("%s", (_, bits, expected) => {
    const r = decodeBitField(pack(bits))
    if (typeof expected === "string") expect(failureOf(r).reason).toBe(expected)
    else expect(Result.getOrThrow(r)).toEqual(expected)
  })

  it("iter_last: 19 bytes E4 FF… 7F hold bits up to 2^64 − 2", () => {
    const bytes = Result.getOrThrow(fromHex("e4ffffffffffffffff2fffffffffffffffff7f"))
    const bf = Result.getOrThrow(decodeBitField(bytes))
    expect(bf[bf.length - 1]!.end - 1n).toBe(18446744073709551614n)
  })

  it("a bitfield over 32 KiB is refused before decoding", () => {
    expect(failureOf(decodeBitField(new Uint8Array(MAX_ENCODED_SIZE + 1).fill(0xff))).reason).toBe("TooLarge")
  })
})

describe("encodeBitField — hand derivation (bits least significant first)", () => {
  it.each<[string, ReadonlyArray<bigint>, string]>([
    // 00 | 1 | 1 → bit0 = 0, bit1 = 0, bit2 = 1, bit3 = 1 → 0b00001100 = 0x0c
    ["{0}", [0n], "0c"],
    // 00 | 0 | 1 (one zero) | 1 (one one) → bits 0,0,0,1,1 → 0b00011000 = 0x18
    ["{1}", [1n], "18"],
    // 00 | 1 | 01 0100 (run of 2: 2 = 0,1,0,0 LSB first) → bits 0,0,1,0,1,0,1,0,0 → byte0 = 0b01010100 = 0x54
    ["{0,1}", [0n, 1n], "54"],
    // 00 | 1 | 1 | 1 | 1 → bits 0,0,1,1,1,1 → 0b00111100 = 0x3c
    ["{0,2}", [0n, 2n], "3c"],
    // 00 | 1 | 00 + varint 16 (0x10 → bits 0,0,0,0,1,0,0,0) → bits 0,0,1,0,0,0,0,0,0,1,0,0,0 → 0x04, 0x02
    ["{0..15}", Array.from({ length: 16 }, (_, i) => BigInt(i)), "0402"],
    ["{}", [], ""]
  ])("%s", (_, indices, hex) => {
    const bf = bitFieldFromIndices(indices)
    expect(toHex(encodeBitField(bf))).toBe(hex)
    expect(Result.getOrThrow(decodeBitField(encodeBitField(bf)))).toEqual(bf)
  })

  test.prop([fc.uniqueArray(fc.bigInt({ min: 0n, max: 3000n }), { maxLength: 200 })], { seed: 8008, numRuns: 100 })(
    "decode ∘ encode is the identity, the encoding has no trailing zero byte, and the count is kept",
    (indices) => {
      const bf = bitFieldFromIndices(indices)
      const bytes = encodeBitField(bf)
      expect(bytes[bytes.length - 1]).not.toBe(0)
      const back = Result.getOrThrow(decodeBitField(bytes))
      expect(back).toEqual(bf)
      expect(bitFieldIndices(back)).toEqual([...indices].sort((a, b) => (a < b ? -1 : 1)))
      expect(bitFieldCount(back)).toBe(BigInt(indices.length))
    }
  )
})
