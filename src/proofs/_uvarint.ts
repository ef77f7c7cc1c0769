/**
 * Internal: unsigned varints as multiformats defines them — little-endian base-128 groups, high
 * bit = continuation, minimal encoding, at most 9 bytes (values < 2^63).
 *
 * `bigint` values, because FRC-0069 padding and PIP positions reach 2^63 − 1 (beyond a `number`).
 *
 * Source: multiformats/unsigned-varint README ("must be minimally encoded", "practical maximum
 * of 9 bytes").
 *
 * @module
 */

/** Largest value: 2^63 − 1 (= 9223372036854775807; 9 groups of 7 bits). */
export const _MAX_UVARINT = (1n << 63n) - 1n
/** Longest encoding: 9 bytes. */
const MAX_BYTES = 9

/** The varint bytes of `value` (0 ≤ value ≤ 2^63 − 1). @throws {RangeError} out of range. */
export const _encodeUvarint = (value: bigint): Uint8Array => {
  if (value < 0n || value > _MAX_UVARINT) throw new RangeError(`uvarint out of range: ${value}`)
  const out: number[] = []
  let v = value
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return Uint8Array.from(out)
}

/** Decodes a varint at `bytes[offset]`: the value and its length, or why it is invalid. */
export const _decodeUvarint = (
  bytes: Uint8Array, offset: number
): { readonly value: bigint, readonly length: number } | { readonly error: string } => {
  let value = 0n
  for (let i = 0; i < MAX_BYTES; i++) {
    const b = bytes[offset + i]
    if (b === undefined) return { error: "truncated varint" }
    value |= BigInt(b & 0x7f) << BigInt(7 * i)
    if ((b & 0x80) === 0) {
      // minimal: no trailing zero group (except the single byte 0x00)
      if (b === 0 && i > 0) return { error: "non-minimal varint" }
      return { value, length: i + 1 }
    }
  }
  return { error: "varint longer than 9 bytes" }
}
