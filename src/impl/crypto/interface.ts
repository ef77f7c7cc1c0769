/**
 * Types of Filecoin signatures and keys (no code here; see `./signature.ts`, `./keys.ts`).
 *
 * Sources: filecoin-project/go-state-types crypto/signature.go @ v0.18.0;
 * filecoin-project/ref-fvm shared/src/crypto/signature.rs @ fvm_shared@v4.8.2.
 *
 * @module
 */
import type { Address } from "../address/interface.js"

/**
 * Signature type byte: 1 secp256k1, 2 BLS — the types the FVM decodes (ref-fvm
 * `shared/src/crypto/signature.rs` @ fvm_shared@v4.8.2).
 *
 * @category models
 * @since 0.1.0
 */
export type SigType = 1 | 2

/**
 * A typed signature. Its bytes on the wire are `[type] ‖ data` (a CBOR byte string).
 *
 * @category models
 * @since 0.1.0
 */
export interface Signature {
  /** Which scheme produced `data`. */
  readonly type: SigType
  /** secp256k1: 65 bytes `r ‖ s ‖ v`; BLS: 96-byte compressed G2 point. */
  readonly data: Uint8Array
}

/**
 * Key types we can hold and sign with: 1 secp256k1, 2 BLS.
 *
 * @category models
 * @since 0.1.0
 */
export type KeyType = 1 | 2

/**
 * A private key with its public key and address.
 *
 * Private keys are in the form Lotus wallets store them: secp256k1 as a 32-byte big-endian scalar,
 * BLS as a 32-byte **little-endian** scalar (filecoin-ffi / `bls-signatures`).
 *
 * @category models
 * @since 0.1.0
 */
export interface KeyPair {
  /** Signature scheme of the key. */
  readonly type: KeyType
  /** 32-byte private key (see the interface note for byte order). */
  readonly privateKey: Uint8Array
  /** secp256k1: 65-byte uncompressed point; BLS: 48-byte compressed G1 point. */
  readonly publicKey: Uint8Array
  /** f1 (secp256k1) or f3 (BLS) address of the public key. */
  readonly address: Address
}
