/**
 * Encoding and decoding of a sector's nodes with the last layer's labels as the key.
 *
 *     replica node = data node + key   in Fr        (encode)
 *     data node    = replica node − key in Fr       (decode)
 *
 * Every node is a 32-byte little-endian repr that must be canonical (below r): upstream reads the
 * data and replica nodes with `PoseidonDomain::try_from_bytes` and converts them to Fr, which
 * fails (panics) otherwise; here that is a typed error.  Labels are canonical by construction
 * (their top two bits are cleared).  Fr32-padded data always is: its top two bits are zero.
 *
 * Sources: filecoin-project/rust-fil-proofs storage-proofs-porep/src/encode.rs @
 * storage-proofs-porep-v19.1.0 lines 4–22 (`encode`, `encode_fr`, `decode`);
 * storage-proofs-porep/src/stacked/vanilla/proof.rs at the same tag, `prepare_tree_r_data_cpu`
 * (lines 1149–1177: key = last layer's label, encoded node written over the data) and
 * `extract_and_invert_transform_layers` (lines 637–667: the inverse).
 *
 * The arithmetic is on eight 32-bit limbs (both operands are below r < 2^255, so a sum fits in
 * 256 bits); `field.ts` is the bigint reference it is tested against.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"

/**
 * r, the BLS12-381 scalar field modulus, as eight u32 limbs, least significant first
 * (= 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001, `FR_MODULUS` in field.ts).
 */
const R_LIMBS: ReadonlyArray<number> = [
  0x00000001, 0xffffffff, 0xfffe5bfe, 0x53bda402, 0x09a1d805, 0x3339d808, 0x299d7d48, 0x73eda753
]

/**
 * A node that is not a canonical field element (its little-endian integer is ≥ r).
 *
 * @category errors
 * @since 0.1.0
 */
export class NodeNotInField extends Data.TaggedError("NodeNotInField")<{
  /** Which input: "data", "replica" or "key". */
  readonly what: string
  /** The node's index. */
  readonly node: number
}> {}

/**
 * Inputs of different lengths, or a length that is not a whole number of nodes.
 *
 * @category errors
 * @since 0.1.0
 */
export class EncodeLengthMismatch extends Data.TaggedError("EncodeLengthMismatch")<{
  readonly keyLength: number
  readonly dataLength: number
}> {}

const word = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0

const putWord = (b: Uint8Array, o: number, w: number): void => {
  b[o] = w & 0xff; b[o + 1] = (w >>> 8) & 0xff; b[o + 2] = (w >>> 16) & 0xff; b[o + 3] = w >>> 24
}

/** Whether the node at `bytes[o … o + 32)` is below r. */
const isCanonicalAt = (bytes: Uint8Array, o: number): boolean => {
  for (let i = 7; i >= 0; i--) {
    const w = word(bytes, o + 4 * i)
    if (w !== R_LIMBS[i]) return w < R_LIMBS[i]!
  }
  return false
}

/** Index of the first node of `flat` that is not canonical, or −1. @since 0.1.0 */
export const firstNonCanonicalNode = (flat: Uint8Array): number => {
  for (let o = 0; o < flat.length; o += 32) if (!isCanonicalAt(flat, o)) return o / 32
  return -1
}

/** out = a + b mod r for canonical a, b (each 32 bytes at its offset). */
const addAt = (a: Uint8Array, ao: number, b: Uint8Array, bo: number, out: Uint8Array, oo: number): void => {
  const s = new Array<number>(8)
  let carry = 0
  for (let i = 0; i < 8; i++) {
    const t = word(a, ao + 4 * i) + word(b, bo + 4 * i) + carry
    s[i] = t >>> 0
    carry = t > 0xffffffff ? 1 : 0
  }
  // s ≥ r ⇒ s − r (no carry out: a + b < 2r < 2^256)
  let ge = true
  for (let i = 7; i >= 0; i--) {
    if (s[i] !== R_LIMBS[i]) { ge = s[i]! > R_LIMBS[i]!; break }
  }
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    let t = s[i]!
    if (ge) {
      t = t - R_LIMBS[i]! - borrow
      borrow = t < 0 ? 1 : 0
      t = t < 0 ? t + 0x100000000 : t
    }
    putWord(out, oo + 4 * i, t)
  }
}

