/**
 * DAG-CBOR as the Filecoin chain uses it: a thin, strict wrapper over `@ipld/dag-cbor`, plus the
 * field readers that tuple decoders (`Serialize_tuple` in Rust, cbor-gen tuples in Go) use.
 *
 * - Encoding: `@ipld/dag-cbor` writes canonical DAG-CBOR (minimal-length heads, no indefinite
 *   lengths, no floats for integers). A `bigint` in the safe range encodes exactly like the
 *   `number` with the same value, so encoders may pass `bigint` for every u64/i64 field; values
 *   above `Number.MAX_SAFE_INTEGER` must be `bigint`.
 * - Decoding: the decoder yields a `number` for integers up to 2^53 − 1 in magnitude and a
 *   `bigint` beyond. {@link decodeCbor} additionally requires the input to be the canonical
 *   encoding of what it decodes to (re-encoding must give the same bytes): this rejects
 *   non-minimal heads, floats standing in for integers, unsorted map keys and trailing bytes, so
 *   every accepted value has exactly one byte form — which matters because signatures and CIDs
 *   are computed over re-encoded bytes.
 * - Readers: each returns a `Result` whose failure, {@link InvalidCborField}, names the field and
 *   what was expected.
 *
 * Sources: DAG-CBOR spec https://ipld.io/specs/codecs/dag-cbor/spec/ ; tuple encoding as in
 * filecoin-project/builtin-actors actors/paych/src/types.rs @ v18.0.0 (`Serialize_tuple`,
 * integers as plain CBOR ints); CID of a block = CIDv1, codec dag-cbor (0x71), multihash
 * blake2b-256 (0xb220) as in lotus/builtin-actors.
 *
 * @module
 */
import * as dagCbor from "@ipld/dag-cbor"
import { blake2b } from "@noble/hashes/blake2.js"
import { Data, Result } from "effect"
import { CID } from "multiformats/cid"
import * as Digest from "multiformats/hashes/digest"
import { bytesEqual } from "./hex.js"

/**
 * Bytes that are not canonical DAG-CBOR (truncated, trailing data, unsupported tag,
 * non-minimal encoding…).
 *
 * @category errors
 * @since 0.1.0
 */
export class MalformedCbor extends Data.TaggedError("MalformedCbor")<{
  /** What the decoder objected to. */
  readonly message: string
}> {}

/**
 * A decoded CBOR value that has the wrong shape for the field it fills.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCborField extends Data.TaggedError("InvalidCborField")<{
  /** Dotted path of the field, e.g. `"SignedVoucher.lane"`. */
  readonly field: string
  /** What the field must hold, e.g. `"u64"`. */
  readonly expected: string
  /** Human-readable summary naming the field, the expectation and what was found. */
  readonly message: string
}> {}

/** Largest u64, 2^64 − 1 (= 18446744073709551615). @since 0.1.0 */
export const U64_MAX: bigint = (1n << 64n) - 1n
/** Largest i64, 2^63 − 1 (= 9223372036854775807). @since 0.1.0 */
export const I64_MAX: bigint = (1n << 63n) - 1n
/** Smallest i64, −2^63 (= −9223372036854775808). @since 0.1.0 */
export const I64_MIN: bigint = -(1n << 63n)

/** Multicodec code of DAG-CBOR (0x71). @since 0.1.0 */
export const DAG_CBOR_CODE = 0x71
/** Multihash code of blake2b-256 (0xb220). @since 0.1.0 */
export const BLAKE2B_256_CODE = 0xb220

/**
 * Canonical DAG-CBOR encoding of `value`.
 *
 * @throws {TypeError} when `value` holds something outside the IPLD data model (`undefined`, a
 *   function, a `bigint` outside [−2^64, 2^64 − 1]…). Callers build values from typed records, so
 *   this is a programming error.
 * @example
 * toHex(encodeCbor([1n, new Uint8Array(0), null])) // => "830140f6"
 * @category encoding
 * @since 0.1.0
 */
export const encodeCbor = (value: unknown): Uint8Array => dagCbor.encode(value)

/**
 * Decodes canonical DAG-CBOR; never throws.
 *
 * Fails with {@link MalformedCbor} when the decoder rejects the bytes or when they are not the
 * canonical encoding of the decoded value (see the module notes).
 *
 * @example
 * decodeCbor(fromHex("8201f6")) // => Success([1, null])
 * decodeCbor(fromHex("1b0000000000000005")) // => Failure(MalformedCbor) — non-minimal integer
 * @category decoding
 * @since 0.1.0
 */
export const decodeCbor = (bytes: Uint8Array): Result.Result<unknown, MalformedCbor> => {
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch (e) {
    return Result.fail(new MalformedCbor({ message: errorMessage(e) }))
  }
  // the bytes must be the one canonical form of the value
  let again: Uint8Array
  try {
    again = dagCbor.encode(value)
  } catch (e) {
    return Result.fail(new MalformedCbor({ message: `decoded value cannot be re-encoded: ${errorMessage(e)}` }))
  }
  if (!bytesEqual(again, bytes)) {
    return Result.fail(new MalformedCbor({ message: "not canonical DAG-CBOR (re-encoding differs from the input)" }))
  }
  return Result.succeed(value)
}

/**
 * CIDv1 (DAG-CBOR, blake2b-256) of already-encoded DAG-CBOR bytes, as the chain names blocks
 * and messages.
 *
 * @example
 * cidOfCbor(encodeCbor([])).toString() // => "bafy2bz…" (base32 CIDv1)
 * @category encoding
 * @since 0.1.0
 */
