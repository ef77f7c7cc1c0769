/**
 * The expander parents of StackedBucketGraph and the full 14-parent list of a node
 * (filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/graph.rs
 * @ storage-proofs-porep-v19.1.0 `EXP_DEGREE`, `correspondent`, `generate_expanded_parents`,
 * `parents`).
 *
 * Expander parent i (0 ≤ i < 8) of node v: a = v·8 + i, t = permute(nodes·8, a),
 * parent = ⌊t / 8⌋ (API 1.0.0 truncates t to u32 first, 1.1.0 requires it to fit; both give the
 * same value for every domain below 2^32).  A node's parents are its 6 base parents then its 8
 * expander parents, in that order: base parents index the current layer, expander parents the
 * previous one.
 *
 * @module
 */
import { BASE_DEGREE, BucketGraph } from "./drg.js"
import {
  deriveFeistelKeys, type FeistelKey, type FeistelPrecomputed, feistelTable, permuteWithTable, precompute
} from "./feistel.js"
import type { ApiVersion } from "./porepId.js"

/** Expander degree (graph.rs `EXP_DEGREE`). */
export const EXP_DEGREE = 8

/** Parents per node: 6 base + 8 expander (graph.rs `DEGREE`). */
export const DEGREE = BASE_DEGREE + EXP_DEGREE

/** StackedBucketGraph: the base graph plus the Feistel expander. */
export class StackedBucketGraph {
  readonly base: BucketGraph
  readonly feistelKeys: ReadonlyArray<FeistelKey>
  readonly feistelPrecomputed: FeistelPrecomputed
  /** F(R, keyᵢ) for all R (see {@link feistelTable}); the permutation is the same as `permute`'s. */
  private readonly table: Uint32Array

  constructor(readonly nodes: number, porepId: Uint8Array, readonly apiVersion: ApiVersion) {
    this.base = new BucketGraph(nodes, porepId, apiVersion)
    this.feistelKeys = deriveFeistelKeys(porepId)
    this.feistelPrecomputed = precompute(nodes * EXP_DEGREE)
    this.table = feistelTable(this.feistelKeys, this.feistelPrecomputed)
  }

  /** Writes node's 8 expander parents into `out[offset … offset + 8)` (graph.rs `generate_expanded_parents`). */
  expandedParentsInto(node: number, out: Uint32Array, offset = 0): void {
    const n = this.nodes * EXP_DEGREE
    for (let i = 0; i < EXP_DEGREE; i++) {
      const t = permuteWithTable(n, node * EXP_DEGREE + i, this.table, this.feistelPrecomputed)
      out[offset + i] = Math.floor(t / EXP_DEGREE)
    }
  }

  /** Writes node's 14 parents (6 base, then 8 expander) into `out[offset … offset + 14)`. */
  parentsInto(node: number, out: Uint32Array, offset = 0): void {
    this.base.parentsInto(node, out, offset)
    this.expandedParentsInto(node, out, offset + BASE_DEGREE)
  }

  /** Node's 14 parents as a fresh array. */
  parents(node: number): Uint32Array {
    const out = new Uint32Array(DEGREE)
    this.parentsInto(node, out)
    return out
  }
}
