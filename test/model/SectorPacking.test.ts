import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  AddToSector, type Chunk, Conjuncts, type Constants, Init, PackDealIntoSector, PackSector, type State, VerifyPIP, Zero, key
} from "../../src/model/SectorPacking.js"
import {
  Aligned, DealPlacedOnce, EveryPackedPieceHasValidPIP, FitsInSector, NoOverlap, TypeOK, invariants, specification
} from "../../src/model/SectorPackingInvariants.js"
import { explore } from "../../src/model/explore.js"
import { loadConfig, sectorPackingConstants, tlaConjuncts } from "./_checkConfigs.js"

const tiny = sectorPackingConstants("MCSectorPacking_Tiny")
const wide: Constants = { Sectors: [1, 2], SectorSize: 8, DealsOfSize1: [1, 2], DealsOfSize2: [3], DealsOfSize4: [4], DealsOfSize8: [5, 6] }

const run = (c: Constants, steps: Array<(s: State) => Result.Result<State, unknown>>): State =>
  steps.reduce((s, f) => Result.getOrThrow(f(s)), Init(c))

const allHold = (c: Constants, s: State) => Object.values(invariants).map((inv) => inv(c, s))

describe("TLC configurations", () => {
  it("Tiny: the explorer reproduces TLC's counts", () => {
    const { expected } = loadConfig("MCSectorPacking_Tiny")
    const r = explore(specification(tiny))
    expect(r.violation).toBeUndefined()
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([expected.distinctStates, expected.statesGenerated, expected.depth])
  })
  it.each(["MCSectorPacking_Tiny", "MCSectorPacking_Large"])("%s checks exactly the model's invariants", (name) => {
    const { cfg, expected } = loadConfig(name)
    expect([...cfg.invariants].sort()).toEqual(Object.keys(invariants).sort())
    expect(expected.invariants).toEqual(cfg.invariants)
  })
  it.each(Object.keys(Conjuncts) as Array<keyof typeof Conjuncts>)("%s has the TLA+ conjuncts in the same order", (action) => {
    expect(tlaConjuncts("SectorPacking", action)).toEqual(Conjuncts[action])
  })
})

describe("actions", () => {
  it("writes the pieces into the sector's data and issues PIPs that verify against it", () => {
    const s = run(wide, [
      (s) => AddToSector(wide, s, { d: 3 }), (s) => AddToSector(wide, s, { d: 1 }),
      (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 2 }), (s) => PackDealIntoSector(wide, s, { d: 1, s: 1, o: 0 }),
      (s) => PackSector(wide, s, { s: 1 })
    ])
    // by hand: deal 1 (1 unit) at unit 0, deal 3 (2 units) at units 2 and 3, zeros elsewhere
    const image: Array<Chunk> = [[1, 0], Zero, [3, 0], [3, 1], Zero, Zero, Zero, Zero]
    expect(s.data.get(1)).toEqual(image)
    expect(s.data.get(2)).toEqual(Array(8).fill(Zero))
    expect(s.pips.get(3)).toEqual({ sector: 1, offset: 2, size: 2, root: image })
    expect(VerifyPIP(wide, s, 3, s.pips.get(3)!)).toBe(true)
    // a proof moved to another offset, used for another deal, or pointed at another sector does not verify
    expect(VerifyPIP(wide, s, 3, { ...s.pips.get(3)!, offset: 4 })).toBe(false)
    expect(VerifyPIP(wide, s, 1, s.pips.get(3)!)).toBe(false)
    expect(VerifyPIP(wide, s, 3, { ...s.pips.get(3)!, sector: 2 })).toBe(false)
  })

  const queued = run(wide, [(s) => AddToSector(wide, s, { d: 3 }), (s) => AddToSector(wide, s, { d: 4 }), (s) => AddToSector(wide, s, { d: 1 }), (s) => PackDealIntoSector(wide, s, { d: 1, s: 1, o: 2 })])
  const packed1 = Result.getOrThrow(PackSector(wide, queued, { s: 1 }))
  const cases: Array<[string, State, (s: State) => Result.Result<State, { _tag: string }>]> = [
    ["DealNotYetAdded", queued, (s) => AddToSector(wide, s, { d: 3 })],
    ["DealNotYetAdded", queued, (s) => AddToSector(wide, s, { d: 1 })],
    ["DealQueued", queued, (s) => PackDealIntoSector(wide, s, { d: 2, s: 1, o: 0 })],
    ["SectorOpen", packed1, (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 4 })],
    ["OffsetAligned", queued, (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 3 })],
    ["PieceFits", queued, (s) => PackDealIntoSector(wide, s, { d: 4, s: 2, o: 8 })],
    ["NoOverlapWith", queued, (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 2 })],
    ["NoOverlapWith", queued, (s) => PackDealIntoSector(wide, s, { d: 4, s: 1, o: 0 })],
    ["SectorNotEmpty", queued, (s) => PackSector(wide, s, { s: 2 })],
    ["SectorOpen", packed1, (s) => PackSector(wide, s, { s: 1 })]
  ]
  it.each(cases)("fails with %s and leaves the state as it was", (tag, s, act) => {
    const before = key(s)
    const r = act(s)
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
    expect(key(s)).toBe(before)
  })
  it("every conjunct is provoked above", () => {
    expect(new Set(cases.map(([t]) => t))).toEqual(new Set(Object.values(Conjuncts).flat()))
  })
})

