/**
 * Payment-channel wire types: `SignedVoucher`, `ModVerifyParams`, `Merge`,
 * `UpdateChannelStateParams`, `ConstructorParams`, their DAG-CBOR tuple encodings, the voucher's
 * signing bytes and CID.
 *
 * Port of filecoin-project/builtin-actors `actors/paych/src/types.rs` and `state.rs` (`Merge`) @ v18.0.0
 * (the same at commit b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a):
 * - SignedVoucher = 11-element array `[channel_addr, time_lock_min, time_lock_max,
 *   secret_pre_image, extra, lane, nonce, amount, min_settle_height, merges, signature]`;
 *   addresses are byte strings of the binary form, `amount` is BigInt bytes, `signature` is
 *   `[type] ‖ data` bytes or `null`, `extra` is `null` or `[actor, method, data]`.
 * - Signing bytes = the same array with the signature slot `null` (Rust `signing_bytes`, whose
 *   helper struct has `signature: ()`; Lotus sets `Signature = nil` before marshalling).
 * - Integer widths: lane, nonce, merge lane/nonce and method are u64; time locks and
 *   min_settle_height are ChainEpoch = i64.
 *
 * Decoders never throw: any failure is a {@link MalformedParams} naming the field (exit code 21,
 * USR_SERIALIZATION, in the actor). Semantic limits (MAX_LANE, secret size, amount ≥ 0…) are the
 * actor's checks, not the decoder's.
 *
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, addressToBytes, readAddress } from "../../address/address.js"
import type { KeyPair } from "../../crypto/interface.js"
import { signBytes } from "../../crypto/keys.js"
import { decodeSignature, encodeSignature, type Signature } from "../../crypto/signature.js"
import {
  cidOfCbor, encodeCbor, I64_MAX, I64_MIN, InvalidCborField, readArray, readBytes, readInt,
  readNullable, readTuple, readUint, U64_MAX
} from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { decodeParams, MalformedParams } from "../params.js"

// ---------------------------------------------------------------------------------------------
// types

/**
 * Extra verification a voucher may require: call `method` on `actor` with `data` (must succeed).
 *
 * @category models
 * @since 0.1.0
 */
export interface ModVerifyParams {
  readonly actor: Address
  /** MethodNum, u64. */
  readonly method: bigint
  /** Raw CBOR params for the call. */
  readonly data: Uint8Array
}

/**
 * A lane merged into the voucher's lane: the merged lane's nonce becomes `nonce`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Merge {
  /** u64 */
  readonly lane: bigint
  /** u64 */
  readonly nonce: bigint
}

/**
 * A voucher sent by `from` to `to` off chain, redeemable on chain by `to`.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignedVoucher {
  /** The payment channel this voucher is for. */
  readonly channelAddr: Address
  /** Epoch before which the voucher cannot be redeemed (i64). */
  readonly timeLockMin: bigint
  /** Epoch after which it cannot be redeemed; 0 = no expiry (i64). */
  readonly timeLockMax: bigint
  /** blake2b-256 hash the redeemer's secret must match; empty = none. */
  readonly secretPreImage: Uint8Array
  /** Optional extra verification call. */
  readonly extra: ModVerifyParams | null
  /** Lane the voucher redeems on (u64). */
  readonly lane: bigint
  /** Strictly increasing per lane (u64). */
  readonly nonce: bigint
  /** Cumulative amount redeemable on the lane, attoFIL. */
  readonly amount: bigint
  /** Floor for the channel's settling epoch; 0 = none (i64). */
  readonly minSettleHeight: bigint
  /** Lanes merged into `lane`. */
  readonly merges: ReadonlyArray<Merge>
  /** The payer's signature over {@link voucherSigningBytes}, or `null`. */
  readonly signature: Signature | null
}

/**
 * Params of `UpdateChannelState` (method 2): the voucher and the hash-lock secret.
 *
 * @category models
 * @since 0.1.0
 */
export interface UpdateChannelStateParams {
  readonly sv: SignedVoucher
  /** Pre-image of `sv.secretPreImage` (empty if none). */
  readonly secret: Uint8Array
}

/**
 * Params of the payment channel's constructor (method 1).
 *
 * @category models
 * @since 0.1.0
 */
export interface ConstructorParams {
  /** Payer. */
  readonly from: Address
  /** Payee. */
  readonly to: Address
}

export { MalformedParams }

// ---------------------------------------------------------------------------------------------
// SignedVoucher

