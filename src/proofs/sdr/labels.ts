/**
 * The layer labels of Stacked DRG: the exact bytes rust-fil-proofs hashes for each node.
 *
 *     label(layer ℓ, node v) = sha256( replica_id                      32 bytes
 *                                     ‖ ℓ as u32 big-endian            4 bytes
 *                                     ‖ v as u64 big-endian            8 bytes
 *                                     ‖ 20 zero bytes
 *                                     ‖ P[0], P[1], …, P[36] )         37 × 32 bytes (v > 0 only)
 *     with byte 31 of the digest masked by 0x3f (the top two bits cleared: an element of Fr).
 *
 * - Node 0 hashes the 64-byte header alone (`create_label`: `if node > 0 { … } else { hasher.finish() }`).
 * - Layer 1: the parents are the 6 base parents' labels in the current layer, and the 37 hashed
 *   labels are those 6 six times then parent 0 again (graph.rs `copy_parents_data_inner`: six
 *   `input(&parents)` rounds then `finish_with(parents[0])`).
 * - Layers ℓ > 1: the 14 parents are the 6 base parents' labels in layer ℓ and the 8 expander
 *   parents' labels in layer ℓ − 1; the 37 hashed labels are the 14 twice, then parents 0…7, then
 *   parent 8 (`copy_parents_data_inner_exp`: `input(&parents)` twice, `input(&parents[..8])`,
 *   `finish_with(parents[8])`).
 * - In both cases P[i] = parents[i mod degree] with degree 6 or 14, which is how the vanilla proof
 *   repeats them (proof.rs `parents_data_full`, `TOTAL_PARENTS` = 37) and how
 *   labeling_proof.rs `LabelingProof::create_label` hashes them.
 * - The parent order (where the predecessor v − 1 sits among the base parents) is the graph's and
 *   depends on the API version (drg.ts); the hashing itself is the same for V1_0_0 and V1_1_0.
 * - sha2raw's `Sha256` (`input`, `finish`, `finish_with`) is plain SHA-256 over the
 *   concatenation, fed in 64-byte blocks (its test `fuzz` compares it with sha2's `Sha256`): a
 *   label with parents hashes 64 + 37 × 32 = 1248 bytes (multi.rs: "0x2700 = 9984 bits -> 1248 bytes").
 *
 * Sources: filecoin-project/rust-fil-proofs @ storage-proofs-porep-v19.1.0:
 * storage-proofs-porep/src/stacked/vanilla/create_label/single.rs lines 178–251 (`create_label`,
 * `create_label_exp`, `create_labels_for_encoding` lines 25–104: layer 1 uses `create_label`,
 * later layers `create_label_exp` with the previous layer as expander data);
 * storage-proofs-porep/src/stacked/vanilla/graph.rs lines 146–262 (`copy_parents_data*`);
 * sha2raw/src/sha256.rs lines 36–79; storage-proofs-porep/src/stacked/vanilla/proof.rs line 57
 * (`TOTAL_PARENTS`) and lines 412–416.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { BASE_DEGREE } from "./drg.js"
import { DEGREE, type StackedBucketGraph } from "./expander.js"
import { FR_SAFE_MASK } from "./replicaId.js"

/** Parent labels hashed per node: 37 (proof.rs `TOTAL_PARENTS`). @since 0.1.0 */
export const TOTAL_PARENTS = 37

/** Bytes of the header: replica id, layer, node, zero padding: 64 (= 2 × 32). @since 0.1.0 */
export const LABEL_HEADER_BYTES = 64

/** Bytes hashed for a node with parents: 1248 (= 64 + 37 × 32). @since 0.1.0 */
export const LABEL_MESSAGE_BYTES = LABEL_HEADER_BYTES + TOTAL_PARENTS * 32

/** Progress of {@link labelLayers}: `done` nodes of layer `layer` (1-based) labelled. @since 0.1.0 */
export type LabelProgress = (layer: number, done: number) => void

/** Nodes labelled between two progress reports: 2^14 (= 16384). */
const PROGRESS_STEP = 1 << 14

/** Writes the 64-byte header into `buf[0 … 64)`. */
const writeHeader = (buf: Uint8Array, replicaId: Uint8Array, layer: number, node: number): void => {
  buf.set(replicaId, 0)
  buf.fill(0, 32, 64)
  const view = new DataView(buf.buffer, buf.byteOffset, 64)
  view.setUint32(32, layer, false)
  // node as u64 big-endian; nodes < 2^32 here, so the high word is 0
  view.setUint32(36, 0, false)
  view.setUint32(40, node, false)
}

/** sha256 of `msg` with the two top bits of byte 31 cleared. */
const frLabel = (msg: Uint8Array): Uint8Array => {
  const d = sha256(msg)
  d[31] = d[31]! & FR_SAFE_MASK
  return d
}

/**
 * The label of `node` in `layer` (1-based) from its parents' labels in parent order: 6 base
 * labels for layer 1; for later layers 6 base labels (this layer) then 8 expander labels (the
 * previous layer). Node 0's label hashes the header only, and `parentLabels` is ignored for it.
 * This is what a verifier recomputes from a labeling proof (labeling_proof.rs `create_label`).
 *
 * @throws {RangeError} if the replica id is not 32 bytes, the parent count is not 6 (layer 1)
 *   or 14 (later layers) for a node > 0, or a parent label is not 32 bytes.
 * @example
 * labelNode(replicaId, 1, 5, sixBaseParentLabels)       // => 32-byte label, byte 31 < 0x40
 * labelNode(replicaId, 2, 5, fourteenParentLabels)      // => 32-byte label
 * @category labels
 * @since 0.1.0
 */
