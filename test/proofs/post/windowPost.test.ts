/**
 * Vanilla Window PoSt over 2 KiB test replicas (random nodes, tree_r_last from the tested
 * `poseidonTreeLayers`).  The partition layout (ascending sector numbers, 2 per partition, the
 * last proof repeated) and each rejection follow storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0 (`prove_all_partitions`, `verify`); every mutant names the check it fails.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { openingPathIndex, poseidonOpening, type PoseidonOpening } from "../../../src/proofs/poseidon/opening.js"
import type { SectorProof, WindowPostProof } from "../../../src/proofs/post/interface.js"
import { postProof, postProofsFor } from "../../../src/proofs/post/params.js"
import { proveWindowPost, verifyWindowPost } from "../../../src/proofs/post/windowPost.js"
import { hex, tagOf } from "../_helpers.js"
import { proverIdOf, testReplica } from "./_replicas.js"

const window = postProofsFor("2KiB").window
const randomness = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0x3f)
const proverId = proverIdOf(1000n)
const replicas = [testReplica(9n, 1), testReplica(2n, 2), testReplica(5n, 3)]
const publicSectors = replicas.map((r) => ({ sectorNumber: r.sectorNumber, commR: r.commR }))
const proof = Result.getOrThrow(proveWindowPost({ proof: window, randomness, proverId, replicas }))
const pub = { randomness, proverId, sectors: publicSectors }
const flip = (b: Uint8Array) => { const c = b.slice(); c[0] = c[0]! ^ 1; return c }
/** The same leaf opened in sector 9's tree instead. */
const otherTree = (o: PoseidonOpening): PoseidonOpening => Result.getOrThrow(poseidonOpening(replicas[0]!.treeRLast, 8, openingPathIndex(8, o.path)))
const withSector = (p: WindowPostProof, j: number, i: number, f: (s: SectorProof) => SectorProof): WindowPostProof => ({
  ...p, partitions: p.partitions.map((part, pj) => part.map((s, pi) => (pj === j && pi === i ? f(s) : s)))
})

describe("proveWindowPost", () => {
  it("sectors in ascending order, 2 per partition, the last partition padded with its last proof", () => {
    expect(proof.proofId).toBe(10)
    expect(proof.partitions.map((p) => p.length)).toEqual([2, 2])
    const commCs = proof.partitions.flat().map((s) => hex(s.commC))
    const byNumber = (n: bigint) => hex(replicas.find((r) => r.sectorNumber === n)!.commC)
    expect(commCs).toEqual([byNumber(2n), byNumber(5n), byNumber(9n), byNumber(9n)])
    for (const s of proof.partitions.flat()) expect(s.openings.length).toBe(10)
  })

  it("a faulty sector, a repeated sector, a Winning proof type and a 32 GiB size are refused", () => {
    const broken = { ...replicas[1]!, commRLast: flip(replicas[1]!.commRLast) }
    const faulty = proveWindowPost({ proof: window, randomness, proverId, replicas: [replicas[0]!, broken] })
    expect(tagOf(faulty)).toBe("FaultySectors")
    expect(Result.isFailure(faulty) && faulty.failure._tag === "FaultySectors" && faulty.failure.sectors).toEqual([2n])
    expect(tagOf(proveWindowPost({ proof: window, randomness, proverId, replicas: [replicas[0]!, replicas[0]!] }))).toBe("WrongSectorSet")
    expect(tagOf(proveWindowPost({ proof: window, randomness, proverId, replicas: [] }))).toBe("WrongSectorSet")
    expect(tagOf(proveWindowPost({ proof: postProofsFor("2KiB").winning, randomness, proverId, replicas }))).toBe("WrongPoStType")
    expect(tagOf(proveWindowPost({ proof: postProofsFor("32GiB").window, randomness, proverId, replicas }))).toBe("WrongPoStType")
    expect(tagOf(proveWindowPost({ proof: window, randomness: new Uint8Array(32).fill(0xff), proverId, replicas }))).toBe("NotAFieldElement")
  })
})

