/**
 * The provider's sector indexing (the seed's SectorIndexing participant): it takes made deals
 * for packing (AddToSector), places each deal's piece in a sector at an offset aligned to the
 * piece's size (PackDealIntoSector → SectorID), and packs a sector (PackSector → PIP): the
 * sector's unsealed commitment CommD is computed from its pieces and zero fillers, and every
 * piece gets its piece inclusion proof, a Merkle path from its CommP to CommD.
 *
 * Pure transitions over an immutable state, `(state, input) => Result<State, IndexingError>`.
 * Mirrors spec/tla/SectorPacking.tla (src/model/SectorPacking.ts): each check is tagged with the
 * TLA+ operator it implements; checks with no model counterpart (a malformed piece CID, an
 * invalid piece size) come first and are tagged with what was wrong.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { CID } from "multiformats/cid"
import { commDOfLayout, sectorLayout } from "../../proofs/commd.js"
import type { Node, PaddedPieceSize } from "../../proofs/interface.js"
import { paddedPieceSize, treeHeight } from "../../proofs/piece.js"
import { cidToPieceCommitmentV1, dataCommitmentV1ToCID } from "../../proofs/piececid.js"
import { type Pip, makePip } from "../../proofs/pip.js"

/** A deal's piece as the provider refers to it: its piece CID (v1) and padded size. */
export interface PieceRef {
  readonly pieceCid: CID
  readonly size: PaddedPieceSize
}

/** A deal's piece placed in a sector. */
export interface PlacedDeal {
  readonly deal: bigint
  readonly piece: PieceRef
  /** Byte offset in the padded sector, a multiple of the piece size. */
  readonly offset: bigint
}

/** What packing a sector produced: its CommD and one PIP per deal. */
export interface PackedSector {
  readonly commD: Node
  readonly unsealedCid: CID
  readonly pips: ReadonlyMap<bigint, Pip>
}

/** A sector being filled, or packed. */
export interface SectorEntry {
  /** The deals placed in the sector, by offset. */
  readonly deals: ReadonlyArray<PlacedDeal>
  readonly packed: PackedSector | undefined
}

/**
 * Sector indexing's state.
 *
 * @category models
 * @since 0.1.0
 */
export interface SectorIndexingState {
  /** The padded size of every sector. */
  readonly sectorSize: PaddedPieceSize
  /** Deals taken for packing and not placed yet. */
  readonly queue: ReadonlyMap<bigint, PieceRef>
  /** Sectors by number. */
  readonly sectors: ReadonlyMap<bigint, SectorEntry>
}

/** Sector indexing refused an input: `tag` names the failed check (a TLA+ operator where there is one). */
export class IndexingError extends Data.TaggedError("IndexingError")<{ readonly tag: string; readonly message: string }> {}

const refuse = <A>(tag: string, message: string): Result.Result<A, IndexingError> => Result.fail(new IndexingError({ tag, message }))

/**
 * An empty index for sectors of `sectorSize` padded bytes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyIndex = (sectorSize: PaddedPieceSize): SectorIndexingState => ({ sectorSize, queue: new Map(), sectors: new Map() })

const placedDeals = (s: SectorIndexingState): Map<bigint, { sector: bigint; placed: PlacedDeal }> => {
  const out = new Map<bigint, { sector: bigint; placed: PlacedDeal }>()
  for (const [sector, entry] of s.sectors) for (const placed of entry.deals) out.set(placed.deal, { sector, placed })
  return out
}

/**
 * AddToSector(Deal, PieceRef): the mining subsystem takes a made deal for packing.
 * @see TLA+ SectorPacking › AddToSector
 */
export const addToSector = (s: SectorIndexingState, input: { readonly deal: bigint; readonly piece: PieceRef }): Result.Result<SectorIndexingState, IndexingError> => {
  // (no model counterpart) the piece CID is a v1 piece CID and the size a padded piece size
  const commP = cidToPieceCommitmentV1(input.piece.pieceCid)
  if (Result.isFailure(commP)) return refuse("InvalidPieceCid", `deal ${input.deal}: ${commP.failure.message}`)
  const size = paddedPieceSize(input.piece.size)
  if (Result.isFailure(size)) return refuse("InvalidPieceSize", `deal ${input.deal}: ${size.failure.message}`)
  // DealNotYetAdded: a deal is handed to sector indexing once
  if (s.queue.has(input.deal) || placedDeals(s).has(input.deal)) return refuse("DealNotYetAdded", `deal ${input.deal} was already added`)
  return Result.succeed({ ...s, queue: new Map([...s.queue, [input.deal, input.piece]]) })
}

const overlaps = (a: bigint, n: bigint, b: bigint, m: bigint): boolean => a < b + m && b < a + n

/** The smallest multiple of `size` (a power of two) that is at least `at`. */
const alignUp = (at: bigint, size: bigint): bigint => (at + size - 1n) & ~(size - 1n)

