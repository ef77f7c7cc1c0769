/**
 * Function vectors of the deal protocol's messages (`vectors/parties/`): each of the seed's
 * messages (DealProposal, DealResponse, DealAccepted, Deal, StorageDealQuery, and the provider's
 * NoSuchDeal answer) → its envelope bytes (`encode_deal_message`), and bytes → the message or the
 * decoder's typed error (`decode_deal_message`).  The wire format is this project's
 * (src/impl/parties/messages.ts); the ClientDealProposal inside is the chain's.  Expected values
 * come from running our implementation (conformance/parties.ts).
 *
 * @module
 */
import { signedDealMessageJson } from "../../conformance/parties.js"
import { dealProposalCid, labelFromString, signDealProposal } from "../../src/impl/actors/market/types.js"
import { keyFromSeed, signBytes } from "../../src/impl/crypto/keys.js"
import { encodeSignature } from "../../src/impl/crypto/signature.js"
import { cidOfCbor, encodeCbor } from "../../src/impl/encoding/cbor.js"
import { toHex } from "../../src/impl/encoding/hex.js"
import type { MarketMessage, SignedMessage } from "../../src/impl/parties/interface.js"
import { encodeMessage, isProviderMessage, signingBytes } from "../../src/impl/parties/messages.js"
import { idAddress } from "../../src/impl/address/address.js"
import { piece } from "./market-world.js"
import type { FunctionCase } from "./proofs.js"

const client = keyFromSeed(1, "filflow vectors parties client")
const worker = keyFromSeed(2, "filflow vectors parties worker")
const p1 = piece(1)
const proposal = {
  pieceCid: p1.cid, pieceSize: 128n, verifiedDeal: false, client: client.address, provider: idAddress(1000n),
  label: labelFromString("deal"), startEpoch: 3000n, endEpoch: 3000n + 518400n, storagePricePerEpoch: 1000n,
  providerCollateral: 10n ** 15n, clientCollateral: 0n
}
const cdp = signDealProposal(client, proposal)
const proposalCid = dealProposalCid(proposal)
/** The CID of a (stand-in) publish message: any CIDv1 dag-cbor blake2b-256. */
const publishCid = cidOfCbor(encodeCbor(["PublishStorageDeals", 0]))

/** A message signed as it is sent: provider messages by the worker's BLS key, client messages not at all. */
const signed = (m: MarketMessage): SignedMessage => ({ message: m, signature: isProviderMessage(m) ? signBytes(worker, signingBytes(m)) : null })

const messages: ReadonlyArray<readonly [string, string, MarketMessage]> = [
  ["deal_proposal", "The client's DealProposal: kind 1, body [ClientDealProposal (the chain's tuple), [piece CID, payload size 127]], no signature.",
    { _tag: "DealProposal", proposal: cdp, piece: { pieceCid: p1.cid, payloadSize: 127n } }],
  ["deal_response_accepted", "The provider's DealResponse accepting: kind 2, [proposal CID, 0, \"\"], signed by the worker (BLS) over the envelope with a null signature slot.",
    { _tag: "DealResponse", proposalCid, verdict: { _tag: "Accepted" } }],
  ["deal_response_rejected", "A DealResponse rejecting with reason PriceBelowAsk (status 1) and a message.",
    { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "PriceBelowAsk", message: "price 1000 below ask 2000" } }],
  ["deal_response_publish_failed", "A DealResponse rejecting with reason PublishFailed (status 6).",
    { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "PublishFailed", message: "exit code 16" } }],
  ["deal_accepted", "DealAccepted: kind 3, [proposal CID, deal id 7, publish message CID].",
    { _tag: "DealAccepted", proposalCid, dealId: 7n, publishMessageCid: publishCid }],
  ["deal_published", "Deal (status Published, 1): deal id and publish message present.",
    { _tag: "Deal", proposalCid, status: "Published", dealId: 7n, publishMessageCid: publishCid, proposal: cdp }],
  ["deal_publishing", "Deal (status Publishing, 0): no deal id, no publish message.",
    { _tag: "Deal", proposalCid, status: "Publishing", dealId: null, publishMessageCid: null, proposal: cdp }],
  ["deal_failed", "Deal (status Failed, 3): the publish message, no deal id.",
    { _tag: "Deal", proposalCid, status: "Failed", dealId: null, publishMessageCid: publishCid, proposal: cdp }],
  ["query_by_proposal_cid", "StorageDealQuery by proposal CID: kind 5, [[0, CID]], no signature.",
    { _tag: "StorageDealQuery", ref: { _tag: "ByProposalCid", proposalCid } }],
  ["query_by_deal_id", "StorageDealQuery by deal id 7: [[1, 7]].", { _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 7n } }],
  ["no_such_deal", "The provider's NoSuchDeal answer to a query by deal id 9, signed.", { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 9n } }]
]

