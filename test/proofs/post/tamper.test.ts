/**
 * A replica with a changed byte is caught by Window PoSt at the rate the challenge count gives.
 *
 * The model.  The prover keeps tree_r_last as levels; the replica is their leaf level.  Changing a
 * byte of leaf L changes that leaf but not the levels above, which the prover stored when it
 * sealed.  An opening of leaf j carries the 7 other leaves of j's group of 8 (read from the
 * replica), so every opening whose bottom group contains L hashes to a wrong root: a tampered
 * leaf spoils t = 8 leaves' openings (its whole group), and the Window PoSt's k = 10 challenges,
 * uniform and independent over the n = 64 leaves of a 2 KiB sector, miss all of them with
 * probability (1 − t/n)^k.  So
 *
 *     P(caught) = 1 − (1 − t/n)^k = 1 − (56/64)^10 = 0.736924…   (one tampered group)
 *     P(caught) = 1 − (40/64)^10 = 0.990905…                   (three tampered groups, t = 24)
 *
 * (rust-fil-proofs' own prover, storage-proofs-post/src/fallback/vanilla.rs @ storage-proofs-post-v19.1.0,
 * rebuilds the discarded rows of its LCTree from the replica — `default_rows_to_discard` is 1 for a
 * 2 KiB tree — so there a tampered 2 KiB replica fails every opening and its prover reports the
 * sector faulty; the prover here keeps every level, an LCTree that discards no row.)
 *
 * The measurement is deterministic: the randomness values are sha256("filflow tamper <i>") with the
 * top two bits cleared, for fixed i, so the counts are fixed numbers and the test cannot pass or fail
 * by luck.  It has two parts:
 *  1. the real prover and verifier on 200 randomness values: the verifier rejects exactly when a
 *     challenged leaf is in a spoiled group (so the verdict is a function of the challenges);
 *  2. the rate over 20 000 values, from the challenge derivation alone.
 * The bound.  If the challenges behaved as uniform independent draws, the count of caught proofs
 * over N values would be Binomial(N, p), with standard deviation σ = √(p(1 − p)/N) of the rate;
 * the test asserts |rate − p| ≤ 5σ (outside that with probability < 6·10⁻⁷ for a uniform
 * derivation).  A derivation that is broken in the ways that matter lands far outside: the
 * mutants at the end (challenges that ignore the randomness, or one challenge instead of ten) do.
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { generateLeafChallenge, postLeafChallenges } from "../../../src/proofs/post/challenges.js"
import type { SealedReplica } from "../../../src/proofs/post/interface.js"
import { postProofsFor } from "../../../src/proofs/post/params.js"
import { proveWindowPost, verifyWindowPost } from "../../../src/proofs/post/windowPost.js"
import { proverIdOf, testReplica } from "./_replicas.js"

const window = postProofsFor("2KiB").window
const N_LEAVES = 64
const K = window.challengeCount
const proverId = proverIdOf(1000n)

/** Randomness value i: sha256 of a fixed string, made a field element. */
const randomnessAt = (i: number): Uint8Array => {
  const r = sha256(new TextEncoder().encode(`filflow tamper ${i}`))
  r[31] = r[31]! & 0x3f
  return r
}

/** The replica with byte 0 of each listed leaf flipped (low bit: the node stays canonical); upper levels kept. */
const tamper = (replica: SealedReplica, leaves: ReadonlyArray<number>): SealedReplica => {
  const bottom = replica.treeRLast[0]!.slice()
  for (const l of leaves) bottom[32 * l] = bottom[32 * l]! ^ 1
  return { ...replica, treeRLast: [bottom, ...replica.treeRLast.slice(1)] }
}

/** The leaves whose opening reads a tampered leaf: the groups of 8 of the tampered leaves. */
const spoiled = (leaves: ReadonlyArray<number>): Set<number> =>
  new Set(leaves.flatMap((l) => Array.from({ length: 8 }, (_, j) => l - (l % 8) + j)))

const sigma = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n)

