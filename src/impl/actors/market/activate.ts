/**
 * Activation: VerifyDealsForActivation (the miner checks a sector's deals at pre-commit and gets
 * the sector's unsealed CID) and BatchActivateDeals (the miner activates them when the sector is
 * proven), and the unsealed CID the market computes from a sector's deals.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/lib.rs` @ v18.0.0:
 * `verify_deals_for_activation` (:502-540), `batch_activate_deals` (:549-666), `get_proposals`
 * (:1365-1380), `compute_data_commitment` (:1382-1398), `validate_deals_for_sector` (:1400-1433),
 * `preactivate_deal` (:1442-1481), `validate_deal_can_activate` (:1582-1614).
 *
 * The unsealed CID (`compute_data_commitment` → the FVM's `compute_unsealed_sector_cid`): the
 * deals' pieces, in the order given, each at the lowest offset that is a multiple of its size after
 * the previous one, zero pieces filling the gaps and the rest of the sector — `src/proofs/commd.ts`.
 * Deviation: BatchActivateDeals also keeps that CID (when it can be computed) in the state of each
 * deal it activates in the sector (`DealState.unsealed`, see ./state.ts), for RedeemVoucher's PIP
 * check — the CID of that call's deals of the sector, which is what the call returns with
 * `compute_cid` (lib.rs:639-646); `provider_sectors` keeps only deal ids, as upstream.
 *
 * @see TLA+ spec/tla/StorageMarket.tla › ActivateDeals(d, s, caller)
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { addressEquals, addressToString, idAddress } from "../../address/address.js"
import { actorError, actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorError, Runtime, Sends } from "../../vm/interface.js"
import { computeUnsealedSectorCID } from "../../../proofs/commd.js"
import { cidToPieceCommitmentV1 } from "../../../proofs/piececid.js"
import type { MethodResult } from "../dispatch.js"
import { validateCallerType } from "../shared.js"
import { MINER_KIND } from "./ext.js"
import { abort, Abort, Draft, dealCidKey, idOf, inDraft } from "./ledger.js"
import {
  type ActivatedDeal, type BatchActivateDealsParams, batchReturnOf, encodeBatchActivateDealsResult, encodeUnsealedCids,
  type SectorDeals, sealProofSectorSize, type SectorDealActivation
} from "./params.js"
import { MarketExitCode } from "./policy.js"
import { EPOCH_UNDEFINED, type MarketState } from "./state.js"
import type { DealProposal } from "./types.js"

type Rt = Runtime<MarketState>

/**
 * The unsealed CID of a sector of `sectorSize` holding the deals' pieces in this order
 * (`compute_data_commitment`); a piece CID that is not a commitment, or pieces that do not fit,
 * fail 16.
 *
 * @category activation
 * @since 0.1.0
 */
