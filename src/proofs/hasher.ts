/**
 * The pure TypeScript {@link Hasher}: the reference implementation of the hot paths (node
 * hashing of many pairs, building tree levels), and the default until a native binding is
 * loaded.
 *
 * Built on `./_sha256x64.ts` (SHA-256 specialised for 64-byte messages, FIPS 180-4). Inside
 * {@link Hasher.reduce} a whole level is kept as 32-bit big-endian words, so bytes are read once
 * (the first level) and written once (the roots): a node's 8 digest words are, unchanged, half
 * of its parent's 16 message words.
 *
 * Source: filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (node
 * hash); DESIGN.md "Proofs" (one interface, TS reference).
 *
 * @module
 */
import { _sha256x64Bytes, _sha256x64Words, _wordsToBytes } from "./_sha256x64.js"
import type { Hasher } from "./interface.js"
import { nativeHasher } from "./native/index.js"

/** Pairs hashed per slab by `hashPairs` (bytes → words → bytes): 1024 (= 32 KiB of words). */
const SLAB_PAIRS = 1024

let scratch = new Int32Array(0)

const words = (n: number): Int32Array => {
  if (scratch.length < n) scratch = new Int32Array(n)
  return scratch
}

const checkLengths = (input: Uint8Array, out: Uint8Array, factor: number): number => {
  if (out.length % 32 !== 0 || input.length !== out.length * factor) {
    throw new RangeError(`expected input of ${factor} × ${out.length} bytes and output a multiple of 32, got ${input.length} and ${out.length}`)
  }
  return out.length / 32
}

/**
 * The pure TypeScript node hasher (sha2-256-trunc254-padded over 64-byte pairs).
 *
 * @example
 * const out = new Uint8Array(32)
 * tsHasher.hashPairs(new Uint8Array(64), out)
 * toHex(out) // => "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b"
 * @category hashing
 * @since 0.1.0
 */
export const tsHasher: Hasher = {
  name: "ts",
  hashPairs(input, out) {
    const pairs = checkLengths(input, out, 2)
    // slab by slab: out may alias the start of input, and slab k's output ends before slab k + 1's input
    const w = words(8 * Math.min(pairs, SLAB_PAIRS))
    for (let p = 0; p < pairs; p += SLAB_PAIRS) {
      const count = Math.min(SLAB_PAIRS, pairs - p)
      _sha256x64Bytes(input, 64 * p, w, 0, count, true)
      _wordsToBytes(w, 0, out, 32 * p, 8 * count)
    }
  },
  reduce(nodes, levels, out) {
    if (!Number.isInteger(levels) || levels < 0 || levels > 31) throw new RangeError(`levels must be in 0..31, got ${levels}`)
    const roots = checkLengths(nodes, out, 2 ** levels)
    if (levels === 0) {
      out.set(nodes.subarray(0, out.length))
      return
    }
    // level 1 from bytes, levels 2..levels in place on words: digest i (8 words at 8i) never
    // overwrites message j > i (16 words at 16j)
    let count = (roots * 2 ** levels) / 2
    const w = words(8 * count)
    _sha256x64Bytes(nodes, 0, w, 0, count, true)
    for (let level = 2; level <= levels; level++) {
      count /= 2
      _sha256x64Words(w, 0, w, 0, count, true)
    }
    _wordsToBytes(w, 0, out, 0, 8 * roots)
  }
}

let chosen: Hasher | undefined
const choose = (): Hasher => (chosen ??= nativeHasher() ?? tsHasher)

/**
 * The hasher used when none is passed: the native binding's when it is built and loads, else
 * {@link tsHasher} (`FILFLOW_NO_NATIVE=1` forces it; DESIGN.md "Proofs").  Both agree byte for
 * byte (test/proofs/hasher.test.ts, test/proofs/native/).  Chosen once, on first use.
 *
 * @example
 * defaultHasher.name // => "native" where the binding loads, "ts" otherwise
 * @category hashing
 * @since 0.1.0
 */
export const defaultHasher: Hasher = {
  get name() {
    return choose().name
  },
  hashPairs: (input, out) => choose().hashPairs(input, out),
  reduce: (nodes, levels, out) => choose().reduce(nodes, levels, out)
}
