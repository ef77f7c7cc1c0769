/**
 * CommD, the unsealed sector commitment, from the sector's pieces in order
 * (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2
 * `compute_unsealed_sector_cid`).
 *
 * 1. No pieces → CommD is the zero commitment of the whole sector.
 * 2. Otherwise walk the pieces in the given order, keeping `sum`, the padded bytes placed so
 *    far. Before a piece of size s, insert zero pieces so that `sum` becomes a multiple of s —
 *    every piece starts at an offset that is a multiple of its own size. The zero pieces are the
 *    set bits of `(−sum) mod s`, smallest first (FVM `get_required_padding`). After the last
 *    piece, pad the same way up to the sector size.
 * 3. Fold the sequence on a stack (rust-fil-proofs `compute_comm_d`): push each piece's
 *    commitment, merging the top two while they are the same size. The single node left is
 *    CommD — the root of the Fr32-padded sector image, each piece's CommP an inner node of it.
 *
 * Output CID: v1 form, fil-commitment-unsealed / sha2-256-trunc254-padded
 * (filecoin-project/ref-fvm shared/src/commcid/mod.rs @ fvm_shared@v4.8.2
 * `data_commitment_v1_to_cid`).
 *
 * Sources: filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2 `compute_unsealed_sector_cid`,
 * `get_required_padding`;
 * filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0 `compute_comm_d`;
 * filecoin-project/go-commp-utils commd.go @ v2.1.0.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { CID } from "multiformats/cid"
import { _PendingNodes } from "./_stack.js"
import { defaultHasher } from "./hasher.js"
import type { Hasher, Node, PaddedPieceSize, PlacedPiece, SectorLayout } from "./interface.js"
import { NODE_SIZE } from "./node.js"
import { paddedPieceSize, treeHeight } from "./piece.js"
import { dataCommitmentV1ToCID } from "./piececid.js"
import { _zeroNodes } from "./zerocomm.js"

export type { PlacedPiece, SectorLayout } from "./interface.js"

// ---------------------------------------------------------------------------------------------
// errors

/**
 * A sector size that is not a valid padded piece size (a power of two ≥ 128).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSectorSize extends Data.TaggedError("InvalidSectorSize")<{
  readonly sectorSize: bigint | number
  readonly reason: string
}> {}

/**
 * A piece whose size is not a valid padded piece size.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceSize extends Data.TaggedError("InvalidPieceSize")<{
  readonly pieceIndex: number
  readonly size: bigint | number
  readonly reason: string
}> {}

/**
 * A piece whose commitment is not 32 bytes.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceCommitment extends Data.TaggedError("InvalidPieceCommitment")<{
  readonly pieceIndex: number
  readonly length: number
}> {}

/**
 * A piece larger than the sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class PieceLargerThanSector extends Data.TaggedError("PieceLargerThanSector")<{
  readonly pieceIndex: number
  readonly size: bigint
  readonly sectorSize: bigint
}> {}

/**
 * A piece that, aligned after the pieces before it, ends past the sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class PiecesExceedSector extends Data.TaggedError("PiecesExceedSector")<{
  readonly pieceIndex: number
  /** Where the piece would end. */
  readonly end: bigint
  readonly sectorSize: bigint
}> {}

/**
 * A piece given an offset that is not a multiple of its size, or that lies before the end of the
 * piece before it.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceOffset extends Data.TaggedError("InvalidPieceOffset")<{
  readonly pieceIndex: number
  readonly offset: bigint
  readonly reason: string
}> {}

/**
 * Every way a sector layout or CommD can be rejected.
 *
 * @category errors
 * @since 0.1.0
 */
export type CommDError = InvalidSectorSize | InvalidPieceSize | InvalidPieceCommitment | PieceLargerThanSector | PiecesExceedSector | InvalidPieceOffset

/**
 * A piece as given to {@link sectorLayout} / {@link CommD}: its padded size and CommP (sizes are
 * validated, so a plain `bigint` is accepted).
 *
 * @category models
 * @since 0.1.0
 */
export interface PieceInput {
  readonly size: bigint | number
  readonly commP: Node
  /**
   * Where the piece sits, in bytes: a multiple of its size, at or past the end of the piece
   * before it. Without it, the lowest such offset — the chain's rule.
   */
  readonly offset?: bigint
}

// ---------------------------------------------------------------------------------------------
// layout

/**
 * The zero pieces that bring `sum` to a multiple of `size`: the set bits of `(−sum) mod size`,
 * smallest first (ref-fvm `get_required_padding`).
 *
 * @example
 * requiredPadding(128n, 512n) // => [128n, 256n]
 * requiredPadding(512n, 512n) // => []
 * @category sectors
 * @since 0.1.0
 */
export const requiredPadding = (sum: bigint, size: bigint): ReadonlyArray<bigint> => {
  let toFill = (((-sum) % size) + size) % size
  const pads: bigint[] = []
  for (let bit = 1n; toFill > 0n; bit <<= 1n) {
    if ((toFill & bit) !== 0n) {
      pads.push(bit)
      toFill ^= bit
    }
  }
  return pads
}

