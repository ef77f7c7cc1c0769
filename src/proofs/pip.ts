/**
 * Piece inclusion proofs (PIP; filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1):
 * a piece with commitment CommP and padded size s
 * sits at offset o (a multiple of s) in a sector whose root is CommD.
 *
 * The proof is the Merkle path from the piece's node — at level `log2(s / 32)`, index `o / s` —
 * up to the root: one 32-byte sibling per level, `log2(sectorSize / s)` of them. Verifying folds
 * the node hash with the siblings (bit i of the index says whether the node is a right child at
 * step i) and compares with CommD; the tree the path spans, `s · 2^depth`, must be the sector.
 *
 * Compact encoding (ours; all integers unsigned):
 *
 * | bytes | field |
 * |---|---|
 * | 1 | format version, 0x01 |
 * | 1 | sector tree height `hS = log2(sectorSize / 32)`, 2 … 58 |
 * | 1 | piece tree height `hP = log2(pieceSize / 32)`, 2 … hS |
 * | 1–9 | position `offset / pieceSize` as a minimal multiformats uvarint, `< 2^(hS − hP)` |
 * | 32 | the piece's CommP |
 * | 32 · (hS − hP) | the path, bottom up |
 *
 * Sizes are stored as heights and the offset as a position, so an encoded PIP cannot express a
 * size that is not a power of two, an unaligned offset or a path of the wrong length; its length
 * is exactly `3 + len(uvarint) + 32 · (1 + hS − hP)` (a 32 GiB sector, 1 MiB piece: 3 + 2 + 32 ·
 * 16 = 517 bytes at most).
 *
 * Sources: filecoin-project/FIPs FRCs/frc-0058.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7;
 * filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1
 * (`ProofData{Path, Index}`, the same path and index convention).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { decodeUvarint, encodeUvarint } from "./uvarint.js"
import { defaultHasher } from "./hasher.js"
import type { Hasher, Node, PaddedPieceSize, Pip, PlacedPiece, SectorLayout } from "./interface.js"
import { merkleRootFromPath } from "./merkle.js"
import { hashNodeWith, NODE_SIZE } from "./node.js"
import { MAX_PIECE_HEIGHT, MIN_PIECE_HEIGHT, paddedPieceSize, pieceSizeOfHeight, treeHeight } from "./piece.js"

export type { Pip } from "./interface.js"

/** Format version byte of the compact encoding: 0x01. @since 0.1.0 */
export const PIP_ENCODING_VERSION = 0x01

// ---------------------------------------------------------------------------------------------
// errors

/**
 * No deal piece with this index in the layout.
 *
 * @category errors
 * @since 0.1.0
 */
export class PieceNotInLayout extends Data.TaggedError("PieceNotInLayout")<{ readonly pieceIndex: number }> {}

/**
 * A sector or piece size that is not a padded piece size, or a piece larger than the sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipInvalidSize extends Data.TaggedError("PipInvalidSize")<{
  readonly what: "sector" | "piece"
  readonly size: bigint
  readonly reason: string
}> {}

/**
 * The proof is for a sector of another size.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipSectorSizeMismatch extends Data.TaggedError("PipSectorSizeMismatch")<{
  readonly expected: bigint
  readonly actual: bigint
}> {}

/**
 * CommD, the piece's CommP or a path node is not 32 bytes.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipInvalidNodeLength extends Data.TaggedError("PipInvalidNodeLength")<{
  readonly what: string
  readonly length: number
}> {}

/**
 * The offset is not a multiple of the piece size.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipOffsetNotAligned extends Data.TaggedError("PipOffsetNotAligned")<{
  readonly offset: bigint
  readonly pieceSize: bigint
}> {}

/**
 * The piece does not lie within the sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipOffsetOutsideSector extends Data.TaggedError("PipOffsetOutsideSector")<{
  readonly offset: bigint
  readonly pieceSize: bigint
  readonly sectorSize: bigint
}> {}

/**
 * The path does not have `log2(sectorSize / pieceSize)` nodes.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipPathLengthMismatch extends Data.TaggedError("PipPathLengthMismatch")<{
  readonly length: number
  readonly expected: number
}> {}

/**
 * The path folds to a root other than CommD (tampered proof, or a proof for another sector).
 *
 * @category errors
 * @since 0.1.0
 */
export class PipRootMismatch extends Data.TaggedError("PipRootMismatch")<{
  readonly expected: Node
  readonly actual: Node
}> {}

/**
 * Every way a PIP can fail verification (and the structural ones, encoding).
 *
 * @category errors
 * @since 0.1.0
 */
export type PipError =
  | PipInvalidSize | PipSectorSizeMismatch | PipInvalidNodeLength | PipOffsetNotAligned | PipOffsetOutsideSector
  | PipPathLengthMismatch | PipRootMismatch

