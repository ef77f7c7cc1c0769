/**
 * Key pairs, deterministic test keys, and signing / verification dispatched on the signature type.
 *
 * Verification follows go-state-types / ref-fvm `verify(sig_type, …)`: a secp256k1 signature is
 * checked against an f1 address (recover, compare), a BLS signature against an f3 address whose
 * payload is the public key; any other pairing fails with `SignatureAddressMismatch`. Only these
 * two types exist in the FVM (`shared/src/crypto/signature.rs` @ fvm_shared@v4.8.2).
 *
 * @module
 */
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import { type Address, AddressProtocol, newBlsAddress, newSecp256k1Address } from "../address/address.js"
import { blsPrivateKeyFromSeed, blsPublicKey, blsSign, blsVerifyDetailed, BLS_SEED_LENGTH } from "./bls.js"
import type { KeyPair, KeyType, Signature } from "./interface.js"
import { secpPublicKey, secpSign, secpVerifyDetailed } from "./secp256k1.js"
import { SigType, SignatureAddressMismatch, type VerifyError } from "./signature.js"

export type { KeyPair, KeyType } from "./interface.js"

/**
 * The key pair of a private key (secp256k1: 32 bytes big-endian; BLS: 32 bytes little-endian).
 *
 * @throws {RangeError} if the private key is not valid for the curve.
 * @example
 * keyFromPrivateKey(SigType.Secp256k1, privateKey).address.protocol // => 1
 * @category constructors
 * @since 0.1.0
 */
export const keyFromPrivateKey = (type: KeyType, privateKey: Uint8Array): KeyPair => {
  if (type === SigType.Secp256k1) {
    const publicKey = secpPublicKey(privateKey)
    const address = Result.getOrThrow(newSecp256k1Address(publicKey))
    return { type, privateKey: Uint8Array.from(privateKey), publicKey, address }
  }
  const publicKey = blsPublicKey(privateKey)
  const address = Result.getOrThrow(newBlsAddress(publicKey))
  return { type, privateKey: Uint8Array.from(privateKey), publicKey, address }
}

/**
 * A deterministic key pair for tests and vectors, named by `seed`.
 *
 * Derivation: `material = blake2b-384("filflow key <secp256k1|bls>:" ‖ seed)` (UTF-8), then the
 * curve's FIPS 186-5 A.2-style reduction of those 48 bytes into [1, order − 1] (noble
 * `randomSecretKey(seed)` / `keygen(seed)`); BLS keys are then stored little-endian.
 *
 * @example
 * addressToString(keyFromSeed(SigType.Secp256k1, "client").address) // => "f1…" (always the same)
 * @category constructors
 * @since 0.1.0
 */
export const keyFromSeed = (type: KeyType, seed: string): KeyPair => {
  const label = type === SigType.Secp256k1 ? "secp256k1" : "bls"
  const material = blake2b(new TextEncoder().encode(`filflow key ${label}:${seed}`), { dkLen: BLS_SEED_LENGTH })
  const privateKey =
    type === SigType.Secp256k1 ? secp256k1.utils.randomSecretKey(material) : blsPrivateKeyFromSeed(material)
  return keyFromPrivateKey(type, privateKey)
}

/**
 * Signs raw bytes with a key (secp256k1 hashes them with blake2b-256 first; BLS signs them as is).
 *
 * @example
 * signBytes(key, bytes).type // => key.type
 * @category signing
 * @since 0.1.0
 */
export const signBytes = (key: KeyPair, message: Uint8Array): Signature =>
  key.type === SigType.Secp256k1
    ? { type: SigType.Secp256k1, data: secpSign(key.privateKey, message) }
    : { type: SigType.BLS, data: blsSign(key.privateKey, message) }

/**
 * Verifies a typed signature by `address` over `message`, with the reason on failure.
 *
 * @example
 * verifySignatureDetailed(signBytes(key, m), key.address, m) // => Success(undefined)
 * @category verification
 * @since 0.1.0
 */
export const verifySignatureDetailed = (
  signature: Signature,
  address: Address,
  message: Uint8Array
): Result.Result<void, VerifyError> => {
  switch (signature.type) {
    case SigType.Secp256k1:
      return secpVerifyDetailed(signature.data, message, address)
    case SigType.BLS:
      // the signer is an f3 address; its payload is the public key
      if (address.protocol !== AddressProtocol.BLS) {
        return Result.fail(
          new SignatureAddressMismatch({
            message: `cannot validate a BLS signature against a protocol ${address.protocol} address`
          })
        )
      }
      return blsVerifyDetailed(signature.data, message, address.payload)
  }
}

/**
 * `true` iff {@link verifySignatureDetailed} succeeds.
 *
 * @example
 * verifySignature(signBytes(key, m), key.address, m) // => true
 * @category verification
 * @since 0.1.0
 */
export const verifySignature = (signature: Signature, address: Address, message: Uint8Array): boolean =>
  Result.isSuccess(verifySignatureDetailed(signature, address, message))
