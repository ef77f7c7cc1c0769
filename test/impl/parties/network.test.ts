/**
 * The deterministic network (src/impl/parties/network.ts) with the real chain of
 * src/impl/parties/world.ts: a deal proposed, accepted, published by PublishStorageDeals on the
 * market actor, answered with DealAccepted; a publish the market refuses (the client's escrow does
 * not cover the deal: builtin-actors `actors/market/src/lib.rs` @ v18.0.0 drops the deal and, with
 * no valid deal left, fails the message with USR_ILLEGAL_ARGUMENT = 16) answered with
 * PublishFailed; queries answered from the provider's records; messages to nobody dropped.
 *
 * Expected amounts by hand: the client locks price × duration + client collateral, the provider its
 * collateral; the first deal of a fresh market has ID 0 (state.rs `State::new`: `next_id: 0`).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { idAddress } from "../../../src/impl/address/address.js"
import { labelFromString } from "../../../src/impl/actors/market/types.js"
import { encodeMessage } from "../../../src/impl/parties/messages.js"
import { chainMessageCid, clientInput, deliverNext, runUntilQuiet } from "../../../src/impl/parties/network.js"
import { dealWorld, DEFAULT_WORLD, escrowOf, makeDeal, minimumProviderCollateral } from "../../../src/impl/parties/world.js"
import type { DealTerms } from "../../../src/impl/parties/client/index.js"
import { piece, pieceSize } from "./_fixtures.js"

const world = (o: Partial<typeof DEFAULT_WORLD> = {}) => Result.getOrThrow(dealWorld({ ...DEFAULT_WORLD, ...o }))
const termsIn = (w: ReturnType<typeof world>, t: Partial<DealTerms> = {}): DealTerms => ({
  pieceSize, label: labelFromString("network test"), startEpoch: 2880n, endEpoch: 2880n + 518_400n, storagePricePerEpoch: 7n,
  providerCollateral: minimumProviderCollateral(w.net.vm, pieceSize), clientCollateral: 3n, ...t
})

describe("StorageDealMake on the chain", () => {
  it("DealProposal → DealResponse, PublishStorageDeals (exit 0) → DealAccepted with deal ID 0; escrow locked", () => {
    const w = world()
    const terms = termsIn(w)
    const o = Result.getOrThrow(makeDeal(w, piece, terms))
    expect(o.status).toBe("Published")
    expect(o.dealId).toBe(0n)
    expect(o.publish?.exitCode).toBe(0)
    const kinds = o.net.log.map((e) => (e._tag === "Delivered" ? `${e._tag}→${e.to}` : e._tag))
    expect(kinds).toEqual(["Delivered→provider", "ChainMessage", "Delivered→client", "Delivered→client"])
    const provider = o.net.provider.deals.get(o.proposalCid.toString())
    expect(provider).toMatchObject({ status: "Published", dealId: 0n, publishMessageCid: o.publish?.messageCid })
    // the publish message's CID is the CID of the message the chain applied
    const applied = o.net.log.find((e) => e._tag === "ChainMessage")
    expect(applied?._tag === "ChainMessage" && chainMessageCid(applied.message).equals(o.publish!.messageCid)).toBe(true)
    expect(o.escrowAfter.client).toEqual({ balance: o.escrowBefore.client.balance, locked: 7n * 518_400n + 3n })
    expect(o.escrowAfter.provider).toEqual({ balance: o.escrowBefore.provider.balance, locked: terms.providerCollateral })
  })

  it("the market refuses the publish (client escrow 0): exit 16, the client hears PublishFailed, no escrow moves", () => {
    const w = world({ clientEscrow: 0n })
    const o = Result.getOrThrow(makeDeal(w, piece, termsIn(w)))
    expect(o.publish?.exitCode).toBe(16)
    expect(o).toMatchObject({ status: "Rejected", rejection: "PublishFailed", dealId: null })
    expect(o.net.provider.deals.get(o.proposalCid.toString())?.status).toBe("Failed")
    expect(o.escrowAfter).toEqual(o.escrowBefore)
  })

  it("the provider's policy turns it down: no chain message at all", () => {
    const w = world()
    const o = Result.getOrThrow(makeDeal(w, piece, termsIn(w, { startEpoch: 10n, endEpoch: 10n + 518_400n })))
    expect(o).toMatchObject({ status: "Rejected", rejection: "StartEpochTooSoon", publish: null })
    expect(o.net.log.some((e) => e._tag === "ChainMessage")).toBe(false)
  })

  it("queries after the deal: by deal ID 0 the Deal, by deal ID 5 NoSuchDeal", () => {
    const w = world()
    const o = Result.getOrThrow(makeDeal(w, piece, termsIn(w)))
    let net = Result.getOrThrow(clientInput(o.net, { _tag: "QueryDeal", provider: w.parties.miner, ref: { _tag: "ByDealId", dealId: 0n } }))
    net = Result.getOrThrow(clientInput(net, { _tag: "QueryDeal", provider: w.parties.miner, ref: { _tag: "ByDealId", dealId: 5n } }))
    net = runUntilQuiet(net)
    expect(net.client.queries.map((q) => q.answer?._tag)).toEqual(["Deal", "NoSuchDeal"])
    expect(net.client.queries[0]?.answer).toMatchObject({ status: "Published", dealId: 0n })
  })

  it("a message to an address that is no party's is dropped and logged; a refused one too, and nothing changes", () => {
    const w = world()
    const junk = { from: w.parties.client.address, to: idAddress(4242n), bytes: new Uint8Array([1]) }
    const bad = { from: w.parties.client.address, to: w.parties.miner, bytes: encodeMessage({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 1n } }, null).subarray(1) }
    const net = { ...w.net, inFlight: [junk, bad] }
    const after = deliverNext(deliverNext(net))
    expect(after.log.map((e) => e._tag)).toEqual(["Undeliverable", "Refused"])
    expect(after.provider).toBe(w.net.provider)
    expect(after.client).toBe(w.net.client)
    expect(escrowOf(after.vm, w.parties.miner)).toEqual(escrowOf(w.net.vm, w.parties.miner))
  })
})
