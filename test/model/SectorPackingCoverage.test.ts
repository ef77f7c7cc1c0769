/**
 * Every enabling conjunct of every SectorPacking action both holds and fails somewhere in the
 * state space of a TLC configuration (conjuncts evaluated in order, as TLC does): a guard no
 * configuration ever falsifies is one TLC never checked.
 */
import { describe, expect, it } from "vitest"
import { Conjuncts } from "../../src/model/SectorPacking.js"
import { type ConjunctCount, conjunctCoverage, reachable, sectorPackingCoverage } from "../../src/model/SectorPackingCoverage.js"
import type { Specification } from "../../src/model/interface.js"
import { sectorPackingConstants } from "./_checkConfigs.js"

describe("conjunct coverage, generic", () => {
  it("counts a conjunct only when the ones before it held", () => {
    // Hand count: states 0..3 (a counter below 4), one action with argument k ∈ {0, 1} and conjuncts
    // A: s ≥ k, B: s < 3. A fails at (0, 1) only → held 7, failed 1. B is evaluated on the 7 where A
    // held and fails at s = 3 for k = 0 and k = 1 → held 5, failed 2.
    const counter: Specification<number> = {
      name: "Counter", Init: [0], key: String, invariants: {}, properties: {},
      Next: function* (s) { if (s < 3) yield { action: "Inc", args: {}, state: s + 1 } }
    }
    const states = reachable(counter)
    expect(states).toEqual([0, 1, 2, 3])
    const counts = conjunctCoverage([{
      name: "Act", conjuncts: ["A", "B"],
      outcomes: (s: number) => [0, 1].map((k) => (s < k ? 0 : s >= 3 ? 1 : 2))
    }], states)
    expect(counts).toEqual([{ action: "Act", conjunct: "A", held: 7, failed: 1 }, { action: "Act", conjunct: "B", held: 5, failed: 2 }])
  })
})

describe("SectorPacking conjunct coverage", () => {
  const tiny = sectorPackingCoverage(sectorPackingConstants("MCSectorPacking_Tiny"))
  const report = (counts: ReadonlyArray<ConjunctCount>) => counts.map((c) => `${c.action}.${c.conjunct}: held ${c.held}, failed ${c.failed}`).join("\n")

  it("lists every conjunct of every action", () => {
    expect(tiny.map((c) => [c.action, c.conjunct])).toEqual(Object.entries(Conjuncts).flatMap(([a, cs]) => cs.map((c) => [a, c])))
  })
  it("Tiny: every conjunct both holds and fails", () => {
    const never = tiny.filter((c) => c.held === 0 || c.failed === 0)
    expect(never.map((c) => `${c.action}.${c.conjunct}`), report(tiny)).toEqual([])
  })
})
