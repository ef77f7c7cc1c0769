/**
 * Interactive PoRep challenges (rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/challenges.rs
 * @ storage-proofs-porep-v19.1.0, `InteractiveChallenges::derive`).
 *
 * Upstream has no test with hard-coded interactive challenges (its hard-coded values are for the
 * synthetic generator), so the known answers here are a hand derivation in another language,
 * Python's hashlib, of the formula in that file:
 *
 *     python3 -c "import hashlib; rid = bytes(range(32)); seed = bytes([0xff - i for i in range(32)])
 *       print([int.from_bytes(hashlib.sha256(rid + seed + j.to_bytes(4, 'little')).digest(), 'little')
 *              % (nodes - 1) + 1 for j in range(4)])"
 *
 * for nodes = 64, 2^18, 2^24 (2 KiB, 8 MiB, 512 MiB).
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { interactiveChallenges, porepChallenges } from "../../../src/proofs/sdr/challenges.js"
import { sdrParams } from "../../../src/proofs/sdr/params.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { tagOf } from "../_helpers.js"

const replicaId = Uint8Array.from({ length: 32 }, (_, i) => i)
const seed = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i)

const derive = (sectorNodes: number, partition: number, challengesPerPartition: number) =>
  Result.getOrThrow(interactiveChallenges({ sectorNodes, replicaId, seed, partition, challengesPerPartition }))

describe("interactive PoRep challenges", () => {
  it("match the Python derivation for the three small sector sizes", () => {
    expect(derive(64, 0, 4)).toEqual([35, 1, 28, 10])
    expect(derive(1 << 18, 0, 4)).toEqual([152369, 176464, 226954, 140122])
    expect(derive(1 << 24, 0, 4)).toEqual([12209372, 3419011, 10627876, 6290686])
  })

  it("a 2 KiB seal proof's partition 0 is the first two (sdrParams: 1 partition × 2)", () => {
    expect(Result.getOrThrow(porepChallenges(sdrParams(sealProofFor("2KiB", "V1_1_0")), replicaId, seed, 0))).toEqual([35, 1])
  })

  it("partition k starts at challenge index challengesPerPartition · k", () => {
    expect(derive(64, 0, 2)).toEqual([35, 1])
    expect(derive(64, 1, 2)).toEqual([28, 10])
  })

  // upstream `challenge_partition_equivalence`: P partitions of n equal one partition of n·P
  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 2, max: 2 ** 31 })], { seed: 9301, numRuns: 60 })(
    "partitions concatenate to one partition, and every challenge is in 1 … nodes − 1",
    (s, n, partitions, sectorNodes) => {
      const one = Result.getOrThrow(interactiveChallenges({ sectorNodes, replicaId, seed: s, partition: 0, challengesPerPartition: n * partitions }))
      const many = Array.from({ length: partitions }, (_, k) =>
        Result.getOrThrow(interactiveChallenges({ sectorNodes, replicaId, seed: s, partition: k, challengesPerPartition: n }))).flat()
      expect(many).toEqual(one)
      for (const c of one) expect(c >= 1 && c < sectorNodes).toBe(true)
    })

  it("changing one seed bit changes the challenges (2^24 nodes, 16 challenges)", () => {
    const other = seed.slice()
    other[0] = other[0]! ^ 1
    const a = derive(1 << 24, 0, 16)
    const b = Result.getOrThrow(interactiveChallenges({ sectorNodes: 1 << 24, replicaId, seed: other, partition: 0, challengesPerPartition: 16 }))
    expect(a).not.toEqual(b)
  })

  it("bad inputs are typed errors naming the input", () => {
    const base = { sectorNodes: 64, replicaId, seed, partition: 0, challengesPerPartition: 2 }
    const cases: Array<[Partial<typeof base>, string]> = [
      [{ replicaId: new Uint8Array(31) }, "replicaId"], [{ seed: new Uint8Array(33) }, "seed"],
      [{ partition: 256 }, "partition"], [{ partition: -1 }, "partition"], [{ sectorNodes: 1 }, "sectorNodes"],
      [{ challengesPerPartition: -1 }, "challengesPerPartition"]
    ]
    for (const [patch, input] of cases) {
      const r = interactiveChallenges({ ...base, ...patch })
      expect(tagOf(r)).toBe("InvalidChallengeInput")
      expect(Result.isFailure(r) && r.failure.input).toBe(input)
    }
  })
})
