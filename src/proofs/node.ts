/**
 * The node hash of Filecoin's piece and sector trees: sha2-256-trunc254-padded.
 *
 * `H(l, r) = sha256(l ‖ r)` with the last byte masked, `d[31] &= 0x3f`: reading the 32-byte
 * digest as a little-endian integer, this clears its two most significant bits, so every inner
 * node is a 254-bit value that fits the BLS12-381 scalar field
 * (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0).
 *
 * This file is the plain, one-pair-at-a-time reference built on `@noble/hashes` `sha256`; the
 * tree builders use a {@link Hasher} (`./hasher.ts`), which is tested against this function.
 *
 * Sources: filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0
 * (`Sha256Domain`, `trim_to_fr32`); multicodec table `sha2-256-trunc254-padded` (0x1012).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import type { Hasher, Node } from "./interface.js"

/**
 * Size of a tree node: 32 bytes (= 256 bits; one Fr32 field element,
 * filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
 * @since 0.1.0
 */
export const NODE_SIZE = 32

/**
 * Mask applied to the last digest byte: 0x3f (= 0b0011_1111), clearing bits 254 and 255 of the
 * little-endian value
 * (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0).
 *
 * @since 0.1.0
 */
export const TRUNC254_MASK = 0x3f

/**
 * `H(left, right)`: the truncated SHA-256 of the two 32-byte nodes.
 *
 * @throws {RangeError} if a node is not 32 bytes.
 * @example
 * const zero = new Uint8Array(32)
 * toHex(hashNode(zero, zero))
 * // => "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b" (zero comm at 64 B)
 * @category hashing
 * @since 0.1.0
 */
export const hashNode = (left: Node, right: Node): Node => {
  if (left.length !== NODE_SIZE || right.length !== NODE_SIZE) {
    throw new RangeError(`nodes must be ${NODE_SIZE} bytes, got ${left.length} and ${right.length}`)
  }
  const message = new Uint8Array(2 * NODE_SIZE)
  message.set(left, 0)
  message.set(right, NODE_SIZE)
  const digest = sha256(message)
  // d[31] &= 0b0011_1111: truncate to 254 bits
  digest[NODE_SIZE - 1]! &= TRUNC254_MASK
  return digest
}

/**
 * `H` of one pair through a {@link Hasher} (allocates; for the few single hashes of tree folds).
 *
 * @example
 * hashNodeWith(tsHasher, l, r) // => the same bytes as hashNode(l, r)
 * @category hashing
 * @since 0.1.0
 */
export const hashNodeWith = (hasher: Hasher, left: Node, right: Node): Node => {
  const pair = new Uint8Array(2 * NODE_SIZE)
  pair.set(left, 0)
  pair.set(right, NODE_SIZE)
  const out = new Uint8Array(NODE_SIZE)
  hasher.hashPairs(pair, out)
  return out
}
