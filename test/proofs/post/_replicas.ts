/**
 * Test replicas for the PoSt and opening tests: seeded pseudo-random canonical nodes, tree_r_last
 * built with `poseidonTreeLevels` (src/proofs/sdr/treeFlat.ts, tested equal to `poseidonTreeLayers`,
 * which is tested against neptune and filecoin-hashers), CommR from `commRFromRoots`.
 *
 * @module
 */
import { Result } from "effect"
import { commRFromRoots } from "../../../src/proofs/poseidon/tree.js"
import { poseidonTreeLevels } from "../../../src/proofs/sdr/treeFlat.js"
import type { SealedReplica } from "../../../src/proofs/post/interface.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { pseudoRandomBytes } from "../_helpers.js"

/** `n` nodes of seeded bytes, each made canonical by clearing its top two bits. */
export const canonicalNodes = (n: number, seed: number): Uint8Array => {
  const out = pseudoRandomBytes(32 * n, seed)
  for (let i = 31; i < out.length; i += 32) out[i] = out[i]! & 0x3f
  return out
}

/** Flat levels (leaves first) of the `arity` tree over the flat `leaves`. */
export const flatLevels = (arity: number, leaves: Uint8Array): ReadonlyArray<Uint8Array> => poseidonTreeLevels(arity, leaves)

/** A 2 KiB (64-node) sealed replica of random nodes: tree_r_last over them, comm_c random. */
export const testReplica = (sectorNumber: bigint, seed: number, nodes = 64): SealedReplica => {
  const treeRLast = flatLevels(8, canonicalNodes(nodes, seed))
  const commRLast = treeRLast[treeRLast.length - 1]!
  const commC = canonicalNodes(1, seed ^ 0x5a5a5a5a)
  return { sectorNumber, commC, commRLast, commR: Result.getOrThrow(commRFromRoots(commC, commRLast)), treeRLast }
}

/** The prover ID of actor `id`: its LEB128 varint, zero-padded to 32 bytes (replicaId.ts `proverIdFromActorId`). */
export const proverIdOf = (id: bigint): Uint8Array => proverIdFromActorId(id)
