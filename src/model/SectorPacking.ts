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
import { Data, Result } from "effect"
import { firstFailing, ifEnabled } from "./_action.js"
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

/** TLA+ `DealsIn(s)`, sorted: the deals the index puts in a sector. */
export const DealsIn = (s: State, sector: number): Array<number> =>
  [...s.placed].filter(([, p]) => p.sector === sector).map(([d]) => d).sort((a, b) => a - b)

/** TLA+ `Overlap(o1, n1, o2, n2)`. */
export const Overlap = (o1: number, n1: number, o2: number, n2: number): boolean => o1 < o2 + n2 && o2 < o1 + n1

/** TLA+ `Write(s, d, o)`: sector s's data with deal d's piece written from unit o (units past the end are lost). */
export const Write = (c: Constants, s: State, sector: number, d: number, o: number): Units =>
  s.data.get(sector)!.map((chunk, u) => (o <= u && u < o + Size(c, d) ? [d, u - o] as const : chunk))

/** TLA+ `HoldsAt(image, d, o)`: do the units hold deal d's whole piece from unit o? */
export const HoldsAt = (c: Constants, image: Units, d: number, o: number): boolean => {
  for (let i = 0; i < Size(c, d); i++) {
    const chunk = image[o + i]
    if (chunk === undefined || chunk[0] !== d || chunk[1] !== i) return false
  }
  return true
}

/** TLA+ `HeldIn(s)`: the deals some unit of a sector holds a chunk of. */
export const HeldIn = (s: State, sector: number): ReadonlySet<number> =>
  new Set(s.data.get(sector)!.map(([d]) => d).filter((d) => d !== 0))

/** TLA+ `Starts(d)`: where deal d's piece begins in some sector's data, as `[sector, unit]`. */
export const Starts = (c: Constants, s: State, d: number): ReadonlyArray<readonly [number, number]> =>
  c.Sectors.flatMap((sector) => Offsets(c).filter((u) => { const [e, i] = s.data.get(sector)![u]!; return e === d && i === 0 }).map((u) => [sector, u] as const))

/** TLA+ `CommD(s)`: the abstract data commitment of a sector, computed from its data. */
export const CommD = (s: State, sector: number): Units => s.data.get(sector)!

const sameUnits = (a: Units, b: Units): boolean =>
  a.length === b.length && a.every(([d, i], u) => b[u]![0] === d && b[u]![1] === i)

/** TLA+ `VerifyPIP(d, p)`: does proof p show deal d's piece inside a packed sector? */
export const VerifyPIP = (c: Constants, s: State, d: number, p: Pip): boolean =>
  s.packed.has(p.sector) && sameUnits(p.root, CommD(s, p.sector)) && p.size === Size(c, d) && p.offset % p.size === 0 &&
  HoldsAt(c, p.root, d, p.offset)

// ---------------------------------------------------------------------------------------------
// The definitions a configuration can substitute, and the actions over them
// ---------------------------------------------------------------------------------------------

type Check<A> = (c: Constants, s: State, a: A) => boolean

/**
 * The TLA+ definitions `MCSectorPacking_Mutant_*.cfg` may replace (`Op <- Mutant`): the enabling
 * conjuncts, and `Pip(d, s)`.
 */
export interface Definitions {
  readonly DealNotYetAdded: Check<{ readonly d: number }>
  readonly DealQueued: Check<{ readonly d: number }>
  readonly SectorOpen: Check<{ readonly s: number }>
  readonly OffsetAligned: Check<{ readonly d: number; readonly o: number }>
  readonly PieceFits: Check<{ readonly d: number; readonly o: number }>
  readonly NoOverlapWith: Check<{ readonly d: number; readonly s: number; readonly o: number }>
  readonly SectorNotEmpty: Check<{ readonly s: number }>
  /** TLA+ `Pip(d, s)`: the PIP sector indexing makes for deal d of sector s, from its index. */
  readonly Pip: (c: Constants, s: State, d: number, sector: number) => Pip
}

/** The definitions of `SectorPacking.tla`. */
export const definitions: Definitions = {
  DealNotYetAdded: (_, s, { d }) => !s.queue.has(d) && !s.placed.has(d),
  DealQueued: (_, s, { d }) => s.queue.has(d),
  SectorOpen: (_, s, a) => !s.packed.has(a.s),
  OffsetAligned: (c, _, { d, o }) => o % Size(c, d) === 0,
  PieceFits: (c, _, { d, o }) => o + Size(c, d) <= c.SectorSize,
  NoOverlapWith: (c, s, { d, s: sector, o }) => DealsIn(s, sector).every((e) => !Overlap(o, Size(c, d), s.placed.get(e)!.offset, Size(c, e))),
  SectorNotEmpty: (_, s, a) => DealsIn(s, a.s).length > 0,
  Pip: (c, s, d, sector) => ({ sector, offset: s.placed.get(d)!.offset, size: Size(c, d), root: CommD(s, sector) })
}

/** One TLA+ action: the domain `Next` quantifies it over, its conjuncts in order, its effect. */
export interface ActionDefinition<K extends Action> {
  readonly domain: (c: Constants) => Iterable<ActionArgs[K]>
  readonly conjuncts: ReadonlyArray<ActionOperators[K]>
  readonly effect: (defs: Definitions, c: Constants, s: State, a: ActionArgs[K]) => State
}

