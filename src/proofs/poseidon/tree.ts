/**
 * Poseidon Merkle trees as rust-fil-proofs builds tree_r_last and tree_c, and the column hash
 * whose outputs are tree_c's leaves.
 *
 * - A tree is merkletree's `MerkleTree<PoseidonDomain, PoseidonFunction, VecStore, U{arity}>`
 *   (filecoin-project/merkletree `src/merkle.rs` @ v0.23.0): the leaves are the 32-byte nodes
 *   themselves (filecoin-hashers' `PoseidonFunction::leaf` returns its input), each layer above
 *   hashes consecutive groups of `arity` nodes with `multi_node`, and the single node on top is
 *   the root. merkletree accepts a power-of-two arity and a leaf count that is a power of it
 *   (`is_merkle_tree_size_valid`, `get_merkle_tree_len` requires leafs ≥ branches).
 * - `multi_node` (filecoin-project/rust-fil-proofs filecoin-hashers/src/poseidon.rs @
 *   filecoin-hashers-v14.1.0, `shared_hash_frs`) is Poseidon with the `HashType::MerkleTree`
 *   constants of the group's size, for 2, 4, 8 and 16 children; each node is a canonical
 *   little-endian field repr (`from_repr_vartime`, which panics otherwise — a typed error here).
 * - Sector shapes (rust-fil-proofs filecoin-proofs/src/constants.rs @ storage-proofs-porep-v19.1.0):
 *   2 KiB, 8 MiB and 512 MiB sectors are `SectorShapeBase = LCTree<_, U8, U0, U0>`, a single 8-ary
 *   tree over all nodes (64, 2^18 and 2^24 leaves: 8^2, 8^6, 8^8), so tree_r_last and tree_c
 *   of those sizes are {@link poseidonTreeRoot}`(8, …)`.
 * - The column hash (storage-proofs-porep/src/stacked/vanilla/hash.rs @ storage-proofs-porep-v19.1.0,
 *   `hash_single_column`) is Poseidon over one node's labels in every layer, layer 1 first, with
 *   arity = number of layers: 2 (the test sizes) or 11 (production); any other count panics there.
 *   tree_c's leaf j is the hash of column j (`generate_tree_c_cpu` in
 *   storage-proofs-porep/src/stacked/vanilla/proof.rs @ storage-proofs-porep-v19.1.0 reads node j of
 *   layers 1 … ColumnArity).
 * - CommR = `hash2(comm_c, comm_r_last)` (same file, "comm_r = H(comm_c || comm_r_last)"):
 *   filecoin-hashers' `PoseidonFunction::hash2` is Poseidon with `POSEIDON_CONSTANTS_2`, tree_c's
 *   root first.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { poseidonConstants, type PoseidonUnsupportedArity } from "./constants.js"
import { frFromRepr, type FrNonCanonical, frToRepr } from "./field.js"
import type { PoseidonConstants } from "./interface.js"
import { poseidonPermutation } from "./poseidon.js"

/** The arities filecoin-hashers' `multi_node` hashes a Merkle node with. @since 0.1.0 */
export const POSEIDON_TREE_ARITIES: ReadonlyArray<number> = [2, 4, 8, 16]
/** The column sizes (layer counts) `hash_single_column` accepts. @since 0.1.0 */
export const COLUMN_ARITIES: ReadonlyArray<number> = [2, 11]

/**
 * A tree arity other than 2, 4, 8 or 16.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedTreeArity extends Data.TaggedError("UnsupportedTreeArity")<{
  readonly arity: number
}> {}

/**
 * A leaf count that is not arity^k for some k ≥ 1 (merkletree `is_merkle_tree_size_valid`).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidLeafCount extends Data.TaggedError("InvalidLeafCount")<{
  readonly arity: number
  readonly leaves: number
}> {}

/**
 * Bytes to split into 32-byte leaves whose length is not a multiple of 32.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTreeDataLength extends Data.TaggedError("InvalidTreeDataLength")<{
  readonly length: number
}> {}

/**
 * A column of a size other than 2 or 11 labels.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedColumnSize extends Data.TaggedError("UnsupportedColumnSize")<{
  readonly size: number
}> {}

/**
 * Layers of different lengths given as the labels of one sector.
 *
 * @category errors
 * @since 0.1.0
 */
