/**
 * secp256k1 signatures as Filecoin uses them
 * (filecoin-project/ref-fvm shared/src/crypto/signature.rs @ fvm_shared@v4.8.2
 * `verify_secp256k1_sig`; filecoin-project/lotus lib/sigs/secp/init.go @ v1.36.2).
 *
 * - Private key: 32-byte big-endian scalar in [1, n − 1].
 * - Public key: 65-byte uncompressed SEC1 point `0x04 ‖ X ‖ Y`; its address is f1 = blake2b-160 of it.
 * - Sign: ECDSA over `blake2b-256(message)` (no SHA-256 pre-hash), deterministic nonce (RFC 6979),
 *   low-S; the 65-byte result is `r (32) ‖ s (32) ‖ v (1)`, v = recovery id. Lotus `lib/sigs/secp`
 *   and go-crypto do the same, so our signatures are byte-equal to Lotus's for the same key.
 * - Verify: recover the public key from (signature, digest) and compare its f1 address with the
 *   expected signer (Lotus `lib/sigs/secp` `Verify`, ref-fvm `verify_secp256k1_sig`). High-S
 *   signatures are accepted, as both do (ref-fvm normalizes s and flips v; recovery gives the same
 *   key). The recovery id may be 0–3.
 *
 * The message is whatever bytes the caller signs: vouchers and deal proposals sign their CBOR
 * bytes, chain messages sign the bytes of their CID
 * (filecoin-project/lotus chain/messagesigner/messagesigner.go @ v1.36.2
 * `SigningBytes`).
 *
 * Standards: SEC 1 v2 §4.1 (ECDSA), §4.1.6 (public key recovery); RFC 6979 (deterministic k).
 *
 * @module
 */
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import { type Address, AddressProtocol, addressEquals, newSecp256k1Address } from "../address/address.js"
import {
  InvalidSignatureLength, MalformedSignature, SignatureAddressMismatch, SignatureMismatch, type VerifyError
} from "./signature.js"

/** Length of a secp256k1 private key: 32 bytes. @since 0.1.0 */
export const SECP_PRIVATE_KEY_LENGTH = 32
/** Length of a Filecoin secp256k1 signature `r ‖ s ‖ v`: 65 bytes. @since 0.1.0 */
export const SECP_SIGNATURE_LENGTH = 65

/**
 * Uncompressed 65-byte public key of a private key.
 *
 * @throws {RangeError} if `privateKey` is not 32 bytes encoding a scalar in [1, n − 1].
 * @example
 * secpPublicKey(privateKey).length // => 65
 * @category keys
 * @since 0.1.0
 */
export const secpPublicKey = (privateKey: Uint8Array): Uint8Array => {
  assertPrivateKey(privateKey)
  return secp256k1.getPublicKey(privateKey, false)
}

/**
 * Signs `message`: ECDSA over blake2b-256(message), returning `r ‖ s ‖ v` (65 bytes).
 *
 * @throws {RangeError} on an invalid private key (see {@link secpPublicKey}).
 * @example
 * secpSign(privateKey, bytes).length // => 65
 * @category signing
 * @since 0.1.0
 */
export const secpSign = (privateKey: Uint8Array, message: Uint8Array): Uint8Array => {
  assertPrivateKey(privateKey)
  // noble "recovered" = v ‖ r ‖ s; Filecoin = r ‖ s ‖ v
  const recovered = secp256k1.sign(digest(message), privateKey, {
    prehash: false,
    lowS: true,
    extraEntropy: false,
    format: "recovered"
  })
  const out = new Uint8Array(SECP_SIGNATURE_LENGTH)
  out.set(recovered.subarray(1), 0)
  out[64] = recovered[0]!
  return out
}

/**
 * Recovers the uncompressed public key that produced `signature` over `message`.
 *
 * @example
 * secpRecover(secpSign(privateKey, m), m) // => Success(secpPublicKey(privateKey))
 * @category verification
 * @since 0.1.0
 */
export const secpRecover = (
  signature: Uint8Array,
  message: Uint8Array
): Result.Result<Uint8Array, InvalidSignatureLength | MalformedSignature> => {
  // len(signature) == 65
  if (signature.length !== SECP_SIGNATURE_LENGTH) {
    return Result.fail(
      new InvalidSignatureLength({
        expected: SECP_SIGNATURE_LENGTH,
        actual: signature.length,
        message: `secp256k1 signature must be ${SECP_SIGNATURE_LENGTH} bytes, got ${signature.length}`
      })
    )
  }
  // recovery id in 0..3
  const v = signature[64]!
  if (v > 3) return Result.fail(new MalformedSignature({ message: `secp256k1 recovery id ${v} is not in 0..3` }))
  const recovered = new Uint8Array(SECP_SIGNATURE_LENGTH)
  recovered[0] = v
  recovered.set(signature.subarray(0, 64), 1)
  try {
    const compressed = secp256k1.recoverPublicKey(recovered, digest(message), { prehash: false })
    return Result.succeed(secp256k1.Point.fromBytes(compressed).toBytes(false))
  } catch (e) {
    return Result.fail(
      new MalformedSignature({ message: `secp256k1 recovery failed: ${e instanceof Error ? e.message : String(e)}` })
    )
  }
}

/**
 * Verifies that `signature` over `message` was made by the key of the f1 `address`, with the
 * reason when it was not.
 *
 * @example
 * secpVerifyDetailed(sig, m, otherF1) // => Failure(SignatureMismatch)
 * @category verification
 * @since 0.1.0
 */
export const secpVerifyDetailed = (
  signature: Uint8Array,
  message: Uint8Array,
  address: Address
): Result.Result<void, VerifyError> =>
  Result.gen(function* () {
    // the signer is an f1 address
    if (address.protocol !== AddressProtocol.Secp256k1) {
      return yield* Result.fail(
        new SignatureAddressMismatch({
          message: `cannot validate a secp256k1 signature against a protocol ${address.protocol} address`
        })
      )
    }
    const publicKey = yield* secpRecover(signature, message)
    // the recovered key's address is the signer
    const recoveredAddress = Result.getOrThrow(newSecp256k1Address(publicKey))
    if (!addressEquals(recoveredAddress, address)) {
      return yield* Result.fail(new SignatureMismatch({ message: "secp256k1 signature was not made by the signer's key" }))
    }
  })

/**
 * `true` iff {@link secpVerifyDetailed} succeeds (wrong lengths and malformed input give `false`).
 *
 * @example
 * secpVerify(secpSign(privateKey, m), m, f1OfPrivateKey) // => true
 * @category verification
 * @since 0.1.0
 */
export const secpVerify = (signature: Uint8Array, message: Uint8Array, address: Address): boolean =>
  Result.isSuccess(secpVerifyDetailed(signature, message, address))

// ---------------------------------------------------------------------------------------------
// internals

/** blake2b-256 of the message: the digest Filecoin signs with secp256k1. */
const digest = (message: Uint8Array): Uint8Array => blake2b(message, { dkLen: 32 })

const assertPrivateKey = (privateKey: Uint8Array): void => {
  if (privateKey.length !== SECP_PRIVATE_KEY_LENGTH || !secp256k1.utils.isValidSecretKey(privateKey)) {
    throw new RangeError("secp256k1 private key must be 32 bytes encoding a scalar in [1, n-1]")
  }
}
