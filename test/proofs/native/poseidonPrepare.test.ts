/**
 * The optimised Poseidon constants (`src/proofs/native/poseidonPrepare.ts`) on their own, without
 * the binding: the optimised rounds evaluated here on `bigint` from the prepared elements (read in
 * the order poseidon.h documents) equal the plain permutation of `src/proofs/poseidon/poseidon.ts`
 * (neptune src/poseidon_alt.rs @ v11.0.0 `hash_correct`), and broken preparations do not.
 */
import { fc, test } from "@fast-check/vitest"
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { preparePoseidon } from "../../../src/proofs/native/poseidonPrepare.js"
import { poseidonConstants } from "../../../src/proofs/poseidon/constants.js"
import { FR_MODULUS } from "../../../src/proofs/poseidon/field.js"
import type { PoseidonConstants } from "../../../src/proofs/poseidon/interface.js"
import { poseidonPermutation } from "../../../src/proofs/poseidon/poseidon.js"

const mod = (x: bigint): bigint => ((x % FR_MODULUS) + FR_MODULUS) % FR_MODULUS
const pow5 = (x: bigint): bigint => mod(mod(mod(x * x) * mod(x * x)) * x)

/** The optimised permutation on bigint, reading the prepared elements as the C++ does. */
const optimised = (c: PoseidonConstants, prepared: ReadonlyArray<bigint>, state: ReadonlyArray<bigint>): Array<bigint> => {
  const t = c.width
  const half = c.fullRounds / 2
  let o = 1 // after the domain tag
  const take = (n: number) => prepared.slice(o, (o += n))
  const mds = take(t * t)
  const pre = take(half * t)
  const scalars = take(c.partialRounds)
  const preSparse = take(t * t)
  const sparse = take((c.partialRounds - 1) * (2 * t - 1))
  const post = take(half * t)
  expect(o).toBe(prepared.length)
  const dense = (m: ReadonlyArray<bigint>, s: ReadonlyArray<bigint>) =>
    s.map((_, j) => mod(s.reduce((acc, x, i) => acc + x * m[i * t + j]!, 0n)))
  let s = state.slice()
  const full = (rc: ReadonlyArray<bigint>) => { s = dense(mds, s.map((x, i) => pow5(mod(x + rc[i]!)))) }
  for (let r = 0; r < half; r++) full(pre.slice(r * t, r * t + t))
  for (let r = 0; r < c.partialRounds; r++) {
    s[0] = pow5(mod(s[0]! + scalars[r]!))
    if (r === 0) s = dense(preSparse, s)
    else {
      const sp = sparse.slice((r - 1) * (2 * t - 1), r * (2 * t - 1))
      const x0 = s[0]!
      const y0 = mod(x0 * sp[0]! + s.slice(1).reduce((acc, x, i) => acc + x * sp[t + i]!, 0n))
      s = [y0, ...s.slice(1).map((x, j) => mod(x + x0 * sp[1 + j]!))]
    }
  }
  for (let r = 0; r < half; r++) full(post.slice(r * t, r * t + t))
  return s
}

const constants = (arity: number): PoseidonConstants => Result.getOrThrow(poseidonConstants(arity))
const element = fc.bigInt({ min: 0n, max: FR_MODULUS - 1n })

describe("poseidonPrepare: the optimised rounds equal the plain permutation", () => {
  test.prop([fc.constantFrom(2, 4, 8, 11), fc.array(element, { minLength: 12, maxLength: 12 })], { seed: 50001, numRuns: 12 })(
    "whole permutation state, any input state",
    (arity, xs) => {
      const c = constants(arity)
      const state = xs.slice(0, c.width)
      expect(optimised(c, preparePoseidon(c), state)).toEqual(poseidonPermutation(c, state))
    }
  )

  it("the prepared form has the size poseidon.h expects and starts with the domain tag", () => {
    for (const arity of [2, 8, 11]) {
      const c = constants(arity)
      const t = c.width
      const half = c.fullRounds / 2
      const p = preparePoseidon(c)
      expect(p.length).toBe(1 + t * t + half * t + c.partialRounds + t * t + (c.partialRounds - 1) * (2 * t - 1) + half * t)
      expect(p[0]).toBe(c.domainTag)
    }
  })

  it("mutants differ: a changed round constant, or the partial-round constants not carried forward", () => {
    const c = constants(2)
    const state = [c.domainTag, 5n, 7n]
    const plain = poseidonPermutation(c, state)
    // one partial-round constant changed in the plain constants → the prepared form follows it
    const changed = { ...c, roundConstants: c.roundConstants.map((x, i) => (i === 3 * 10 + 1 ? mod(x + 1n) : x)) }
    expect(optimised(changed, preparePoseidon(changed), state)).toEqual(poseidonPermutation(changed, state))
    expect(poseidonPermutation(changed, state)).not.toEqual(plain)
    // the carried constants dropped (post-round constants taken as they are) → a different permutation
    const prepared = preparePoseidon(c).slice()
    const t = c.width
    const postStart = prepared.length - (c.fullRounds / 2) * t
    for (let i = 0; i < t; i++) prepared[postStart + i] = c.roundConstants[(c.fullRounds / 2 + c.partialRounds) * t + i]!
    expect(optimised(c, prepared, state)).not.toEqual(plain)
  })
})
