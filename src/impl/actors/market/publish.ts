/**
 * PublishStorageDeals: the provider publishes client-signed deals; each valid deal locks the
 * client's total price and collateral and the provider's collateral, gets an id and is scheduled
 * for cron.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/lib.rs` @ v18.0.0
 * `publish_storage_deals` (:195-498) and `validate_deal` (:1616-1688). The checks run in upstream's
 * order: on the batch (empty, provider resolvable, a miner, the caller controls it), then on each
 * deal without state (`validate_deal`: signature, label, piece size, piece CID, end after start,
 * start not elapsed, duration, price, provider and client collateral), then on each deal against
 * the state (same provider, client resolvable, client and provider escrow covering the running
 * lock-up, not a duplicate), then the state is written once. A deal failing a per-deal check is
 * left out (its bit is clear in `valid_deals`); when none is left the message fails 16, tagged with
 * the first deal's failed conjunct (a batch of one is the model's `PublishStorageDeals`).
 *
 * Verified deals are not supported: there is no DataCap actor here, so, as upstream does when the
 * DataCap balance cannot be read, a verified deal that passes every other check fails the message
 * 17 (lib.rs:360-365).
 *
 * @see TLA+ spec/tla/StorageMarket.tla › PublishStorageDeals(p, sig, form, caller)
 * @module
 */
import { Result } from "effect"
import { addressEquals, addressToString, idAddress } from "../../address/address.js"
import { bitFieldFromIndices } from "../../encoding/bitfield.js"
import { encodeCbor } from "../../encoding/cbor.js"
import { actorError, actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorError, ActorId, Runtime, Sends } from "../../vm/interface.js"
import { paddedPieceSize } from "../../../proofs/piece.js"
import { FIL_COMMITMENT_UNSEALED, SHA2_256_TRUNC254_PADDED } from "../../../proofs/piececid.js"
import type { MethodResult } from "../dispatch.js"
import { extractSendResult, wrapError } from "../shared.js"
import {
  authenticate, currentBaselinePower, currentNetworkRawPower, MARKET_NOTIFY_DEAL_METHOD, MINER_KIND,
  minerIsControllingAddress
} from "./ext.js"
import { Draft, dealCidKey, inDraft } from "./ledger.js"
import { encodePublishStorageDealsReturn } from "./params.js"
import {
  dealClientCollateralBounds, dealDurationBounds, dealPricePerEpochBounds, dealProviderCollateralBounds, type MarketParams,
  nextUpdateEpoch
} from "./policy.js"
import type { MarketState } from "./state.js"
import {
  type ClientDealProposal, clientBalanceRequirement, dealDuration, type DealProposal, dealProposalBytes, labelLength
} from "./types.js"

type Rt = Runtime<MarketState>

/** A deal's failed check: the model's conjunct name as tag, and what was wrong. */
const invalid = (tag: string, message: string): ActorError => actorError(tag, ExitCode.USR_ILLEGAL_ARGUMENT, message)

/** `is_piece_cid` (deal.rs:18-25): CIDv1, codec fil-commitment-unsealed, multihash sha2-256-trunc254-padded of 32 bytes. */
const isPieceCid = (p: DealProposal): boolean =>
  p.pieceCid.version === 1 && p.pieceCid.code === FIL_COMMITMENT_UNSEALED &&
  p.pieceCid.multihash.code === SHA2_256_TRUNC254_PADDED && p.pieceCid.multihash.size === 32

/**
 * `validate_deal` (lib.rs:1616-1688): the state-less checks of one deal, in upstream's order, each
 * 16 USR_ILLEGAL_ARGUMENT but for a failed authentication send, which keeps its code.
 */
