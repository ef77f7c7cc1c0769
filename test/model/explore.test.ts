import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { exploreByKey } from "../../src/model/_exploreReference.js"
import { explore } from "../../src/model/explore.js"
import type { Specification } from "../../src/model/interface.js"
import { specification as paymentChannel } from "../../src/model/PaymentChannel.js"
import { specification as sectorPacking } from "../../src/model/SectorPackingInvariants.js"
import { specification as storageMarket } from "../../src/model/StorageMarket.js"
import { loadConfig, paymentChannelConstants, sectorPackingConstants, storageMarketConstants } from "./_checkConfigs.js"

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

/**
 * The explorer against the reference explorer (`exploreByKey`, the plain Map-of-objects walk of
 * the same definitions): equal results — counts, violation, trace — on random graphs, with and
 * without an `encode` hook, and on the real models' Tiny configurations.
 */
describe("explore equals exploreByKey", () => {
  interface Graph { readonly init: ReadonlyArray<number>; readonly succ: ReadonlyArray<ReadonlyArray<number>> }
  /** A graph of 1..40 nodes, every node with 1..4 successors (duplicates and self-loops allowed), 1..3 initial nodes (duplicates allowed). */
  const graph: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 40 }).chain((n) => fc.record({
    init: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
    succ: fc.array(fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 4 }), { minLength: n, maxLength: n })
  }))
  /** Nodes reachable from the initial ones, in breadth-first order (the test's own walk). */
  const reachable = (g: Graph): Array<number> => {
    const seen = [...new Set(g.init)]
    for (let i = 0; i < seen.length; i++) for (const t of g.succ[seen[i]!]!) if (!seen.includes(t)) seen.push(t)
    return seen
  }
  type Encoded = "key" | "short" | "long" | "decoded"
  const spec = (g: Graph, check: Pick<Specification<number, { to: number }>, "invariants" | "properties">, encoded: Encoded): Specification<number, { to: number }> => ({
    name: "Graph", Init: g.init, key: (s) => `n${s}`, ...check,
    Next: function* (s) { for (const to of g.succ[s]!) yield { action: `Go${to % 3}`, args: { to }, state: to } },
    ...(encoded === "short" ? { encode: (s: number, out: Int32Array) => { out[0] = s; return 1 } } : {}),
    // "long" needs 300 words, more than the explorer's first buffer: it must grow it and retry;
    // "decoded" has the explorer hold no state objects between levels and rebuild each from its words.
    ...(encoded === "long" || encoded === "decoded" ? { encode: (s: number, out: Int32Array) => { for (let i = 0; i < 300; i++) out[i] = s + i; return 300 } } : {}),
    ...(encoded === "decoded" ? { decode: (w: Int32Array) => w[0]! } : {})
  })
  const encodings = fc.constantFrom<Encoded>("key", "short", "long", "decoded")

  test.prop([graph, encodings], { seed: 42, numRuns: 200 })("no violation: the same counts", (g, enc) => {
    const s = spec(g, { invariants: { Any: () => true }, properties: {} }, enc)
    const r = explore(s)
    expect(r).toEqual(exploreByKey(s))
    expect(r.violation).toBeUndefined()
    expect(r.distinctStates).toBe(reachable(g).length)
  })

  test.prop([graph, fc.nat(), encodings], { seed: 43, numRuns: 200 })("a reachable bad node: the same invariant violation and trace", (g, k, enc) => {
    const nodes = reachable(g)
    const bad = nodes[k % nodes.length]!
    const s = spec(g, { invariants: { Fine: () => true, NotBad: (n) => n !== bad }, properties: {} }, enc)
    const r = explore(s)
    expect(r).toEqual(exploreByKey(s))
    expect(r.violation?.kind).toBe("invariant")
    expect(r.violation?.trace.at(-1)?.state).toBe(bad)
  })

  test.prop([graph, fc.nat(), fc.nat(), encodings], { seed: 44, numRuns: 200 })("a reachable bad edge: the same property violation and trace", (g, k, j, enc) => {
    const nodes = reachable(g)
    const from = nodes[k % nodes.length]!
    const to = g.succ[from]![j % g.succ[from]!.length]!
    const s = spec(g, { invariants: {}, properties: { Fine: () => true, NotThatEdge: (a, b) => !(a === from && b === to) } }, enc)
    const r = explore(s)
    expect(r).toEqual(exploreByKey(s))
    expect(r.violation?.kind).toBe("property")
    expect(r.violation?.trace.slice(-2).map((t) => t.state)).toEqual([from, to])
  })

  it("a broken initial state: depth 1 and a one-state trace", () => {
    const s = spec({ init: [3, 1], succ: [[0], [0], [0], [0]] }, { invariants: { NotOne: (n) => n !== 1 }, properties: {} }, "key")
    expect(explore(s)).toEqual({ distinctStates: 2, statesGenerated: 2, depth: 1, violation: { kind: "invariant", name: "NotOne", trace: [{ state: 1 }] } })
    expect(explore(s)).toEqual(exploreByKey(s))
  })

  const tiny = {
    MCPaymentChannel_Tiny: () => paymentChannel(paymentChannelConstants("MCPaymentChannel_Tiny")),
    MCSectorPacking_Tiny: () => sectorPacking(sectorPackingConstants("MCSectorPacking_Tiny")),
    MCStorageMarket_Tiny: () => storageMarket(storageMarketConstants("MCStorageMarket_Tiny"))
  } as const
  it.each(Object.keys(tiny) as Array<keyof typeof tiny>)("%s: TLC's recorded counts, as the reference explorer finds them", (name) => {
    const s = tiny[name]() as Specification<unknown, unknown>
    const r = explore(s)
    const { expected } = loadConfig(name)
    expect(r).toEqual({ distinctStates: expected.distinctStates, statesGenerated: expected.statesGenerated, depth: expected.depth })
    expect(r).toEqual(exploreByKey(s))
  })

  it("MCPaymentChannel_Tiny with a deliberately broken invariant: the same trace through the real model", () => {
    // Collect needs Settle and the settle delay first, so the first state with collected = TRUE
    // lies several levels deep; both explorers must report the same shortest trace to it.
    const base = paymentChannel(paymentChannelConstants("MCPaymentChannel_Tiny"))
    const s = { ...base, invariants: { ...base.invariants, NeverCollected: (st: (typeof base.Init)[number]) => !st.collected } }
    const r = explore(s)
    expect(r.violation?.name).toBe("NeverCollected")
    expect(r.violation?.trace.at(-1)?.action).toBe("Collect")
    expect(r).toEqual(exploreByKey(s))
  })
})
