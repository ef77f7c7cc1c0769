/**
 * Every invariant of SectorPacking can fail: each MCSectorPacking_Mutant_*.cfg substitutes a
 * broken definition (`Op <- Mutant`) and checks one invariant; TLC found a violation of it (the
 * recorded `.expected.json`), and the explorer, under the same substitution and bounds, must find
 * a violation of the same invariant after the same counts, while the unmutated model over the
 * same bounds finds none.
 */
import { readdirSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import { type Invariant, invariants, specification } from "../../src/model/SectorPackingInvariants.js"
import { mutants, withOverrides } from "../../src/model/SectorPackingMutants.js"
import { loadConfig, sectorPackingConstants } from "./_checkConfigs.js"

const configs = readdirSync(new URL("../../spec/tla/", import.meta.url))
  .filter((f) => /^MCSectorPacking_Mutant_\w+\.cfg$/.test(f))
  .map((f) => f.replace(/\.cfg$/, ""))
  .sort()

const mutant = (name: string) => {
  const { cfg, expected } = loadConfig(name)
  return { cfg, expected: expected as typeof expected & { readonly violated: string }, c: sectorPackingConstants(name) }
}

describe("SectorPacking mutants", () => {
  it.each(configs)("%s: TLC and the explorer find the same violation after the same counts", (name) => {
    const { cfg, expected, c } = mutant(name)
    expect(cfg.invariants).toEqual([expected.violated])
    const r = explore(specification(c, Result.getOrThrow(withOverrides(cfg.overrides)), cfg.invariants as Array<Invariant>))
    expect(r.violation?.name).toBe(expected.violated)
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([expected.distinctStates, expected.statesGenerated, expected.depth])
    expect(r.violation!.trace.length).toBe(expected.depth)
  })

  it.each(configs)("%s: without the substitution the same bounds violate nothing", (name) => {
    const { c } = mutant(name)
    expect(explore(specification(c)).violation).toBeUndefined()
  })

  it("every invariant is caught by some mutant", () => {
    expect(new Set(configs.map((n) => mutant(n).expected.violated))).toEqual(new Set(Object.keys(invariants)))
  })

  it("every mutant of the model has its configuration, and every configuration names one", () => {
    const used = configs.map((n) => Object.entries(mutant(n).cfg.overrides).map(([op, by]) => `${op} <- ${by}`)).flat().sort()
    const known = Object.entries(mutants).flatMap(([op, byName]) => Object.keys(byName ?? {}).map((by) => `${op} <- ${by}`)).sort()
    expect(used).toEqual(known)
  })

  it("an unknown substitution is refused with a typed error", () => {
    const r = withOverrides({ OffsetAligned: "NoSuchMutant" })
    expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "UnknownOverride", definition: "OffsetAligned", mutant: "NoSuchMutant" })
  })
})
