/**
 * The Feistel permutation behind the expander parents
 * (filecoin-project/rust-fil-proofs storage-proofs-core/src/crypto/feistel.rs
 * @ storage-proofs-core-v19.1.0 `precompute`, `permute`, `invert_permute`, `encode`, `decode`,
 * `feistel`; keys from storage-proofs-porep/src/stacked/vanilla/graph.rs `derive_feistel_keys`).
 *
 * - Domain [0, n): the index is split into two halves of `half_bits` bits each, the smallest
 *   even width with 4^half_bits ≥ n (at least 4^1).  L = high half, R = low half.
 * - 3 rounds: (L, R) ← (R, L ⊕ F(R, keyᵢ)), keys 0, 1, 2 (key 3 is derived but unused).
 * - F(R, K) = first 8 bytes of BLAKE2b-512(R as u64 BE ‖ K as u64 BE), read big-endian,
 *   masked to `half_bits` bits.
 * - Cycle walking: encode again while the result is ≥ n.
 * - keys = sha256("Filecoin_Feistel" ‖ porep_id) read as four u64 LE.
 *
 * Domains here are at most 2^32 (half-widths at most 16 bits): every sector size up to 512 MiB
 * (2^24 nodes × 8 slots = 2^27).  32 and 64 GiB (2^33, 2^34) are refused by {@link precompute}.
 *
 * @module
 */
import { derivePorepDomainSeed } from "./drg.js"
import { _blake2b16 } from "./_blake2b16.js"

/** Feistel rounds (feistel.rs `FEISTEL_ROUNDS`). */
export const FEISTEL_ROUNDS = 3

/** Domain separation tag of the Feistel keys (crypto/mod.rs `FEISTEL_DST`). */
export const FEISTEL_DST = "Filecoin_Feistel"

/** A u64 key as its (hi, lo) 32-bit halves. */
export interface FeistelKey { readonly hi: number; readonly lo: number }

/** The four Feistel keys (graph.rs `derive_feistel_keys`). */
export const deriveFeistelKeys = (porepId: Uint8Array): ReadonlyArray<FeistelKey> => {
  const raw = derivePorepDomainSeed(FEISTEL_DST, porepId)
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  return [0, 1, 2, 3].map((i) => ({ lo: view.getUint32(8 * i, true), hi: view.getUint32(8 * i + 4, true) }))
}

/** The key as a bigint (for display and tests). */
export const keyToBigInt = (k: FeistelKey): bigint => (BigInt(k.hi) << 32n) | BigInt(k.lo)

/** `(left_mask, right_mask, half_bits)` for a domain of n elements (feistel.rs `precompute`). */
export interface FeistelPrecomputed { readonly halfBits: number; readonly rightMask: number }

/** Smallest `half_bits ≥ 1` with 4^half_bits ≥ n. Domains above 2^32 are refused. */
export const precompute = (n: number): FeistelPrecomputed => {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError("Feistel domain must be 1 … 2^32")
  let halfBits = 1
  while (4 ** halfBits < n) halfBits++
  return { halfBits, rightMask: 2 ** halfBits - 1 }
}

const bswap = (x: number): number =>
  (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0

/** F(R, K): BLAKE2b(R u64 BE ‖ K u64 BE), first 8 bytes big-endian, masked (feistel.rs `feistel`). */
export const roundFunction = (right: number, key: FeistelKey, rightMask: number): number => {
  // bytes 0..3 = 0 (R < 2^32), 4..7 = R big-endian, 8..11 = K.hi BE, 12..15 = K.lo BE
  const [, hi] = _blake2b16(0, bswap(right), bswap(key.hi), bswap(key.lo))
  // bytes 4..7 of the digest, read big-endian, are the low 32 bits of the BE u64
  return (bswap(hi) & rightMask) >>> 0
}

const encode = (index: number, keys: ReadonlyArray<FeistelKey>, p: FeistelPrecomputed): number => {
  let left = Math.floor(index / 2 ** p.halfBits) & p.rightMask
  let right = index & p.rightMask
  for (let i = 0; i < FEISTEL_ROUNDS; i++) {
    const l = right
    right = (left ^ roundFunction(right, keys[i]!, p.rightMask)) >>> 0
    left = l
  }
  return left * 2 ** p.halfBits + right
}

const decode = (index: number, keys: ReadonlyArray<FeistelKey>, p: FeistelPrecomputed): number => {
  let left = Math.floor(index / 2 ** p.halfBits) & p.rightMask
  let right = index & p.rightMask
  for (let i = FEISTEL_ROUNDS - 1; i >= 0; i--) {
    const r = left
    left = (right ^ roundFunction(left, keys[i]!, p.rightMask)) >>> 0
    right = r
  }
  return left * 2 ** p.halfBits + right
}

/** The permutation of [0, n) (feistel.rs `permute`, cycle walking). */
export const permute = (n: number, index: number, keys: ReadonlyArray<FeistelKey>, p: FeistelPrecomputed): number => {
  let u = encode(index, keys, p)
  while (u >= n) u = encode(u, keys, p)
  return u
}

/** Its inverse (feistel.rs `invert_permute`). */
export const invertPermute = (n: number, index: number, keys: ReadonlyArray<FeistelKey>, p: FeistelPrecomputed): number => {
  let u = decode(index, keys, p)
  while (u >= n) u = decode(u, keys, p)
  return u
}

/**
 * F(R, keyᵢ) for every round i and every right half R: `table[i · 2^half_bits + R]`.  The round
 * function depends only on (R, keyᵢ), so the table replaces every BLAKE2b call of
 * {@link permute} — 3 · 2^half_bits hashes for the whole graph (6144 for 8 MiB) instead of
 * about 6 per expander parent.
 */
export const feistelTable = (keys: ReadonlyArray<FeistelKey>, p: FeistelPrecomputed): Uint32Array => {
  const size = p.rightMask + 1
  const table = new Uint32Array(FEISTEL_ROUNDS * size)
  for (let i = 0; i < FEISTEL_ROUNDS; i++) {
    for (let r = 0; r < size; r++) table[i * size + r] = roundFunction(r, keys[i]!, p.rightMask)
  }
  return table
}

/** {@link permute} with the round function read from {@link feistelTable}. */
export const permuteWithTable = (n: number, index: number, table: Uint32Array, p: FeistelPrecomputed): number => {
  const size = p.rightMask + 1
  const scale = 2 ** p.halfBits
  let u = index
  do {
    let left = Math.floor(u / scale) & p.rightMask
    let right = u & p.rightMask
    for (let i = 0; i < FEISTEL_ROUNDS; i++) {
      const l = right
      right = (left ^ table[i * size + right]!) >>> 0
      left = l
    }
    u = left * scale + right
  } while (u >= n)
  return u
}
