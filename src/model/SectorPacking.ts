/**
 * Sector packing, as pure state transitions: the TypeScript mirror of
 * `spec/tla/SectorPacking.tla` — the provider's sector indexing placing deals' pieces in sectors
 * at aligned offsets and answering each with a piece inclusion proof (PIP) when the sector is
 * packed.  Same constants, variables, actions (conjuncts in the same order), `Init`, `Next` and
 * invariants, under the same names.
 *
 * As in the TLA+ module, the index (`placed`, from which PIPs are made) and the sectors' data
 * (`data`, what each 128-byte unit holds) are separate variables, and the invariants
 * (`./SectorPackingInvariants.ts`) are stated against the data and what the provider was given.
 * The definitions a TLC configuration may substitute (`Op <- Mutant`) are looked up in a
 * {@link Definitions} record, so that a mutant of `MCSectorPacking.tla` is the same record with
 * one entry replaced (`./SectorPackingMutants.ts`).
 *
 * Source: the spec's storage flow, "Adding the deal to a sector" (MadeDeal → AddToSector →
 * PackDealIntoSector → PackSector → DealInSector); the alignment rule of CommD
 * (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2
 * `get_required_padding`) and the plain PIP (filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1).
 *
 * @module
 */
import { action, conjunctNamesOf, conjunctsOver, disjunct, type Disjunct, type NotEnabled, nextOf, type OperatorsOf } from "./_action.js"
import { excluding, including, updated, updatedAll } from "./_collections.js"
import type { Step } from "./interface.js"

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

/** Where the index puts a deal's piece. */
export interface Placement {
  readonly sector: number
  readonly offset: number
}

/** TLA+ `<<d, i>>`: unit i of deal d's piece; {@link Zero} for a unit no piece was written to. */
export type Chunk = readonly [deal: number, index: number]
/** TLA+ `Zero`. */
export const Zero: Chunk = [0, 0]
/** A sector's units, `[Offsets -> Chunks]`. */
export type Units = ReadonlyArray<Chunk>

/** TLA+ PIP record: the sector, offset, size, and the root (abstract CommD: the sector's data). */
export interface Pip {
  readonly sector: number
  readonly offset: number
  readonly size: number
  readonly root: Units
}

/** The TLA+ VARIABLES, exactly. */
export interface State {
  readonly given: ReadonlySet<number>
  readonly queue: ReadonlySet<number>
  readonly placed: ReadonlyMap<number, Placement>
  readonly data: ReadonlyMap<number, Units>
  readonly packed: ReadonlySet<number>
  readonly pips: ReadonlyMap<number, Pip>
}

/** The arguments of every action. */
export interface ActionArgs {
  readonly AddToSector: { readonly d: number }
  readonly PackDealIntoSector: { readonly d: number; readonly s: number; readonly o: number }
  readonly PackSector: { readonly s: number }
}

// ---------------------------------------------------------------------------------------------
// Helpers (TLA+ operators that are not checks)
// ---------------------------------------------------------------------------------------------

/** Computes `f(c)` once per constants object (the sets below and the invariants' are read in every state). */
export const once = <T>(f: (c: Constants) => T) => {
  const cache = new WeakMap<Constants, T>()
  let last: Constants | undefined
  let lastValue: T | undefined
  return (c: Constants): T => {
    if (c === last) return lastValue!
    let v = cache.get(c)
    if (v === undefined) cache.set(c, (v = f(c)))
    last = c
    lastValue = v
    return v
  }
}

/** TLA+ `Deals`. */
export const Deals: (c: Constants) => ReadonlyArray<number> =
  once((c) => [...c.DealsOfSize1, ...c.DealsOfSize2, ...c.DealsOfSize4, ...c.DealsOfSize8].sort((a, b) => a - b))

const sizes = once((c) => new Map([...c.DealsOfSize8.map((d) => [d, 8] as const), ...c.DealsOfSize4.map((d) => [d, 4] as const),
  ...c.DealsOfSize2.map((d) => [d, 2] as const), ...c.DealsOfSize1.map((d) => [d, 1] as const)]))

/** TLA+ `Size(d)`: 1, 2 or 4 for the deals of those sets (the first that has it), else 8. */
export const Size = (c: Constants, d: number): number => sizes(c).get(d) ?? 8

