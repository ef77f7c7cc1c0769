/**
 * The seed's StorageClient in StorageDealMake, as a pure reducer:
 * `(state, input) → Result<Step<ClientState>, ClientRejection>` (the same design as the provider,
 * `../provider/index.ts`).
 *
 * - `ProposeDeal`: for a Piece/PieceCID, build the `DealProposal`, sign its bytes with the client's
 *   key (`ClientDealProposal`) and send the seed's DealProposal to the provider.
 * - `QueryDeal`: send a StorageDealQuery (by proposal CID or deal ID) to a provider it dealt with.
 * - `Receive`: the provider's answers — DealResponse, DealAccepted, Deal, NoSuchDeal — each signed
 *   with the provider's worker key, which the client was told when it proposed.  An answer is
 *   recorded only if it is well formed, signed by that worker, about a proposal the client made
 *   (or a query it asked), and in order (a response to a proposal still waiting; DealAccepted to
 *   an accepted one).  Anything else is a {@link ClientRejection}, and the state stays as it was.
 *
 * The client is named in its proposals by its key address (f1/f3), so that the provider can check
 * the signature off chain; the chain resolves that address to the client's account.  Both
 * parties name a proposal by `dealProposalCid` of the proposal as signed; the market keys its
 * pending proposals by the CID of the proposal with client and provider normalised to ID
 * addresses (builtin-actors `actors/market/src/lib.rs` @ v18.0.0, `serialized_deal_cid`), which
 * differs from ours whenever the client is named by its key address.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, addressEquals, addressToString } from "../../address/address.js"
import type { KeyPair } from "../../crypto/interface.js"
import { type ClientDealProposal, type DealProposal, dealProposalCid, signDealProposal } from "../../actors/market/types.js"
import { addressKey } from "../../vm/state.js"
import { cidToPieceCommitmentV1 } from "../../../proofs/piececid.js"
import type * as API from "../interface.js"
import { decodeMessage, encodeMessage, verifyMessageSignature } from "../messages.js"

// ---------------------------------------------------------------------------------------------
// state and inputs

/**
 * Where one of the client's proposals stands.
 *
 * @category models
 * @since 0.2.0
 */
export type ClientDealStatus = "Proposed" | "Accepted" | "Rejected" | "Published"

/**
 * A proposal the client made, and what it has heard about it.
 *
 * @category models
 * @since 0.2.0
 */
export interface ClientDeal {
  readonly proposalCid: CID
  readonly proposal: ClientDealProposal
  readonly piece: API.PieceRef
  /** The provider's miner actor (where the proposal went). */
  readonly provider: Address
  /** The key that signs the provider's answers. */
  readonly providerWorker: Address
  readonly status: ClientDealStatus
  readonly rejection: API.RejectionReason | null
  readonly dealId: bigint | null
  readonly publishMessageCid: CID | null
}

/**
 * A query the client sent and has no answer to yet, or its answer.
 *
 * @category models
 * @since 0.2.0
 */
export interface ClientQuery {
  readonly provider: Address
  readonly ref: API.DealRef
  readonly answer: API.Deal | API.NoSuchDeal | null
}

/**
 * The client's state.
 *
 * @category models
 * @since 0.2.0
 */
export interface ClientState {
  readonly key: KeyPair
  /** Proposals by proposal CID (string form). */
  readonly deals: ReadonlyMap<string, ClientDeal>
  /** Queries in the order sent. */
  readonly queries: ReadonlyArray<ClientQuery>
}

/**
 * The terms of a deal the client proposes; the client and the piece CID/size come from the
 * client and the piece.
 *
 * @category models
 * @since 0.2.0
 */
export type DealTerms = Pick<DealProposal,
  "pieceSize" | "label" | "startEpoch" | "endEpoch" | "storagePricePerEpoch" | "providerCollateral" | "clientCollateral">

/**
 * What the client reacts to.
 *
 * @category models
 * @since 0.2.0
 */
export type ClientInput =
  | {
    readonly _tag: "ProposeDeal"
    readonly provider: Address
    readonly providerWorker: Address
    readonly piece: API.PieceRef
    readonly terms: DealTerms
  }
  | { readonly _tag: "QueryDeal"; readonly provider: Address; readonly ref: API.DealRef }
  | { readonly _tag: "Receive"; readonly envelope: API.Envelope }

/**
 * Names of the checks that refuse an input.
 *
 * @category errors
 * @since 0.2.0
 */
export type ClientRejectionTag =
  | "MalformedMessage" | "UnknownMessageKind" | "NotForClient" | "NotAPieceCommitment" | "WorkerMismatch" | "DuplicateProposal"
  | "UnknownProvider" | "ForgedAnswer" | "UnknownProposal" | "WrongSender" | "OutOfOrder" | "UnsolicitedAnswer"
  | "ProposalMismatch"

/**
 * The client refused an input: `tag` names the failed check.  Its state is unchanged.
 *
 * @category errors
 * @since 0.2.0
 */
export class ClientRejection extends Data.TaggedError("ClientRejection")<{
  readonly tag: ClientRejectionTag
  readonly message: string
}> {}

