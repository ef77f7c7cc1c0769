import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { marketVoucher } from "../../../../src/impl/actors/market/redeem.js"
import {
  encodeAddressParam, encodeBatchActivateDealsParams, encodeOnMinerSectorsTerminateParams, encodeRedeemVoucherParams,
  encodeSettleDealPaymentsParams, encodeWithdrawBalanceParams
} from "../../../../src/impl/actors/market/params.js"
import { signVoucher } from "../../../../src/impl/actors/paych/types.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { bitFieldFromIndices } from "../../../../src/impl/encoding/bitfield.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { cronTick } from "../../../../src/impl/vm/tick.js"
import { atEpoch, balanceOf } from "../../../../src/impl/vm/vm.js"
import { sectorLayout } from "../../../../src/proofs/commd.js"
import { makePip } from "../../../../src/proofs/pip.js"
import { totalBalance } from "../_chain.js"
import { call, CLIENT_ID, DURATION, fromMiner, makeMarketWorld, MARKET, marketState, MINER, piece, proposal, publish, START } from "./_market.js"

const w = makeMarketWorld()
const CLIENT = idAddress(CLIENT_ID)

/** One step of a random market history. Deals 0–3 differ by piece (fills 1–4); sector n holds deal n. */
type Op =
  | { readonly op: "add"; readonly who: "client" | "miner"; readonly amount: bigint }
  | { readonly op: "withdraw"; readonly who: "client" | "miner"; readonly amount: bigint }
  | { readonly op: "publish"; readonly deal: number }
  | { readonly op: "activate"; readonly deal: number }
  | { readonly op: "redeem"; readonly deal: number; readonly amount: bigint }
  | { readonly op: "settle"; readonly deals: ReadonlyArray<number> }
  | { readonly op: "terminate"; readonly deal: number }
  | { readonly op: "advance"; readonly by: bigint }
  | { readonly op: "cron" }

const deal = fc.integer({ min: 0, max: 3 })
const amount = fc.bigInt({ min: 0n, max: 2n * 10n ** 9n })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("add" as const), who: fc.constantFrom("client" as const, "miner" as const), amount: fc.bigInt({ min: 0n, max: 10n ** 16n }) }),
  fc.record({ op: fc.constant("withdraw" as const), who: fc.constantFrom("client" as const, "miner" as const), amount }),
  fc.record({ op: fc.constant("publish" as const), deal }),
  fc.record({ op: fc.constant("activate" as const), deal }),
  fc.record({ op: fc.constant("redeem" as const), deal, amount: fc.bigInt({ min: 0n, max: 10n ** 6n }) }),
  fc.record({ op: fc.constant("settle" as const), deals: fc.uniqueArray(deal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant("terminate" as const), deal }),
  fc.record({ op: fc.constant("advance" as const), by: fc.bigInt({ min: 1n, max: 200_000n }) }),
  fc.constant({ op: "cron" as const })
)

/** Every kind of step once, so each history exercises them all (coverage by construction). */
const PREFIX: ReadonlyArray<Op> = [
  { op: "add", who: "client", amount: 10n ** 16n }, { op: "add", who: "miner", amount: 10n ** 16n },
  { op: "publish", deal: 0 }, { op: "publish", deal: 1 }, { op: "activate", deal: 0 }, { op: "redeem", deal: 0, amount: 700n },
  { op: "advance", by: 150n }, { op: "settle", deals: [0, 1] }, { op: "terminate", deal: 0 }, { op: "cron" },
  { op: "withdraw", who: "client", amount: 10n ** 9n }, { op: "withdraw", who: "miner", amount: 10n ** 9n }
]

/** Applies a step: the state after it and its exit code (a failed message must conserve too). */
const step = (vm: VmState, o: Op): { readonly vm: VmState; readonly exitCode: number } => {
  const r = apply(vm, o)
  return "receipt" in r ? { vm: r.vm, exitCode: r.receipt.exitCode } : { vm: r, exitCode: 0 }
}

const apply = (vm: VmState, o: Op): VmState | { readonly vm: VmState; readonly receipt: { readonly exitCode: number } } => {
  const fill = (d: number) => d + 1
  switch (o.op) {
    case "add": return call(vm, o.who === "client" ? w.client.address : w.owner.address, MarketMethod.AddBalance, encodeAddressParam(o.who === "client" ? CLIENT : MINER), o.amount)
    case "withdraw": return call(vm, o.who === "client" ? w.client.address : w.owner.address, MarketMethod.WithdrawBalance, encodeWithdrawBalanceParams({ providerOrClient: o.who === "client" ? CLIENT : MINER, amount: o.amount }))
    case "publish": return publish(vm, w, [proposal(w, { pieceCid: piece(fill(o.deal)).cid, startEpoch: vm.epoch + START, endEpoch: vm.epoch + START + DURATION })])
    case "activate": return fromMiner(vm, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
      sectors: [{ sectorNumber: BigInt(o.deal), sectorType: 5n, sectorExpiry: 10n ** 7n, dealIds: [BigInt(o.deal)] }], computeCid: false
    }))
    case "redeem": {
      const pip = Result.getOrThrow(makePip(Result.getOrThrow(sectorLayout(2048n, [{ size: 128n, commP: piece(fill(o.deal)).commP }])), 0))
      const sv = signVoucher(w.client, marketVoucher(BigInt(o.deal), o.amount))
      return call(vm, w.worker.address, MarketMethod.RedeemVoucherExported, encodeRedeemVoucherParams({ voucher: sv, pip }))
    }
    case "settle": return call(vm, w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices(o.deals.map(BigInt))))
    case "terminate": return fromMiner(vm, w, MarketMethod.OnMinerSectorsTerminate, encodeOnMinerSectorsTerminateParams({ epoch: vm.epoch, sectors: bitFieldFromIndices([BigInt(o.deal)]) }))
    case "advance": return atEpoch(vm, vm.epoch + o.by)
    case "cron": return Result.getOrThrow(cronTick(vm))
  }
}

const sum = (m: ReadonlyMap<bigint, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n)

describe("escrow conserves FIL", () => {
  test.prop([fc.array(opArb, { maxLength: 10 })], { seed: 8051, numRuns: 25 })(
    "over random histories: total FIL constant, f05's balance = Σ escrow, locked ≤ escrow, totals = Σ locked",
    (ops) => {
      let vm = w.vm
      const total = totalBalance(vm)
      for (const [i, o] of [...PREFIX, ...ops].entries()) {
        const r = step(vm, o)
        // the prefix's steps all succeed, so every kind of step is exercised in every history
        if (i < PREFIX.length) expect(r.exitCode, `prefix step ${i} (${o.op})`).toBe(0)
        vm = r.vm
        const st = marketState(vm)
        expect(totalBalance(vm)).toBe(total)
        expect(balanceOf(vm, MARKET)).toBe(sum(st.escrowTable))
        for (const [id, l] of st.lockedTable) expect(l).toBeLessThanOrEqual(st.escrowTable.get(id) ?? 0n)
        expect(st.totalClientLockedCollateral + st.totalProviderLockedCollateral + st.totalClientStorageFee).toBe(sum(st.lockedTable))
      }
    }
  )
})
