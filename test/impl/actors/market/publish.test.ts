import { Result } from "effect"
import { CID } from "multiformats/cid"
import * as Digest from "multiformats/hashes/digest"
import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { decodePublishStorageDealsReturn, encodePublishStorageDealsParams } from "../../../../src/impl/actors/market/params.js"
import { dealProposalCid, labelFromBytes, signDealProposal } from "../../../../src/impl/actors/market/types.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { toHex } from "../../../../src/impl/encoding/hex.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import { atEpoch } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok } from "../_chain.js"
import {
  call, CLIENT_COLLATERAL, CLIENT_ID, DURATION, fund, makeMarketWorld, marketState, MINER, MINER_ID, PRICE, proposal,
  PROVIDER_COLLATERAL, publish, START
} from "./_market.js"

const { USR_ILLEGAL_ARGUMENT, USR_FORBIDDEN, USR_NOT_FOUND } = ExitCode
const w = makeMarketWorld()
const funded = fund(w.vm, w)
const TOTAL_FILECOIN = 2_000_000_000n * 10n ** 18n

describe("PublishStorageDeals — a valid deal", () => {
  const r = publish(funded, w, [proposal(w)])
  const vm = ok(r)
  const st = marketState(vm)

  it("returns ids [0] and valid_deals {0}: 82 ‖ 81 00 ‖ 41 0c (RLE+ of {0} = bits 00|1|1 = 0x0c)", () => {
    expect(toHex(r.receipt.return)).toBe("82810041" + "0c")
    expect(Result.getOrThrow(decodePublishStorageDealsReturn(r.receipt.return)).ids).toEqual([0n])
  })

  it("locks the client's total price + collateral and the provider's collateral, and the totals", () => {
    // total price = 1000 × 518400 = 518 400 000
    expect(st.lockedTable.get(CLIENT_ID)).toBe(PRICE * DURATION + CLIENT_COLLATERAL)
    expect(st.lockedTable.get(MINER_ID)).toBe(PROVIDER_COLLATERAL)
    expect([st.totalClientStorageFee, st.totalClientLockedCollateral, st.totalProviderLockedCollateral]).toEqual([518_400_000n, 100n, PROVIDER_COLLATERAL])
  })

  it("stores the proposal with ID addresses, its CID pending, next id 1, scheduled at next_update_epoch(0, 86400, 100) = 86400", () => {
    const stored = st.proposals.get(0n)!
    expect(stored.client).toEqual(idAddress(CLIENT_ID))
    expect(stored.provider).toEqual(MINER)
    expect([...st.pendingProposals]).toEqual([dealProposalCid(stored).toString()])
    expect(st.nextId).toBe(1n)
    // offset 0 mod 86400 = 0; (100 − 0) mod 86400 ≠ 0 → 86400 × (0 + 1) + 0
    expect([...st.dealOpsByEpoch]).toEqual([[86400n, [0n]]])
  })

  it.each([["owner", w.owner], ["control address", w.control]])("the %s may publish too", (_, by) => {
    ok(publish(funded, w, [proposal(w)], by))
  })

  it("the same proposal again, in a later message, is a duplicate: 16 NotPendingDuplicate", () => {
    expectRejected(vm, publish(vm, w, [proposal(w)]), w.worker.address, { tag: "NotPendingDuplicate", exitCode: USR_ILLEGAL_ARGUMENT })
  })
})

describe("PublishStorageDeals — the batch's split", () => {
  it("[valid, forged, valid] publishes two: ids [0, 1], valid_deals {0, 2} = 0x3c (bits 00|1|1|1|1)", () => {
    const forged = signDealProposal(w.stranger, proposal(w, { label: labelFromBytes(Uint8Array.of(2)) }))
    const r = publish(funded, w, [proposal(w), forged, proposal(w, { label: labelFromBytes(Uint8Array.of(3)) })])
    ok(r)
    expect(toHex(r.receipt.return)).toBe("8282000141" + "3c")
  })

  it("the client's lock-up accumulates over the batch: with escrow for one deal the second is left out", () => {
    const one = PRICE * DURATION + CLIENT_COLLATERAL
    const vm = fund(w.vm, w, one, 10n ** 16n)
    const r = publish(vm, w, [proposal(w), proposal(w, { label: labelFromBytes(Uint8Array.of(9)) })])
    ok(r)
    expect(Result.getOrThrow(decodePublishStorageDealsReturn(r.receipt.return)).validDeals).toEqual([{ start: 0n, end: 1n }])
  })

  it("a deal for another provider than the first deal's is left out (SameProvider)", () => {
    const r = publish(funded, w, [proposal(w), proposal(w, { provider: idAddress(103n) })])
    ok(r)
    expect(Result.getOrThrow(decodePublishStorageDealsReturn(r.receipt.return)).ids).toEqual([0n])
  })

  it("two identical proposals in one batch: the second is a duplicate, the first is published", () => {
    const r = publish(funded, w, [proposal(w), proposal(w)])
    ok(r)
    expect(Result.getOrThrow(decodePublishStorageDealsReturn(r.receipt.return)).ids).toEqual([0n])
  })
})

