/**
 * Signature types, their byte form, and the reasons a signature is rejected.
 *
 * Byte form (filecoin-project/go-state-types crypto/signature.go @ v0.18.0): `[type byte] ‖ data`, carried in
 * CBOR as a byte string; a missing signature is CBOR `null`.
 *
 * Decoder decision: go-state-types `Signature.UnmarshalCBOR` (what Lotus applies to every message
 * and voucher) rejects an empty string, more than `SignatureMaxLength` = 200 bytes (type byte
 * included) and a type byte other than 1, 2, 3; we do the same. ref-fvm
 * (`shared/src/crypto/signature.rs`) has no length limit and knows only types 1 and 2. Neither
 * checks the data length for the type at decode time — that happens at verification.
 *
 * @module
 */
import { Data, Result } from "effect"
import { concatBytes } from "../encoding/hex.js"
import type * as API from "./interface.js"

export type { Signature } from "./interface.js"

/**
 * Signature type bytes by name (go-state-types `SigTypeSecp256k1`, `SigTypeBLS`, `SigTypeDelegated`).
 *
 * @category constants
 * @since 0.1.0
 */
export const SigType = { Secp256k1: 1, BLS: 2, Delegated: 3 } as const

/**
 * A signature type byte (1, 2 or 3).
 *
 * @category models
 * @since 0.1.0
 */
export type SigType = API.SigType

/** Longest signature in bytes, type byte included: 200 (go-state-types `SignatureMaxLength`). @since 0.1.0 */
export const SIGNATURE_MAX_LENGTH = 200

// ---------------------------------------------------------------------------------------------
// errors

/**
 * Bytes that are not a signature: empty, longer than 200 bytes, or an unknown type byte.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSignatureBytes extends Data.TaggedError("InvalidSignatureBytes")<{
  readonly message: string
}> {}

/**
 * The signature's type does not match the signer address's protocol (secp256k1 ↔ f1, BLS ↔ f3).
 *
 * @category errors
 * @since 0.1.0
 */
export class SignatureAddressMismatch extends Data.TaggedError("SignatureAddressMismatch")<{
  readonly message: string
}> {}

/**
 * The signature data has the wrong length for its type (65 secp256k1, 96 BLS).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSignatureLength extends Data.TaggedError("InvalidSignatureLength")<{
  readonly expected: number
  readonly actual: number
  readonly message: string
}> {}

/**
 * Well-sized but undecodable: r or s out of range, recovery id not 0–3, not a curve point, or a
 * BLS public key that is not a valid G1 point.
 *
 * @category errors
 * @since 0.1.0
 */
export class MalformedSignature extends Data.TaggedError("MalformedSignature")<{
  readonly message: string
}> {}

/**
 * A well-formed signature that was not made by the address's key over this message.
 *
 * @category errors
 * @since 0.1.0
 */
export class SignatureMismatch extends Data.TaggedError("SignatureMismatch")<{
  readonly message: string
}> {}

/**
 * A signature type this implementation does not verify (delegated).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedSignatureType extends Data.TaggedError("UnsupportedSignatureType")<{
  readonly message: string
}> {}

/**
 * Every reason a signature fails verification.
 *
 * @category errors
 * @since 0.1.0
 */
export type VerifyError =
  | SignatureAddressMismatch
  | InvalidSignatureLength
  | MalformedSignature
  | SignatureMismatch
  | UnsupportedSignatureType

// ---------------------------------------------------------------------------------------------
// byte form

/**
 * `[type] ‖ data`, the signature's bytes on the wire.
 *
 * @example
 * encodeSignature({ type: SigType.BLS, data: Uint8Array.of(9) }) // => Uint8Array [2, 9]
 * @category encoding
 * @since 0.1.0
 */
export const encodeSignature = (signature: API.Signature): Uint8Array =>
  concatBytes(Uint8Array.of(signature.type), signature.data)

/**
 * Parses `[type] ‖ data` (see the module notes for the rules).
 *
 * @example
 * decodeSignature(Uint8Array.of(1, 7)) // => Success({ type: 1, data: Uint8Array [7] })
 * decodeSignature(Uint8Array.of(4, 7)) // => Failure(InvalidSignatureBytes: unknown type 4)
 * @category decoding
 * @since 0.1.0
 */
export const decodeSignature = (bytes: Uint8Array): Result.Result<API.Signature, InvalidSignatureBytes> => {
  // not longer than 200 bytes
  if (bytes.length > SIGNATURE_MAX_LENGTH) {
    return Result.fail(
      new InvalidSignatureBytes({ message: `signature is ${bytes.length} bytes, at most ${SIGNATURE_MAX_LENGTH}` })
    )
  }
  // not empty
  const type = bytes[0]
  if (type === undefined) return Result.fail(new InvalidSignatureBytes({ message: "signature bytes are empty" }))
  // known type byte
  if (type !== SigType.Secp256k1 && type !== SigType.BLS && type !== SigType.Delegated) {
    return Result.fail(new InvalidSignatureBytes({ message: `unknown signature type byte ${type}` }))
  }
  return Result.succeed({ type, data: bytes.slice(1) })
}

/**
 * Name of a signature type for messages (`"secp256k1"`, `"bls"`, `"delegated"`).
 *
 * @example
 * sigTypeName(2) // => "bls"
 * @category utils
 * @since 0.1.0
 */
export const sigTypeName = (type: SigType): string =>
  type === SigType.Secp256k1 ? "secp256k1" : type === SigType.BLS ? "bls" : "delegated"
