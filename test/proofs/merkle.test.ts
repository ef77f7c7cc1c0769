import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { merkleNode, merkleProof, merkleRoot, merkleRootFromPath, merkleTree, verifyMerkleProof } from "../../src/proofs/merkle.js"
import { hashNode } from "../../src/proofs/node.js"
import { zeroNode } from "../../src/proofs/zerocomm.js"
import { failureOf, hex } from "./_helpers.js"

/** The naive tree: materialise all 2^height leaves (zeros past the data), hash level by level with hashNode. */
const naiveLevels = (leaves: Uint8Array, height: number): Uint8Array[][] => {
  const level0: Uint8Array[] = []
  for (let i = 0; i < 2 ** height; i++) level0.push(i * 32 < leaves.length ? leaves.slice(32 * i, 32 * i + 32) : new Uint8Array(32))
  const levels = [level0]
  for (let k = 0; k < height; k++) {
    const prev = levels[k]!
    levels.push(Array.from({ length: prev.length / 2 }, (_, i) => hashNode(prev[2 * i]!, prev[2 * i + 1]!)))
  }
  return levels
}

/** Height 0 … 8 and 0 … 2^height random leaves. */
const treeInput = fc.integer({ min: 0, max: 8 }).chain((height) =>
  fc.tuple(fc.constant(height), fc.integer({ min: 0, max: 2 ** height }).chain((n) => fc.uint8Array({ minLength: 32 * n, maxLength: 32 * n }))))

describe("merkleRoot — zero subtrees not hashed", () => {
  test.prop([treeInput], { seed: 11001, numRuns: 200 })("equals the naive tree's root", ([height, leaves]) => {
    expect(hex(Result.getOrThrow(merkleRoot(leaves, height)))).toBe(hex(naiveLevels(leaves, height)[height]![0]!))
  })

  it("large: 2^15 + 3 leaves in a tree of height 17 (runs of 2^14, 2^14, 2, 1) equals a level-by-level fold", () => {
    const n = 2 ** 15 + 3
    const leaves = Uint8Array.from({ length: 32 * n }, (_, i) => (i * 131 + 17) & 0xff)
    let level: Uint8Array[] = Array.from({ length: n }, (_, i) => leaves.slice(32 * i, 32 * i + 32))
    for (let k = 0; k < 17; k++) {
      if (level.length % 2 === 1) level.push(zeroNode(k))
      level = Array.from({ length: level.length / 2 }, (_, i) => hashNode(level[2 * i]!, level[2 * i + 1]!))
    }
    expect(hex(Result.getOrThrow(merkleRoot(leaves, 17)))).toBe(hex(level[0]!))
  })

  it("no leaves = the zero subtree; errors for ragged leaves or too many", () => {
    expect(hex(Result.getOrThrow(merkleRoot(new Uint8Array(0), 5)))).toBe(hex(zeroNode(5)))
    expect(failureOf(merkleRoot(new Uint8Array(33), 2))._tag).toBe("InvalidNodeLength")
    expect(failureOf(merkleRoot(new Uint8Array(32 * 5), 2))).toMatchObject({ _tag: "TooManyLeaves", leaves: 5, height: 2 })
  })
})

describe("merkleTree, merkleNode, merkleProof, verifyMerkleProof", () => {
  test.prop([treeInput], { seed: 11002, numRuns: 100 })("every node equals the naive tree's", ([height, leaves]) => {
    const tree = Result.getOrThrow(merkleTree(leaves, height))
    const naive = naiveLevels(leaves, height)
    for (let k = 0; k <= height; k++) {
      for (let i = 0; i < 2 ** (height - k); i++) expect(hex(merkleNode(tree, k, i))).toBe(hex(naive[k]![i]!))
    }
  })

  test.prop([treeInput.chain(([h, leaves]) => fc.tuple(fc.constant(h), fc.constant(leaves), fc.integer({ min: 0, max: h })
    .chain((level) => fc.tuple(fc.constant(level), fc.integer({ min: 0, max: 2 ** (h - level) - 1 })))))], { seed: 11003, numRuns: 200 })(
    "the path of any node at any level verifies; a flipped bit or another index does not", ([height, leaves, [level, index]]) => {
      const tree = Result.getOrThrow(merkleTree(leaves, height))
      const root = merkleNode(tree, height, 0)
      const node = merkleNode(tree, level, index)
      const path = Result.getOrThrow(merkleProof(tree, level, index))
      expect(path.length).toBe(height - level)
      expect(verifyMerkleProof(root, node, BigInt(index), path)).toBe(true)
      expect(hex(Result.getOrThrow(merkleRootFromPath(node, BigInt(index), path)))).toBe(hex(root))
      if (path.length > 0) {
        const tampered = path.map((p) => p.slice())
        tampered[path.length - 1]![0]! ^= 1
        expect(verifyMerkleProof(root, node, BigInt(index), tampered)).toBe(false)
        // the sibling's position verifies only when the sibling equals the node (e.g. both zero)
        expect(verifyMerkleProof(root, node, BigInt(index ^ 1), path)).toBe(hex(path[0]!) === hex(node))
      }
    })

  it("rejects positions outside the tree and malformed paths", () => {
    const tree = Result.getOrThrow(merkleTree(new Uint8Array(64), 3))
    expect(failureOf(merkleProof(tree, 1, 4))._tag).toBe("InvalidProofPosition")
    expect(failureOf(merkleProof(tree, 4, 0))._tag).toBe("InvalidProofPosition")
    expect(failureOf(merkleRootFromPath(new Uint8Array(32), 2n, [new Uint8Array(32)]))._tag).toBe("InvalidProofPosition")
    expect(failureOf(merkleRootFromPath(new Uint8Array(32), 0n, [new Uint8Array(31)]))._tag).toBe("InvalidNodeLength")
    expect(() => merkleNode(tree, 0, 8)).toThrow(RangeError)
  })
})