describe("PublishStorageDeals — rejections (the batch's only deal invalid, or the batch itself)", () => {
  const dagCborCid = CID.createV1(0x71, Digest.create(0xb220, new Uint8Array(32)))
  const cases: ReadonlyArray<readonly [string, () => ReturnType<typeof publish>, string, number]> = [
    ["no deals", () => call(funded, w.worker.address, MarketMethod.PublishStorageDeals, encodePublishStorageDealsParams([])), "DealsNotEmpty", USR_ILLEGAL_ARGUMENT],
    ["a provider key address not on chain", () => publish(funded, w, [proposal(w, { provider: keyFromSeed(1, "nobody").address })]), "ProviderResolvable", USR_NOT_FOUND],
    ["a provider ID with no actor", () => publish(funded, w, [proposal(w, { provider: idAddress(9999n) })]), "ProviderResolvable", USR_NOT_FOUND],
    ["a provider that is an account", () => publish(funded, w, [proposal(w, { provider: idAddress(103n) })]), "ProviderIsMiner", USR_ILLEGAL_ARGUMENT],
    ["a caller that does not control the provider", () => publish(funded, w, [proposal(w)], w.stranger), "CallerControlsProvider", USR_FORBIDDEN],
    ["a proposal signed by someone else", () => publish(funded, w, [signDealProposal(w.stranger, proposal(w))]), "ProposalSignedByClient", USR_ILLEGAL_ARGUMENT],
    ["a signature over other bytes", () => publish(funded, w, [{ proposal: proposal(w), clientSignature: signDealProposal(w.client, proposal(w, { startEpoch: START + 1n })).clientSignature }]), "ProposalSignedByClient", USR_ILLEGAL_ARGUMENT],
    ["a label of 257 bytes", () => publish(funded, w, [proposal(w, { label: labelFromBytes(new Uint8Array(257)) })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a piece size that is not a power of two", () => publish(funded, w, [proposal(w, { pieceSize: 192n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a piece size below 128", () => publish(funded, w, [proposal(w, { pieceSize: 64n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a piece CID that is not a piece commitment", () => publish(funded, w, [proposal(w, { pieceCid: dagCborCid })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["end = start", () => publish(funded, w, [proposal(w, { endEpoch: START })]), "EndAfterStart", USR_ILLEGAL_ARGUMENT],
    ["a start in the past", () => publish(atEpoch(funded, START + 1n), w, [proposal(w)]), "StartNotElapsed", USR_ILLEGAL_ARGUMENT],
    ["a duration one epoch short of 180 days", () => publish(funded, w, [proposal(w, { endEpoch: START + DURATION - 1n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a duration one epoch over 1278 days", () => publish(funded, w, [proposal(w, { endEpoch: START + 1278n * 2880n + 1n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a negative price", () => publish(funded, w, [proposal(w, { storagePricePerEpoch: -1n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a price above TOTAL_FILECOIN", () => publish(funded, w, [proposal(w, { storagePricePerEpoch: TOTAL_FILECOIN + 1n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["no provider collateral (below the minimum)", () => publish(funded, w, [proposal(w, { providerCollateral: 0n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a negative client collateral", () => publish(funded, w, [proposal(w, { clientCollateral: -1n })]), "ProposalWellFormed", USR_ILLEGAL_ARGUMENT],
    ["a client without escrow", () => publish(fund(w.vm, w, 1n, 10n ** 16n), w, [proposal(w)]), "ClientBalanceCovered", USR_ILLEGAL_ARGUMENT],
    ["a provider without escrow", () => publish(fund(w.vm, w, 10n ** 18n, 1n), w, [proposal(w)]), "ProviderBalanceCovered", USR_ILLEGAL_ARGUMENT],
    ["a verified deal (no DataCap actor on this chain)", () => publish(funded, w, [proposal(w, { verifiedDeal: true })]), "DataCapUnavailable", USR_NOT_FOUND]
  ]
  it.each(cases)("%s fails and changes nothing but the sender's nonce", (desc, run, tag, exitCode) => {
    const r = run()
    const before = desc === "a start in the past" ? atEpoch(funded, START + 1n)
      : desc === "a client without escrow" ? fund(w.vm, w, 1n, 10n ** 16n)
      : desc === "a provider without escrow" ? fund(w.vm, w, 10n ** 18n, 1n) : funded
    const sender = desc === "a caller that does not control the provider" ? w.stranger.address : w.worker.address
    expectRejected(before, r, sender, { tag, exitCode })
  })
})
