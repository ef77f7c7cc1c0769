/**
 * Every invariant and the action property of the storage market can fail: each deliberately broken
 * variant of the model (constant `Mutant`, spec/tla/MCStorageMarket_Mutant_*.cfg) is explored, and
 * the explorer must find the violation TLC found — the same invariant or property, with a
 * shortest trace of the same length (both search breadth first) — while the same bounds with the
 * actor as it is violate nothing.
 */
import { readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import { Invariants, type Mutant, Mutants, Properties, specification } from "../../src/model/StorageMarket.js"
import { loadConfig, storageMarketConstants } from "./_checkConfigs.js"

const names = Object.keys(Mutants) as Array<Exclude<Mutant, "None">>

describe("mutants: a broken market breaks the invariant or property meant to catch it", () => {
  it("every invariant and property has a mutant that breaks it, and every mutant has its configuration", () => {
    const broken = new Set(Object.values(Mutants).map((m) => m.breaks))
    expect([...Object.keys(Invariants), ...Object.keys(Properties)].filter((n) => !broken.has(n as never))).toEqual([])
    const configs = readdirSync(new URL("../../spec/tla/", import.meta.url)).filter((f) => /^MCStorageMarket_Mutant_\w+\.cfg$/.test(f))
    expect(configs.map((f) => f.replace(/^MCStorageMarket_Mutant_|\.cfg$/g, "")).sort()).toEqual([...names].sort())
  })

  it.each(names)("%s: the explorer finds the violation TLC found", (mutant) => {
    const name = `MCStorageMarket_Mutant_${mutant}`
    const { cfg, expected } = loadConfig(name)
    const c = storageMarketConstants(name)
    expect(c.Mutant).toBe(mutant)
    expect([...cfg.invariants, ...cfg.properties]).toEqual([Mutants[mutant].breaks])
    const r = explore(specification(c, [...cfg.invariants, ...cfg.properties]))
    expect(expected.violation?.name).toBe(Mutants[mutant].breaks)
    expect(r.violation && { kind: r.violation.kind, name: r.violation.name, traceLength: r.violation.trace.length }).toEqual(expected.violation)
  })

  it.each(names)("%s: the same bounds with the actor as it is violate nothing", (mutant) => {
    const c = storageMarketConstants(`MCStorageMarket_Mutant_${mutant}`)
    expect(explore(specification({ ...c, Mutant: "None" })).violation).toBeUndefined()
  })

  // Why the client-side safety is stated against what the client signed: accepting a forged
  // signature keeps the market's books consistent — every invariant that restates an accounting
  // rule of the actor holds — and only the invariant stated against the client's consent fails.
  const accounting = ["TypeOK", "EscrowConserved", "LockedWithinBalance", "LockedMatchesDeals", "NoPaymentBeforeActivation",
    "PaidAtMostTotalPrice", "OnlyPublishedDealsActivate", "NoDoubleRedemption", "NoPaymentAfterSlash"]
  it.each(["SkipSignatureCheck", "SkipVoucherSignatureCheck"] as const)("%s passes every accounting invariant; only the one stated against the client's consent catches it", (mutant) => {
    const c = storageMarketConstants(`MCStorageMarket_Mutant_${mutant}`)
    expect(explore(specification(c, accounting)).violation).toBeUndefined()
    expect(explore(specification(c, [Mutants[mutant].breaks])).violation?.name).toBe(Mutants[mutant].breaks)
  })
})