export const labelNode = (
  replicaId: Uint8Array, layer: number, node: number, parentLabels: ReadonlyArray<Uint8Array>
): Uint8Array => {
  if (replicaId.length !== 32) throw new RangeError(`replica id of ${replicaId.length} bytes, not 32`)
  if (!Number.isInteger(layer) || layer < 1) throw new RangeError(`layer ${layer} is not a 1-based layer index`)
  if (!Number.isInteger(node) || node < 0 || node > 0xffffffff) throw new RangeError(`node ${node} out of range`)
  if (node === 0) {
    const header = new Uint8Array(LABEL_HEADER_BYTES)
    writeHeader(header, replicaId, layer, 0)
    return frLabel(header)
  }
  const degree = layer === 1 ? BASE_DEGREE : DEGREE
  if (parentLabels.length !== degree) {
    throw new RangeError(`layer ${layer} node ${node}: ${parentLabels.length} parent labels, expected ${degree}`)
  }
  const msg = new Uint8Array(LABEL_MESSAGE_BYTES)
  writeHeader(msg, replicaId, layer, node)
  for (let i = 0; i < TOTAL_PARENTS; i++) {
    const p = parentLabels[i % degree]!
    if (p.length !== 32) throw new RangeError(`parent label ${i % degree} of ${p.length} bytes, not 32`)
    msg.set(p, LABEL_HEADER_BYTES + 32 * i)
  }
  return frLabel(msg)
}

/**
 * Labels one whole layer into `out` (nodes × 32 bytes), reading base parents' labels from `out`
 * itself and, for layers > 1, expander parents' labels from `prev` (the previous layer), parents
 * from the parent cache (`nodes × 14` u32, node-major, as `parentCache` builds it).
 */
export const labelLayerInto = (
  cache: Uint32Array, replicaId: Uint8Array, layer: number, prev: Uint8Array | undefined, out: Uint8Array,
  onProgress?: LabelProgress
): void => {
  const nodes = out.length / 32
  const msg = new Uint8Array(LABEL_MESSAGE_BYTES)
  writeHeader(msg, replicaId, layer, 0)
  const view = new DataView(msg.buffer)
  // node 0: the header alone
  out.set(frLabel(msg.subarray(0, LABEL_HEADER_BYTES)), 0)
  const exp = layer > 1 && prev !== undefined
  const degree = exp ? DEGREE : BASE_DEGREE
  // word views for copying parent labels (fall back to byte copies if a layer is not 4-byte aligned)
  const aligned = out.byteOffset % 4 === 0 && (prev === undefined || prev.byteOffset % 4 === 0)
  const msg32 = new Uint32Array(msg.buffer)
  const out32 = aligned ? new Uint32Array(out.buffer, out.byteOffset, out.length / 4) : undefined
  const prev32 = aligned && prev !== undefined ? new Uint32Array(prev.buffer, prev.byteOffset, prev.length / 4) : undefined
  for (let v = 1; v < nodes; v++) {
    view.setUint32(40, v, false)
    const base = v * DEGREE
    for (let i = 0; i < TOTAL_PARENTS; i++) {
      const k = i % degree
      // parents 0…5 are base parents (this layer), 6…13 expander parents (the previous layer)
      if (out32 !== undefined) {
        const src = k < BASE_DEGREE ? out32 : prev32!
        const p = cache[base + k]! * 8
        const d = (LABEL_HEADER_BYTES >> 2) + 8 * i
        for (let w = 0; w < 8; w++) msg32[d + w] = src[p + w]!
      } else {
        const p = cache[base + k]! * 32
        msg.set((k < BASE_DEGREE ? out : prev!).subarray(p, p + 32), LABEL_HEADER_BYTES + 32 * i)
      }
    }
    const d = sha256(msg)
    d[31] = d[31]! & FR_SAFE_MASK
    out.set(d, v * 32)
    if (onProgress !== undefined && (v + 1) % PROGRESS_STEP === 0) onProgress(layer, v + 1)
  }
  if (onProgress !== undefined) onProgress(layer, nodes)
}

/**
 * Every layer's labels, layer 1 first, each a flat `nodes × 32` byte array
 * (single.rs `create_labels_for_encoding`).
 *
 * @throws {RangeError} if the cache is not `graph.nodes × 14` parents, the replica id not 32
 *   bytes, or `layers` < 1.
 * @example
 * labelLayers(graph, parentCache(graph), replicaId, 2) // => [layer 1, layer 2], each nodes × 32 bytes
 * @category labels
 * @since 0.1.0
 */
export const labelLayers = (
  graph: StackedBucketGraph, cache: Uint32Array, replicaId: Uint8Array, layers: number, onProgress?: LabelProgress
): ReadonlyArray<Uint8Array> => {
  if (cache.length !== graph.nodes * DEGREE) throw new RangeError(`parent cache of ${cache.length} entries, expected ${graph.nodes * DEGREE}`)
  if (replicaId.length !== 32) throw new RangeError(`replica id of ${replicaId.length} bytes, not 32`)
  if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`layers must be ≥ 1, got ${layers}`)
  const out: Array<Uint8Array> = []
  for (let layer = 1; layer <= layers; layer++) {
    const labels = new Uint8Array(graph.nodes * 32)
    labelLayerInto(cache, replicaId, layer, out[layer - 2], labels, onProgress)
    out.push(labels)
  }
  return out
}
