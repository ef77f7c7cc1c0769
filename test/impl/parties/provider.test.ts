/**
 * The provider (src/impl/parties/provider/): a good proposal is accepted and published; each
 * policy check turns down a proposal that fails only it; every bad input is refused with its tag
 * and leaves the state deep-equal to what it was; queries are answered from the records; the
 * publish receipt records the deal ID.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { idAddress } from "../../../src/impl/address/address.js"
import { dealProposalCid, signDealProposal } from "../../../src/impl/actors/market/types.js"
import { cidOfCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import type { Envelope, ProviderMessage } from "../../../src/impl/parties/interface.js"
import { decodeMessage, encodeMessage, encodeSigned } from "../../../src/impl/parties/messages.js"
import { type ProviderInput, type ProviderState, providerStep } from "../../../src/impl/parties/provider/index.js"
import { encodePublishStorageDealsReturn } from "../../../src/impl/actors/market/params.js"
import { bitFieldFromIndices } from "../../../src/impl/encoding/bitfield.js"
import { PUBLISH_STORAGE_DEALS_METHOD } from "../../../src/impl/parties/provider/publish.js"
import { DEFAULT_POLICY } from "../../../src/impl/parties/provider/policy.js"
import { pieceCommitmentV1ToCID } from "../../../src/proofs/piececid.js"
import {
  blsClientKey, clientKey, failureOf, freshProvider, miner, otherMiner, proposed, strangerKey, terms, workerKey
} from "./_fixtures.js"

const receive = (envelope: Envelope): ProviderInput => ({ _tag: "Receive", envelope })
const decodeOut = (e: Envelope) => Result.getOrThrow(decodeMessage(e.bytes)).message

/** A proposal envelope with the DealProposal message changed by `f`. */
const tampered = (f: (m: Extract<ReturnType<typeof decodeOut>, { _tag: "DealProposal" }>) => ReturnType<typeof decodeOut>): Envelope => {
  const { envelope } = proposed()
  const m = decodeOut(envelope)
  if (m._tag !== "DealProposal") throw new Error("not a proposal")
  return { ...envelope, bytes: encodeMessage(f(m), null) }
}

/** Provider state after accepting the fixture's proposal. */
const accepting = () => {
  const { envelope } = proposed()
  const st = Result.getOrThrow(providerStep(freshProvider(), receive(envelope)))
  return { st, envelope }
}

/** A PublishStorageDealsReturn: `ids`, and the first `ids.length` deals of the batch valid. */
const receiptReturn = (ids: ReadonlyArray<bigint>, valid: ReadonlyArray<bigint> = ids.map((_, i) => BigInt(i))) =>
  encodePublishStorageDealsReturn({ ids, validDeals: bitFieldFromIndices(valid) })

describe("DealProposal", () => {
  it("a proposal the policy takes: DealResponse Accepted, deal Publishing, PublishStorageDeals to f05 from the worker", () => {
    const { st, envelope } = accepting()
    const m = decodeOut(st.outbox[0]!)
    expect(m).toMatchObject({ _tag: "DealResponse", verdict: { _tag: "Accepted" } })
    expect(st.outbox[0]!.to).toEqual(envelope.from)
    expect([...st.state.deals.values()].map((d) => d.status)).toEqual(["Publishing"])
    expect(st.chainMessages).toHaveLength(1)
    const cm = st.chainMessages[0]!.message
    expect(cm.to).toEqual(idAddress(5n))
    expect(cm.method).toBe(PUBLISH_STORAGE_DEALS_METHOD)
    expect(cm.from).toEqual(workerKey.address)
  })

  // each case fails exactly one policy check of DEFAULT_POLICY (epoch 0, start delay 2880, chain durations)
  const policyCases = [
    ["PriceBelowAsk", { ...DEFAULT_POLICY, minPricePerEpochPerGiB: 1n << 40n }, {}],
    ["PieceSizeOutOfBounds", { ...DEFAULT_POLICY, maxPieceSize: 512n }, {}],
    ["ProviderCollateralAboveLimit", DEFAULT_POLICY, { providerCollateral: DEFAULT_POLICY.maxProviderCollateral + 1n }],
    ["StartEpochTooSoon", DEFAULT_POLICY, { startEpoch: 2879n, endEpoch: 2879n + 600_000n }],
    ["DurationOutOfBounds", DEFAULT_POLICY, { endEpoch: terms.startEpoch + 518_399n }]
  ] as const
  it.each(policyCases)("%s: answered with a rejection, recorded as Rejected, nothing published", (reason, policy, t) => {
    const { envelope } = proposed(t)
    const st = Result.getOrThrow(providerStep({ ...freshProvider(), policy }, receive(envelope)))
    expect(decodeOut(st.outbox[0]!)).toMatchObject({ _tag: "DealResponse", verdict: { _tag: "Rejected", reason } })
    expect([...st.state.deals.values()].map((d) => d.status)).toEqual(["Rejected"])
    expect(st.chainMessages).toEqual([])
  })

  it("the boundaries are inclusive: start exactly 2880 ahead, duration exactly the chain's minimum", () => {
    const { envelope } = proposed({ startEpoch: 2880n, endEpoch: 2880n + 518_400n })
    const st = Result.getOrThrow(providerStep(freshProvider(), receive(envelope)))
    expect(decodeOut(st.outbox[0]!)).toMatchObject({ verdict: { _tag: "Accepted" } })
  })
})

