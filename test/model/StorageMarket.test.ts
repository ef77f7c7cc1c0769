import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import {
  Actions, type ActionArgs, Conjuncts, type Constants, Init, Invariants, Mutants, Operators, type Pip, Properties, type Proposal, proposalKey,
  type State, disjuncts, key, specification
} from "../../src/model/StorageMarket.js"
import { loadConfig, storageMarketConstants } from "./_checkConfigs.js"
import { describeMirror, describeTlcConfigurations } from "./_mirrorSuite.js"

/** The configurations fast enough for every run; MCStorageMarket_Large is replayed by test/model.slow.test.ts. */
const FAST = ["MCStorageMarket_Tiny", "MCStorageMarket_Inputs"]

const mirrored = { module: "StorageMarket", specificationOf: (config: string) => specification(storageMarketConstants(config)), mutantOf: (config: string) => storageMarketConstants(config).Mutant,
  Conjuncts, Operators, Invariants, Properties, Mutants }
describeTlcConfigurations(mirrored, FAST, ["MCStorageMarket_Large"])
describeMirror(mirrored)

// ---------------------------------------------------------------------------------------------
// Actions, on hand-built states; every expected value derived by hand from builtin-actors v18.0.0
// (actors/market/src/state.rs process_deal_update, process_slashed_deal, process_deal_init_timed_out)
// and the RedeemVoucher definition in StorageMarket.tla's header.
// ---------------------------------------------------------------------------------------------

/** Bounds wide enough for the hand-built steps below (only MaxEpoch, MaxDeals and Mutant shape the actions). */
const wide: Constants = {
  ...storageMarketConstants("MCStorageMarket_Tiny"), MaxEpoch: 10, MaxDeals: 3, ClientFunds: 10n, ProviderFunds: 10n, Sectors: [1, 2],
  Starts: [1], Ends: [3], Prices: [2n], ClientCollaterals: [1n], ProviderCollaterals: [3n]
}
/** Start 1, end 3, price 2 per epoch: total price 4; client collateral 1, provider collateral 3. */
const deal: Proposal = { piece: "P1", start: 1, end: 3, price: 2n, clientCollateral: 1n, providerCollateral: 3n }

type Step = { [K in keyof ActionArgs]: readonly [K, ActionArgs[K]] }[keyof ActionArgs]
const take = (s: State, [name, args]: Step): Result.Result<State, { readonly _tag: string }> =>
  (Actions[name].take as (p: Constants, s: State, a: unknown) => Result.Result<State, { readonly _tag: string }>)(wide, s, args)
const run = (steps: ReadonlyArray<Step>, from: State = Init(wide)): State => steps.reduce((s, step) => Result.getOrThrow(take(s, step)), from)
const tick: Step = ["Tick", {}]

/** The client and the provider fund their escrow (5 and 4), the client signs `deal`, the provider accepts and publishes it. */
const published = run([
  ["AddBalance", { who: "Client", amount: 5n }], ["AddBalance", { who: "Provider", amount: 4n }],
  ["ProposeDeal", { p: deal }], ["RespondToProposal", { p: deal, accept: true }],
  ["PublishStorageDeals", { p: deal, sig: "Client", form: "Valid", caller: "Provider" }]
])
/** `published`, activated in sector 2 at epoch 0. */
const active = run([["ActivateDeals", { d: 0, s: 2, caller: "Provider" }]], published)
const allInvariantsHold = (s: State) => Object.entries(Invariants).filter(([, inv]) => !inv(wide, s)).map(([n]) => n)

