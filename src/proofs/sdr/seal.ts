/**
 * Sealing and unsealing a sector with Stacked DRG, from the padded unsealed bytes to CommR.
 *
 *     tree_d      = sha256 binary tree over the unsealed nodes           → CommD
 *     replica_id  = generate_replica_id(prover, sector, ticket, CommD, porep_id)
 *     layers      = labels of layers 1 … L over the graph of porep_id      (labels.ts)
 *     tree_c      = 8-ary Poseidon tree over the column hashes            → comm_c
 *     replica     = unsealed + layer L in Fr, node by node                (encode.ts)
 *     tree_r_last = 8-ary Poseidon tree over the replica                  → comm_r_last
 *     CommR       = Poseidon₂(comm_c, comm_r_last)
 *
 * Sources (filecoin-project/rust-fil-proofs @ filecoin-proofs-v19.1.0 / storage-proofs-porep-v19.1.0):
 * filecoin-proofs/src/api/seal.rs `seal_pre_commit_phase1` (tree_d and comm_d over the unsealed
 * data, `generate_replica_id`, `replicate_phase1` = the labels) and `seal_pre_commit_phase2`
 * (`replicate_phase2`); storage-proofs-porep/src/stacked/vanilla/proof.rs
 * `transform_and_replicate_layers_inner` (tree_c from the labels, tree_r_last over the encoded
 * data, lines 1741–1748 "comm_r = H(comm_c || comm_r_last)" with `hash2`),
 * `extract_and_invert_transform_layers` (unsealing: regenerate the labels, decode).  Only the 2 KiB,
 * 8 MiB and 512 MiB proofs are sealed here: their tree_r_last and tree_c are single 8-ary trees
 * (constants.rs `SectorShapeBase`); 32/64 GiB use sub/top trees and 11 layers.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { CID } from "multiformats/cid"
import { defaultHasher } from "../hasher.js"
import type { MerkleTree } from "../interface.js"
import { dataCommitmentV1ToCID } from "../piececid.js"
import { commRFromRoots } from "../poseidon/tree.js"
import { replicaCommitmentV1ToCID } from "../sealedCid.js"
import { firstNonCanonicalNode, NodeNotInField } from "./encode.js"
import { defaultEngine, type SealEngine } from "./engine.js"
import { StackedBucketGraph } from "./expander.js"
import { type SdrParams, sdrParams } from "./params.js"
import { parentCache } from "./parentCache.js"
import { porepId, type SealProofInfo } from "./porepId.js"
import { MAX_SECTOR_NUMBER, replicaId as computeReplicaId } from "./replicaId.js"

/** The stages of a seal, in order, as progress reports name them. @since 0.1.0 */
export const SEAL_STAGES = ["treeD", "parents", "labels", "treeC", "encode", "treeRLast"] as const
/** One stage of a seal. @since 0.1.0 */
export type SealStage = (typeof SEAL_STAGES)[number]
/** Progress: `done` of `total` units of `stage` (nodes for labels, hashes for trees). @since 0.1.0 */
export type SealProgress = (stage: SealStage, done: number, total: number) => void

/** Sector sizes sealed here: 2 KiB, 8 MiB, 512 MiB (single 8-ary trees). */
const SEALABLE_SIZES: ReadonlyArray<number> = [2048, 8 << 20, 512 << 20]

/**
 * A seal proof this module does not seal (32 GiB and 64 GiB: sub/top trees, 11 layers).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedSealProof extends Data.TaggedError("UnsupportedSealProof")<{
  readonly proof: string
  readonly sectorSize: number
}> {}

/**
 * An input of the wrong length: `field` names it ("unsealed", "replica", "ticket", "proverId", "replicaId").
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSealInputLength extends Data.TaggedError("InvalidSealInputLength")<{
  readonly field: string
  readonly length: number
  readonly expected: number
}> {}

/**
 * A sector number outside 0 … 2^63 − 1.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSectorNumber extends Data.TaggedError("InvalidSectorNumber")<{
  readonly sectorNumber: bigint
}> {}

/** Every way a seal can be refused. @since 0.1.0 */
export type SealError = UnsupportedSealProof | InvalidSealInputLength | InvalidSectorNumber | NodeNotInField
/** Every way an unseal can be refused. @since 0.1.0 */
export type UnsealError = UnsupportedSealProof | InvalidSealInputLength | NodeNotInField

/** The inputs of {@link seal}. @since 0.1.0 */
export interface SealInput {
  readonly proof: SealProofInfo
  /** 32 bytes (replicaId.ts `proverIdFromActorId`). */
  readonly proverId: Uint8Array
  readonly sectorNumber: bigint
  /** 32 bytes of sealing randomness. */
  readonly ticket: Uint8Array
  /** The padded unsealed sector: exactly `proof.sectorSize` bytes, every node a canonical field element. */
  readonly unsealed: Uint8Array
  readonly engine?: SealEngine
  readonly onProgress?: SealProgress
}