/**
 * The sector's layout: each piece at its aligned offset, in the given order, with the zero
 * pieces before it and after the last piece (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2
 * `get_required_padding`). A piece's offset is the
 * lowest multiple of its size at or past the end of the piece before it (the chain's rule), or
 * the one it is given; every gap is filled with the largest aligned zero pieces that fit, which
 * for the chain's rule are exactly `requiredPadding`'s.
 *
 * @example
 * sectorLayout(512n, [{ size: 128n, commP: a }, { size: 256n, commP: b }])
 * // => Success: a @0, zero 128 @128, b @256
 * sectorLayout(1024n, [{ size: 256n, commP: b, offset: 512n }])
 * // => Success: zero 512 @0, b @512, zero 256 @768
 * @category sectors
 * @since 0.1.0
 */
export const sectorLayout = (
  sectorSize: bigint | number, pieces: ReadonlyArray<PieceInput>
): Result.Result<SectorLayout, CommDError> => {
  // the sector size is a padded piece size
  const sector = paddedPieceSize(sectorSize)
  if (Result.isFailure(sector)) return Result.fail(new InvalidSectorSize({ sectorSize, reason: sector.failure.reason }))
  const S = sector.success
  const placed: PlacedPiece[] = []
  // zero pieces over [from, to): at each position the largest aligned one that fits
  const fill = (from: bigint, to: bigint) => {
    for (let at = from; at < to; ) {
      let pad = at === 0n ? S : at & -at
      while (at + pad > to) pad >>= 1n
      const size = pad as PaddedPieceSize
      placed.push({ size, commP: _zeroNodes[treeHeight(size)]!.slice(), offset: at, filler: true, pieceIndex: -1 })
      at += pad
    }
  }
  let sum = 0n
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!
    // the piece's size is a padded piece size
    const size = paddedPieceSize(piece.size)
    if (Result.isFailure(size)) {
      return Result.fail(new InvalidPieceSize({ pieceIndex: i, size: piece.size, reason: size.failure.reason }))
    }
    const s = size.success
    // the piece's commitment is 32 bytes
    if (piece.commP.length !== NODE_SIZE) return Result.fail(new InvalidPieceCommitment({ pieceIndex: i, length: piece.commP.length }))
    // the piece is no larger than the sector
    if (s > S) return Result.fail(new PieceLargerThanSector({ pieceIndex: i, size: s, sectorSize: S }))
    // its offset: aligned after the previous pieces, or the given one, aligned and not before them
    const offset = piece.offset ?? sum + requiredPadding(sum, s).reduce((a, b) => a + b, 0n)
    if (offset % s !== 0n) return Result.fail(new InvalidPieceOffset({ pieceIndex: i, offset, reason: `not a multiple of the piece size ${s}` }))
    if (offset < sum) return Result.fail(new InvalidPieceOffset({ pieceIndex: i, offset, reason: `before the end of the previous piece, ${sum}` }))
    // it ends within the sector
    if (offset + s > S) return Result.fail(new PiecesExceedSector({ pieceIndex: i, end: offset + s, sectorSize: S }))
    fill(sum, offset)
    placed.push({ size: s, commP: piece.commP.slice(), offset, filler: false, pieceIndex: i })
    sum = offset + s
  }
  // zero pieces up to the sector size (the whole sector when there are no pieces)
  fill(sum, S)
  return Result.succeed({ sectorSize: S, pieces: placed })
}

// ---------------------------------------------------------------------------------------------
// CommD

/**
 * The root of a layout: its pieces folded on a stack
 * (filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0
 * `compute_comm_d`).
 *
 * @example
 * commDOfLayout(Result.getOrThrow(sectorLayout(2048n, []))) // => zeroNode(6)
 * @category sectors
 * @since 0.1.0
 */
export const commDOfLayout = (layout: SectorLayout, hasher: Hasher = defaultHasher): Node => {
  const stack = new _PendingNodes(hasher)
  // push each piece; equal sizes on top merge into their parent
  for (const piece of layout.pieces) stack.push(piece.commP, treeHeight(piece.size))
  return stack.root(treeHeight(layout.sectorSize))
}

/**
 * CommD of a sector of `sectorSize` padded bytes holding `pieces` in this order.
 *
 * @example
 * toHex(Result.getOrThrow(CommD(34359738368n, [])))
 * // => "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e" (empty 32 GiB sector)
 * @category sectors
 * @since 0.1.0
 */
export const CommD = (
  sectorSize: bigint | number, pieces: ReadonlyArray<PieceInput>, hasher: Hasher = defaultHasher
): Result.Result<Node, CommDError> => Result.map(sectorLayout(sectorSize, pieces), (layout) => commDOfLayout(layout, hasher))

/**
 * The unsealed sector CID (CommD as a v1 CID), as the FVM's `compute_unsealed_sector_cid`.
 *
 * @example
 * Result.getOrThrow(computeUnsealedSectorCID(34359738368n, [])).toString()
 * // => "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"
 * @category sectors
 * @since 0.1.0
 */
export const computeUnsealedSectorCID = (
  sectorSize: bigint | number, pieces: ReadonlyArray<PieceInput>, hasher: Hasher = defaultHasher
): Result.Result<CID, CommDError> =>
  Result.map(CommD(sectorSize, pieces, hasher), (commD) => Result.getOrThrow(dataCommitmentV1ToCID(commD)))
