/**
 * Token amounts: attoFIL as `bigint`, their decimal text form and the chain's BigInt bytes.
 *
 * - 1 FIL = 10^18 attoFIL (filecoin-project/go-state-types builtin/network.go @ v0.18.0 `TokenPrecision`).
 * - Text: {@link formatFil} writes what Lotus's `types.FIL.String()` writes (`chain/types/fil.go`):
 *   the amount in FIL with up to 18 decimals, trailing zeros and a bare `.` trimmed, then ` FIL`.
 *   {@link parseFil} accepts that form and Lotus's unit suffixes (`FIL`, `attoFIL`, `aFIL`, any
 *   case), but only plain decimals: no exponent, fraction (`1/2`) or leading `+`/`.` that Lotus's
 *   `big.Rat` parser would also take.
 * - Bytes (filecoin-project/go-state-types big/int.go @ v0.18.0 `Bytes`, `FromBytes`): empty = 0;
 *   otherwise a sign byte (0x00 positive, 0x01 negative) then the
 *   big-endian magnitude. The encoder writes no leading zero bytes and never writes a sign byte
 *   for zero.
 *
 * Decoder decision (checked against ref-fvm `shared/src/bigint/bigint_ser.rs` and go-state-types
 * `big/int.go`, which agree): accept what both accept and reject what both reject —
 * - reject a first byte other than 0x00 / 0x01;
 * - reject more than `MAX_BIGINT_SIZE` = 128 bytes in total (sign byte included), i.e. a magnitude
 *   of at most 127 bytes (Rust `MAX_BIGINT_SIZE`, Go `BigIntMaxSerializedLen`);
 * - accept non-canonical forms the way both do: leading zero bytes in the magnitude, and a lone
 *   sign byte (`00` or `01`) meaning 0. They decode to the same number as the canonical form, so
 *   re-encoding a decoded value may give different (canonical) bytes — as it does on chain.
 *
 * @module
 */
import { Data, Result } from "effect"
import { InvalidCborField, readBytes } from "../encoding/cbor.js"

/**
 * An amount of FIL in attoFIL (10^-18 FIL). May be negative (e.g. a delta).
 *
 * @category models
 * @since 0.1.0
 */
export type TokenAmount = bigint

/** attoFIL per FIL: 10^18 (go-state-types `TokenPrecision`). @since 0.1.0 */
export const ATTO_PER_FIL: bigint = 10n ** 18n

/** Decimals of FIL: 18. @since 0.1.0 */
export const FIL_DECIMALS = 18

/** Largest serialized BigInt, sign byte included: 128 bytes (ref-fvm `MAX_BIGINT_SIZE`). @since 0.1.0 */
export const MAX_BIGINT_SIZE = 128

/**
 * Text that is not a FIL amount.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTokenAmount extends Data.TaggedError("InvalidTokenAmount")<{
  /** The rejected text. */
  readonly input: string
  readonly message: string
}> {}

/**
 * Bytes that are not a serialized BigInt (bad sign byte, more than 128 bytes).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidBigInt extends Data.TaggedError("InvalidBigInt")<{
  readonly message: string
}> {}

/**
 * Formats attoFIL as FIL text, Lotus style.
 *
 * @example
 * formatFil(1_500_000_000_000_000_000n) // => "1.5 FIL"
 * formatFil(-1n)                        // => "-0.000000000000000001 FIL"
 * formatFil(0n)                         // => "0 FIL"
 * @category encoding
 * @since 0.1.0
 */
export const formatFil = (atto: TokenAmount): string => {
  const sign = atto < 0n ? "-" : ""
  const magnitude = atto < 0n ? -atto : atto
  const whole = magnitude / ATTO_PER_FIL
  const fraction = (magnitude % ATTO_PER_FIL).toString().padStart(FIL_DECIMALS, "0").replace(/0+$/, "")
  return `${sign}${whole}${fraction === "" ? "" : "." + fraction} FIL`
}

/**
 * Parses FIL text into attoFIL.
 *
 * Grammar: `-?digits(.digits)?` then optionally spaces and a unit `FIL` (default) or
 * `attoFIL` / `aFIL` (case-insensitive). FIL amounts take at most 18 decimals; attoFIL amounts
 * none. The number part is at most 50 characters, as in Lotus.
 *
 * @example
 * parseFil("1.5")       // => Success(1500000000000000000n)
 * parseFil("12 attoFIL") // => Success(12n)
 * parseFil("0.0000000000000000001") // => Failure(InvalidTokenAmount: more than 18 decimals)
 * @category decoding
 * @since 0.1.0
 */