/** Everything a seal produces; proofs of storage are built from it. @since 0.1.0 */
export interface SealOutput {
  readonly proof: SealProofInfo
  readonly proverId: Uint8Array
  readonly sectorNumber: bigint
  readonly ticket: Uint8Array
  readonly replicaId: Uint8Array
  readonly commD: Uint8Array
  /** Root of tree_c. */
  readonly commC: Uint8Array
  /** Root of tree_r_last. */
  readonly commRLast: Uint8Array
  readonly commR: Uint8Array
  /** CommR as a fil-commitment-sealed CID. */
  readonly sealedCid: CID
  /** CommD as a fil-commitment-unsealed CID. */
  readonly unsealedCid: CID
  /** Labels, flat, layer 1 first. */
  readonly layers: ReadonlyArray<Uint8Array>
  /** The encoded sector, flat. */
  readonly replica: Uint8Array
  /**
   * The sha256 tree over the unsealed nodes, as merkle.ts's `merkleTree` builds it; `levels[0]`
   * is the `unsealed` array given to {@link seal} itself (not a copy: 512 MiB sectors must fit in memory).
   */
  readonly treeD: MerkleTree
  /** tree_c's levels: column hashes first, root last. */
  readonly treeC: ReadonlyArray<Uint8Array>
  /** tree_r_last's levels: the replica first, root last. */
  readonly treeRLast: ReadonlyArray<Uint8Array>
}

/** The parameters of a sealable proof, or why not. */
const sealableParams = (proof: SealProofInfo): Result.Result<SdrParams, UnsupportedSealProof> =>
  SEALABLE_SIZES.includes(proof.sectorSize)
    ? Result.succeed(sdrParams(proof))
    : Result.fail(new UnsupportedSealProof({ proof: proof.name, sectorSize: proof.sectorSize }))

const lengthIs = (field: string, bytes: Uint8Array, expected: number): Result.Result<void, InvalidSealInputLength> =>
  bytes.length === expected ? Result.void : Result.fail(new InvalidSealInputLength({ field, length: bytes.length, expected }))

/**
 * The sha256 binary tree (sha2-256-trunc254-padded nodes, `defaultHasher`) over a power-of-two
 * number of nodes: the same levels as merkle.ts's `merkleTree(leaves, height)` (tested), with the
 * leaves level being `leaves` itself instead of a copy.
 */
const treeDOf = (leaves: Uint8Array, height: number): MerkleTree => {
  const levels: Array<Uint8Array> = [leaves]
  for (let k = 0; k < height; k++) {
    const next = new Uint8Array(levels[k]!.length / 2)
    defaultHasher.hashPairs(levels[k]!, next)
    levels.push(next)
  }
  return { height, levels }
}

/** The graph and parent cache of the last proof used (up to 8 MiB: 512 MiB's cache is 896 MiB, not kept). */
let memo: { readonly id: number; readonly graph: StackedBucketGraph; readonly cache: Uint32Array } | undefined

/**
 * The graph of `proof` and its parent cache (expander.ts, parentCache.ts, or `engine.parentCache`
 * when the engine has one: the same entries), memoised for the last proof of up to 8 MiB.
 *
 * @example
 * graphAndCache(sealProofFor("2KiB", "V1_1_0")).cache.length // => 64 × 14
 * @category sealing
 * @since 0.1.0
 */
export const graphAndCache = (
  proof: SealProofInfo, onProgress?: (done: number) => void, engine?: SealEngine
): { readonly graph: StackedBucketGraph; readonly cache: Uint32Array } => {
  if (memo?.id === proof.id) return memo
  const graph = new StackedBucketGraph(proof.sectorSize / 32, porepId(proof), proof.apiVersion)
  // an engine's own parent cache (the native one) has the same entries as parentCache's
  const cache = engine?.parentCache !== undefined ? engine.parentCache(graph, onProgress) : parentCache(graph, onProgress)
  if (graph.nodes <= 1 << 18) memo = { id: proof.id, graph, cache }
  return { graph, cache }
}

/**
 * Every layer's labels for `replicaId`, reporting the "parents" and "labels" stages. The parent
 * cache lives only inside this call (for 512 MiB it is 896 MiB, freed before the trees are built).
 */
const labelsOf = (
  p: SdrParams, replicaId: Uint8Array, engine: SealEngine, report: SealProgress
): ReadonlyArray<Uint8Array> => {
  report("parents", 0, p.nodes)
  const { graph, cache } = graphAndCache(p.proof, (d) => report("parents", d, p.nodes), engine)
  report("parents", p.nodes, p.nodes)
  return engine.labelLayers(graph, cache, replicaId, p.layers, (layer, done) =>
    report("labels", (layer - 1) * p.nodes + done, p.layers * p.nodes))
}

/**
 * Seals a sector: CommD, replica ID, labels, tree_c, replica, tree_r_last, CommR and the CIDs.
 * Nothing given is modified.
 *
 * @example
 * seal({ proof: sealProofFor("2KiB", "V1_1_0"), proverId, sectorNumber: 1n, ticket, unsealed })
 * // => Success({ commD, commR, sealedCid, replicaId, replica, … })
 * seal({ …, ticket: new Uint8Array(31) }) // => Failure(InvalidSealInputLength { field: "ticket" })
 * @category sealing
 * @since 0.1.0
 */
