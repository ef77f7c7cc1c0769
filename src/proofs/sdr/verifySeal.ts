/**
 * Verifying a vanilla seal proof (storage-proofs-porep/src/stacked/vanilla/proof_scheme.rs
 * `verify_all_partitions` and params.rs `Proof::verify` @ storage-proofs-porep-v19.1.0).
 *
 * For the public inputs (seal proof, replica ID, CommD, CommR, seed):
 *
 * 1. comm_c and comm_r_last are the roots of the first proof's c_x and comm_r_last openings, and
 *    Poseidon(comm_c, comm_r_last) must be CommR; every proof must use the same two roots;
 * 2. the challenges of partition k are re-derived from (replica ID, seed, k), one proof each;
 * 3. per challenge c: the tree_d opening proves node c under CommD; the tree_c openings prove the
 *    columns of c, of its 6 DRG parents and of its 8 expander parents (the graph's parents of c,
 *    not the proof's) under comm_c, each leaf the hash of its column; the tree_r_last opening
 *    proves node c under comm_r_last;
 * 4. per layer ℓ: the labelling proof is for (ℓ, c), its 37 parent labels are the ones the parent
 *    columns hold (DRG parents in ℓ, expander parents in ℓ − 1), and the label they hash to is
 *    c's row ℓ;
 * 5. the encoding proof is for (last layer, c) with the same parents, and key + unsealed node
 *    (the tree_d leaf) is the replica node (the tree_r_last leaf).
 *
 * Steps 4 and 5 check more than upstream's vanilla `verify`, which hashes the labelling proof's
 * own parents without comparing them with the columns (the SNARK circuit, stacked/circuit/proof.rs,
 * computes the labels from the column openings); here the vanilla proof is all there is, so the
 * verifier does what the circuit does.
 *
 * @module
 */
import { Data, Result } from "effect"
import { bytesEqual } from "../../impl/encoding/hex.js"
import { verifyMerkleProof } from "../merkle.js"
import {
  type OpeningError, OpeningBadPath, OpeningMalformed, OpeningWrongPathLength, OpeningWrongRoot, type PoseidonOpening, verifyPoseidonOpening
} from "../poseidon/opening.js"
import { columnHash, commRFromRoots } from "../poseidon/tree.js"
import { porepChallenges, type InvalidChallengeInput } from "./challenges.js"
import { BASE_DEGREE } from "./drg.js"
import { encodeNode } from "./encode.js"
import { EXP_DEGREE } from "./expander.js"
import { labelNode, TOTAL_PARENTS } from "./labels.js"
import { type SdrParams, sdrParams } from "./params.js"
import { sealProof, type UnknownSealProof } from "./porepId.js"
import { UnsupportedSealProof } from "./seal.js"
import { _graphOf, _labelingParents, type LabelingProof, type SealChallengeProof, type SealProof } from "./sealProof.js"

/** What the verifier of a seal knows (params.rs `PublicInputs`: replica_id, seed, tau = (comm_d, comm_r)). */
export interface SealPublicInputs {
  readonly replicaId: Uint8Array
  readonly commD: Uint8Array
  readonly commR: Uint8Array
  /** The interactive randomness, 32 bytes. */
  readonly seed: Uint8Array
}

/**
 * A public input that is not 32 bytes, or a replica ID that is not a field element.
 *
 * @category errors
 */
export class InvalidSealPublicInput extends Data.TaggedError("InvalidSealPublicInput")<{
  readonly field: string
  readonly reason: string
}> {}

/**
 * A proof of the wrong shape: partitions, challenges per partition, parent columns, rows per
 * column, labelling proofs, or parent labels per labelling proof.
 *
 * @category errors
 */
export class WrongSealProofShape extends Data.TaggedError("WrongSealProofShape")<{
  readonly what: string
  readonly expected: number
  readonly actual: number
}> {}

/**
 * Poseidon(comm_c, comm_r_last) of the proof is not the CommR it must prove, or two challenge
 * proofs disagree on comm_c or comm_r_last.
 *
 * @category errors
 */
export class WrongSealCommR extends Data.TaggedError("WrongSealCommR")<{
  readonly reason: string
}> {}

/**
 * A labelling or encoding proof for another layer or node, or whose parent labels are not the
 * ones the parents' columns hold.
 *
 * @category errors
 */
export class WrongLabelingProof extends Data.TaggedError("WrongLabelingProof")<{
  readonly at: string
  readonly layer: number
  readonly reason: string
}> {}

/**
 * A label that is not the hash of its parents: c's row in layer ℓ differs from the label recomputed
 * from the parents' labels (`LabelingProof::verify`).
 *
 * @category errors
 */
export class WrongLabel extends Data.TaggedError("WrongLabel")<{
  readonly at: string
  readonly layer: number
}> {}

/**
 * A replica node that is not key + unsealed node (`EncodingProof::verify`).
 *
 * @category errors
 */
