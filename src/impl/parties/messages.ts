/**
 * The deal protocol's messages as bytes, in one place: each message is a DAG-CBOR tuple, carried
 * in an envelope `[kind, body, signature]`.
 *
 * The wire format is ours.  The chain fixes only what a message carries from it — the
 * `ClientDealProposal` (its tuple encoding belongs to the market actor, `../actors/market/types.ts`,
 * and is nested here as the same CBOR array the chain reads), CIDs (CBOR tag 42), addresses,
 * deal IDs (u64) and signatures (`[type] ‖ data` byte strings).  The rest is modelled on the
 * chain's tuple encoding and on go-fil-markets, whose `storagemarket/network/types.go`
 * (`//go:generate cbor-gen-for`, i.e. cbor-gen tuples) carried:
 * - `Proposal{DealProposal *ClientDealProposal, Piece cid.Cid}` → our {@link DealProposal} body
 *   `[ClientDealProposal, [PieceCID, payloadSize]]` (go-fil-markets' `Piece` was the payload's
 *   root CID for the data transfer; ours is the piece itself, which is what the provider checks);
 * - `SignedResponse{Response, Signature}`, `Response{State, Message, Proposal, PublishMessage}`
 *   → our envelope's provider signature, and the split of `Response` into {@link DealResponse}
 *   `[proposalCid, status, message]` and {@link DealAccepted} `[proposalCid, dealId, publishCid]`;
 * - `DealStatusRequest{Proposal cid.Cid, Signature}` → our {@link StorageDealQuery}, by proposal
 *   CID or by deal ID, unsigned (the answers are public chain facts; go-fil-markets signed the
 *   request to keep pending deals private).
 * Boost (filecoin-project/boost `storagemarket/types/types.go`) moved to map-encoded
 * `DealParams{DealUUID, IsOffline, ClientDealProposal, DealDataRoot, Transfer, …}` and
 * `DealResponse{Accepted bool, Message string}`; we keep tuples (one byte form per message, as
 * the chain's types) and a typed reason code where boost has a free-text message.
 *
 * Envelope `[kind: u64, body: array, signature: bytes | null]`:
 *
 * | kind | message          | body                                                            | signature |
 * |------|------------------|-----------------------------------------------------------------|-----------|
 * | 1    | DealProposal     | `[ClientDealProposal, [pieceCid, payloadSize]]`                 | null      |
 * | 2    | DealResponse     | `[proposalCid, status, message]` (0 Accepted, 1… reasons)       | provider  |
 * | 3    | DealAccepted     | `[proposalCid, dealId, publishMessageCid]`                      | provider  |
 * | 4    | Deal             | `[proposalCid, status, dealId?, publishMessageCid?, ClientDealProposal]` | provider |
 * | 5    | StorageDealQuery | `[ref]`, ref = `[0, proposalCid]` or `[1, dealId]`              | null      |
 * | 6    | NoSuchDeal       | `[ref]`                                                         | provider  |
 *
 * The provider signs the envelope with the signature slot `null` (as a voucher's signing bytes,
 * builtin-actors `actors/paych/src/types.rs` @ v18.0.0), with its worker key.
 *
 * Decoding is strict: the bytes must be canonical DAG-CBOR (`decodeCbor`), every tuple has its
 * exact length, every field its type, CIDs naming CBOR blocks are CIDv1 dag-cbor blake2b-256,
 * status-dependent fields are present exactly when the status says, and a signature is present
 * exactly on provider messages.  Any failure is a {@link MalformedMessage} naming the field, or
 * {@link UnknownMessageKind}.  Nothing here throws on bad bytes.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { CID } from "multiformats/cid"
import type { Address } from "../address/interface.js"
import type { KeyPair } from "../crypto/interface.js"
import { signBytes, verifySignatureDetailed } from "../crypto/keys.js"
import { encodeSignature, type Signature } from "../crypto/signature.js"
import {
  BLAKE2B_256_CODE, DAG_CBOR_CODE, decodeCbor, encodeCbor, InvalidCborField, readNullable,
  readText, readTuple, readUint, U64_MAX
} from "../encoding/cbor.js"
import { clientDealProposalTuple, readCid, readClientDealProposal, readSignature } from "../actors/market/types.js"
import type * as API from "./interface.js"

// ---------------------------------------------------------------------------------------------
// errors

/**
 * Bytes that are not a well-formed deal-protocol message: `field` is the dotted path of what was
 * wrong (`""` for the bytes as a whole).
 *
 * @category errors
 * @since 0.2.0
 */
