/**
 * PoSt parameters and challenge derivation.
 *
 * - Ids / names: go-state-types abi/sector.go @ v0.18.0; API versions: rust-filecoin-proofs-api
 *   src/registry.rs @ v19.0.0 `RegisteredPoStProof::version`; counts: rust-fil-proofs
 *   filecoin-proofs/src/constants.rs @ filecoin-proofs-v19.1.0 — written out by hand below.
 * - Challenges: upstream has no hard-coded PoSt challenges, so the known answers are a hand
 *   derivation in Python's hashlib of the formulas of storage-proofs-post/src/fallback/vanilla.rs @
 *   storage-proofs-post-v19.1.0, with r = bytes(range(32)), prover_id = the prover ID of actor 1000 (LEB128 e8 07 ‖ 30 zeros,
 *   ref-fvm `prover_id_from_u64`):
 *     sector n:  int.from_bytes(sha256(pid + r + n.to_bytes(8, 'little'))[:8], 'little') % len
 *     leaf:      int.from_bytes(sha256(r + sector.to_bytes(8, 'little') + i.to_bytes(8, 'little'))[:8], 'little') % nodes
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  asSafeCommitment, challengeIndex, generateLeafChallenge, generateSectorChallenge, postLeafChallenges, postRandomness,
  winningPostSectorChallenge
} from "../../../src/proofs/post/challenges.js"
import { POST_PROOFS, postProof, postProofsFor } from "../../../src/proofs/post/params.js"
import { tagOf } from "../_helpers.js"
import { proverIdOf } from "./_replicas.js"

const r = Uint8Array.from({ length: 32 }, (_, i) => i)
const pid = proverIdOf(1000n)

describe("registered PoSt proofs", () => {
  it("ids, types, API versions and counts", () => {
    const sizes = ["2KiB", "8MiB", "512MiB", "32GiB", "64GiB"]
    const bytes = [2048, 8 << 20, 512 << 20, 32 * 2 ** 30, 64 * 2 ** 30]
    const windowSectors = [2, 2, 2, 2349, 2300]
    const expected = [
      ...sizes.map((s, i) => [i, `StackedDrgWinning${s}V1`, "Winning", bytes[i], "V1_0_0", 66, 1]),
      ...sizes.map((s, i) => [5 + i, `StackedDrgWindow${s}V1`, "Window", bytes[i], "V1_0_0", 10, windowSectors[i]]),
      ...sizes.map((s, i) => [10 + i, `StackedDrgWindow${s}V1_1`, "Window", bytes[i], "V1_2_0", 10, windowSectors[i]])
    ]
    expect(POST_PROOFS.map((p) => [p.id, p.name, p.type, p.sectorSize, p.apiVersion, p.challengeCount, p.sectorCount])).toEqual(expected)
    expect(tagOf(postProof(15))).toBe("UnknownPoStProof")
    expect(postProofsFor("512MiB").window.name).toBe("StackedDrgWindow512MiBV1_1")
    expect(postProofsFor("2KiB").winning.id).toBe(0)
  })
})

describe("randomness as a field element", () => {
  it("postRandomness clears the top two bits of byte 31 (ref-fvm verify_post); asSafeCommitment rejects non-canonical bytes", () => {
    const raw = new Uint8Array(32).fill(0xff)
    const safe = postRandomness(raw)
    expect(safe[31]).toBe(0x3f)
    expect(raw[31]).toBe(0xff)
    expect(Array.from(safe.subarray(0, 31))).toEqual(Array.from(raw.subarray(0, 31)))
    expect(tagOf(asSafeCommitment(raw, "randomness"))).toBe("NotAFieldElement")
    expect(Result.isSuccess(asSafeCommitment(safe, "randomness"))).toBe(true)
    // r − 1 is the largest canonical value: 0x73eda753…00000000 little-endian
    const rMinus1 = Uint8Array.from(Buffer.from("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000", "hex").reverse())
    expect(Result.isSuccess(asSafeCommitment(rMinus1, "randomness"))).toBe(true)
    const rItself = rMinus1.slice()
    rItself[0] = 1
    expect(tagOf(asSafeCommitment(rItself, "randomness"))).toBe("NotAFieldElement")
  })
})

describe("sector challenges (Winning PoSt sector choice)", () => {
  it("match the Python derivation", () => {
    expect([0, 1, 2, 3, 4].map((n) => generateSectorChallenge(r, n, 10n, pid))).toEqual([6n, 8n, 4n, 5n, 6n])
    expect([0, 1, 2, 3, 4].map((n) => generateSectorChallenge(r, n, 1000n, pid))).toEqual([6n, 908n, 394n, 635n, 366n])
    expect(Result.getOrThrow(winningPostSectorChallenge(postProofsFor("2KiB").winning, r, 10n, pid))).toEqual([6n])
  })

  it("bad requests are typed errors", () => {
    const winning = postProofsFor("2KiB").winning
    expect(tagOf(winningPostSectorChallenge(winning, r, 0n, pid))).toBe("InvalidPoStChallengeInput")
    expect(tagOf(winningPostSectorChallenge(postProofsFor("2KiB").window, r, 10n, pid))).toBe("InvalidPoStChallengeInput")
    expect(tagOf(winningPostSectorChallenge(winning, new Uint8Array(32).fill(0xff), 10n, pid))).toBe("NotAFieldElement")
    expect(tagOf(winningPostSectorChallenge(winning, r, 10n, new Uint8Array(32).fill(0xff)))).toBe("NotAFieldElement")
  })
})

describe("leaf challenges", () => {
  it("match the Python derivation (2 KiB and 512 MiB)", () => {
    expect(Array.from({ length: 10 }, (_, i) => generateLeafChallenge(2048, r, 7n, BigInt(i)))).toEqual([33, 37, 45, 53, 36, 46, 51, 23, 4, 31])
    expect(Array.from({ length: 4 }, (_, i) => generateLeafChallenge(512 << 20, r, 7n, BigInt(i)))).toEqual([4474785, 2674085, 13949421, 12075637])
  })

  it("the challenge index: position · count + n under API 1.0.0, n under 1.2.0", () => {
    expect(challengeIndex("V1_0_0", 1, 10, 3)).toBe(13n)
    expect(challengeIndex("V1_2_0", 1, 10, 3)).toBe(3n)
    const s3 = [40, 30, 29, 25, 36, 33, 8, 21, 5, 19]
    const s7first = [33, 37, 45, 53, 36, 46, 51, 23, 4, 31]
    const s7second = [12, 48, 20, 17, 57, 62, 17, 44, 19, 29]
    // Window V1 (API 1.0.0): sector 7 at position 1 uses challenge indices 10 … 19
    expect(Result.getOrThrow(postLeafChallenges(Result.getOrThrow(postProof(5)), r, [3n, 7n]))).toEqual([s3, s7second])
    // Window V1_1 (API 1.2.0): every sector uses 0 … 9
    expect(Result.getOrThrow(postLeafChallenges(Result.getOrThrow(postProof(10)), r, [3n, 7n]))).toEqual([s3, s7first])
  })

  it("a Winning PoSt opens 66 leaves of its one sector (challenge indices 0 … 65)", () => {
    const expected = [33, 37, 45, 53, 36, 46, 51, 23, 4, 31, 12, 48, 20, 17, 57, 62, 17, 44, 19, 29, 54, 1, 40, 39, 52, 18, 55, 12, 38, 39, 54,
      3, 20, 49, 6, 26, 59, 60, 21, 46, 36, 52, 61, 42, 7, 47, 27, 20, 3, 11, 33, 34, 6, 19, 45, 35, 32, 18, 18, 24, 38, 5, 4, 4, 26, 25]
    expect(Result.getOrThrow(postLeafChallenges(postProofsFor("2KiB").winning, r, [7n]))).toEqual([expected])
  })

  it("non-canonical randomness and sector numbers outside u64 are typed errors", () => {
    const window = postProofsFor("2KiB").window
    expect(tagOf(postLeafChallenges(window, new Uint8Array(32).fill(0xff), [1n]))).toBe("NotAFieldElement")
    expect(tagOf(postLeafChallenges(window, r, [1n << 64n]))).toBe("InvalidPoStChallengeInput")
    expect(tagOf(postLeafChallenges(window, r, [-1n]))).toBe("InvalidPoStChallengeInput")
  })
})
