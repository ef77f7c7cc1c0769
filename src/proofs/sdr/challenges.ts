/**
 * Interactive PoRep challenges: which nodes a vanilla seal proof opens, derived from the replica
 * ID and the interactive randomness ("seed") the chain hands out after the pre-commit.
 *
 * Challenge i of partition k, with j = challenges_per_partition · k + i:
 *
 *     h = sha256(replica_id ‖ seed ‖ j as u32 LE)          // 32 + 32 + 4 bytes
 *     challenge = (h as a little-endian integer mod (nodes − 1)) + 1
 *
 * so node 0 is never challenged (its label has no parents).  This is `InteractiveChallenges::derive`
 * and `bigint_to_challenge` in filecoin-project/rust-fil-proofs
 * storage-proofs-porep/src/stacked/vanilla/challenges.rs @ storage-proofs-porep-v19.1.0, the
 * challenges of the V1 and V1_1 seal proofs (`Challenges::Interactive`, chosen by `select_challenges`
 * in filecoin-proofs/src/parameters.rs @ filecoin-proofs-v19.1.0 when neither the
 * `SyntheticPoRep` nor the `NonInteractivePoRep` API feature is set).  The same file also derives
 * the synthetic challenges (ChaCha20 keyed with blake2b of replica_id ‖ comm_r, `SynthChallenges`)
 * and the non-interactive ones (sha256 with the tag "filecoin.io|PoRep|1|NonInteractive|1" and
 * comm_r in place of the seed, `NiChallenges`); neither is implemented here.
 *
 * The seed is used as given: no bits are cleared (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs
 * @ fvm@v4.8.2 `verify_seal` passes `interactive_randomness` through unchanged).
 *
 * How many challenges per partition, and how many partitions, is `sdrParams` (params.ts:
 * 1 partition of 2 for 2 KiB, 8 MiB and 512 MiB; 10 of 18 for 32 and 64 GiB).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { Data, Result } from "effect"
import type { SdrParams } from "./params.js"

/** Most partitions the challenge index can name: k is a u8 upstream (`derive(…, k: u8)`). */
export const MAX_POREP_PARTITION = 255

/**
 * Inputs of the challenge derivation that are out of range: a replica ID or seed that is not 32
 * bytes, a partition outside 0 … 255, fewer than 2 nodes, or a negative challenge count.
 *
 * @category errors
 */
export class InvalidChallengeInput extends Data.TaggedError("InvalidChallengeInput")<{
  /** Which input: `"replicaId"`, `"seed"`, `"partition"`, `"sectorNodes"`, `"challengesPerPartition"`. */
  readonly input: string
  readonly reason: string
}> {}

/**
 * The challenged nodes of partition k of a seal proof's PoRep: {@link interactiveChallenges} with
 * the proof's node count and challenges per partition.
 *
 * @example
 * porepChallenges(sdrParams(sealProofFor("2KiB", "V1_1_0")), replicaId, seed, 0) // => Success([c0, c1])
 * @category challenges
 */
export const porepChallenges = (
  params: SdrParams, replicaId: Uint8Array, seed: Uint8Array, partition: number
): Result.Result<ReadonlyArray<number>, InvalidChallengeInput> =>
  interactiveChallenges({ sectorNodes: params.nodes, replicaId, seed, partition, challengesPerPartition: params.challengesPerPartition })

/** The inputs of {@link interactiveChallenges}. */
export interface InteractiveChallengeInput {
  /** Nodes of the sector (sector size / 32). */
  readonly sectorNodes: number
  /** The replica ID, 32 bytes (its Fr repr). */
  readonly replicaId: Uint8Array
  /** The interactive randomness, 32 bytes. */
  readonly seed: Uint8Array
  /** Partition k, 0 … 255. */
  readonly partition: number
  readonly challengesPerPartition: number
}

/**
 * The challenged nodes of partition k, in order (`InteractiveChallenges::derive`).
 *
 * @example
 * interactiveChallenges({ sectorNodes: 64, replicaId, seed, partition: 0, challengesPerPartition: 2 })
 * // => Success([c0, c1]) with 1 ≤ c < 64
 * @category challenges
 */
export const interactiveChallenges = (
  input: InteractiveChallengeInput
): Result.Result<ReadonlyArray<number>, InvalidChallengeInput> => {
  const { sectorNodes, replicaId, seed, partition, challengesPerPartition } = input
  // replica_id and seed are 32 bytes
  if (replicaId.length !== 32) return Result.fail(new InvalidChallengeInput({ input: "replicaId", reason: `${replicaId.length} bytes, not 32` }))
  if (seed.length !== 32) return Result.fail(new InvalidChallengeInput({ input: "seed", reason: `${seed.length} bytes, not 32` }))
  // k is a u8
  if (!Number.isInteger(partition) || partition < 0 || partition > MAX_POREP_PARTITION) {
    return Result.fail(new InvalidChallengeInput({ input: "partition", reason: `${partition} is not in 0 … ${MAX_POREP_PARTITION}` }))
  }
  // at least one challengeable node, and fewer than 2^32 (bigint_to_challenge's debug_assert)
  if (!Number.isInteger(sectorNodes) || sectorNodes < 2 || sectorNodes >= 2 ** 32) {
    return Result.fail(new InvalidChallengeInput({ input: "sectorNodes", reason: `${sectorNodes} is not in 2 … 2^32 − 1` }))
  }
  // j = challenges_per_partition · k + i fits a u32
  if (!Number.isInteger(challengesPerPartition) || challengesPerPartition < 0 ||
    challengesPerPartition * (partition + 1) > 2 ** 32) {
    return Result.fail(new InvalidChallengeInput({ input: "challengesPerPartition", reason: `${challengesPerPartition} is out of range` }))
  }
  const buf = new Uint8Array(68)
  buf.set(replicaId, 0)
  buf.set(seed, 32)
  const view = new DataView(buf.buffer)
  const modulus = BigInt(sectorNodes - 1)
  const out: Array<number> = []
  for (let i = 0; i < challengesPerPartition; i++) {
    // j as u32 LE
    view.setUint32(64, challengesPerPartition * partition + i, true)
    out.push(Number(leBytesToBigint(sha256(buf)) % modulus) + 1)
  }
  return Result.succeed(out)
}

/** The integer whose little-endian bytes are `bytes` (`BigUint::from_bytes_le`). */
const leBytesToBigint = (bytes: Uint8Array): bigint => {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n
}