export class MalformedMessage extends Data.TaggedError("MalformedMessage")<{
  readonly field: string
  readonly message: string
}> {}

/**
 * An envelope whose kind is none of the six messages.
 *
 * @category errors
 * @since 0.2.0
 */
export class UnknownMessageKind extends Data.TaggedError("UnknownMessageKind")<{
  readonly kind: bigint
  readonly message: string
}> {}

/** Why bytes did not decode. @category errors */
export type DecodeError = MalformedMessage | UnknownMessageKind

// ---------------------------------------------------------------------------------------------
// codes

/**
 * Envelope kinds by message name.
 *
 * @category constants
 * @since 0.2.0
 */
export const MessageKind = {
  DealProposal: 1n, DealResponse: 2n, DealAccepted: 3n, Deal: 4n, StorageDealQuery: 5n, NoSuchDeal: 6n
} as const satisfies Record<API.MarketMessage["_tag"], bigint>

/**
 * DealResponse status codes: 0 = Accepted, then each rejection reason.
 *
 * @category constants
 * @since 0.2.0
 */
export const ResponseStatus = {
  Accepted: 0n, PriceBelowAsk: 1n, PieceSizeOutOfBounds: 2n, DurationOutOfBounds: 3n,
  ProviderCollateralAboveLimit: 4n, StartEpochTooSoon: 5n, PublishFailed: 6n
} as const satisfies Record<API.RejectionReason | "Accepted", bigint>

/**
 * Deal status codes in a {@link API.Deal} answer.
 *
 * @category constants
 * @since 0.2.0
 */
export const DealStatusCode = { Publishing: 0n, Published: 1n, Rejected: 2n, Failed: 3n } as const satisfies Record<API.DealStatus, bigint>

/** Query reference codes. */
const RefCode = { ByProposalCid: 0n, ByDealId: 1n } as const

/** The messages a provider sends (and signs). */
const PROVIDER_KINDS: ReadonlySet<API.MarketMessage["_tag"]> = new Set(["DealResponse", "DealAccepted", "Deal", "NoSuchDeal"])

/**
 * Whether the provider sends (and signs) this kind of message.
 *
 * @category messages
 * @since 0.2.0
 */
export const isProviderMessage = (m: API.MarketMessage): m is API.ProviderMessage => PROVIDER_KINDS.has(m._tag)

// ---------------------------------------------------------------------------------------------
// encoding

/**
 * The envelope bytes with the signature slot `null`: what the provider signs, and the whole
 * encoding of a client message.
 *
 * @example
 * toHex(signingBytes({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 7n } })) // => "830581820107f6"
 * @category encoding
 * @since 0.2.0
 */
export const signingBytes = (m: API.MarketMessage): Uint8Array => encodeCbor([MessageKind[m._tag], body(m), null])

/**
 * The envelope bytes of a message with its signature (`null` for client messages).
 *
 * @throws {RangeError} if a u64 field (deal ID, payload size) is out of range: a programming error.
 * @category encoding
 * @since 0.2.0
 */
export const encodeMessage = (m: API.MarketMessage, signature: Signature | null): Uint8Array =>
  encodeCbor([MessageKind[m._tag], body(m), signature === null ? null : encodeSignature(signature)])

/**
 * A provider message signed with the provider's worker key, as envelope bytes.
 *
 * @category encoding
 * @since 0.2.0
 */
export const encodeSigned = (key: KeyPair, m: API.ProviderMessage): Uint8Array =>
  encodeMessage(m, signBytes(key, signingBytes(m)))

/**
 * Whether `signed` carries a valid signature by `signer` over its message's signing bytes.
 *
 * @category verification
 * @since 0.2.0
 */
export const verifyMessageSignature = (signed: API.SignedMessage, signer: Address): boolean =>
  signed.signature !== null && Result.isSuccess(verifySignatureDetailed(signed.signature, signer, signingBytes(signed.message)))

// ---------------------------------------------------------------------------------------------
// decoding

