/**
 * Configurations exercise every guard: over the reachable states of the coverage configurations
 * (Tiny, Signers, Locks, Merges), every enabling conjunct of every action both holds and is the
 * one that fails somewhere (conjuncts evaluated in order, as the action does).
 */
import { describe, expect, it } from "vitest"
import { conjunctCoverage, gaps, mergeCoverage } from "../../src/model/_coverage.js"
import { Conjuncts, disjuncts, specification } from "../../src/model/PaymentChannel.js"
import { paymentChannelConstants } from "./_checkConfigs.js"

const CONFIGS = ["MCPaymentChannel_Tiny", "MCPaymentChannel_Signers", "MCPaymentChannel_Locks", "MCPaymentChannel_Merges"]

describe("conjunct coverage of the payment-channel configurations", () => {
  const reports = CONFIGS.map((name) => {
    const c = paymentChannelConstants(name)
    return conjunctCoverage(c, specification(c), disjuncts(c))
  })
  const union = mergeCoverage(reports.map((r) => r.coverage))

  it("covers every conjunct of every action", () => {
    expect(Object.fromEntries([...union].map(([a, t]) => [a, [...t.keys()]]))).toEqual(Conjuncts)
  })
  it("every conjunct holds somewhere and fails somewhere", () => {
    expect(gaps(union)).toEqual([])
  })
  it("no configuration alone suffices: each leaves some conjunct unexercised", () => {
    for (const r of reports) expect(gaps(r.coverage).length).toBeGreaterThan(0)
  })
})
