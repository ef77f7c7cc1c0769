/**
 * The vanilla (no SNARK) seal proof of Stacked DRG: for each interactive challenge c, everything
 * a verifier needs to recompute c's labels and encoding from commitments it knows.
 *
 * Per challenge (storage-proofs-porep/src/stacked/vanilla/params.rs `Proof`, proof.rs
 * `prove_layers_generate` @ storage-proofs-porep-v19.1.0):
 *
 * - `commDOpening`: the unsealed node c and its path in tree_d (sha256) to CommD (`comm_d_proofs`);
 * - `commRLastOpening`: the replica node c and its path in tree_r_last to comm_r_last (`comm_r_last_proof`);
 * - `columns`: the column (c's label in every layer) of c, of its 6 DRG parents and of its 8
 *   expander parents, each with its tree_c opening (`ReplicaColumnProof { c_x, drg_parents,
 *   exp_parents }`, column_proof.rs `ColumnProof`, column.rs `Column`);
 * - `labelingProofs`: for each layer ℓ the 37 parent labels hashed into c's label
 *   (labeling_proof.rs `LabelingProof`): the DRG parents' labels of layer ℓ and, from layer 2 on,
 *   the expander parents' labels of layer ℓ − 1, repeated as `parents[i mod degree]`;
 * - `encodingProof`: the same for the last layer, whose label is the key (encoding_proof.rs
 *   `EncodingProof`): replica node = key + unsealed node in Fr.
 *
 * The challenges of partition k are `porepChallenges(params, replicaId, seed, k)`; a 2 KiB, 8 MiB
 * or 512 MiB sector has one partition of 2 challenges.  In production, these vanilla proofs are
 * the private witness of the Groth16 circuit (storage-proofs-porep/src/stacked/circuit/proof.rs),
 * and only the SNARK is sent; here the vanilla proof itself is checked by `verifySeal`.
 *
 * @module
 */
import { Data, Result } from "effect"
import { merkleProof } from "../merkle.js"
import { poseidonOpening, type PoseidonOpening } from "../poseidon/opening.js"
import { porepChallenges, type InvalidChallengeInput } from "./challenges.js"
import { BASE_DEGREE } from "./drg.js"
import { StackedBucketGraph } from "./expander.js"
import { TOTAL_PARENTS } from "./labels.js"
import { sdrParams } from "./params.js"
import { porepId, type SealProofInfo } from "./porepId.js"
import type { SealOutput } from "./seal.js"

/** An opening of tree_d (sha256, binary): the node at the challenge and its siblings bottom-up. */
export interface Sha256Opening {
  readonly root: Uint8Array
  readonly leaf: Uint8Array
  /** log2(nodes) siblings; bit h of the challenge says whether the node is a right child at level h. */
  readonly siblings: ReadonlyArray<Uint8Array>
}

/** One node's column with its tree_c opening (`ColumnProof`). */
export interface ColumnProof {
  /** The node's label in each layer, layer 1 first. */
  readonly rows: ReadonlyArray<Uint8Array>
  /** tree_c at the node: its leaf is the column's hash. */
  readonly opening: PoseidonOpening
}

/** The 37 parent labels hashed into one label or key (`LabelingProof`, `EncodingProof`). */
export interface LabelingProof {
  /** 1-based. */
  readonly layer: number
  readonly node: number
  readonly parents: ReadonlyArray<Uint8Array>
}

/** Everything proven about one challenge (params.rs `Proof`). */
export interface SealChallengeProof {
  readonly commDOpening: Sha256Opening
  readonly commRLastOpening: PoseidonOpening
  readonly columns: {
    readonly challenge: ColumnProof
    readonly drgParents: ReadonlyArray<ColumnProof>
    readonly expParents: ReadonlyArray<ColumnProof>
  }
  /** One per layer, layer 1 first. */
  readonly labelingProofs: ReadonlyArray<LabelingProof>
  readonly encodingProof: LabelingProof
}

/** A vanilla seal proof: per partition, one proof per challenge, in challenge order. */
export interface SealProof {
  /** The registered seal proof (porepId.ts). */
  readonly proofId: number
  readonly partitions: ReadonlyArray<ReadonlyArray<SealChallengeProof>>
}

/**
 * A seal output the proof cannot be built from: levels or layers of the wrong size for its
 * seal proof.
 *
 * @category errors
 */
export class InconsistentSealOutput extends Data.TaggedError("InconsistentSealOutput")<{
  readonly reason: string
}> {}