describe("refused inputs leave the state exactly as it was", () => {
  const notPiece = cidOfCbor(encodeCbor(["not a piece"]))
  const base = (): ProviderState => accepting().st.state
  const cases: ReadonlyArray<readonly [string, () => ProviderInput]> = [
    ["MalformedMessage", () => receive({ from: clientKey.address, to: miner, bytes: Uint8Array.of(0x83, 0x01) })],
    ["UnknownMessageKind", () => receive({ from: clientKey.address, to: miner, bytes: encodeCbor([9n, [], null]) })],
    ["NotForProvider", () => receive({ from: clientKey.address, to: miner, bytes: encodeSigned(workerKey, { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 1n } }) })],
    ["NotAPieceCommitment", () => receive(tampered((m) => {
      const p = { ...m.proposal.proposal, pieceCid: notPiece }
      return { ...m, proposal: signDealProposal(clientKey, p), piece: { ...m.piece, pieceCid: notPiece } }
    }))],
    ["InvalidPieceSize", () => receive(tampered((m) => ({ ...m, proposal: signDealProposal(clientKey, { ...m.proposal.proposal, pieceSize: 3000n }) })))],
    ["PieceRefMismatch", () => receive(tampered((m) => ({ ...m, piece: { ...m.piece, pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(new Uint8Array(32))) } })))],
    ["PieceRefMismatch", () => receive(tampered((m) => ({ ...m, piece: { ...m.piece, payloadSize: m.proposal.proposal.pieceSize } })))],
    ["WrongProvider", () => receive(tampered((m) => ({ ...m, proposal: signDealProposal(clientKey, { ...m.proposal.proposal, provider: otherMiner }) })))],
    ["InvalidClientSignature", () => receive(tampered((m) => ({ ...m, proposal: signDealProposal(strangerKey, m.proposal.proposal) })))],
    ["InvalidClientSignature", () => receive(tampered((m) => ({ ...m, proposal: { ...m.proposal, proposal: { ...m.proposal.proposal, storagePricePerEpoch: 1n } } })))],
    ["InvalidClientSignature", () => receive(tampered((m) => ({ ...m, proposal: signDealProposal(blsClientKey, m.proposal.proposal) })))],
    ["InvalidClientSignature", () => receive(tampered((m) => ({ ...m, proposal: signDealProposal(clientKey, { ...m.proposal.proposal, client: idAddress(101n) }) })))],
    ["DuplicateProposal", () => receive(proposed().envelope)],
    ["UnknownPublish", () => ({ _tag: "PublishReceipt", proposalCid: notPiece, messageCid: notPiece, receipt: { exitCode: 0, return: receiptReturn([0n]) } })],
    ["MalformedPublishReturn", () => ({
      _tag: "PublishReceipt", proposalCid: [...base().deals.values()][0]!.proposalCid, messageCid: notPiece, receipt: { exitCode: 0, return: receiptReturn([0n, 1n]) }
    })],
    ["MalformedPublishReturn", () => ({
      _tag: "PublishReceipt", proposalCid: [...base().deals.values()][0]!.proposalCid, messageCid: notPiece, receipt: { exitCode: 0, return: receiptReturn([0n], [1n]) }
    })],
    ["MalformedPublishReturn", () => ({
      _tag: "PublishReceipt", proposalCid: [...base().deals.values()][0]!.proposalCid, messageCid: notPiece, receipt: { exitCode: 0, return: encodeCbor([[0n]]) }
    })],
    ["EpochRegressed", () => ({ _tag: "ChainHead", epoch: -1n })]
  ]
  it.each(cases)("%s", (tag, input) => {
    const before = base()
    const e = failureOf(providerStep(before, input()))
    expect(e.tag).toBe(tag)
    expect(before).toEqual(base())
  })
})

