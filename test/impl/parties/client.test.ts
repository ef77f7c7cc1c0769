/**
 * The client (src/impl/parties/client/): it signs and sends proposals, records the provider's
 * answers in order, asks queries, and refuses — with its tag, the state deep-equal to before —
 * anything it cannot accept: malformed bytes, client messages, answers from a provider it never
 * proposed to or signed by another key, answers about proposals it never made, answers out of
 * order, answers to questions it never asked.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { dealProposalBytes, dealProposalCid } from "../../../src/impl/actors/market/types.js"
import { verifySignature } from "../../../src/impl/crypto/keys.js"
import { cidOfCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { type ClientInput, type ClientState, clientStep } from "../../../src/impl/parties/client/index.js"
import type { ProviderMessage } from "../../../src/impl/parties/interface.js"
import { decodeMessage, encodeMessage, encodeSigned } from "../../../src/impl/parties/messages.js"
import { clientKey, failureOf, miner, otherMiner, piece, propose, proposed, strangerKey, workerKey } from "./_fixtures.js"

const publishCid = cidOfCbor(encodeCbor(["publish"]))
const from = (sender: typeof miner, m: ProviderMessage, key = workerKey): ClientInput =>
  ({ _tag: "Receive", envelope: { from: sender, to: clientKey.address, bytes: encodeSigned(key, m) } })
const ok = (s: ClientState, input: ClientInput) => Result.getOrThrow(clientStep(s, input)).state

/** The client after proposing, and the proposal's CID. */
const afterPropose = () => {
  const { client, envelope } = proposed()
  const m = Result.getOrThrow(decodeMessage(envelope.bytes)).message
  if (m._tag !== "DealProposal") throw new Error("not a proposal")
  return { client, envelope, proposalCid: dealProposalCid(m.proposal.proposal), signed: m.proposal }
}
const accept = (proposalCid: ReturnType<typeof afterPropose>["proposalCid"]): ProviderMessage =>
  ({ _tag: "DealResponse", proposalCid, verdict: { _tag: "Accepted" } })

describe("ProposeDeal", () => {
  it("signs the proposal with the client's key and sends DealProposal to the provider", () => {
    const { client, envelope, proposalCid, signed } = afterPropose()
    expect(envelope.to).toEqual(miner)
    expect(verifySignature(signed.clientSignature, clientKey.address, dealProposalBytes(signed.proposal))).toBe(true)
    expect(signed.proposal).toMatchObject({ client: clientKey.address, provider: miner, pieceCid: piece.pieceCid, verifiedDeal: false })
    expect(client.deals.get(proposalCid.toString())).toMatchObject({ status: "Proposed", dealId: null })
  })
})

describe("the deal's life as the client sees it", () => {
  it("Proposed → Accepted → Published (deal ID), then a query answered by Deal", () => {
    const { client, proposalCid, signed } = afterPropose()
    const accepted = ok(client, from(miner, accept(proposalCid)))
    expect(accepted.deals.get(proposalCid.toString())?.status).toBe("Accepted")
    const published = ok(accepted, from(miner, { _tag: "DealAccepted", proposalCid, dealId: 9n, publishMessageCid: publishCid }))
    expect(published.deals.get(proposalCid.toString())).toMatchObject({ status: "Published", dealId: 9n, publishMessageCid: publishCid })
    const asked = Result.getOrThrow(clientStep(published, { _tag: "QueryDeal", provider: miner, ref: { _tag: "ByDealId", dealId: 9n } }))
    expect(Result.getOrThrow(decodeMessage(asked.outbox[0]!.bytes)).message).toEqual({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 9n } })
    const deal: ProviderMessage = { _tag: "Deal", proposalCid, status: "Published", dealId: 9n, publishMessageCid: publishCid, proposal: signed }
    const answered = ok(asked.state, from(miner, deal))
    expect(answered.queries).toEqual([{ provider: miner, ref: { _tag: "ByDealId", dealId: 9n }, answer: deal }])
  })

  it("a rejection records the reason; a failed publish after acceptance too", () => {
    const { client, proposalCid } = afterPropose()
    const rejected = ok(client, from(miner, { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "PriceBelowAsk", message: "" } }))
    expect(rejected.deals.get(proposalCid.toString())).toMatchObject({ status: "Rejected", rejection: "PriceBelowAsk" })
    const accepted = ok(client, from(miner, accept(proposalCid)))
    const failed = ok(accepted, from(miner, { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "PublishFailed", message: "exit 16" } }))
    expect(failed.deals.get(proposalCid.toString())).toMatchObject({ status: "Rejected", rejection: "PublishFailed" })
  })

  it("NoSuchDeal answers a query for an unknown deal", () => {
    const { client } = afterPropose()
    const asked = ok(client, { _tag: "QueryDeal", provider: miner, ref: { _tag: "ByDealId", dealId: 5n } })
    const answered = ok(asked, from(miner, { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 5n } }))
    expect(answered.queries[0]?.answer).toEqual({ _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 5n } })
  })
})