export class WrongEncoding extends Data.TaggedError("WrongEncoding")<{
  readonly at: string
}> {}

/** Every way a seal proof can fail verification. */
export type SealVerifyError =
  | UnknownSealProof | UnsupportedSealProof | InvalidSealPublicInput | InvalidChallengeInput | WrongSealProofShape
  | WrongSealCommR | OpeningError | WrongLabelingProof | WrongLabel | WrongEncoding

const SEALABLE = [2048, 8 << 20, 512 << 20]
type Check = Result.Result<void, SealVerifyError>
const ok: Check = Result.succeed(undefined)
const shape = (what: string, expected: number, actual: number): Check =>
  expected === actual ? ok : Result.fail(new WrongSealProofShape({ what, expected, actual }))

/** The tree_d opening proves node c under CommD (`comm_d_proofs.proves_challenge`, root == tau.comm_d). */
const checkCommD = (p: SealChallengeProof, c: number, params: SdrParams, commD: Uint8Array, at: string): Check => {
  const o = p.commDOpening
  const where = `${at}, comm_d`
  // log2(nodes) siblings of 32 bytes
  const height = Math.log2(params.nodes)
  if (o.siblings.length !== height) return Result.fail(new OpeningWrongPathLength({ at: where, expected: height, actual: o.siblings.length }))
  if (o.leaf.length !== 32 || o.root.length !== 32) return Result.fail(new OpeningMalformed({ at: where, reason: "a node that is not 32 bytes" }))
  // the path hashes node c to the opening's root
  if (!verifyMerkleProof(o.root, o.leaf, BigInt(c), o.siblings)) return Result.fail(new OpeningBadPath({ at: where }))
  // the root is CommD
  return bytesEqual(o.root, commD) ? ok : Result.fail(new OpeningWrongRoot({ at: where }))
}

/** A column opening: the column's hash is the tree_c leaf at `node`, under comm_c (`ColumnProof::verify`). */
const checkColumn = (
  rows: ReadonlyArray<Uint8Array>, opening: PoseidonOpening, node: number, params: SdrParams, commC: Uint8Array, at: string
): Check => {
  const r = shape(`rows of the column at ${at}`, params.layers, rows.length)
  if (Result.isFailure(r)) return r
  const h = columnHash(rows)
  if (Result.isFailure(h)) return Result.fail(new OpeningMalformed({ at, reason: `column: ${h.failure._tag}` }))
  return verifyPoseidonOpening(opening, { arity: params.treeArity, leaves: params.nodes, index: node, root: commC, leaf: h.success, at })
}

/** A labelling (or encoding) proof is for (layer, c) and carries the parents' labels from the columns. */
const checkLabelingProof = (lp: LabelingProof | undefined, layer: number, c: number, expected: ReadonlyArray<Uint8Array>, at: string): Check => {
  if (lp === undefined) return Result.fail(new WrongLabelingProof({ at, layer, reason: "missing" }))
  if (lp.layer !== layer || lp.node !== c) return Result.fail(new WrongLabelingProof({ at, layer, reason: `it is for layer ${lp.layer}, node ${lp.node}` }))
  if (lp.parents.length !== TOTAL_PARENTS) return Result.fail(new WrongLabelingProof({ at, layer, reason: `${lp.parents.length} parent labels, not ${TOTAL_PARENTS}` }))
  const differs = lp.parents.findIndex((p, i) => !bytesEqual(p, expected[i]!))
  return differs < 0 ? ok : Result.fail(new WrongLabelingProof({ at, layer, reason: `parent label ${differs} is not the parent column's` }))
}

