/**
 * FRC-0042 method numbers: exported methods are numbered by a hash of their name.
 *
 * Source: FRC-0042 (filecoin-project/FIPs `FRCs/frc-0042.md`) and its reference implementation
 * (filecoin-project/actors-utils `frc42_dispatch/hasher/src/hash.rs`): the digest is
 * blake2b-512(`1|<name>`); its 4-byte big-endian chunks are read in order and the first one that is
 * at least 2^24 (numbers below are reserved for builtin methods) is the method number.  The name
 * "Constructor" is method 1.
 *
 * @module
 */
import { blake2b } from "@noble/hashes/blake2.js"

/** Numbers below this are reserved (FRC-0042 `FIRST_EXPORTED_METHOD_NUMBER` = 2^24). */
export const FIRST_EXPORTED_METHOD_NUMBER = 1n << 24n

/**
 * The FRC-0042 method number of an exported method name.
 *
 * @example
 * ```ts
 * frc42MethodNumber("AuthenticateMessage") // => 2643134072n
 * ```
 * @category encoding
 * @since 0.1.0
 */
export const frc42MethodNumber = (name: string): bigint => {
  if (name === "Constructor") return 1n
  const digest = blake2b(new TextEncoder().encode(`1|${name}`), { dkLen: 64 })
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength)
  for (let at = 0; at + 4 <= digest.length; at += 4) {
    const n = BigInt(view.getUint32(at))
    if (n >= FIRST_EXPORTED_METHOD_NUMBER) return n
  }
  // All sixteen chunks below 2^24 has probability 2^-128; the reference implementation reports an
  // error for that name.  No name is known to hit it.
  return 0n
}
