/**
 * Filecoin addresses: construction, binary form, string form, checksums.
 *
 * Binary form `protocol ‖ payload` (filecoin-project/go-address address.go @ v1.2.0):
 * | proto | payload |
 * |---|---|
 * | 0 ID | unsigned LEB128 of the actor id (minimal, id ≤ 2^63 − 1) |
 * | 1 secp256k1 | blake2b-160 of the 65-byte uncompressed public key |
 * | 2 actor | blake2b-160 of the creation data |
 * | 3 BLS | 48-byte compressed G1 public key |
 * | 4 delegated | LEB128(namespace ≤ 2^63 − 1) ‖ sub-address (≤ 54 bytes) |
 *
 * String form (filecoin-project/go-address address.go @ v1.2.0): `network ‖ protocol digit ‖ data`,
 * where data is the decimal id (0), or
 * RFC 4648 base32 (lowercase, no padding) of `payload ‖ checksum` (1, 2, 3), or
 * `decimal(namespace) ‖ "f" ‖ base32(subaddress ‖ checksum)` (4); checksum = blake2b-32
 * (4-byte output) over the binary address.
 *
 * Validation follows go-address (`filecoin-project/go-address` `address.go`, `constants.go`, commit
 * 4e4546c), which Lotus uses to decode every address on chain; where ref-fvm (`shared/src/address`)
 * differs the Go rule is kept and the difference is noted at the check:
 * - ids and namespaces above 2^63 − 1 are rejected (ref-fvm accepts any u64);
 * - decimal fields are at most 19 digits and the whole string at most 115 characters
 *   (ref-fvm: 20 digits, 138 characters); leading zeros are accepted (both), a `+` sign is not
 *   (ref-fvm's `u64::from_str` accepts it);
 * - base32 must be canonical (no padding, zero trailing bits) — both;
 * - varints must be minimal and end exactly at the payload's end — both;
 * - the network prefix is reported, not checked against a configured network (ref-fvm checks).
 *
 * Sources: spec `filecoin-project/specs` `content/appendix/address.md`; FIP-0048 (f4).
 *
 * @module
 */
import { blake2b } from "@noble/hashes/blake2.js"
import { Data, Result } from "effect"
import { base32 } from "multiformats/bases/base32"
import { decodeUvarint, encodeUvarint } from "../../proofs/uvarint.js"
import { InvalidCborField, readBytes } from "../encoding/cbor.js"
import { bytesEqual, concatBytes } from "../encoding/hex.js"
import type { Address, DelegatedParts, Network, Protocol } from "./interface.js"

export type { Address, DelegatedParts, Network, Protocol } from "./interface.js"

// ---------------------------------------------------------------------------------------------
// constants

/** Protocol bytes by name (go-address `constants`, ref-fvm `Protocol`). @since 0.1.0 */
export const AddressProtocol = { ID: 0, Secp256k1: 1, Actor: 2, BLS: 3, Delegated: 4 } as const

/** Length of the blake2b hash in secp256k1 and actor payloads: 20 bytes (blake2b-160). @since 0.1.0 */
export const PAYLOAD_HASH_LENGTH = 20
/** Length of the string-form checksum: 4 bytes (blake2b-32). @since 0.1.0 */
export const CHECKSUM_LENGTH = 4
/** Length of a BLS public key (compressed G1): 48 bytes. @since 0.1.0 */
export const BLS_PUBLIC_KEY_LENGTH = 48
/** Length of an uncompressed secp256k1 public key (0x04 ‖ X ‖ Y): 65 bytes. @since 0.1.0 */
export const SECP_PUBLIC_KEY_LENGTH = 65
/** Maximum delegated sub-address length: 54 bytes (go-address `MaxSubaddressLen`). @since 0.1.0 */
export const MAX_SUBADDRESS_LENGTH = 54
/** Largest id / namespace: 2^63 − 1 (= 9223372036854775807; go-address `math.MaxInt64`). @since 0.1.0 */
export const MAX_ID: bigint = (1n << 63n) - 1n
/** Longest decimal id / namespace in a string: 19 digits (go-address `MaxInt64StringLength`). @since 0.1.0 */
export const MAX_ID_DIGITS = 19
/** Longest address string: 2 + 19 + 1 + 93 = 115 characters (go-address `MaxAddressStringLength`). @since 0.1.0 */
export const MAX_ADDRESS_STRING_LENGTH = 115

// ---------------------------------------------------------------------------------------------
// errors

