/**
 * `src/proofs/uvarint.ts`, the one unsigned-varint codec (piece CIDs, PIPs, addresses).
 * Expected bytes: the examples of multiformats/unsigned-varint `README.md` @
 * 3a509f662f82190e7ea13ef1dbd5abff291f4cdc (1 → 01, 127 → 7f, 128 → 80 01, 255 → ff 01,
 * 300 → ac 02, 16384 → 80 80 01), and 2^63 − 1 → ff ×8 7f by hand (63 one bits in 9 groups).
 * Errors: the cases go-varint `FromUvarint` rejects (multiformats/go-varint `varint.go` @ v0.1.0).
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { decodeUvarint, encodeUvarint, MAX_UVARINT, MAX_UVARINT_BYTES } from "../../src/proofs/uvarint.js"

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))

describe("uvarint", () => {
  it.each([
    [0n, "00"], [1n, "01"], [127n, "7f"], [128n, "8001"], [255n, "ff01"], [300n, "ac02"], [16384n, "808001"],
    [MAX_UVARINT, "ffffffffffffffff7f"]
  ] as const)("%s ↔ %s", (value, hex) => {
    expect(encodeUvarint(value)).toStrictEqual(bytes(hex))
    expect(decodeUvarint(bytes(`aa${hex}bb`), 1)).toStrictEqual({ value, length: hex.length / 2 })
  })

  it.each([
    ["", "empty varint"],
    ["80", "truncated varint"],
    ["ffff", "truncated varint"],
    ["8000", "non-minimal varint"],
    ["ff00", "non-minimal varint"],
    ["80".repeat(8) + "01", undefined], // 2^56: 9 bytes, the longest allowed
    ["80".repeat(9) + "01", "varint longer than 9 bytes"], // 2^63
    ["ff".repeat(9) + "01", "varint longer than 9 bytes"]
  ] as const)("%j → %s", (hex, error) => {
    const r = decodeUvarint(bytes(hex), 0)
    if (error === undefined) expect(r).toStrictEqual({ value: 1n << 56n, length: MAX_UVARINT_BYTES })
    else expect(r).toStrictEqual({ error })
  })

  it("refuses to encode values outside 0 … 2^63 − 1", () => {
    expect(() => encodeUvarint(-1n)).toThrow(RangeError)
    expect(() => encodeUvarint(MAX_UVARINT + 1n)).toThrow(RangeError)
  })

  test.prop([fc.bigInt({ min: 0n, max: MAX_UVARINT })], { seed: 7, numRuns: 300 })("decode ∘ encode = id, length ⌈bits / 7⌉", (v) => {
    const e = encodeUvarint(v)
    expect(e.length).toBe(Math.max(1, Math.ceil(v.toString(2).length / 7)))
    expect(decodeUvarint(e, 0)).toStrictEqual({ value: v, length: e.length })
  })
})