/**
 * An encoded PIP with an unknown version byte.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipEncodingVersion extends Data.TaggedError("PipEncodingVersion")<{ readonly version: number | undefined }> {}

/**
 * An encoded PIP with heights outside 2 ≤ piece ≤ sector ≤ 58.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipEncodingHeights extends Data.TaggedError("PipEncodingHeights")<{
  readonly sectorHeight: number | undefined
  readonly pieceHeight: number | undefined
}> {}

/**
 * An encoded PIP whose position varint is bad or outside the sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipEncodingIndex extends Data.TaggedError("PipEncodingIndex")<{ readonly reason: string }> {}

/**
 * An encoded PIP shorter or longer than its heights say.
 *
 * @category errors
 * @since 0.1.0
 */
export class PipEncodingLength extends Data.TaggedError("PipEncodingLength")<{
  readonly length: number
  readonly expected: number
}> {}

/**
 * Every way decoding a PIP can fail.
 *
 * @category errors
 * @since 0.1.0
 */
export type PipDecodeError = PipEncodingVersion | PipEncodingHeights | PipEncodingIndex | PipEncodingLength

// ---------------------------------------------------------------------------------------------
// making

/** The commitment of the region `[start, start + size)` of a layout: a piece, or the hash of its halves. */
const regionRoot = (byOffset: ReadonlyMap<bigint, PlacedPiece>, start: bigint, size: bigint, hasher: Hasher): Node => {
  const piece = byOffset.get(start)
  if (piece !== undefined && piece.size === size) return piece.commP
  // a region is a whole piece or a union of pieces, since pieces are aligned to their size
  if (size <= BigInt(NODE_SIZE)) throw new RangeError(`layout does not cover offset ${start}`)
  const half = size / 2n
  return hashNodeWith(hasher, regionRoot(byOffset, start, half, hasher), regionRoot(byOffset, start + half, half, hasher))
}

/**
 * The PIP of the caller's piece `pieceIndex` in a sector layout (`sectorLayout`, `./commd.ts`).
 *
 * @example
 * const layout = Result.getOrThrow(sectorLayout(2048n, pieces))
 * const pip = Result.getOrThrow(makePip(layout, 1))
 * verifyPip(Result.getOrThrow(CommD(2048n, pieces)), 2048n, pip) // => Success(true)
 * @category proofs
 * @since 0.1.0
 */
export const makePip = (layout: SectorLayout, pieceIndex: number, hasher: Hasher = defaultHasher): Result.Result<Pip, PieceNotInLayout> => {
  const piece = layout.pieces.find((p) => !p.filler && p.pieceIndex === pieceIndex)
  // the piece is one of the caller's pieces
  if (piece === undefined) return Result.fail(new PieceNotInLayout({ pieceIndex }))
  const byOffset = new Map(layout.pieces.map((p) => [p.offset, p]))
  const path: Node[] = []
  // walk up: the sibling of the current node, one level up each time
  let size: bigint = piece.size
  let index = piece.offset / size
  while (size < layout.sectorSize) {
    path.push(regionRoot(byOffset, (index ^ 1n) * size, size, hasher).slice())
    index >>= 1n
    size *= 2n
  }
  return Result.succeed({
    pieceCommP: piece.commP.slice(), pieceSize: piece.size, offset: piece.offset, path, sectorSize: layout.sectorSize
  })
}

// ---------------------------------------------------------------------------------------------
// verifying

/** The structural checks shared by verification and encoding; returns the path's depth. */
const checkStructure = (pip: Pip): Result.Result<number, Exclude<PipError, PipRootMismatch | PipSectorSizeMismatch>> => {
  // the sector size is a padded piece size
  const sector = paddedPieceSize(pip.sectorSize)
  if (Result.isFailure(sector)) return Result.fail(new PipInvalidSize({ what: "sector", size: pip.sectorSize, reason: sector.failure.reason }))
  // the piece size is a padded piece size, no larger than the sector
  const piece = paddedPieceSize(pip.pieceSize)
  if (Result.isFailure(piece)) return Result.fail(new PipInvalidSize({ what: "piece", size: pip.pieceSize, reason: piece.failure.reason }))
  if (pip.pieceSize > pip.sectorSize) return Result.fail(new PipInvalidSize({ what: "piece", size: pip.pieceSize, reason: "larger than the sector" }))
  // the piece's CommP and every path node are 32 bytes
  if (pip.pieceCommP.length !== NODE_SIZE) return Result.fail(new PipInvalidNodeLength({ what: "pieceCommP", length: pip.pieceCommP.length }))
  for (let i = 0; i < pip.path.length; i++) {
    const n = pip.path[i]!
    if (n.length !== NODE_SIZE) return Result.fail(new PipInvalidNodeLength({ what: `path[${i}]`, length: n.length }))
  }
  // the offset is a multiple of the piece size
  if (pip.offset % pip.pieceSize !== 0n) return Result.fail(new PipOffsetNotAligned({ offset: pip.offset, pieceSize: pip.pieceSize }))
  // the piece lies within the sector
  if (pip.offset < 0n || pip.offset + pip.pieceSize > pip.sectorSize) {
    return Result.fail(new PipOffsetOutsideSector({ offset: pip.offset, pieceSize: pip.pieceSize, sectorSize: pip.sectorSize }))
  }
  // one sibling per level between the piece and the sector
  const depth = treeHeight(sector.success) - treeHeight(piece.success)
  if (pip.path.length !== depth) return Result.fail(new PipPathLengthMismatch({ length: pip.path.length, expected: depth }))
  return Result.succeed(depth)
}