/** The index of the first of `deals` (sorted by offset) whose offset is at least `offset`. */
const lowerBound = (deals: ReadonlyArray<PlacedDeal>, offset: bigint): number => {
  let lo = 0
  let hi = deals.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (deals[mid]!.offset < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The lowest offset, a multiple of `size`, where a piece of `size` bytes fits in the sector
 * without overlapping a placed piece, if any (first fit).
 *
 * One pass over the sector's pieces, which are sorted by offset and pairwise disjoint (so their
 * ends increase too): `candidate` is the lowest multiple of `size` at or past the end of the last
 * piece seen, hence of every piece seen. No lower multiple is free — each either overlaps a piece
 * seen, or lies in a gap before one of them that was too short for it — so the first time
 * `[candidate, candidate + size)` ends before the next piece begins, it is free (every later
 * piece begins later still) and it is the answer. O(pieces in the sector), where trying every
 * aligned slot costs slots × pieces.
 */
export const firstFit = (s: SectorIndexingState, sector: bigint, size: bigint): bigint | undefined => {
  let candidate = 0n
  for (const d of s.sectors.get(sector)?.deals ?? []) {
    if (candidate + size <= d.offset) break
    candidate = alignUp(d.offset + d.piece.size, size)
  }
  return candidate + size <= s.sectorSize ? candidate : undefined
}

/**
 * PackDealIntoSector(Deal) → SectorID: place a queued deal's piece in an open sector at `offset`
 * (or, without one, at the lowest aligned offset where it fits).
 * @see TLA+ SectorPacking › PackDealIntoSector(d, s, o)
 */
export const packDealIntoSector = (
  s: SectorIndexingState, input: { readonly deal: bigint; readonly sector: bigint; readonly offset?: bigint }
): Result.Result<SectorIndexingState, IndexingError> => {
  // (no model counterpart) the sector number is a u64
  if (input.sector < 0n || input.sector >= 1n << 64n) return refuse("InvalidSectorNumber", `sector number ${input.sector} is not a u64`)
  // DealQueued: only a deal waiting for a sector can be placed
  const piece = s.queue.get(input.deal)
  if (piece === undefined) return refuse("DealQueued", `deal ${input.deal} is not waiting for a sector`)
  const entry = s.sectors.get(input.sector) ?? { deals: [], packed: undefined }
  // SectorOpen: a packed sector takes no more pieces
  if (entry.packed !== undefined) return refuse("SectorOpen", `sector ${input.sector} is already packed`)
  const offset = input.offset ?? firstFit(s, input.sector, piece.size) ?? (piece.size > s.sectorSize ? 0n : -1n)
  if (offset === -1n) return refuse("NoOverlapWith", `sector ${input.sector} is full: no aligned ${piece.size}-byte slot is free`)
  // OffsetAligned: a piece sits at a multiple of its size
  if (offset < 0n || offset % piece.size !== 0n) return refuse("OffsetAligned", `offset ${offset} is not a multiple of the piece size ${piece.size}`)
  // PieceFits: the piece lies inside the sector
  if (offset + piece.size > s.sectorSize) return refuse("PieceFits", `a ${piece.size}-byte piece at ${offset} does not fit in a ${s.sectorSize}-byte sector`)
  // NoOverlapWith: the piece shares no byte with the pieces already in the sector; they are
  // sorted and disjoint, so only the last one before `offset` and the first one from it can overlap
  const at = lowerBound(entry.deals, offset)
  const clash = [entry.deals[at - 1], entry.deals[at]].find((d) => d !== undefined && overlaps(offset, piece.size, d.offset, d.piece.size))
  if (clash !== undefined) return refuse("NoOverlapWith", `deal ${input.deal} at ${offset} would overlap deal ${clash.deal} at ${clash.offset}`)
  const deals = [...entry.deals.slice(0, at), { deal: input.deal, piece, offset }, ...entry.deals.slice(at)]
  const queue = new Map(s.queue)
  queue.delete(input.deal)
  return Result.succeed({ ...s, queue, sectors: new Map([...s.sectors, [input.sector, { deals, packed: undefined }]]) })
}

/**
 * PackSector(SectorID) → PIP: close the sector, compute CommD, and give every deal in it a PIP.
 * @see TLA+ SectorPacking › PackSector(s)
 */
export const packSector = (s: SectorIndexingState, input: { readonly sector: bigint }): Result.Result<SectorIndexingState, IndexingError> => {
  const entry = s.sectors.get(input.sector)
  // SectorOpen: a sector is packed once
  if (entry?.packed !== undefined) return refuse("SectorOpen", `sector ${input.sector} is already packed`)
  // SectorNotEmpty: an empty sector is not packed
  if (entry === undefined || entry.deals.length === 0) return refuse("SectorNotEmpty", `sector ${input.sector} holds no deal`)
  // the deals are sorted, aligned, disjoint and inside the sector, so the layout cannot be refused
  const layout = Result.getOrThrow(sectorLayout(s.sectorSize, entry.deals.map((d) => ({
    size: d.piece.size, commP: Result.getOrThrow(cidToPieceCommitmentV1(d.piece.pieceCid)), offset: d.offset
  }))))
  const commD = commDOfLayout(layout)
  const pips = new Map(entry.deals.map((d, i) => [d.deal, Result.getOrThrow(makePip(layout, i))] as const))
  const packed: PackedSector = { commD, unsealedCid: Result.getOrThrow(dataCommitmentV1ToCID(commD)), pips }
  return Result.succeed({ ...s, sectors: new Map([...s.sectors, [input.sector, { deals: entry.deals, packed }]]) })
}

/** The height of the sector's tree, for readers of a PIP (`log2(sectorSize / 32)`). */
export const sectorTreeHeight = (s: SectorIndexingState): number => treeHeight(s.sectorSize)
