/**
 * The storage deal on the wire: `DealLabel`, `DealProposal`, `ClientDealProposal`, their DAG-CBOR
 * tuple encodings, the proposal's CID and the client's signature over the proposal's bytes.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/deal.rs` @ v18.0.0:
 * - `DealProposal` (deal.rs:92-113) = 11-element array `[piece_cid, piece_size, verified_deal,
 *   client, provider, label, start_epoch, end_epoch, storage_price_per_epoch,
 *   provider_collateral, client_collateral]`: the piece CID as a CID (tag 42), the piece size a
 *   u64 (`PaddedPieceSize`), addresses as byte strings of their binary form, epochs i64, the three
 *   amounts BigInt bytes (`TokenAmount`, which may be negative on the wire: the sign is a publish
 *   check, deal.rs has none).
 * - `Label` (deal.rs:27-66) is an untagged union: a CBOR text string or a CBOR byte string, either
 *   of any length (the 256-byte limit, `DEAL_MAX_LABEL_SIZE` in `policy.rs`, is checked by
 *   PublishStorageDeals, not by the decoder); any other CBOR type fails to decode. A text label
 *   must be valid UTF-8 (Rust `String`; go-state-types v0.18.0 `builtin/v18/market/deal.go`
 *   `UnmarshalCBOR` rejects invalid UTF-8 likewise).
 * - `ClientDealProposal` (deal.rs:130-135) = `[proposal, client_signature]`, the signature as
 *   `[type] ‖ data` bytes. The client signs the proposal's DAG-CBOR bytes
 *   (`deal_proposal_is_internally_valid`, lib.rs:1690-1716: `AuthenticateMessage` with
 *   `message = serialize(proposal)`).
 * - The proposal's CID (`deal_cid` / `serialized_deal_cid`, lib.rs:1719-1733): CIDv1, codec DAG-CBOR, blake2b-256 of the
 *   proposal's bytes — the key of the market's pending-proposals set.
 *
 * Decoders never throw: any failure is a {@link MalformedParams} naming the field (exit code 21
 * USR_SERIALIZATION in the actor).
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { type Address, addressToBytes, readAddress } from "../../address/address.js"
import type { KeyPair } from "../../crypto/interface.js"
import { signBytes } from "../../crypto/keys.js"
import { decodeSignature, encodeSignature, type Signature } from "../../crypto/signature.js"
import {
  cidOfCbor, describeCbor, encodeCbor, I64_MAX, I64_MIN, InvalidCborField, readBool, readBytes, readInt, readTuple,
  readUint, U64_MAX
} from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { decodeParams, type MalformedParams } from "../params.js"

export { MalformedParams } from "../params.js"

// ---------------------------------------------------------------------------------------------
// types

/**
 * The client's label for a deal: text (a CBOR text string) or bytes (a CBOR byte string).
 *
 * @category models
 * @since 0.1.0
 */
export type DealLabel =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bytes"; readonly value: Uint8Array }

/**
 * A storage deal as the client proposes it (builtin-actors `DealProposal`).
 *
 * @category models
 * @since 0.1.0
 */
export interface DealProposal {
  /** The piece's commitment, a `baga…` CID (checked by PublishStorageDeals, not by the decoder). */
  readonly pieceCid: CID
  /** Padded piece size in bytes (u64). */
  readonly pieceSize: bigint
  /** Whether the deal uses DataCap (this market refuses verified deals, see index.ts). */
  readonly verifiedDeal: boolean
  /** Who pays. */
  readonly client: Address
  /** The storage provider (a miner actor). */
  readonly provider: Address
  /** Arbitrary client-chosen label. */
  readonly label: DealLabel
  /** Epoch by which the deal must be active and from which payment accrues (i64). */
  readonly startEpoch: bigint
  /** Epoch at which the deal ends (i64). */
  readonly endEpoch: bigint
  /** attoFIL per epoch the client pays the provider. */
  readonly storagePricePerEpoch: bigint
  /** attoFIL the provider locks, forfeited on early termination. */
  readonly providerCollateral: bigint
  /** attoFIL the client locks. */
  readonly clientCollateral: bigint
}

/**
 * A proposal with the client's signature over {@link dealProposalBytes}.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClientDealProposal {
  readonly proposal: DealProposal
  readonly clientSignature: Signature
}

// ---------------------------------------------------------------------------------------------
// DealLabel

/**
 * A text label.
 *
 * @example
 * labelFromString("hello") // => { kind: "string", value: "hello" }
 * @category constructors
 * @since 0.1.0
 */
export const labelFromString = (value: string): DealLabel => ({ kind: "string", value })

/**
 * A bytes label.
 *
 * @example
 * labelFromBytes(Uint8Array.of(0xca, 0xfe)) // => { kind: "bytes", value: Uint8Array [0xca, 0xfe] }
 * @category constructors
 * @since 0.1.0
 */
