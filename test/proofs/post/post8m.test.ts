/**
 * Window and Winning PoSt on 8 MiB sectors (2^18 leaves, paths of 6 levels), over a sparse
 * replica: all nodes zero but a few, so tree_r_last is built by hashing only the groups above a
 * non-zero node (every all-zero group at level h has the same hash z_{h+1} = Poseidon8(z_h × 8)).
 * The tree is built here level by level with `poseidonHashNodes` — another construction than
 * `poseidonTreeLevels` — and its root is checked against `poseidonTreeLevels` on one 8^3 sub-tree.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { poseidonHashNodes } from "../../../src/proofs/poseidon/poseidon.js"
import { commRFromRoots } from "../../../src/proofs/poseidon/tree.js"
import type { SealedReplica } from "../../../src/proofs/post/interface.js"
import { postProofsFor } from "../../../src/proofs/post/params.js"
import { proveWindowPost, verifyWindowPost } from "../../../src/proofs/post/windowPost.js"
import { proveWinningPost, verifyWinningPost } from "../../../src/proofs/post/winningPost.js"
import { poseidonTreeLevels } from "../../../src/proofs/sdr/treeFlat.js"
import { hex, tagOf } from "../_helpers.js"
import { canonicalNodes, proverIdOf } from "./_replicas.js"

/** Levels of the 8-ary tree over `n` leaves that are zero except `nonZero` (index → node). */
const sparseLevels = (n: number, nonZero: ReadonlyMap<number, Uint8Array>): ReadonlyArray<Uint8Array> => {
  const levels: Array<Uint8Array> = [new Uint8Array(32 * n)]
  for (const [i, v] of nonZero) levels[0]!.set(v, 32 * i)
  let zero: Uint8Array = new Uint8Array(32)
  let dirty = new Set(nonZero.keys())
  for (let size = n; size > 1; size /= 8) {
    const below = levels[levels.length - 1]!
    const nextZero = Result.getOrThrow(poseidonHashNodes(8, Array.from({ length: 8 }, () => zero)))
    const next = new Uint8Array((32 * size) / 8)
    for (let g = 0; g < size / 8; g++) next.set(nextZero, 32 * g)
    const parents = new Set([...dirty].map((i) => Math.floor(i / 8)))
    for (const g of parents) {
      const group = Array.from({ length: 8 }, (_, k) => below.subarray(32 * (8 * g + k), 32 * (8 * g + k) + 32))
      next.set(Result.getOrThrow(poseidonHashNodes(8, group)), 32 * g)
    }
    levels.push(next)
    zero = nextZero
    dirty = parents
  }
  return levels
}

const N = 1 << 18
const values = canonicalNodes(4, 88)
const nonZero = new Map([[5, values.subarray(0, 32)], [70000, values.subarray(32, 64)], [200001, values.subarray(64, 96)], [N - 1, values.subarray(96, 128)]])
const replicaOf = (sectorNumber: bigint): SealedReplica => {
  const treeRLast = sparseLevels(N, nonZero)
  const commRLast = treeRLast[treeRLast.length - 1]!
  const commC = canonicalNodes(1, 99)
  return { sectorNumber, commC, commRLast, commR: Result.getOrThrow(commRFromRoots(commC, commRLast)), treeRLast }
}
const randomness = Uint8Array.from({ length: 32 }, (_, i) => (i * 13) & 0x3f)
const proverId = proverIdOf(1000n)

describe("8 MiB PoSt (sparse replica)", () => {
  const replicas = [replicaOf(1n), replicaOf(2n), replicaOf(3n)]
  const sectors = replicas.map((r) => ({ sectorNumber: r.sectorNumber, commR: r.commR }))

  it("the sparse construction agrees with poseidonTreeLevels on a 512-leaf tree", () => {
    const small = new Map([[3, values.subarray(0, 32)], [400, values.subarray(32, 64)]])
    const flat = new Uint8Array(512 * 32)
    for (const [i, v] of small) flat.set(v, 32 * i)
    expect(sparseLevels(512, small).map(hex)).toEqual(poseidonTreeLevels(8, flat).map(hex))
  })

  it("Window PoSt: 6-level openings prove and verify; another randomness does not", () => {
    const window = postProofsFor("8MiB").window
    const proof = Result.getOrThrow(proveWindowPost({ proof: window, randomness, proverId, replicas }))
    expect(proof.partitions.map((p) => p.length)).toEqual([2, 2])
    expect(proof.partitions[0]![0]!.openings[0]!.path.length).toBe(6)
    expect(Result.isSuccess(verifyWindowPost({ randomness, proverId, sectors }, proof))).toBe(true)
    expect(tagOf(verifyWindowPost({ randomness: randomness.map((b) => b ^ 1), proverId, sectors }, proof))).toBe("OpeningWrongIndex")
    // a 2 KiB proof id: the paths are 6 levels, a 2 KiB tree has 2
    expect(tagOf(verifyWindowPost({ randomness, proverId, sectors }, { ...proof, proofId: 10 }))).toBe("OpeningWrongPathLength")
  })

  it("Winning PoSt: 66 openings of 6 levels", () => {
    const winning = postProofsFor("8MiB").winning
    const proof = Result.getOrThrow(proveWinningPost({ proof: winning, randomness, proverId, replica: replicas[1]! }))
    expect(proof.sector.openings.length).toBe(66)
    expect(Result.isSuccess(verifyWinningPost({ randomness, proverId, sectors: [sectors[1]!] }, proof))).toBe(true)
  })
})
