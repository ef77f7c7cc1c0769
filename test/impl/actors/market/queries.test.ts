import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { encodeBatchActivateDealsParams, encodeSettleDealPaymentsParams } from "../../../../src/impl/actors/market/params.js"
import { encodeDealQueryParams } from "../../../../src/impl/actors/market/queries.js"
import { bitFieldFromIndices } from "../../../../src/impl/encoding/bitfield.js"
import { toHex } from "../../../../src/impl/encoding/hex.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { atEpoch } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok } from "../_chain.js"
import { call, DURATION, fromMiner, fund, makeMarketWorld, piece, proposal, publish, START } from "./_market.js"

const w = makeMarketWorld()
const published = ok(publish(fund(w.vm, w), w, [proposal(w)]))
const active = ok(fromMiner(published, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
  sectors: [{ sectorNumber: 3n, sectorType: 5n, sectorExpiry: START + DURATION, dealIds: [0n] }], computeCid: false
})))
const completed = ok(call(atEpoch(active, START + DURATION), w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices([0n]))))
const ask = (vm: VmState, method: bigint, id = 0n) => call(vm, w.stranger.address, method, encodeDealQueryParams(id))
const answer = (vm: VmState, method: bigint) => {
  const r = ask(vm, method)
  ok(r)
  return toHex(r.receipt.return)
}

// answers derived by hand from the deal of _market.ts (types.rs return shapes, CBOR heads per RFC 8949)
describe("deal queries", () => {
  it.each([
    ["GetDealClient", MarketMethod.GetDealClientExported, "1869"], // 105
    ["GetDealProvider", MarketMethod.GetDealProviderExported, "1868"], // 104
    ["GetDealLabel", MarketMethod.GetDealLabelExported, "646465616c"], // text "deal"
    ["GetDealTerm", MarketMethod.GetDealTermExported, "821864" + "1a0007e900"], // [100, 518400]
    ["GetDealTotalPrice", MarketMethod.GetDealTotalPriceExported, "4500" + "1ee62800"], // 518 400 000 = 0x1ee62800
    ["GetDealClientCollateral", MarketMethod.GetDealClientCollateralExported, "420064"], // 100
    ["GetDealProviderCollateral", MarketMethod.GetDealProviderCollateralExported, "48" + "00" + "038d7ea4c68000"], // 10^15 = 0x38d7ea4c68000: bytes(8) = sign ‖ 7 bytes
    ["GetDealVerified", MarketMethod.GetDealVerifiedExported, "f4"],
    ["GetDealActivation before activation", MarketMethod.GetDealActivationExported, "822020"] // [−1, −1]
  ])("%s", (_, method, hex) => {
    expect(answer(published, method)).toBe(hex)
  })

  it("GetDealDataCommitment: [piece CID, 128]", () => {
    expect(answer(published, MarketMethod.GetDealDataCommitmentExported)).toBe("82d82a5828" + "00" + toHex(piece(1).cid.bytes) + "1880")
  })

  it("GetDealActivation and GetDealSector once active: [0, −1] and sector 3", () => {
    expect(answer(active, MarketMethod.GetDealActivationExported)).toBe("8200" + "20")
    expect(answer(active, MarketMethod.GetDealSectorExported)).toBe("03")
  })

  it.each([
    ["GetDealSector of a deal not activated", published, MarketMethod.GetDealSectorExported, 0n, "DealNotActivated", 33],
    ["GetDealClient of a deal never published", published, MarketMethod.GetDealClientExported, 5n, "NoSuchDeal", ExitCode.USR_NOT_FOUND],
    ["GetDealClient of a deal completed and removed", completed, MarketMethod.GetDealClientExported, 0n, "DealExpired", 32],
    ["GetDealActivation of a deal completed and removed", completed, MarketMethod.GetDealActivationExported, 0n, "DealExpired", 32]
  ])("%s fails and changes nothing", (_, vm, method, id, tag, exitCode) => {
    expectRejected(vm, ask(vm, method, id), w.stranger.address, { tag, exitCode })
  })
})
