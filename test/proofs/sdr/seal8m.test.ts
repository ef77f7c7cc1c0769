/**
 * An 8 MiB seal (2^18 nodes) in TypeScript alone, opt-in: it takes minutes (the Poseidon trees and
 * 2^18 column hashes on bigint arithmetic), so it runs only with
 * `FILFLOW_SLOW_SDR=1 npx vitest run test/proofs/sdr/seal8m.test.ts`.
 *
 * No 8 MiB CommR computed by Filecoin's own code for stated inputs was found, so this checks the
 * whole-sector round trip (unseal recovers the bytes exactly), that the labels of sampled nodes
 * equal labelNode over the graph's own parents, and that CommR = Poseidon₂(comm_c, comm_r_last)
 * by the bigint reference; the native engine is compared with this by its owner.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { frFromRepr, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonHash } from "../../../src/proofs/poseidon/poseidon.js"
import { tsEngine } from "../../../src/proofs/sdr/engine.js"
import { labelNode } from "../../../src/proofs/sdr/labels.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { graphAndCache, seal, unseal } from "../../../src/proofs/sdr/seal.js"

const SLOW = process.env["FILFLOW_SLOW_SDR"] === "1"
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex")

describe.skipIf(!SLOW)("8 MiB seal in TypeScript (FILFLOW_SLOW_SDR=1)", () => {
  it("seals, and unseal recovers the bytes", () => {
    const proof = sealProofFor("8MiB", "V1_1_0")
    const unsealed = new Uint8Array(8 << 20)
    // deterministic fr32-like content: a counter pattern, top two bits of each node cleared
    for (let i = 0; i < unsealed.length; i++) unsealed[i] = (i * 131 + (i >>> 9)) & 0xff
    for (let i = 31; i < unsealed.length; i += 32) unsealed[i]! &= 0x3f
    const before = hex(unsealed.subarray(0, 4096)) + hex(unsealed.subarray(unsealed.length - 4096))
    const out = Result.getOrThrow(seal({ proof, proverId: proverIdFromActorId(1000n), sectorNumber: 7n, ticket: new Uint8Array(32).fill(3), unsealed, engine: tsEngine }))
    const { graph } = graphAndCache(proof)
    for (const v of [0, 1, 2, 12345, (1 << 18) - 1]) {
      const ps = Array.from(graph.parents(v))
      const l2 = ps.map((p, k) => (k < 6 ? out.layers[1]! : out.layers[0]!).subarray(32 * p, 32 * p + 32))
      expect(hex(labelNode(out.replicaId, 2, v, l2))).toBe(hex(out.layers[1]!.subarray(32 * v, 32 * v + 32)))
    }
    const commR = Result.getOrThrow(poseidonHash(2, [Result.getOrThrow(frFromRepr(out.commC)), Result.getOrThrow(frFromRepr(out.commRLast))]))
    expect(hex(out.commR)).toBe(hex(frToRepr(commR)))
    const back = Result.getOrThrow(unseal({ proof, replicaId: out.replicaId, replica: out.replica, engine: tsEngine }))
    expect(hex(back)).toBe(hex(unsealed))
    expect(hex(unsealed.subarray(0, 4096)) + hex(unsealed.subarray(unsealed.length - 4096))).toBe(before)
  }, 1_800_000)
})