export const computeDataCommitment = (sectorSize: bigint, proposals: ReadonlyArray<DealProposal>): Result.Result<CID, ActorError> => {
  const pieces = []
  for (const p of proposals) {
    const commP = cidToPieceCommitmentV1(p.pieceCid)
    if (Result.isFailure(commP)) return Result.fail(actorError("DataCommitment", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to compute unsealed sector CID: ${commP.failure._tag}`))
    pieces.push({ size: p.pieceSize, commP: commP.success })
  }
  return Result.mapError(computeUnsealedSectorCID(sectorSize, pieces), (e) =>
    actorError("DataCommitment", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to compute unsealed sector CID: ${e._tag}`))
}

/**
 * `validate_deal_can_activate`: the caller is the deal's provider (18), the start has not passed
 * (32, as if cleaned up), the deal ends by the sector's expiry (16).
 */
const validateDealCanActivate = (p: DealProposal, miner: bigint, sectorExpiry: bigint, epoch: bigint): ActorError | undefined => {
  // CallerIsDealProvider
  if (!addressEquals(p.provider, idAddress(miner))) {
    return actorError("CallerIsDealProvider", ExitCode.USR_FORBIDDEN, `proposal has provider ${addressToString(p.provider)}, must be f0${miner}`)
  }
  // StartNotPassed: epoch ≤ start
  if (epoch > p.startEpoch) {
    return actorError("StartNotPassed", MarketExitCode.EX_DEAL_EXPIRED, `proposal start epoch ${p.startEpoch} has already elapsed at ${epoch}`)
  }
  // EndWithinSectorExpiry
  if (p.endEpoch > sectorExpiry) {
    return actorError("EndWithinSectorExpiry", ExitCode.USR_ILLEGAL_ARGUMENT, `proposal expiration ${p.endEpoch} exceeds sector expiration ${sectorExpiry}`)
  }
  return undefined
}

/** `get_proposal` as a Result (17 never published, 32 cleaned up). */
const getProposal = (d: Draft, id: bigint): Result.Result<DealProposal, ActorError> => {
  try {
    return Result.succeed(d.getProposal(id))
  } catch (e) {
    if (e instanceof Abort) return Result.fail({ ...e.error, tag: "DealPublished" })
    throw e
  }
}

/**
 * VerifyDealsForActivation (method 5): only a miner; for each sector, its deals exist, are
 * distinct, can activate in it and fit its size; returns each sector's unsealed CID (null with no deals).
 */
export function* verifyDealsForActivation(rt: Rt, st: MarketState, sectors: ReadonlyArray<SectorDeals>): Sends<MethodResult> {
  // CallerIsMiner
  const caller = validateCallerType(rt, MINER_KIND, "CallerIsMiner")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  const d = new Draft(st)
  const cids: Array<CID | null> = []
  for (const sector of sectors) {
    // get_proposals: DealIdsUnique, each DealPublished
    const proposals: Array<DealProposal> = []
    const seen = new Set<bigint>()
    for (const id of sector.dealIds) {
      if (seen.has(id)) return fail("DealIdsUnique", ExitCode.USR_ILLEGAL_ARGUMENT, `duplicate deal ID ${id} in sector`)
      seen.add(id)
      const p = getProposal(d, id)
      if (Result.isFailure(p)) return Result.fail(p.failure)
      proposals.push(p.success)
    }
    // SectorTypeKnown
    const sectorSize = sealProofSectorSize(sector.sectorType)
    if (sectorSize === undefined) return fail("SectorTypeKnown", ExitCode.USR_ILLEGAL_ARGUMENT, `sector size unknown: unsupported proof type: ${sector.sectorType}`)
    // validate_deals_for_sector: each deal can activate, all fit the sector
    let space = 0n
    for (const [k, p] of proposals.entries()) {
      const e = validateDealCanActivate(p, rt.caller, sector.sectorExpiry, rt.epoch)
      if (e !== undefined) return Result.fail({ ...e, message: `failed to validate deal proposals for activation: cannot activate deal ${sector.dealIds[k]}: ${e.message}` })
      space += p.pieceSize
    }
    // DealsFitSector
    if (space > sectorSize) return fail("DealsFitSector", ExitCode.USR_ILLEGAL_ARGUMENT, `deals too large to fit in sector ${space} > ${sectorSize}`)
    if (proposals.length === 0) {
      cids.push(null)
    } else {
      const cid = computeDataCommitment(sectorSize, proposals)
      if (Result.isFailure(cid)) return Result.fail(cid.failure)
      cids.push(cid.success)
    }
  }
  return Result.succeed({ return: encodeUnsealedCids(cids) })
}

/**
 * BatchActivateDeals (method 6): only a miner; each sector's deals activate together or not at all
 * (a failed sector gets its exit code in the batch result), sectors independently.
 * @see TLA+ ActivateDeals
 */
export function* batchActivateDeals(rt: Rt, _: MarketState, params: BatchActivateDealsParams): Sends<MethodResult> {
  // CallerIsMiner
  const caller = validateCallerType(rt, MINER_KIND, "CallerIsMiner")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  const miner = rt.caller
  const epoch = rt.epoch
  const codes: Array<number> = []
  const activations: Array<SectorDealActivation> = []
  const written = rt.transaction((st) => Result.map(inDraft(st, (d) => {
    const activatedInBatch = new Set<bigint>()
    const sectorsDeals: Array<SectorDeals> = []
    sectorLoop: for (const sector of params.sectors) {
      // DealIdsUnique within the sector
      if (new Set(sector.dealIds).size !== sector.dealIds.length) {
        codes.push(ExitCode.USR_ILLEGAL_ARGUMENT)
        continue
      }
      const validated: Array<DealProposal> = []
      for (const id of sector.dealIds) {
        // DealIdsUnique across the batch's sectors
        if (activatedInBatch.has(id)) {
          codes.push(ExitCode.USR_ILLEGAL_ARGUMENT)
          continue sectorLoop
        }
        const failed = preactivate(d, id, miner, sector.sectorExpiry, epoch)
        if (typeof failed === "number") {
          codes.push(failed)
          continue sectorLoop
        }
        validated.push(failed)
      }
      // the CommD of the sector as this call activates it: returned if asked for (its failure then
      // fails the message), and kept with each of its deals for RedeemVoucher (extension; none if
      // it cannot be computed)
      const sectorSize = sealProofSectorSize(sector.sectorType)
      const cid = validated.length === 0 ? undefined : sectorSize === undefined
        ? Result.fail(actorError("DataCommitment", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to compute unsealed sector CID: unsupported proof type ${sector.sectorType}`))
        : computeDataCommitment(sectorSize, validated)
      if (params.computeCid && cid !== undefined && Result.isFailure(cid)) abort(cid.failure.tag, cid.failure.exitCode, cid.failure.message)
      const unsealed = cid !== undefined && Result.isSuccess(cid) && sectorSize !== undefined ? { cid: cid.success, sectorSize } : null
      const activated: Array<ActivatedDeal> = []
      for (const [k, id] of sector.dealIds.entries()) {
        const p = validated[k]!
        activatedInBatch.add(id)
        activated.push({ client: idOf(p.client), allocationId: 0n, data: p.pieceCid, size: p.pieceSize })
        d.states.set(id, { sectorNumber: sector.sectorNumber, sectorStartEpoch: epoch, lastUpdatedEpoch: EPOCH_UNDEFINED, slashEpoch: EPOCH_UNDEFINED, paid: 0n, unsealed })
      }
      activations.push({ activated, unsealedCid: params.computeCid ? unsealed?.cid ?? null : null })
      sectorsDeals.push(sector)
      codes.push(ExitCode.OK)
    }
    for (const sector of sectorsDeals) d.putSectorDealIds(miner, sector.sectorNumber, sector.dealIds)
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  return Result.succeed({ return: encodeBatchActivateDealsResult({ activationResults: batchReturnOf(codes), activations }) })
}

/**
 * `preactivate_deal`: the deal's proposal, or the exit code that fails its sector — DealPublished
 * (17/32), the `validate_deal_can_activate` checks, NotYetActivated (16), DealPending (20).
 */
const preactivate = (d: Draft, id: bigint, miner: bigint, sectorExpiry: bigint, epoch: bigint): DealProposal | number => {
  const p = getProposal(d, id)
  // DealPublished
  if (Result.isFailure(p)) return p.failure.exitCode
  const e = validateDealCanActivate(p.success, miner, sectorExpiry, epoch)
  if (e !== undefined) return e.exitCode
  // NotYetActivated
  if (d.states.has(id)) return ExitCode.USR_ILLEGAL_ARGUMENT
  // DealPending: a published, unactivated deal is in the pending set
  if (!d.pending.has(dealCidKey(p.success))) return ExitCode.USR_ILLEGAL_STATE
  return p.success
}
