/**
 * Piece CIDs: the v1 form the chain uses and the FRC-0069 v2 form that carries the size.
 *
 * - **v1** (filecoin-project/ref-fvm shared/src/commcid/mod.rs @ fvm_shared@v4.8.2): CIDv1,
 *   codec fil-commitment-unsealed (0xf101), multihash
 *   sha2-256-trunc254-padded (0x1012) with the 32-byte CommP as digest. Bytes
 *   `01 81e203 9220 20 <CommP>`; base32 strings start "baga6ea4seaq". CommD uses the same form.
 * - **v2** (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7): CIDv1,
 *   codec raw (0x55), multihash
 *   fr32-sha256-trunc254-padbintree (0x1011) whose digest is
 *   `uvarint(padding) ‖ uint8(height) ‖ root (32 bytes)`.
 *
 * FRC-0069 sets **no minimum payload**: "If the data is < 127 bytes then it is padded to 127
 * bytes", and its test cases define the 0-byte payload (padding 127, height 2). So every payload
 * size has a v2 CID here. The FRC's one constraint on the digest is that the padding "must be
 * less than the size of the underlying data (with the exception of data less than 127 bytes
 * which is always padded up to 127 bytes)": at height 2 the padding is 0 … 127; above, it is
 * less than half the tree's unpadded size, i.e. the height is the smallest that holds the
 * payload. A digest breaking that rule is rejected ({@link InvalidPieceCidPadding}): it would
 * give one payload several CIDs. Heights run 2 … 58 (piece sizes 128 B … 2^63 B, the chain's
 * `uint64`). Other implementations differ on small payloads: go-fil-commcid
 * (`DataCommitmentToPieceCidv2`) refuses payloads under 127 bytes and its parser padding ≥ half
 * the tree even at height 2; go-fil-commp-hashhash refuses payloads under 65 bytes
 * (`MinPiecePayload`); `@web3-storage/data-segment` accepts every size, as the FRC does.
 *
 * Sources: FIPs `FRCs/frc-0069.md`; go-fil-commcid `commcid.go`; multicodec table.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { bases } from "multiformats/basics"
import type { MultibaseDecoder } from "multiformats/bases/interface"
import { CID } from "multiformats/cid"
import { create as createDigest } from "multiformats/hashes/digest"
import { decodeUvarint, encodeUvarint } from "./uvarint.js"
import type { Node, PaddedPieceSize } from "./interface.js"
import { NODE_SIZE } from "./node.js"
import {
  type InvalidPayloadSize, MAX_PIECE_HEIGHT, MIN_PIECE_HEIGHT, pieceSizeOfHeight, pieceSizeOfPayload, toUnpadded,
  treeHeight
} from "./piece.js"

/** Multicodec fil-commitment-unsealed: 0xf101 (= 61697; varint `81 e2 03`). @since 0.1.0 */
export const FIL_COMMITMENT_UNSEALED = 0xf101
/** Multihash sha2-256-trunc254-padded: 0x1012 (= 4114; varint `92 20`). @since 0.1.0 */
export const SHA2_256_TRUNC254_PADDED = 0x1012
/** Multicodec raw: 0x55 (= 85). @since 0.1.0 */
export const RAW = 0x55
/** Multihash fr32-sha256-trunc254-padbintree (FRC-0069): 0x1011 (= 4113; varint `91 20`). @since 0.1.0 */
export const FR32_SHA256_TRUNC254_PADBINTREE = 0x1011

/** A decoder for every multibase multiformats knows ("b" base32, "f" base16, "z" base58btc, …). */
const byPrefix = new Map<string, MultibaseDecoder<string>>(Object.values(bases).map((b) => [b.prefix, b.decoder]))
const anyBase: MultibaseDecoder<string> = {
  decode: (text) => {
    const decoder = byPrefix.get(String.fromCodePoint(text.codePointAt(0) ?? 0))
    if (decoder === undefined) throw new Error(`unknown multibase prefix in ${JSON.stringify(text.slice(0, 8))}`)
    return decoder.decode(text)
  }
}

// ---------------------------------------------------------------------------------------------
// errors