/**
 * The protocol byte (binary) or digit (string) is not 0–4.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownAddressProtocol extends Data.TaggedError("UnknownAddressProtocol")<{
  readonly message: string
}> {}

/**
 * The address, its payload or one of its parts has the wrong length.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidAddressLength extends Data.TaggedError("InvalidAddressLength")<{
  readonly message: string
}> {}

/**
 * The string form's checksum does not match the address.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidAddressChecksum extends Data.TaggedError("InvalidAddressChecksum")<{
  readonly message: string
}> {}

/**
 * The string form does not start with `f` or `t`.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidAddressNetwork extends Data.TaggedError("InvalidAddressNetwork")<{
  readonly message: string
}> {}

/**
 * The payload is malformed: bad or non-minimal varint, trailing bytes, id or namespace above
 * 2^63 − 1, a decimal field that is not a number, a missing `f` separator in an f4 string.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidAddressPayload extends Data.TaggedError("InvalidAddressPayload")<{
  readonly message: string
}> {}

/**
 * The base32 part of the string form is not canonical lowercase RFC 4648 base32 without padding.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidAddressString extends Data.TaggedError("InvalidAddressString")<{
  readonly message: string
}> {}

/**
 * Any reason an address is rejected.
 *
 * @category errors
 * @since 0.1.0
 */
export type AddressError =
  | UnknownAddressProtocol
  | InvalidAddressLength
  | InvalidAddressChecksum
  | InvalidAddressNetwork
  | InvalidAddressPayload
  | InvalidAddressString

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * ID address (protocol 0) of actor `id`, 0 ≤ id ≤ 2^63 − 1.
 *
 * @example
 * addressToString(Result.getOrThrow(newIdAddress(1024n))) // => "f01024"
 * @category constructors
 * @since 0.1.0
 */
export const newIdAddress = (id: bigint): Result.Result<Address, InvalidAddressPayload> => {
  // 0 <= id <= 2^63-1 (go-address NewIDAddress; ref-fvm's new_id takes any u64)
  if (id < 0n || id > MAX_ID) {
    return Result.fail(new InvalidAddressPayload({ message: `id ${id} is outside 0..2^63-1` }))
  }
  return Result.succeed(make(AddressProtocol.ID, encodeUvarint(id)))
}

/**
 * ID address for a known-good id (system actors, test fixtures).
 *
 * @throws {RangeError} if `id` is outside 0..2^63 − 1.
 * @example
 * addressToString(idAddress(5n)) // => "f05"
 * @category constructors
 * @since 0.1.0
 */
export const idAddress = (id: bigint): Address => {
  const r = newIdAddress(id)
  if (Result.isFailure(r)) throw new RangeError(r.failure.message)
  return r.success
}

/**
 * secp256k1 address (protocol 1): blake2b-160 of the 65-byte uncompressed public key.
 *
 * @example
 * newSecp256k1Address(new Uint8Array(33)) // => Failure(InvalidAddressLength)
 * @category constructors
 * @since 0.1.0
 */
export const newSecp256k1Address = (publicKey: Uint8Array): Result.Result<Address, InvalidAddressLength> => {
  // the key is the uncompressed 65-byte form (ref-fvm new_secp256k1; go-address hashes any bytes)
  if (publicKey.length !== SECP_PUBLIC_KEY_LENGTH) {
    return Result.fail(
      new InvalidAddressLength({
        message: `secp256k1 public key must be ${SECP_PUBLIC_KEY_LENGTH} bytes (uncompressed), got ${publicKey.length}`
      })
    )
  }
  return Result.succeed(make(AddressProtocol.Secp256k1, addressHash(publicKey)))
}

/**
 * Actor address (protocol 2): blake2b-160 of arbitrary creation data.
 *
 * @example
 * addressToString(newActorAddress(new TextEncoder().encode("satoshi"))) // => "f2…"
 * @category constructors
 * @since 0.1.0
 */
export const newActorAddress = (data: Uint8Array): Address => make(AddressProtocol.Actor, addressHash(data))

/**
 * BLS address (protocol 3): the 48-byte compressed G1 public key itself.
 *
 * The key is not checked to be a curve point (neither go-address nor ref-fvm do).
 *
 * @example
 * newBlsAddress(new Uint8Array(47)) // => Failure(InvalidAddressLength)
 * @category constructors
 * @since 0.1.0
 */
export const newBlsAddress = (publicKey: Uint8Array): Result.Result<Address, InvalidAddressLength> => {
  if (publicKey.length !== BLS_PUBLIC_KEY_LENGTH) {
    return Result.fail(
      new InvalidAddressLength({
        message: `BLS public key must be ${BLS_PUBLIC_KEY_LENGTH} bytes, got ${publicKey.length}`
      })
    )
  }
  return Result.succeed(make(AddressProtocol.BLS, publicKey))
}

