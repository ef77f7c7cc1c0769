import { fc, test } from "@fast-check/vitest"
import { bls12_381_Fr } from "@noble/curves/bls12-381.js"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  FR_MODULUS, frAdd, frFromBigint, frFromRepr, frFromU64s, frInv, frMul, frNeg, frPow, frSub, frToRepr
} from "../../../src/proofs/poseidon/field.js"

/**
 * The field is checked against @noble/curves' own BLS12-381 scalar field (`bls12_381_Fr`, an
 * implementation written independently of ours) and against identities of integers mod r; the
 * byte form against filecoin-hashers' limb layout.
 */
const element = fc.bigInt({ min: 0n, max: FR_MODULUS - 1n })
/** Elements near the edges, where a missed reduction shows. */
const edgy = fc.oneof(element, fc.constantFrom(0n, 1n, 2n, FR_MODULUS - 1n, FR_MODULUS - 2n, (FR_MODULUS - 1n) / 2n))
const Fr = bls12_381_Fr

describe("Fr against @noble/curves bls12_381_Fr", () => {
  it("the modulus is noble's scalar-field order and is 255 bits", () => {
    expect(FR_MODULUS).toBe(Fr.ORDER)
    expect(FR_MODULUS.toString(2).length).toBe(255)
  })

  test.prop([edgy, edgy], { seed: 9001, numRuns: 300 })("add, sub, mul, neg agree", (a, b) => {
    expect(frAdd(a, b)).toBe(Fr.add(a, b))
    expect(frSub(a, b)).toBe(Fr.sub(a, b))
    expect(frMul(a, b)).toBe(Fr.mul(a, b))
    expect(frNeg(a)).toBe(Fr.neg(a))
  })

  test.prop([edgy.filter((a) => a !== 0n)], { seed: 9002, numRuns: 100 })("inverse agrees and a · a⁻¹ = 1", (a) => {
    expect(frInv(a)).toBe(Fr.inv(a))
    expect(frMul(a, frInv(a))).toBe(1n)
  })

  test.prop([edgy, fc.bigInt({ min: 0n, max: (1n << 300n) })], { seed: 9003, numRuns: 100 })("pow agrees", (a, e) => {
    expect(frPow(a, e)).toBe(Fr.pow(a, e))
  })
})

describe("Fr identities of integers mod r", () => {
  test.prop([fc.bigInt({ min: -(1n << 600n), max: 1n << 600n })], { seed: 9004, numRuns: 200 })(
    "frFromBigint(n) is in [0, r) and differs from n by a multiple of r", (n) => {
      const m = frFromBigint(n)
      expect(m >= 0n && m < FR_MODULUS).toBe(true)
      expect((n - m) % FR_MODULUS).toBe(0n)
    })

  test.prop([edgy, edgy, edgy], { seed: 9005, numRuns: 200 })("distributive, and sub undoes add", (a, b, c) => {
    expect(frMul(a, frAdd(b, c))).toBe(frAdd(frMul(a, b), frMul(a, c)))
    expect(frSub(frAdd(a, b), b)).toBe(a)
    expect(frAdd(a, frNeg(a))).toBe(0n)
  })

  it("Fermat: a^(r−1) = 1 for a ≠ 0, and (r − 1)² = 1", () => {
    expect(frPow(5n, FR_MODULUS - 1n)).toBe(1n)
    expect(frMul(FR_MODULUS - 1n, FR_MODULUS - 1n)).toBe(1n)
  })
})

describe("Fr repr: canonical little-endian 32 bytes", () => {
  test.prop([element], { seed: 9006, numRuns: 200 })("round trip, and byte i is the i-th base-256 digit", (a) => {
    const bytes = frToRepr(a)
    expect(bytes.length).toBe(32)
    for (let i = 0; i < 32; i++) expect(bytes[i]).toBe(Number((a / 256n ** BigInt(i)) % 256n))
    expect(Result.getOrThrow(frFromRepr(bytes))).toBe(a)
  })

  it("r − 1 is accepted; r, 2^256 − 1 and a 31-byte repr are rejected with FrNonCanonical", () => {
    expect(Result.getOrThrow(frFromRepr(frToRepr(FR_MODULUS - 1n)))).toBe(FR_MODULUS - 1n)
    const rBytes = new Uint8Array(32)
    let n = FR_MODULUS
    for (let i = 0; i < 32; i++, n >>= 8n) rBytes[i] = Number(n & 0xffn)
    for (const bad of [rBytes, new Uint8Array(32).fill(0xff), new Uint8Array(31)]) {
      const r = frFromRepr(bad, 3)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) expect([r.failure._tag, r.failure.index, r.failure.length]).toEqual(["FrNonCanonical", 3, bad.length])
    }
  })

  it("limbs as filecoin-hashers lays them out (filecoin-project/rust-fil-proofs filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0, test_as_ref: each limb's to_le_bytes is the matching 8-byte chunk)", () => {
    const limbs = [14963070332212552755n, 2414807501862983188n, 16116531553419129213n, 6357427774790868134n] as const
    const bytes = frToRepr(frFromU64s(limbs))
    for (let k = 0; k < 4; k++) {
      const chunk = new DataView(bytes.buffer, 8 * k, 8).getBigUint64(0, true)
      expect(chunk).toBe(limbs[k])
    }
  })
})
