/**
 * Signature types, their byte form, and the reasons a signature is rejected.
 *
 * Byte form: `[type byte] ‖ data`, carried in CBOR as a byte string; a missing signature is CBOR
 * `null` (filecoin-project/ref-fvm `shared/src/crypto/signature.rs` @ fvm_shared@v4.8.2, lines
 * 45-78; go-state-types `crypto/signature.go` likewise).
 *
 * Decoder: as the FVM that runs the actors decodes it (signature.rs:59-78; builtin-actors v18.0.0
 * builds on fvm_shared ~4.8): an empty string is an error, and the type byte must be 1 (secp256k1)
 * or 2 (BLS) — `SignatureType` has no other variant (signature.rs:33-36), so the delegated type 3
 * of go-state-types is a decoding error here, as in every voucher the payment channel actor
 * decodes (exit code 21).  There is no length limit: go-state-types' `SignatureMaxLength` = 200
 * is Lotus's, not the FVM's.  The data length for the type is checked at verification.
 *
 * @module
 */
import { Data, Result } from "effect"
import { concatBytes } from "../encoding/hex.js"
import type * as API from "./interface.js"

export type { Signature } from "./interface.js"

/**
 * Signature type bytes by name (ref-fvm `SignatureType`, signature.rs:33-36).
 *
 * @category constants
 * @since 0.1.0
 */
export const SigType = { Secp256k1: 1, BLS: 2 } as const

/**
 * A signature type byte (1 or 2).
 *
 * @category models
 * @since 0.1.0
 */
export type SigType = API.SigType

// ---------------------------------------------------------------------------------------------
// errors

/**
 * Bytes that are not a signature: empty, or a type byte other than 1 and 2.
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
 * decodeSignature(Uint8Array.of(3, 7)) // => Failure(InvalidSignatureBytes: type byte 3, must be 1 or 2)
 * @category decoding
 * @since 0.1.0
 */
export const decodeSignature = (bytes: Uint8Array): Result.Result<API.Signature, InvalidSignatureBytes> => {
  // not empty
  const type = bytes[0]
  if (type === undefined) return Result.fail(new InvalidSignatureBytes({ message: "signature bytes are empty" }))
  // known type byte
  if (type !== SigType.Secp256k1 && type !== SigType.BLS) {
    return Result.fail(new InvalidSignatureBytes({ message: `invalid signature type byte ${type} (must be 1 or 2)` }))
  }
  return Result.succeed({ type, data: bytes.slice(1) })
}

/**
 * Name of a signature type for messages (`"secp256k1"`, `"bls"`).
 *
 * @example
 * sigTypeName(2) // => "bls"
 * @category utils
 * @since 0.1.0
 */
export const sigTypeName = (type: SigType): string =>
  type === SigType.Secp256k1 ? "secp256k1" : "bls"
