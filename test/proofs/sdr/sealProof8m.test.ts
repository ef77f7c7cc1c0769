/**
 * The vanilla seal proof of an 8 MiB sector (2^18 nodes: tree_d paths of 18 levels, tree_c and
 * tree_r_last paths of 6), opt-in because the TypeScript seal takes minutes:
 * `FILFLOW_SLOW_SDR=1 npx vitest run test/proofs/sdr/sealProof8m.test.ts`.
 * The proof must verify, and not under another seed or CommR (about 4 minutes here, niced, 2 shared cores).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { tsEngine } from "../../../src/proofs/sdr/engine.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { seal } from "../../../src/proofs/sdr/seal.js"
import { proveSeal } from "../../../src/proofs/sdr/sealProof.js"
import { verifySeal } from "../../../src/proofs/sdr/verifySeal.js"
import { tagOf } from "../_helpers.js"

const SLOW = process.env["FILFLOW_SLOW_SDR"] === "1"

describe.skipIf(!SLOW)("8 MiB seal proof (FILFLOW_SLOW_SDR=1)", () => {
  it("proves and verifies; another seed or CommR is rejected", () => {
    const proof = sealProofFor("8MiB", "V1_1_0")
    const unsealed = new Uint8Array(8 << 20)
    for (let i = 0; i < unsealed.length; i++) unsealed[i] = (i * 131 + (i >>> 9)) & (i % 32 === 31 ? 0x3f : 0xff)
    const out = Result.getOrThrow(seal({ proof, proverId: proverIdFromActorId(1000n), sectorNumber: 7n, ticket: new Uint8Array(32).fill(3), unsealed, engine: tsEngine }))
    const seed = new Uint8Array(32).fill(5)
    const p = Result.getOrThrow(proveSeal(out, seed))
    expect(p.partitions[0]![0]!.commDOpening.siblings.length).toBe(18)
    expect(p.partitions[0]![0]!.commRLastOpening.path.length).toBe(6)
    const pub = { replicaId: out.replicaId, commD: out.commD, commR: out.commR, seed }
    expect(Result.isSuccess(verifySeal(pub, p))).toBe(true)
    expect(tagOf(verifySeal({ ...pub, seed: new Uint8Array(32).fill(6) }, p))).toBe("OpeningBadPath")
    expect(tagOf(verifySeal({ ...pub, commR: out.commC }, p))).toBe("WrongSealCommR")
  }, 1_800_000)
})
