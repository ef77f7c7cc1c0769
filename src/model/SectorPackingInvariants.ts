/**
 * The invariants of `spec/tla/SectorPacking.tla`, under the same names, and the specification
 * the explorer walks.  Each is stated against the sectors' data and what the provider was given
 * (`given`, `queue`), not against the index the actions check, so that an action that keeps its
 * index and its data apart wrongly — or a proof for another place — breaks one of them.
 *
 * @module
 */
import type { Specification } from "./interface.js"
import {
  type Constants, type Definitions, type SectorPackingStep, type State, type Units, Deals, HeldIn, HoldsAt, Next, Offsets,
  Size, Starts, VerifyPIP, Zero, definitions, key, Init, once
} from "./SectorPacking.js"
import { decode, encode } from "./SectorPackingEncoding.js"

/** TLA+ `\A x \in xs : p(x)` over a set or map, without copying it. */
const every = <T>(xs: Iterable<T>, p: (x: T) => boolean): boolean => {
  for (const x of xs) if (!p(x)) return false
  return true
}

const isChunk = (deals: ReadonlySet<number>, [d, i]: readonly [number, number]): boolean =>
  (d === Zero[0] && i === Zero[1]) || (deals.has(d) && Number.isInteger(i) && i >= 0 && i <= 7)
const isUnits = (c: Constants, deals: ReadonlySet<number>, u: Units): boolean => {
  if (u.length !== c.SectorSize) return false
  for (let k = 0; k < u.length; k++) if (!isChunk(deals, u[k]!)) return false
  return true
}
const PipSizes: ReadonlyArray<number> = [1, 2, 4, 8]
const isOffset = (c: Constants, o: number): boolean => Number.isInteger(o) && o >= 0 && o < c.SectorSize

/** TLA+ `Deals`, as a set (made once per constants). */
const DealSet = once((c): ReadonlySet<number> => new Set(Deals(c)))

/** TLA+ `TypeOK`, clause by clause. */
export const TypeOK = (c: Constants, s: State): boolean => {
  const deals = DealSet(c)
  for (const d of s.given) if (!deals.has(d)) return false
  for (const d of s.queue) if (!s.given.has(d)) return false
  for (const [d, p] of s.placed) if (!s.given.has(d) || !c.Sectors.includes(p.sector) || !isOffset(c, p.offset)) return false
  if (s.data.size !== c.Sectors.length) return false
  for (const x of c.Sectors) {
    const units = s.data.get(x)
    if (units === undefined || !isUnits(c, deals, units)) return false
  }
  for (const x of s.packed) if (!c.Sectors.includes(x)) return false
  for (const [d, p] of s.pips) {
    if (!s.placed.has(d) || !c.Sectors.includes(p.sector) || !isOffset(c, p.offset) || !PipSizes.includes(p.size)) return false
    // a root that is a sector's data (as the model's PIPs are) was checked just above
    if (p.root !== s.data.get(p.sector) && !isUnits(c, deals, p.root)) return false
  }
  return true
}

/** TLA+ `NoOverlap`: no piece was overwritten — every deal taken out of the queue has its whole piece in some sector. */
export const NoOverlap = (c: Constants, s: State): boolean =>
  every(s.given, (d) => s.queue.has(d) ||
    c.Sectors.some((x) => Offsets(c).some((o) => HoldsAt(c, s.data.get(x)!, d, o))))

/** TLA+ `Aligned`: every piece a sector holds begins at a multiple of its size. */
export const Aligned = (c: Constants, s: State): boolean =>
  c.Sectors.every((x) => s.data.get(x)!.every(([d, i], u) => (d === Zero[0] && i === Zero[1]) || i !== 0 || u % Size(c, d) === 0))

/** TLA+ `FitsInSector`: a sector holds whole pieces only, none cut off by the sector's end. */
export const FitsInSector = (c: Constants, s: State): boolean =>
  c.Sectors.every((x) => every(HeldIn(s, x), (d) => Offsets(c).some((o) => HoldsAt(c, s.data.get(x)!, d, o))))

/** TLA+ `EveryPackedPieceHasValidPIP`: every piece a packed sector holds has a PIP that verifies against the sector's data. */
export const EveryPackedPieceHasValidPIP = (c: Constants, s: State): boolean =>
  [...s.packed].every((x) => [...HeldIn(s, x)].every((d) => s.pips.has(d) && VerifyPIP(c, s, d, s.pips.get(d)!)))

/** TLA+ `DealPlacedOnce`: a deal's piece is in at most one place, and only once the deal was handed over and left the queue. */
export const DealPlacedOnce = (c: Constants, s: State): boolean =>
  Deals(c).every((d) => {
    const starts = Starts(c, s, d)
    return starts.length <= 1 && (starts.length === 0 || (s.given.has(d) && !s.queue.has(d)))
  })

/** The invariants, by TLA+ name, in the order of the configurations' INVARIANTS line. */
export const invariants = {
  TypeOK, NoOverlap, Aligned, FitsInSector, EveryPackedPieceHasValidPIP, DealPlacedOnce
} as const satisfies Record<string, (c: Constants, s: State) => boolean>
/** An invariant's name. */
export type Invariant = keyof typeof invariants

/**
 * The specification for the explorer: under `defs` (a mutant's definitions, or the module's
 * own), checking `checked` (the configuration's INVARIANTS; all of them by default).
 *
 * @category models
 * @since 0.1.0
 */
export const specification = (
  c: Constants, defs: Definitions = definitions, checked: ReadonlyArray<Invariant> = Object.keys(invariants) as Array<Invariant>
): Specification<State, SectorPackingStep["args"]> => ({
  name: "SectorPacking",
  Init: [Init(c)],
  Next: Next(c, defs),
  key,
  encode,
  decode,
  invariants: Object.fromEntries(checked.map((name) => [name, (s: State) => invariants[name](c, s)])),
  properties: {}
})
