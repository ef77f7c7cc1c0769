/**
 * Window PoSt, vanilla: every sector of the set proves that it still holds its replica by opening
 * tree_r_last at 10 leaves derived from the chain's randomness.
 *
 * Follows filecoin-project/rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0 (`prove_all_partitions`, `verify_all_partitions`, `verify`) and
 * filecoin-proofs/src/api/window_post.rs, api/post_util.rs @ filecoin-proofs-v19.1.0
 * (`generate_window_post`, `get_partitions_for_window_post`):
 *
 * - the sectors are taken in ascending sector number (the library keys them in a `BTreeMap`) and
 *   cut into partitions of `sectorCount` (2 for the small sizes); the last partition is filled
 *   by repeating its last sector proof;
 * - the sector at position i (over all partitions) is challenged at the leaves
 *   `postLeafChallenges` gives (challenge index i · 10 + n under API 1.0.0, n under 1.2.0);
 * - the verifier checks, per real sector, CommR = Poseidon(comm_c, comm_r_last), the opening
 *   count, and every opening (root comm_r_last, path length, path index = challenged leaf, the
 *   path hashes to the root).  Upstream takes comm_r_last from the first opening's root and
 *   ignores the proof's own comm_r_last field; here the field must be that root (stricter, the
 *   same for every honest proof).
 *
 * @module
 */
import { Result } from "effect"
import type { OpeningError } from "../poseidon/opening.js"
import { asSafeCommitment, type InvalidPoStChallengeInput, type NotAFieldElement, postLeafChallenges } from "./challenges.js"
import {
  FaultySectors, type WrongCommR, type WrongOpeningCount, WrongPartitionCount, type WrongPoStType, WrongSectorProofCount, WrongSectorSet
} from "./errors.js"
import type { PoStPublicInputs, SealedReplica, SectorProof, WindowPostProof } from "./interface.js"
import { type PoStProofInfo, postProof, type UnknownPoStProof } from "./params.js"
import { _checkPoStProof, _proveSector, _sortedSectorNumbers, _verifySector } from "./_sector.js"

/** What the prover of a Window PoSt holds. */
export interface WindowPostProverInput {
  readonly proof: PoStProofInfo
  readonly randomness: Uint8Array
  readonly proverId: Uint8Array
  readonly replicas: ReadonlyArray<SealedReplica>
}

/** Why a Window PoSt cannot be proven. */
export type WindowPostProveError = WrongPoStType | WrongSectorSet | NotAFieldElement | InvalidPoStChallengeInput | FaultySectors

/** Why a Window PoSt does not verify. */
export type WindowPostVerifyError =
  | UnknownPoStProof | WrongPoStType | WrongSectorSet | NotAFieldElement | InvalidPoStChallengeInput
  | WrongPartitionCount | WrongSectorProofCount | WrongCommR | WrongOpeningCount | OpeningError

/**
 * Proves a Window PoSt over `replicas` (any order; proven in ascending sector number).
 *
 * @example
 * proveWindowPost({ proof: postProofsFor("2KiB").window, randomness, proverId, replicas: [r1, r2, r3] })
 * // => Success({ proofId: 10, partitions: [[p1, p2], [p3, p3]] })
 * @category window post
 */