export const parseFil = (text: string): Result.Result<TokenAmount, InvalidTokenAmount> => {
  const bad = (message: string) => Result.fail(new InvalidTokenAmount({ input: text, message }))
  const m = AMOUNT.exec(text.trim())
  if (m === null) return bad(`not a FIL amount: ${JSON.stringify(text)}`)
  const [, sign, whole, fraction, unit] = m
  // the number part is at most 50 characters (Lotus ParseFIL "string length too large")
  const numberLength = (sign ?? "").length + whole!.length + (fraction === undefined ? 0 : fraction.length + 1)
  if (numberLength > MAX_AMOUNT_TEXT) {
    return bad(`number part is ${numberLength} characters, at most ${MAX_AMOUNT_TEXT}`)
  }
  const atto = unit !== undefined && unit.toLowerCase() !== "fil"
  const decimals = fraction ?? ""
  // attoFIL is the smallest unit: no fractional part
  if (atto && decimals !== "") return bad(`attoFIL amount has a fractional part: ${JSON.stringify(text)}`)
  // at most 18 decimals of FIL
  if (decimals.length > FIL_DECIMALS) {
    return bad(`more than ${FIL_DECIMALS} decimals: ${JSON.stringify(text)}`)
  }
  const magnitude = atto
    ? BigInt(whole!)
    : BigInt(whole!) * ATTO_PER_FIL + BigInt(decimals.padEnd(FIL_DECIMALS, "0"))
  return Result.succeed(sign === "-" ? -magnitude : magnitude)
}

/**
 * Serializes a BigInt the chain's way: empty for 0, else sign byte ‖ big-endian magnitude.
 *
 * @throws {RangeError} if the result would exceed 128 bytes (ref-fvm's serializer fails likewise).
 * @example
 * encodeBigInt(0n)    // => Uint8Array []
 * encodeBigInt(256n)  // => Uint8Array [0, 1, 0]
 * encodeBigInt(-1n)   // => Uint8Array [1, 1]
 * @category encoding
 * @since 0.1.0
 */
export const encodeBigInt = (x: bigint): Uint8Array => {
  if (x === 0n) return new Uint8Array(0)
  const magnitude = x < 0n ? -x : x
  let hex = magnitude.toString(16)
  if (hex.length % 2 === 1) hex = "0" + hex
  const out = new Uint8Array(1 + hex.length / 2)
  out[0] = x < 0n ? 1 : 0
  for (let i = 1; i < out.length; i++) out[i] = parseInt(hex.slice(2 * (i - 1), 2 * i), 16)
  if (out.length > MAX_BIGINT_SIZE) {
    throw new RangeError(`BigInt too large: ${out.length} bytes serialized, at most ${MAX_BIGINT_SIZE}`)
  }
  return out
}

/**
 * Parses the chain's BigInt bytes (see the module notes for what is accepted).
 *
 * @example
 * decodeBigInt(Uint8Array.of(0, 1, 0)) // => Success(256n)
 * decodeBigInt(Uint8Array.of(2, 1))    // => Failure(InvalidBigInt: sign byte 2)
 * @category decoding
 * @since 0.1.0
 */
export const decodeBigInt = (bytes: Uint8Array): Result.Result<bigint, InvalidBigInt> => {
  // empty = zero
  if (bytes.length === 0) return Result.succeed(0n)
  // first byte is a valid sign (0, 1)
  const sign = bytes[0]!
  if (sign !== 0 && sign !== 1) {
    return Result.fail(new InvalidBigInt({ message: `first byte must be a sign (0 or 1), got ${sign}` }))
  }
  // at most MAX_BIGINT_SIZE bytes, sign included
  if (bytes.length > MAX_BIGINT_SIZE) {
    return Result.fail(
      new InvalidBigInt({ message: `BigInt too large: ${bytes.length} bytes, at most ${MAX_BIGINT_SIZE}` })
    )
  }
  let magnitude = 0n
  for (let i = 1; i < bytes.length; i++) magnitude = (magnitude << 8n) | BigInt(bytes[i]!)
  return Result.succeed(sign === 1 ? -magnitude : magnitude)
}

/**
 * CBOR field reader for a BigInt / TokenAmount (a byte string holding {@link encodeBigInt} bytes).
 *
 * @example
 * readBigInt(Uint8Array.of(0, 0x27, 0x10), "SignedVoucher.amount") // => Success(10000n)
 * @category decoding
 * @since 0.1.0
 */
export const readBigInt = (value: unknown, field: string): Result.Result<bigint, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (bytes) =>
    Result.mapError(
      decodeBigInt(bytes),
      (e) => new InvalidCborField({ field, expected: "BigInt bytes", message: `${field}: ${e.message}` })
    )
  )

// ---------------------------------------------------------------------------------------------
// internals

/** Longest number part of an amount's text: 50 characters (Lotus `ParseFIL`). */
const MAX_AMOUNT_TEXT = 50

/** sign, whole digits, optional fraction digits, optional unit (Lotus suffixes). */
const AMOUNT = /^(-)?([0-9]+)(?:\.([0-9]+))?(?:\s*(fil|attofil|afil))?$/i
