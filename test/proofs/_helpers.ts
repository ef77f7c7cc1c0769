/**
 * Test helpers for `src/proofs`: hex, deterministic bytes, result tags.
 *
 * @module
 */
import { Result } from "effect"

/** Lowercase hex. */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex")

/** Bytes of a hex string. */
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "hex"))

/** Deterministic pseudo-random bytes (xorshift32), so large inputs can be regenerated. */
export const pseudoRandomBytes = (n: number, seed: number): Uint8Array => {
  const out = new Uint8Array(n)
  fillPseudoRandom(out, seed)
  return out
}

/** Fills `out` with xorshift32 bytes from `seed`; returns the next state. */
export const fillPseudoRandom = (out: Uint8Array, seed: number): number => {
  let x = seed | 0 || 0x9e3779b9
  let i = 0
  for (; i + 4 <= out.length; i += 4) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    out[i] = x; out[i + 1] = x >>> 8; out[i + 2] = x >>> 16; out[i + 3] = x >>> 24
  }
  for (; i < out.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    out[i] = x
  }
  return x
}

/** The tag of a failed result. */
export const tagOf = <A, E extends { readonly _tag: string }>(r: Result.Result<A, E>): string => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure._tag
}

/** The failure of a result. */
export const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

/** The FRC-0069 test payload: 127 × 0x00 ‖ 127 × 0x01 ‖ 127 × 0x02 ‖ 127 × 0x03, then `extra` zeros. */
export const frc69Payload = (extra = 0): Uint8Array => {
  const out = new Uint8Array(508 + extra)
  for (let i = 0; i < 4; i++) out.fill(i, 127 * i, 127 * (i + 1))
  return out
}

/** Cuts `bytes` at the given points (taken modulo the length), in order; the parts concatenate to `bytes`. */
export const chunked = (bytes: Uint8Array, cuts: ReadonlyArray<number>): Uint8Array[] => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Uint8Array[] = []
  let at = 0
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(at, p))
    at = p
  }
  return out
}
