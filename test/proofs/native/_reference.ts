/**
 * Straightforward references for the native binding's tests, written independently of both the
 * C++ code and `src/proofs`: the node hash from `@noble/hashes` `sha256` plus the mask, Fr32 bit
 * by bit, and a level-by-level Merkle root.
 *
 * Sources: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0 (Fr32: node i = bits
 * 254·i … 254·i + 253 of the 127-byte block read as a little-endian integer);
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0
 * (`H(l, r) = sha256(l ‖ r)`, `d[31] &= 0x3f`);
 * filecoin-project/go-fil-commp-hashhash commp.go @ v0.2.0 (leaves are the padded nodes themselves).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { loadNative, nativeUnavailableReason } from "../../../src/proofs/native/index.js"

/** The binding, or undefined; the suites skip with {@link skipReason} in their title. */
export const native = loadNative()
export const skipReason = native === undefined ? ` — SKIPPED: native binding unavailable (${nativeUnavailableReason()})` : ""

/** `H(m) = sha256(m)` with the last byte masked by 0x3f, for a 64-byte `m`. */
export const nodeHashRef = (m: Uint8Array): Uint8Array => {
  if (m.length !== 64) throw new Error("64-byte message expected")
  const d = sha256(m)
  d[31] = d[31]! & 0x3f
  return d
}

/** Node hash of every 64-byte pair of `input`. */
export const hashPairsRef = (input: Uint8Array): Uint8Array => {
  const out = new Uint8Array(input.length / 2)
  for (let i = 0; i < input.length / 64; i++) out.set(nodeHashRef(input.subarray(64 * i, 64 * i + 64)), 32 * i)
  return out
}

/** Root of the full tree over `leaves` (32 · 2^k bytes), level by level. */
export const merkleRootRef = (leaves: Uint8Array): Uint8Array => {
  let level = leaves
  while (level.length > 32) level = hashPairsRef(level)
  return level.slice(0, 32)
}

const bit = (bytes: Uint8Array, i: number): number => (bytes[i >> 3]! >> (i & 7)) & 1

/** Fr32, bit by bit: out bit 256·i + b = block bit 254·i + b (b < 254); bits 254, 255 of each node are 0. */
export const fr32PadRef = (payload: Uint8Array): Uint8Array => {
  const blocks = payload.length / 127
  const out = new Uint8Array(128 * blocks)
  for (let k = 0; k < blocks; k++) {
    const block = payload.subarray(127 * k, 127 * k + 127)
    for (let i = 0; i < 4; i++) {
      for (let b = 0; b < 254; b++) {
        const o = 8 * 128 * k + 256 * i + b
        out[o >> 3] = out[o >> 3]! | (bit(block, 254 * i + b) << (o & 7))
      }
    }
  }
  return out
}

/** CommP of a full payload of 127 · 2^k bytes: the Merkle root over its Fr32 padding. */
export const fr32RootRef = (payload: Uint8Array): Uint8Array => merkleRootRef(fr32PadRef(payload))

/** Lowercase hex. */
export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex")

/** Deterministic bytes (xorshift32) for inputs too large for fast-check to shrink usefully. */
export const bytesFrom = (n: number, seed: number): Uint8Array => {
  const out = new Uint8Array(n)
  let x = seed | 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x >>> 24
  }
  return out
}