const ok = "ok" as const
const bytesOf = (s: SignedMessage): string => toHex(encodeMessage(s.message, s.signature))
const sigBytes = (s: SignedMessage): Uint8Array => encodeSignature(s.signature!)
const env = (value: unknown): string => toHex(encodeCbor(value))
const accepted = signed(messages[1]![2])

const encodeCases: ReadonlyArray<FunctionCase> = [
  ...messages.map(([name, description, m]): FunctionCase => ({
    path: `parties/encode_deal_message/valid_${name}`, description, call: { function: "encodeDealMessage", input: signedDealMessageJson(signed(m)) }, expect: ok
  })),
  { path: "parties/encode_deal_message/invalid_deal_id_above_u64", description: "A deal id of 2^64 does not fit the wire's u64.",
    call: { function: "encodeDealMessage", input: { message: { type: "StorageDealQuery", ref: { byDealId: String(1n << 64n) } }, signature: null } }, expect: { error: "InvalidInput" } }
]

const decodeCases: ReadonlyArray<FunctionCase> = [
  ...messages.map(([name, description, m]): FunctionCase => ({
    path: `parties/decode_deal_message/valid_${name}`, description: `The bytes of encode_deal_message/valid_${name} decode back. ${description}`,
    call: { function: "decodeDealMessage", input: { bytes: bytesOf(signed(m)) } }, expect: ok
  })),
  ...([
    ["invalid_not_cbor", "MalformedMessage", "ff", "One byte that is no CBOR item."],
    ["invalid_trailing_bytes", "MalformedMessage", bytesOf(signed(messages[8]![2])) + "00", "A valid query followed by a stray byte."],
    ["invalid_envelope_length", "MalformedMessage", env([5n, [[1n, 7n]]]), "An envelope of two elements instead of [kind, body, signature]."],
    ["invalid_unknown_kind", "UnknownMessageKind", env([9n, [], null]), "Kind 9 is none of the six messages."],
    ["invalid_provider_unsigned", "MalformedMessage", env([2n, [proposalCid, 0n, ""], null]), "A DealResponse without the provider's signature."],
    ["invalid_client_signed", "MalformedMessage", env([5n, [[1n, 7n]], sigBytes(accepted)]), "A StorageDealQuery carrying a signature (client messages carry none)."],
    ["invalid_accepted_with_message", "MalformedMessage", env([2n, [proposalCid, 0n, "why"], sigBytes(accepted)]), "An accepting DealResponse with a message."],
    ["invalid_unknown_status", "MalformedMessage", env([2n, [proposalCid, 7n, "x"], sigBytes(accepted)]), "A DealResponse status 7: no such reason."],
    ["invalid_published_without_deal_id", "MalformedMessage", env([4n, [proposalCid, 1n, null, publishCid, [[], new Uint8Array()]], sigBytes(accepted)]), "A Published Deal without its deal id."],
    ["invalid_proposal_cid_not_block", "MalformedMessage", env([3n, [p1.cid, 7n, publishCid], sigBytes(accepted)]), "DealAccepted whose proposal CID is a piece CID, not a CIDv1 dag-cbor blake2b-256."],
    ["invalid_ref_kind", "MalformedMessage", env([5n, [[2n, 7n]], null]), "A query reference of kind 2 (only 0 = proposal CID, 1 = deal id)."],
    ["invalid_non_canonical", "MalformedMessage", "8305818201180" + "7f6", "A query whose deal id 7 is written in two bytes (18 07): not canonical DAG-CBOR."],
    ["invalid_proposal_tuple", "MalformedMessage", env([1n, [[[], new Uint8Array()], [p1.cid, 127n]], null]), "A DealProposal whose ClientDealProposal is not [proposal, signature]."]
  ] as const).map(([name, tag, hex, description]): FunctionCase => ({
    path: `parties/decode_deal_message/${name}`, description, call: { function: "decodeDealMessage", input: { bytes: hex } }, expect: { error: tag }
  }))
]

/** Every deal-message function case. */
export const partiesCases: ReadonlyArray<FunctionCase> = [...encodeCases, ...decodeCases]