/**
 * Decodes envelope bytes strictly (see the module notes); never throws.
 *
 * @example
 * decodeMessage(encodeMessage(query, null)) // => Success({ message: query, signature: null })
 * decodeMessage(new Uint8Array([0x80]))     // => Failure(MalformedMessage: envelope: expected array of 3 elements…)
 * @category decoding
 * @since 0.2.0
 */
export const decodeMessage = (bytes: Uint8Array): Result.Result<API.SignedMessage, DecodeError> => {
  const value = decodeCbor(bytes)
  if (Result.isFailure(value)) return Result.fail(new MalformedMessage({ field: "", message: value.failure.message }))
  return Result.gen(function* () {
    const [kindValue, bodyValue, sigValue] = yield* field(readTuple(value.success, 3, "envelope"))
    const kind = yield* field(readUint(kindValue, "envelope.kind"))
    const tag = (Object.keys(MessageKind) as Array<API.MarketMessage["_tag"]>).find((t) => MessageKind[t] === kind)
    if (tag === undefined) return yield* Result.fail(new UnknownMessageKind({ kind, message: `envelope.kind: no message has kind ${kind}` }))
    const message = yield* readBody(tag, bodyValue)
    const signature = yield* field(readNullable(sigValue, "envelope.signature", readSignature))
    const signed = PROVIDER_KINDS.has(tag)
    if (signed && signature === null) return yield* malformed("envelope.signature", `a ${tag} must be signed by the provider`)
    if (!signed && signature !== null) return yield* malformed("envelope.signature", `a ${tag} carries no signature`)
    return { message, signature }
  })
}

// ---------------------------------------------------------------------------------------------
// bodies

const body = (m: API.MarketMessage): ReadonlyArray<unknown> => {
  switch (m._tag) {
    case "DealProposal": return [clientDealProposalTuple(m.proposal), [m.piece.pieceCid, u64(m.piece.payloadSize, "payloadSize")]]
    case "DealResponse": return m.verdict._tag === "Accepted"
      ? [m.proposalCid, ResponseStatus.Accepted, ""]
      : [m.proposalCid, ResponseStatus[m.verdict.reason], m.verdict.message]
    case "DealAccepted": return [m.proposalCid, u64(m.dealId, "dealId"), m.publishMessageCid]
    case "Deal": return [
      m.proposalCid, DealStatusCode[m.status], m.dealId === null ? null : u64(m.dealId, "dealId"), m.publishMessageCid,
      clientDealProposalTuple(m.proposal)
    ]
    case "StorageDealQuery": return [refValue(m.ref)]
    case "NoSuchDeal": return [refValue(m.ref)]
  }
}