function* validateDeal(p: MarketParams, rt: Rt, deal: ClientDealProposal, networkRawPower: bigint, baselinePower: bigint): Sends<Result.Result<void, ActorError>> {
  const proposal = deal.proposal
  // ProposalSignedByClient: the client authenticates the proposal's bytes (AuthenticateMessage, read-only)
  const auth = yield* authenticate(rt, proposal.client, deal.clientSignature.data, dealProposalBytes(proposal), "proposal")
  if (Result.isFailure(auth)) return Result.fail({ ...auth.failure, tag: "ProposalSignedByClient" })
  // ProposalWellFormed: the label is at most DEAL_MAX_LABEL_SIZE bytes
  if (labelLength(proposal.label) > p.maxLabelSize) {
    return Result.fail(invalid("ProposalWellFormed", `deal label can be at most ${p.maxLabelSize} bytes, is ${labelLength(proposal.label)}`))
  }
  // ProposalWellFormed: the piece size is a valid padded piece size (≥ 128, a power of two)
  const size = paddedPieceSize(proposal.pieceSize)
  if (Result.isFailure(size)) return Result.fail(invalid("ProposalWellFormed", `proposal piece size is invalid: ${size.failure.reason}`))
  // ProposalWellFormed: the piece CID is a piece commitment
  if (!isPieceCid(proposal)) return Result.fail(invalid("ProposalWellFormed", "proposal PieceCID undefined"))
  // EndAfterStart
  if (proposal.endEpoch <= proposal.startEpoch) return Result.fail(invalid("EndAfterStart", "proposal end before proposal start"))
  // StartNotElapsed: epoch ≤ start
  if (rt.epoch > proposal.startEpoch) return Result.fail(invalid("StartNotElapsed", "Deal start epoch has already elapsed."))
  // ProposalWellFormed: duration within bounds
  const duration = dealDuration(proposal)
  const d = dealDurationBounds(p)
  if (duration < d.min || duration > d.max) return Result.fail(invalid("ProposalWellFormed", "Deal duration out of bounds."))
  // ProposalWellFormed: price within bounds
  const price = dealPricePerEpochBounds()
  if (proposal.storagePricePerEpoch < price.min || proposal.storagePricePerEpoch > price.max) {
    return Result.fail(invalid("ProposalWellFormed", "Storage price out of bounds."))
  }
  // ProposalWellFormed: provider collateral within bounds (the minimum: the deal's share of 1% of the circulating supply)
  const pc = dealProviderCollateralBounds(p, proposal.pieceSize, networkRawPower, baselinePower, rt.totalFilCircSupply())
  if (proposal.providerCollateral < pc.min || proposal.providerCollateral > pc.max) {
    return Result.fail(invalid("ProposalWellFormed", `Provider collateral out of bounds (minimum ${pc.min}).`))
  }
  // ProposalWellFormed: client collateral within bounds
  const cc = dealClientCollateralBounds()
  if (proposal.clientCollateral < cc.min || proposal.clientCollateral > cc.max) {
    return Result.fail(invalid("ProposalWellFormed", "Client collateral out of bounds."))
  }
  return Result.succeed(undefined)
}

/** A deal that passed every check: normalised to ID addresses, with its CID. */
interface ValidDeal {
  readonly proposal: DealProposal
  readonly cid: string
}

/**
 * PublishStorageDeals (method 4 and exported): see the module notes.
 * @see TLA+ PublishStorageDeals
 */