/** out = a − b mod r for canonical a, b. */
const subAt = (a: Uint8Array, ao: number, b: Uint8Array, bo: number, out: Uint8Array, oo: number): void => {
  const d = new Array<number>(8)
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    let t = word(a, ao + 4 * i) - word(b, bo + 4 * i) - borrow
    borrow = t < 0 ? 1 : 0
    if (t < 0) t += 0x100000000
    d[i] = t
  }
  // a < b ⇒ add r back
  let carry = 0
  for (let i = 0; i < 8; i++) {
    let t = d[i]!
    if (borrow === 1) {
      t = t + R_LIMBS[i]! + carry
      carry = t > 0xffffffff ? 1 : 0
      t = t >>> 0
    }
    putWord(out, oo + 4 * i, t)
  }
}

/**
 * Encodes a whole sector without checks: `replica[i] = data[i] + key[i]` in Fr, for inputs of
 * equal length whose nodes are canonical (the engine contract; {@link encode} checks first).
 *
 * @category encoding
 * @since 0.1.0
 */
export const _encodeUnchecked = (key: Uint8Array, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(data.length)
  for (let o = 0; o < data.length; o += 32) addAt(key, o, data, o, out, o)
  return out
}

/**
 * Decodes a whole sector without checks: `data[i] = replica[i] − key[i]` in Fr.
 *
 * @category encoding
 * @since 0.1.0
 */
export const _decodeUnchecked = (key: Uint8Array, replica: Uint8Array): Uint8Array => {
  const out = new Uint8Array(replica.length)
  for (let o = 0; o < replica.length; o += 32) subAt(replica, o, key, o, out, o)
  return out
}

const checkPair = (
  key: Uint8Array, value: Uint8Array, what: string
): Result.Result<void, EncodeLengthMismatch | NodeNotInField> => {
  // equal lengths, whole nodes
  if (key.length !== value.length || key.length % 32 !== 0) {
    return Result.fail(new EncodeLengthMismatch({ keyLength: key.length, dataLength: value.length }))
  }
  // every key node canonical
  const badKey = firstNonCanonicalNode(key)
  if (badKey >= 0) return Result.fail(new NodeNotInField({ what: "key", node: badKey }))
  // every data / replica node canonical
  const bad = firstNonCanonicalNode(value)
  if (bad >= 0) return Result.fail(new NodeNotInField({ what, node: bad }))
  return Result.void
}

/**
 * The replica of `data` under `key` (the last layer's labels), node by node in Fr (encode.rs `encode`).
 *
 * @example
 * encode(lastLayer, unsealed) // => Success(replica), same length
 * encode(lastLayer, new Uint8Array(32).fill(0xff)) // => Failure(EncodeLengthMismatch) or NodeNotInField
 * @category encoding
 * @since 0.1.0
 */
export const encode = (key: Uint8Array, data: Uint8Array): Result.Result<Uint8Array, EncodeLengthMismatch | NodeNotInField> =>
  Result.map(checkPair(key, data, "data"), () => _encodeUnchecked(key, data))

/**
 * The data of `replica` under `key`, node by node in Fr (encode.rs `decode`).
 *
 * @example
 * decode(lastLayer, replica) // => Success(unsealed bytes)
 * @category encoding
 * @since 0.1.0
 */
export const decode = (key: Uint8Array, replica: Uint8Array): Result.Result<Uint8Array, EncodeLengthMismatch | NodeNotInField> =>
  Result.map(checkPair(key, replica, "replica"), () => _decodeUnchecked(key, replica))

/**
 * One encoded node: `key + data` in Fr (encode.rs `encode`), 32 bytes each.
 *
 * @example
 * encodeNode(key, data) // => Success(32-byte replica node)
 * @category encoding
 * @since 0.1.0
 */
export const encodeNode = (key: Uint8Array, data: Uint8Array): Result.Result<Uint8Array, EncodeLengthMismatch | NodeNotInField> =>
  key.length === 32 && data.length === 32 ? encode(key, data) : Result.fail(new EncodeLengthMismatch({ keyLength: key.length, dataLength: data.length }))

/**
 * One decoded node: `replica − key` in Fr (encode.rs `decode`).
 *
 * @example
 * decodeNode(key, replicaNode) // => Success(32-byte data node)
 * @category encoding
 * @since 0.1.0
 */
export const decodeNode = (key: Uint8Array, replica: Uint8Array): Result.Result<Uint8Array, EncodeLengthMismatch | NodeNotInField> =>
  key.length === 32 && replica.length === 32 ? decode(key, replica) : Result.fail(new EncodeLengthMismatch({ keyLength: key.length, dataLength: replica.length }))