/**
 * Delegated address (protocol 4, FIP-0048): `namespace` actor id and a sub-address of at most
 * 54 bytes.
 *
 * @example
 * addressToString(Result.getOrThrow(newDelegatedAddress(32n, Uint8Array.of(255, 255, 255, 255, 255))))
 * // => "f432f77777777x32lpna"
 * @category constructors
 * @since 0.1.0
 */
export const newDelegatedAddress = (
  namespace: bigint,
  subaddress: Uint8Array
): Result.Result<Address, InvalidAddressPayload | InvalidAddressLength> => {
  // namespace <= 2^63-1 (go-address NewDelegatedAddress)
  if (namespace < 0n || namespace > MAX_ID) {
    return Result.fail(new InvalidAddressPayload({ message: `namespace ${namespace} is outside 0..2^63-1` }))
  }
  // len(subaddress) <= 54
  if (subaddress.length > MAX_SUBADDRESS_LENGTH) {
    return Result.fail(
      new InvalidAddressLength({
        message: `delegated sub-address is ${subaddress.length} bytes, at most ${MAX_SUBADDRESS_LENGTH} allowed`
      })
    )
  }
  return Result.succeed(make(AddressProtocol.Delegated, concatBytes(encodeUvarint(namespace), subaddress)))
}

// ---------------------------------------------------------------------------------------------
// accessors

/**
 * The actor id of an ID address, `undefined` for other protocols.
 *
 * @example
 * addressId(idAddress(7n)) // => 7n
 * @category getters
 * @since 0.1.0
 */
export const addressId = (address: Address): bigint | undefined => {
  if (address.protocol !== AddressProtocol.ID) return undefined
  const v = decodeUvarint(address.payload, 0)
  return "error" in v ? undefined : v.value
}

/**
 * Namespace and sub-address of a delegated address, `undefined` for other protocols.
 *
 * @example
 * delegatedParts(Result.getOrThrow(newDelegatedAddress(10n, new Uint8Array(20))))?.namespace // => 10n
 * @category getters
 * @since 0.1.0
 */
export const delegatedParts = (address: Address): DelegatedParts | undefined => {
  if (address.protocol !== AddressProtocol.Delegated) return undefined
  const v = decodeUvarint(address.payload, 0)
  if ("error" in v) return undefined
  return { namespace: v.value, subaddress: address.payload.slice(v.length) }
}

/**
 * Whether two addresses are the same (same protocol and payload).
 *
 * @example
 * addressEquals(idAddress(1n), idAddress(1n)) // => true
 * @category utils
 * @since 0.1.0
 */
export const addressEquals = (a: Address, b: Address): boolean =>
  a.protocol === b.protocol && bytesEqual(a.payload, b.payload)

// ---------------------------------------------------------------------------------------------
// binary form

/**
 * Binary form `protocol ‖ payload` (also the content of the CBOR byte string).
 *
 * @example
 * toHex(addressToBytes(idAddress(150n))) // => "009601"
 * @category encoding
 * @since 0.1.0
 */
export const addressToBytes = (address: Address): Uint8Array =>
  concatBytes(Uint8Array.of(address.protocol), address.payload)

/**
 * Parses the binary form, checking the payload for its protocol.
 *
 * @example
 * addressFromBytes(fromHex("009601"))  // => Success(f0150)
 * addressFromBytes(fromHex("0080"))    // => Failure(InvalidAddressPayload: truncated varint)
 * @category decoding
 * @since 0.1.0
 */
export const addressFromBytes = (bytes: Uint8Array): Result.Result<Address, AddressError> => {
  // at least a protocol byte and one payload byte (go-address NewFromBytes, ref-fvm from_bytes)
  if (bytes.length < 2) {
    return Result.fail(new InvalidAddressLength({ message: `address must be at least 2 bytes, got ${bytes.length}` }))
  }
  const protocol = bytes[0]!
  if (!isProtocol(protocol)) {
    return Result.fail(new UnknownAddressProtocol({ message: `unknown address protocol byte ${protocol}` }))
  }
  return fromPayload(protocol, bytes.subarray(1))
}

/**
 * CBOR field reader for an address (a byte string holding the binary form).
 *
 * @example
 * readAddress(fromHex("0001"), "ConstructorParams.from") // => Success(f01)
 * @category decoding
 * @since 0.1.0
 */
export const readAddress = (value: unknown, field: string): Result.Result<Address, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (bytes) =>
    Result.mapError(
      addressFromBytes(bytes),
      (e) => new InvalidCborField({ field, expected: "address", message: `${field}: invalid address: ${e.message}` })
    )
  )

