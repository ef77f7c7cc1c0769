/**
 * The canonical DAG-CBOR form of the vanilla seal proof, for vectors and files:
 *
 *     Sha256Opening      = [root: bytes32, leaf: bytes32, siblings: [bytes32 …]]
 *     ColumnProof        = [rows: [bytes32 …], opening: PoseidonOpening]
 *     LabelingProof      = [layer: uint, node: uint, parents: [bytes32 × 37]]
 *     SealChallengeProof = [commDOpening, commRLastOpening,
 *                           [challenge: ColumnProof, drgParents: [ColumnProof …], expParents: [ColumnProof …]],
 *                           labelingProofs: [LabelingProof …], encodingProof: LabelingProof]
 *     SealProof          = [proofId: uint, partitions: [[SealChallengeProof …] …]]
 *
 * (PoseidonOpening as in `src/proofs/_proofCbor.ts`.)  The fields follow the order of
 * storage-proofs-porep/src/stacked/vanilla/params.rs `Proof` @ storage-proofs-porep-v19.1.0
 * (comm_d_proofs, comm_r_last_proof, replica_column_proofs, labeling_proofs, encoding_proof);
 * upstream serialises them with serde for its own use only, so no byte form is shared with it.
 * Decoding checks the form only; `verifySeal` checks the rest.
 *
 * @module
 */
import { Result } from "effect"
import { type InvalidCborField, readTuple } from "../../impl/encoding/cbor.js"
import {
  _decode, _encode, _openingValue, _readIndex, _readList, _readNode, _readOpening, type ProofDecodeError
} from "../_proofCbor.js"
import type { ColumnProof, LabelingProof, SealChallengeProof, SealProof, Sha256Opening } from "./sealProof.js"

type Read<A> = (value: unknown, field: string) => Result.Result<A, InvalidCborField>

const sha256OpeningValue = (o: Sha256Opening): unknown => [o.root, o.leaf, o.siblings.map((s) => s)]
const columnValue = (c: ColumnProof): unknown => [c.rows.map((r) => r), _openingValue(c.opening)]
const labelingValue = (l: LabelingProof): unknown => [l.layer, l.node, l.parents.map((p) => p)]
const challengeValue = (p: SealChallengeProof): unknown => [
  sha256OpeningValue(p.commDOpening),
  _openingValue(p.commRLastOpening),
  [columnValue(p.columns.challenge), p.columns.drgParents.map(columnValue), p.columns.expParents.map(columnValue)],
  p.labelingProofs.map(labelingValue),
  labelingValue(p.encodingProof)
]

const readSha256Opening: Read<Sha256Opening> = (v, f) =>
  Result.flatMap(readTuple(v, 3, f), ([root, leaf, siblings]) =>
    Result.flatMap(_readNode(root, `${f}.root`), (r) =>
      Result.flatMap(_readNode(leaf, `${f}.leaf`), (l) =>
        Result.map(_readList(siblings, `${f}.siblings`, _readNode), (s) => ({ root: r, leaf: l, siblings: s })))))

const readColumn: Read<ColumnProof> = (v, f) =>
  Result.flatMap(readTuple(v, 2, f), ([rows, opening]) =>
    Result.flatMap(_readList(rows, `${f}.rows`, _readNode), (r) =>
      Result.map(_readOpening(opening, `${f}.opening`), (o) => ({ rows: r, opening: o }))))

const readLabeling: Read<LabelingProof> = (v, f) =>
  Result.flatMap(readTuple(v, 3, f), ([layer, node, parents]) =>
    Result.flatMap(_readIndex(layer, `${f}.layer`), (ly) =>
      Result.flatMap(_readIndex(node, `${f}.node`), (n) =>
        Result.map(_readList(parents, `${f}.parents`, _readNode), (p) => ({ layer: ly, node: n, parents: p })))))

const readColumns: Read<SealChallengeProof["columns"]> = (v, f) =>
  Result.flatMap(readTuple(v, 3, f), ([challenge, drg, exp]) =>
    Result.flatMap(readColumn(challenge, `${f}.challenge`), (c) =>
      Result.flatMap(_readList(drg, `${f}.drgParents`, readColumn), (d) =>
        Result.map(_readList(exp, `${f}.expParents`, readColumn), (e) => ({ challenge: c, drgParents: d, expParents: e })))))

const readChallenge: Read<SealChallengeProof> = (v, f) =>
  Result.flatMap(readTuple(v, 5, f), ([d, r, cols, labeling, encoding]) =>
    Result.flatMap(readSha256Opening(d, `${f}.commDOpening`), (commDOpening) =>
      Result.flatMap(_readOpening(r, `${f}.commRLastOpening`), (commRLastOpening) =>
        Result.flatMap(readColumns(cols, `${f}.columns`), (columns) =>
          Result.flatMap(_readList(labeling, `${f}.labelingProofs`, readLabeling), (labelingProofs) =>
            Result.map(readLabeling(encoding, `${f}.encodingProof`), (encodingProof) =>
              ({ commDOpening, commRLastOpening, columns, labelingProofs, encodingProof })))))))

const readSealProof: Read<SealProof> = (v, f) =>
  Result.flatMap(readTuple(v, 2, f), ([id, partitions]) =>
    Result.flatMap(_readIndex(id, `${f}.proofId`), (proofId) =>
      Result.map(_readList(partitions, `${f}.partitions`, (p, pf) => _readList(p, pf, readChallenge)), (parts) => ({ proofId, partitions: parts }))))

/**
 * The DAG-CBOR bytes of a vanilla seal proof.
 *
 * @example
 * decodeSealProof(encodeSealProof(proof)) // => Success(proof)
 * @category encoding
 */
export const encodeSealProof = (p: SealProof): Uint8Array =>
  _encode([p.proofId, p.partitions.map((part) => part.map(challengeValue))])

/**
 * A vanilla seal proof from its DAG-CBOR bytes, or why they are not one.
 *
 * @example
 * decodeSealProof(new Uint8Array([0x82, 0x05])) // => Failure(MalformedCbor { … })
 * @category encoding
 */
export const decodeSealProof = (bytes: Uint8Array): Result.Result<SealProof, ProofDecodeError> =>
  _decode(bytes, readSealProof, "SealProof")
