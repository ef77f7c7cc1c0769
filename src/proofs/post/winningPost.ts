/**
 * Winning PoSt, vanilla: the miner elected to produce a block proves one sector, chosen from its
 * eligible sectors by the randomness (`winningPostSectorChallenge`), by opening tree_r_last at 66
 * leaves.
 *
 * Follows filecoin-project/rust-fil-proofs filecoin-proofs/src/api/winning_post.rs @
 * filecoin-proofs-v19.1.0 (`generate_winning_post`, `verify_winning_post`), api/post_util.rs
 * (`generate_fallback_sector_challenges`, `generate_single_vanilla_proof`) and parameters.rs
 * (`winning_post_setup_params`).  The library proves the sector as 66 "sectors" of one challenge
 * each (sector_count = 66 / 1, challenge_count = 66 / 66) with challenge index = position; that
 * is the same as one sector with 66 challenges of index n = 0 … 65 (API 1.0.0, position 0), the
 * form of its `FallbackPoStSectorProof` and the one kept here.
 *
 * Which sector was chosen is not checked by the verifier: as upstream says, the caller must pass
 * the sector `winningPostSectorChallenge` picked.
 *
 * @module
 */
import { Result } from "effect"
import type { OpeningError } from "../poseidon/opening.js"
import { asSafeCommitment, type InvalidPoStChallengeInput, type NotAFieldElement, postLeafChallenges } from "./challenges.js"
import { type FaultySectors, type WrongCommR, type WrongOpeningCount, type WrongPoStType, WrongSectorSet } from "./errors.js"
import type { PoStPublicInputs, SealedReplica, WinningPostProof } from "./interface.js"
import { type PoStProofInfo, postProof, type UnknownPoStProof } from "./params.js"
import { _checkPoStProof, _proveSector, _verifySector } from "./_sector.js"

/** What the prover of a Winning PoSt holds: the chosen sector. */
export interface WinningPostProverInput {
  readonly proof: PoStProofInfo
  readonly randomness: Uint8Array
  readonly proverId: Uint8Array
  readonly replica: SealedReplica
}

/** Why a Winning PoSt cannot be proven. */
export type WinningPostProveError = WrongPoStType | WrongSectorSet | NotAFieldElement | InvalidPoStChallengeInput | FaultySectors

/** Why a Winning PoSt does not verify. */
export type WinningPostVerifyError =
  | UnknownPoStProof | WrongPoStType | WrongSectorSet | NotAFieldElement | InvalidPoStChallengeInput
  | WrongCommR | WrongOpeningCount | OpeningError

/**
 * Proves a Winning PoSt over the chosen sector.
 *
 * @example
 * proveWinningPost({ proof: postProofsFor("2KiB").winning, randomness, proverId, replica })
 * // => Success({ proofId: 0, sector: { commC, commRLast, openings: [66 openings] } })
 * @category winning post
 */
export const proveWinningPost = (input: WinningPostProverInput): Result.Result<WinningPostProof, WinningPostProveError> => {
  const { proof, randomness, proverId, replica } = input
  // a Winning PoSt of a supported size
  const checked = _checkPoStProof(proof, "Winning")
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  // prover_id a field element
  const pid = asSafeCommitment(proverId, "proverId")
  if (Result.isFailure(pid)) return Result.fail(pid.failure)
  const leaves = postLeafChallenges(proof, randomness, [replica.sectorNumber])
  if (Result.isFailure(leaves)) return Result.fail(leaves.failure)
  return Result.map(_proveSector(replica, proof.sectorSize / 32, leaves.success[0]!), (sector) => ({ proofId: proof.id, sector }))
}

/**
 * Verifies a Winning PoSt against the chosen sector (exactly one public sector).
 *
 * @example
 * verifyWinningPost({ randomness, proverId, sectors: [{ sectorNumber: 3n, commR }] }, proof) // => Success(undefined)
 * verifyWinningPost({ randomness, proverId, sectors: [] }, proof) // => Failure(WrongSectorSet { reason: "a Winning PoSt proves 1 sector, not 0" })
 * @category winning post
 */
export const verifyWinningPost = (
  publicInputs: PoStPublicInputs, winningProof: WinningPostProof
): Result.Result<void, WinningPostVerifyError> => {
  const { randomness, proverId, sectors } = publicInputs
  // a registered Winning PoSt of a supported size
  const registered = postProof(winningProof.proofId)
  if (Result.isFailure(registered)) return Result.fail(registered.failure)
  const checked = _checkPoStProof(registered.success, "Winning")
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const proof = checked.success
  // post_config.sector_count == replicas.len()
  if (sectors.length !== proof.sectorCount) {
    return Result.fail(new WrongSectorSet({ reason: `a Winning PoSt proves ${proof.sectorCount} sector, not ${sectors.length}` }))
  }
  // prover_id a field element
  const pid = asSafeCommitment(proverId, "proverId")
  if (Result.isFailure(pid)) return Result.fail(pid.failure)
  const sector = sectors[0]!
  const leaves = postLeafChallenges(proof, randomness, [sector.sectorNumber])
  if (Result.isFailure(leaves)) return Result.fail(leaves.failure)
  return _verifySector(sector, winningProof.sector, proof.sectorSize / 32, leaves.success[0]!)
}