/**
 * A commitment that is not 32 bytes.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCommitmentLength extends Data.TaggedError("InvalidCommitmentLength")<{
  readonly length: number
}> {}

/**
 * Text or bytes that are not a CID.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceCidEncoding extends Data.TaggedError("InvalidPieceCidEncoding")<{
  readonly reason: string
}> {}

/**
 * A CID whose codec is neither fil-commitment-unsealed (v1) nor raw (v2), or not the one expected.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnexpectedPieceCidCodec extends Data.TaggedError("UnexpectedPieceCidCodec")<{
  readonly codec: number
  readonly expected: ReadonlyArray<number>
}> {}

/**
 * A multihash that does not go with the codec (0x1012 with 0xf101, 0x1011 with 0x55).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnexpectedPieceCidMultihash extends Data.TaggedError("UnexpectedPieceCidMultihash")<{
  readonly codec: number
  readonly multihash: number
}> {}

/**
 * A digest of the wrong length (v1: 32 bytes; v2: padding varint + 33) or with a bad varint.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceCidDigest extends Data.TaggedError("InvalidPieceCidDigest")<{
  readonly length: number
  readonly reason: string
}> {}

/**
 * A v2 tree height outside 2 … 58.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceCidHeight extends Data.TaggedError("InvalidPieceCidHeight")<{
  readonly height: number
}> {}

/**
 * A v2 padding not allowed at its height (FRC-0069: less than the payload, or ≤ 127 at height 2).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidPieceCidPadding extends Data.TaggedError("InvalidPieceCidPadding")<{
  readonly padding: bigint
  readonly height: number
}> {}

/**
 * Every way a piece CID can be rejected.
 *
 * @category errors
 * @since 0.1.0
 */
export type PieceCidError =
  | InvalidCommitmentLength | InvalidPieceCidEncoding | UnexpectedPieceCidCodec | UnexpectedPieceCidMultihash
  | InvalidPieceCidDigest | InvalidPieceCidHeight | InvalidPieceCidPadding

/**
 * A parsed piece CID.
 *
 * @category models
 * @since 0.1.0
 */
export type PieceCidInfo =
  | { readonly format: "v1", readonly cid: CID, readonly commP: Node }
  | {
    readonly format: "v2", readonly cid: CID, readonly commP: Node, readonly height: number,
    readonly pieceSize: PaddedPieceSize, readonly padding: bigint, readonly payloadSize: bigint
  }

/**
 * A v1 piece CID with the sizes a v2 CID carries.
 *
 * @category models
 * @since 0.1.0
 */
export interface PieceCidV1AndSize {
  readonly cid: CID
  readonly pieceSize: PaddedPieceSize
  readonly padding: bigint
  readonly payloadSize: bigint
}

// ---------------------------------------------------------------------------------------------
// v1

/**
 * The v1 CID of a piece commitment (go-fil-commcid `PieceCommitmentV1ToCID`).
 *
 * @example
 * Result.getOrThrow(pieceCommitmentV1ToCID(commP)).toString()
 * // => "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi" (FRC-0069 vector)
 * @category piece CIDs
 * @since 0.1.0
 */
export const pieceCommitmentV1ToCID = (commP: Node): Result.Result<CID, InvalidCommitmentLength> => {
  // the commitment is 32 bytes
  if (commP.length !== NODE_SIZE) return Result.fail(new InvalidCommitmentLength({ length: commP.length }))
  return Result.succeed(CID.createV1(FIL_COMMITMENT_UNSEALED, createDigest(SHA2_256_TRUNC254_PADDED, commP.slice())))
}

/**
 * The CID of an unsealed sector commitment CommD — the same form as a v1 piece CID
 * (go-fil-commcid `DataCommitmentV1ToCID`).
 *
 * @example
 * dataCommitmentV1ToCID(commD) // => Success(CID baga6ea4seaq…)
 * @category piece CIDs
 * @since 0.1.0
 */
export const dataCommitmentV1ToCID = pieceCommitmentV1ToCID

/**
 * The commitment in a v1 piece CID (go-fil-commcid `CIDToPieceCommitmentV1`).
 *
 * @example
 * cidToPieceCommitmentV1("baga6ea4seaq…") // => Success(32-byte CommP)
 * cidToPieceCommitmentV1("bafkzcib…")     // => Failure(UnexpectedPieceCidCodec)
 * @category piece CIDs
 * @since 0.1.0
 */
