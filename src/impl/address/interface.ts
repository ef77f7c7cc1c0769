/**
 * Types of Filecoin addresses (no code here; see `./address.ts`).
 *
 * Sources: filecoin-project/go-address address.go @ v1.2.0;
 * filecoin-project/specs content/appendix/address.md @ v2.1.1;
 * filecoin-project/FIPs FIPS/fip-0048.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 (f4).
 *
 * @module
 */

/**
 * Address protocol byte: 0 ID, 1 secp256k1, 2 actor, 3 BLS, 4 delegated.
 *
 * @category models
 * @since 0.1.0
 */
export type Protocol = 0 | 1 | 2 | 3 | 4

/**
 * Network prefix of the string form: `f` mainnet, `t` testnets.
 *
 * @category models
 * @since 0.1.0
 */
export type Network = "f" | "t"

declare const AddressBrand: unique symbol

/**
 * A validated Filecoin address: its binary form is `protocol ‖ payload`.
 *
 * Only the constructors and decoders of `./address.ts` produce values of this type, so every
 * `Address` is well formed (payload length, varint, id range). Compare with `addressEquals`;
 * two equal addresses also compare equal with a structural deep-equality.
 *
 * @category models
 * @since 0.1.0
 */
export interface Address {
  /** The protocol byte. */
  readonly protocol: Protocol
  /**
   * The payload: LEB128 id (0), blake2b-160 hash (1, 2), 48-byte G1 public key (3),
   * LEB128 namespace ‖ sub-address (4).
   */
  readonly payload: Uint8Array
  /** Type-only brand: addresses come from the constructors. */
  readonly [AddressBrand]: true
}

/**
 * The two parts of a delegated (f4) address.
 *
 * @category models
 * @since 0.1.0
 */
export interface DelegatedParts {
  /** Actor id of the address manager (e.g. 10 for the Ethereum Address Manager). */
  readonly namespace: bigint
  /** Manager-defined sub-address, at most 54 bytes. */
  readonly subaddress: Uint8Array
}
