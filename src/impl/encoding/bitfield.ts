/**
 * RLE+ bitfields, as the chain encodes sets of u64 (deal ids, sector numbers): a version, the
 * value of the first run, then the runs' lengths, in a little-endian bit stream.
 *
 * Port of filecoin-project/ref-fvm `ipld/bitfield/src/rleplus/{mod,reader,writer}.rs` @
 * fvm_ipld_bitfield@v0.7.2 (the RLE+ spec: filecoin-project/specs, "RLE+ Bitset Encoding"):
 * - Bits are written least significant first within each byte.
 * - Header: 2 bits version `00`, 1 bit the value of the first run.
 * - Each run length: `1` = a run of 1; `01` + 4 bits = a run of 2..15; `00` + a uvarint (each byte
 *   as 8 bits) = a run of 16 or more.
 * - Runs alternate in value; the last run is a run of ones (trailing zeros are implicit), and the
 *   byte string has no trailing zero byte; the empty set is the empty byte string.
 * - Decoding refuses anything not minimal (`NotMinimal`: a length in a longer form than needed, a
 *   trailing run of zeros, a trailing zero byte), a version other than 0, a varint longer than 10
 *   bytes or above 2^64 − 1, and runs whose total exceeds 2^64 − 1 (`RLEOverflow`).
 * - As a CBOR field it is a byte string of at most 32 KiB (`MAX_ENCODED_SIZE`, lib.rs).
 *
 * A bitfield here is its list of maximal ranges of set bits, `[start, end)`, ascending.
 *
 * @module
 */
import { Data, Result } from "effect"
import { InvalidCborField, readBytes, U64_MAX } from "./cbor.js"

/** A maximal run of set bits, `start` inclusive, `end` exclusive. @since 0.1.0 */
export interface BitRange {
  readonly start: bigint
  readonly end: bigint
}

/** A set of u64 as its ascending, disjoint, non-adjacent ranges. @since 0.1.0 */
export type BitField = ReadonlyArray<BitRange>

/** Largest encoded bitfield, 32 KiB (fvm_ipld_bitfield `MAX_ENCODED_SIZE` = 32 << 10). @since 0.1.0 */
export const MAX_ENCODED_SIZE = 32 << 10

/**
 * Bytes that are not a valid RLE+ bitfield; `reason` is the upstream error's name.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidBitField extends Data.TaggedError("InvalidBitField")<{
  readonly reason: "NotMinimal" | "UnsupportedVersion" | "RLEOverflow" | "InvalidVarint" | "TooLarge"
  readonly message: string
}> {}

/**
 * The bitfield holding exactly `indices` (any order, duplicates allowed).
 *
 * @example
 * bitFieldFromIndices([3n, 0n, 1n]) // => [{ start: 0n, end: 2n }, { start: 3n, end: 4n }]
 * @category constructors
 * @since 0.1.0
 */
export const bitFieldFromIndices = (indices: Iterable<bigint>): BitField => {
  const sorted = [...new Set(indices)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const ranges: Array<BitRange> = []
  for (const i of sorted) {
    if (i < 0n || i > U64_MAX) throw new RangeError(`bitfield index ${i} is not a u64`)
    const last = ranges[ranges.length - 1]
    if (last !== undefined && last.end === i) ranges[ranges.length - 1] = { start: last.start, end: i + 1n }
    else ranges.push({ start: i, end: i + 1n })
  }
  return ranges
}

/**
 * The set bits, ascending. Only for bitfields of modest size (it lists every bit).
 *
 * @example
 * bitFieldIndices([{ start: 2n, end: 4n }]) // => [2n, 3n]
 * @category getters
 * @since 0.1.0
 */
export const bitFieldIndices = (bf: BitField): ReadonlyArray<bigint> => {
  const out: Array<bigint> = []
  for (const r of bf) for (let i = r.start; i < r.end; i++) out.push(i)
  return out
}

/**
 * Number of set bits.
 *
 * @example
 * bitFieldCount([{ start: 2n, end: 4n }]) // => 2n
 * @category getters
 * @since 0.1.0
 */
export const bitFieldCount = (bf: BitField): bigint => bf.reduce((n, r) => n + (r.end - r.start), 0n)

/**
 * RLE+ bytes of a bitfield (`BitField::to_bytes`).
 *
 * @example
 * toHex(encodeBitField(bitFieldFromIndices([0n]))) // => "0c"  (bits 0 0 | 1 | 1, least significant first)
 * @category encoding
 * @since 0.1.0
 */
export const encodeBitField = (bf: BitField): Uint8Array => {
  const first = bf[0]
  if (first === undefined) return new Uint8Array(0)
  const w = new BitWriter()
  // version 00
  w.write(0, 2)
  if (first.start === 0n) {
    // the first run is of ones
    w.write(1, 1)
  } else {
    // the first run is of zeros: its length
    w.write(0, 1)
    w.writeLen(first.start)
  }
  w.writeLen(first.end - first.start)
  let index = first.end
  for (const r of bf.slice(1)) {
    w.writeLen(r.start - index)
    w.writeLen(r.end - r.start)
    index = r.end
  }
  return w.finish()
}

/**
 * Parses RLE+ bytes (`BitField::from_bytes`, with `MAX_ENCODED_SIZE` as its CBOR deserializer checks).
 *
 * @example
 * decodeBitField(fromHex("0c")) // => Success([{ start: 0n, end: 1n }])
 * decodeBitField(fromHex("0c00")) // => Failure(InvalidBitField NotMinimal: trailing zero byte)
 * @category decoding
 * @since 0.1.0
 */
export const decodeBitField = (bytes: Uint8Array): Result.Result<BitField, InvalidBitField> => {
  if (bytes.length > MAX_ENCODED_SIZE) return invalid("TooLarge", `encoded bitfield was too large ${bytes.length}`)
  // no trailing zero byte: the zeros after the data are implicit
  if (bytes.length > 0 && bytes[bytes.length - 1] === 0) return invalid("NotMinimal", "bitfield not minimally encoded: trailing zero byte")
  const r = new BitReader(bytes)
  // version 0
  if (r.read(2) !== 0) return invalid("UnsupportedVersion", "bitfield specifies an unsupported version")
  let value = r.read(1) === 1
  const ranges: Array<BitRange> = []
  let index = 0n
  for (;;) {
    const len = r.readLen()
    if (Result.isFailure(len)) return Result.fail(len.failure)
    if (len.success === undefined) break
    // the total length stays within u64
    if (index + len.success > U64_MAX) return invalid("RLEOverflow", "bitfield overflows 2^64-1")
    if (value) ranges.push({ start: index, end: index + len.success })
    index += len.success
    value = !value
  }
  // the last run is a run of ones
  if (value) return invalid("NotMinimal", "bitfield not minimally encoded: trailing run of zeros")
  return Result.succeed(ranges)
}

/**
 * CBOR field reader for a bitfield (a byte string of RLE+ bytes).
 *
 * @example
 * readBitField(Uint8Array.of(0x0c), "valid_deals") // => Success([{ start: 0n, end: 1n }])
 * @category decoding
 * @since 0.1.0
 */
export const readBitField = (value: unknown, field: string): Result.Result<BitField, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (bytes) =>
    Result.mapError(
      decodeBitField(bytes),
      (e) => new InvalidCborField({ field, expected: "RLE+ bitfield", message: `${field}: ${e.message}` })
    )
  )

