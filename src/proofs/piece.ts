/**
 * Piece sizes: padded (after Fr32) and unpadded (payload) sizes, their validation and
 * conversions, and the piece size a payload of n bytes occupies.
 *
 * - `padded = unpadded + unpadded / 127`, `unpadded = padded − padded / 128`
 *   (filecoin-project/go-state-types abi/piece.go @ v0.18.0).
 * - A padded size is valid ⇔ ≥ 128 and a power of two; an unpadded size ⇔ `127 · 2^k`
 *   (go-state-types `abi/piece.go`, `PaddedPieceSize.Validate`, `UnpaddedPieceSize.Validate`).
 * - A payload of n bytes is zero-filled up to the next `127 · 2^k` (at least 127) before Fr32,
 *   so its tree is full and balanced
 *   (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 "padding").
 *
 * Sizes are branded `bigint`s (see `PaddedPieceSize` in `./interface.ts` for why).
 *
 * Sources: filecoin-project/go-state-types abi/piece.go @ v0.18.0;
 * filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK } from "./fr32.js"
import type { PaddedPieceSize, UnpaddedPieceSize } from "./interface.js"
import { NODE_SIZE } from "./node.js"

export type { PaddedPieceSize, UnpaddedPieceSize } from "./interface.js"

/** Smallest padded piece: 128 bytes (= one Fr32 block; go-state-types `PaddedPieceSize.Validate`). @since 0.1.0 */
export const MIN_PADDED_PIECE_SIZE = 128n
/** Smallest unpadded piece: 127 bytes (= 128 − 128/128). @since 0.1.0 */
export const MIN_UNPADDED_PIECE_SIZE = 127n
/**
 * Largest padded piece: 2^63 bytes (= 9223372036854775808), the largest power of two in the
 * chain's `uint64` (go-state-types `type PaddedPieceSize uint64`); tree height 58.
 *
 * @since 0.1.0
 */
export const MAX_PADDED_PIECE_SIZE = 1n << 63n
/** Largest payload: the unpadded size of the largest piece, 127 · 2^56 (= 2^63 − 2^56 = 9151314442816847872). @since 0.1.0 */
export const MAX_PAYLOAD_SIZE = MAX_PADDED_PIECE_SIZE - MAX_PADDED_PIECE_SIZE / 128n
/** Height of the smallest piece's tree: 2 (128 B = 4 leaves of 32 B). @since 0.1.0 */
export const MIN_PIECE_HEIGHT = 2
/** Height of the largest piece's tree: 58 (= log2(2^63 / 32)). @since 0.1.0 */
export const MAX_PIECE_HEIGHT = 58

const PADDED = BigInt(FR32_PADDED_BLOCK)
const UNPADDED = BigInt(FR32_UNPADDED_BLOCK)
const LOG2_NODE_SIZE = 5 // 32 = 2^5

// ---------------------------------------------------------------------------------------------
// errors

/**
 * A padded piece size below 128, not a power of two, or above 2^63.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPaddedPieceSize extends Data.TaggedError("InvalidPaddedPieceSize")<{
  readonly size: bigint | number
  readonly reason: string
}> {}

/**
 * An unpadded piece size that is not `127 · 2^k` within range.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidUnpaddedPieceSize extends Data.TaggedError("InvalidUnpaddedPieceSize")<{
  readonly size: bigint | number
  readonly reason: string
}> {}

/**
 * A payload size that is negative, not an integer, or above {@link MAX_PAYLOAD_SIZE}.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPayloadSize extends Data.TaggedError("InvalidPayloadSize")<{
  readonly size: bigint | number
  readonly reason: string
}> {}

/**
 * A tree height outside 2 … 58 (128 B … 2^63 B).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTreeHeight extends Data.TaggedError("InvalidTreeHeight")<{
  readonly height: number
}> {}

// ---------------------------------------------------------------------------------------------
// validation

/** `x` as a bigint, or `undefined` for a number that is not a safe integer. */
export const _toBigInt = (x: bigint | number): bigint | undefined =>
  typeof x === "bigint" ? x : Number.isSafeInteger(x) ? BigInt(x) : undefined

/** `x > 0` and a power of two. */
const isPowerOfTwo = (x: bigint): boolean => x > 0n && (x & (x - 1n)) === 0n

/**
 * Validates a padded piece size: ≥ 128, a power of two, ≤ 2^63.
 *
 * @example
 * paddedPieceSize(2048) // => Success(2048n)
 * paddedPieceSize(100)  // => Failure(InvalidPaddedPieceSize: below 128)
 * @category constructors
 * @since 0.1.0
 */
export const paddedPieceSize = (size: bigint | number): Result.Result<PaddedPieceSize, InvalidPaddedPieceSize> => {
  const s = _toBigInt(size)
  // an integer
  if (s === undefined) return Result.fail(new InvalidPaddedPieceSize({ size, reason: "not an integer" }))
  // at least 128 bytes
  if (s < MIN_PADDED_PIECE_SIZE) return Result.fail(new InvalidPaddedPieceSize({ size, reason: "below 128" }))
  // a power of two
  if (!isPowerOfTwo(s)) return Result.fail(new InvalidPaddedPieceSize({ size, reason: "not a power of two" }))
  // fits a uint64
  if (s > MAX_PADDED_PIECE_SIZE) return Result.fail(new InvalidPaddedPieceSize({ size, reason: "above 2^63" }))
  return Result.succeed(s as PaddedPieceSize)
}

