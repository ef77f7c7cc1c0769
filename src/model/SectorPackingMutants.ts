/**
 * The mutants of `spec/tla/MCSectorPacking.tla`: deliberately broken definitions a
 * configuration substitutes for SectorPacking's own (`Op <- Mutant` in
 * `MCSectorPacking_Mutant_*.cfg`), under the same names, each a bug a real sector indexer could
 * have.  {@link withOverrides} applies a configuration's substitutions to the model's
 * definitions, as TLC does.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { Conjunct } from "./_action.js"
import { type Constants, type Definitions, type Pip, type State, CommD, DealsIn, Size, definitions } from "./SectorPacking.js"

/**
 * Conjunct `c` with its check removed (TLA+ `Mutant(…) == TRUE` substituted for it): same name,
 * never fails, reads nothing (so `Next` settles it once per candidate).
 */
const unchecked = <P, S, A, N extends string>(c: Conjunct<P, S, A, N>, mutant: string): Conjunct<P, S, A, N> =>
  ({ names: c.names, doc: `${c.doc} (not checked: ${mutant})`, reads: "args", failing: () => undefined })

/** TLA+ `SizeSum(D)`: the sum of the pieces' sizes. */
const SizeSum = (c: Constants, ds: ReadonlyArray<number>): number => ds.reduce((n, d) => n + Size(c, d), 0)

/** Each definition a configuration may replace, with the mutants of MCSectorPacking.tla that may replace it. */
export const mutants: { readonly [K in keyof Definitions]?: Readonly<Record<string, Definitions[K]>> } = {
  /** TLA+ `AlignmentUnchecked(d, o)`: the check that an offset is a multiple of the piece size is missing. */
  OffsetAligned: { AlignmentUnchecked: unchecked(definitions.OffsetAligned, "AlignmentUnchecked") },
  /** TLA+ `EndUnchecked(d, o)`: the check that the piece ends inside the sector is missing. */
  PieceFits: { EndUnchecked: unchecked(definitions.PieceFits, "EndUnchecked") },
  /** TLA+ `OthersUnchecked(d, s, o)`: the check against the pieces already in the sector is missing. */
  NoOverlapWith: { OthersUnchecked: unchecked(definitions.NoOverlapWith, "OthersUnchecked") },
  /** TLA+ `QueueUnchecked(d)`: any deal can be placed, not handed over yet or placed already. */
  DealQueued: { QueueUnchecked: unchecked(definitions.DealQueued, "QueueUnchecked") },
  /** TLA+ `PackedUnchecked(s)`: packed sectors stay open, pieces are written after the commitment. */
  SectorOpen: { PackedUnchecked: unchecked(definitions.SectorOpen, "PackedUnchecked") },
  Pip: {
    /** TLA+ `PipUnpadded(d, s)`: the offset counts the pieces before it back to back, without alignment's zero pieces. */
    PipUnpadded: (c: Constants, s: State, d: number, sector: number): Pip => ({
      ...definitions.Pip(c, s, d, sector),
      offset: SizeSum(c, DealsIn(s, sector).filter((e) => s.placed.get(e)!.offset < s.placed.get(d)!.offset))
    }),
    /** TLA+ `PipOfOtherSector(d, s)`: the PIP names another sector, and that sector's commitment. */
    PipOfOtherSector: (c: Constants, s: State, d: number, sector: number): Pip => {
      const other = c.Sectors.find((t) => t !== sector)!
      return { ...definitions.Pip(c, s, d, sector), sector: other, root: CommD(s, other) }
    },
    /** TLA+ `PipInBytes(d, s)`: the PIP states the piece's size in bytes rather than in units. */
    PipInBytes: (c: Constants, s: State, d: number, sector: number): Pip => ({ ...definitions.Pip(c, s, d, sector), size: 128 * Size(c, d) })
  }
}

/** A configuration substitutes a definition the model does not have, or with a mutant it does not know. */
export class UnknownOverride extends Data.TaggedError("UnknownOverride")<{ readonly definition: string; readonly mutant: string }> {}

/**
 * The model's definitions with a configuration's substitutions (`{ Op: "Mutant" }`) applied.
 *
 * @category models
 * @since 0.1.0
 */
export const withOverrides = (overrides: Readonly<Record<string, string>>): Result.Result<Definitions, UnknownOverride> => {
  let defs: Definitions = definitions
  for (const [definition, mutant] of Object.entries(overrides)) {
    const replacement = (mutants as Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>)[definition]?.[mutant]
    if (replacement === undefined) return Result.fail(new UnknownOverride({ definition, mutant }))
    defs = { ...defs, [definition]: replacement }
  }
  return Result.succeed(defs)
}