/** The client's step. */
export type ClientStep = Result.Result<API.Step<ClientState>, ClientRejection>

/**
 * A client with a key and nothing proposed.
 *
 * @category constructors
 * @since 0.2.0
 */
export const initialClient = (key: KeyPair): ClientState => ({ key, deals: new Map(), queries: [] })

// ---------------------------------------------------------------------------------------------
// the reducer

/**
 * One step of the client.
 *
 * @example
 * clientStep(client, { _tag: "ProposeDeal", provider: miner, providerWorker: worker.address, piece, terms })
 * // => Success({ state: …, outbox: [DealProposal to miner], chainMessages: [] })
 * @category reducers
 * @since 0.2.0
 */
export const clientStep = (s: ClientState, input: ClientInput): ClientStep => {
  switch (input._tag) {
    case "ProposeDeal": return propose(s, input)
    case "QueryDeal": return queryDeal(s, input.provider, input.ref)
    case "Receive": return receive(s, input.envelope)
  }
}

const reject = (tag: ClientRejectionTag, message: string): ClientStep => Result.fail(new ClientRejection({ tag, message }))
const step = (state: ClientState, outbox: ReadonlyArray<API.Envelope> = []): ClientStep => Result.succeed({ state, outbox, chainMessages: [] })

const propose = (s: ClientState, input: Extract<ClientInput, { _tag: "ProposeDeal" }>): ClientStep => {
  // NotAPieceCommitment: deals are made for pieces
  const commP = cidToPieceCommitmentV1(input.piece.pieceCid)
  if (Result.isFailure(commP)) return reject("NotAPieceCommitment", `piece CID: ${commP.failure.message}`)
  const proposal: DealProposal = {
    pieceCid: input.piece.pieceCid, pieceSize: input.terms.pieceSize, verifiedDeal: false, client: s.key.address,
    provider: input.provider, label: input.terms.label, startEpoch: input.terms.startEpoch, endEpoch: input.terms.endEpoch,
    storagePricePerEpoch: input.terms.storagePricePerEpoch, providerCollateral: input.terms.providerCollateral,
    clientCollateral: input.terms.clientCollateral
  }
  // WorkerMismatch: a provider has one worker key, the one the client first learned
  const known = workerOf(s, input.provider)
  if (known !== undefined && !addressEquals(known, input.providerWorker)) {
    return reject("WorkerMismatch", `${addressToString(input.provider)}'s worker is ${addressToString(known)}, not ${addressToString(input.providerWorker)}`)
  }
  const proposalCid = dealProposalCid(proposal)
  const key = proposalCid.toString()
  // DuplicateProposal: the same proposal is made once
  if (s.deals.has(key)) return reject("DuplicateProposal", `proposal ${key} was already made`)
  const signed = signDealProposal(s.key, proposal)
  const deal: ClientDeal = {
    proposalCid, proposal: signed, piece: input.piece, provider: input.provider, providerWorker: input.providerWorker,
    status: "Proposed", rejection: null, dealId: null, publishMessageCid: null
  }
  const message: API.DealProposal = { _tag: "DealProposal", proposal: signed, piece: input.piece }
  return step({ ...s, deals: new Map([...s.deals, [key, deal]]) }, [envelope(s, input.provider, message)])
}

const queryDeal = (s: ClientState, provider: Address, ref: API.DealRef): ClientStep => {
  // UnknownProvider: the client can check answers only from a provider it proposed to
  if (workerOf(s, provider) === undefined) return reject("UnknownProvider", `no proposal went to ${addressToString(provider)}`)
  const query: ClientQuery = { provider, ref, answer: null }
  return step({ ...s, queries: [...s.queries, query] }, [envelope(s, provider, { _tag: "StorageDealQuery", ref })])
}

const receive = (s: ClientState, env: API.Envelope): ClientStep => {
  // MalformedMessage / UnknownMessageKind: the bytes are a message
  const decoded = decodeMessage(env.bytes)
  if (Result.isFailure(decoded)) return reject(decoded.failure._tag, decoded.failure.message)
  const m = decoded.success.message
  // NotForClient: only a client sends these
  if (m._tag === "DealProposal" || m._tag === "StorageDealQuery") return reject("NotForClient", `a client does not take a ${m._tag}`)
  // UnknownProvider: the sender is a provider the client dealt with
  const worker = workerOf(s, env.from)
  if (worker === undefined) return reject("UnknownProvider", `no proposal went to ${addressToString(env.from)}`)
  // ForgedAnswer: the provider's worker signed it
  if (!verifyMessageSignature(decoded.success, worker)) return reject("ForgedAnswer", `${m._tag} is not signed by the provider's worker ${addressToString(worker)}`)
  switch (m._tag) {
    case "DealResponse": return response(s, env.from, m)
    case "DealAccepted": return accepted(s, env.from, m)
    case "Deal":
    case "NoSuchDeal": return answer(s, env.from, m)
  }
}