/** The actions, in `Next`'s order. */
export const actions: { readonly [K in Action]: ActionDefinition<K> } = {
  AddToSector: {
    domain: (c) => Deals(c).map((d) => ({ d })),
    conjuncts: ["DealNotYetAdded"],
    effect: (_, __, s, { d }) => ({ ...s, given: new Set([...s.given, d]), queue: new Set([...s.queue, d]) })
  },
  PackDealIntoSector: {
    domain: (c) => Deals(c).flatMap((d) => c.Sectors.flatMap((s) => Offsets(c).map((o) => ({ d, s, o })))),
    conjuncts: ["DealQueued", "SectorOpen", "OffsetAligned", "PieceFits", "NoOverlapWith"],
    effect: (_, c, s, { d, s: sector, o }) => ({
      ...s,
      queue: new Set([...s.queue].filter((e) => e !== d)),
      placed: new Map([...s.placed, [d, { sector, offset: o }]]),
      data: new Map([...s.data, [sector, Write(c, s, sector, d, o)]])
    })
  },
  PackSector: {
    domain: (c) => c.Sectors.map((s) => ({ s })),
    conjuncts: ["SectorOpen", "SectorNotEmpty"],
    effect: (defs, c, s, { s: sector }) => {
      const pips = new Map(s.pips)
      for (const d of DealsIn(s, sector)) pips.set(d, defs.Pip(c, s, d, sector))
      return { ...s, packed: new Set([...s.packed, sector]), pips }
    }
  }
}

/** The `[name, check]` guards of action `K` under `defs`, in the TLA+ order. */
export const guardsOf = <K extends Action>(defs: Definitions, action: K) =>
  actions[action].conjuncts.map((name) => [name, defs[name] as Check<ActionArgs[K]>] as const)

const show = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v))

/** Action `K` under `defs`: its effect when every conjunct holds, else the first failing conjunct's error. */
export const takeAction = <K extends Action>(defs: Definitions, action: K) => {
  const guards = guardsOf(defs, action)
  return (c: Constants, s: State, a: ActionArgs[K]): Result.Result<State, NotEnabledOf<ActionOperators[K]>> => {
    const failed = firstFailing(guards, c, s, a)
    if (failed === undefined) return Result.succeed(actions[action].effect(defs, c, s, a))
    const reason = `${action}: ${failed} does not hold (arguments ${show(a)}, state ${show(s)})`
    return Result.fail(new classes[failed]({ action, reason }) as NotEnabledOf<ActionOperators[K]>)
  }
}

/** TLA+ `Init`: nothing given, placed or packed; every unit of every sector zero. */
export const Init = (c: Constants): State => ({
  given: new Set(), queue: new Set(), placed: new Map(),
  data: new Map(c.Sectors.map((s) => [s, Offsets(c).map(() => Zero)])), packed: new Set(), pips: new Map()
})

/**
 * TLA+ `AddToSector(d)`: the mining subsystem takes a made deal for packing.
 *
 * @category actions
 * @since 0.1.0
 */
export const AddToSector = takeAction(definitions, "AddToSector")

/**
 * TLA+ `PackDealIntoSector(d, s, o)`: sector indexing writes deal d's piece into sector s from
 * unit o and records the placement in its index.
 *
 * @category actions
 * @since 0.1.0
 */
export const PackDealIntoSector = takeAction(definitions, "PackDealIntoSector")

/**
 * TLA+ `PackSector(s)`: the sector closes and every piece its index puts in it gets its PIP.
 *
 * @category actions
 * @since 0.1.0
 */
export const PackSector = takeAction(definitions, "PackSector")

/** Each action's enabling conjuncts, in order (checked against the .tla text by the tests). */
export const Conjuncts: { readonly [K in Action]: ReadonlyArray<ActionOperators[K]> } = {
  AddToSector: actions.AddToSector.conjuncts,
  PackDealIntoSector: actions.PackDealIntoSector.conjuncts,
  PackSector: actions.PackSector.conjuncts
}

// ---------------------------------------------------------------------------------------------
// Next
// ---------------------------------------------------------------------------------------------

/** An action name with its arguments, as `Next` yields them. */
export type SectorPackingStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/** TLA+ `Next` under `defs`: every enabled (action, arguments), in the disjunction's order. */
export const Next = (c: Constants, defs: Definitions = definitions) => {
  const disjunct = <K extends Action>(action: K) => {
    const guards = guardsOf(defs, action)
    const domain = [...actions[action].domain(c)]
    const effect = (cc: Constants, s: State, a: ActionArgs[K]) => actions[action].effect(defs, cc, s, a)
    return function* (s: State): Generator<SectorPackingStep> {
      for (const args of domain) {
        const t = ifEnabled(guards, effect, c, s, args)
        if (t !== undefined) yield { action, args, state: t } as SectorPackingStep
      }
    }
  }
  const disjuncts = [disjunct("AddToSector"), disjunct("PackDealIntoSector"), disjunct("PackSector")]
  return function* (s: State): Generator<SectorPackingStep> {
    for (const next of disjuncts) yield* next(s)
  }
}

const unitsKey = (u: Units): string => u.map(([d, i]) => `${d}.${i}`).join("+")

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => {
  const sorted = <T>(xs: Iterable<T>, k: (x: T) => number) => [...xs].sort((a, b) => k(a) - k(b))
  const placed = sorted(s.placed, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}`).join(",")
  const data = sorted(s.data, ([x]) => x).map(([x, u]) => `${x}=${unitsKey(u)}`).join(",")
  const pips = sorted(s.pips, ([d]) => d).map(([d, p]) => `${d}@${p.sector}:${p.offset}:${p.size}:${unitsKey(p.root)}`).join(",")
  return [sorted(s.given, (d) => d).join(","), sorted(s.queue, (d) => d).join(","), placed, data, sorted(s.packed, (x) => x).join(","), pips].join("|")
}