/** The graph of a seal proof (parents on demand: no parent cache is needed for a few challenges). */
export const _graphOf = (proof: SealProofInfo): StackedBucketGraph =>
  new StackedBucketGraph(proof.sectorSize / 32, porepId(proof), proof.apiVersion)

/**
 * The parent labels node `node`'s label in `layer` hashes, repeated to 37: the 6 DRG parents'
 * labels in `layer` and, for layer > 1, the 8 expander parents' labels in `layer − 1`
 * (proof.rs `parents_data_full`), read from the parents' columns.
 */
export const _labelingParents = (
  layer: number, drg: ReadonlyArray<ReadonlyArray<Uint8Array>>, exp: ReadonlyArray<ReadonlyArray<Uint8Array>>
): ReadonlyArray<Uint8Array> => {
  const direct = [...drg.map((rows) => rows[layer - 1]!), ...(layer === 1 ? [] : exp.map((rows) => rows[layer - 2]!))]
  return Array.from({ length: TOTAL_PARENTS }, (_, i) => direct[i % direct.length]!)
}

/**
 * Builds the vanilla seal proof of a sealed sector for the interactive randomness `seed`
 * (`prove_layers`, interactive challenges).  Reads only: no hashing, the verifier does that.
 *
 * @example
 * proveSeal(sealOutput, seed) // => Success({ proofId: 5, partitions: [[proof of challenge 1, proof of challenge 2]] })
 * @category seal proof
 */
export const proveSeal = (
  output: SealOutput, seed: Uint8Array
): Result.Result<SealProof, InconsistentSealOutput | InvalidChallengeInput> => {
  const params = sdrParams(output.proof)
  const n = params.nodes
  // one layer of labels per SDR layer, each a whole sector; tree_c and tree_r_last over n nodes
  if (output.layers.length !== params.layers || output.layers.some((l) => l.length !== 32 * n)) {
    return Result.fail(new InconsistentSealOutput({ reason: `expected ${params.layers} layers of ${32 * n} bytes` }))
  }
  if (output.treeC[0]?.length !== 32 * n || output.treeRLast[0]?.length !== 32 * n || output.treeD.levels[0]?.length !== 32 * n) {
    return Result.fail(new InconsistentSealOutput({ reason: `tree_c, tree_r_last and tree_d must have ${n} leaves` }))
  }
  const graph = _graphOf(output.proof)
  const node = (flat: Uint8Array, i: number) => flat.slice(32 * i, 32 * i + 32)
  const columnOf = (x: number): Result.Result<ColumnProof, InconsistentSealOutput> =>
    Result.mapError(
      Result.map(poseidonOpening(output.treeC, params.treeArity, x), (opening) => ({ rows: output.layers.map((l) => node(l, x)), opening })),
      (e) => new InconsistentSealOutput({ reason: `tree_c: ${e._tag}` }))
  const partitions: Array<ReadonlyArray<SealChallengeProof>> = []
  for (let k = 0; k < params.partitions; k++) {
    const challenges = porepChallenges(params, output.replicaId, seed, k)
    if (Result.isFailure(challenges)) return Result.fail(challenges.failure)
    const proofs: Array<SealChallengeProof> = []
    for (const c of challenges.success) {
      const dPath = merkleProof(output.treeD, 0, c)
      const rOpening = poseidonOpening(output.treeRLast, params.treeArity, c)
      if (Result.isFailure(dPath) || Result.isFailure(rOpening)) return Result.fail(new InconsistentSealOutput({ reason: `no opening of node ${c}` }))
      const parents = graph.parents(c)
      const cols = [c, ...parents].map(columnOf)
      const bad = cols.find(Result.isFailure)
      if (bad !== undefined && Result.isFailure(bad)) return Result.fail(bad.failure)
      const [cx, ...ps] = cols.map((r) => Result.getOrThrow(r))
      const drg = ps.slice(0, BASE_DEGREE)
      const exp = ps.slice(BASE_DEGREE)
      const labelingProofs = Array.from({ length: params.layers }, (_, i) => ({
        layer: i + 1, node: c, parents: _labelingParents(i + 1, drg.map((p) => p.rows), exp.map((p) => p.rows))
      }))
      proofs.push({
        commDOpening: { root: output.commD.slice(), leaf: node(output.treeD.levels[0]!, c), siblings: dPath.success },
        commRLastOpening: rOpening.success,
        columns: { challenge: cx!, drgParents: drg, expParents: exp },
        labelingProofs,
        encodingProof: labelingProofs[params.layers - 1]!
      })
    }
    partitions.push(proofs)
  }
  return Result.succeed({ proofId: output.proof.id, partitions })
}
