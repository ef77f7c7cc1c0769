/**
 * Types of the vanilla (no SNARK) Window and Winning PoSt: what the prover holds, what the chain
 * knows, and the proofs (no code here).
 *
 * Source: filecoin-project/rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0 (`PublicSector`, `PrivateSector`, `PublicInputs`, `SectorProof`,
 * `Proof`).  In production the vanilla proofs are the witness of a Groth16 SNARK and only the
 * SNARK goes on chain; here the vanilla proof itself is what the verifier checks.
 *
 * @module
 */
import type { PoseidonOpening } from "../poseidon/opening.js"

/**
 * A sealed sector as its prover keeps it (`PrivateSector` plus the sector number): the two tree
 * roots and tree_r_last as flat levels, leaves (the replica's nodes) first.
 */
export interface SealedReplica {
  readonly sectorNumber: bigint
  readonly commR: Uint8Array
  /** Root of tree_c. */
  readonly commC: Uint8Array
  /** Root of tree_r_last. */
  readonly commRLast: Uint8Array
  /** tree_r_last, leaves first, root last, each level `nodes × 32` bytes. */
  readonly treeRLast: ReadonlyArray<Uint8Array>
}

/** A sector as the chain knows it (`PublicSector`). */
export interface PublicSector {
  readonly sectorNumber: bigint
  readonly commR: Uint8Array
}

/**
 * The proof of one sector (`SectorProof`): comm_c and comm_r_last, whose Poseidon hash is CommR,
 * and one tree_r_last opening per challenged leaf, in challenge order.
 */
export interface SectorProof {
  readonly commC: Uint8Array
  readonly commRLast: Uint8Array
  readonly openings: ReadonlyArray<PoseidonOpening>
}

/**
 * A Window PoSt: per partition, `sectorCount` sector proofs for the partition's sectors in
 * ascending sector number, the last repeated to fill a short partition (`prove_all_partitions`).
 */
export interface WindowPostProof {
  /** The registered PoSt proof (go-state-types `RegisteredPoStProof`). */
  readonly proofId: number
  readonly partitions: ReadonlyArray<ReadonlyArray<SectorProof>>
}

/**
 * A Winning PoSt: the chosen sector's proof with all 66 openings (filecoin-proofs
 * `FallbackPoStSectorProof`, the form `generate_single_vanilla_proof` returns).
 */
export interface WinningPostProof {
  readonly proofId: number
  readonly sector: SectorProof
}

/** What the verifier of a PoSt knows (`PublicInputs`). */
export interface PoStPublicInputs {
  /** 32 bytes, a canonical field element (see `postRandomness`). */
  readonly randomness: Uint8Array
  /** 32 bytes: the prover ID, the miner's actor ID as an unsigned LEB128 varint then zeros (see `proverIdFromActorId` in src/proofs/sdr/replicaId.ts). */
  readonly proverId: Uint8Array
  readonly sectors: ReadonlyArray<PublicSector>
}
