/**
 * Sector packing, as pure state transitions: the TypeScript mirror of
 * `spec/tla/SectorPacking.tla` — the provider's sector indexing placing deals' pieces in sectors
 * at aligned offsets and answering each with a piece inclusion proof (PIP) when the sector is
 * packed.  Same constants, variables, actions (conjuncts in the same order), `Init`, `Next` and
 * invariants, under the same names.
 *
 * Source: the spec's storage flow, "Adding the deal to a sector" (MadeDeal → AddToSector →
 * PackDealIntoSector → PackSector → DealInSector); the alignment rule of CommD
 * (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2
 * `get_required_padding`) and the plain PIP (filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1).
 *
 * @module
 */
import { Data, Result } from "effect"
import { type Guard as G, conjunctNames, firstFailing, ifEnabled } from "./_action.js"
import type { Specification, Step } from "./interface.js"

// ---------------------------------------------------------------------------------------------
// Constants and state
// ---------------------------------------------------------------------------------------------

/** The TLA+ CONSTANTS. Sizes are in units of the smallest padded piece (128 bytes). */
export interface Constants {
  readonly Sectors: ReadonlyArray<number>
  readonly SectorSize: number
  readonly DealsOfSize1: ReadonlyArray<number>
  readonly DealsOfSize2: ReadonlyArray<number>
  readonly DealsOfSize4: ReadonlyArray<number>
  readonly DealsOfSize8: ReadonlyArray<number>
}

/** Where a deal's piece sits. */
export interface Placement {
  readonly sector: number
  readonly offset: number
}

/** TLA+ PIP record: the sector, offset, size, and the root (abstract CommD: the sector's placements). */
export interface Pip {
  readonly sector: number
  readonly offset: number
  readonly size: number
  /** `<<deal, offset>>` pairs, sorted by deal. */
  readonly root: ReadonlyArray<readonly [number, number]>
}

/** The TLA+ VARIABLES, exactly. */
export interface State {
  readonly queue: ReadonlySet<number>
  readonly placed: ReadonlyMap<number, Placement>
  readonly packed: ReadonlySet<number>
  readonly pips: ReadonlyMap<number, Pip>
}

/** The TLA+ actions. */
export type Action = "AddToSector" | "PackDealIntoSector" | "PackSector"

/** The arguments of every action. */
export interface ActionArgs {
  readonly AddToSector: { readonly d: number }
  readonly PackDealIntoSector: { readonly d: number; readonly s: number; readonly o: number }
  readonly PackSector: { readonly s: number }
}

// ---------------------------------------------------------------------------------------------
// Errors: one per enabling conjunct
// ---------------------------------------------------------------------------------------------

interface Details {
  readonly action: Action
  readonly reason: string
}
/** TLA+ `DealNotYetAdded(d)`: a deal is handed to sector indexing once. */
export class DealNotYetAdded extends Data.TaggedError("DealNotYetAdded")<Details> {}
/** TLA+ `DealQueued(d)`: only a deal waiting for a sector can be placed. */
export class DealQueued extends Data.TaggedError("DealQueued")<Details> {}
/** TLA+ `SectorOpen(s)`: a packed sector takes no more pieces and is packed once. */
export class SectorOpen extends Data.TaggedError("SectorOpen")<Details> {}
/** TLA+ `OffsetAligned(d, o)`: a piece sits at a multiple of its size. */
export class OffsetAligned extends Data.TaggedError("OffsetAligned")<Details> {}
/** TLA+ `PieceFits(d, o)`: a piece lies inside the sector. */
export class PieceFits extends Data.TaggedError("PieceFits")<Details> {}
/** TLA+ `NoOverlapWith(d, s, o)`: a piece shares no unit with the pieces already in the sector. */
export class NoOverlapWith extends Data.TaggedError("NoOverlapWith")<Details> {}
/** TLA+ `SectorNotEmpty(s)`: an empty sector is not packed. */
export class SectorNotEmpty extends Data.TaggedError("SectorNotEmpty")<Details> {}