export function* publishStorageDeals(p: MarketParams, rt: Rt, _: MarketState, deals: ReadonlyArray<ClientDealProposal>): Sends<MethodResult> {
  // DealsNotEmpty
  const first = deals[0]
  if (first === undefined) return fail("DealsNotEmpty", ExitCode.USR_ILLEGAL_ARGUMENT, "Empty deals parameter")
  // ProviderResolvable: all deals should have the first deal's provider
  const providerRaw = first.proposal.provider
  const providerId = rt.resolveAddress(providerRaw)
  if (providerId === undefined) return fail("ProviderResolvable", ExitCode.USR_NOT_FOUND, `failed to resolve provider address ${addressToString(providerRaw)}`)
  const kind = rt.actorKind(providerId)
  if (kind === undefined) return fail("ProviderResolvable", ExitCode.USR_NOT_FOUND, `no code ID for address f0${providerId}`)
  // ProviderIsMiner
  if (kind !== MINER_KIND) return fail("ProviderIsMiner", ExitCode.USR_ILLEGAL_ARGUMENT, "deal provider is not a storage miner actor")
  // CallerControlsProvider: the miner says the caller is its owner, worker or a control address
  const controlling = yield* minerIsControllingAddress(rt, providerId, idAddress(rt.caller))
  if (Result.isFailure(controlling)) return Result.fail(wrapError(controlling.failure, "IsControllingAddress", "CallerControlsProvider"))
  if (!controlling.success) {
    return fail("CallerControlsProvider", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is not worker or control address of provider f0${providerId}`)
  }
  const baseline = yield* currentBaselinePower(rt)
  if (Result.isFailure(baseline)) return Result.fail(baseline.failure)
  const networkRaw = yield* currentNetworkRawPower(rt)
  if (Result.isFailure(networkRaw)) return Result.fail(networkRaw.failure)

  // the state-less checks first: AuthenticateMessage could re-enter the market
  const reasons: Array<ActorError | undefined> = []
  for (const deal of deals) {
    const v = yield* validateDeal(p, rt, deal, networkRaw.success, baseline.success)
    reasons.push(Result.isFailure(v) ? v.failure : undefined)
  }

  const read = rt.state()
  if (Result.isFailure(read)) return Result.fail(read.failure)
  const draft = new Draft(read.success)
  const valid: Array<ValidDeal> = []
  const validIndices: Array<bigint> = []
  const clientLockup = new Map<ActorId, bigint>()
  let providerLockup = 0n
  const cids = new Set<string>()
  for (const [i, deal] of deals.entries()) {
    if (reasons[i] !== undefined) continue
    const proposal = deal.proposal
    // SameProvider: the deal's provider is the batch's
    if (!addressEquals(proposal.provider, idAddress(providerId)) && !addressEquals(proposal.provider, providerRaw)) {
      reasons[i] = invalid("SameProvider", "cannot publish deals from multiple providers in one batch")
      continue
    }
    // ClientResolvable
    const clientId = rt.resolveAddress(proposal.client)
    if (clientId === undefined) {
      reasons[i] = invalid("ClientResolvable", `failed to resolve proposal.client address ${addressToString(proposal.client)}`)
      continue
    }
    // ClientBalanceCovered: the client's escrow covers what it has locked plus this batch's deals so far
    const clientTotal = (clientLockup.get(clientId) ?? 0n) + clientBalanceRequirement(proposal)
    if (!draft.balanceCovered(clientId, clientTotal)) {
      reasons[i] = invalid("ClientBalanceCovered", "insufficient client funds to cover proposal cost")
      continue
    }
    // ProviderBalanceCovered
    const providerTotal = providerLockup + proposal.providerCollateral
    if (!draft.balanceCovered(providerId, providerTotal)) {
      reasons[i] = invalid("ProviderBalanceCovered", "insufficient provider funds to cover proposal cost")
      continue
    }
    // the proposal as stored: ID addresses (after the signature check, before the CID)
    const normalised: DealProposal = { ...proposal, provider: idAddress(providerId), client: idAddress(clientId) }
    const cid = dealCidKey(normalised)
    // NotPendingDuplicate: not pending from an earlier message, not twice in this one
    if (draft.pending.has(cid) || cids.has(cid)) {
      reasons[i] = invalid("NotPendingDuplicate", "cannot publish duplicate deal proposal")
      continue
    }
    // verified deals need the DataCap actor, which this chain does not have
    if (proposal.verifiedDeal) return fail("DataCapUnavailable", ExitCode.USR_NOT_FOUND, `failed to get datacap balance for client f0${clientId}`)
    providerLockup = providerTotal
    clientLockup.set(clientId, clientTotal)
    cids.add(cid)
    valid.push({ proposal: normalised, cid })
    validIndices.push(BigInt(i))
  }
  // AnyDealValid: the first deal's failure names the conjunct
  if (valid.length === 0) {
    const why = reasons.find((r) => r !== undefined)
    return fail(why?.tag ?? "AnyDealValid", ExitCode.USR_ILLEGAL_ARGUMENT, `All deal proposals invalid${why === undefined ? "" : `: ${why.message}`}`)
  }

  // one transaction: lock, record pending, allocate ids, schedule
  const ids: Array<bigint> = []
  const written = rt.transaction((st) => Result.map(inDraft(st, (d) => {
    for (const v of valid) {
      d.lockClientAndProviderBalances(v.proposal)
      d.pending.add(v.cid)
      const id = d.generateStorageDealId()
      d.proposals.set(id, v.proposal)
      d.putDealOp(nextUpdateEpoch(id, p.dealUpdatesInterval, v.proposal.startEpoch), id)
      ids.push(id)
    }
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)

  // notify each client (MarketNotifyDeal); a failure fails the message 16
  for (const [k, v] of valid.entries()) {
    const notified = extractSendResult(yield* rt.send(v.proposal.client, MARKET_NOTIFY_DEAL_METHOD, encodeCbor([dealProposalBytes(v.proposal), ids[k]!]), 0n))
    if (Result.isFailure(notified)) {
      return Result.fail(actorError("NotifyClient", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to notify deal with proposal cid ${v.cid}: ${notified.failure.message}`))
    }
  }
  return Result.succeed({ return: encodePublishStorageDealsReturn({ ids, validDeals: bitFieldFromIndices(validIndices) }) })
}
