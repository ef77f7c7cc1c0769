/**
 * Internal: SHA-256 of 64-byte messages, specialised for Merkle node hashing.
 *
 * A node hash is `sha256(l ‖ r)` over exactly 64 bytes
 * (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
 * so the padded message is
 * always two 512-bit blocks (FIPS 180-4 §5.1.1): block 1 is the message itself, block 2 is the
 * constant padding block `0x80 ‖ 0^55 ‖ uint64be(512)`. Block 2's message schedule `W` never
 * changes, so it is expanded once here and pre-added to the round constants (`SHA256_KW2`);
 * hashing a pair costs one schedule expansion and 2 × 64 rounds instead of two expansions.
 *
 * Words stay 32-bit big-endian integers (`Int32Array`) in and out: a tree builder can keep a
 * whole level as words and feed it back without converting to bytes between levels (the output
 * words of two sibling nodes are exactly the 16 message words of their parent). `Int32Array`,
 * not `Uint32Array`, so that V8 keeps every value a small integer instead of boxing values
 * ≥ 2^31 as doubles.
 *
 * Checked byte for byte against `@noble/hashes` `sha256` in `test/proofs/_sha256x64.test.ts`.
 *
 * Standard: FIPS 180-4, Secure Hash Standard, §4.1.2 (functions), §4.2.2 (constants),
 * §5.1.1 (padding), §5.3.3 (initial hash value), §6.2.2 (hash computation).
 * https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf
 *
 * @module
 */

/**
 * SHA-256 round constants K_0 … K_63 (FIPS 180-4 §4.2.2): the first 32 bits of the fractional
 * parts of the cube roots of the first 64 primes (2, 3, 5, …, 311).
 */
// prettier-ignore
const SHA256_K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
])

/**
 * Initial hash value H(0) (FIPS 180-4 §5.3.3): the first 32 bits of the fractional parts of the
 * square roots of the first 8 primes (2 … 19).
 */
// prettier-ignore
const SHA256_IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
])

/**
 * Message words of the second (padding) block of every 64-byte message (FIPS 180-4 §5.1.1):
 * `1` bit, 447 zero bits, then the message length ℓ = 512 bits as a 64-bit big-endian integer.
 * W_0 = 0x80000000, W_1 … W_14 = 0, W_15 = 512 (= 0x00000200).
 */
const PAD_BLOCK_LENGTH_BITS = 512

/**
 * The second block's full message schedule, pre-added to the round constants:
 * `SHA256_KW2[t] = K_t + W_t mod 2^32` with W expanded from the padding block (FIPS 180-4
 * §6.2.2 step 1). Computed once at load.
 */
const SHA256_KW2: Int32Array = (() => {
  const W = new Int32Array(64)
  // W_0 = 0x80000000 (the appended "1" bit), W_15 = ℓ
  W[0] = 0x80000000 | 0
  W[15] = PAD_BLOCK_LENGTH_BITS
  for (let t = 16; t < 64; t++) W[t] = (sigma1(W[t - 2]!) + W[t - 7]! + sigma0(W[t - 15]!) + W[t - 16]!) | 0
  return Int32Array.from(W, (w, t) => (w + SHA256_K[t]!) | 0)
})()

// σ0(x) = ROTR^7(x) ⊕ ROTR^18(x) ⊕ SHR^3(x)   (FIPS 180-4 §4.1.2, (4.6))
function sigma0(x: number): number {
  return ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
}
// σ1(x) = ROTR^17(x) ⊕ ROTR^19(x) ⊕ SHR^10(x)   (4.7)
function sigma1(x: number): number {
  return ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)
}

/** Scratch message schedule W_0 … W_63 of the first block ("W" is the standard's name). */
const W = new Int32Array(64)

/**
 * Compresses the message in `W[0 … 15]` (block 1) and the constant padding block (block 2),
 * writing the 8 digest words at `out[o]`; with `mask254` the last digest byte is masked with
 * 0x3f (sha256-trunc254: `trim_to_fr32` of
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
 * i.e. the low byte of word 7.
 */
