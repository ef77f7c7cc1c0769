import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { marketVoucher } from "../../../../src/impl/actors/market/redeem.js"
import {
  encodeBatchActivateDealsParams, encodeOnMinerSectorsTerminateParams, encodeRedeemVoucherParams, encodeSettleDealPaymentsParams
} from "../../../../src/impl/actors/market/params.js"
import { encodeUpdateChannelStateParams, signVoucher, type SignedVoucher } from "../../../../src/impl/actors/paych/types.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { bitFieldFromIndices } from "../../../../src/impl/encoding/bitfield.js"
import { toHex } from "../../../../src/impl/encoding/hex.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { atEpoch } from "../../../../src/impl/vm/vm.js"
import { sectorLayout } from "../../../../src/proofs/commd.js"
import { makePip } from "../../../../src/proofs/pip.js"
import type { Pip } from "../../../../src/proofs/interface.js"
import { Result } from "effect"
import type { KeyPair } from "../../../../src/impl/crypto/keys.js"
import { expectRejected, ok, totalBalance } from "../_chain.js"
import {
  call, CLIENT_ID, DURATION, fromMiner, fund, makeMarketWorld, MARKET, marketState, MINER_ID, piece, PRICE, proposal, publish, START
} from "./_market.js"

const { USR_ILLEGAL_ARGUMENT, USR_FORBIDDEN, USR_NOT_FOUND, USR_SERIALIZATION } = ExitCode
const EX_DEAL_EXPIRED = 32
const EX_DEAL_NOT_ACTIVATED = 33
const w = makeMarketWorld()
const published = ok(publish(fund(w.vm, w), w, [proposal(w), proposal(w, { pieceCid: piece(2).cid })]))
// deal 0 active in sector 1 (2 KiB, its 128-byte piece at offset 0); deal 1 published only
const active = atEpoch(ok(fromMiner(published, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
  sectors: [{ sectorNumber: 1n, sectorType: 5n, sectorExpiry: START + DURATION, dealIds: [0n] }], computeCid: false
}))), 50n)

/** The PIP of piece `index` of a 2 KiB sector holding `pieces` (128 bytes each) in this order. */
const pipOf = (fills: ReadonlyArray<number>, index: number): Pip =>
  Result.getOrThrow(makePip(Result.getOrThrow(sectorLayout(2048n, fills.map((f) => ({ size: 128n, commP: piece(f).commP })))), index))
const PIP = pipOf([1], 0)

const voucher = (v: Partial<SignedVoucher> = {}): SignedVoucher => ({ ...marketVoucher(0n, 5000n), ...v })
const redeem = (vm: VmState, sv: SignedVoucher, pip: Pip = PIP, signer: KeyPair | null = w.client, by: KeyPair = w.worker) =>
  call(vm, by.address, MarketMethod.RedeemVoucherExported, encodeRedeemVoucherParams({ voucher: signer === null ? sv : signVoucher(signer, sv), pip }))
const escrow = (vm: VmState, id: bigint) => marketState(vm).escrowTable.get(id) ?? 0n

describe("RedeemVoucher — a valid voucher", () => {
  const r = redeem(active, voucher())
  const after = ok(r)

  it("moves amount − paid from the client's locked fee to the provider's escrow and records paid = amount", () => {
    expect(escrow(after, MINER_ID) - escrow(active, MINER_ID)).toBe(5000n)
    expect(escrow(active, CLIENT_ID) - escrow(after, CLIENT_ID)).toBe(5000n)
    expect((marketState(active).lockedTable.get(CLIENT_ID) ?? 0n) - (marketState(after).lockedTable.get(CLIENT_ID) ?? 0n)).toBe(5000n)
    expect(marketState(after).states.get(0n)?.paid).toBe(5000n)
    // return: the amount paid, BigInt bytes 00 13 88 (5000)
    expect(toHex(r.receipt.return)).toBe("43001388")
    expect(totalBalance(after)).toBe(totalBalance(active))
  })

  it("a higher voucher pays only the difference; settlement later pays what time earned beyond it", () => {
    const again = ok(redeem(after, voucher({ amount: 8000n })))
    expect(escrow(again, MINER_ID) - escrow(after, MINER_ID)).toBe(3000n)
    // at start + 10 time earned 10 000, of which 8 000 was paid
    const settled = ok(call(atEpoch(again, START + 10n), w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices([0n]))))
    expect(escrow(settled, MINER_ID) - escrow(again, MINER_ID)).toBe(10n * PRICE - 8000n)
  })

  it("the owner and a control address may redeem too", () => {
    ok(redeem(active, voucher(), PIP, w.client, w.owner))
    ok(redeem(active, voucher(), PIP, w.client, w.control))
  })

  it("the whole price at once is allowed (VoucherWithinTotalPrice is ≤)", () => {
    ok(redeem(active, voucher({ amount: PRICE * DURATION })))
  })
})

