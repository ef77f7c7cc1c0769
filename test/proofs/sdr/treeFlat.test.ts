/**
 * The flat Poseidon trees and column hashes against the array-based reference of
 * src/proofs/poseidon/tree.ts (`poseidonTreeLayers`, `treeCLeaves`), itself checked against
 * neptune's and filecoin-hashers' known answers (test/proofs/poseidon/).
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { FR_MODULUS, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonTreeLayers, treeCLeaves } from "../../../src/proofs/poseidon/tree.js"
import { columnHashes, poseidonTreeLevels } from "../../../src/proofs/sdr/treeFlat.js"

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex")
const frBytes = fc.bigInt({ min: 0n, max: FR_MODULUS - 1n }).map(frToRepr)
const flatOf = (n: number) => fc.array(frBytes, { minLength: n, maxLength: n }).map((xs) => new Uint8Array(Buffer.concat(xs)))

describe("poseidonTreeLevels = poseidonTreeLayers, level by level", () => {
  for (const [arity, n] of [[8, 64], [2, 16], [4, 16], [8, 8]] as const) {
    test.prop([flatOf(n)], { seed: 9200 + arity * 100 + n, numRuns: 3 })(`arity ${arity}, ${n} leaves`, (leaves) => {
      const flat = poseidonTreeLevels(arity, leaves)
      const ref = Result.getOrThrow(poseidonTreeLayers(arity, Array.from({ length: n }, (_, i) => leaves.subarray(32 * i, 32 * i + 32))))
      expect(flat.map(hex)).toEqual(ref.map((level) => hex(Buffer.concat(level))))
    })
  }

  it("refuses a bad arity, a bad leaf count and a non-canonical leaf", () => {
    expect(() => poseidonTreeLevels(3, new Uint8Array(9 * 32))).toThrow(RangeError)
    expect(() => poseidonTreeLevels(8, new Uint8Array(16 * 32))).toThrow(RangeError)
    const leaves = new Uint8Array(8 * 32); leaves.fill(0xff, 32, 64)
    expect(() => poseidonTreeLevels(8, leaves)).toThrow(RangeError)
  })
})

describe("columnHashes = treeCLeaves", () => {
  test.prop([flatOf(8), flatOf(8)], { seed: 9301, numRuns: 3 })("2 layers", (a, b) => {
    const ref = Result.getOrThrow(treeCLeaves([a, b]))
    expect(hex(columnHashes([a, b]))).toBe(hex(Buffer.concat(ref)))
  })
  test.prop([fc.array(flatOf(2), { minLength: 11, maxLength: 11 })], { seed: 9302, numRuns: 2 })("11 layers", (layers) => {
    const ref = Result.getOrThrow(treeCLeaves(layers))
    expect(hex(columnHashes(layers))).toBe(hex(Buffer.concat(ref)))
  })
  it("refuses 3 layers and layers of different lengths", () => {
    expect(() => columnHashes([new Uint8Array(32), new Uint8Array(32), new Uint8Array(32)])).toThrow(RangeError)
    expect(() => columnHashes([new Uint8Array(32), new Uint8Array(64)])).toThrow(RangeError)
  })
})
