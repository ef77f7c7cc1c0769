/**
 * Vanilla Winning PoSt over a 2 KiB test replica: 66 openings of the one chosen sector
 * (filecoin-proofs/src/api/winning_post.rs, post_util.rs @ filecoin-proofs-v19.1.0; the challenged
 * leaves are checked against the Python derivation in challenges.test.ts).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { postLeafChallenges, winningPostSectorChallenge } from "../../../src/proofs/post/challenges.js"
import { openingPathIndex } from "../../../src/proofs/poseidon/opening.js"
import { postProofsFor } from "../../../src/proofs/post/params.js"
import { proveWinningPost, verifyWinningPost } from "../../../src/proofs/post/winningPost.js"
import { tagOf } from "../_helpers.js"
import { proverIdOf, testReplica } from "./_replicas.js"

const winning = postProofsFor("2KiB").winning
const randomness = Uint8Array.from({ length: 32 }, (_, i) => (i * 5 + 1) & 0x3f)
const proverId = proverIdOf(1000n)
const eligible = [testReplica(3n, 31), testReplica(8n, 32), testReplica(12n, 33)]
const chosen = eligible[Number(Result.getOrThrow(winningPostSectorChallenge(winning, randomness, BigInt(eligible.length), proverId))[0]!)]!
const proof = Result.getOrThrow(proveWinningPost({ proof: winning, randomness, proverId, replica: chosen }))
const pub = { randomness, proverId, sectors: [{ sectorNumber: chosen.sectorNumber, commR: chosen.commR }] }
const flip = (b: Uint8Array) => { const c = b.slice(); c[0] = c[0]! ^ 1; return c }

describe("Winning PoSt", () => {
  it("opens the chosen sector at its 66 challenged leaves and verifies", () => {
    const leaves = Result.getOrThrow(postLeafChallenges(winning, randomness, [chosen.sectorNumber]))[0]!
    expect(proof.sector.openings.map((o) => openingPathIndex(8, o.path))).toEqual(leaves)
    expect(leaves.length).toBe(66)
    expect(Result.isSuccess(verifyWinningPost(pub, proof))).toBe(true)
  })

  it("mutants", () => {
    const other = eligible.find((r) => r !== chosen)!
    const cases: Array<[string, Parameters<typeof verifyWinningPost>[0], typeof proof, string]> = [
      ["no sector", { ...pub, sectors: [] }, proof, "WrongSectorSet"],
      ["two sectors", { ...pub, sectors: [...pub.sectors, { sectorNumber: other.sectorNumber, commR: other.commR }] }, proof, "WrongSectorSet"],
      ["another sector's CommR", { ...pub, sectors: [{ sectorNumber: other.sectorNumber, commR: other.commR }] }, proof, "WrongCommR"],
      ["wrong comm_c", pub, { ...proof, sector: { ...proof.sector, commC: flip(proof.sector.commC) } }, "WrongCommR"],
      ["tampered leaf", pub, { ...proof, sector: { ...proof.sector, openings: proof.sector.openings.map((o, n) => (n === 65 ? { ...o, leaf: flip(o.leaf) } : o)) } }, "OpeningBadPath"],
      ["65 openings", pub, { ...proof, sector: { ...proof.sector, openings: proof.sector.openings.slice(1) } }, "WrongOpeningCount"],
      ["other randomness", { ...pub, randomness: flip(randomness) }, proof, "OpeningWrongIndex"],
      ["a Window proof id", pub, { ...proof, proofId: 10 }, "WrongPoStType"]
    ]
    for (const [name, inputs, p, tag] of cases) expect([name, tagOf(verifyWinningPost(inputs, p))]).toEqual([name, tag])
    expect(tagOf(proveWinningPost({ proof: postProofsFor("2KiB").window, randomness, proverId, replica: chosen }))).toBe("WrongPoStType")
    expect(tagOf(proveWinningPost({ proof: winning, randomness, proverId, replica: { ...chosen, commC: flip(chosen.commC) } }))).toBe("FaultySectors")
  })
})
