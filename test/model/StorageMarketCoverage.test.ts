/**
 * Configurations exercise every guard: over the reachable states of the coverage configurations
 * (Tiny, Inputs), every enabling conjunct of every action both holds and is the one that fails
 * somewhere (conjuncts evaluated in order, as the action does) — all but `DealPending`, which the
 * actor itself calls an internal invariant (builtin-actors actors/market/src/lib.rs @ v18.0.0,
 * `preactivate_deal`: "It should be impossible to have a proposal, no deal state, and not be in
 * pending deals"); the last test shows that it cannot fail.
 */
import { describe, expect, it } from "vitest"
import { conjunctCoverage, gaps, mergeCoverage } from "../../src/model/_coverage.js"
import { exploreByKey } from "../../src/model/_exploreReference.js"
import { Conjuncts, disjuncts, proposalKey, type State, specification } from "../../src/model/StorageMarket.js"
import { storageMarketConstants } from "./_checkConfigs.js"

const CONFIGS = ["MCStorageMarket_Tiny", "MCStorageMarket_Inputs"]

describe("conjunct coverage of the storage-market configurations", () => {
  const reports = CONFIGS.map((name) => {
    const c = storageMarketConstants(name)
    return conjunctCoverage(c, specification(c), disjuncts(c))
  })
  const union = mergeCoverage(reports.map((r) => r.coverage))

  it("covers every conjunct of every action", () => {
    expect(Object.fromEntries([...union].map(([a, t]) => [a, [...t.keys()]]))).toEqual(Conjuncts)
  })
  it("every conjunct holds somewhere and fails somewhere, but DealPending, which never fails", () => {
    expect(gaps(union)).toEqual(["ActivateDeals.DealPending: never failed"])
  })
  it("Tiny alone leaves the bad inputs unexercised", () => {
    expect(gaps(reports[0]!.coverage).length).toBeGreaterThan(1)
  })
  it("DealPending cannot fail: in every reachable state a published deal not activated is pending", () => {
    const c = storageMarketConstants("MCStorageMarket_Inputs")
    const pendingWhileInactive = (s: State) => [...s.proposals].every(([d, p]) => s.dealStates.has(d) || s.pending.has(proposalKey(p)))
    const r = exploreByKey({ ...specification(c, []), invariants: { pendingWhileInactive } })
    expect(r.violation).toBeUndefined()
    expect(r.distinctStates).toBeGreaterThan(1000)
  })
})
