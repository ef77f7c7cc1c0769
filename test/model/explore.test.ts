import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import type { Specification } from "../../src/model/interface.js"

/** Two counters a, b in 0..2, each incremented separately: 9 states; by hand, 1 + 2×(states with a<2 or b<2)… */
const grid = (limit: number, invariant: (s: readonly [number, number]) => boolean = () => true): Specification<readonly [number, number]> => ({
  name: "Grid",
  Init: [[0, 0]],
  key: (s) => s.join(","),
  invariants: { Inv: invariant },
  properties: {},
  Next: function* ([a, b]) {
    if (a < limit) yield { action: "IncA", args: {}, state: [a + 1, b] as const }
    if (b < limit) yield { action: "IncB", args: {}, state: [a, b + 1] as const }
  }
})

describe("explore", () => {
  it("counts distinct states, generated states and depth as TLC defines them", () => {
    // Hand derivation for limit 2: states are (a, b) ∈ 0..2 × 0..2 → 9 distinct. Each state has one
    // successor per counter below 2: 6 states with a < 2 and 6 with b < 2 → 12 successors, plus the
    // initial state → 13 generated. Levels are a + b = 0..4 → depth 5.
    expect(explore(grid(2))).toEqual({ distinctStates: 9, statesGenerated: 13, depth: 5 })
  })

  it("returns the shortest trace to a broken invariant", () => {
    const r = explore(grid(3, ([a, b]) => a + b < 2))
    expect(r.violation?.name).toBe("Inv")
    expect(r.violation?.kind).toBe("invariant")
    // Breadth first: the first state with a + b = 2 is found at level 3 (two steps from Init).
    expect(r.violation?.trace.map((t) => t.state)).toEqual([[0, 0], [1, 0], [2, 0]])
    expect(r.violation?.trace.slice(1).map((t) => t.action)).toEqual(["IncA", "IncA"])
  })

  it("checks action properties on every step, also into states already seen", () => {
    const spec: Specification<number> = {
      name: "Loop", Init: [0], key: String, invariants: {},
      properties: { NeverBackToZero: (_, t) => t !== 0 },
      Next: function* (n) { yield { action: "Flip", args: {}, state: n === 0 ? 1 : 0 } }
    }
    const r = explore(spec)
    expect(r.violation).toMatchObject({ kind: "property", name: "NeverBackToZero" })
    expect(r.violation?.trace.map((t) => t.state)).toEqual([0, 1, 0])
  })
})
