/**
 * RedeemVoucher(Voucher, PIP): the seed's on-chain way for a provider to collect for an active deal
 * before settlement would pay it — a method production Filecoin never had. Its number is the
 * FRC-0042 hash of "RedeemVoucher".
 *
 * Meaning (spec/tla/StorageMarket.tla › RedeemVoucher, the model helper's contract): the client
 * signs a voucher for one deal (the payment channel's `SignedVoucher` form: `channel_addr` = the
 * market f05, `lane` = the deal id, `amount` = the cumulative amount the client agrees to have paid
 * for the deal); the provider redeems it with a piece inclusion proof that the deal's piece is in
 * the CommD of the sector holding the deal — the CommD the market computed when it activated the
 * deal and keeps in the deal's state (`DealState.unsealed`, see ./state.ts and ./activate.ts), so
 * the proof is checked against the deal's own sector as activated with it, for as long as the deal
 * exists. The market moves `amount − paid(deal)` from the client's locked fee to
 * the provider's escrow and records `paid(deal) = amount`; settlement later pays only what the
 * elapsed epochs earned beyond `paid`. Hence each voucher pays at most once (the amount must rise),
 * never more than the deal's total price, only for active deals, only from what the client locked.
 *
 * Checks, in the model's order, each tagged with its conjunct: DealExists (17 / 32),
 * CallerIsDealProvider (18, asked of the miner as PublishStorageDeals does), VoucherSignedByClient
 * (the client's AuthenticateMessage over the voucher's signing bytes; 16), DealActive (33
 * EX_DEAL_NOT_ACTIVATED, upstream's code for "not yet activated"), PipForDealPiece,
 * PipForDealSector, VoucherAbovePaid, VoucherWithinTotalPrice (16). Before them, with no model
 * counterpart: VoucherForMarket — the voucher names this market and uses none of the payment
 * channel's other features (time locks, secret, extra call, merges, settle height), 16.
 *
 * @see TLA+ spec/tla/StorageMarket.tla › RedeemVoucher(v, pip, caller)
 * @module
 */
