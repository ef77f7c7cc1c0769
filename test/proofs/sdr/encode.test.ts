/**
 * Encoding and decoding (storage-proofs-porep/src/encode.rs @ storage-proofs-porep-v19.1.0:
 * replica = key + data, data = replica − key, in Fr) on u32 limbs, checked against the bigint
 * field of src/proofs/poseidon/field.ts (frAdd / frSub, an independent reduction with `%`), with
 * edge values around r placed on purpose: 0, 1, r − 1, r − 2, 2^254 − 1 (the largest masked label).
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { FR_MODULUS, frAdd, frSub, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { decode, decodeNode, encode, encodeNode, firstNonCanonicalNode } from "../../../src/proofs/sdr/encode.js"

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex")
const EDGES = [0n, 1n, 2n, FR_MODULUS - 1n, FR_MODULUS - 2n, (1n << 254n) - 1n, 1n << 128n, (1n << 64n) - 1n]
const fr = fc.oneof(fc.constantFrom(...EDGES), fc.bigInt({ min: 0n, max: FR_MODULUS - 1n }))

describe("encodeNode / decodeNode equal Fr addition / subtraction", () => {
  it("every pair of edge values", () => {
    for (const k of EDGES) for (const d of EDGES) {
      expect(hex(Result.getOrThrow(encodeNode(frToRepr(k), frToRepr(d))))).toBe(hex(frToRepr(frAdd(k, d))))
      expect(hex(Result.getOrThrow(decodeNode(frToRepr(k), frToRepr(d))))).toBe(hex(frToRepr(frSub(d, k))))
    }
  })

  test.prop([fr, fr], { seed: 9101, numRuns: 300 })("random pairs: encode = key + data, decode = replica − key", (k, d) => {
    expect(hex(Result.getOrThrow(encodeNode(frToRepr(k), frToRepr(d))))).toBe(hex(frToRepr(frAdd(k, d))))
    expect(hex(Result.getOrThrow(decodeNode(frToRepr(k), frToRepr(d))))).toBe(hex(frToRepr(frSub(d, k))))
  })
})

describe("encode / decode over a whole sector", () => {
  const flat = (xs: ReadonlyArray<bigint>): Uint8Array => Buffer.concat(xs.map(frToRepr))

  test.prop([fc.array(fc.tuple(fr, fr), { minLength: 1, maxLength: 40 })], { seed: 9102, numRuns: 100 })(
    "decode(key, encode(key, data)) = data, byte for byte", (pairs) => {
      const key = flat(pairs.map((p) => p[0]))
      const data = flat(pairs.map((p) => p[1]))
      const before = hex(data)
      const replica = Result.getOrThrow(encode(key, data))
      expect(hex(Result.getOrThrow(decode(key, replica)))).toBe(before)
      expect(hex(data)).toBe(before)
    })

  it("a non-canonical node is a typed error naming it, and nothing is written", () => {
    const key = new Uint8Array(96)
    const data = new Uint8Array(96)
    data.set(frToRepr(FR_MODULUS - 1n), 32)
    // node 2 = r exactly (frToRepr writes any integer's bytes): the smallest non-canonical value
    data.set(frToRepr(FR_MODULUS), 64)
    expect(firstNonCanonicalNode(data)).toBe(2)
    const snapshot = hex(data)
    const e = encode(key, data)
    expect(Result.isFailure(e) && e.failure._tag === "NodeNotInField" && e.failure.node).toBe(2)
    expect(hex(data)).toBe(snapshot)
    const all = new Uint8Array(32).fill(0xff)
    expect(Result.isFailure(decode(new Uint8Array(32), all))).toBe(true)
    expect(Result.isFailure(encode(all, new Uint8Array(32)))).toBe(true)
  })

  it("lengths must match and be whole nodes", () => {
    const e1 = encode(new Uint8Array(64), new Uint8Array(32))
    expect(Result.isFailure(e1) && e1.failure._tag).toBe("EncodeLengthMismatch")
    const e2 = decode(new Uint8Array(33), new Uint8Array(33))
    expect(Result.isFailure(e2) && e2.failure._tag).toBe("EncodeLengthMismatch")
  })
})