// ---------------------------------------------------------------------------------------------
// internals

const invalid = (reason: InvalidBitField["reason"], message: string): Result.Result<never, InvalidBitField> =>
  Result.fail(new InvalidBitField({ reason, message }))

/** Appends bits least significant first (writer.rs `BitWriter`). */
class BitWriter {
  private readonly bytes: Array<number> = []
  private bits = 0
  private count = 0

  write(value: number, n: number): void {
    this.bits |= value << this.count
    this.count += n
    while (this.count >= 8) {
      this.bytes.push(this.bits & 0xff)
      this.bits >>= 8
      this.count -= 8
    }
  }

  writeLen(len: bigint): void {
    if (len === 1n) {
      // Block Single: 1
      this.write(1, 1)
    } else if (len < 16n) {
      // Block Short: 01 (= 2, least significant bit first), then 4 bits
      this.write(2, 2)
      this.write(Number(len), 4)
    } else {
      // Block Long: 00, then a uvarint, each byte as 8 bits
      this.write(0, 2)
      let v = len
      do {
        const low = Number(v & 0x7fn)
        v >>= 7n
        this.write(v > 0n ? low | 0x80 : low, 8)
      } while (v > 0n)
    }
  }

  finish(): Uint8Array {
    if (this.count > 0) this.bytes.push(this.bits & 0xff)
    while (this.bytes.length > 0 && this.bytes[this.bytes.length - 1] === 0) this.bytes.pop()
    return Uint8Array.from(this.bytes)
  }
}

/** Reads bits least significant first; past the end it reads zeros (reader.rs `BitReader`). */
class BitReader {
  private pos = 0
  /** One past the last set bit of the input. */
  private readonly end: number

  constructor(private readonly bytes: Uint8Array) {
    const last = bytes[bytes.length - 1]
    this.end = last === undefined || last === 0 ? 0 : (bytes.length - 1) * 8 + (32 - Math.clz32(last))
  }

  bit(): number {
    const byte = this.bytes[this.pos >> 3] ?? 0
    const b = (byte >> (this.pos & 7)) & 1
    this.pos++
    return b
  }

  read(n: number): number {
    let v = 0
    for (let i = 0; i < n; i++) v |= this.bit() << i
    return v
  }

  /** Whether a set bit remains. */
  hasMore(): boolean {
    return this.pos < this.end
  }

  readLen(): Result.Result<bigint | undefined, InvalidBitField> {
    if (!this.hasMore()) return Result.succeed(undefined)
    if (this.bit() === 1) return Result.succeed(1n)
    if (this.bit() === 1) {
      const v = BigInt(this.read(4))
      // a run of 0 or 1 in the short form is not minimal
      return v < 2n ? invalid("NotMinimal", "bitfield not minimally encoded: short block under 2") : Result.succeed(v)
    }
    // Block Long: a uvarint of at most 10 bytes, minimal, within u64
    let v = 0n
    for (let i = 0; i < 10; i++) {
      const byte = this.read(8)
      v |= BigInt(byte & 0x7f) << BigInt(7 * i)
      if ((byte & 0x80) === 0) {
        if ((i === 9 && byte > 1) || (byte === 0 && i !== 0)) break
        return v < 16n ? invalid("NotMinimal", "bitfield not minimally encoded: long block under 16") : Result.succeed(v)
      }
    }
    return invalid("InvalidVarint", "invalid varint")
  }
}
