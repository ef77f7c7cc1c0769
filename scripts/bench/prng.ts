/**
 * Deterministic bench input: xorshift128 (Marsaglia 2003) words written as little-endian 32-bit
 * words, so a 1 GiB input can be produced on the fly instead of being stored. The same seed gives
 * the same bytes whether they are produced at once ({@link fillPrng}) or in chunks
 * ({@link prngChunks}).
 *
 * @module
 */

/** A xorshift128 state (four 32-bit words, not all zero). */
export interface PrngState {
  a: number
  b: number
  c: number
  d: number
}

/** The state for `seed`. */
export const prngState = (seed: number): PrngState => ({ a: seed | 0 || 1, b: 0x6c078965, c: 0x9e3779b9, d: 0x2545f491 })

/**
 * Fills `out` (a multiple of 4 bytes long, 4-byte aligned) with the next words of `s`.
 * Words are stored in platform order (little-endian on every platform Node runs on here).
 */
export const fillPrng = (out: Uint8Array, s: PrngState): void => {
  if (out.length % 4 !== 0 || out.byteOffset % 4 !== 0) throw new RangeError("fillPrng needs a 4-byte aligned multiple of 4 bytes")
  const w = new Int32Array(out.buffer, out.byteOffset, out.length / 4)
  let { a, b, c, d } = s
  for (let j = 0; j < w.length; j++) {
    const x = a ^ (a << 11)
    a = b
    b = c
    c = d
    d = d ^ (d >>> 19) ^ x ^ (x >>> 8)
    w[j] = d
  }
  Object.assign(s, { a, b, c, d })
}

/** `n` bytes from `seed` (n a multiple of 4). */
export const prngBytes = (n: number, seed: number): Uint8Array => {
  const out = new Uint8Array(n)
  fillPrng(out, prngState(seed))
  return out
}

/**
 * `total` bytes from `seed` in chunks of `chunk` bytes (both multiples of 4), generated as they
 * are pulled into one reused buffer: a consumer must be done with a chunk before pulling the
 * next (both CommP calculators copy what they keep). `onChunk` runs after each chunk is
 * generated (the bench samples the resident memory there).
 */
export async function* prngChunks(
  total: number, chunk: number, seed: number, onChunk?: () => void
): AsyncGenerator<Uint8Array> {
  const s = prngState(seed)
  const buffer = new Uint8Array(chunk)
  for (let done = 0; done < total; done += chunk) {
    const part = buffer.subarray(0, Math.min(chunk, total - done))
    fillPrng(part, s)
    onChunk?.()
    yield part
  }
}