const classes = { DealNotYetAdded, DealQueued, SectorOpen, OffsetAligned, PieceFits, NoOverlapWith, SectorNotEmpty } as const
/** The name of an enabling conjunct. */
export type Operator = keyof typeof classes
/** Why a sector-packing action is not enabled. */
export type SectorPackingNotEnabled = InstanceType<(typeof classes)[Operator]>
/** The error of conjunct `Op`. */
export type NotEnabledOf<Op extends Operator> = InstanceType<(typeof classes)[Op]>
/** The conjuncts of each action, as types: an action's error is the union of theirs. */
export interface ActionOperators {
  readonly AddToSector: "DealNotYetAdded"
  readonly PackDealIntoSector: "DealQueued" | "SectorOpen" | "OffsetAligned" | "PieceFits" | "NoOverlapWith"
  readonly PackSector: "SectorOpen" | "SectorNotEmpty"
}
/** Why `AddToSector` is not enabled. */
export type AddToSectorNotEnabled = NotEnabledOf<ActionOperators["AddToSector"]>
/** Why `PackDealIntoSector` is not enabled. */
export type PackDealIntoSectorNotEnabled = NotEnabledOf<ActionOperators["PackDealIntoSector"]>
/** Why `PackSector` is not enabled. */
export type PackSectorNotEnabled = NotEnabledOf<ActionOperators["PackSector"]>

// ---------------------------------------------------------------------------------------------
// Helpers (TLA+ operators that are not checks)
// ---------------------------------------------------------------------------------------------

/** TLA+ `Deals`. */
export const Deals = (c: Constants): ReadonlyArray<number> => [...c.DealsOfSize1, ...c.DealsOfSize2, ...c.DealsOfSize4, ...c.DealsOfSize8].sort((a, b) => a - b)

/** TLA+ `Size(d)`. */
export const Size = (c: Constants, d: number): number =>
  c.DealsOfSize1.includes(d) ? 1 : c.DealsOfSize2.includes(d) ? 2 : c.DealsOfSize4.includes(d) ? 4 : 8

/** TLA+ `Offsets`. */
export const Offsets = (c: Constants): ReadonlyArray<number> => Array.from({ length: c.SectorSize }, (_, i) => i)

/** TLA+ `DealsIn(s)`, sorted. */
export const DealsIn = (s: State, sector: number): Array<number> =>
  [...s.placed].filter(([, p]) => p.sector === sector).map(([d]) => d).sort((a, b) => a - b)

/** TLA+ `Layout(s)`: the abstract commitment of a sector. */
export const Layout = (s: State, sector: number): Pip["root"] => DealsIn(s, sector).map((d) => [d, s.placed.get(d)!.offset] as const)

/** TLA+ `Overlap(o1, n1, o2, n2)`. */
export const Overlap = (o1: number, n1: number, o2: number, n2: number): boolean => o1 < o2 + n2 && o2 < o1 + n1

const sameRoot = (a: Pip["root"], b: Pip["root"]): boolean =>
  a.length === b.length && a.every(([d, o], i) => b[i]![0] === d && b[i]![1] === o)

/** TLA+ `VerifyPIP(d, p)`: does proof p show deal d's piece inside a packed sector? */
export const VerifyPIP = (c: Constants, s: State, d: number, p: Pip): boolean =>
  s.packed.has(p.sector) && p.size === Size(c, d) && p.offset % p.size === 0 && p.offset + p.size <= c.SectorSize &&
  sameRoot(p.root, Layout(s, p.sector)) && p.root.some(([e, o]) => e === d && o === p.offset)

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

type Guard<A, Op extends Operator = Operator> = G<Constants, State, A, Op>
type Effect<A> = (c: Constants, s: State, a: A) => State