/**
 * Validates an unpadded piece size: `127 · 2^k` with `0 ≤ k ≤ 56`.
 *
 * @example
 * unpaddedPieceSize(2032) // => Success(2032n)
 * unpaddedPieceSize(2048) // => Failure(InvalidUnpaddedPieceSize: not 127 · 2^k)
 * @category constructors
 * @since 0.1.0
 */
export const unpaddedPieceSize = (size: bigint | number): Result.Result<UnpaddedPieceSize, InvalidUnpaddedPieceSize> => {
  const s = _toBigInt(size)
  // an integer
  if (s === undefined) return Result.fail(new InvalidUnpaddedPieceSize({ size, reason: "not an integer" }))
  // at least 127 bytes
  if (s < MIN_UNPADDED_PIECE_SIZE) return Result.fail(new InvalidUnpaddedPieceSize({ size, reason: "below 127" }))
  // 127 · 2^k: size >> trailing_zeros(size) == 127 (go-state-types UnpaddedPieceSize.Validate)
  if (s % UNPADDED !== 0n || !isPowerOfTwo(s / UNPADDED)) {
    return Result.fail(new InvalidUnpaddedPieceSize({ size, reason: "not 127 · 2^k" }))
  }
  // its padded size fits a uint64
  if (s > MAX_PAYLOAD_SIZE) return Result.fail(new InvalidUnpaddedPieceSize({ size, reason: "above 127 · 2^56" }))
  return Result.succeed(s as UnpaddedPieceSize)
}

// ---------------------------------------------------------------------------------------------
// conversions

/**
 * The padded size of an unpadded piece: `unpadded + unpadded / 127` (go-state-types `Padded()`).
 *
 * @example
 * toPadded(Result.getOrThrow(unpaddedPieceSize(127))) // => 128n
 * @category conversions
 * @since 0.1.0
 */
export const toPadded = (size: UnpaddedPieceSize): PaddedPieceSize => (size + size / UNPADDED) as PaddedPieceSize

/**
 * The unpadded size of a padded piece: `padded − padded / 128` (go-state-types `Unpadded()`).
 *
 * @example
 * toUnpadded(Result.getOrThrow(paddedPieceSize(34359738368n))) // => 34091302912n (32 GiB sector)
 * @category conversions
 * @since 0.1.0
 */
export const toUnpadded = (size: PaddedPieceSize): UnpaddedPieceSize => (size - size / PADDED) as UnpaddedPieceSize

/**
 * Height of a piece's tree: `log2(size / 32)` (leaves are 32-byte nodes; 128 B → 2, 32 GiB → 30).
 *
 * @example
 * treeHeight(Result.getOrThrow(paddedPieceSize(34359738368n))) // => 30
 * @category conversions
 * @since 0.1.0
 */
export const treeHeight = (size: PaddedPieceSize): number => size.toString(2).length - 1 - LOG2_NODE_SIZE

/**
 * The padded size of a piece whose tree has height `height` (2 … 58): `32 · 2^height`.
 *
 * @example
 * pieceSizeOfHeight(4) // => Success(512n)
 * @category conversions
 * @since 0.1.0
 */
export const pieceSizeOfHeight = (height: number): Result.Result<PaddedPieceSize, InvalidTreeHeight> =>
  Number.isInteger(height) && height >= MIN_PIECE_HEIGHT && height <= MAX_PIECE_HEIGHT
    ? Result.succeed((BigInt(NODE_SIZE) << BigInt(height)) as PaddedPieceSize)
    : Result.fail(new InvalidTreeHeight({ height }))

/**
 * The padded size of the piece holding a payload of `n` bytes: the payload is zero-filled up to
 * the next `127 · 2^k` (at least 127), which Fr32 turns into `128 · 2^k`
 * (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7).
 *
 * @example
 * pieceSizeOfPayload(0)   // => Success(128n)
 * pieceSizeOfPayload(127) // => Success(128n)
 * pieceSizeOfPayload(128) // => Success(256n)
 * @category conversions
 * @since 0.1.0
 */
export const pieceSizeOfPayload = (n: bigint | number): Result.Result<PaddedPieceSize, InvalidPayloadSize> => {
  const s = _toBigInt(n)
  // a non-negative integer
  if (s === undefined || s < 0n) return Result.fail(new InvalidPayloadSize({ size: n, reason: "not a non-negative integer" }))
  // at most the unpadded size of the largest piece
  if (s > MAX_PAYLOAD_SIZE) return Result.fail(new InvalidPayloadSize({ size: n, reason: "above 127 · 2^56" }))
  // blocks = ceil(n / 127), at least 1, rounded up to a power of two
  let blocks = (s + UNPADDED - 1n) / UNPADDED
  if (blocks === 0n) blocks = 1n
  let pow = 1n
  while (pow < blocks) pow <<= 1n
  return Result.succeed((pow * PADDED) as PaddedPieceSize)
}

/**
 * FRC-0069 "padding": the number of zero bytes appended to a payload of `n` bytes so that its
 * Fr32 expansion fills a whole tree — `unpadded(pieceSizeOfPayload(n)) − n` (0 … 127 for
 * payloads under 128 bytes; otherwise less than `n`).
 *
 * @example
 * payloadPadding(0)   // => Success(127n)
 * payloadPadding(128) // => Success(126n)
 * payloadPadding(508) // => Success(0n)
 * @category conversions
 * @since 0.1.0
 */
export const payloadPadding = (n: bigint | number): Result.Result<bigint, InvalidPayloadSize> =>
  Result.map(pieceSizeOfPayload(n), (size) => toUnpadded(size) - BigInt(n))