export const seal = (input: SealInput): Result.Result<SealOutput, SealError> => {
  const { proof, proverId, sectorNumber, ticket, unsealed } = input
  const params = sealableParams(proof)
  if (Result.isFailure(params)) return Result.fail(params.failure)
  const p = params.success
  // the unsealed sector is exactly one sector
  const checks = [
    lengthIs("unsealed", unsealed, proof.sectorSize),
    lengthIs("ticket", ticket, 32),
    lengthIs("proverId", proverId, 32)
  ]
  for (const c of checks) if (Result.isFailure(c)) return Result.fail(c.failure)
  // a sector number the actors accept
  if (sectorNumber < 0n || sectorNumber > MAX_SECTOR_NUMBER) return Result.fail(new InvalidSectorNumber({ sectorNumber }))
  // every unsealed node a field element (fr32-padded data always is)
  const bad = firstNonCanonicalNode(unsealed)
  if (bad >= 0) return Result.fail(new NodeNotInField({ what: "data", node: bad }))

  const engine = input.engine ?? defaultEngine()
  const report = input.onProgress ?? (() => undefined)
  const nodes = p.nodes
  const height = Math.log2(nodes)
  report("treeD", 0, 1)
  const treeD = treeDOf(unsealed, height)
  const commD = treeD.levels[height]!.slice()
  report("treeD", 1, 1)
  const rid = computeReplicaId({ proverId, sectorNumber, ticket, commD, porepId: porepId(proof) })

  const layers = labelsOf(p, rid, engine, report)

  const treeHashes = (nodes - 1) / (p.treeArity - 1)
  const columns = engine.columnHashes(layers, (d) => report("treeC", d, nodes + treeHashes))
  const treeC = engine.poseidonTreeLevels(p.treeArity, columns, (d) => report("treeC", nodes + d, nodes + treeHashes))
  report("treeC", nodes + treeHashes, nodes + treeHashes)

  report("encode", 0, 1)
  const replica = engine.encode(layers[layers.length - 1]!, unsealed)
  report("encode", 1, 1)
  const treeRLast = engine.poseidonTreeLevels(p.treeArity, replica, (d) => report("treeRLast", d, treeHashes))
  report("treeRLast", treeHashes, treeHashes)

  const commC = treeC[treeC.length - 1]!.slice()
  const commRLast = treeRLast[treeRLast.length - 1]!.slice()
  // roots of Poseidon trees are canonical, CommR and both CIDs of 32-byte commitments always exist
  const commR = Result.getOrThrow(commRFromRoots(commC, commRLast))
  return Result.succeed({
    proof,
    proverId: proverId.slice(),
    sectorNumber,
    ticket: ticket.slice(),
    replicaId: rid,
    commD,
    commC,
    commRLast,
    commR,
    sealedCid: Result.getOrThrow(replicaCommitmentV1ToCID(commR)),
    unsealedCid: Result.getOrThrow(dataCommitmentV1ToCID(commD)),
    layers,
    replica,
    treeD,
    treeC,
    treeRLast
  })
}

/** The inputs of {@link unseal}. @since 0.1.0 */
export interface UnsealInput {
  readonly proof: SealProofInfo
  readonly replicaId: Uint8Array
  /** The sealed sector: exactly `proof.sectorSize` bytes. */
  readonly replica: Uint8Array
  readonly engine?: SealEngine
  readonly onProgress?: SealProgress
}

/**
 * Recovers the unsealed bytes of a replica: regenerates the labels from the replica ID and
 * subtracts the last layer (proof.rs `extract_and_invert_transform_layers`). Nothing given is modified.
 *
 * @example
 * unseal({ proof, replicaId: out.replicaId, replica: out.replica }) // => Success(the unsealed bytes)
 * @category sealing
 * @since 0.1.0
 */
export const unseal = (input: UnsealInput): Result.Result<Uint8Array, UnsealError> => {
  const { proof, replica } = input
  const params = sealableParams(proof)
  if (Result.isFailure(params)) return Result.fail(params.failure)
  const p = params.success
  // a whole sector and a 32-byte replica id
  const checks = [lengthIs("replica", replica, proof.sectorSize), lengthIs("replicaId", input.replicaId, 32)]
  for (const c of checks) if (Result.isFailure(c)) return Result.fail(c.failure)
  // the replica id and every replica node are field elements
  if (firstNonCanonicalNode(input.replicaId) >= 0) return Result.fail(new NodeNotInField({ what: "replicaId", node: 0 }))
  const bad = firstNonCanonicalNode(replica)
  if (bad >= 0) return Result.fail(new NodeNotInField({ what: "replica", node: bad }))
  const engine = input.engine ?? defaultEngine()
  const report = input.onProgress ?? (() => undefined)
  const layers = labelsOf(p, input.replicaId, engine, report)
  return Result.succeed(engine.decode(layers[layers.length - 1]!, replica))
}
