/**
 * Unsigned varints as multiformats defines them — little-endian base-128 groups, high bit =
 * continuation, minimal encoding — limited to 9 bytes, values 0 … 2^63 − 1. The one codec of the
 * project: piece CID v2 padding (`./piececid.ts`), PIP positions (`./pip.ts`), and the id and
 * namespace of Filecoin addresses (`src/impl/address/address.ts`).
 *
 * `bigint` values, because FRC-0069 padding and PIP positions reach 2^63 − 1 (beyond a `number`).
 *
 * The limit, by purpose:
 * - multiformats: "Implementations MUST restrict the size of the varint to a max of 9 bytes (63
 *   bits)" and encodings must be minimal (multiformats/unsigned-varint `README.md` @
 *   3a509f662f82190e7ea13ef1dbd5abff291f4cdc), and go-varint enforces it —
 *   `MaxLenUvarint63 = 9`, `MaxValueUvarint63 = 2^63 − 1`, `FromUvarint` failing with
 *   `ErrOverflow` on a 9th byte with the continuation bit, `ErrNotMinimal` on a trailing zero
 *   group, `ErrUnderflow` on a truncated one (multiformats/go-varint `varint.go` @ v0.1.0,
 *   23576a8fddd196d6bc3b82014ae91d198e47d734). go-fil-commcid decodes the v2 padding with it and
 *   refuses padding above `MaxValueUvarint63` (filecoin-project/go-fil-commcid `commcid.go` @
 *   70941e2f5a2fc4971962448311ad769ebd94b2d2).
 * - addresses: go-address, which Lotus decodes every address with, reads ids and namespaces with
 *   the same go-varint (`varint.FromUvarint`, go-varint v0.0.7, whose limit is the same 9 bytes:
 *   filecoin-project/go-address `address.go`, `go.mod` @ 4e4546c). The FVM reads an id as a
 *   u64 instead: `from_leb_bytes` calls `unsigned_varint::decode::u64`, up to 10 bytes, then
 *   requires the payload to end there (filecoin-project/ref-fvm `shared/src/address/mod.rs` @
 *   bde53ad73a10393915432d744d15199d825efe06). The 9-byte limit is kept for addresses too, with
 *   go-address's id range 0 … 2^63 − 1; `address.ts` documents that deviation from the FVM.
 *
 * @module
 */

/** Largest value: 2^63 − 1 (= 9223372036854775807; 9 groups of 7 bits). */
export const MAX_UVARINT = (1n << 63n) - 1n
/** Longest encoding: 9 bytes. */
export const MAX_UVARINT_BYTES = 9

/**
 * The varint bytes of `value` (0 ≤ value ≤ 2^63 − 1).
 *
 * @throws {RangeError} out of range.
 * @example
 * encodeUvarint(300n) // => Uint8Array [0xac, 0x02]
 * @category encoding
 * @since 0.1.0
 */
export const encodeUvarint = (value: bigint): Uint8Array => {
  if (value < 0n || value > MAX_UVARINT) throw new RangeError(`uvarint out of range: ${value}`)
  const out: Array<number> = []
  let v = value
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return Uint8Array.from(out)
}

/**
 * Decodes a varint at `bytes[offset]`: the value and its length in bytes, or why it is invalid —
 * `"empty varint"` (no byte at `offset`), `"truncated varint"`, `"non-minimal varint"` (a
 * trailing zero group), `"varint longer than 9 bytes"` — the four cases go-varint rejects.
 *
 * @example
 * decodeUvarint(Uint8Array.of(0xac, 0x02), 0) // => { value: 300n, length: 2 }
 * decodeUvarint(Uint8Array.of(0x80, 0x00), 0) // => { error: "non-minimal varint" }
 * @category encoding
 * @since 0.1.0
 */
export const decodeUvarint = (
  bytes: Uint8Array, offset: number
): { readonly value: bigint; readonly length: number } | { readonly error: string } => {
  let value = 0n
  for (let i = 0; i < MAX_UVARINT_BYTES; i++) {
    const b = bytes[offset + i]
    if (b === undefined) return { error: i === 0 ? "empty varint" : "truncated varint" }
    value |= BigInt(b & 0x7f) << BigInt(7 * i)
    // minimal: no trailing zero group (except the single byte 0x00)
    if ((b & 0x80) === 0) return b === 0 && i > 0 ? { error: "non-minimal varint" } : { value, length: i + 1 }
  }
  return { error: `varint longer than ${MAX_UVARINT_BYTES} bytes` }
}
