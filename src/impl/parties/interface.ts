/**
 * The seed's storage-deal messages between the StorageClient and the StorageProvider (the
 * StorageDealMake box of the seed's storage flow), as typed records.  Types only: their bytes are
 * in `./messages.ts`, the parties in `./client/` and `./provider/`, the driver in `./network.ts`.
 *
 * ```
 * StorageClient ──DealProposal──────────────▶ StorageProvider
 *               ◀─DealResponse (accept/reject)─
 *                                             ── PublishStorageDeals ──▶ f05 (chain)
 *               ◀─DealAccepted (deal id)─────  ◀── receipt ────────────
 *               ──StorageDealQuery──────────▶
 *               ◀─Deal | NoSuchDeal──────────
 * ```
 *
 * These messages are off chain: production never standardised them as the seed names them.  Their
 * shapes follow filecoin-project/go-fil-markets `storagemarket/network/types.go` (`Proposal` =
 * the signed `ClientDealProposal` and a piece reference; `SignedResponse` = a response and the
 * provider's signature over it; `DealStatusRequest` by proposal CID) and what boost kept of them
 * in `storagemarket/types/types.go` (`DealParams` carrying the `ClientDealProposal`;
 * `DealResponse{Accepted, Message}`; `DealStatus` with `ChainDealID` and `PublishCid`).
 *
 * @module
 */
import type { CID } from "multiformats/cid"
import type { Address } from "../address/interface.js"
import type { Signature } from "../crypto/interface.js"
import type { ClientDealProposal } from "../actors/market/types.js"

/**
 * The piece a proposal is for, as the client hands it over: its piece CID (v1, a CommP) and the
 * length of the payload inside the piece (the bytes before the FRC-0069 zero fill).
 *
 * @category models
 * @since 0.2.0
 */
export interface PieceRef {
  readonly pieceCid: CID
  /** Payload bytes in the piece: at most the piece's unpadded size (u64). */
  readonly payloadSize: bigint
}

/**
 * DealProposal (client → provider): the client's signed proposal and the piece it is for.
 *
 * @category messages
 * @since 0.2.0
 */
export interface DealProposal {
  readonly _tag: "DealProposal"
  readonly proposal: ClientDealProposal
  readonly piece: PieceRef
}

/**
 * Why a provider turns a proposal down, or why a deal it accepted did not make it on chain: the
 * status codes of a {@link DealResponse} other than `Accepted`.
 *
 * @category models
 * @since 0.2.0
 */
export type RejectionReason =
  | "PriceBelowAsk"
  | "PieceSizeOutOfBounds"
  | "DurationOutOfBounds"
  | "ProviderCollateralAboveLimit"
  | "StartEpochTooSoon"
  | "PublishFailed"

/**
 * DealResponse (provider → client): the provider's decision on one proposal, by its CID.
 *
 * @category messages
 * @since 0.2.0
 */
export interface DealResponse {
  readonly _tag: "DealResponse"
  readonly proposalCid: CID
  readonly verdict:
    | { readonly _tag: "Accepted" }
    | { readonly _tag: "Rejected"; readonly reason: RejectionReason; readonly message: string }
}

/**
 * DealAccepted (provider → client): the deal is on chain — its deal ID and the CID of the
 * PublishStorageDeals message that made it.
 *
 * @category messages
 * @since 0.2.0
 */
export interface DealAccepted {
  readonly _tag: "DealAccepted"
  readonly proposalCid: CID
  readonly dealId: bigint
  readonly publishMessageCid: CID
}

/**
 * Where a deal stands in the provider's records.
 *
 * @category models
 * @since 0.2.0
 */
export type DealStatus = "Publishing" | "Published" | "Rejected" | "Failed"

/**
 * Deal (provider → client), the answer to a query for a deal the provider knows: the signed
 * proposal, where it stands, and, once published, its deal ID and publish message CID.
 *
 * @category messages
 * @since 0.2.0
 */
export interface Deal {
  readonly _tag: "Deal"
  readonly proposalCid: CID
  readonly status: DealStatus
  readonly dealId: bigint | null
  readonly publishMessageCid: CID | null
  readonly proposal: ClientDealProposal
}

/**
 * What a query names: a proposal by its CID, or a deal by its ID.
 *
 * @category models
 * @since 0.2.0
 */
export type DealRef =
  | { readonly _tag: "ByProposalCid"; readonly proposalCid: CID }
  | { readonly _tag: "ByDealId"; readonly dealId: bigint }

/**
 * StorageDealQuery (client → provider): asks for a deal the provider knows.
 *
 * @category messages
 * @since 0.2.0
 */
export interface StorageDealQuery {
  readonly _tag: "StorageDealQuery"
  readonly ref: DealRef
}

/**
 * NoSuchDeal (provider → client), the answer to a query for a deal the provider does not know.
 *
 * @category messages
 * @since 0.2.0
 */
export interface NoSuchDeal {
  readonly _tag: "NoSuchDeal"
  readonly ref: DealRef
}

/** The messages the client sends. @category messages */
export type ClientMessage = DealProposal | StorageDealQuery
/** The messages the provider sends (each signed with its worker key on the wire). @category messages */
export type ProviderMessage = DealResponse | DealAccepted | Deal | NoSuchDeal
/** Every message of the deal protocol. @category messages */
export type MarketMessage = ClientMessage | ProviderMessage

/**
 * A message on its way: who sends it, to whom (the parties' chain addresses: the client's
 * account, the provider's miner actor), and its bytes (`./messages.ts` `encodeEnvelope`).
 *
 * @category models
 * @since 0.2.0
 */
export interface Envelope {
  readonly from: Address
  readonly to: Address
  readonly bytes: Uint8Array
}

/**
 * A decoded wire message with the signature it came with (provider messages carry one, client
 * messages none).
 *
 * @category models
 * @since 0.2.0
 */
export interface SignedMessage {
  readonly message: MarketMessage
  readonly signature: Signature | null
}

/**
 * A chain message a party asks to have sent (unsigned, without nonce: the driver fills the
 * sender's nonce), with what it is for, so that its receipt can be fed back.
 *
 * @category models
 * @since 0.2.0
 */
export interface ChainMessage {
  readonly purpose: { readonly _tag: "PublishStorageDeals"; readonly proposalCid: CID }
  readonly message: {
    readonly from: Address
    readonly to: Address
    readonly value: bigint
    readonly method: bigint
    readonly params: Uint8Array
  }
}

/**
 * What a party's step produced: its new state, the messages it sends to other parties, and the
 * chain messages it asks to have sent.  A step that refuses its input produces no `Step` but a
 * typed rejection (the reducers return `Result<Step<S>, Rejection>`), and the caller keeps the
 * state it had.
 *
 * @category models
 * @since 0.2.0
 */
export interface Step<S> {
  readonly state: S
  readonly outbox: ReadonlyArray<Envelope>
  readonly chainMessages: ReadonlyArray<ChainMessage>
}