import { Result } from "effect"
import { bytesEqual } from "../../encoding/hex.js"
import { actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import { idAddress } from "../../address/address.js"
import type { Runtime, Sends } from "../../vm/interface.js"
import { cidToPieceCommitmentV1 } from "../../../proofs/piececid.js"
import { verifyPip } from "../../../proofs/pip.js"
import type { MethodResult } from "../dispatch.js"
import { wrapError } from "../shared.js"
import { type SignedVoucher, voucherSigningBytes } from "../paych/types.js"
import { authenticate, minerIsControllingAddress, STORAGE_MARKET_ACTOR_ID } from "./ext.js"
import { abort, idOf, inDraft } from "./ledger.js"
import { encodeTokenAmount, type RedeemVoucherParams } from "./params.js"
import { MarketExitCode } from "./policy.js"
import type { MarketState } from "./state.js"
import { totalStorageFee } from "./types.js"

type Rt = Runtime<MarketState>

/**
 * The (unsigned) voucher a client gives for deal `dealId`, promising `amount` in total for it: the
 * payment channel's `SignedVoucher` form with the market f05 as its channel and the deal id as its
 * lane, and none of the channel's other conditions (the module notes).  Sign it with
 * `signVoucher` (../paych/types.ts).
 */
export const marketVoucher = (dealId: bigint, amount: bigint): SignedVoucher => ({
  channelAddr: idAddress(STORAGE_MARKET_ACTOR_ID), timeLockMin: 0n, timeLockMax: 0n, secretPreImage: new Uint8Array(), extra: null,
  lane: dealId, nonce: 0n, amount, minSettleHeight: 0n, merges: [], signature: null
})

/** RedeemVoucher (exported, our extension): see the module notes. Returns the amount paid. */
export function* redeemVoucher(rt: Rt, st: MarketState, { voucher, pip }: RedeemVoucherParams): Sends<MethodResult> {
  // VoucherForMarket: the voucher's channel is this market
  if (rt.resolveAddress(voucher.channelAddr) !== rt.receiver) {
    return fail("VoucherForMarket", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher channel address is not the storage market")
  }
  // VoucherForMarket: a plain voucher — none of the payment channel's conditions, which the market does not check
  if (voucher.timeLockMin !== 0n || voucher.timeLockMax !== 0n || voucher.secretPreImage.length > 0 || voucher.extra !== null ||
    voucher.merges.length > 0 || voucher.minSettleHeight !== 0n) {
    return fail("VoucherForMarket", ExitCode.USR_ILLEGAL_ARGUMENT, "a market voucher has no time locks, secret, extra call, merges or settle height")
  }
  const dealId = voucher.lane
  // DealExists: the deal's proposal is on chain (17 never published, 32 gone)
  const proposal = st.proposals.get(dealId)
  if (proposal === undefined) {
    return dealId < st.nextId
      ? fail("DealExists", MarketExitCode.EX_DEAL_EXPIRED, `deal ${dealId} expired`)
      : fail("DealExists", ExitCode.USR_NOT_FOUND, `no such deal ${dealId}`)
  }
  // CallerIsDealProvider: the caller is the owner, worker or a control address of the deal's provider
  const controlling = yield* minerIsControllingAddress(rt, idOf(proposal.provider), idAddress(rt.caller))
  if (Result.isFailure(controlling)) return Result.fail(wrapError(controlling.failure, "IsControllingAddress", "CallerIsDealProvider"))
  if (!controlling.success) return fail("CallerIsDealProvider", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} does not control the deal's provider`)
  // VoucherSignedByClient: the deal's client authenticates the voucher's signing bytes
  if (voucher.signature === null) return fail("VoucherSignedByClient", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher has no signature")
  const auth = yield* authenticate(rt, proposal.client, voucher.signature.data, voucherSigningBytes(voucher), "voucher")
  if (Result.isFailure(auth)) return Result.fail({ ...auth.failure, tag: "VoucherSignedByClient" })

  // the rest on the state as the sends left it, in one transaction
  let payment = 0n
  const written = rt.transaction((now) => Result.map(inDraft(now, (d) => {
    const p = d.proposals.get(dealId) ?? abort("DealExists", MarketExitCode.EX_DEAL_EXPIRED, `deal ${dealId} expired`)
    // DealActive: activated (a terminated deal is removed at once)
    const state = d.states.get(dealId) ?? abort("DealActive", MarketExitCode.EX_DEAL_NOT_ACTIVATED, `deal ${dealId} not yet activated`)
    // PipForDealPiece: the proof is for the deal's piece (its commitment and size)
    const commP = cidToPieceCommitmentV1(p.pieceCid)
    if (Result.isFailure(commP) || !bytesEqual(commP.success, pip.pieceCommP) || pip.pieceSize !== p.pieceSize) {
      abort("PipForDealPiece", ExitCode.USR_ILLEGAL_ARGUMENT, "the piece inclusion proof is not for the deal's piece")
    }
    // PipForDealSector: the proof verifies against the CommD of the sector holding the deal, as recorded with the deal at activation
    const unsealed = state.unsealed ?? abort("PipForDealSector", ExitCode.USR_ILLEGAL_ARGUMENT, `no unsealed CID known for deal ${dealId}'s sector ${state.sectorNumber}`)
    const commD = cidToPieceCommitmentV1(unsealed.cid)
    if (Result.isFailure(commD) || Result.isFailure(verifyPip(commD.success, unsealed.sectorSize, pip))) {
      abort("PipForDealSector", ExitCode.USR_ILLEGAL_ARGUMENT, `the piece inclusion proof does not verify against sector ${state.sectorNumber}'s CommD`)
    }
    // VoucherAbovePaid: the cumulative amount rises (so each voucher pays once)
    if (voucher.amount <= state.paid) abort("VoucherAbovePaid", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher amount ${voucher.amount} is not above the ${state.paid} already paid`)
    // VoucherWithinTotalPrice
    const total = totalStorageFee(p)
    if (voucher.amount > total) abort("VoucherWithinTotalPrice", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher amount ${voucher.amount} exceeds the deal's total price ${total}`)
    payment = voucher.amount - state.paid
    d.transferBalance(idOf(p.client), idOf(p.provider), payment)
    d.states.set(dealId, { ...state, paid: voucher.amount })
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  return Result.succeed({ return: encodeTokenAmount(payment) })
}