/** TLA+ `Offsets`. */
export const Offsets: (c: Constants) => ReadonlyArray<number> = once((c) => Array.from({ length: c.SectorSize }, (_, i) => i))

/** TLA+ `DealsIn(s)`, sorted: the deals the index puts in a sector. */
export const DealsIn = (s: State, sector: number): Array<number> => {
  const out: Array<number> = []
  for (const [d, p] of s.placed) if (p.sector === sector) out.push(d)
  return out.sort((a, b) => a - b)
}

/** TLA+ `Overlap(o1, n1, o2, n2)`. */
export const Overlap = (o1: number, n1: number, o2: number, n2: number): boolean => o1 < o2 + n2 && o2 < o1 + n1

/** TLA+ `Write(s, d, o)`: sector s's data with deal d's piece written from unit o (units past the end are lost). */
export const Write = (c: Constants, s: State, sector: number, d: number, o: number): Units =>
  s.data.get(sector)!.map((chunk, u) => (o <= u && u < o + Size(c, d) ? [d, u - o] as const : chunk))

/** TLA+ `HoldsAt(image, d, o)`: do the units hold deal d's whole piece from unit o? */
export const HoldsAt = (c: Constants, image: Units, d: number, o: number): boolean => {
  // unit o first: most (d, o) fail there, before the deal's size is looked up
  const first = image[o]
  if (first === undefined || first[0] !== d || first[1] !== 0) return false
  for (let i = 1, n = Size(c, d); i < n; i++) {
    const chunk = image[o + i]
    if (chunk === undefined || chunk[0] !== d || chunk[1] !== i) return false
  }
  return true
}

/** TLA+ `HeldIn(s)`: the deals some unit of a sector holds a chunk of. */
export const HeldIn = (s: State, sector: number): ReadonlySet<number> => {
  const held = new Set<number>()
  for (const [d] of s.data.get(sector)!) if (d !== 0) held.add(d)
  return held
}

/** TLA+ `Starts(d)`: where deal d's piece begins in some sector's data, as `[sector, unit]`. */
export const Starts = (c: Constants, s: State, d: number): ReadonlyArray<readonly [number, number]> => {
  const out: Array<readonly [number, number]> = []
  for (const sector of c.Sectors) {
    const units = s.data.get(sector)!
    for (const u of Offsets(c)) if (units[u]![0] === d && units[u]![1] === 0) out.push([sector, u])
  }
  return out
}

/** TLA+ `CommD(s)`: the abstract data commitment of a sector, computed from its data. */
export const CommD = (s: State, sector: number): Units => s.data.get(sector)!

/** Whether two sectors' units are the same value. */
export const sameUnits = (a: Units, b: Units): boolean => {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let u = 0; u < a.length; u++) if (a[u]![0] !== b[u]![0] || a[u]![1] !== b[u]![1]) return false
  return true
}

/** TLA+ `VerifyPIP(d, p)`: does proof p show deal d's piece inside a packed sector? */
export const VerifyPIP = (c: Constants, s: State, d: number, p: Pip): boolean =>
  s.packed.has(p.sector) && sameUnits(p.root, CommD(s, p.sector)) && p.size === Size(c, d) && p.offset % p.size === 0 &&
  HoldsAt(c, p.root, d, p.offset)

// ---------------------------------------------------------------------------------------------
// Enabling conjuncts, and the definitions a configuration can substitute
// ---------------------------------------------------------------------------------------------

const conjunct = conjunctsOver<Constants, State>()
type DArgs = { readonly d: number }
type SArgs = { readonly s: number }
type DOArgs = { readonly d: number; readonly o: number }

/** TLA+ `DealNotYetAdded(d)`. */
export const DealNotYetAdded = conjunct("DealNotYetAdded", "a deal is handed to sector indexing once", "state and part of args",
  ({ d }: DArgs) => d, (_, s, d) => !s.queue.has(d) && !s.placed.has(d))
/** TLA+ `DealQueued(d)`. */
export const DealQueued = conjunct("DealQueued", "only a deal waiting for a sector can be placed", "state and part of args",
  ({ d }: DArgs) => d, (_, s, d) => s.queue.has(d))
/** TLA+ `SectorOpen(s)`. */
export const SectorOpen = conjunct("SectorOpen", "a packed sector takes no more pieces and is packed once", "state and part of args",
  (a: SArgs) => a.s, (_, s, sector) => !s.packed.has(sector))
