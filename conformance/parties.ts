/**
 * Function vectors of the deal protocol's messages (`vectors/parties/`): a message as JSON ↔ its
 * envelope bytes (`src/impl/parties/messages.ts`).  `encodeDealMessage` answers the envelope
 * bytes and the signing bytes (the envelope with the signature slot `null`); `decodeDealMessage`
 * answers the message and its signature, or the decoder's typed error (`MalformedMessage`,
 * `UnknownMessageKind`).
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import type { ClientDealProposal } from "../src/impl/actors/market/types.js"
import type { Signature, SigType } from "../src/impl/crypto/interface.js"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import type { DealRef, MarketMessage, SignedMessage } from "../src/impl/parties/interface.js"
import { decodeMessage, encodeMessage, signingBytes } from "../src/impl/parties/messages.js"
import { decodeDealProposal, encodeDealProposal } from "./storageCodec.js"
import type { ClientDealProposalJson, DealMessageJson, SignedDealMessageJson } from "./storageSchema.js"

/** Why a call failed: the tag (compared) and a message. */
export interface Failure {
  readonly tag: string
  readonly message: string
}
type R<A> = Result.Result<A, Failure>

const invalidInput = (message: string): Failure => ({ tag: "InvalidInput", message })
const bytes = (hex: string, field: string): R<Uint8Array> => Result.mapError(fromHex(hex), (e) => invalidInput(`${field}: ${e.message}`))
const cid = (text: string, field: string): R<CID> => {
  try {
    return Result.succeed(CID.parse(text))
  } catch {
    return Result.fail(invalidInput(`${field}: ${JSON.stringify(text)} is not a CID`))
  }
}

const sigJson = (sig: Signature) => ({ type: sig.type, data: toHex(sig.data) })
const sigOf = (j: { readonly type: 1 | 2; readonly data: string }, field: string): R<Signature> =>
  Result.map(bytes(j.data, `${field}.data`), (data) => ({ type: j.type as SigType, data }))

const cdpJson = (c: ClientDealProposal): ClientDealProposalJson => ({ proposal: encodeDealProposal(c.proposal), clientSignature: sigJson(c.clientSignature) })
const cdpOf = (j: ClientDealProposalJson, field: string): R<ClientDealProposal> => Result.gen(function* () {
  return {
    proposal: yield* Result.mapError(decodeDealProposal(j.proposal, `${field}.proposal`), invalidInput),
    clientSignature: yield* sigOf(j.clientSignature, `${field}.clientSignature`)
  }
})

const refJson = (r: DealRef) => (r._tag === "ByProposalCid" ? { byProposalCid: r.proposalCid.toString() } : { byDealId: String(r.dealId) })
const refOf = (j: { readonly byProposalCid: string } | { readonly byDealId: string }, field: string): R<DealRef> =>
  "byProposalCid" in j ? Result.map(cid(j.byProposalCid, field), (proposalCid) => ({ _tag: "ByProposalCid" as const, proposalCid }))
    : Result.succeed({ _tag: "ByDealId" as const, dealId: BigInt(j.byDealId) })

/** The JSON form of a message. */
export const dealMessageJson = (m: MarketMessage): DealMessageJson => {
  switch (m._tag) {
    case "DealProposal": return { type: m._tag, proposal: cdpJson(m.proposal), piece: { pieceCid: m.piece.pieceCid.toString(), payloadSize: String(m.piece.payloadSize) } }
    case "DealResponse": return {
      type: m._tag, proposalCid: m.proposalCid.toString(),
      verdict: m.verdict._tag === "Accepted" ? { status: "Accepted" } : { status: "Rejected", reason: m.verdict.reason, message: m.verdict.message }
    }
    case "DealAccepted": return { type: m._tag, proposalCid: m.proposalCid.toString(), dealId: String(m.dealId), publishMessageCid: m.publishMessageCid.toString() }
    case "Deal": return {
      type: m._tag, proposalCid: m.proposalCid.toString(), status: m.status, dealId: m.dealId === null ? null : String(m.dealId),
      publishMessageCid: m.publishMessageCid === null ? null : m.publishMessageCid.toString(), proposal: cdpJson(m.proposal)
    }
    case "StorageDealQuery": return { type: m._tag, ref: refJson(m.ref) }
    case "NoSuchDeal": return { type: m._tag, ref: refJson(m.ref) }
  }
}

/** The message a JSON message describes. */
export const dealMessageOf = (j: DealMessageJson): R<MarketMessage> => Result.gen(function* () {
  switch (j.type) {
    case "DealProposal": return {
      _tag: j.type, proposal: yield* cdpOf(j.proposal, "message.proposal"),
      piece: { pieceCid: yield* cid(j.piece.pieceCid, "message.piece.pieceCid"), payloadSize: BigInt(j.piece.payloadSize) }
    }
    case "DealResponse": return {
      _tag: j.type, proposalCid: yield* cid(j.proposalCid, "message.proposalCid"),
      verdict: j.verdict.status === "Accepted" ? { _tag: "Accepted" as const } : { _tag: "Rejected" as const, reason: j.verdict.reason, message: j.verdict.message }
    }
    case "DealAccepted": return {
      _tag: j.type, proposalCid: yield* cid(j.proposalCid, "message.proposalCid"), dealId: BigInt(j.dealId),
      publishMessageCid: yield* cid(j.publishMessageCid, "message.publishMessageCid")
    }
    case "Deal": return {
      _tag: j.type, proposalCid: yield* cid(j.proposalCid, "message.proposalCid"), status: j.status, dealId: j.dealId === null ? null : BigInt(j.dealId),
      publishMessageCid: j.publishMessageCid === null ? null : yield* cid(j.publishMessageCid, "message.publishMessageCid"),
      proposal: yield* cdpOf(j.proposal, "message.proposal")
    }
    case "StorageDealQuery": return { _tag: j.type, ref: yield* refOf(j.ref, "message.ref") }
    case "NoSuchDeal": return { _tag: j.type, ref: yield* refOf(j.ref, "message.ref") }
  }
})

/** The JSON form of a signed message. */
export const signedDealMessageJson = (m: SignedMessage): SignedDealMessageJson =>
  ({ message: dealMessageJson(m.message), signature: m.signature === null ? null : { type: m.signature.type, data: toHex(m.signature.data) } })

/**
 * `encodeDealMessage`: the envelope bytes of a message with its signature, and its signing bytes.
 * A field out of its wire type (a u64 above 2^64 − 1) is `InvalidInput`.
 */
export const encodeDealMessageCall = (input: SignedDealMessageJson): R<{ readonly bytes: string; readonly signingBytes: string }> =>
  Result.gen(function* () {
    const m = yield* dealMessageOf(input.message)
    const sig = input.signature === null ? null : yield* sigOf(input.signature, "signature")
    try {
      return { bytes: toHex(encodeMessage(m, sig)), signingBytes: toHex(signingBytes(m)) }
    } catch (e) {
      return yield* Result.fail(invalidInput(e instanceof Error ? e.message : String(e)))
    }
  })

/** `decodeDealMessage`: the signed message envelope bytes hold, or the decoder's error tag. */
export const decodeDealMessageCall = (hex: string): R<SignedDealMessageJson> => Result.gen(function* () {
  const decoded = decodeMessage(yield* bytes(hex, "bytes"))
  if (Result.isFailure(decoded)) return yield* Result.fail({ tag: decoded.failure._tag, message: decoded.failure.message })
  return signedDealMessageJson(decoded.success)
})
