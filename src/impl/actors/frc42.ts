/**
 * FRC-0042 method numbers: exported methods are numbered by a hash of their name.
 *
 * Source: FRC-0042 (filecoin-project/FIPs `FRCs/frc-0042.md`): the method number is the first four
 * bytes, big-endian, of blake2b-512(`<index>|<name>`), taking the first index from 1 whose number is
 * at least 2^24 (numbers below are reserved for builtin methods).
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
  for (let index = 1; ; index++) {
    const digest = blake2b(new TextEncoder().encode(`${index}|${name}`), { dkLen: 64 })
    const n = new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0)
    if (BigInt(n) >= FIRST_EXPORTED_METHOD_NUMBER) return BigInt(n)
  }
}