export class LayerLengthMismatch extends Data.TaggedError("LayerLengthMismatch")<{
  /** The layer (1-based) whose length differs from layer 1's. */
  readonly layer: number
  readonly length: number
  readonly expected: number
}> {}

/**
 * Every way building a tree can fail.
 *
 * @category errors
 * @since 0.1.0
 */
export type PoseidonTreeError = UnsupportedTreeArity | InvalidLeafCount | FrNonCanonical | PoseidonUnsupportedArity

/** The leaves as field elements, or the first that is not a canonical repr (by index). */
const toElements = (nodes: ReadonlyArray<Uint8Array>): Result.Result<Array<bigint>, FrNonCanonical> => {
  const out: Array<bigint> = []
  for (let i = 0; i < nodes.length; i++) {
    const e = frFromRepr(nodes[i]!, i)
    if (Result.isFailure(e)) return Result.fail(e.failure)
    out.push(e.success)
  }
  return Result.succeed(out)
}

/**
 * Poseidon (`HashType::MerkleTree`) of `inputs`: `arity` canonical elements. The constants of
 * the supported arities 2, 4, 8, 11 and 16 always exist, so the permutation runs directly.
 */
const hashElements = (c: PoseidonConstants, inputs: ReadonlyArray<bigint>): bigint =>
  poseidonPermutation(c, [c.domainTag, ...inputs])[1]!

/**
 * Every layer of the tree, leaves first and the root's one-node layer last, each node a 32-byte
 * repr. The leaves are copied, not kept.
 *
 * @example
 * poseidonTreeLayers(8, leaves64) // => Success([64 leaves, 8 nodes, [root]])
 * poseidonTreeLayers(8, leaves16) // => Failure(InvalidLeafCount { arity: 8, leaves: 16 })
 * @category trees
 * @since 0.1.0
 */
export const poseidonTreeLayers = (
  arity: number, leaves: ReadonlyArray<Uint8Array>
): Result.Result<ReadonlyArray<ReadonlyArray<Uint8Array>>, PoseidonTreeError> => {
  // an arity multi_node hashes
  if (!POSEIDON_TREE_ARITIES.includes(arity)) return Result.fail(new UnsupportedTreeArity({ arity }))
  // arity^k leaves, k ≥ 1
  let n = leaves.length
  while (n > 1 && n % arity === 0) n /= arity
  if (n !== 1 || leaves.length < arity) return Result.fail(new InvalidLeafCount({ arity, leaves: leaves.length }))
  // every leaf a canonical field element
  return Result.flatMap(toElements(leaves), (elements) => Result.map(poseidonConstants(arity), (c) => {
    const layers: Array<ReadonlyArray<Uint8Array>> = [leaves.map((l) => l.slice())]
    let layer = elements
    while (layer.length > 1) {
      const next: Array<bigint> = []
      for (let i = 0; i < layer.length; i += arity) next.push(hashElements(c, layer.slice(i, i + arity)))
      layers.push(next.map(frToRepr))
      layer = next
    }
    return layers
  }))
}

/**
 * The root of the tree over `leaves` (merkletree `MerkleTree::root`).
 *
 * @example
 * poseidonTreeRoot(2, [H(1, 0) leaves …]) // => Success(32-byte root)
 * @category trees
 * @since 0.1.0
 */
export const poseidonTreeRoot = (
  arity: number, leaves: ReadonlyArray<Uint8Array>
): Result.Result<Uint8Array, PoseidonTreeError> =>
  Result.map(poseidonTreeLayers(arity, leaves), (layers) => layers[layers.length - 1]![0]!)

