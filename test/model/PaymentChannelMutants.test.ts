/**
 * Every invariant and action property of the payment channel can fail: each deliberately broken
 * variant of the model (constant `Mutant`, spec/tla/MCPaymentChannel_Mutant_*.cfg) is explored,
 * and the explorer must find the violation TLC found — the same invariant or property, with a
 * shortest trace of the same length (both search breadth first).
 */
import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import { Invariants, type Mutant, Mutants, Properties, specification } from "../../src/model/PaymentChannel.js"
import { loadConfig, paymentChannelConstants } from "./_checkConfigs.js"

const names = Object.keys(Mutants) as Array<Exclude<Mutant, "None">>

describe("mutants: a broken model breaks the invariant or property meant to catch it", () => {
  it("every invariant and property has a mutant that breaks it", () => {
    const broken = new Set(Object.values(Mutants).map((m) => m.breaks))
    expect([...Object.keys(Invariants), ...Object.keys(Properties)].filter((n) => !broken.has(n as never))).toEqual([])
  })

  it.each(names)("%s: the explorer finds the violation TLC found", (mutant) => {
    const name = `MCPaymentChannel_Mutant_${mutant}`
    const { cfg, expected } = loadConfig(name)
    const c = paymentChannelConstants(name)
    expect(c.Mutant).toBe(mutant)
    expect([...cfg.invariants, ...cfg.properties]).toEqual([Mutants[mutant].breaks])
    const r = explore(specification(c, [...cfg.invariants, ...cfg.properties]))
    expect(expected.violation?.name).toBe(Mutants[mutant].breaks)
    expect(r.violation && { kind: r.violation.kind, name: r.violation.name, traceLength: r.violation.trace.length }).toEqual(expected.violation)
  })

  // Why the invariants are stated against what From signed and what Settle promised: the
  // invariants that restate the actor's checks hold in these two broken models.
  it.each(["PayWholeAmount", "SettleWithoutDelay"] as const)("%s passes every invariant that restates a guard; only the new one catches it", (mutant) => {
    const c = paymentChannelConstants(`MCPaymentChannel_Mutant_${mutant}`)
    const restating = ["TypeOK", "RedeemedWithinBalance", "FundsConserved", "NothingAfterCollect", "SettleNotBeforeMinHeight", "NoDoubleRedemption"]
    expect(explore(specification(c, restating)).violation).toBeUndefined()
    expect(explore(specification(c, [Mutants[mutant].breaks])).violation?.name).toBe(Mutants[mutant].breaks)
  })
})