describe("escrow and publishing", () => {
  it("publishing locks the client's total price and collateral and the provider's collateral", () => {
    // client lock = 2 × (3 − 1) + 1 = 5; provider lock = 3
    expect(published.escrow).toEqual({ Client: 5n, Provider: 4n })
    expect(published.locked).toEqual({ Client: 5n, Provider: 3n })
    expect(published.balance).toEqual({ Client: 5n, Provider: 6n, Market: 9n, Burnt: 0n })
    expect([...published.proposals]).toEqual([[0, deal]])
    expect([...published.pending]).toEqual([proposalKey(deal)])
    expect(published.nextId).toBe(1)
    expect(allInvariantsHold(published)).toEqual([])
  })

  it("withdrawal pays out at most the unlocked escrow", () => {
    // the provider asks for 4 of its 4 but 3 are locked: 1 is paid (subtract_with_minimum)
    const t = run([["WithdrawBalance", { who: "Provider", caller: "Provider", amount: 4n }]], published)
    expect(t.escrow.Provider).toBe(3n)
    expect(t.balance.Provider).toBe(7n)
  })
})

describe("the deal's life", () => {
  it("settlement pays per epoch while active and completes at the end, unlocking both collaterals", () => {
    const at2 = run([tick, tick, ["SettleDealPayments", { d: 0 }]], active)
    // epoch 2: earned 2 × (2 − 1) = 2 paid; client escrow 5 − 2, locked 5 − 2
    expect(at2.escrow).toEqual({ Client: 3n, Provider: 6n })
    expect(at2.locked).toEqual({ Client: 3n, Provider: 3n })
    expect(at2.dealStates.get(0)).toEqual({ sector: 2, updated: true, paid: 2n })
    expect(at2.pending.size).toBe(0)
    const done = run([tick, ["SettleDealPayments", { d: 0 }]], at2)
    // epoch 3 = end: the other 2 paid, collaterals 1 and 3 unlocked, the deal deleted
    expect(done.escrow).toEqual({ Client: 1n, Provider: 8n })
    expect(done.locked).toEqual({ Client: 0n, Provider: 0n })
    expect(done.proposals.size + done.dealStates.size).toBe(0)
    expect(done.dealLog.get(0)).toEqual({ proposal: deal, activated: true, slashedAt: -1, paid: 4n })
    expect(allInvariantsHold(done)).toEqual([])
  })

  it("a deal not activated by its start times out: the client's lock released, the provider's collateral burnt", () => {
    const t = run([tick, ["CronTick", { d: 0 }]], published)
    expect(t.locked).toEqual({ Client: 0n, Provider: 0n })
    expect(t.escrow).toEqual({ Client: 5n, Provider: 1n })
    expect(t.balance.Burnt).toBe(3n)
    expect(t.proposals.size).toBe(0)
    expect(allInvariantsHold(t)).toEqual([])
  })

  it("early termination pays up to now, refunds the rest and burns the provider's collateral", () => {
    const t = run([tick, tick, ["OnMinerSectorsTerminate", { s: 2, caller: "Provider" }]], active)
    // epoch 2: pays 2; releases the client's 5 − 0 (2 paid, 2 unlocked, 1 collateral); burns 3
    expect(t.escrow).toEqual({ Client: 3n, Provider: 3n })
    expect(t.locked).toEqual({ Client: 0n, Provider: 0n })
    expect(t.balance).toEqual({ Client: 5n, Provider: 6n, Market: 6n, Burnt: 3n })
    expect(t.dealLog.get(0)).toEqual({ proposal: deal, activated: true, slashedAt: 2, paid: 2n })
    // another sector, or another miner's termination, changes nothing
    expect(run([tick, tick, ["OnMinerSectorsTerminate", { s: 1, caller: "Provider" }]], active)).toEqual(run([tick, tick], active))
    expect(run([tick, tick, ["OnMinerSectorsTerminate", { s: 2, caller: "OtherMiner" }]], active)).toEqual(run([tick, tick], active))
  })

  it("v18 lets the provider publish a signed proposal again once it has left the pending set", () => {
    // settling an activated deal before its start takes its proposal out of the pending set
    // (process_deal_update removes it before returning early), so the same signed proposal passes
    // the duplicate check again: the client's funds are locked for a second deal.  The TLA+ module
    // keeps v18's behaviour; builtin-actors pull request #1781 (FIP-0118, after v18.0.0) keeps
    // the proposal pending through its start epoch instead.
    const settled = run([["SettleDealPayments", { d: 0 }], ["AddBalance", { who: "Client", amount: 5n }], ["AddBalance", { who: "Provider", amount: 3n }]], active)
    const again = run([["PublishStorageDeals", { p: deal, sig: "Client", form: "Valid", caller: "Provider" }]], settled)
    expect([...again.proposals.values()]).toEqual([deal, deal])
    expect(again.locked.Client).toBe(10n)
  })
})

