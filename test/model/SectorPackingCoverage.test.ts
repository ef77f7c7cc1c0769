/**
 * Every enabling conjunct of every SectorPacking action both holds and fails somewhere in the
 * state space of a TLC configuration (conjuncts evaluated in order, as TLC does): a guard no
 * configuration ever falsifies is one TLC never checked.  The counting is `_coverage.ts`, the
 * one coverage implementation both models use.
 */
import { describe, expect, it } from "vitest"
import { action, conjunctsOver, disjunct } from "../../src/model/_action.js"
import { conjunctCoverage, gaps } from "../../src/model/_coverage.js"
import type { Specification } from "../../src/model/interface.js"
import { Conjuncts, disjuncts } from "../../src/model/SectorPacking.js"
import { specification } from "../../src/model/SectorPackingInvariants.js"
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
    const conjunct = conjunctsOver<undefined, number>()
    const A = conjunct("A", "s >= k", "state and args", (_, s, k: number) => s >= k)
    const B = conjunct("B", "s < 3", "state", (_, s) => s < 3)
    const Act = action<undefined, number, number>()("Act", [A, B], (_, s) => s)
    const { coverage } = conjunctCoverage(undefined, counter, [disjunct(Act, [0, 1])])
    expect(Object.fromEntries(coverage.get("Act")!)).toEqual({ A: { held: 7, failed: 1 }, B: { held: 5, failed: 2 } })
  })
})

describe("SectorPacking conjunct coverage", () => {
  const c = sectorPackingConstants("MCSectorPacking_Tiny")
  const { coverage } = conjunctCoverage(c, specification(c, undefined, []), disjuncts(c))

  it("lists every conjunct of every action", () => {
    expect(Object.fromEntries([...coverage].map(([a, t]) => [a, [...t.keys()]]))).toEqual(Conjuncts)
  })
  it("Tiny: every conjunct both holds and fails", () => {
    expect(gaps(coverage)).toEqual([])
  })
})
