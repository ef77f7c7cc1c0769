/**
 * The canonical DAG-CBOR form of the vanilla PoSt proofs, for vectors and files:
 *
 *     SectorProof      = [commC: bytes32, commRLast: bytes32, openings: [PoseidonOpening …]]
 *     WindowPostProof  = [proofId: uint, partitions: [[SectorProof …] …]]
 *     WinningPostProof = [proofId: uint, sector: SectorProof]
 *
 * (PoseidonOpening as in `src/proofs/_proofCbor.ts`.)  rust-fil-proofs serialises its vanilla
 * proofs with serde/bincode (storage-proofs-post/src/fallback/vanilla.rs @ storage-proofs-post-v19.1.0,
 * `SectorProof` derives `Serialize`); that form is internal to the library and never on chain, so
 * this one follows the field order of those structs in Filecoin's tuple encoding instead.
 * Decoding checks the form only (32-byte nodes, integers); the verifiers check the rest.
 *
 * @module
 */
import { Result } from "effect"
import { type InvalidCborField, readTuple } from "../../impl/encoding/cbor.js"
import {
  _decode, _encode, _openingValue, _readIndex, _readList, _readNode, _readOpening, type ProofDecodeError
} from "../_proofCbor.js"
import type { SectorProof, WindowPostProof, WinningPostProof } from "./interface.js"

export type { ProofDecodeError } from "../_proofCbor.js"

const sectorProofValue = (s: SectorProof): unknown => [s.commC, s.commRLast, s.openings.map(_openingValue)]

const readSectorProof = (value: unknown, field: string): Result.Result<SectorProof, InvalidCborField> =>
  Result.flatMap(readTuple(value, 3, field), ([commC, commRLast, openings]) =>
    Result.flatMap(_readNode(commC, `${field}.commC`), (c) =>
      Result.flatMap(_readNode(commRLast, `${field}.commRLast`), (r) =>
        Result.map(_readList(openings, `${field}.openings`, _readOpening), (o) => ({ commC: c, commRLast: r, openings: o })))))

const readWindow = (value: unknown, field: string): Result.Result<WindowPostProof, InvalidCborField> =>
  Result.flatMap(readTuple(value, 2, field), ([id, partitions]) =>
    Result.flatMap(_readIndex(id, `${field}.proofId`), (proofId) =>
      Result.map(_readList(partitions, `${field}.partitions`, (v, f) => _readList(v, f, readSectorProof)), (p) => ({ proofId, partitions: p }))))

const readWinning = (value: unknown, field: string): Result.Result<WinningPostProof, InvalidCborField> =>
  Result.flatMap(readTuple(value, 2, field), ([id, sector]) =>
    Result.flatMap(_readIndex(id, `${field}.proofId`), (proofId) =>
      Result.map(readSectorProof(sector, `${field}.sector`), (s) => ({ proofId, sector: s }))))

/**
 * The DAG-CBOR bytes of a Window PoSt proof.
 *
 * @example
 * decodeWindowPostProof(encodeWindowPostProof(proof)) // => Success(proof)
 * @category encoding
 */
export const encodeWindowPostProof = (p: WindowPostProof): Uint8Array =>
  _encode([p.proofId, p.partitions.map((part) => part.map(sectorProofValue))])

/**
 * A Window PoSt proof from its DAG-CBOR bytes, or why they are not one.
 *
 * @example
 * decodeWindowPostProof(new Uint8Array([0x80])) // => Failure(InvalidCborField { field: "WindowPostProof", … })
 * @category encoding
 */
export const decodeWindowPostProof = (bytes: Uint8Array): Result.Result<WindowPostProof, ProofDecodeError> =>
  _decode(bytes, readWindow, "WindowPostProof")

/**
 * The DAG-CBOR bytes of a Winning PoSt proof.
 *
 * @example
 * decodeWinningPostProof(encodeWinningPostProof(proof)) // => Success(proof)
 * @category encoding
 */
export const encodeWinningPostProof = (p: WinningPostProof): Uint8Array => _encode([p.proofId, sectorProofValue(p.sector)])

/**
 * A Winning PoSt proof from its DAG-CBOR bytes, or why they are not one.
 *
 * @example
 * decodeWinningPostProof(new Uint8Array([0x82, 0x00])) // => Failure(InvalidCborField { … })
 * @category encoding
 */
export const decodeWinningPostProof = (bytes: Uint8Array): Result.Result<WinningPostProof, ProofDecodeError> =>
  _decode(bytes, readWinning, "WinningPostProof")