export const cidOfCbor = (bytes: Uint8Array): CID =>
  CID.createV1(DAG_CBOR_CODE, Digest.create(BLAKE2B_256_CODE, blake2b(bytes, { dkLen: 32 })))

// ---------------------------------------------------------------------------------------------
// field readers

/**
 * Reads a CBOR array of exactly `length` elements (a tuple-encoded struct named `what`).
 *
 * @example
 * readTuple([1, 2], 2, "Merge") // => Success([1, 2])
 * readTuple([1], 2, "Merge")    // => Failure(InvalidCborField: Merge: expected array of 2 elements, got array(1))
 * @category decoding
 * @since 0.1.0
 */
export const readTuple = (
  value: unknown,
  length: number,
  what: string
): Result.Result<ReadonlyArray<unknown>, InvalidCborField> => {
  const expected = `array of ${length} elements`
  if (!Array.isArray(value) || value.length !== length) return fail(what, expected, value)
  return Result.succeed(value)
}

/**
 * Reads a CBOR array of any length.
 *
 * @example
 * readArray([], "SignedVoucher.merges") // => Success([])
 * @category decoding
 * @since 0.1.0
 */
export const readArray = (value: unknown, field: string): Result.Result<ReadonlyArray<unknown>, InvalidCborField> =>
  Array.isArray(value) ? Result.succeed(value) : fail(field, "array", value)

/**
 * Reads an unsigned 64-bit integer (CBOR major type 0) as a `bigint`.
 *
 * Accepts a decoded `number` or `bigint`; rejects negatives, floats and values above 2^64 − 1.
 *
 * @example
 * readUint(5, "lane")  // => Success(5n)
 * readUint(-1, "lane") // => Failure(InvalidCborField: lane: expected u64, got int -1)
 * @category decoding
 * @since 0.1.0
 */
export const readUint = (value: unknown, field: string): Result.Result<bigint, InvalidCborField> =>
  readIntegerIn(value, field, "u64", 0n, U64_MAX)

/**
 * Reads a signed 64-bit integer (CBOR major type 0 or 1) as a `bigint`, e.g. a ChainEpoch.
 *
 * @example
 * readInt(-5, "timeLockMin") // => Success(-5n)
 * @category decoding
 * @since 0.1.0
 */
export const readInt = (value: unknown, field: string): Result.Result<bigint, InvalidCborField> =>
  readIntegerIn(value, field, "i64", I64_MIN, I64_MAX)

/**
 * Reads a CBOR byte string (major type 2).
 *
 * @example
 * readBytes(new Uint8Array(2), "secret") // => Success(Uint8Array [0, 0])
 * @category decoding
 * @since 0.1.0
 */
export const readBytes = (value: unknown, field: string): Result.Result<Uint8Array, InvalidCborField> =>
  value instanceof Uint8Array ? Result.succeed(value) : fail(field, "byte string", value)

/**
 * Reads a CBOR text string (major type 3).
 *
 * @example
 * readText("hi", "label") // => Success("hi")
 * @category decoding
 * @since 0.1.0
 */
export const readText = (value: unknown, field: string): Result.Result<string, InvalidCborField> =>
  typeof value === "string" ? Result.succeed(value) : fail(field, "text string", value)

/**
 * Reads a CBOR boolean (`true` / `false`).
 *
 * @example
 * readBool(true, "verified") // => Success(true)
 * @category decoding
 * @since 0.1.0
 */
export const readBool = (value: unknown, field: string): Result.Result<boolean, InvalidCborField> =>
  typeof value === "boolean" ? Result.succeed(value) : fail(field, "boolean", value)

/**
 * Reads `null` as `null`, anything else with `read` (Rust `Option<T>`, Go pointer fields).
 *
 * @example
 * readNullable(null, "extra", readBytes) // => Success(null)
 * @category decoding
 * @since 0.1.0
 */
export const readNullable = <A, E>(
  value: unknown,
  field: string,
  read: (value: unknown, field: string) => Result.Result<A, E>
): Result.Result<A | null, E> => (value === null ? Result.succeed(null) : read(value, field))

/**
 * Short description of a decoded CBOR value for error messages (`"uint 5"`, `"bytes(3)"`…).
 *
 * @example
 * describeCbor(new Uint8Array(3)) // => "bytes(3)"
 * @category utils
 * @since 0.1.0
 */
export const describeCbor = (value: unknown): string => {
  if (value === null) return "null"
  if (value instanceof Uint8Array) return `bytes(${value.length})`
  if (Array.isArray(value)) return `array(${value.length})`
  if (typeof value === "bigint") return `${value < 0n ? "int" : "uint"} ${value}`
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return `float ${value}`
    return `${value < 0 ? "int" : "uint"} ${value}`
  }
  if (typeof value === "string") return `text(${value.length})`
  if (typeof value === "boolean") return `boolean ${value}`
  if (CID.asCID(value) !== null) return "CID"
  if (typeof value === "object") return "map"
  return typeof value
}

// ---------------------------------------------------------------------------------------------
// internals

const fail = (field: string, expected: string, value: unknown): Result.Result<never, InvalidCborField> =>
  Result.fail(
    new InvalidCborField({ field, expected, message: `${field}: expected ${expected}, got ${describeCbor(value)}` })
  )

const readIntegerIn = (
  value: unknown,
  field: string,
  expected: string,
  min: bigint,
  max: bigint
): Result.Result<bigint, InvalidCborField> => {
  let n: bigint
  if (typeof value === "bigint") n = value
  else if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value)
  else return fail(field, expected, value)
  if (n < min || n > max) return fail(field, expected, value)
  return Result.succeed(n)
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))