describe("refused inputs leave the state exactly as it was", () => {
  const unknownCid = cidOfCbor(encodeCbor(["never proposed"]))
  const { client, proposalCid, signed } = afterPropose()
  const raw = (bytes: Uint8Array): ClientInput => ({ _tag: "Receive", envelope: { from: miner, to: clientKey.address, bytes } })
  const cases: ReadonlyArray<readonly [string, ClientInput]> = [
    ["MalformedMessage", raw(Uint8Array.of(0xa0))],
    ["UnknownMessageKind", raw(encodeCbor([8n, [], null]))],
    ["NotForClient", raw(encodeMessage({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 1n } }, null))],
    ["NotAPieceCommitment", { ...propose(), piece: { ...piece, pieceCid: unknownCid } }],
    ["WorkerMismatch", { ...propose({ startEpoch: 50_000n, endEpoch: 650_000n }), providerWorker: strangerKey.address }],
    ["DuplicateProposal", propose()],
    ["UnknownProvider", from(otherMiner, accept(proposalCid))],
    ["UnknownProvider", { _tag: "QueryDeal", provider: otherMiner, ref: { _tag: "ByDealId", dealId: 0n } }],
    ["ForgedAnswer", from(miner, accept(proposalCid), strangerKey)],
    ["UnknownProposal", from(miner, accept(unknownCid))],
    ["OutOfOrder", from(miner, { _tag: "DealAccepted", proposalCid, dealId: 1n, publishMessageCid: publishCid })],
    ["OutOfOrder", from(miner, { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "PublishFailed", message: "" } })],
    ["UnsolicitedAnswer", from(miner, { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 1n } })],
    ["UnsolicitedAnswer", from(miner, { _tag: "Deal", proposalCid, status: "Publishing", dealId: null, publishMessageCid: null, proposal: signed })]
  ]
  it.each(cases)("%s", (tag, input) => {
    const before = afterPropose().client
    expect(before).toEqual(client)
    const e = failureOf(clientStep(before, input))
    expect(e.tag).toBe(tag)
    expect(before).toEqual(client)
  })

  it("WrongSender: an answer about a proposal that went to another provider, from that other provider", () => {
    // the client proposes to both miners; miner 1001's worker answers about the proposal sent to miner 1000
    const both = ok(client, { ...propose({ startEpoch: 20_000n, endEpoch: 620_000n }), provider: otherMiner })
    const e = failureOf(clientStep(both, from(otherMiner, accept(proposalCid))))
    expect(e.tag).toBe("WrongSender")
  })

  it("ProposalMismatch: a Deal whose proposal is not the one it names", () => {
    const other = proposed({ startEpoch: 30_000n, endEpoch: 630_000n }, client)
    const m = Result.getOrThrow(decodeMessage(other.envelope.bytes)).message
    if (m._tag !== "DealProposal") throw new Error("not a proposal")
    const ask = () => ok(other.client, { _tag: "QueryDeal", provider: miner, ref: { _tag: "ByProposalCid", proposalCid } })
    const asked = ask()
    const e = failureOf(clientStep(asked, from(miner, { _tag: "Deal", proposalCid, status: "Publishing", dealId: null, publishMessageCid: null, proposal: m.proposal })))
    expect(e.tag).toBe("ProposalMismatch")
    expect(asked).toEqual(ask())
  })
})

