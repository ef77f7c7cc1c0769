/**
 * BLAKE2b-512 (RFC 7693) of exactly 16 bytes, returning only the first 8 output bytes as two
 * 32-bit words — the one shape the Feistel round function hashes
 * (filecoin-project/rust-fil-proofs storage-proofs-core/src/crypto/feistel.rs
 * @ storage-proofs-core-v19.1.0 `feistel`, which calls `blake2b_simd::blake2b`, 64-byte output).
 * One compression, 64-bit words held as (lo, hi) 32-bit halves; tested equal to
 * `@noble/hashes` blake2b.
 *
 * @module
 */

// RFC 7693 §2.6: IV = SHA-512's initial hash value, as (lo, hi) pairs
// prettier-ignore
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19
])

// RFC 7693 §2.7: message schedule SIGMA, rounds 10 and 11 repeat rounds 0 and 1
// prettier-ignore
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3]
].map((row) => Uint8Array.from(row))

const v = new Uint32Array(32) // v[2i] = lo, v[2i + 1] = hi
const m = new Uint32Array(32)

// G: a = a + b + x; d = (d ^ a) >>> 32; c = c + d; b = (b ^ c) >>> 24;
//    a = a + b + y; d = (d ^ a) >>> 16; c = c + d; b = (b ^ c) >>> 63
const G = (a: number, b: number, c: number, d: number, x: number, y: number): void => {
  let al = v[2 * a]!, ah = v[2 * a + 1]!, bl = v[2 * b]!, bh = v[2 * b + 1]!
  let cl = v[2 * c]!, ch = v[2 * c + 1]!, dl = v[2 * d]!, dh = v[2 * d + 1]!
  let t: number, lo: number
  // a = a + b + m[x]
  lo = al + bl; ah = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0; al = lo >>> 0
  lo = al + m[2 * x]!; ah = (ah + m[2 * x + 1]! + (lo > 0xffffffff ? 1 : 0)) >>> 0; al = lo >>> 0
  // d = rotr64(d ^ a, 32)
  t = dl ^ al; dl = dh ^ ah; dh = t
  // c = c + d
  lo = cl + (dl >>> 0); ch = (ch + (dh >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0; cl = lo >>> 0
  // b = rotr64(b ^ c, 24)
  bl ^= cl; bh ^= ch
  t = (bl >>> 24) | (bh << 8); bh = (bh >>> 24) | (bl << 8); bl = t
  // a = a + b + m[y]
  lo = al + (bl >>> 0); ah = (ah + (bh >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0; al = lo >>> 0
  lo = al + m[2 * y]!; ah = (ah + m[2 * y + 1]! + (lo > 0xffffffff ? 1 : 0)) >>> 0; al = lo >>> 0
  // d = rotr64(d ^ a, 16)
  dl ^= al; dh ^= ah
  t = (dl >>> 16) | (dh << 16); dh = (dh >>> 16) | (dl << 16); dl = t
  // c = c + d
  lo = cl + (dl >>> 0); ch = (ch + (dh >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0; cl = lo >>> 0
  // b = rotr64(b ^ c, 63) = rotl64(b ^ c, 1)
  bl ^= cl; bh ^= ch
  t = (bl << 1) | (bh >>> 31); bh = (bh << 1) | (bl >>> 31); bl = t
  v[2 * a] = al; v[2 * a + 1] = ah; v[2 * b] = bl; v[2 * b + 1] = bh
  v[2 * c] = cl; v[2 * c + 1] = ch; v[2 * d] = dl; v[2 * d + 1] = dh
}

/**
 * BLAKE2b-512 of the 16 bytes whose little-endian 32-bit words are `w0 … w3`; returns the first
 * 8 output bytes as little-endian words `[lo, hi]`.
 */
export const _blake2b16 = (w0: number, w1: number, w2: number, w3: number): [number, number] => {
  m.fill(0)
  m[0] = w0; m[1] = w1; m[2] = w2; m[3] = w3
  // h = IV with parameter block word 0: digest length 64, key length 0, fanout 1, depth 1
  for (let i = 0; i < 16; i++) { v[i] = IV[i]!; v[16 + i] = IV[i]! }
  v[0] = (v[0]! ^ 0x01010040) >>> 0
  const h0l = v[0]!, h0h = v[1]!
  // v12 ^= t (16 bytes), v14 ^= ~0 (last block)
  v[24] = (v[24]! ^ 16) >>> 0
  v[28] = ~v[28]! >>> 0; v[29] = ~v[29]! >>> 0
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r]!
    G(0, 4, 8, 12, s[0]!, s[1]!); G(1, 5, 9, 13, s[2]!, s[3]!)
    G(2, 6, 10, 14, s[4]!, s[5]!); G(3, 7, 11, 15, s[6]!, s[7]!)
    G(0, 5, 10, 15, s[8]!, s[9]!); G(1, 6, 11, 12, s[10]!, s[11]!)
    G(2, 7, 8, 13, s[12]!, s[13]!); G(3, 4, 9, 14, s[14]!, s[15]!)
  }
  // h0' = h0 ^ v0 ^ v8
  return [(h0l ^ v[0]! ^ v[16]!) >>> 0, (h0h ^ v[1]! ^ v[17]!) >>> 0]
}