/** TLA+ `OffsetAligned(d, o)`. */
export const OffsetAligned = conjunct("OffsetAligned", "a piece sits at a multiple of its size", "args", (c, { d, o }: DOArgs) => o % Size(c, d) === 0)
/** TLA+ `PieceFits(d, o)`. */
export const PieceFits = conjunct("PieceFits", "a piece lies inside the sector", "args", (c, { d, o }: DOArgs) => o + Size(c, d) <= c.SectorSize)
/**
 * TLA+ `NoOverlapWith(d, s, o)`: `\A e \in DealsIn(s) : ~Overlap(o, Size(d), placed[e].offset, Size(e))`,
 * over `DOMAIN placed` filtered as `DealsIn` is defined (no set built).
 */
export const NoOverlapWith = conjunct("NoOverlapWith", "a piece shares no unit with the pieces already in the sector", "state and args",
  (c, s, { d, s: sector, o }: ActionArgs["PackDealIntoSector"]) => {
    for (const [e, p] of s.placed) if (p.sector === sector && Overlap(o, Size(c, d), p.offset, Size(c, e))) return false
    return true
  })
/** TLA+ `SectorNotEmpty(s)`: `DealsIn(s) # {}`, some placed deal is in sector s. */
export const SectorNotEmpty = conjunct("SectorNotEmpty", "an empty sector is not packed", "state and part of args",
  (a: SArgs) => a.s, (_, s, sector) => {
    for (const p of s.placed.values()) if (p.sector === sector) return true
    return false
  })

/** TLA+ `Pip(d, s)`: the PIP sector indexing makes for deal d of sector s, from its index. */
export const Pip = (c: Constants, s: State, d: number, sector: number): Pip =>
  ({ sector, offset: s.placed.get(d)!.offset, size: Size(c, d), root: CommD(s, sector) })

/**
 * The TLA+ definitions `MCSectorPacking_Mutant_*.cfg` may replace (`Op <- Mutant`): the enabling
 * conjuncts, and `Pip(d, s)`.
 */
export interface Definitions {
  readonly DealNotYetAdded: typeof DealNotYetAdded
  readonly DealQueued: typeof DealQueued
  readonly SectorOpen: typeof SectorOpen
  readonly OffsetAligned: typeof OffsetAligned
  readonly PieceFits: typeof PieceFits
  readonly NoOverlapWith: typeof NoOverlapWith
  readonly SectorNotEmpty: typeof SectorNotEmpty
  readonly Pip: typeof Pip
}

/** The definitions of `SectorPacking.tla`. */
export const definitions: Definitions = { DealNotYetAdded, DealQueued, SectorOpen, OffsetAligned, PieceFits, NoOverlapWith, SectorNotEmpty, Pip }

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/**
 * The TLA+ actions under `defs`.  `AddToSector(d)`: the mining subsystem takes a made deal for
 * packing.  `PackDealIntoSector(d, s, o)`: sector indexing writes deal d's piece into sector s
 * from unit o and records the placement in its index.  `PackSector(s)`: the sector closes and
 * every piece its index puts in it gets its PIP.
 *
 * @category actions
 * @since 0.2.0
 */
export const actionsOf = (defs: Definitions) => ({
  AddToSector: action<Constants, State, ActionArgs["AddToSector"]>()("AddToSector", [defs.DealNotYetAdded],
    (_, s, { d }) => ({ ...s, given: including(s.given, d), queue: including(s.queue, d) })),
  PackDealIntoSector: action<Constants, State, ActionArgs["PackDealIntoSector"]>()("PackDealIntoSector",
    [defs.DealQueued, defs.SectorOpen, defs.OffsetAligned, defs.PieceFits, defs.NoOverlapWith], (c, s, { d, s: sector, o }) => ({
      ...s,
      queue: excluding(s.queue, d),
      placed: updated(s.placed, d, { sector, offset: o }),
      data: updated(s.data, sector, Write(c, s, sector, d, o))
    })),
  PackSector: action<Constants, State, ActionArgs["PackSector"]>()("PackSector", [defs.SectorOpen, defs.SectorNotEmpty], (c, s, { s: sector }) => ({
    ...s,
    packed: including(s.packed, sector),
    pips: updatedAll(s.pips, DealsIn(s, sector).map((d) => [d, defs.Pip(c, s, d, sector)] as const))
  }))
})

