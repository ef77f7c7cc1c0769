/**
 * The BLS12-381 scalar field Fr on `bigint`: the field Filecoin's Poseidon hashes in.
 *
 * An element is a `bigint` in `[0, r)`. Its byte form is the canonical little-endian 32 bytes that
 * blstrs' `Scalar::to_repr` writes and `Scalar::from_repr` accepts (filecoin-project/rust-fil-proofs
 * filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0: a `PoseidonDomain` is those 32 bytes,
 * and its test helper `u64s_to_u8s` lays the four 64-bit limbs out least significant first).
 * A repr whose integer is `≥ r` is rejected, as `from_repr` rejects it.
 *
 * This is the plain reference: every operation reduces with `%`, the inverse is Fermat's
 * `a^(r−2)`. Speed belongs to the native binding (Montgomery limbs), which must agree with it.
 *
 * Sources: the modulus r = 0x73eda753…00000001 as neptune states it in src/round_constants.rs
 * (test `test_round_constants`) @ argumentcomputer/neptune v11.0.0, the version
 * filecoin-project/rust-fil-proofs Cargo.toml @ filecoin-proofs-v19.1.0 depends on.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"

/** The modulus r of the BLS12-381 scalar field (255 bits). @since 0.1.0 */
export const FR_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
/** Bytes of an element's repr: 32. @since 0.1.0 */
export const FR_REPR_BYTES = 32
/** Bits of r (`PrimeField::NUM_BITS` for blstrs' Scalar): 255. @since 0.1.0 */
export const FR_NUM_BITS = 255

/**
 * A 32-byte repr whose little-endian integer is not below r, or a repr of the wrong length.
 *
 * @category errors
 * @since 0.1.0
 */
export class FrNonCanonical extends Data.TaggedError("FrNonCanonical")<{
  /** The repr's length in bytes. */
  readonly length: number
  /** Which element of a list it was (0 when there is one). */
  readonly index: number
}> {}

/** a + b mod r. @since 0.1.0 */
export const frAdd = (a: bigint, b: bigint): bigint => {
  const s = a + b
  return s >= FR_MODULUS ? s - FR_MODULUS : s
}

/** a − b mod r. @since 0.1.0 */
export const frSub = (a: bigint, b: bigint): bigint => {
  const d = a - b
  return d < 0n ? d + FR_MODULUS : d
}

/** −a mod r. @since 0.1.0 */
export const frNeg = (a: bigint): bigint => (a === 0n ? 0n : FR_MODULUS - a)

/** a · b mod r. @since 0.1.0 */
export const frMul = (a: bigint, b: bigint): bigint => (a * b) % FR_MODULUS

/** a^e mod r by square-and-multiply, e ≥ 0. @since 0.1.0 */
export const frPow = (a: bigint, e: bigint): bigint => {
  let result = 1n
  let base = a % FR_MODULUS
  for (let k = e; k > 0n; k >>= 1n) {
    if ((k & 1n) === 1n) result = (result * base) % FR_MODULUS
    base = (base * base) % FR_MODULUS
  }
  return result
}

/** a^−1 mod r (Fermat: a^(r−2)); 0 has no inverse and maps to 0, callers never invert 0. @since 0.1.0 */
export const frInv = (a: bigint): bigint => frPow(a, FR_MODULUS - 2n)

/** Reduce any integer (negative too) into [0, r). @since 0.1.0 */
export const frFromBigint = (n: bigint): bigint => {
  const m = n % FR_MODULUS
  return m < 0n ? m + FR_MODULUS : m
}

/**
 * The element whose canonical repr is `bytes` (32 bytes, little-endian), as blstrs'
 * `Scalar::from_repr`; fails with {@link FrNonCanonical} if the integer is ≥ r.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { frFromRepr } from "./field.js"
 * const one = new Uint8Array(32); one[0] = 1
 * Result.getOrThrow(frFromRepr(one)) // => 1n
 * ```
 * @since 0.1.0
 */
export const frFromRepr = (bytes: Uint8Array, index = 0): Result.Result<bigint, FrNonCanonical> => {
  if (bytes.length !== FR_REPR_BYTES) return Result.fail(new FrNonCanonical({ length: bytes.length, index }))
  let n = 0n
  for (let i = FR_REPR_BYTES - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n < FR_MODULUS ? Result.succeed(n) : Result.fail(new FrNonCanonical({ length: bytes.length, index }))
}

/** The canonical repr of `a` (in [0, r)): 32 bytes, little-endian, as blstrs' `Scalar::to_repr`. @since 0.1.0 */
export const frToRepr = (a: bigint): Uint8Array => {
  const out = new Uint8Array(FR_REPR_BYTES)
  let n = a
  for (let i = 0; i < FR_REPR_BYTES; i++) {
    out[i] = Number(n & 0xffn)
    n >>= 8n
  }
  return out
}

/**
 * The element given as four 64-bit limbs, least significant first — the form neptune's
 * `scalar_from_u64s` and filecoin-hashers' `u64s_to_u8s` write known answers in. Not reduced:
 * the limbs' integer must already be below r.
 *
 * @since 0.1.0
 */
export const frFromU64s = (limbs: readonly [bigint, bigint, bigint, bigint]): bigint =>
  limbs[0] | (limbs[1] << 64n) | (limbs[2] << 128n) | (limbs[3] << 192n)