describe("PublishReceipt", () => {
  const messageCid = cidOfCbor(encodeCbor(["publish"]))
  it("exit 0: the deal ID from the return, status Published, DealAccepted to the client", () => {
    const { st, envelope } = accepting()
    const proposalCid = st.chainMessages[0]!.purpose.proposalCid
    const next = Result.getOrThrow(providerStep(st.state, { _tag: "PublishReceipt", proposalCid, messageCid, receipt: { exitCode: 0, return: receiptReturn([17n]) } }))
    expect(next.state.deals.get(proposalCid.toString())).toMatchObject({ status: "Published", dealId: 17n, publishMessageCid: messageCid })
    expect(next.outbox.map((e) => e.to)).toEqual([envelope.from])
    expect(decodeOut(next.outbox[0]!)).toEqual({ _tag: "DealAccepted", proposalCid, dealId: 17n, publishMessageCid: messageCid })
  })

  it("a failed publish: status Failed, DealResponse PublishFailed", () => {
    const { st } = accepting()
    const proposalCid = st.chainMessages[0]!.purpose.proposalCid
    const next = Result.getOrThrow(providerStep(st.state, { _tag: "PublishReceipt", proposalCid, messageCid, receipt: { exitCode: 16, return: new Uint8Array() } }))
    expect(next.state.deals.get(proposalCid.toString())).toMatchObject({ status: "Failed", dealId: null, publishMessageCid: messageCid })
    expect(decodeOut(next.outbox[0]!)).toMatchObject({ verdict: { _tag: "Rejected", reason: "PublishFailed" } })
  })
})

describe("StorageDealQuery", () => {
  const query = (ref: Parameters<typeof encodeMessage>[0] & { _tag: "StorageDealQuery" }): ProviderInput =>
    receive({ from: clientKey.address, to: miner, bytes: encodeMessage(ref, null) })
  it("by proposal CID: the Deal; by an unknown deal ID: NoSuchDeal; the state unchanged", () => {
    const { st } = accepting()
    const proposalCid = st.chainMessages[0]!.purpose.proposalCid
    const found = Result.getOrThrow(providerStep(st.state, query({ _tag: "StorageDealQuery", ref: { _tag: "ByProposalCid", proposalCid } })))
    const answer = decodeOut(found.outbox[0]!) as ProviderMessage
    expect(answer).toMatchObject({ _tag: "Deal", proposalCid, status: "Publishing", dealId: null })
    expect(found.state).toBe(st.state)
    const missing = Result.getOrThrow(providerStep(st.state, query({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 0n } })))
    expect(decodeOut(missing.outbox[0]!)).toEqual({ _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 0n } })
  })

  it("by deal ID once published", () => {
    const { st } = accepting()
    const proposalCid = st.chainMessages[0]!.purpose.proposalCid
    const published = Result.getOrThrow(providerStep(st.state, {
      _tag: "PublishReceipt", proposalCid, messageCid: proposalCid, receipt: { exitCode: 0, return: receiptReturn([3n]) }
    })).state
    const found = Result.getOrThrow(providerStep(published, query({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 3n } })))
    expect(decodeOut(found.outbox[0]!)).toMatchObject({ _tag: "Deal", status: "Published", dealId: 3n, proposalCid })
    expect(dealProposalCid((decodeOut(found.outbox[0]!) as Extract<ProviderMessage, { _tag: "Deal" }>).proposal.proposal)).toEqual(proposalCid)
  })
})