const AddToSectorGuards: ReadonlyArray<Guard<ActionArgs["AddToSector"], ActionOperators["AddToSector"]>> = [
  ["DealNotYetAdded", (_, s, { d }) => !s.queue.has(d) && !s.placed.has(d)]
]
const PackDealIntoSectorGuards: ReadonlyArray<Guard<ActionArgs["PackDealIntoSector"], ActionOperators["PackDealIntoSector"]>> = [
  ["DealQueued", (_, s, { d }) => s.queue.has(d)],
  ["SectorOpen", (_, s, a) => !s.packed.has(a.s)],
  ["OffsetAligned", (c, _, { d, o }) => o % Size(c, d) === 0],
  ["PieceFits", (c, _, { d, o }) => o + Size(c, d) <= c.SectorSize],
  ["NoOverlapWith", (c, s, { d, s: sector, o }) => DealsIn(s, sector).every((e) => !Overlap(o, Size(c, d), s.placed.get(e)!.offset, Size(c, e)))]
]
const PackSectorGuards: ReadonlyArray<Guard<ActionArgs["PackSector"], ActionOperators["PackSector"]>> = [
  ["SectorOpen", (_, s, a) => !s.packed.has(a.s)],
  ["SectorNotEmpty", (_, s, a) => DealsIn(s, a.s).length > 0]
]

const AddToSectorEffect: Effect<ActionArgs["AddToSector"]> = (_, s, { d }) => ({ ...s, queue: new Set([...s.queue, d]) })
const PackDealIntoSectorEffect: Effect<ActionArgs["PackDealIntoSector"]> = (_, s, { d, s: sector, o }) => ({
  ...s,
  queue: new Set([...s.queue].filter((e) => e !== d)),
  placed: new Map([...s.placed, [d, { sector, offset: o }]])
})
const PackSectorEffect: Effect<ActionArgs["PackSector"]> = (c, s, { s: sector }) => {
  const root = Layout(s, sector)
  const pips = new Map(s.pips)
  for (const d of DealsIn(s, sector)) pips.set(d, { sector, offset: s.placed.get(d)!.offset, size: Size(c, d), root })
  return { ...s, packed: new Set([...s.packed, sector]), pips }
}

const show = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v))

const take = <A, Op extends Operator>(action: Action, guards: ReadonlyArray<Guard<A, Op>>, effect: Effect<A>) =>
  (c: Constants, s: State, a: A): Result.Result<State, NotEnabledOf<Op>> => {
    const failed = firstFailing(guards, c, s, a)
    return failed === undefined
      ? Result.succeed(effect(c, s, a))
      : Result.fail(new classes[failed]({ action, reason: `${action}: ${failed} does not hold (arguments ${show(a)}, state ${show(s)})` }) as NotEnabledOf<Op>)
  }

/** TLA+ `Init`: nothing added, placed or packed. */
export const Init = (): State => ({ queue: new Set(), placed: new Map(), packed: new Set(), pips: new Map() })

/**
 * TLA+ `AddToSector(d)`: the mining subsystem takes a made deal for packing.
 *
 * @category actions
 * @since 0.1.0
 */
export const AddToSector = take("AddToSector", AddToSectorGuards, AddToSectorEffect)

/**
 * TLA+ `PackDealIntoSector(d, s, o)`: sector indexing places deal d's piece in sector s at offset o.
 *
 * @category actions
 * @since 0.1.0
 */
export const PackDealIntoSector = take("PackDealIntoSector", PackDealIntoSectorGuards, PackDealIntoSectorEffect)

/**
 * TLA+ `PackSector(s)`: the sector closes and every piece in it gets its PIP.
 *
 * @category actions
 * @since 0.1.0
 */
export const PackSector = take("PackSector", PackSectorGuards, PackSectorEffect)