function compress(out: Int32Array, o: number, mask254: boolean): void {
  const K = SHA256_K
  const KW2 = SHA256_KW2
  // 1. Initialise the working variables with H(0)
  const H0 = SHA256_IV[0]!, H1 = SHA256_IV[1]!, H2 = SHA256_IV[2]!, H3 = SHA256_IV[3]!
  const H4 = SHA256_IV[4]!, H5 = SHA256_IV[5]!, H6 = SHA256_IV[6]!, H7 = SHA256_IV[7]!
  let A = H0, B = H1, C = H2, D = H3, E = H4, F = H5, G = H6, H = H7
  // 2. 64 rounds of block 1, expanding the message schedule as they go (W_0 … W_15 = the message)
  for (let t = 0; t < 64; t++) {
    // W_t = σ1(W_{t−2}) + W_{t−7} + σ0(W_{t−15}) + W_{t−16} for 16 ≤ t ≤ 63
    let w = W[t]!
    if (t >= 16) {
      const w2 = W[t - 2]!, w15 = W[t - 15]!
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
      w = W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0
    }
    // T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t;  Ch(e, f, g) = (e ∧ f) ⊕ (¬e ∧ g) = g ⊕ (e ∧ (f ⊕ g))
    const sigmaE = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7))
    const T1 = (H + sigmaE + (G ^ (E & (F ^ G))) + K[t]! + w) | 0
    // T2 = Σ0(a) + Maj(a, b, c);  Maj(a, b, c) = (a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c) = (a ∧ b) ∨ (c ∧ (a ∨ b))
    const sigmaA = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10))
    const T2 = (sigmaA + ((A & B) | (C & (A | B)))) | 0
    H = G; G = F; F = E; E = (D + T1) | 0; D = C; C = B; B = A; A = (T1 + T2) | 0
  }
  // 3. Intermediate hash value H(1) = H(0) + working variables
  const I0 = (A + H0) | 0, I1 = (B + H1) | 0, I2 = (C + H2) | 0, I3 = (D + H3) | 0
  const I4 = (E + H4) | 0, I5 = (F + H5) | 0, I6 = (G + H6) | 0, I7 = (H + H7) | 0
  A = I0; B = I1; C = I2; D = I3; E = I4; F = I5; G = I6; H = I7
  // 4. 64 rounds of block 2, with K_t + W_t precomputed (SHA256_KW2)
  for (let t = 0; t < 64; t++) {
    const sigmaE = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7))
    const T1 = (H + sigmaE + (G ^ (E & (F ^ G))) + KW2[t]!) | 0
    const sigmaA = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10))
    const T2 = (sigmaA + ((A & B) | (C & (A | B)))) | 0
    H = G; G = F; F = E; E = (D + T1) | 0; D = C; C = B; B = A; A = (T1 + T2) | 0
  }
  // 5. H(2) = H(1) + working variables: the digest, big-endian words
  out[o] = (A + I0) | 0
  out[o + 1] = (B + I1) | 0
  out[o + 2] = (C + I2) | 0
  out[o + 3] = (D + I3) | 0
  out[o + 4] = (E + I4) | 0
  out[o + 5] = (F + I5) | 0
  out[o + 6] = (G + I6) | 0
  out[o + 7] = mask254 ? ((H + I7) | 0) & MASK254_WORD7 : (H + I7) | 0
}

/** Word 7 of a digest with its last byte masked by 0x3f: 0xffffff3f. */
const MASK254_WORD7 = 0xffffff3f | 0

/**
 * Hashes `n` 64-byte messages given as 16 big-endian words each, starting at `input[inOff]`,
 * and writes the 8 digest words of each at `out[outOff + 8i]` (last byte masked with 0x3f when
 * `mask254`).
 *
 * `out` may be the same array as `input` with `outOff ≤ inOff`: message i is fully read before
 * digest i is written, and digest i ends at or before message i + 1 starts.
 */
export function _sha256x64Words(
  input: Int32Array, inOff: number, out: Int32Array, outOff: number, n: number, mask254: boolean
): void {
  for (let i = 0; i < n; i++) {
    // W_t = M_t for 0 ≤ t ≤ 15
    const m = inOff + 16 * i
    for (let t = 0; t < 16; t++) W[t] = input[m + t]!
    compress(out, outOff + 8 * i, mask254)
  }
}

/** Whether this platform stores an Int32 little-endian (then a byte view needs a byte swap). */
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1

/**
 * Like {@link _sha256x64Words}, but the messages are bytes: `n × 64` bytes from `input[inOff]`.
 * Reads 4-byte-aligned input through an `Int32Array` view with a byte swap on little-endian
 * platforms (one load per word instead of four), unaligned input byte by byte.
 */
export function _sha256x64Bytes(
  input: Uint8Array, inOff: number, out: Int32Array, outOff: number, n: number, mask254: boolean
): void {
  if ((input.byteOffset + inOff) % 4 === 0) {
    const view = new Int32Array(input.buffer, input.byteOffset + inOff, 16 * n)
    for (let i = 0; i < n; i++) {
      const m = 16 * i
      if (LITTLE_ENDIAN) {
        for (let t = 0; t < 16; t++) {
          const x = view[m + t]!
          W[t] = (x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)
        }
      } else {
        for (let t = 0; t < 16; t++) W[t] = view[m + t]!
      }
      compress(out, outOff + 8 * i, mask254)
    }
  } else {
    for (let i = 0; i < n; i++) {
      _bytesToWords(input, inOff + 64 * i, W, 0, 16)
      compress(out, outOff + 8 * i, mask254)
    }
  }
}

/** Reads `nWords` big-endian 32-bit words from `bytes[byteOff…]` into `words[wordOff…]`. */
export function _bytesToWords(
  bytes: Uint8Array, byteOff: number, words: Int32Array, wordOff: number, nWords: number
): void {
  for (let i = 0; i < nWords; i++) {
    const b = byteOff + 4 * i
    words[wordOff + i] = (bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!
  }
}

/** Writes `nWords` words as big-endian bytes into `bytes[byteOff…]`. */
export function _wordsToBytes(
  words: Int32Array, wordOff: number, bytes: Uint8Array, byteOff: number, nWords: number
): void {
  for (let i = 0; i < nWords; i++) {
    const w = words[wordOff + i]!
    const b = byteOff + 4 * i
    bytes[b] = w >>> 24
    bytes[b + 1] = w >>> 16
    bytes[b + 2] = w >>> 8
    bytes[b + 3] = w
  }
}

/**
 * SHA-256 of one 64-byte message, as bytes (for tests and single node hashes).
 *
 * @throws {RangeError} if `message` is not 64 bytes.
 */
export function _sha256x64(message: Uint8Array): Uint8Array {
  if (message.length !== 64) throw new RangeError(`expected a 64-byte message, got ${message.length} bytes`)
  const words = new Int32Array(16)
  _bytesToWords(message, 0, words, 0, 16)
  _sha256x64Words(words, 0, words, 0, 1, false)
  const out = new Uint8Array(32)
  _wordsToBytes(words, 0, out, 0, 8)
  return out
}
