/**
 * Hex strings and small byte-array helpers shared by the implementation.
 *
 * Hex is RFC 4648 §8 "base16": two digits per byte, most significant nibble first. `toHex`
 * writes lowercase; `fromHex` accepts either case, no `0x` prefix, no separators.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-8
 * @module
 */
import { Data, Result } from "effect"

/**
 * A string that is not an even-length sequence of hex digits.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidHex extends Data.TaggedError("InvalidHex")<{
  /** What was wrong, with the offending position. */
  readonly message: string
}> {}

/**
 * Lowercase hex of `bytes` (two digits per byte).
 *
 * @example
 * toHex(Uint8Array.of(0, 0xab)) // => "00ab"
 * @category encoding
 * @since 0.1.0
 */
export const toHex = (bytes: Uint8Array): string => {
  let out = ""
  for (const b of bytes) out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 0x0f]!
  return out
}

/**
 * Parses a hex string (either case) into bytes.
 *
 * Fails with {@link InvalidHex} on an odd length or a character outside `[0-9a-fA-F]`.
 *
 * @example
 * fromHex("00aB") // => Success(Uint8Array [0, 171])
 * fromHex("abc")  // => Failure(InvalidHex: odd length 3)
 * @category decoding
 * @since 0.1.0
 */
export const fromHex = (hex: string): Result.Result<Uint8Array, InvalidHex> => {
  // length must be even: each byte is exactly two digits
  if (hex.length % 2 !== 0) {
    return Result.fail(new InvalidHex({ message: `hex string has odd length ${hex.length}` }))
  }
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i))
    const lo = nibble(hex.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? 2 * i : 2 * i + 1
      return Result.fail(new InvalidHex({ message: `invalid hex digit ${JSON.stringify(hex[at])} at position ${at}` }))
    }
    out[i] = (hi << 4) | lo
  }
  return Result.succeed(out)
}

/**
 * Byte-wise equality of two arrays (same length, same bytes).
 *
 * @example
 * bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2)) // => true
 * @category utils
 * @since 0.1.0
 */
export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Concatenates byte arrays into a new array.
 *
 * @example
 * concatBytes(Uint8Array.of(1), Uint8Array.of(2, 3)) // => Uint8Array [1, 2, 3]
 * @category utils
 * @since 0.1.0
 */
export const concatBytes = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// internals

const HEX_DIGITS = "0123456789abcdef"

/** Value of one hex digit given its char code, or -1. */
const nibble = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30 // 0-9
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10 // a-f
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10 // A-F
  return -1
}
