/**
 * The seed's StorageProvider in StorageDealMake, as a pure reducer:
 * `(state, input) → Result<Step<ProviderState>, ProviderRejection>`.
 *
 * - `Receive` a DealProposal: check it is well formed, names a real piece commitment, is for this
 *   provider and is signed by its client; then answer by the acceptance policy (`./policy.ts`)
 *   with a signed DealResponse.  On acceptance it asks for the chain message PublishStorageDeals
 *   (market actor f05, method 4, params `[ [ClientDealProposal] ]`), sent from its worker address.
 * - `PublishReceipt`: the receipt of that message comes back; on exit code 0 the deal ID is read
 *   from the return (`PublishStorageDealsReturn{ids, valid_deals}`) and the client gets
 *   DealAccepted; on failure a DealResponse rejecting it with `PublishFailed`.
 * - `Receive` a StorageDealQuery: answered from the records at any time — a Deal, or NoSuchDeal.
 * - `ChainHead`: the provider learns the current epoch (its policy's "start far enough ahead").
 *
 * Design: an input the provider cannot accept at all (malformed bytes, a message only a provider
 * sends, a wrong signature, another provider's proposal, a piece CID that is not a piece
 * commitment, a duplicate, a receipt it did not ask for) is a {@link ProviderRejection}: no step,
 * so the caller keeps the state it had — nothing changes, nothing is sent.  A well-formed proposal
 * the policy turns down is *not* a rejection of the input: it is recorded (so a query can answer
 * it) and answered with a DealResponse carrying the reason.  Every check comes before any new
 * state is built.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, addressEquals, addressToString } from "../../address/address.js"
import type { KeyPair } from "../../crypto/interface.js"
import { verifySignatureDetailed } from "../../crypto/keys.js"
import { type ClientDealProposal, dealProposalBytes, dealProposalCid } from "../../actors/market/types.js"
import { cidToPieceCommitmentV1 } from "../../../proofs/piececid.js"
import { paddedPieceSize, toUnpadded } from "../../../proofs/piece.js"
import type * as API from "../interface.js"
import { decodeMessage, encodeSigned } from "../messages.js"
import { type AcceptancePolicy, policyVerdict } from "./policy.js"
import { publishStorageDealsMessage, readPublishedDealId } from "./publish.js"

// ---------------------------------------------------------------------------------------------
// state and inputs

/**
 * A deal in the provider's records, by proposal CID.
 *
 * @category models
 * @since 0.2.0
 */
export interface ProviderDeal {
  readonly proposalCid: CID
  readonly proposal: ClientDealProposal
  readonly piece: API.PieceRef
  /** Where answers about this deal go: the sender of the proposal. */
  readonly client: Address
  readonly status: API.DealStatus
  readonly dealId: bigint | null
  readonly publishMessageCid: CID | null
}

/**
 * The provider's state.
 *
 * @category models
 * @since 0.2.0
 */
export interface ProviderState {
  /** The provider's miner actor (the proposals' `provider`), and its address on the network. */
  readonly address: Address
  /** The worker key: it signs the provider's messages and sends PublishStorageDeals. */
  readonly worker: KeyPair
  readonly policy: AcceptancePolicy
  /** The chain epoch the provider last saw. */
  readonly epoch: bigint
  /** Deals by proposal CID (string form). */
  readonly deals: ReadonlyMap<string, ProviderDeal>
}

/**
 * What the provider reacts to.
 *
 * @category models
 * @since 0.2.0
 */
export type ProviderInput =
  | { readonly _tag: "Receive"; readonly envelope: API.Envelope }
  | { readonly _tag: "ChainHead"; readonly epoch: bigint }
  | {
    readonly _tag: "PublishReceipt"
    readonly proposalCid: CID
    /** The CID of the chain message that carried the publish. */
    readonly messageCid: CID
    readonly receipt: { readonly exitCode: number; readonly return: Uint8Array }
  }

/**
 * Names of the checks that refuse an input.
 *
 * @category errors
 * @since 0.2.0
 */