export const labelFromBytes = (value: Uint8Array): DealLabel => ({ kind: "bytes", value })

/** The empty label, an empty text string (go-state-types `EmptyDealLabel`). @since 0.1.0 */
export const EMPTY_LABEL: DealLabel = labelFromString("")

/**
 * The label's length in bytes (`Label::len`, deal.rs:68-74: the UTF-8 length of a text label).
 *
 * @example
 * labelLength(labelFromString("é")) // => 2
 * @category getters
 * @since 0.1.0
 */
export const labelLength = (label: DealLabel): number =>
  label.kind === "bytes" ? label.value.length : new TextEncoder().encode(label.value).length

// ---------------------------------------------------------------------------------------------
// DealProposal

/**
 * The proposal's duration, `end_epoch − start_epoch` (deal.rs:116-118).
 *
 * @example
 * dealDuration({ ...p, startEpoch: 10n, endEpoch: 30n }) // => 20n
 * @category getters
 * @since 0.1.0
 */
export const dealDuration = (p: DealProposal): bigint => p.endEpoch - p.startEpoch

/**
 * The client's total payment, `storage_price_per_epoch × duration` (deal.rs:119-121).
 *
 * @example
 * totalStorageFee({ ...p, storagePricePerEpoch: 3n, startEpoch: 10n, endEpoch: 30n }) // => 60n
 * @category getters
 * @since 0.1.0
 */
export const totalStorageFee = (p: DealProposal): bigint => p.storagePricePerEpoch * dealDuration(p)

/**
 * What the client must lock: its collateral plus the total fee (deal.rs:122-124).
 *
 * @category getters
 * @since 0.1.0
 */
export const clientBalanceRequirement = (p: DealProposal): bigint => p.clientCollateral + totalStorageFee(p)

/**
 * What the provider must lock: its collateral (deal.rs:125-127).
 *
 * @category getters
 * @since 0.1.0
 */
export const providerBalanceRequirement = (p: DealProposal): bigint => p.providerCollateral

/**
 * DAG-CBOR bytes of a proposal (11-element tuple) — also the bytes the client signs.
 *
 * @throws {RangeError} if a field is outside its wire type (u64 / i64 / 128-byte BigInt).
 * @example
 * toHex(dealProposalBytes(p)).slice(0, 2) // => "8b"
 * @category encoding
 * @since 0.1.0
 */
export const dealProposalBytes = (p: DealProposal): Uint8Array => encodeCbor(dealProposalTuple(p))

/**
 * CIDv1 (DAG-CBOR, blake2b-256) of the proposal's bytes (`deal_cid` / `serialized_deal_cid`, lib.rs:1719-1733).
 *
 * @example
 * dealProposalCid(p).code // => 0x71
 * @category encoding
 * @since 0.1.0
 */
export const dealProposalCid = (p: DealProposal): CID => cidOfCbor(dealProposalBytes(p))

/**
 * Parses a proposal's bytes.
 *
 * @example
 * decodeDealProposal(dealProposalBytes(p)) // => Success(p)
 * decodeDealProposal(fromHex("80"))        // => Failure(MalformedParams: DealProposal: expected array of 11 elements…)
 * @category decoding
 * @since 0.1.0
 */
export const decodeDealProposal = (bytes: Uint8Array): Result.Result<DealProposal, MalformedParams> =>
  decodeParams("DealProposal", bytes, (value) => readDealProposal(value, "DealProposal"))

/**
 * The client's signed proposal: `key` signs {@link dealProposalBytes}.
 *
 * @example
 * verifySignature(signDealProposal(key, p).clientSignature, key.address, dealProposalBytes(p)) // => true
 * @category signing
 * @since 0.1.0
 */
export const signDealProposal = (key: KeyPair, proposal: DealProposal): ClientDealProposal => ({
  proposal,
  clientSignature: signBytes(key, dealProposalBytes(proposal))
})

// ---------------------------------------------------------------------------------------------
// ClientDealProposal

/**
 * DAG-CBOR bytes of `[proposal, client_signature]` (the proposal nested as an array).
 *
 * @throws {RangeError} as {@link dealProposalBytes}.
 * @example
 * toHex(encodeClientDealProposal(cdp)).slice(0, 4) // => "828b"
 * @category encoding
 * @since 0.1.0
 */
export const encodeClientDealProposal = (cdp: ClientDealProposal): Uint8Array =>
  encodeCbor(clientDealProposalTuple(cdp))

/**
 * Parses a signed proposal's bytes.
 *
 * @example
 * decodeClientDealProposal(encodeClientDealProposal(cdp)) // => Success(cdp)
 * @category decoding
 * @since 0.1.0
 */
export const decodeClientDealProposal = (bytes: Uint8Array): Result.Result<ClientDealProposal, MalformedParams> =>
  decodeParams("ClientDealProposal", bytes, (value) => readClientDealProposal(value, "ClientDealProposal"))

