import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import {
  encodeBatchActivateDealsParams, encodeOnMinerSectorsTerminateParams, encodeSettleDealPaymentsParams
} from "../../../../src/impl/actors/market/params.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { bitFieldFromIndices } from "../../../../src/impl/encoding/bitfield.js"
import { toHex } from "../../../../src/impl/encoding/hex.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { cronTick } from "../../../../src/impl/vm/tick.js"
import { atEpoch, balanceOf } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok, totalBalance } from "../_chain.js"
import {
  BURNT_ID, call, CLIENT_ID, DURATION, fromMiner, fund, makeMarketWorld, marketState, MINER_ID, PRICE,
  proposal, PROVIDER_COLLATERAL, publish, START
} from "./_market.js"

const { USR_FORBIDDEN } = ExitCode
const w = makeMarketWorld()
const funded = fund(w.vm, w)
const published = ok(publish(funded, w, [proposal(w)]))
const active = ok(fromMiner(published, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
  sectors: [{ sectorNumber: 1n, sectorType: 5n, sectorExpiry: START + DURATION, dealIds: [0n] }], computeCid: true
})))
const END = START + DURATION
const TOTAL_PRICE = PRICE * DURATION
const escrow = (vm: VmState, id: bigint) => marketState(vm).escrowTable.get(id) ?? 0n
const locked = (vm: VmState, id: bigint) => marketState(vm).lockedTable.get(id) ?? 0n
const settle = (vm: VmState, ids: ReadonlyArray<bigint>) =>
  call(vm, w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices(ids)))

describe("SettleDealPayments", () => {
  it("an active deal 10 epochs after its start: the provider is paid 10 × price from the client's locked fee", () => {
    const vm = atEpoch(active, START + 10n)
    const r = settle(vm, [0n])
    const after = ok(r)
    expect(escrow(after, MINER_ID) - escrow(vm, MINER_ID)).toBe(10n * PRICE)
    expect(escrow(vm, CLIENT_ID) - escrow(after, CLIENT_ID)).toBe(10n * PRICE)
    expect(locked(vm, CLIENT_ID) - locked(after, CLIENT_ID)).toBe(10n * PRICE)
    expect(marketState(after).states.get(0n)).toMatchObject({ lastUpdatedEpoch: START + 10n, paid: 10n * PRICE })
    expect(marketState(after).pendingProposals.size).toBe(0)
    // [[1, []], [[bytes(00 27 10) = 10000, false]]]
    expect(toHex(r.receipt.return)).toBe("8282018081824300271" + "0f4")
  })

  it("before the start: a zero settlement, the pending entry dropped, last updated set", () => {
    const after = ok(settle(atEpoch(active, 50n), [0n]))
    expect(escrow(after, MINER_ID)).toBe(escrow(active, MINER_ID))
    expect(marketState(after).states.get(0n)).toMatchObject({ lastUpdatedEpoch: 50n, paid: 0n })
  })

  it("at the end: the whole price paid, both collaterals unlocked, the deal removed (completed)", () => {
    const after = ok(settle(atEpoch(active, END + 5n), [0n]))
    expect(escrow(after, MINER_ID) - escrow(active, MINER_ID)).toBe(TOTAL_PRICE)
    expect(locked(after, CLIENT_ID)).toBe(0n)
    expect(locked(after, MINER_ID)).toBe(0n)
    expect(marketState(after).proposals.size + marketState(after).states.size).toBe(0)
    expect(marketState(after).providerSectors.size).toBe(0)
    expect([marketState(after).totalClientStorageFee, marketState(after).totalClientLockedCollateral, marketState(after).totalProviderLockedCollateral]).toEqual([0n, 0n, 0n])
  })

  it("a deal not activated, before its start: a zero settlement, nothing changes", () => {
    const vm = atEpoch(published, 50n)
    const after = ok(settle(vm, [0n]))
    expect(marketState(after)).toEqual(marketState(vm))
  })

  it("a deal not activated by its start times out: item 32, the provider's collateral burnt, the client unlocked", () => {
    const vm = atEpoch(published, START)
    const r = settle(vm, [0n])
    const after = ok(r)
    // [[0, [[0, 32]]], []]
    expect(toHex(r.receipt.return)).toBe("8282008182001820" + "80")
    expect(balanceOf(after, idAddress(BURNT_ID)) - balanceOf(vm, idAddress(BURNT_ID))).toBe(PROVIDER_COLLATERAL)
    expect(locked(after, CLIENT_ID)).toBe(0n)
    expect(escrow(after, CLIENT_ID)).toBe(escrow(vm, CLIENT_ID))
    expect(escrow(vm, MINER_ID) - escrow(after, MINER_ID)).toBe(PROVIDER_COLLATERAL)
    expect(marketState(after).proposals.size + marketState(after).pendingProposals.size).toBe(0)
    expect(totalBalance(after)).toBe(totalBalance(vm))
  })

  it("a deal never published or already gone is item 32 and changes nothing", () => {
    const r = settle(active, [7n])
    expect(toHex(r.receipt.return)).toBe("8282008182001820" + "80")
    expect(marketState(ok(r))).toEqual(marketState(active))
  })
})