/** Everything about challenge c (`Proof::verify` plus the circuit's label/column binding). */
const checkChallenge = (
  p: SealChallengeProof, c: number, params: SdrParams, parents: Uint32Array, pub: SealPublicInputs,
  commC: Uint8Array, commRLast: Uint8Array, at: string
): Check => {
  const steps: Array<() => Check> = [
    () => checkCommD(p, c, params, pub.commD, at),
    () => shape(`DRG parent columns at ${at}`, BASE_DEGREE, p.columns.drgParents.length),
    () => shape(`expander parent columns at ${at}`, EXP_DEGREE, p.columns.expParents.length),
    () => checkColumn(p.columns.challenge.rows, p.columns.challenge.opening, c, params, commC, `${at}, column of node ${c}`),
    ...p.columns.drgParents.map((col, j) => () =>
      checkColumn(col.rows, col.opening, parents[j]!, params, commC, `${at}, column of DRG parent ${j} (node ${parents[j]})`)),
    ...p.columns.expParents.map((col, j) => () =>
      checkColumn(col.rows, col.opening, parents[BASE_DEGREE + j]!, params, commC, `${at}, column of expander parent ${j} (node ${parents[BASE_DEGREE + j]})`)),
    () => verifyPoseidonOpening(p.commRLastOpening, { arity: params.treeArity, leaves: params.nodes, index: c, root: commRLast, at: `${at}, comm_r_last` }),
    () => shape(`labelling proofs at ${at}`, params.layers, p.labelingProofs.length)
  ]
  for (const step of steps) {
    const r = step()
    if (Result.isFailure(r)) return r
  }
  const drg = p.columns.drgParents.map((col) => col.rows)
  const exp = p.columns.expParents.map((col) => col.rows)
  for (let layer = 1; layer <= params.layers; layer++) {
    const expected = _labelingParents(layer, drg, exp)
    const lp = checkLabelingProof(p.labelingProofs[layer - 1], layer, c, expected, at)
    if (Result.isFailure(lp)) return lp
    // the label of c in layer ℓ is the hash of its parents (6 in layer 1, 14 after)
    const label = labelNode(pub.replicaId, layer, c, expected.slice(0, layer === 1 ? BASE_DEGREE : BASE_DEGREE + EXP_DEGREE))
    if (!bytesEqual(label, p.columns.challenge.rows[layer - 1]!)) return Result.fail(new WrongLabel({ at, layer }))
  }
  // the encoding proof: the last layer's parents, and replica node = key + data node
  const last = params.layers
  const ep = checkLabelingProof(p.encodingProof, last, c, _labelingParents(last, drg, exp), `${at}, encoding`)
  if (Result.isFailure(ep)) return ep
  const encoded = encodeNode(p.columns.challenge.rows[last - 1]!, p.commDOpening.leaf)
  if (Result.isFailure(encoded) || !bytesEqual(encoded.success, p.commRLastOpening.leaf)) return Result.fail(new WrongEncoding({ at }))
  return ok
}

/**
 * Verifies a vanilla seal proof against the public inputs.
 *
 * @example
 * verifySeal({ replicaId, commD, commR, seed }, proof) // => Success(undefined)
 * verifySeal({ replicaId, commD, commR: other, seed }, proof) // => Failure(WrongSealCommR { … })
 * @category seal proof
 */
export const verifySeal = (pub: SealPublicInputs, proof: SealProof): Result.Result<void, SealVerifyError> => {
  // a registered seal proof of a size sealed here
  const info = sealProof(proof.proofId)
  if (Result.isFailure(info)) return Result.fail(info.failure)
  if (!SEALABLE.includes(info.success.sectorSize)) {
    return Result.fail(new UnsupportedSealProof({ proof: info.success.name, sectorSize: info.success.sectorSize }))
  }
  const params = sdrParams(info.success)
  // 32-byte public inputs, the replica ID a field element (labels hash it as its repr)
  for (const field of ["replicaId", "commD", "commR", "seed"] as const) {
    if (pub[field].length !== 32) return Result.fail(new InvalidSealPublicInput({ field, reason: `${pub[field].length} bytes, not 32` }))
  }
  if ((pub.replicaId[31]! & 0xc0) !== 0) return Result.fail(new InvalidSealPublicInput({ field: "replicaId", reason: "the top two bits are set" }))
  // one proof per partition, one proof per challenge
  const parts = shape("partitions", params.partitions, proof.partitions.length)
  if (Result.isFailure(parts)) return parts
  for (let k = 0; k < params.partitions; k++) {
    const r = shape(`challenge proofs in partition ${k}`, params.challengesPerPartition, proof.partitions[k]!.length)
    if (Result.isFailure(r)) return r
  }
  // comm_r = H(comm_c, comm_r_last), the roots of the first proof, the same in every proof
  const first = proof.partitions[0]![0]!
  const commC = first.columns.challenge.opening.root
  const commRLast = first.commRLastOpening.root
  const commR = commRFromRoots(commC, commRLast)
  if (Result.isFailure(commR) || !bytesEqual(commR.success, pub.commR)) return Result.fail(new WrongSealCommR({ reason: "Poseidon(comm_c, comm_r_last) is not CommR" }))
  const graph = _graphOf(info.success)
  for (let k = 0; k < params.partitions; k++) {
    const challenges = porepChallenges(params, pub.replicaId, pub.seed, k)
    if (Result.isFailure(challenges)) return Result.fail(challenges.failure)
    for (let i = 0; i < challenges.success.length; i++) {
      const p = proof.partitions[k]![i]!
      const c = challenges.success[i]!
      if (!bytesEqual(p.columns.challenge.opening.root, commC) || !bytesEqual(p.commRLastOpening.root, commRLast)) {
        return Result.fail(new WrongSealCommR({ reason: `challenge ${i} of partition ${k} uses other roots` }))
      }
      const r = checkChallenge(p, c, params, graph.parents(c), pub, commC, commRLast, `partition ${k}, challenge ${i} (node ${c})`)
      if (Result.isFailure(r)) return r
    }
  }
  return ok
}