/**
 * Splits bytes into 32-byte leaves (node i = bytes 32i … 32i + 31), as tree_r_last reads the replica.
 *
 * @example
 * bytesToLeaves(replica) // => Success(replica.length / 32 nodes)
 * @category trees
 * @since 0.1.0
 */
export const bytesToLeaves = (bytes: Uint8Array): Result.Result<ReadonlyArray<Uint8Array>, InvalidTreeDataLength> => {
  // a whole number of nodes
  if (bytes.length % 32 !== 0) return Result.fail(new InvalidTreeDataLength({ length: bytes.length }))
  return Result.succeed(Array.from({ length: bytes.length / 32 }, (_, i) => bytes.slice(32 * i, 32 * i + 32)))
}

/**
 * The hash of one column: Poseidon over a node's label in each layer, layer 1 first
 * (`hash_single_column`); the result is that node's leaf in tree_c.
 *
 * @example
 * columnHash([label1, label2]) // => Success(32-byte tree_c leaf)
 * columnHash([label1])         // => Failure(UnsupportedColumnSize { size: 1 })
 * @category trees
 * @since 0.1.0
 */
export const columnHash = (
  labels: ReadonlyArray<Uint8Array>
): Result.Result<Uint8Array, UnsupportedColumnSize | FrNonCanonical | PoseidonUnsupportedArity> => {
  // 2 or 11 layers
  if (!COLUMN_ARITIES.includes(labels.length)) return Result.fail(new UnsupportedColumnSize({ size: labels.length }))
  // every label a canonical field element
  return Result.flatMap(toElements(labels), (elements) =>
    Result.map(poseidonConstants(labels.length), (c) => frToRepr(hashElements(c, elements))))
}

/**
 * tree_c's leaves: for each node j, the hash of its column (node j of layer 1, layer 2, …), the
 * layers given as the bytes of their labels, layer 1 first (`generate_tree_c_cpu`).
 *
 * @example
 * treeCLeaves([layer1, layer2]) // => Success(64 column hashes for a 2 KiB sector)
 * @category trees
 * @since 0.1.0
 */
export const treeCLeaves = (
  layers: ReadonlyArray<Uint8Array>
): Result.Result<
  ReadonlyArray<Uint8Array>,
  UnsupportedColumnSize | InvalidTreeDataLength | LayerLengthMismatch | FrNonCanonical | PoseidonUnsupportedArity
> => {
  // 2 or 11 layers
  if (!COLUMN_ARITIES.includes(layers.length)) return Result.fail(new UnsupportedColumnSize({ size: layers.length }))
  // whole nodes, every layer as long as layer 1
  const expected = layers[0]!.length
  if (expected % 32 !== 0) return Result.fail(new InvalidTreeDataLength({ length: expected }))
  const bad = layers.findIndex((l) => l.length !== expected)
  if (bad >= 0) return Result.fail(new LayerLengthMismatch({ layer: bad + 1, length: layers[bad]!.length, expected }))
  const leaves: Array<Uint8Array> = []
  for (let j = 0; j < expected / 32; j++) {
    const h = columnHash(layers.map((l) => l.subarray(32 * j, 32 * j + 32)))
    if (Result.isFailure(h)) return Result.fail(h.failure)
    leaves.push(h.success)
  }
  return Result.succeed(leaves)
}

/**
 * CommR from tree_c's root comm_c and tree_r_last's root comm_r_last: `hash2(comm_c, comm_r_last)`.
 *
 * @example
 * commRFromRoots(commC, commRLast) // => Success(32-byte CommR)
 * @category trees
 * @since 0.1.0
 */
export const commRFromRoots = (
  commC: Uint8Array, commRLast: Uint8Array
): Result.Result<Uint8Array, FrNonCanonical | PoseidonUnsupportedArity> =>
  Result.flatMap(toElements([commC, commRLast]), (elements) =>
    Result.map(poseidonConstants(2), (c) => frToRepr(hashElements(c, elements))))