export const cidToPieceCommitmentV1 = (cid: CID | string | Uint8Array): Result.Result<Node, PieceCidError> =>
  Result.flatMap(parsePieceCid(cid), (info) =>
    info.format === "v1"
      ? Result.succeed(info.commP)
      : Result.fail(new UnexpectedPieceCidCodec({ codec: RAW, expected: [FIL_COMMITMENT_UNSEALED] })))

// ---------------------------------------------------------------------------------------------
// v2

/** Checks a v2 (padding, height) pair against FRC-0069; returns the piece size. */
const checkV2 = (
  padding: bigint, height: number
): Result.Result<PaddedPieceSize, InvalidPieceCidHeight | InvalidPieceCidPadding> => {
  // the height is 2 … 58
  const size = pieceSizeOfHeight(height)
  if (Result.isFailure(size)) return Result.fail(new InvalidPieceCidHeight({ height }))
  const unpadded = toUnpadded(size.success)
  // the padding is below the payload (height > 2), or at most the whole 127-byte block (height 2)
  const allowed = height === MIN_PIECE_HEIGHT ? padding <= unpadded : 2n * padding < unpadded
  if (padding < 0n || !allowed) return Result.fail(new InvalidPieceCidPadding({ padding, height }))
  return Result.succeed(size.success)
}

const v2Cid = (commP: Node, padding: bigint, height: number): CID => {
  const pad = encodeUvarint(padding)
  const digest = new Uint8Array(pad.length + 1 + NODE_SIZE)
  digest.set(pad, 0)
  digest[pad.length] = height
  digest.set(commP, pad.length + 1)
  return CID.createV1(RAW, createDigest(FR32_SHA256_TRUNC254_PADBINTREE, digest))
}

/**
 * The v2 piece CID of a payload of `payloadSize` bytes whose CommP is `commP`: the height and
 * padding follow from the size (go-fil-commcid `DataCommitmentToPieceCidv2`, without its
 * 127-byte minimum — see the module comment).
 *
 * @example
 * Result.getOrThrow(pieceCidV2(commP, 508)).toString()
 * // => "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi" (FRC-0069 vector)
 * @category piece CIDs
 * @since 0.1.0
 */
export const pieceCidV2 = (
  commP: Node, payloadSize: bigint | number
): Result.Result<CID, InvalidCommitmentLength | InvalidPayloadSize> => {
  // the commitment is 32 bytes
  if (commP.length !== NODE_SIZE) return Result.fail(new InvalidCommitmentLength({ length: commP.length }))
  // the payload size fits a piece
  return Result.map(pieceSizeOfPayload(payloadSize), (size) =>
    v2Cid(commP, toUnpadded(size) - BigInt(payloadSize), treeHeight(size)))
}

/**
 * The v2 CID of the tuple (v1 piece CID, piece size) that FRC-0069 converts, with the payload's
 * `padding` (default 0: the whole piece is payload, as the chain sees it).
 *
 * @example
 * pieceCidV2FromV1(v1, 512n) // => Success(bafkzcibcaaces3nob…)
 * @category piece CIDs
 * @since 0.1.0
 */
export const pieceCidV2FromV1 = (
  v1: CID | string | Uint8Array, pieceSize: PaddedPieceSize, padding: bigint = 0n
): Result.Result<CID, PieceCidError> =>
  Result.flatMap(cidToPieceCommitmentV1(v1), (commP) => {
    const height = treeHeight(pieceSize)
    return Result.map(checkV2(padding, height), () => v2Cid(commP, padding, height))
  })

/**
 * The v1 piece CID and sizes carried by a v2 piece CID (go-fil-commcid `PieceCidV1FromV2`).
 *
 * @example
 * pieceCidV1FromV2("bafkzcibcaaces3nob…")
 * // => Success({ cid: baga6ea4seaqes3nob…, pieceSize: 512n, padding: 0n, payloadSize: 508n })
 * @category piece CIDs
 * @since 0.1.0
 */