export const proveWindowPost = (input: WindowPostProverInput): Result.Result<WindowPostProof, WindowPostProveError> => {
  const { proof, randomness, proverId, replicas } = input
  // a Window PoSt of a supported size
  const checked = _checkPoStProof(proof, "Window")
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  // distinct sectors, at least one
  const order = _sortedSectorNumbers(replicas.map((r) => r.sectorNumber))
  if (Result.isFailure(order)) return Result.fail(new WrongSectorSet({ reason: order.failure }))
  // prover_id a field element
  const pid = asSafeCommitment(proverId, "proverId")
  if (Result.isFailure(pid)) return Result.fail(pid.failure)
  const sorted = order.success.map((s) => replicas.find((r) => r.sectorNumber === s)!)
  const leaves = postLeafChallenges(proof, randomness, order.success)
  if (Result.isFailure(leaves)) return Result.fail(leaves.failure)
  const nodes = proof.sectorSize / 32
  const proofs: Array<SectorProof> = []
  const faulty: Array<bigint> = []
  const reasons: Array<string> = []
  sorted.forEach((replica, i) => {
    const p = _proveSector(replica, nodes, leaves.success[i]!)
    if (Result.isSuccess(p)) proofs.push(p.success)
    else {
      faulty.push(replica.sectorNumber)
      reasons.push(`sector ${replica.sectorNumber}: ${p.failure.reason}`)
    }
  })
  // no faulty sector (Error::FaultySectors, sorted)
  if (faulty.length > 0) return Result.fail(new FaultySectors({ sectors: faulty, reason: reasons.join("; ") }))
  const partitions: Array<ReadonlyArray<SectorProof>> = []
  for (let at = 0; at < proofs.length; at += proof.sectorCount) {
    const chunk = proofs.slice(at, at + proof.sectorCount)
    // pad a short partition with its last proof
    while (chunk.length < proof.sectorCount) chunk.push(chunk[chunk.length - 1]!)
    partitions.push(chunk)
  }
  return Result.succeed({ proofId: proof.id, partitions })
}

/**
 * Verifies a Window PoSt against the public sectors (any order; checked in ascending sector number).
 *
 * @example
 * verifyWindowPost({ randomness, proverId, sectors: [{ sectorNumber: 1n, commR }] }, proof) // => Success(undefined)
 * verifyWindowPost({ randomness: other, proverId, sectors }, proof) // => Failure(OpeningWrongIndex { at: "sector 1, challenge 0 (leaf 17)", … })
 * @category window post
 */
export const verifyWindowPost = (
  publicInputs: PoStPublicInputs, windowProof: WindowPostProof
): Result.Result<void, WindowPostVerifyError> => {
  const { randomness, proverId, sectors } = publicInputs
  // a registered Window PoSt of a supported size
  const registered = postProof(windowProof.proofId)
  if (Result.isFailure(registered)) return Result.fail(registered.failure)
  const checked = _checkPoStProof(registered.success, "Window")
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const proof = checked.success
  // distinct sectors, at least one
  const order = _sortedSectorNumbers(sectors.map((s) => s.sectorNumber))
  if (Result.isFailure(order)) return Result.fail(new WrongSectorSet({ reason: order.failure }))
  // prover_id a field element
  const pid = asSafeCommitment(proverId, "proverId")
  if (Result.isFailure(pid)) return Result.fail(pid.failure)
  const sorted = order.success.map((n) => sectors.find((s) => s.sectorNumber === n)!)
  // ⌈sectors / sector_count⌉ partitions
  const expected = Math.ceil(sorted.length / proof.sectorCount)
  if (windowProof.partitions.length !== expected) return Result.fail(new WrongPartitionCount({ expected, actual: windowProof.partitions.length }))
  // sector_count proofs in every partition
  for (let j = 0; j < expected; j++) {
    const actual = windowProof.partitions[j]!.length
    if (actual !== proof.sectorCount) return Result.fail(new WrongSectorProofCount({ partition: j, expected: proof.sectorCount, actual }))
  }
  const leaves = postLeafChallenges(proof, randomness, order.success)
  if (Result.isFailure(leaves)) return Result.fail(leaves.failure)
  for (let i = 0; i < sorted.length; i++) {
    // sector i of the set is proof i % sector_count of partition ⌊i / sector_count⌋
    const sectorProof = windowProof.partitions[Math.floor(i / proof.sectorCount)]![i % proof.sectorCount]!
    const ok = _verifySector(sorted[i]!, sectorProof, proof.sectorSize / 32, leaves.success[i]!)
    if (Result.isFailure(ok)) return Result.fail(ok.failure)
  }
  return Result.succeed(undefined)
}