// ---------------------------------------------------------------------------------------------
// string form

/**
 * String form of an address for `network` (`"f"` mainnet by default, `"t"` testnets).
 *
 * @example
 * addressToString(idAddress(1024n), "t") // => "t01024"
 * @category encoding
 * @since 0.1.0
 */
export const addressToString = (address: Address, network: Network = "f"): string => {
  const head = `${network}${address.protocol}`
  switch (address.protocol) {
    case AddressProtocol.ID:
      return head + String(addressId(address))
    case AddressProtocol.Delegated: {
      const { namespace, subaddress } = delegatedParts(address)!
      return `${head}${namespace}f${base32Encode(concatBytes(subaddress, checksum(addressToBytes(address))))}`
    }
    default:
      return head + base32Encode(concatBytes(address.payload, checksum(addressToBytes(address))))
  }
}

/**
 * Parses the string form (either network prefix), checking lengths, base32 and checksum in
 * go-address's order.
 *
 * @example
 * parseAddress("f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq") // => Success(f1…)
 * parseAddress("x01")                                      // => Failure(InvalidAddressNetwork)
 * @category decoding
 * @since 0.1.0
 */
export const parseAddress = (text: string): Result.Result<Address, AddressError> =>
  Result.gen(function* () {
    // 3 <= length <= 115
    if (text.length > MAX_ADDRESS_STRING_LENGTH || text.length < 3) {
      return yield* Result.fail(
        new InvalidAddressLength({
          message: `address string must be 3..${MAX_ADDRESS_STRING_LENGTH} characters, got ${text.length}`
        })
      )
    }
    // network prefix is "f" or "t"
    if (text[0] !== "f" && text[0] !== "t") {
      return yield* Result.fail(new InvalidAddressNetwork({ message: `unknown network prefix ${JSON.stringify(text[0])}` }))
    }
    const protocol = text.charCodeAt(1) - 0x30
    if (!isProtocol(protocol)) {
      return yield* Result.fail(
        new UnknownAddressProtocol({ message: `unknown address protocol ${JSON.stringify(text[1])}` })
      )
    }
    const raw = text.slice(2)
    if (protocol === AddressProtocol.ID) return yield* newIdAddress(yield* parseId(raw, "id"))
    let payload: Uint8Array
    let sum: Uint8Array
    if (protocol === AddressProtocol.Delegated) {
      // "<namespace>f<base32(subaddress ‖ checksum)>"
      const sep = raw.indexOf("f")
      if (sep < 0) {
        return yield* Result.fail(new InvalidAddressPayload({ message: "delegated address has no 'f' after the namespace" }))
      }
      const namespace = yield* parseId(raw.slice(0, sep), "namespace")
      const split = yield* splitChecksum(yield* base32Decode(raw.slice(sep + 1)))
      if (split.payload.length > MAX_SUBADDRESS_LENGTH) {
        return yield* Result.fail(
          new InvalidAddressLength({
            message: `delegated sub-address is ${split.payload.length} bytes, at most ${MAX_SUBADDRESS_LENGTH} allowed`
          })
        )
      }
      payload = concatBytes(encodeUvarint(namespace), split.payload)
      sum = split.checksum
    } else {
      const split = yield* splitChecksum(yield* base32Decode(raw))
      const lengthError = checkFixedLength(protocol, split.payload)
      if (lengthError !== undefined) return yield* Result.fail(lengthError)
      payload = split.payload
      sum = split.checksum
    }
    // checksum = blake2b-32(protocol ‖ payload)
    if (!bytesEqual(checksum(concatBytes(Uint8Array.of(protocol), payload)), sum)) {
      return yield* Result.fail(new InvalidAddressChecksum({ message: `checksum mismatch in ${JSON.stringify(text)}` }))
    }
    return yield* fromPayload(protocol, payload)
  })

// ---------------------------------------------------------------------------------------------
// internals

const make = (protocol: Protocol, payload: Uint8Array): Address =>
  ({ protocol, payload: Uint8Array.from(payload) }) as unknown as Address

const isProtocol = (n: number): n is Protocol => Number.isInteger(n) && n >= 0 && n <= 4

/** blake2b-160 of the ingest (go-address `addressHash`). */
const addressHash = (ingest: Uint8Array): Uint8Array => blake2b(ingest, { dkLen: PAYLOAD_HASH_LENGTH })

/** blake2b-32 of the binary address (go-address `Checksum`). */
const checksum = (ingest: Uint8Array): Uint8Array => blake2b(ingest, { dkLen: CHECKSUM_LENGTH })

