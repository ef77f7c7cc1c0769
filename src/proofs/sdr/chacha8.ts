/**
 * The ChaCha stream as `rand_chacha` 0.3 `ChaChaXRng::from_seed` produces it, with `rand` 0.8's
 * `gen::<u64>()` on top (rust-fil-proofs pins `rand = "0.8"` in Cargo.toml and
 * `rand_chacha = "0.3"` in storage-proofs-core/Cargo.toml @ storage-proofs-core-v19.1.0).
 *
 * - State: the four constants "expand 32-byte k", the 32-byte seed as eight little-endian words,
 *   a 64-bit block counter (words 12, 13) starting at 0, and a 64-bit stream id (words 14, 15) = 0.
 * - Each block: `rounds` rounds (ChaCha8: 8, i.e. 4 double rounds), then the input is added
 *   word-wise; the 16 words are the next outputs, in order.
 * - `next_u32` takes the next word; `next_u64` (what `gen::<u64>()` calls) takes two:
 *   `low | high << 32`, low first (rand_core 0.6 `BlockRng::next_u64`).  rand_chacha fills its
 *   buffer four blocks at a time (64 words); pairs never straddle a refill when the reader only
 *   draws u64s from a fresh generator, as BucketGraph does.
 *
 * @module
 */

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] as const

/** A ChaCha keystream reader with `rounds` rounds (8 for ChaCha8Rng, 20 for ChaCha20Rng). */
export class ChaChaRng {
  private readonly input = new Uint32Array(16)
  private readonly block = new Uint32Array(16)
  private readonly x = new Uint32Array(16)
  private index = 16

  constructor(seed: Uint8Array, private readonly rounds: number = 8) {
    if (seed.length !== 32) throw new RangeError("ChaCha seed must be 32 bytes")
    if (rounds % 2 !== 0 || rounds <= 0) throw new RangeError("ChaCha rounds must be even and positive")
    this.reseed(seed)
  }

  /** Restarts the generator from a new 32-byte seed (block counter 0). */
  reseed(seed: Uint8Array): void {
    const s = this.input
    s[0] = SIGMA[0]; s[1] = SIGMA[1]; s[2] = SIGMA[2]; s[3] = SIGMA[3]
    for (let i = 0; i < 8; i++) {
      const o = 4 * i
      s[4 + i] = (seed[o]! | (seed[o + 1]! << 8) | (seed[o + 2]! << 16) | (seed[o + 3]! << 24)) >>> 0
    }
    s[12] = 0; s[13] = 0; s[14] = 0; s[15] = 0
    this.index = 16
  }

  private refill(): void {
    const x = this.x
    x.set(this.input)
    for (let r = 0; r < this.rounds; r += 2) {
      // column round
      qr(x, 0, 4, 8, 12); qr(x, 1, 5, 9, 13); qr(x, 2, 6, 10, 14); qr(x, 3, 7, 11, 15)
      // diagonal round
      qr(x, 0, 5, 10, 15); qr(x, 1, 6, 11, 12); qr(x, 2, 7, 8, 13); qr(x, 3, 4, 9, 14)
    }
    for (let i = 0; i < 16; i++) this.block[i] = (x[i]! + this.input[i]!) >>> 0
    // 64-bit block counter
    this.input[12] = (this.input[12]! + 1) >>> 0
    if (this.input[12] === 0) this.input[13] = (this.input[13]! + 1) >>> 0
    this.index = 0
  }

  /** `RngCore::next_u32`: the next keystream word. */
  nextU32(): number {
    if (this.index >= 16) this.refill()
    return this.block[this.index++]!
  }

  /** `RngCore::next_u64` as two words `[low, high]` (low drawn first). */
  nextU64Parts(): [number, number] {
    const lo = this.nextU32()
    const hi = this.nextU32()
    return [lo, hi]
  }

  /** `gen::<u64>() % n` for an integer `1 <= n < 2^53`, exactly (no float rounding). */
  nextU64Mod(n: number): number {
    const lo = this.nextU32()
    const hi = this.nextU32()
    if (n <= 0x4000000) {
      // (hi·2^32 + lo) mod n with every product below 2^53
      const two32 = 4294967296 % n
      return (((hi % n) * two32) % n + (lo % n)) % n
    }
    return Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(n))
  }
}

// a += b; d ^= a; d <<<= 16;  c += d; b ^= c; b <<<= 12;  a += b; d ^= a; d <<<= 8;  c += d; b ^= c; b <<<= 7
const qr = (x: Uint32Array, a: number, b: number, c: number, d: number): void => {
  let va = x[a]!, vb = x[b]!, vc = x[c]!, vd = x[d]!
  va = (va + vb) | 0; vd ^= va; vd = (vd << 16) | (vd >>> 16)
  vc = (vc + vd) | 0; vb ^= vc; vb = (vb << 12) | (vb >>> 20)
  va = (va + vb) | 0; vd ^= va; vd = (vd << 8) | (vd >>> 24)
  vc = (vc + vd) | 0; vb ^= vc; vb = (vb << 7) | (vb >>> 25)
  x[a] = va; x[b] = vb; x[c] = vc; x[d] = vd
}