/**
 * The CBOR value of a signed proposal, for params that nest it (PublishStorageDealsParams).
 *
 * @category encoding
 * @since 0.1.0
 */
export const clientDealProposalTuple = (cdp: ClientDealProposal): ReadonlyArray<unknown> => [
  dealProposalTuple(cdp.proposal),
  encodeSignature(cdp.clientSignature)
]

/**
 * Reads a nested `[proposal, client_signature]` at `path`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const readClientDealProposal = (value: unknown, path: string): Result.Result<ClientDealProposal, InvalidCborField> =>
  Result.gen(function* () {
    const [proposal, signature] = yield* readTuple(value, 2, path)
    return {
      proposal: yield* readDealProposal(proposal, `${path}.proposal`),
      clientSignature: yield* readSignature(signature, `${path}.client_signature`)
    }
  })

/**
 * The CBOR value of a proposal, for types that nest it.
 *
 * @throws {RangeError} as {@link dealProposalBytes}.
 * @category encoding
 * @since 0.1.0
 */
export const dealProposalTuple = (p: DealProposal): ReadonlyArray<unknown> => [
  p.pieceCid,
  u64(p.pieceSize, "pieceSize"),
  p.verifiedDeal,
  addressToBytes(p.client),
  addressToBytes(p.provider),
  p.label.value,
  i64(p.startEpoch, "startEpoch"),
  i64(p.endEpoch, "endEpoch"),
  encodeBigInt(p.storagePricePerEpoch),
  encodeBigInt(p.providerCollateral),
  encodeBigInt(p.clientCollateral)
]

/**
 * Reads the 11-element proposal tuple at `path`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const readDealProposal = (value: unknown, path: string): Result.Result<DealProposal, InvalidCborField> =>
  Result.gen(function* () {
    const t = yield* readTuple(value, 11, path)
    return {
      pieceCid: yield* readCid(t[0], `${path}.piece_cid`),
      pieceSize: yield* readUint(t[1], `${path}.piece_size`),
      verifiedDeal: yield* readBool(t[2], `${path}.verified_deal`),
      client: yield* readAddress(t[3], `${path}.client`),
      provider: yield* readAddress(t[4], `${path}.provider`),
      label: yield* readLabel(t[5], `${path}.label`),
      startEpoch: yield* readInt(t[6], `${path}.start_epoch`),
      endEpoch: yield* readInt(t[7], `${path}.end_epoch`),
      storagePricePerEpoch: yield* readBigInt(t[8], `${path}.storage_price_per_epoch`),
      providerCollateral: yield* readBigInt(t[9], `${path}.provider_collateral`),
      clientCollateral: yield* readBigInt(t[10], `${path}.client_collateral`)
    }
  })

/**
 * Reads a CID (CBOR tag 42).
 *
 * @example
 * readCid(new Uint8Array(3), "piece_cid") // => Failure(InvalidCborField: piece_cid: expected CID, got bytes(3))
 * @category decoding
 * @since 0.1.0
 */
export const readCid = (value: unknown, field: string): Result.Result<CID, InvalidCborField> => {
  const cid = CID.asCID(value)
  return cid === null ? invalid(field, "CID", value) : Result.succeed(cid)
}

/**
 * Reads a label: a text string or a byte string (deal.rs:46-56).
 *
 * @example
 * readLabel(5, "label") // => Failure(InvalidCborField: label: expected text or byte string, got uint 5)
 * @category decoding
 * @since 0.1.0
 */
export const readLabel = (value: unknown, field: string): Result.Result<DealLabel, InvalidCborField> => {
  if (typeof value === "string") return Result.succeed(labelFromString(value))
  if (value instanceof Uint8Array) return Result.succeed(labelFromBytes(value))
  return invalid(field, "text or byte string", value)
}

/**
 * Reads signature bytes `[type] ‖ data`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const readSignature = (value: unknown, field: string): Result.Result<Signature, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (bytes) =>
    Result.mapError(
      decodeSignature(bytes),
      (e) => new InvalidCborField({ field, expected: "signature bytes", message: `${field}: ${e.message}` })
    )
  )

// ---------------------------------------------------------------------------------------------
// internals

const invalid = (field: string, expected: string, value: unknown): Result.Result<never, InvalidCborField> =>
  Result.fail(
    new InvalidCborField({ field, expected, message: `${field}: expected ${expected}, got ${describeCbor(value)}` })
  )

const u64 = (x: bigint, field: string): bigint => {
  if (x < 0n || x > U64_MAX) throw new RangeError(`DealProposal.${field} = ${x} is not a u64`)
  return x
}

const i64 = (x: bigint, field: string): bigint => {
  if (x < I64_MIN || x > I64_MAX) throw new RangeError(`DealProposal.${field} = ${x} is not an i64`)
  return x
}