/** Validates `payload` for `protocol` and builds the address (go-address `newAddress`). */
const fromPayload = (protocol: Protocol, payload: Uint8Array): Result.Result<Address, AddressError> => {
  if (protocol === AddressProtocol.ID) {
    const v = decodeUvarint(payload, 0)
    if ("error" in v) return Result.fail(new InvalidAddressPayload({ message: `ID address: ${v.error}` }))
    // the varint spans the whole payload (ref-fvm from_leb_bytes)
    if (v.length !== payload.length) {
      return Result.fail(
        new InvalidAddressPayload({ message: `ID address: ${payload.length - v.length} trailing byte(s) after the varint` })
      )
    }
    if (v.value > MAX_ID) return Result.fail(new InvalidAddressPayload({ message: `ID address: id ${v.value} exceeds 2^63-1` }))
    return Result.succeed(make(protocol, payload))
  }
  if (protocol === AddressProtocol.Delegated) {
    const v = decodeUvarint(payload, 0)
    if ("error" in v) return Result.fail(new InvalidAddressPayload({ message: `delegated namespace: ${v.error}` }))
    if (v.value > MAX_ID) {
      return Result.fail(new InvalidAddressPayload({ message: `delegated namespace ${v.value} exceeds 2^63-1` }))
    }
    const subLength = payload.length - v.length
    if (subLength > MAX_SUBADDRESS_LENGTH) {
      return Result.fail(
        new InvalidAddressLength({
          message: `delegated sub-address is ${subLength} bytes, at most ${MAX_SUBADDRESS_LENGTH} allowed`
        })
      )
    }
    return Result.succeed(make(protocol, payload))
  }
  const lengthError = checkFixedLength(protocol, payload)
  return lengthError === undefined ? Result.succeed(make(protocol, payload)) : Result.fail(lengthError)
}

/** Payload length check for the fixed-size protocols 1, 2, 3. */
const checkFixedLength = (protocol: Protocol, payload: Uint8Array): InvalidAddressLength | undefined => {
  const expected = protocol === AddressProtocol.BLS ? BLS_PUBLIC_KEY_LENGTH : PAYLOAD_HASH_LENGTH
  if (payload.length === expected) return undefined
  return new InvalidAddressLength({
    message: `protocol ${protocol} payload must be ${expected} bytes, got ${payload.length}`
  })
}

/** Splits `payload ‖ checksum` (at least the 4 checksum bytes). */
const splitChecksum = (
  data: Uint8Array
): Result.Result<{ payload: Uint8Array; checksum: Uint8Array }, InvalidAddressLength> => {
  if (data.length < CHECKSUM_LENGTH) {
    return Result.fail(
      new InvalidAddressLength({ message: `decoded address data is ${data.length} bytes, shorter than the checksum` })
    )
  }
  const cut = data.length - CHECKSUM_LENGTH
  return Result.succeed({ payload: data.subarray(0, cut), checksum: data.subarray(cut) })
}

/** Decimal id or namespace: 1..19 ASCII digits, value <= 2^63-1 (Go `strconv.ParseUint(s, 10, 63)`). */
const parseId = (
  digits: string,
  what: string
): Result.Result<bigint, InvalidAddressLength | InvalidAddressPayload> => {
  if (digits.length > MAX_ID_DIGITS) {
    return Result.fail(new InvalidAddressLength({ message: `${what} has ${digits.length} digits, at most ${MAX_ID_DIGITS}` }))
  }
  if (!/^[0-9]+$/.test(digits)) {
    return Result.fail(new InvalidAddressPayload({ message: `${what} ${JSON.stringify(digits)} is not a decimal number` }))
  }
  const value = BigInt(digits)
  if (value > MAX_ID) return Result.fail(new InvalidAddressPayload({ message: `${what} ${value} exceeds 2^63-1` }))
  return Result.succeed(value)
}

const base32Encode = (bytes: Uint8Array): string => base32.baseEncode(bytes)

/** Canonical lowercase RFC 4648 base32 without padding (go-address `base32decode`). */
const base32Decode = (text: string): Result.Result<Uint8Array, InvalidAddressString> => {
  let bytes: Uint8Array
  try {
    bytes = base32.baseDecode(text)
  } catch (e) {
    return Result.fail(
      new InvalidAddressString({ message: `invalid base32 ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}` })
    )
  }
  // re-encoding must give the input back (no padding, no non-zero trailing bits)
  if (base32Encode(bytes) !== text) {
    return Result.fail(new InvalidAddressString({ message: `non-canonical base32 ${JSON.stringify(text)}` }))
  }
  return Result.succeed(bytes)
}