export const pieceCidV1FromV2 = (
  v2: CID | string | Uint8Array
): Result.Result<PieceCidV1AndSize, PieceCidError> =>
  Result.flatMap(parsePieceCid(v2), (info): Result.Result<PieceCidV1AndSize, PieceCidError> =>
    info.format === "v2"
      ? Result.map(pieceCommitmentV1ToCID(info.commP), (cid) =>
        ({ cid, pieceSize: info.pieceSize, padding: info.padding, payloadSize: info.payloadSize }))
      : Result.fail(new UnexpectedPieceCidCodec({ codec: FIL_COMMITMENT_UNSEALED, expected: [RAW] })))

// ---------------------------------------------------------------------------------------------
// parsing

/**
 * A commitment CID given as a `CID`, its string in any multibase, or its bytes (shared with
 * ./sealedCid.ts); anything that does not parse is {@link InvalidPieceCidEncoding}.
 */
export const toCid = (input: CID | string | Uint8Array): Result.Result<CID, InvalidPieceCidEncoding> => {
  if (input instanceof CID) return Result.succeed(input)
  try {
    return Result.succeed(typeof input === "string" ? CID.parse(input, anyBase) : CID.decode(input))
  } catch (e) {
    return Result.fail(new InvalidPieceCidEncoding({ reason: e instanceof Error ? e.message : String(e) }))
  }
}

/**
 * Parses a v1 or v2 piece CID (a `CID`, its string in any multibase, or its bytes), checking
 * codec, multihash, digest length and, for v2, height and padding.
 *
 * @example
 * parsePieceCid("baga6ea4seaqes3nob…") // => Success({ format: "v1", commP })
 * parsePieceCid("bafkzcibcaaces3nob…") // => Success({ format: "v2", height: 4, padding: 0n, … })
 * parsePieceCid("bafybei…")             // => Failure(UnexpectedPieceCidCodec)
 * @category piece CIDs
 * @since 0.1.0
 */
export const parsePieceCid = (input: CID | string | Uint8Array): Result.Result<PieceCidInfo, PieceCidError> =>
  Result.flatMap(toCid(input), (cid): Result.Result<PieceCidInfo, PieceCidError> => {
    const codec = cid.code
    const multihash = cid.multihash.code
    const digest = cid.multihash.digest
    // a CIDv1 with codec fil-commitment-unsealed or raw
    if (cid.version !== 1 || (codec !== FIL_COMMITMENT_UNSEALED && codec !== RAW)) {
      return Result.fail(new UnexpectedPieceCidCodec({ codec, expected: [FIL_COMMITMENT_UNSEALED, RAW] }))
    }
    if (codec === FIL_COMMITMENT_UNSEALED) {
      // v1: multihash sha2-256-trunc254-padded
      if (multihash !== SHA2_256_TRUNC254_PADDED) return Result.fail(new UnexpectedPieceCidMultihash({ codec, multihash }))
      // v1: a 32-byte digest
      if (digest.length !== NODE_SIZE) {
        return Result.fail(new InvalidPieceCidDigest({ length: digest.length, reason: "expected 32 bytes" }))
      }
      return Result.succeed({ format: "v1", cid, commP: digest.slice() })
    }
    // v2: multihash fr32-sha256-trunc254-padbintree
    if (multihash !== FR32_SHA256_TRUNC254_PADBINTREE) return Result.fail(new UnexpectedPieceCidMultihash({ codec, multihash }))
    // v2: uvarint(padding) ‖ height ‖ 32-byte root, nothing more
    const pad = decodeUvarint(digest, 0)
    if ("error" in pad) return Result.fail(new InvalidPieceCidDigest({ length: digest.length, reason: pad.error }))
    if (digest.length !== pad.length + 1 + NODE_SIZE) {
      return Result.fail(new InvalidPieceCidDigest({ length: digest.length, reason: `expected ${pad.length + 1 + NODE_SIZE} bytes` }))
    }
    const height = digest[pad.length]!
    return Result.map(checkV2(pad.value, height), (pieceSize) => ({
      format: "v2" as const, cid, commP: digest.slice(pad.length + 1), height, pieceSize,
      padding: pad.value, payloadSize: toUnpadded(pieceSize) - pad.value
    }))
  })

/** Largest v2 tree height: 58 (= {@link MAX_PIECE_HEIGHT}). @since 0.1.0 */
export const MAX_PIECE_CID_HEIGHT = MAX_PIECE_HEIGHT
