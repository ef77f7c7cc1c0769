/**
 * Openings of flat Poseidon trees (rust-fil-proofs storage-proofs-core/src/merkle/proof.rs @
 * storage-proofs-core-v19.1.0 `SingleProof`, `InclusionPath::root`, `path_index`, `validate`).
 * The trees are built with `poseidonTreeLayers` (tested against neptune / filecoin-hashers); the
 * openings are read from flat levels and re-hashed by insertion, another route to the same root.
 * The expected sibling layout of leaf 13 of a 64-leaf 8-ary tree is written out by hand.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  checkTreeLevels, openingPathIndex, poseidonOpening, type PoseidonOpening, verifyPoseidonOpening
} from "../../../src/proofs/poseidon/opening.js"
import { poseidonTreeRoot, bytesToLeaves } from "../../../src/proofs/poseidon/tree.js"
import { hex, tagOf } from "../_helpers.js"
import { canonicalNodes, flatLevels } from "../post/_replicas.js"

const node = (level: Uint8Array, i: number) => level.slice(32 * i, 32 * i + 32)

describe("poseidonOpening", () => {
  const leaves = canonicalNodes(64, 11)
  const levels = flatLevels(8, leaves)

  it("leaf 13 of 64, arity 8: siblings 8…15 but 13 (position 5), then level-1 nodes but 1 (position 1)", () => {
    const o = Result.getOrThrow(poseidonOpening(levels, 8, 13))
    expect(hex(o.leaf)).toBe(hex(node(leaves, 13)))
    expect(o.path.map((p) => p.index)).toEqual([5, 1])
    expect(o.path[0]!.siblings.map(hex)).toEqual([8, 9, 10, 11, 12, 14, 15].map((i) => hex(node(leaves, i))))
    expect(o.path[1]!.siblings.map(hex)).toEqual([0, 2, 3, 4, 5, 6, 7].map((i) => hex(node(levels[1]!, i))))
    expect(openingPathIndex(8, o.path)).toBe(13)
    // the root of the opening is the tree's root computed by poseidonTreeRoot
    expect(hex(o.root)).toBe(hex(Result.getOrThrow(poseidonTreeRoot(8, Result.getOrThrow(bytesToLeaves(leaves))))))
  })

  test.prop([fc.constantFrom<[number, number]>([2, 16], [4, 16], [8, 64], [16, 16]), fc.integer({ min: 0, max: 1 << 20 }), fc.nat()],
    { seed: 4417, numRuns: 24 })("every opening of a random tree verifies (arity 2, 4, 8, 16)", ([arity, n], s, pick) => {
    const lv = flatLevels(arity, canonicalNodes(n, s))
    const index = pick % n
    const o = Result.getOrThrow(poseidonOpening(lv, arity, index))
    const root = lv[lv.length - 1]!
    expect(Result.isSuccess(verifyPoseidonOpening(o, { arity, leaves: n, index, root, leaf: node(lv[0]!, index), at: "t" }))).toBe(true)
  })

  it("levels that are not a tree, and an index outside it, are typed errors", () => {
    expect(tagOf(checkTreeLevels([levels[0]!, levels[2]!], 8))).toBe("InvalidTreeLevels")
    expect(tagOf(checkTreeLevels(levels, 3))).toBe("InvalidTreeLevels")
    expect(tagOf(checkTreeLevels([levels[0]!.subarray(0, 33), levels[1]!, levels[2]!], 8))).toBe("InvalidTreeLevels")
    expect(tagOf(checkTreeLevels([levels[0]!, levels[1]!], 8))).toBe("InvalidTreeLevels")
    expect(tagOf(poseidonOpening(levels, 8, 64))).toBe("OpeningIndexOutOfRange")
    expect(tagOf(poseidonOpening(levels, 8, -1))).toBe("OpeningIndexOutOfRange")
  })
})

describe("verifyPoseidonOpening: each broken opening is caught with the check it fails", () => {
  const leaves = canonicalNodes(64, 12)
  const levels = flatLevels(8, leaves)
  const root = levels[2]!
  const good = Result.getOrThrow(poseidonOpening(levels, 8, 42))
  const expectation = { arity: 8, leaves: 64, index: 42, root, at: "here" }
  const flip = (b: Uint8Array) => { const c = b.slice(); c[0] = c[0]! ^ 1; return c }
  const verify = (o: PoseidonOpening, e: Partial<typeof expectation & { leaf: Uint8Array }> = {}) => verifyPoseidonOpening(o, { ...expectation, ...e })

  it("the honest opening verifies, with and without the expected leaf", () => {
    expect(Result.isSuccess(verify(good))).toBe(true)
    expect(Result.isSuccess(verify(good, { leaf: node(leaves, 42) }))).toBe(true)
  })

  it("mutants", () => {
    const sib = (h: number, k: number, f: (b: Uint8Array) => Uint8Array) => ({
      ...good, path: good.path.map((p, i) => i !== h ? p : { ...p, siblings: p.siblings.map((s, j) => j === k ? f(s) : s) })
    })
    const cases: Array<[string, PoseidonOpening, Partial<typeof expectation & { leaf: Uint8Array }>, string]> = [
      ["changed leaf", { ...good, leaf: flip(good.leaf) }, {}, "OpeningBadPath"],
      ["changed sibling, level 0", sib(0, 3, flip), {}, "OpeningBadPath"],
      ["changed sibling, level 1", sib(1, 6, flip), {}, "OpeningBadPath"],
      ["changed position", { ...good, path: [{ ...good.path[0]!, index: (good.path[0]!.index + 1) % 8 }, good.path[1]!] }, {}, "OpeningBadPath"],
      ["opening of another leaf", Result.getOrThrow(poseidonOpening(levels, 8, 43)), {}, "OpeningWrongIndex"],
      ["another commitment", good, { root: flip(root) }, "OpeningWrongRoot"],
      ["root of the opening changed", { ...good, root: flip(good.root) }, {}, "OpeningBadPath"],
      ["a level dropped", { ...good, path: good.path.slice(0, 1) }, {}, "OpeningWrongPathLength"],
      ["tree size disagrees", good, { leaves: 512 }, "OpeningWrongPathLength"],
      ["six siblings", { ...good, path: [{ ...good.path[0]!, siblings: good.path[0]!.siblings.slice(1) }, good.path[1]!] }, {}, "OpeningMalformed"],
      ["position 8", { ...good, path: [{ ...good.path[0]!, index: 8 }, good.path[1]!] }, {}, "OpeningMalformed"],
      ["non-canonical sibling", sib(0, 0, (s) => { const c = s.slice(); c[31] = 0xff; return c }), {}, "OpeningMalformed"],
      ["31-byte leaf", { ...good, leaf: good.leaf.subarray(1) }, {}, "OpeningMalformed"],
      ["unexpected leaf value", good, { leaf: flip(node(leaves, 42)) }, "OpeningWrongLeaf"]
    ]
    for (const [name, o, e, tag] of cases) expect([name, tagOf(verify(o, e))]).toEqual([name, tag])
  })
})