describe("RedeemVoucher(Voucher, PIP)", () => {
  const signed = run([["SignVoucher", { d: 0, a: 3n }], tick], active)
  const redeem = (amount: bigint, pip: Pip = { piece: "P1", sector: 2 }, caller: "Provider" | "Client" = "Provider"): Step =>
    ["RedeemVoucher", { v: { deal: 0, amount, signer: "Client" }, pip, caller }]

  it("pays the difference to what the deal has paid, and settlement later pays only the rest", () => {
    const t = run([redeem(3n)], signed)
    // 3 − 0 moves from the client's locked fee (escrow 5, locked 5) to the provider's escrow (4)
    expect(t.escrow).toEqual({ Client: 2n, Provider: 7n })
    expect(t.locked.Client).toBe(2n)
    expect(t.dealStates.get(0)!.paid).toBe(3n)
    // epoch 3 = end: earned 4, paid 3 → the settlement pays 1 and completes
    const done = run([tick, tick, ["SettleDealPayments", { d: 0 }]], t)
    expect(done.dealLog.get(0)!.paid).toBe(4n)
    expect(done.escrow).toEqual({ Client: 1n, Provider: 8n })
    expect(allInvariantsHold(done)).toEqual([])
  })

  // Each bad step fails with the conjunct named, and changes nothing.
  const cases: ReadonlyArray<readonly [string, State, Step]> = [
    ["DealExists", signed, ["RedeemVoucher", { v: { deal: 2, amount: 1n, signer: "Client" }, pip: { piece: "P1", sector: 2 }, caller: "Provider" }]],
    ["CallerIsDealProvider", signed, redeem(1n, undefined, "Client")],
    ["VoucherSignedByClient", signed, ["RedeemVoucher", { v: { deal: 0, amount: 1n, signer: "Forged" }, pip: { piece: "P1", sector: 2 }, caller: "Provider" }]],
    ["DealActive", run([["SignVoucher", { d: 0, a: 3n }]], published), redeem(1n)],
    ["PipForDealPiece", signed, redeem(1n, { piece: "P2", sector: 2 })],
    ["PipForDealSector", signed, redeem(1n, { piece: "P1", sector: 1 })],
    ["VoucherAbovePaid", run([redeem(2n)], signed), redeem(2n)],
    ["VoucherWithinTotalPrice", run([["SignVoucher", { d: 0, a: 5n }]], signed), redeem(5n)]
  ]
  it.each(cases)("%s: a bad redemption is refused with that conjunct and changes nothing", (tag, s, step) => {
    const before = structuredClone(s)
    const r = take(s, step)
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
    expect(s).toEqual(before)
  })
})

describe("every refused step is a typed error that changes nothing", () => {
  it("Tiny: in every reachable state, every argument an action refuses fails with one of its own conjuncts, the state untouched", () => {
    const c = storageMarketConstants("MCStorageMarket_Tiny")
    const spec = specification(c)
    const seen = new Map<string, State>([[key(spec.Init[0]!), spec.Init[0]!]])
    for (const s of seen.values()) for (const step of spec.Next(s)) if (!seen.has(key(step.state))) seen.set(key(step.state), step.state)
    let refused = 0
    for (const s of seen.values()) {
      const before = key(s)
      for (const d of disjuncts(c)) for (const a of d.args) {
        const r = d.action.take(c, s, a)
        if (Result.isSuccess(r)) continue
        refused += 1
        expect(d.action.conjunctNames).toContain(r.failure._tag)
        expect(r.failure.reason).toContain(r.failure._tag)
      }
      expect(key(s)).toBe(before)
    }
    expect(seen.size).toBe(loadConfig("MCStorageMarket_Tiny").expected.distinctStates)
    expect(refused).toBeGreaterThan(1000)
  })
})