describe("RedeemVoucher — the PIP is checked against the CommD kept with the deal", () => {
  // the model (spec/tla/StorageMarket.tla › PipForDealSector): a PIP is valid iff it is for the
  // deal's piece and the sector the deal is active in, whatever else happened to that sector number
  const END = START + DURATION

  it("a deal that ended before its sector was terminated stays (not slashed) and its voucher still pays", () => {
    // OnMinerSectorsTerminate skips a deal past its end (lib.rs:838-842) but drops the sector's index entry
    const terminated = ok(fromMiner(atEpoch(active, END), w, MarketMethod.OnMinerSectorsTerminate,
      encodeOnMinerSectorsTerminateParams({ epoch: END, sectors: bitFieldFromIndices([1n]) })))
    expect(marketState(terminated).providerSectors.size).toBe(0)
    expect(marketState(terminated).states.has(0n)).toBe(true)
    const after = ok(redeem(terminated, voucher()))
    expect(escrow(after, MINER_ID) - escrow(terminated, MINER_ID)).toBe(5000n)
  })

  it("a second activation into the same sector number: each deal's PIP verifies against its own activation's CommD", () => {
    // deal 1 (piece 2) activated by another call into sector 1: a 2 KiB sector holding only piece 2 at offset 0
    const both = ok(fromMiner(active, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
      sectors: [{ sectorNumber: 1n, sectorType: 5n, sectorExpiry: START + DURATION, dealIds: [1n] }], computeCid: false
    })))
    expect(marketState(both).providerSectors.get(MINER_ID)?.get(1n)).toEqual([0n, 1n])
    ok(redeem(both, voucher({ lane: 1n }), pipOf([2], 0)))
    ok(redeem(both, voucher()))
    // and not against the other deal's: piece 2 after piece 1 is not the layout deal 1 was activated in
    expectRejected(both, redeem(both, voucher({ lane: 1n }), pipOf([1, 2], 1)), w.worker.address, { tag: "PipForDealSector", exitCode: USR_ILLEGAL_ARGUMENT })
  })
})

describe("RedeemVoucher — rejections change nothing but the sender's nonce", () => {
  const completed = ok(call(atEpoch(active, START + DURATION), w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices([0n]))))
  const redeemed = ok(redeem(active, voucher()))
  const cases: ReadonlyArray<readonly [string, VmState, () => ReturnType<typeof redeem>, KeyPair, string, number]> = [
    ["a voucher for another channel", active, () => redeem(active, voucher({ channelAddr: idAddress(4n) })), w.worker, "VoucherForMarket", USR_ILLEGAL_ARGUMENT],
    ["a voucher with a time lock", active, () => redeem(active, voucher({ timeLockMin: 1n })), w.worker, "VoucherForMarket", USR_ILLEGAL_ARGUMENT],
    ["a deal never published", active, () => redeem(active, voucher({ lane: 7n })), w.worker, "DealExists", USR_NOT_FOUND],
    ["a deal already completed and removed", completed, () => redeem(completed, voucher()), w.worker, "DealExists", EX_DEAL_EXPIRED],
    ["a caller that does not control the provider", active, () => redeem(active, voucher(), PIP, w.client, w.stranger), w.stranger, "CallerIsDealProvider", USR_FORBIDDEN],
    ["an unsigned voucher", active, () => redeem(active, voucher(), PIP, null), w.worker, "VoucherSignedByClient", USR_ILLEGAL_ARGUMENT],
    ["a voucher signed by someone else", active, () => redeem(active, voucher(), PIP, w.stranger), w.worker, "VoucherSignedByClient", USR_ILLEGAL_ARGUMENT],
    ["a deal published but not activated", active, () => redeem(active, voucher({ lane: 1n }), pipOf([2], 0)), w.worker, "DealActive", EX_DEAL_NOT_ACTIVATED],
    ["a PIP for another piece", active, () => redeem(active, voucher(), pipOf([2], 0)), w.worker, "PipForDealPiece", USR_ILLEGAL_ARGUMENT],
    ["a PIP of the deal's piece in another sector", active, () => redeem(active, voucher(), pipOf([9, 1], 1)), w.worker, "PipForDealSector", USR_ILLEGAL_ARGUMENT],
    ["the same voucher twice", redeemed, () => redeem(redeemed, voucher()), w.worker, "VoucherAbovePaid", USR_ILLEGAL_ARGUMENT],
    ["a lower voucher after a higher one", redeemed, () => redeem(redeemed, voucher({ amount: 4999n })), w.worker, "VoucherAbovePaid", USR_ILLEGAL_ARGUMENT],
    ["more than the deal's total price", active, () => redeem(active, voucher({ amount: PRICE * DURATION + 1n })), w.worker, "VoucherWithinTotalPrice", USR_ILLEGAL_ARGUMENT],
    ["PIP bytes that do not decode", active, () => call(active, w.worker.address, MarketMethod.RedeemVoucherExported, encodeUpdateChannelStateParams({ sv: signVoucher(w.client, voucher()), secret: Uint8Array.of(2) })), w.worker, "MalformedParams", USR_SERIALIZATION]
  ]
  it.each(cases)("%s", (_, before, run, by, tag, exitCode) => {
    expectRejected(before, run(), by.address, { tag, exitCode })
  })
})