/**
 * DAG-CBOR bytes of a voucher (11-element tuple).
 *
 * @throws {RangeError} if a field is outside its wire type (u64 / i64 / 128-byte BigInt).
 * @example
 * toHex(encodeSignedVoucher(sv)).slice(0, 2) // => "8b"
 * @category encoding
 * @since 0.1.0
 */
export const encodeSignedVoucher = (sv: SignedVoucher): Uint8Array => encodeCbor(voucherTuple(sv, true))

/**
 * The bytes the payer signs: the voucher tuple with the signature slot `null`.
 *
 * @throws {RangeError} as {@link encodeSignedVoucher}.
 * @example
 * toHex(voucherSigningBytes(sv)).endsWith("f6") // => true
 * @category encoding
 * @since 0.1.0
 */
export const voucherSigningBytes = (sv: SignedVoucher): Uint8Array => encodeCbor(voucherTuple(sv, false))

/**
 * CIDv1 (DAG-CBOR, blake2b-256) of the encoded voucher, signature included.
 *
 * @example
 * voucherCid(sv).code // => 0x71
 * @category encoding
 * @since 0.1.0
 */
export const voucherCid = (sv: SignedVoucher): CID => cidOfCbor(encodeSignedVoucher(sv))

/**
 * Parses voucher bytes.
 *
 * @example
 * decodeSignedVoucher(encodeSignedVoucher(sv)) // => Success(sv)
 * decodeSignedVoucher(fromHex("8a…"))          // => Failure(MalformedParams: SignedVoucher: expected array of 11 elements…)
 * @category decoding
 * @since 0.1.0
 */
export const decodeSignedVoucher = (bytes: Uint8Array): Result.Result<SignedVoucher, MalformedParams> =>
  decodeWith("SignedVoucher", bytes, (value) => readSignedVoucher(value, "SignedVoucher"))

/**
 * The voucher with `signature` set to the key's signature over {@link voucherSigningBytes}.
 *
 * @example
 * verifySignature(signVoucher(key, sv).signature!, key.address, voucherSigningBytes(sv)) // => true
 * @category signing
 * @since 0.1.0
 */
export const signVoucher = (key: KeyPair, sv: SignedVoucher): SignedVoucher => ({
  ...sv,
  signature: signBytes(key, voucherSigningBytes(sv))
})

// ---------------------------------------------------------------------------------------------
// UpdateChannelStateParams, ConstructorParams

/**
 * DAG-CBOR bytes of `[sv, secret]` (the voucher nested as an array, not as bytes).
 *
 * @throws {RangeError} as {@link encodeSignedVoucher}.
 * @example
 * toHex(encodeUpdateChannelStateParams({ sv, secret: new Uint8Array(0) })).slice(0, 4) // => "828b"
 * @category encoding
 * @since 0.1.0
 */
export const encodeUpdateChannelStateParams = (params: UpdateChannelStateParams): Uint8Array =>
  encodeCbor([voucherTuple(params.sv, true), params.secret])

/**
 * Parses `UpdateChannelState` params.
 *
 * @example
 * decodeUpdateChannelStateParams(encodeUpdateChannelStateParams(p)) // => Success(p)
 * @category decoding
 * @since 0.1.0
 */
export const decodeUpdateChannelStateParams = (
  bytes: Uint8Array
): Result.Result<UpdateChannelStateParams, MalformedParams> =>
  decodeWith("UpdateChannelStateParams", bytes, (value) =>
    Result.gen(function* () {
      const [sv, secret] = yield* readTuple(value, 2, "UpdateChannelStateParams")
      return {
        sv: yield* readSignedVoucher(sv, "UpdateChannelStateParams.sv"),
        secret: yield* readBytes(secret, "UpdateChannelStateParams.secret")
      }
    })
  )

/**
 * DAG-CBOR bytes of `[from, to]`.
 *
 * @example
 * toHex(encodeConstructorParams({ from: idAddress(100n), to: idAddress(101n) })) // => "82420064420065"
 * @category encoding
 * @since 0.1.0
 */
export const encodeConstructorParams = (params: ConstructorParams): Uint8Array =>
  encodeCbor([addressToBytes(params.from), addressToBytes(params.to)])

/**
 * Parses constructor params.
 *
 * @example
 * decodeConstructorParams(encodeConstructorParams(p)) // => Success(p)
 * @category decoding
 * @since 0.1.0
 */
