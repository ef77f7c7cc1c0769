import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  AddToSector, Aligned, Conjuncts, type Constants, DealPlacedOnce, EveryPackedPieceHasValidPIP, FitsInSector, Init,
  NoOverlap, PackDealIntoSector, PackSector, type State, TypeOK, VerifyPIP, key, specification
} from "../../src/model/SectorPacking.js"
import { explore } from "../../src/model/explore.js"
import { loadConfig, sectorPackingConstants, tlaConjuncts } from "./_checkConfigs.js"

const tiny = sectorPackingConstants("MCSectorPacking_Tiny")
const wide: Constants = { Sectors: [1, 2], SectorSize: 8, DealsOfSize1: [1, 2], DealsOfSize2: [3], DealsOfSize4: [4], DealsOfSize8: [5, 6] }

const run = (c: Constants, steps: Array<(s: State) => Result.Result<State, unknown>>): State =>
  steps.reduce((s, f) => Result.getOrThrow(f(s)), Init())

describe("TLC configurations", () => {
  it("Tiny: the explorer reproduces TLC's counts", () => {
    const { expected } = loadConfig("MCSectorPacking_Tiny")
    const r = explore(specification(tiny))
    expect(r.violation).toBeUndefined()
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([expected.distinctStates, expected.statesGenerated, expected.depth])
  })
  it.each(["MCSectorPacking_Tiny", "MCSectorPacking_Large"])("%s checks exactly the model's invariants", (name) => {
    const { cfg, expected } = loadConfig(name)
    expect([...cfg.invariants].sort()).toEqual(Object.keys(specification(tiny).invariants).sort())
    expect(expected.invariants).toEqual(cfg.invariants)
  })
  it.each(Object.keys(Conjuncts) as Array<keyof typeof Conjuncts>)("%s has the TLA+ conjuncts in the same order", (action) => {
    expect(tlaConjuncts("SectorPacking", action)).toEqual(Conjuncts[action])
  })
})

describe("actions", () => {
  it("packs two pieces and issues PIPs that verify", () => {
    const s = run(wide, [
      (s) => AddToSector(wide, s, { d: 3 }), (s) => AddToSector(wide, s, { d: 1 }),
      (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 2 }), (s) => PackDealIntoSector(wide, s, { d: 1, s: 1, o: 0 }),
      (s) => PackSector(wide, s, { s: 1 })
    ])
    expect(s.pips.get(3)).toEqual({ sector: 1, offset: 2, size: 2, root: [[1, 0], [3, 2]] })
    expect(VerifyPIP(wide, s, 3, s.pips.get(3)!)).toBe(true)
    // a proof moved to another offset, another deal, or another sector does not verify
    expect(VerifyPIP(wide, s, 3, { ...s.pips.get(3)!, offset: 4 })).toBe(false)
    expect(VerifyPIP(wide, s, 1, s.pips.get(3)!)).toBe(false)
    expect(VerifyPIP(wide, s, 3, { ...s.pips.get(3)!, sector: 2 })).toBe(false)
  })

  const queued = run(wide, [(s) => AddToSector(wide, s, { d: 3 }), (s) => AddToSector(wide, s, { d: 4 }), (s) => AddToSector(wide, s, { d: 1 }), (s) => PackDealIntoSector(wide, s, { d: 1, s: 1, o: 2 })])
  const cases: Array<[string, State, (s: State) => Result.Result<State, { _tag: string }>]> = [
    ["DealNotYetAdded", queued, (s) => AddToSector(wide, s, { d: 3 })],
    ["DealNotYetAdded", queued, (s) => AddToSector(wide, s, { d: 1 })],
    ["DealQueued", queued, (s) => PackDealIntoSector(wide, s, { d: 2, s: 1, o: 0 })],
    ["SectorOpen", run(wide, [(s) => Result.succeed(queued), (s) => PackSector(wide, s, { s: 1 })]), (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 4 })],
    ["OffsetAligned", queued, (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 3 })],
    ["PieceFits", queued, (s) => PackDealIntoSector(wide, s, { d: 4, s: 2, o: 8 })],
    ["NoOverlapWith", queued, (s) => PackDealIntoSector(wide, s, { d: 3, s: 1, o: 2 })],
    ["NoOverlapWith", queued, (s) => PackDealIntoSector(wide, s, { d: 4, s: 1, o: 0 })],
    ["SectorNotEmpty", queued, (s) => PackSector(wide, s, { s: 2 })],
    ["SectorOpen", run(wide, [(s) => Result.succeed(queued), (s) => PackSector(wide, s, { s: 1 })]), (s) => PackSector(wide, s, { s: 1 })]
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

describe("invariants hold on random action sequences over wide bounds", () => {
  const deal = fc.constantFrom(1, 2, 3, 4, 5, 6)
  const sector = fc.constantFrom(1, 2)
  const step = fc.oneof(
    deal.map((d) => (s: State) => AddToSector(wide, s, { d })),
    fc.tuple(deal, sector, fc.integer({ min: 0, max: 9 })).map(([d, x, o]) => (s: State) => PackDealIntoSector(wide, s, { d, s: x, o })),
    sector.map((x) => (s: State) => PackSector(wide, s, { s: x }))
  )
  test.prop([fc.array(step, { minLength: 5, maxLength: 40 })])("each step preserves them or changes nothing", (steps) => {
    let s = Init()
    for (const f of steps) {
      const before = key(s)
      const r: Result.Result<State, { readonly _tag: string }> = f(s)
      if (Result.isFailure(r)) { expect(key(s)).toBe(before); continue }
      s = r.success
      expect([TypeOK(wide, s), NoOverlap(wide, s), Aligned(wide, s), FitsInSector(wide, s), EveryPackedPieceHasValidPIP(wide, s), DealPlacedOnce(s)])
        .toEqual([true, true, true, true, true, true])
    }
  })
})