/** The actions of `SectorPacking.tla`. */
export const Actions = actionsOf(definitions)

/** The TLA+ actions of SectorPacking. */
export type Action = keyof typeof Actions

/** The conjuncts of each action, as types: an action's error is the union of theirs. */
export type ActionOperators = { readonly [K in Action]: OperatorsOf<(typeof Actions)[K]> }
/** The name of an enabling conjunct. */
export type Operator = ActionOperators[Action]
/** The error of conjunct `Op`. */
export type NotEnabledOf<Op extends Operator> = NotEnabled<Op>
/** Why a sector-packing action is not enabled. */
export type SectorPackingNotEnabled = NotEnabled<Operator>
/** Why `AddToSector` is not enabled. */
export type AddToSectorNotEnabled = NotEnabled<ActionOperators["AddToSector"]>
/** Why `PackDealIntoSector` is not enabled. */
export type PackDealIntoSectorNotEnabled = NotEnabled<ActionOperators["PackDealIntoSector"]>
/** Why `PackSector` is not enabled. */
export type PackSectorNotEnabled = NotEnabled<ActionOperators["PackSector"]>

/** Each action's enabling conjuncts, in order (checked against the .tla text by the tests). */
export const Conjuncts: { readonly [K in Action]: ReadonlyArray<ActionOperators[K]> } = conjunctNamesOf(Actions)

/** TLA+ `AddToSector(d)` as a function: the new state or why not. */
export const AddToSector = Actions.AddToSector.take
/** TLA+ `PackDealIntoSector(d, s, o)`. */
export const PackDealIntoSector = Actions.PackDealIntoSector.take
/** TLA+ `PackSector(s)`. */
export const PackSector = Actions.PackSector.take

/** TLA+ `Init`: nothing given, placed or packed; every unit of every sector zero. */
export const Init = (c: Constants): State => ({
  given: new Set(), queue: new Set(), placed: new Map(),
  data: new Map(c.Sectors.map((s) => [s, Offsets(c).map(() => Zero)])), packed: new Set(), pips: new Map()
})

// ---------------------------------------------------------------------------------------------
// Next
// ---------------------------------------------------------------------------------------------

/**
 * TLA+ `Next`'s disjuncts under `defs`, in order, with the argument domains of the constants.
 *
 * @category actions
 * @since 0.2.0
 */
export const disjuncts = (c: Constants, defs: Definitions = definitions): ReadonlyArray<Disjunct<Constants, State>> => {
  const actions = defs === definitions ? Actions : actionsOf(defs)
  return [
    disjunct(actions.AddToSector, Deals(c).map((d) => ({ d }))),
    disjunct(actions.PackDealIntoSector, Deals(c).flatMap((d) => c.Sectors.flatMap((s) => Offsets(c).map((o) => ({ d, s, o }))))),
    disjunct(actions.PackSector, c.Sectors.map((s) => ({ s })))
  ]
}

/** An action name with its arguments, as `Next` yields them. */
export type SectorPackingStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/**
 * TLA+ `Next` under `defs`: every enabled (action, arguments), in the disjunction's order.
 *
 * @category actions
 * @since 0.1.0
 */
export const Next = (c: Constants, defs: Definitions = definitions): ((s: State) => Iterable<SectorPackingStep>) =>
  nextOf<Constants, State>(c, disjuncts(c, defs)) as (s: State) => Iterable<SectorPackingStep>

const unitsKey = (u: Units): string => u.map(([d, i]) => `${d}.${i}`).join("+")

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => {
  const sorted = <T>(xs: Iterable<T>, k: (x: T) => number) => [...xs].sort((a, b) => k(a) - k(b))
  const placed = sorted(s.placed, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}`).join(",")
  const data = sorted(s.data, ([x]) => x).map(([x, u]) => `${x}=${unitsKey(u)}`).join(",")
  const pips = sorted(s.pips, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}:${p.size}:${unitsKey(p.root)}`).join(",")
  return [sorted(s.given, (d) => d).join(","), sorted(s.queue, (d) => d).join(","), placed, data, sorted(s.packed, (x) => x).join(","), pips].join("|")
}
