/**
 * Sealed CIDs: the CID form of a replica commitment CommR, as the chain carries it in
 * `SectorPreCommitInfo.SealedCID`.
 *
 * CIDv1, codec fil-commitment-sealed (0xf102; varint `82 e2 03`), multihash
 * poseidon-bls12_381-a2-fc1 (0xb401; varint `81 e8 02`) whose digest is the 32-byte CommR.
 * Bytes `01 82e203 81e802 20 <CommR>`; base32 strings start "bagboea4b5abc".
 *
 * Sources: filecoin-project/go-fil-commcid `commcid.go` @ v0.3.1 (`ReplicaCommitmentV1ToCID`,
 * `CIDToReplicaCommitmentV1`, `validateFilecoinCidSegments`: the codec must be fil-commitment-sealed,
 * the multihash poseidon-bls12_381-a2-fc1 — go-multihash names it `POSEIDON_BLS12_381_A1_FC1` —
 * and the commitment 32 bytes); multiformats/multicodec `table.csv` for the code numbers. Like
 * go-fil-commcid, the digest is not checked to be a canonical field element.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { CID } from "multiformats/cid"
import { create as createDigest } from "multiformats/hashes/digest"
import type { Node } from "./interface.js"
import { NODE_SIZE } from "./node.js"
import { InvalidCommitmentLength, type InvalidPieceCidEncoding, toCid } from "./piececid.js"

/** Multicodec fil-commitment-sealed: 0xf102 (= 61698; varint `82 e2 03`). @since 0.1.0 */
export const FIL_COMMITMENT_SEALED = 0xf102
/** Multihash poseidon-bls12_381-a2-fc1: 0xb401 (= 46081; varint `81 e8 02`). @since 0.1.0 */
export const POSEIDON_BLS12_381_A2_FC1 = 0xb401

/**
 * A CID that is not v1 with codec fil-commitment-sealed.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnexpectedSealedCidCodec extends Data.TaggedError("UnexpectedSealedCidCodec")<{
  readonly version: number
  readonly codec: number
}> {}

/**
 * A fil-commitment-sealed CID whose multihash is not poseidon-bls12_381-a2-fc1.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnexpectedSealedCidMultihash extends Data.TaggedError("UnexpectedSealedCidMultihash")<{
  readonly multihash: number
}> {}

/**
 * A sealed CID whose digest is not 32 bytes.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSealedCidDigest extends Data.TaggedError("InvalidSealedCidDigest")<{
  readonly length: number
}> {}

/**
 * Every way a sealed CID can be rejected.
 *
 * @category errors
 * @since 0.1.0
 */
export type SealedCidError =
  | InvalidPieceCidEncoding | UnexpectedSealedCidCodec | UnexpectedSealedCidMultihash | InvalidSealedCidDigest

/**
 * The sealed CID of a replica commitment (go-fil-commcid `ReplicaCommitmentV1ToCID`).
 *
 * @example
 * replicaCommitmentV1ToCID(commR) // => Success(CID bagboea4b5abc…)
 * replicaCommitmentV1ToCID(new Uint8Array(31)) // => Failure(InvalidCommitmentLength)
 * @category sealed CIDs
 * @since 0.1.0
 */
export const replicaCommitmentV1ToCID = (commR: Node): Result.Result<CID, InvalidCommitmentLength> => {
  // the commitment is 32 bytes
  if (commR.length !== NODE_SIZE) return Result.fail(new InvalidCommitmentLength({ length: commR.length }))
  return Result.succeed(CID.createV1(FIL_COMMITMENT_SEALED, createDigest(POSEIDON_BLS12_381_A2_FC1, commR.slice())))
}

/**
 * The CommR in a sealed CID (a `CID`, its string, or its bytes), checking version, codec,
 * multihash and digest length (go-fil-commcid `CIDToReplicaCommitmentV1`).
 *
 * @example
 * cidToReplicaCommitmentV1("bagboea4b5abc…") // => Success(32-byte CommR)
 * cidToReplicaCommitmentV1("baga6ea4seaq…")  // => Failure(UnexpectedSealedCidCodec)
 * @category sealed CIDs
 * @since 0.1.0
 */
export const cidToReplicaCommitmentV1 = (input: CID | string | Uint8Array): Result.Result<Node, SealedCidError> =>
  Result.flatMap(toCid(input), (cid): Result.Result<Node, SealedCidError> => {
    // a CIDv1 with codec fil-commitment-sealed
    if (cid.version !== 1 || cid.code !== FIL_COMMITMENT_SEALED) {
      return Result.fail(new UnexpectedSealedCidCodec({ version: cid.version, codec: cid.code }))
    }
    // multihash poseidon-bls12_381-a2-fc1
    if (cid.multihash.code !== POSEIDON_BLS12_381_A2_FC1) {
      return Result.fail(new UnexpectedSealedCidMultihash({ multihash: cid.multihash.code }))
    }
    // a 32-byte digest
    const digest = cid.multihash.digest
    if (digest.length !== NODE_SIZE) return Result.fail(new InvalidSealedCidDigest({ length: digest.length }))
    return Result.succeed(digest.slice())
  })
