/**
 * Test helper, temporary: a stand-in sealing library with the shape of src/proofs/sdr/seal.ts
 * (the replica is the unsealed data itself; tree_r_last and CommR are real Poseidon over it), so
 * that the commands' plumbing can be tested before the real seal is merged. Not an SDR seal.
 */
import { Result } from "effect"
import type { SealBackend } from "../../src/cli/_backend.js"
import { merkleRoot } from "../../src/proofs/merkle.js"
import { dataCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { bytesToLeaves, commRFromRoots, poseidonTreeLayers } from "../../src/proofs/poseidon/tree.js"
import { replicaCommitmentV1ToCID } from "../../src/proofs/sealedCid.js"

export const fakeSealBackend: SealBackend = {
  engineName: () => "ts",
  proverIdFromActorId: (id) => {
    const out = new Uint8Array(32)
    new DataView(out.buffer).setBigUint64(0, id, true)
    return out
  },
  seal: ({ ticket, unsealed, onProgress }) => {
    onProgress?.("labels", 0, 2)
    onProgress?.("labels", 2, 2)
    const replica = unsealed.slice()
    const layers = Result.getOrThrow(poseidonTreeLayers(8, Result.getOrThrow(bytesToLeaves(replica))))
    const treeRLast = layers.map((l) => Buffer.concat(l.map((n) => Buffer.from(n))))
    const commRLast = treeRLast[treeRLast.length - 1]!.slice()
    const commC = new Uint8Array(32)
    const commR = Result.getOrThrow(commRFromRoots(commC, commRLast))
    const commD = Result.getOrThrow(merkleRoot(unsealed, Math.log2(unsealed.length / 32)))
    const replicaId = ticket.slice()
    replicaId[31]! &= 0x3f
    return Result.succeed({
      replicaId, commD, commC, commRLast, commR, replica, treeRLast: treeRLast.map((l) => new Uint8Array(l)),
      sealedCid: Result.getOrThrow(replicaCommitmentV1ToCID(commR)), unsealedCid: Result.getOrThrow(dataCommitmentV1ToCID(commD))
    })
  },
  unseal: ({ replica }) => Result.succeed(replica.slice())
}