/**
 * Verifies `pip` against the sector's CommD and size.
 *
 * @example
 * verifyPip(commD, 2048n, pip)                     // => Success(true)
 * verifyPip(otherCommD, 2048n, pip)                // => Failure(PipRootMismatch)
 * verifyPip(commD, 2048n, { ...pip, offset: 100n }) // => Failure(PipOffsetNotAligned)
 * @category proofs
 * @since 0.1.0
 */
export const verifyPip = (
  commD: Node, sectorSize: bigint, pip: Pip, hasher: Hasher = defaultHasher
): Result.Result<true, PipError> => {
  // the proof is for a sector of this size
  if (pip.sectorSize !== sectorSize) return Result.fail(new PipSectorSizeMismatch({ expected: sectorSize, actual: pip.sectorSize }))
  // CommD is 32 bytes
  if (commD.length !== NODE_SIZE) return Result.fail(new PipInvalidNodeLength({ what: "commD", length: commD.length }))
  return Result.flatMap(checkStructure(pip), (): Result.Result<true, PipError> => {
    // the path folds to CommD
    const root = Result.getOrThrow(merkleRootFromPath(pip.pieceCommP, pip.offset / pip.pieceSize, pip.path, hasher))
    return root.every((b, i) => b === commD[i])
      ? Result.succeed(true)
      : Result.fail(new PipRootMismatch({ expected: commD.slice(), actual: root }))
  })
}

// ---------------------------------------------------------------------------------------------
// encoding

/**
 * The compact encoding of a PIP (see the module comment); fails on a structurally invalid PIP.
 *
 * @example
 * encodePip(pip) // => Success(Uint8Array [1, 6, 2, 1, …]) (2 KiB sector, 128 B piece at 128)
 * @category encoding
 * @since 0.1.0
 */
export const encodePip = (pip: Pip): Result.Result<Uint8Array, PipError> =>
  Result.map(checkStructure(pip), (depth) => {
    const index = encodeUvarint(pip.offset / pip.pieceSize)
    const out = new Uint8Array(3 + index.length + NODE_SIZE * (1 + depth))
    out[0] = PIP_ENCODING_VERSION
    out[1] = treeHeight(pip.sectorSize as PaddedPieceSize)
    out[2] = treeHeight(pip.pieceSize as PaddedPieceSize)
    out.set(index, 3)
    let at = 3 + index.length
    out.set(pip.pieceCommP, at)
    for (const node of pip.path) out.set(node, (at += NODE_SIZE))
    return out
  })

/**
 * Decodes {@link encodePip}'s bytes (any valid PIP structure; verify it with {@link verifyPip}).
 *
 * @example
 * decodePip(Result.getOrThrow(encodePip(pip))) // => Success(pip)
 * decodePip(Uint8Array.of(2))                  // => Failure(PipEncodingVersion)
 * @category encoding
 * @since 0.1.0
 */
export const decodePip = (bytes: Uint8Array): Result.Result<Pip, PipDecodeError> => {
  // version 1
  if (bytes[0] !== PIP_ENCODING_VERSION) return Result.fail(new PipEncodingVersion({ version: bytes[0] }))
  // 2 ≤ piece height ≤ sector height ≤ 58
  const hS = bytes[1], hP = bytes[2]
  if (hS === undefined || hP === undefined || hP < MIN_PIECE_HEIGHT || hP > hS || hS > MAX_PIECE_HEIGHT) {
    return Result.fail(new PipEncodingHeights({ sectorHeight: hS, pieceHeight: hP }))
  }
  const depth = hS - hP
  // a minimal varint position below 2^depth
  const index = decodeUvarint(bytes, 3)
  if ("error" in index) return Result.fail(new PipEncodingIndex({ reason: index.error }))
  if (index.value >> BigInt(depth) !== 0n) return Result.fail(new PipEncodingIndex({ reason: `position ${index.value} ≥ 2^${depth}` }))
  // exactly the CommP and `depth` path nodes follow
  const at = 3 + index.length
  const expected = at + NODE_SIZE * (1 + depth)
  if (bytes.length !== expected) return Result.fail(new PipEncodingLength({ length: bytes.length, expected }))
  const node = (k: number) => bytes.slice(at + NODE_SIZE * k, at + NODE_SIZE * (k + 1))
  const sectorSize = Result.getOrThrow(pieceSizeOfHeight(hS))
  const pieceSize = Result.getOrThrow(pieceSizeOfHeight(hP))
  return Result.succeed({
    pieceCommP: node(0),
    pieceSize,
    offset: index.value * pieceSize,
    path: Array.from({ length: depth }, (_, k) => node(k + 1)),
    sectorSize
  })
}