/** The share of randomness values 0 … n − 1 whose challenges (by `challenges`) hit a spoiled leaf. */
const rate = (n: number, bad: Set<number>, challenges: (r: Uint8Array) => ReadonlyArray<number>): number => {
  let caught = 0
  for (let i = 0; i < n; i++) if (challenges(randomnessAt(i)).some((c) => bad.has(c))) caught++
  return caught / n
}

const sector = 7n
const leavesOf = (r: Uint8Array) => Result.getOrThrow(postLeafChallenges(window, r, [sector]))[0]!

describe("tamper detection by Window PoSt (2 KiB, k = 10, n = 64)", () => {
  const honest = testReplica(sector, 2024)
  const pub = (r: Uint8Array) => ({ randomness: r, proverId, sectors: [{ sectorNumber: sector, commR: honest.commR }] })

  it("the real verifier rejects exactly the proofs whose challenges hit a spoiled group (200 randomness values)", () => {
    const tampered = tamper(honest, [37])
    const bad = spoiled([37])
    let caught = 0
    for (let i = 0; i < 200; i++) {
      const r = randomnessAt(i)
      const proof = Result.getOrThrow(proveWindowPost({ proof: window, randomness: r, proverId, replicas: [tampered] }))
      const verdict = verifyWindowPost(pub(r), proof)
      const predicted = leavesOf(r).some((c) => bad.has(c))
      expect([i, Result.isFailure(verdict)]).toEqual([i, predicted])
      if (Result.isFailure(verdict)) {
        caught++
        expect(verdict.failure._tag).toBe("OpeningBadPath")
      }
    }
    const p = 1 - (1 - 8 / N_LEAVES) ** K
    // the same formula, with the 5σ bound of 200 draws (σ ≈ 0.031)
    expect(Math.abs(caught / 200 - p)).toBeLessThanOrEqual(5 * sigma(p, 200))
  })

  it("the untampered replica is never rejected (10 of the same values)", () => {
    for (let i = 0; i < 200; i += 20) {
      const r = randomnessAt(i)
      const proof = Result.getOrThrow(proveWindowPost({ proof: window, randomness: r, proverId, replicas: [honest] }))
      expect(Result.isSuccess(verifyWindowPost(pub(r), proof))).toBe(true)
    }
  })

  it("one tampered leaf: caught at 1 − (56/64)^10 within 5σ over 20 000 values", () => {
    const p = 1 - (1 - 8 / N_LEAVES) ** K
    expect(p).toBeCloseTo(0.736924, 6)
    const measured = rate(20000, spoiled([37]), leavesOf)
    expect(Math.abs(measured - p)).toBeLessThanOrEqual(5 * sigma(p, 20000))
  })

  it("three tampered groups: caught at 1 − (40/64)^10 within 5σ over 20 000 values", () => {
    const p = 1 - (1 - 24 / N_LEAVES) ** K
    expect(p).toBeCloseTo(0.990905, 6)
    const measured = rate(20000, spoiled([3, 29, 60]), leavesOf)
    expect(Math.abs(measured - p)).toBeLessThanOrEqual(5 * sigma(p, 20000))
  })

  it("mutants of the derivation land outside the bound", () => {
    const p = 1 - (1 - 8 / N_LEAVES) ** K
    const bound = 5 * sigma(p, 20000)
    const bad = spoiled([37])
    // challenges that ignore the randomness: always the same ten leaves, so caught always or never
    const fixed = leavesOf(randomnessAt(0))
    expect(Math.abs(rate(2000, bad, () => fixed) - p)).toBeGreaterThan(bound)
    // one challenge instead of ten: 8/64
    const one = (r: Uint8Array) => [generateLeafChallenge(2048, r, sector, 0n)]
    expect(Math.abs(rate(20000, bad, one) - p)).toBeGreaterThan(bound)
    // ten challenges but the same index repeated: 8/64 again
    const repeated = (r: Uint8Array) => Array.from({ length: K }, () => generateLeafChallenge(2048, r, sector, 0n))
    expect(Math.abs(rate(20000, bad, repeated) - p)).toBeGreaterThan(bound)
  })
})
