import { describe, expect, it } from "vitest"
import { abstractMarket, abstractProposalKey, CONJUNCT_FAILURES, conjunctFailure } from "../../../../src/impl/actors/market/abstraction.js"
import { Conjuncts, proposalKey } from "../../../../src/model/StorageMarket.js"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { marketVoucher } from "../../../../src/impl/actors/market/redeem.js"
import { encodeBatchActivateDealsParams, encodeRedeemVoucherParams } from "../../../../src/impl/actors/market/params.js"
import { signVoucher } from "../../../../src/impl/actors/paych/types.js"
import { Result } from "effect"
import { atEpoch } from "../../../../src/impl/vm/vm.js"
import { sectorLayout } from "../../../../src/proofs/commd.js"
import { makePip } from "../../../../src/proofs/pip.js"
import { ok } from "../_chain.js"
import { FUNDS } from "../_storage.js"
import { call, CLIENT_ID, DURATION, fromMiner, fund, makeMarketWorld, MINER_ID, piece, proposal, publish, START } from "./_market.js"

describe("abstractMarket", () => {
  const w = makeMarketWorld()
  const parties = { client: CLIENT_ID, miner: MINER_ID, clientWallet: w.client.address, providerWallet: w.owner.address, pieces: new Map([[piece(1).cid.toString(), "P1"]]) }

  it("genesis: nothing in escrow, no deals, the wallets' balances", () => {
    const a = abstractMarket(w.vm, parties)
    expect(a).toMatchObject({ epoch: 0, escrow: { Client: 0n, Provider: 0n }, locked: { Client: 0n, Provider: 0n }, nextId: 0 })
    expect(a.balance.Client).toBe(FUNDS)
    expect(a.proposals.size + a.dealStates.size + a.pending.size).toBe(0)
  })

  it("after publish, activation and a 5000 voucher: the model's values, derived by hand from the contract", () => {
    let vm = ok(publish(fund(w.vm, w, 10n ** 18n, 10n ** 16n), w, [proposal(w)]))
    vm = atEpoch(ok(fromMiner(vm, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({ sectors: [{ sectorNumber: 1n, sectorType: 5n, sectorExpiry: START + DURATION, dealIds: [0n] }], computeCid: false }))), 50n)
    const pip = Result.getOrThrow(makePip(Result.getOrThrow(sectorLayout(2048n, [{ size: 128n, commP: piece(1).commP }])), 0))
    const sv = signVoucher(w.client, marketVoucher(0n, 5000n))
    vm = ok(call(vm, w.worker.address, MarketMethod.RedeemVoucherExported, encodeRedeemVoucherParams({ voucher: sv, pip })))
    const a = abstractMarket(vm, parties)
    const p = { piece: "P1", start: 100, end: 518500, price: 1000n, clientCollateral: 100n, providerCollateral: 10n ** 15n }
    expect(a.epoch).toBe(50)
    expect([...a.proposals]).toEqual([[0, p]])
    expect([...a.dealStates]).toEqual([[0, { sector: 1, updated: false, paid: 5000n }]])
    expect([...a.pending]).toEqual(["P1/100/518500/1000/100/1000000000000000"])
    expect(abstractProposalKey(p)).toBe("P1/100/518500/1000/100/1000000000000000")
    expect(a.escrow).toEqual({ Client: 10n ** 18n - 5000n, Provider: 10n ** 16n + 5000n })
    // client: 1000 × 518400 + 100 locked, 5000 of it paid out; provider: its collateral
    expect(a.locked).toEqual({ Client: 518_400_100n - 5000n, Provider: 10n ** 15n })
    expect(a.balance.Market).toBe(10n ** 18n + 10n ** 16n)
    expect(a.nextId).toBe(1)
  })
})

describe("the abstraction and the model agree on names", () => {
  it("abstractProposalKey is the model's proposalKey", () => {
    const p = { piece: "P2", start: 3, end: 9, price: 7n, clientCollateral: 1n, providerCollateral: 2n } as const
    expect(abstractProposalKey(p)).toBe(proposalKey(p))
  })

  it("every on-chain conjunct of the model has its (tag, exit code), and every tag is a model conjunct", () => {
    const onChain = ["AddBalance", "WithdrawBalance", "PublishStorageDeals", "ActivateDeals", "SettleDealPayments", "CronTick", "OnMinerSectorsTerminate", "RedeemVoucher"] as const
    // no failure on chain: the VM's transfer check (SenderCanPay, 6 before the actor runs), the model's
    // bound on ids (DealIdsLeft), and the scheduling conjuncts whose failure is a successful no-op
    const noFailure = new Set(["SenderCanPay", "DealIdsLeft", "SettlementDue", "StartReached", "CronScheduled"])
    const names = new Set<string>(onChain.flatMap((a) => [...Conjuncts[a]]))
    expect([...names].filter((n) => !noFailure.has(n) && !(n in CONJUNCT_FAILURES))).toEqual([])
    expect(Object.keys(CONJUNCT_FAILURES).filter((n) => !names.has(n))).toEqual([])
  })

  it("a missing deal: 17 if its id was never used, 32 if it is gone (builtin-actors state.rs get_proposal); other conjuncts one code", () => {
    expect(Object.entries(CONJUNCT_FAILURES).filter(([, f]) => f.exitCodeIfGone !== undefined).map(([n]) => n)).toEqual(["DealPublished", "DealExists"])
    expect([conjunctFailure("DealExists", false), conjunctFailure("DealExists", true)]).toEqual([
      { tag: "DealExists", exitCode: 17 }, { tag: "DealExists", exitCode: 32 }
    ])
    expect([conjunctFailure("DealPublished", false)?.exitCode, conjunctFailure("DealPublished", true)?.exitCode]).toEqual([17, 32])
    expect(conjunctFailure("DealActive", true)).toEqual({ tag: "DealActive", exitCode: 33 })
    expect(conjunctFailure("DealIdsLeft", false)).toBeUndefined()
  })
})
