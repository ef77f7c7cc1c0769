/**
 * BLS12-381 signatures as Filecoin uses them
 * (filecoin-project/ref-fvm shared/src/crypto/signature.rs @ fvm_shared@v4.8.2
 * `verify_bls_sig`; DESIGN "BLS signatures").
 *
 * - "Minimal-pubkey-size" variant: public keys in G1 (48 bytes compressed), signatures in G2
 *   (96 bytes compressed) — noble's `bls12_381.longSignatures`.
 * - Hash-to-curve: `hash_to_curve` onto G2 with DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`
 *   (the "basic" scheme of draft-irtf-cfrg-bls-signature §4.2.1; filecoin-project `bls-signatures`
 *   `CSUITE`). The message is not pre-hashed.
 * - Private key: 32-byte **little-endian** scalar in [1, r − 1], the form filecoin-ffi /
 *   `bls-signatures` (`PrivateKey::from_bytes`) and Lotus wallets use; noble takes big-endian, so
 *   the bytes are reversed at this boundary. (Checked against the Zondax vectors in the tests:
 *   their `sk` only yields their `pk` when read little-endian.)
 * - Verification: e(pk, H(m)) = e(g1, sig). A public key that is not a valid G1 point, or is the
 *   point at infinity, fails.
 *
 * Standards: draft-irtf-cfrg-bls-signature-05 §2.6–2.8; RFC 9380 (hash to curve).
 *
 * @module
 */
import { bls12_381 } from "@noble/curves/bls12-381.js"
import { Result } from "effect"
import { InvalidSignatureLength, MalformedSignature, SignatureMismatch } from "./signature.js"

/** Length of a BLS private key: 32 bytes. @since 0.1.0 */
export const BLS_PRIVATE_KEY_LENGTH = 32
/** Length of a BLS public key (compressed G1): 48 bytes. @since 0.1.0 */
export const BLS_PUBLIC_KEY_LENGTH = 48
/** Length of a BLS signature (compressed G2): 96 bytes. @since 0.1.0 */
export const BLS_SIGNATURE_LENGTH = 96
/** Hash-to-curve domain separation tag Filecoin signs with. @since 0.1.0 */
export const BLS_DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"

/**
 * Compressed 48-byte G1 public key of a little-endian private key.
 *
 * @throws {RangeError} if `privateKey` is not 32 bytes encoding a scalar in [1, r − 1].
 * @example
 * blsPublicKey(privateKey).length // => 48
 * @category keys
 * @since 0.1.0
 */
export const blsPublicKey = (privateKey: Uint8Array): Uint8Array =>
  long.getPublicKey(toNobleSecret(privateKey)).toBytes(true)

/**
 * Signs `message` (no pre-hash): 96-byte compressed G2 point `sk · H(message)`.
 *
 * @throws {RangeError} on an invalid private key (see {@link blsPublicKey}).
 * @example
 * blsSign(privateKey, bytes).length // => 96
 * @category signing
 * @since 0.1.0
 */
export const blsSign = (privateKey: Uint8Array, message: Uint8Array): Uint8Array =>
  long.Signature.toBytes(long.sign(long.hash(message, BLS_DST), toNobleSecret(privateKey)))

/**
 * Verifies `signature` over `message` against a 48-byte public key, with the reason on failure.
 *
 * @example
 * blsVerifyDetailed(blsSign(sk, m), m, blsPublicKey(sk)) // => Success(undefined)
 * @category verification
 * @since 0.1.0
 */
export const blsVerifyDetailed = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array
): Result.Result<void, InvalidSignatureLength | MalformedSignature | SignatureMismatch> => {
  // len(signature) == 96
  if (signature.length !== BLS_SIGNATURE_LENGTH) {
    return Result.fail(
      new InvalidSignatureLength({
        expected: BLS_SIGNATURE_LENGTH,
        actual: signature.length,
        message: `BLS signature must be ${BLS_SIGNATURE_LENGTH} bytes, got ${signature.length}`
      })
    )
  }
  // the public key is a G1 point other than infinity
  let pk: ReturnType<typeof bls12_381.G1.Point.fromBytes>
  try {
    pk = bls12_381.G1.Point.fromBytes(publicKey)
  } catch (e) {
    return Result.fail(new MalformedSignature({ message: `invalid BLS public key: ${errorMessage(e)}` }))
  }
  if (pk.is0()) return Result.fail(new MalformedSignature({ message: "BLS public key is the point at infinity" }))
  // the signature is a G2 point
  let sig: ReturnType<typeof long.Signature.fromBytes>
  try {
    sig = long.Signature.fromBytes(signature)
  } catch (e) {
    return Result.fail(new MalformedSignature({ message: `invalid BLS signature point: ${errorMessage(e)}` }))
  }
  // e(pk, H(m)) == e(g1, sig)
  if (!long.verify(sig, long.hash(message, BLS_DST), pk)) {
    return Result.fail(new SignatureMismatch({ message: "BLS signature does not verify for this key and message" }))
  }
  return Result.succeed(undefined)
}

/**
 * `true` iff {@link blsVerifyDetailed} succeeds.
 *
 * @example
 * blsVerify(blsSign(sk, m), m, blsPublicKey(sk)) // => true
 * @category verification
 * @since 0.1.0
 */
export const blsVerify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean =>
  Result.isSuccess(blsVerifyDetailed(signature, message, publicKey))

/**
 * A valid little-endian private key derived from 48 bytes of seed material with noble's keygen
 * (FIPS 186-5 A.2-style reduction into [1, r − 1]).
 *
 * @throws {RangeError} unless `seed` is 48 bytes.
 * @example
 * blsPrivateKeyFromSeed(new Uint8Array(48)).length // => 32
 * @category keys
 * @since 0.1.0
 */
export const blsPrivateKeyFromSeed = (seed: Uint8Array): Uint8Array => {
  if (seed.length !== BLS_SEED_LENGTH) throw new RangeError(`BLS key seed must be ${BLS_SEED_LENGTH} bytes`)
  return Uint8Array.from(long.keygen(seed).secretKey).reverse()
}

/** Seed length for {@link blsPrivateKeyFromSeed}: 48 bytes (noble `lengths.seed`). @since 0.1.0 */
export const BLS_SEED_LENGTH = 48

// ---------------------------------------------------------------------------------------------
// internals

const long = bls12_381.longSignatures

/** Group order r of G1/G2 (the scalar field). */
const R = bls12_381.G1.Point.Fn.ORDER

/** Little-endian Filecoin key → big-endian noble key, after checking 0 < k < r. */
const toNobleSecret = (privateKey: Uint8Array): Uint8Array => {
  if (privateKey.length !== BLS_PRIVATE_KEY_LENGTH) {
    throw new RangeError(`BLS private key must be ${BLS_PRIVATE_KEY_LENGTH} bytes, got ${privateKey.length}`)
  }
  const be = Uint8Array.from(privateKey).reverse()
  let k = 0n
  for (const b of be) k = (k << 8n) | BigInt(b)
  if (k === 0n || k >= R) throw new RangeError("BLS private key must encode a scalar in [1, r-1]")
  return be
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))