describe("CronTick", () => {
  it("only the cron actor: an account calling method 9 fails 18 CallerIsCron", () => {
    expectRejected(active, call(active, w.stranger.address, MarketMethod.CronTick), w.stranger.address, { tag: "CallerIsCron", exitCode: USR_FORBIDDEN })
  })

  it("at the deal's scheduled epoch (86400) an active, never settled deal only leaves the pending set", () => {
    const vm = atEpoch(active, 86400n)
    const after = Result.getOrThrow(cronTick(vm))
    const st = marketState(after)
    expect(st.pendingProposals.size).toBe(0)
    expect(st.dealOpsByEpoch.size).toBe(0)
    expect(st.lastCron).toBe(86400n)
    expect(st.escrowTable).toEqual(marketState(vm).escrowTable)
  })

  it("a deal never activated times out there: its provider collateral is burnt", () => {
    const vm = atEpoch(published, 86400n)
    const after = Result.getOrThrow(cronTick(vm))
    expect(balanceOf(after, idAddress(BURNT_ID)) - balanceOf(vm, idAddress(BURNT_ID))).toBe(PROVIDER_COLLATERAL)
    expect(marketState(after).proposals.size).toBe(0)
  })

  it("a deal settled once before (the legacy path) is paid up to now and rescheduled at next_update_epoch(0, 86400, 86401) = 172800", () => {
    const settled = ok(settle(atEpoch(active, START + 10n), [0n]))
    const after = Result.getOrThrow(cronTick(atEpoch(settled, 86400n)))
    // earned (86400 − 100) × 1000, of which 10 × 1000 was paid
    expect(escrow(after, MINER_ID) - escrow(settled, MINER_ID)).toBe((86400n - START) * PRICE - 10n * PRICE)
    expect([...marketState(after).dealOpsByEpoch]).toEqual([[172800n, [0n]]])
  })
})

describe("OnMinerSectorsTerminate", () => {
  const terminate = (vm: VmState, epoch: bigint, sectors: ReadonlyArray<bigint>) =>
    fromMiner(vm, w, MarketMethod.OnMinerSectorsTerminate, encodeOnMinerSectorsTerminateParams({ epoch, sectors: bitFieldFromIndices(sectors) }))

  it("slashes: pays up to the termination, unlocks the client's rest and collateral, burns the provider's collateral", () => {
    const vm = atEpoch(active, START + 100n)
    const after = ok(terminate(vm, START + 100n, [1n]))
    expect(escrow(after, MINER_ID) - escrow(vm, MINER_ID)).toBe(100n * PRICE - PROVIDER_COLLATERAL)
    expect(escrow(vm, CLIENT_ID) - escrow(after, CLIENT_ID)).toBe(100n * PRICE)
    expect(locked(after, CLIENT_ID) + locked(after, MINER_ID)).toBe(0n)
    expect(balanceOf(after, idAddress(BURNT_ID)) - balanceOf(vm, idAddress(BURNT_ID))).toBe(PROVIDER_COLLATERAL)
    const st = marketState(after)
    expect(st.proposals.size + st.states.size + st.pendingProposals.size + st.providerSectors.size).toBe(0)
  })

  it("a sector without deals, or a deal already past its end, changes no balance", () => {
    expect(marketState(ok(terminate(active, 10n, [9n])))).toEqual(marketState(active))
    const late = ok(terminate(atEpoch(active, END), END, [1n]))
    expect(marketState(late).escrowTable).toEqual(marketState(active).escrowTable)
    expect(marketState(late).providerSectors.size).toBe(0)
  })

  it("a caller that is not a miner fails 18 CallerIsMiner", () => {
    const r = call(active, w.worker.address, MarketMethod.OnMinerSectorsTerminate, encodeOnMinerSectorsTerminateParams({ epoch: 1n, sectors: bitFieldFromIndices([1n]) }))
    expectRejected(active, r, w.worker.address, { tag: "CallerIsMiner", exitCode: USR_FORBIDDEN })
  })
})