describe("verifyWindowPost", () => {
  it("the honest proof verifies, whatever the order of the public sectors", () => {
    expect(Result.isSuccess(verifyWindowPost(pub, proof))).toBe(true)
    expect(Result.isSuccess(verifyWindowPost({ ...pub, sectors: [...publicSectors].reverse() }, proof))).toBe(true)
  })

  it("Window V1 (API 1.0.0) proves and verifies too, and is not a V1_1 proof (challenge index by position)", () => {
    const v1 = Result.getOrThrow(postProof(5))
    const p = Result.getOrThrow(proveWindowPost({ proof: v1, randomness, proverId, replicas }))
    expect(Result.isSuccess(verifyWindowPost(pub, p))).toBe(true)
    // position 0 has the same indices 0 … 9 under both versions, so the first failure is at sector 5 (position 1)
    const asV11 = verifyWindowPost(pub, { ...p, proofId: 10 })
    expect(tagOf(asV11)).toBe("OpeningWrongIndex")
    expect(Result.isFailure(asV11) && "at" in asV11.failure && asV11.failure.at.startsWith("sector 5,")).toBe(true)
  })

  it("mutants: each is rejected with the check it breaks", () => {
    const p0 = proof.partitions[0]!
    const cases: Array<[string, Parameters<typeof verifyWindowPost>[0], WindowPostProof, string]> = [
      ["other randomness", { ...pub, randomness: flip(randomness) }, proof, "OpeningWrongIndex"],
      ["wrong CommR on chain", { ...pub, sectors: [{ ...publicSectors[1]!, commR: flip(publicSectors[1]!.commR) }, publicSectors[0]!, publicSectors[2]!] }, proof, "WrongCommR"],
      ["wrong comm_c", pub, withSector(proof, 0, 1, (s) => ({ ...s, commC: flip(s.commC) })), "WrongCommR"],
      ["wrong comm_r_last", pub, withSector(proof, 1, 0, (s) => ({ ...s, commRLast: flip(s.commRLast) })), "WrongCommR"],
      ["tampered opened leaf", pub, withSector(proof, 0, 0, (s) => ({ ...s, openings: s.openings.map((o, n) => (n === 4 ? { ...o, leaf: flip(o.leaf) } : o)) })), "OpeningBadPath"],
      ["the challenged leaf opened in another tree", pub, withSector(proof, 0, 0, (s) => ({ ...s, openings: [...s.openings.slice(0, 9), otherTree(s.openings[9]!)] })), "OpeningWrongRoot"],
      ["proofs of sectors 2 and 5 swapped", pub, { ...proof, partitions: [[p0[1]!, p0[0]!], proof.partitions[1]!] }, "WrongCommR"],
      ["a missing opening", pub, withSector(proof, 0, 0, (s) => ({ ...s, openings: s.openings.slice(1) })), "WrongOpeningCount"],
      ["a missing partition", pub, { ...proof, partitions: proof.partitions.slice(0, 1) }, "WrongPartitionCount"],
      ["a partition of one proof", pub, { ...proof, partitions: [p0, proof.partitions[1]!.slice(0, 1)] }, "WrongSectorProofCount"],
      ["a sector the proof does not cover", { ...pub, sectors: [...publicSectors, { sectorNumber: 11n, commR: flip(publicSectors[0]!.commR) }] }, proof, "WrongCommR"],
      // sector 11 sorts last and meets the padding copy of sector 9's proof: same CommR, other leaves
      ["an uncovered sector claiming sector 9's CommR", { ...pub, sectors: [...publicSectors, { sectorNumber: 11n, commR: publicSectors[0]!.commR }] }, proof, "OpeningWrongIndex"],
      ["a repeated public sector", { ...pub, sectors: [publicSectors[0]!, publicSectors[0]!, publicSectors[1]!] }, proof, "WrongSectorSet"],
      ["no public sector", { ...pub, sectors: [] }, proof, "WrongSectorSet"],
      ["a Winning proof id", pub, { ...proof, proofId: 0 }, "WrongPoStType"],
      ["an unknown proof id", pub, { ...proof, proofId: 99 }, "UnknownPoStProof"],
      ["non-canonical randomness", { ...pub, randomness: new Uint8Array(32).fill(0xff) }, proof, "NotAFieldElement"],
      ["non-canonical prover id", { ...pub, proverId: new Uint8Array(32).fill(0xff) }, proof, "NotAFieldElement"]
    ]
    for (const [name, inputs, p, tag] of cases) expect([name, tagOf(verifyWindowPost(inputs, p))]).toEqual([name, tag])
  })

  it("a proof for another sector with the same CommR fails on the challenged leaves", () => {
    // sectors 20 and 21 hold the same replica, so the same CommR: only the sector number differs
    const a = testReplica(20n, 77)
    const b = { ...a, sectorNumber: 21n }
    const pa = Result.getOrThrow(proveWindowPost({ proof: window, randomness, proverId, replicas: [a] }))
    const r = verifyWindowPost({ randomness, proverId, sectors: [{ sectorNumber: b.sectorNumber, commR: b.commR }] }, pa)
    expect(tagOf(r)).toBe("OpeningWrongIndex")
    expect(Result.isSuccess(verifyWindowPost({ randomness, proverId, sectors: [{ sectorNumber: 20n, commR: a.commR }] }, pa))).toBe(true)
  })
})