describe("each invariant fails on a state that violates it", () => {
  // A valid packed state (by hand): deal 1 (1 unit) at unit 0, deal 3 (2 units) at units 2–3 of
  // sector 1; deal 2 still queued; sector 1 packed with both PIPs.
  const image: Array<Chunk> = [[1, 0], Zero, [3, 0], [3, 1], Zero, Zero, Zero, Zero]
  const zeros: Array<Chunk> = Array(8).fill(Zero)
  const good: State = {
    given: new Set([1, 2, 3]), queue: new Set([2]),
    placed: new Map([[1, { sector: 1, offset: 0 }], [3, { sector: 1, offset: 2 }]]),
    data: new Map([[1, image], [2, zeros]]), packed: new Set([1]),
    pips: new Map([[1, { sector: 1, offset: 0, size: 1, root: image }], [3, { sector: 1, offset: 2, size: 2, root: image }]])
  }
  const withData = (units: Array<Chunk>): State => ({ ...good, packed: new Set(), pips: new Map(), data: new Map([[1, units], [2, zeros]]) })
  it("the hand-built state satisfies all of them", () => {
    expect(allHold(wide, good)).toEqual([true, true, true, true, true, true])
  })
  const broken: Array<[keyof typeof invariants, string, State]> = [
    ["TypeOK", "a PIP's size in bytes", { ...good, pips: new Map([...good.pips, [3, { ...good.pips.get(3)!, size: 256 }]]) }],
    ["TypeOK", "a unit past the sector's end", { ...good, data: new Map([[1, [...image, Zero]], [2, zeros]]) }],
    ["NoOverlap", "deal 1 overwritten by deal 2", withData([[2, 0], Zero, [3, 0], [3, 1], Zero, Zero, Zero, Zero])],
    ["NoOverlap", "a placed deal whose piece was never written", withData([Zero, Zero, [3, 0], [3, 1], Zero, Zero, Zero, Zero])],
    ["Aligned", "deal 3 (2 units) from unit 1", withData([[1, 0], [3, 0], [3, 1], Zero, Zero, Zero, Zero, Zero])],
    ["FitsInSector", "deal 4 (4 units) cut off at the end", withData([[1, 0], Zero, [3, 0], [3, 1], Zero, Zero, [4, 0], [4, 1]])],
    ["FitsInSector", "half of deal 3 overwritten", withData([[1, 0], Zero, [2, 0], [3, 1], Zero, Zero, Zero, Zero])],
    ["EveryPackedPieceHasValidPIP", "deal 3's PIP missing", { ...good, pips: new Map([[1, good.pips.get(1)!]]) }],
    ["EveryPackedPieceHasValidPIP", "deal 3's PIP at a wrong offset", { ...good, pips: new Map([...good.pips, [3, { ...good.pips.get(3)!, offset: 4 }]]) }],
    ["EveryPackedPieceHasValidPIP", "deal 3's PIP for sector 2", { ...good, packed: new Set([1, 2]), pips: new Map([...good.pips, [3, { ...good.pips.get(3)!, sector: 2, root: zeros }]]) }],
    ["EveryPackedPieceHasValidPIP", "a piece written after packing", { ...good, data: new Map([[1, [[1, 0], [2, 0], [3, 0], [3, 1], Zero, Zero, Zero, Zero]], [2, zeros]]) }],
    ["DealPlacedOnce", "deal 1 in two places", { ...withData(image), data: new Map([[1, image], [2, [[1, 0], ...zeros.slice(1)]]]) }],
    ["DealPlacedOnce", "queued deal 2 in a sector", withData([[1, 0], [2, 0], [3, 0], [3, 1], Zero, Zero, Zero, Zero])]
  ]
  it.each(broken)("%s: %s", (name, _, s) => {
    expect(invariants[name](wide, s)).toBe(false)
  })
  it("every invariant is broken above", () => {
    expect(new Set(broken.map(([n]) => n))).toEqual(new Set(Object.keys(invariants)))
  })
  it("the named exports are the invariants the specification checks", () => {
    expect(invariants).toEqual({ TypeOK, NoOverlap, Aligned, FitsInSector, EveryPackedPieceHasValidPIP, DealPlacedOnce })
  })
})

describe("invariants hold on random action sequences over wide bounds", () => {
  const deal = fc.constantFrom(1, 2, 3, 4, 5, 6)
  const sector = fc.constantFrom(1, 2)
  const step = fc.oneof(
    deal.map((d) => (s: State) => AddToSector(wide, s, { d })),
    fc.tuple(deal, sector, fc.integer({ min: 0, max: 9 })).map(([d, x, o]) => (s: State) => PackDealIntoSector(wide, s, { d, s: x, o })),
    sector.map((x) => (s: State) => PackSector(wide, s, { s: x }))
  )
  test.prop([fc.array(step, { minLength: 5, maxLength: 40 })], { seed: 7, numRuns: 200 })("each step preserves them or changes nothing", (steps) => {
    let s = Init(wide)
    for (const f of steps) {
      const before = key(s)
      const r: Result.Result<State, { readonly _tag: string }> = f(s)
      if (Result.isFailure(r)) { expect(key(s)).toBe(before); continue }
      s = r.success
      expect(allHold(wide, s)).toEqual([true, true, true, true, true, true])
    }
  })
})