export type ProviderRejectionTag =
  | "MalformedMessage" | "UnknownMessageKind" | "NotForProvider" | "NotAPieceCommitment" | "InvalidPieceSize"
  | "PieceRefMismatch" | "WrongProvider" | "InvalidClientSignature" | "DuplicateProposal" | "UnknownPublish"
  | "MalformedPublishReturn" | "EpochRegressed"

/**
 * The provider refused an input: `tag` names the failed check.  Its state is unchanged.
 *
 * @category errors
 * @since 0.2.0
 */
export class ProviderRejection extends Data.TaggedError("ProviderRejection")<{
  readonly tag: ProviderRejectionTag
  readonly message: string
}> {}

/** The provider's step. */
export type ProviderStep = Result.Result<API.Step<ProviderState>, ProviderRejection>

/**
 * A provider with no deals at `epoch`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const initialProvider = (address: Address, worker: KeyPair, policy: AcceptancePolicy, epoch: bigint = 0n): ProviderState => ({
  address, worker, policy, epoch, deals: new Map()
})

// ---------------------------------------------------------------------------------------------
// the reducer

/**
 * One step of the provider.
 *
 * @example
 * providerStep(provider, { _tag: "Receive", envelope: { from: client, to: miner, bytes: encodeMessage(proposal, null) } })
 * // => Success({ state: …, outbox: [DealResponse], chainMessages: [PublishStorageDeals] })
 * @category reducers
 * @since 0.2.0
 */
export const providerStep = (s: ProviderState, input: ProviderInput): ProviderStep => {
  switch (input._tag) {
    case "Receive": return receive(s, input.envelope)
    case "ChainHead": return chainHead(s, input.epoch)
    case "PublishReceipt": return publishReceipt(s, input)
  }
}

const reject = (tag: ProviderRejectionTag, message: string): ProviderStep => Result.fail(new ProviderRejection({ tag, message }))
const step = (state: ProviderState, outbox: ReadonlyArray<API.Envelope>, chainMessages: ReadonlyArray<API.ChainMessage> = []): ProviderStep =>
  Result.succeed({ state, outbox, chainMessages })

const chainHead = (s: ProviderState, epoch: bigint): ProviderStep => {
  // EpochRegressed: the chain's epoch does not go back
  if (epoch < s.epoch) return reject("EpochRegressed", `epoch ${epoch} is before the provider's epoch ${s.epoch}`)
  return step({ ...s, epoch }, [])
}

const receive = (s: ProviderState, envelope: API.Envelope): ProviderStep => {
  // MalformedMessage / UnknownMessageKind: the bytes are a message
  const decoded = decodeMessage(envelope.bytes)
  if (Result.isFailure(decoded)) return reject(decoded.failure._tag, decoded.failure.message)
  const m = decoded.success.message
  switch (m._tag) {
    case "DealProposal": return proposal(s, envelope.from, m)
    case "StorageDealQuery": return query(s, envelope.from, m)
    default:
      // NotForProvider: only a provider sends these
      return reject("NotForProvider", `a provider does not take a ${m._tag}`)
  }
}