export const decodeConstructorParams = (bytes: Uint8Array): Result.Result<ConstructorParams, MalformedParams> =>
  decodeWith("ConstructorParams", bytes, (value) =>
    Result.gen(function* () {
      const [from, to] = yield* readTuple(value, 2, "ConstructorParams")
      return {
        from: yield* readAddress(from, "ConstructorParams.from"),
        to: yield* readAddress(to, "ConstructorParams.to")
      }
    })
  )

// ---------------------------------------------------------------------------------------------
// internals

/** The voucher as a CBOR tuple value; `withSignature = false` puts `null` in the signature slot. */
const voucherTuple = (sv: SignedVoucher, withSignature: boolean): ReadonlyArray<unknown> => [
  addressToBytes(sv.channelAddr),
  i64(sv.timeLockMin, "timeLockMin"),
  i64(sv.timeLockMax, "timeLockMax"),
  sv.secretPreImage,
  sv.extra === null ? null : [addressToBytes(sv.extra.actor), u64(sv.extra.method, "extra.method"), sv.extra.data],
  u64(sv.lane, "lane"),
  u64(sv.nonce, "nonce"),
  encodeBigInt(sv.amount),
  i64(sv.minSettleHeight, "minSettleHeight"),
  sv.merges.map((m, i) => [u64(m.lane, `merges[${i}].lane`), u64(m.nonce, `merges[${i}].nonce`)]),
  withSignature && sv.signature !== null ? encodeSignature(sv.signature) : null
]

const u64 = (x: bigint, field: string): bigint => {
  if (x < 0n || x > U64_MAX) throw new RangeError(`SignedVoucher.${field} = ${x} is not a u64`)
  return x
}

const i64 = (x: bigint, field: string): bigint => {
  if (x < I64_MIN || x > I64_MAX) throw new RangeError(`SignedVoucher.${field} = ${x} is not an i64`)
  return x
}

/** decodeCbor then `read`, every failure mapped to MalformedParams. */
const decodeWith = decodeParams

/** Reads the 11-element voucher tuple at `path`. */
const readSignedVoucher = (value: unknown, path: string): Result.Result<SignedVoucher, InvalidCborField> =>
  Result.gen(function* () {
    const t = yield* readTuple(value, 11, path)
    const channelAddr = yield* readAddress(t[0], `${path}.channelAddr`)
    const timeLockMin = yield* readInt(t[1], `${path}.timeLockMin`)
    const timeLockMax = yield* readInt(t[2], `${path}.timeLockMax`)
    const secretPreImage = yield* readBytes(t[3], `${path}.secretPreImage`)
    const extra = yield* readNullable(t[4], `${path}.extra`, readModVerifyParams)
    const lane = yield* readUint(t[5], `${path}.lane`)
    const nonce = yield* readUint(t[6], `${path}.nonce`)
    const amount = yield* readBigInt(t[7], `${path}.amount`)
    const minSettleHeight = yield* readInt(t[8], `${path}.minSettleHeight`)
    const mergeValues = yield* readArray(t[9], `${path}.merges`)
    const merges: Array<Merge> = []
    for (const [i, m] of mergeValues.entries()) merges.push(yield* readMerge(m, `${path}.merges[${i}]`))
    const signature = yield* readNullable(t[10], `${path}.signature`, readSignature)
    return {
      channelAddr, timeLockMin, timeLockMax, secretPreImage, extra, lane, nonce, amount, minSettleHeight, merges,
      signature
    }
  })

const readModVerifyParams = (value: unknown, path: string): Result.Result<ModVerifyParams, InvalidCborField> =>
  Result.gen(function* () {
    const [actor, method, data] = yield* readTuple(value, 3, path)
    return {
      actor: yield* readAddress(actor, `${path}.actor`),
      method: yield* readUint(method, `${path}.method`),
      data: yield* readBytes(data, `${path}.data`)
    }
  })

const readMerge = (value: unknown, path: string): Result.Result<Merge, InvalidCborField> =>
  Result.gen(function* () {
    const [lane, nonce] = yield* readTuple(value, 2, path)
    return { lane: yield* readUint(lane, `${path}.lane`), nonce: yield* readUint(nonce, `${path}.nonce`) }
  })

const readSignature = (value: unknown, field: string): Result.Result<Signature, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (bytes) =>
    Result.mapError(
      decodeSignature(bytes),
      (e) => new InvalidCborField({ field, expected: "signature bytes", message: `${field}: ${e.message}` })
    )
  )