/** The client's deal `proposalCid` names, checked to be with `from`. */
const dealWith = (s: ClientState, from: Address, proposalCid: CID): Result.Result<ClientDeal, ClientRejection> => {
  const deal = s.deals.get(proposalCid.toString())
  // UnknownProposal: the answer is about a proposal the client made
  if (deal === undefined) return Result.fail(new ClientRejection({ tag: "UnknownProposal", message: `the client made no proposal ${proposalCid}` }))
  // WrongSender: … to this provider
  if (!addressEquals(deal.provider, from)) {
    return Result.fail(new ClientRejection({ tag: "WrongSender", message: `proposal ${proposalCid} went to ${addressToString(deal.provider)}, not ${addressToString(from)}` }))
  }
  return Result.succeed(deal)
}

const withDeal = (s: ClientState, deal: ClientDeal): ClientState => ({ ...s, deals: new Map([...s.deals, [deal.proposalCid.toString(), deal]]) })

const response = (s: ClientState, from: Address, m: API.DealResponse): ClientStep => {
  const deal = dealWith(s, from, m.proposalCid)
  if (Result.isFailure(deal)) return Result.fail(deal.failure)
  const d = deal.success
  // OutOfOrder: a decision answers a proposal still waiting; a failed publish, an accepted one
  const expected: ClientDealStatus = m.verdict._tag === "Rejected" && m.verdict.reason === "PublishFailed" ? "Accepted" : "Proposed"
  if (d.status !== expected) return reject("OutOfOrder", `a ${describeVerdict(m)} for a deal that is ${d.status}`)
  const next: ClientDeal = m.verdict._tag === "Accepted"
    ? { ...d, status: "Accepted" }
    : { ...d, status: "Rejected", rejection: m.verdict.reason }
  return step(withDeal(s, next))
}

const accepted = (s: ClientState, from: Address, m: API.DealAccepted): ClientStep => {
  const deal = dealWith(s, from, m.proposalCid)
  if (Result.isFailure(deal)) return Result.fail(deal.failure)
  // OutOfOrder: a deal is published after it was accepted
  if (deal.success.status !== "Accepted") return reject("OutOfOrder", `DealAccepted for a deal that is ${deal.success.status}`)
  return step(withDeal(s, { ...deal.success, status: "Published", dealId: m.dealId, publishMessageCid: m.publishMessageCid }))
}

const answer = (s: ClientState, from: Address, m: API.Deal | API.NoSuchDeal): ClientStep => {
  // UnsolicitedAnswer: the answer matches a query the client sent this provider and is waiting on
  const i = s.queries.findIndex((q) => q.answer === null && addressEquals(q.provider, from) && answers(q.ref, m))
  if (i < 0) return reject("UnsolicitedAnswer", `no open query to ${addressToString(from)} that this ${m._tag} answers`)
  const queries = s.queries.map((q, j) => (j === i ? { ...q, answer: m } : q))
  if (m._tag === "NoSuchDeal") return step({ ...s, queries })
  const deal = dealWith(s, from, m.proposalCid)
  if (Result.isFailure(deal)) return Result.fail(deal.failure)
  // ProposalMismatch: the deal the provider describes is the proposal the client signed
  if (!dealProposalCid(m.proposal.proposal).equals(m.proposalCid)) return reject("ProposalMismatch", `the Deal's proposal is not ${m.proposalCid}`)
  const d = deal.success
  const next: ClientDeal = m.status === "Published"
    ? { ...d, status: "Published", dealId: m.dealId, publishMessageCid: m.publishMessageCid }
    : m.status === "Publishing" ? { ...d, status: "Accepted" }
    : { ...d, status: "Rejected", rejection: m.status === "Failed" ? "PublishFailed" : d.rejection, publishMessageCid: m.publishMessageCid }
  return step({ ...withDeal(s, next), queries })
}

// ---------------------------------------------------------------------------------------------
// internals

/** Whether an answer answers a query: the same reference, or a Deal with that proposal CID or deal ID. */
const answers = (ref: API.DealRef, m: API.Deal | API.NoSuchDeal): boolean => {
  if (m._tag === "NoSuchDeal") return sameRef(ref, m.ref)
  return ref._tag === "ByProposalCid" ? ref.proposalCid.equals(m.proposalCid) : ref.dealId === m.dealId
}

const sameRef = (a: API.DealRef, b: API.DealRef): boolean =>
  a._tag === "ByProposalCid" ? b._tag === "ByProposalCid" && a.proposalCid.equals(b.proposalCid) : b._tag === "ByDealId" && a.dealId === b.dealId

/** The worker key of a provider the client proposed to. */
const workerOf = (s: ClientState, provider: Address): Address | undefined => {
  const k = addressKey(provider)
  for (const d of s.deals.values()) if (addressKey(d.provider) === k) return d.providerWorker
  return undefined
}

const describeVerdict = (m: API.DealResponse): string => (m.verdict._tag === "Accepted" ? "acceptance" : `rejection (${m.verdict.reason})`)

const envelope = (s: ClientState, to: Address, m: API.ClientMessage): API.Envelope => ({ from: s.key.address, to, bytes: encodeMessage(m, null) })