const proposal = (s: ProviderState, from: Address, m: API.DealProposal): ProviderStep => {
  const p = m.proposal.proposal
  // NotAPieceCommitment: the piece CID is a v1 piece commitment
  const commP = cidToPieceCommitmentV1(p.pieceCid)
  if (Result.isFailure(commP)) return reject("NotAPieceCommitment", `proposal piece CID: ${commP.failure.message}`)
  // InvalidPieceSize: the padded piece size is 128 × 2^k
  const size = paddedPieceSize(p.pieceSize)
  if (Result.isFailure(size)) return reject("InvalidPieceSize", size.failure.message)
  // PieceRefMismatch: the piece handed over is the one proposed, and its payload fits the piece
  if (!m.piece.pieceCid.equals(p.pieceCid)) return reject("PieceRefMismatch", `piece ${m.piece.pieceCid} is not the proposal's piece ${p.pieceCid}`)
  if (m.piece.payloadSize > toUnpadded(size.success)) {
    return reject("PieceRefMismatch", `payload of ${m.piece.payloadSize} bytes does not fit a ${p.pieceSize}-byte piece`)
  }
  // WrongProvider: the proposal is for this provider
  if (!addressEquals(p.provider, s.address)) {
    return reject("WrongProvider", `the proposal is for ${addressToString(p.provider)}, not ${addressToString(s.address)}`)
  }
  // InvalidClientSignature: the client signed the proposal's bytes (checked off chain, so the
  // client is named by its key address, which carries the key)
  const signed = verifySignatureDetailed(m.proposal.clientSignature, p.client, dealProposalBytes(p))
  if (Result.isFailure(signed)) return reject("InvalidClientSignature", `client signature: ${signed.failure.message}`)
  // DuplicateProposal: each proposal is decided once
  const proposalCid = dealProposalCid(p)
  const key = proposalCid.toString()
  if (s.deals.has(key)) return reject("DuplicateProposal", `proposal ${key} was already received`)
  const verdict = policyVerdict(s.policy, p, s.epoch)
  const deal: ProviderDeal = {
    proposalCid, proposal: m.proposal, piece: m.piece, client: from,
    status: verdict === undefined ? "Publishing" : "Rejected", dealId: null, publishMessageCid: null
  }
  const state = { ...s, deals: new Map([...s.deals, [key, deal]]) }
  const response: API.DealResponse = {
    _tag: "DealResponse", proposalCid,
    verdict: verdict === undefined ? { _tag: "Accepted" } : { _tag: "Rejected", reason: verdict.reason, message: verdict.message }
  }
  const chainMessages = verdict === undefined ? [publishStorageDealsMessage(s.worker.address, proposalCid, m.proposal)] : []
  return step(state, [send(s, from, response)], chainMessages)
}

const query = (s: ProviderState, from: Address, m: API.StorageDealQuery): ProviderStep => {
  const deal = findDeal(s, m.ref)
  const answer: API.ProviderMessage = deal === undefined
    ? { _tag: "NoSuchDeal", ref: m.ref }
    : {
      _tag: "Deal", proposalCid: deal.proposalCid, status: deal.status, dealId: deal.dealId,
      publishMessageCid: deal.publishMessageCid, proposal: deal.proposal
    }
  return step(s, [send(s, from, answer)])
}

const publishReceipt = (s: ProviderState, input: Extract<ProviderInput, { _tag: "PublishReceipt" }>): ProviderStep => {
  const key = input.proposalCid.toString()
  const deal = s.deals.get(key)
  // UnknownPublish: the provider is waiting for this deal's publish
  if (deal === undefined || deal.status !== "Publishing") return reject("UnknownPublish", `no publish of ${key} is pending`)
  if (input.receipt.exitCode !== 0) {
    const failed: ProviderDeal = { ...deal, status: "Failed", publishMessageCid: input.messageCid }
    const response: API.DealResponse = {
      _tag: "DealResponse", proposalCid: deal.proposalCid,
      verdict: { _tag: "Rejected", reason: "PublishFailed", message: `PublishStorageDeals ${input.messageCid} failed with exit code ${input.receipt.exitCode}` }
    }
    return step({ ...s, deals: new Map([...s.deals, [key, failed]]) }, [send(s, deal.client, response)])
  }
  // MalformedPublishReturn: the return names the one deal published
  const dealId = readPublishedDealId(input.receipt.return)
  if (Result.isFailure(dealId)) return reject("MalformedPublishReturn", dealId.failure)
  const published: ProviderDeal = { ...deal, status: "Published", dealId: dealId.success, publishMessageCid: input.messageCid }
  const accepted: API.DealAccepted = {
    _tag: "DealAccepted", proposalCid: deal.proposalCid, dealId: dealId.success, publishMessageCid: input.messageCid
  }
  return step({ ...s, deals: new Map([...s.deals, [key, published]]) }, [send(s, deal.client, accepted)])
}

// ---------------------------------------------------------------------------------------------
// internals

/** The provider's deal a query names, if any. */
export const findDeal = (s: ProviderState, ref: API.DealRef): ProviderDeal | undefined => {
  if (ref._tag === "ByProposalCid") return s.deals.get(ref.proposalCid.toString())
  for (const d of s.deals.values()) if (d.dealId === ref.dealId) return d
  return undefined
}

const send = (s: ProviderState, to: Address, m: API.ProviderMessage): API.Envelope => ({
  from: s.address, to, bytes: encodeSigned(s.worker, m)
})