/** Each action's enabling conjuncts, in order (checked against the .tla text by the tests). */
export const Conjuncts: Readonly<Record<Action, ReadonlyArray<Operator>>> = {
  AddToSector: conjunctNames(AddToSectorGuards),
  PackDealIntoSector: conjunctNames(PackDealIntoSectorGuards),
  PackSector: conjunctNames(PackSectorGuards)
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/** TLA+ `TypeOK`. */
export const TypeOK = (c: Constants, s: State): boolean => {
  const deals = new Set(Deals(c))
  return [...s.queue].every((d) => deals.has(d)) &&
    [...s.placed].every(([d, p]) => deals.has(d) && c.Sectors.includes(p.sector) && p.offset >= 0 && p.offset < c.SectorSize) &&
    [...s.packed].every((x) => c.Sectors.includes(x)) &&
    [...s.pips.keys()].every((d) => s.placed.has(d))
}

/** TLA+ `NoOverlap`: no two pieces in a sector share a unit. */
export const NoOverlap = (c: Constants, s: State): boolean =>
  [...s.placed].every(([d, p]) => [...s.placed].every(([e, q]) =>
    d === e || p.sector !== q.sector || !Overlap(p.offset, Size(c, d), q.offset, Size(c, e))))

/** TLA+ `Aligned`: every piece sits at a multiple of its size. */
export const Aligned = (c: Constants, s: State): boolean => [...s.placed].every(([d, p]) => p.offset % Size(c, d) === 0)

/** TLA+ `FitsInSector`: every piece lies inside its sector. */
export const FitsInSector = (c: Constants, s: State): boolean => [...s.placed].every(([d, p]) => p.offset + Size(c, d) <= c.SectorSize)

/** TLA+ `EveryPackedPieceHasValidPIP`. */
export const EveryPackedPieceHasValidPIP = (c: Constants, s: State): boolean =>
  [...s.packed].every((sector) => DealsIn(s, sector).every((d) => s.pips.has(d) && VerifyPIP(c, s, d, s.pips.get(d)!)))

/** TLA+ `DealPlacedOnce`: a deal is in the queue or in one sector, not both. */
export const DealPlacedOnce = (s: State): boolean => [...s.queue].every((d) => !s.placed.has(d))

// ---------------------------------------------------------------------------------------------
// Next and the specification
// ---------------------------------------------------------------------------------------------

/** An action name with its arguments, as `Next` yields them. */
export type SectorPackingStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/** TLA+ `Next`: every enabled (action, arguments), in the disjunction's order. */
export const Next = (c: Constants) => function* (s: State): Generator<SectorPackingStep> {
  const deals = Deals(c)
  for (const d of deals) {
    const t = ifEnabled(AddToSectorGuards, AddToSectorEffect, c, s, { d })
    if (t !== undefined) yield { action: "AddToSector", args: { d }, state: t }
  }
  for (const d of deals) for (const sector of c.Sectors) for (const o of Offsets(c)) {
    const args = { d, s: sector, o }
    const t = ifEnabled(PackDealIntoSectorGuards, PackDealIntoSectorEffect, c, s, args)
    if (t !== undefined) yield { action: "PackDealIntoSector", args, state: t }
  }
  for (const sector of c.Sectors) {
    const t = ifEnabled(PackSectorGuards, PackSectorEffect, c, s, { s: sector })
    if (t !== undefined) yield { action: "PackSector", args: { s: sector }, state: t }
  }
}

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => {
  const sorted = <T>(xs: Iterable<T>, k: (x: T) => number) => [...xs].sort((a, b) => k(a) - k(b))
  const placed = sorted(s.placed, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}`).join(",")
  const pips = sorted(s.pips, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}:${p.size}:${p.root.map(([e, o]) => `${e}.${o}`).join("+")}`).join(",")
  return `${sorted(s.queue, (d) => d).join(",")}|${placed}|${sorted(s.packed, (x) => x).join(",")}|${pips}`
}

/** The specification for the explorer. */
export const specification = (c: Constants): Specification<State, SectorPackingStep["args"]> => ({
  name: "SectorPacking",
  Init: [Init()],
  Next: Next(c),
  key,
  invariants: {
    TypeOK: (s) => TypeOK(c, s),
    NoOverlap: (s) => NoOverlap(c, s),
    Aligned: (s) => Aligned(c, s),
    FitsInSector: (s) => FitsInSector(c, s),
    EveryPackedPieceHasValidPIP: (s) => EveryPackedPieceHasValidPIP(c, s),
    DealPlacedOnce
  },
  properties: {}
})