const readBody = (tag: API.MarketMessage["_tag"], value: unknown): Result.Result<API.MarketMessage, MalformedMessage> =>
  Result.gen(function* () {
    const at = (name: string) => `${tag}.${name}`
    switch (tag) {
      case "DealProposal": {
        const [cdp, piece] = yield* field(readTuple(value, 2, tag))
        const [pieceCid, payloadSize] = yield* field(readTuple(piece, 2, at("piece")))
        return {
          _tag: tag,
          proposal: yield* field(readClientDealProposal(cdp, at("proposal"))),
          piece: { pieceCid: yield* field(readCid(pieceCid, at("piece.pieceCid"))), payloadSize: yield* field(readUint(payloadSize, at("piece.payloadSize"))) }
        }
      }
      case "DealResponse": {
        const [cid, statusValue, text] = yield* field(readTuple(value, 3, tag))
        const proposalCid = yield* field(readBlockCid(cid, at("proposalCid")))
        const status = yield* field(readUint(statusValue, at("status")))
        const message = yield* field(readText(text, at("message")))
        const name = (Object.keys(ResponseStatus) as Array<keyof typeof ResponseStatus>).find((k) => ResponseStatus[k] === status)
        if (name === undefined) return yield* malformed(at("status"), `${at("status")}: no status has code ${status}`)
        if (name === "Accepted") {
          if (message !== "") return yield* malformed(at("message"), `${at("message")}: an accepted response has no message`)
          return { _tag: tag, proposalCid, verdict: { _tag: "Accepted" } }
        }
        return { _tag: tag, proposalCid, verdict: { _tag: "Rejected", reason: name, message } }
      }
      case "DealAccepted": {
        const [cid, dealId, publish] = yield* field(readTuple(value, 3, tag))
        return {
          _tag: tag,
          proposalCid: yield* field(readBlockCid(cid, at("proposalCid"))),
          dealId: yield* field(readUint(dealId, at("dealId"))),
          publishMessageCid: yield* field(readBlockCid(publish, at("publishMessageCid")))
        }
      }
      case "Deal": {
        const [cid, statusValue, dealIdValue, publishValue, cdp] = yield* field(readTuple(value, 5, tag))
        const proposalCid = yield* field(readBlockCid(cid, at("proposalCid")))
        const code = yield* field(readUint(statusValue, at("status")))
        const status = (Object.keys(DealStatusCode) as Array<API.DealStatus>).find((k) => DealStatusCode[k] === code)
        if (status === undefined) return yield* malformed(at("status"), `${at("status")}: no deal status has code ${code}`)
        const dealId = yield* field(readNullable(dealIdValue, at("dealId"), readUint))
        const publishMessageCid = yield* field(readNullable(publishValue, at("publishMessageCid"), readBlockCid))
        // a deal ID exactly when published; a publish message exactly when published or failed on chain
        if ((dealId !== null) !== (status === "Published")) return yield* malformed(at("dealId"), `${at("dealId")}: present exactly when the deal is Published (status ${status})`)
        if ((publishMessageCid !== null) !== (status === "Published" || status === "Failed")) {
          return yield* malformed(at("publishMessageCid"), `${at("publishMessageCid")}: present exactly when the deal is Published or Failed (status ${status})`)
        }
        return { _tag: tag, proposalCid, status, dealId, publishMessageCid, proposal: yield* field(readClientDealProposal(cdp, at("proposal"))) }
      }
      case "StorageDealQuery":
      case "NoSuchDeal": {
        const [ref] = yield* field(readTuple(value, 1, tag))
        return { _tag: tag, ref: yield* readRef(ref, at("ref")) }
      }
    }
  })

// ---------------------------------------------------------------------------------------------
// internals

const refValue = (ref: API.DealRef): ReadonlyArray<unknown> =>
  ref._tag === "ByProposalCid" ? [RefCode.ByProposalCid, ref.proposalCid] : [RefCode.ByDealId, u64(ref.dealId, "dealId")]

const readRef = (value: unknown, path: string): Result.Result<API.DealRef, MalformedMessage> =>
  Result.gen(function* () {
    const [code, v] = yield* field(readTuple(value, 2, path))
    const c = yield* field(readUint(code, `${path}.kind`))
    if (c === RefCode.ByProposalCid) return { _tag: "ByProposalCid" as const, proposalCid: yield* field(readBlockCid(v, `${path}.proposalCid`)) }
    if (c === RefCode.ByDealId) return { _tag: "ByDealId" as const, dealId: yield* field(readUint(v, `${path}.dealId`)) }
    return yield* malformed(`${path}.kind`, `${path}.kind: expected 0 (proposal CID) or 1 (deal ID), got ${c}`)
  })

/** A CID naming a CBOR block as the chain names them: CIDv1, dag-cbor, blake2b-256 (32 bytes). */
const readBlockCid = (value: unknown, path: string): Result.Result<CID, InvalidCborField> =>
  Result.flatMap(readCid(value, path), (cid) =>
    cid.version === 1 && cid.code === DAG_CBOR_CODE && cid.multihash.code === BLAKE2B_256_CODE && cid.multihash.size === 32
      ? Result.succeed(cid)
      : Result.fail(new InvalidCborField({ field: path, expected: "CIDv1 dag-cbor blake2b-256", message: `${path}: expected a CIDv1 dag-cbor blake2b-256, got ${cid.toString()}` })))

const field = <A>(r: Result.Result<A, InvalidCborField>): Result.Result<A, MalformedMessage> =>
  Result.mapError(r, (e) => new MalformedMessage({ field: e.field, message: e.message }))

const malformed = (path: string, message: string): Result.Result<never, MalformedMessage> =>
  Result.fail(new MalformedMessage({ field: path, message }))

const u64 = (x: bigint, name: string): bigint => {
  if (x < 0n || x > U64_MAX) throw new RangeError(`${name} = ${x} is not a u64`)
  return x
}
