/**
 * Openings (inclusion proofs) of Poseidon Merkle trees stored as flat levels, and their
 * verification: the tree_r_last and tree_c openings of the vanilla PoSt and seal proofs.
 *
 * A tree is given as its levels, leaves first and the root's one-node level last, each level one
 * flat `Uint8Array` of `nodes × 32` bytes (what `poseidonTreeLevels` builds).  An opening follows
 * storage-proofs-core's `SingleProof` (filecoin-project/rust-fil-proofs
 * storage-proofs-core/src/merkle/proof.rs @ storage-proofs-core-v19.1.0): the root, the leaf, and
 * one path element per level from the leaves up, each holding the `arity − 1` other nodes of the
 * group (in order, the node itself left out) and the node's position `index` in its group.
 *
 * - `InclusionPath::root`: at each level insert the running hash at `index` among the siblings
 *   and hash the `arity` nodes (`multi_node`, Poseidon of that arity);
 * - `path_index`: the leaf index the path names, Σ index_h · arity^h;
 * - `validate(node)` = the path hashes to its root and names `node`; `expected_len(leaves)` =
 *   log_arity(leaves) path elements (`compound_path_length` for a base-only tree, the shape of
 *   the 2 KiB, 8 MiB and 512 MiB sectors: filecoin-proofs/src/constants.rs @ filecoin-proofs-v19.1.0
 *   `SectorShapeBase = LCTree<_, U8, U0, U0>`; tree_c has the same shape, `TemporaryAuxCache::tree_c`
 *   in storage-proofs-porep/src/stacked/vanilla/params.rs @ storage-proofs-porep-v19.1.0).
 *
 * @module
 */
import { Data, Result } from "effect"
import { bytesEqual } from "../../impl/encoding/hex.js"
import { poseidonHashNodes } from "./poseidon.js"
import { POSEIDON_TREE_ARITIES } from "./tree.js"

/** One level of a path: the other nodes of the group and the node's position in it. */
export interface PoseidonPathElement {
  /** The `arity − 1` siblings, left to right, the node itself left out. */
  readonly siblings: ReadonlyArray<Uint8Array>
  /** The node's position in its group, 0 … arity − 1. */
  readonly index: number
}

/** An inclusion proof of one leaf (`SingleProof`). */
export interface PoseidonOpening {
  readonly root: Uint8Array
  readonly leaf: Uint8Array
  /** From the leaves' level up; log_arity(leaves) elements. */
  readonly path: ReadonlyArray<PoseidonPathElement>
}

/**
 * Levels that are not a full tree of the arity: a level that is not `arity` times the next one,
 * or a top level that is not one node.
 *
 * @category errors
 */
export class InvalidTreeLevels extends Data.TaggedError("InvalidTreeLevels")<{
  readonly reason: string
}> {}

/**
 * A leaf index outside the tree.
 *
 * @category errors
 */
export class OpeningIndexOutOfRange extends Data.TaggedError("OpeningIndexOutOfRange")<{
  readonly index: number
  readonly leaves: number
}> {}

/**
 * An opening of the wrong form: a node that is not 32 bytes or not a canonical field element, a
 * level with other than `arity − 1` siblings, or a position outside 0 … arity − 1.
 *
 * @category errors
 */
export class OpeningMalformed extends Data.TaggedError("OpeningMalformed")<{
  /** Where the opening was checked, e.g. `"sector 7, challenge 3"`. */
  readonly at: string
  readonly reason: string
}> {}

/**
 * A path of the wrong length for the tree (`expected_len`).
 *
 * @category errors
 */
export class OpeningWrongPathLength extends Data.TaggedError("OpeningWrongPathLength")<{
  readonly at: string
  readonly expected: number
  readonly actual: number
}> {}

/**
 * A path that names another leaf than the challenged one (`validate(node)`: `path_index ≠ node`).
 *
 * @category errors
 */
export class OpeningWrongIndex extends Data.TaggedError("OpeningWrongIndex")<{
  readonly at: string
  /** The challenged leaf. */
  readonly expected: number
  /** The leaf the path names. */
  readonly actual: number
}> {}

/**
 * A path whose leaf and siblings do not hash to the opening's own root (`verify()` fails): a
 * changed leaf or sibling.
 *
 * @category errors
 */
export class OpeningBadPath extends Data.TaggedError("OpeningBadPath")<{
  readonly at: string
}> {}

/**
 * An opening whose root is not the commitment it must open (comm_r_last, comm_c).
 *
 * @category errors
 */
export class OpeningWrongRoot extends Data.TaggedError("OpeningWrongRoot")<{
  readonly at: string
}> {}

/**
 * An opening whose leaf is not the value the verifier recomputed (a column hash, an encoded node).
 *
 * @category errors
 */
export class OpeningWrongLeaf extends Data.TaggedError("OpeningWrongLeaf")<{
  readonly at: string
}> {}

/** Every way an opening can fail verification. */
export type OpeningError =
  | OpeningMalformed | OpeningWrongPathLength | OpeningWrongIndex | OpeningBadPath | OpeningWrongRoot | OpeningWrongLeaf

const NODE = 32

/** log_arity(n) if n is a power of the arity ≥ arity, else undefined. */
const levelsFor = (arity: number, n: number): number | undefined => {
  let h = 0
  let m = n
  while (m > 1 && m % arity === 0) {
    m /= arity
    h++
  }
  return m === 1 && h >= 1 ? h : undefined
}

/**
 * Checks that `levels` is a full tree of `arity`: each level 32-byte nodes, `arity` times the
 * next, the last one node.  Returns the leaf count.
 *
 * @example
 * checkTreeLevels([leaves64, level8, root], 8) // => Success(64)
 * @category trees
 */
export const checkTreeLevels = (
  levels: ReadonlyArray<Uint8Array>, arity: number
): Result.Result<number, InvalidTreeLevels> => {
  // an arity multi_node hashes
  if (!POSEIDON_TREE_ARITIES.includes(arity)) return Result.fail(new InvalidTreeLevels({ reason: `arity ${arity} is not 2, 4, 8 or 16` }))
  // at least the leaves and the root
  if (levels.length < 2) return Result.fail(new InvalidTreeLevels({ reason: `${levels.length} levels; a tree has at least 2` }))
  for (let k = 0; k < levels.length; k++) {
    const len = levels[k]!.length
    // whole nodes
    if (len % NODE !== 0 || len === 0) return Result.fail(new InvalidTreeLevels({ reason: `level ${k} is ${len} bytes, not a positive multiple of 32` }))
    // arity times the level above; the top is one node
    const above = levels[k + 1]
    if (above !== undefined && len !== above.length * arity) {
      return Result.fail(new InvalidTreeLevels({ reason: `level ${k} has ${len / NODE} nodes, not ${arity} × ${above.length / NODE}` }))
    }
  }
  if (levels[levels.length - 1]!.length !== NODE) return Result.fail(new InvalidTreeLevels({ reason: "the top level is not one node" }))
  return Result.succeed(levels[0]!.length / NODE)
}

/**
 * The opening of leaf `index` (merkletree `gen_proof`): no hashing, the nodes are read from the
 * levels.  The levels are checked with {@link checkTreeLevels}.
 *
 * @example
 * poseidonOpening([leaves64, level8, root], 8, 13)
 * // => Success({ root, leaf: leaf 13, path: [{ siblings: leaves 8…15 but 13, index: 5 }, { siblings: level-1 nodes 0, 2…7, index: 1 }] })
 * @category openings
 */
export const poseidonOpening = (
  levels: ReadonlyArray<Uint8Array>, arity: number, index: number
): Result.Result<PoseidonOpening, InvalidTreeLevels | OpeningIndexOutOfRange> =>
  Result.flatMap(checkTreeLevels(levels, arity), (leaves) => {
    // a leaf of the tree
    if (!Number.isInteger(index) || index < 0 || index >= leaves) return Result.fail(new OpeningIndexOutOfRange({ index, leaves }))
    const path: Array<PoseidonPathElement> = []
    let i = index
    for (let k = 0; k + 1 < levels.length; k++) {
      const level = levels[k]!
      const first = i - (i % arity)
      const siblings: Array<Uint8Array> = []
      for (let j = first; j < first + arity; j++) if (j !== i) siblings.push(level.slice(j * NODE, (j + 1) * NODE))
      path.push({ siblings, index: i % arity })
      i = Math.floor(i / arity)
    }
    return Result.succeed({
      root: levels[levels.length - 1]!.slice(),
      leaf: levels[0]!.slice(index * NODE, (index + 1) * NODE),
      path
    })
  })

/**
 * The leaf index a path names (`path_index`): Σ index_h · arity^h.
 *
 * @example
 * openingPathIndex(8, [{ siblings, index: 5 }, { siblings, index: 1 }]) // => 13
 * @category openings
 */
export const openingPathIndex = (arity: number, path: ReadonlyArray<PoseidonPathElement>): number =>
  path.reduceRight((acc, p) => acc * arity + p.index, 0)

/**
 * The root the leaf and path hash to (`InclusionPath::root`), or why they cannot be hashed.
 *
 * @example
 * openingRoot(8, leaf, path, "sector 1, challenge 0") // => Success(root)
 * @category openings
 */
export const openingRoot = (
  arity: number, leaf: Uint8Array, path: ReadonlyArray<PoseidonPathElement>, at: string
): Result.Result<Uint8Array, OpeningMalformed> => {
  // every node 32 bytes, every level arity − 1 siblings and a position in the group
  if (leaf.length !== NODE) return Result.fail(new OpeningMalformed({ at, reason: `leaf is ${leaf.length} bytes` }))
  for (let h = 0; h < path.length; h++) {
    const p = path[h]!
    if (p.siblings.length !== arity - 1) return Result.fail(new OpeningMalformed({ at, reason: `level ${h} has ${p.siblings.length} siblings, not ${arity - 1}` }))
    if (!Number.isInteger(p.index) || p.index < 0 || p.index >= arity) return Result.fail(new OpeningMalformed({ at, reason: `level ${h} position ${p.index} is not in 0 … ${arity - 1}` }))
    if (p.siblings.some((s) => s.length !== NODE)) return Result.fail(new OpeningMalformed({ at, reason: `level ${h} has a sibling that is not 32 bytes` }))
  }
  let node = leaf
  for (let h = 0; h < path.length; h++) {
    const p = path[h]!
    const group = [...p.siblings.slice(0, p.index), node, ...p.siblings.slice(p.index)]
    const hashed = poseidonHashNodes(arity, group)
    // every node a canonical field element (from_repr_vartime)
    if (Result.isFailure(hashed)) return Result.fail(new OpeningMalformed({ at, reason: `level ${h}: ${hashed.failure._tag}` }))
    node = hashed.success
  }
  return Result.succeed(node)
}

/** What a verifier expects of an opening. */
export interface OpeningExpectation {
  readonly arity: number
  /** Leaves of the tree: fixes the path length. */
  readonly leaves: number
  /** The challenged leaf. */
  readonly index: number
  /** The commitment the opening must open. */
  readonly root: Uint8Array
  /** The leaf value, when the verifier knows it. */
  readonly leaf?: Uint8Array
  /** Where, for the error (`"sector 7, challenge 3"`). */
  readonly at: string
}

/**
 * Verifies an opening against what the verifier expects: the path length
 * (`expected_len`), the challenged leaf (`path_index`), that the path hashes to the opening's root
 * (`verify`), that this root is the commitment, and, if given, the leaf value (`validate_data`).
 *
 * @example
 * verifyPoseidonOpening(opening, { arity: 8, leaves: 64, index: 13, root: commRLast, at: "challenge 0" }) // => Success(undefined)
 * @category openings
 */
export const verifyPoseidonOpening = (
  opening: PoseidonOpening, expect: OpeningExpectation
): Result.Result<void, OpeningError> => {
  const { arity, leaves, index, root, at } = expect
  // expected_len(leaves)
  const expected = levelsFor(arity, leaves) ?? -1
  if (opening.path.length !== expected) return Result.fail(new OpeningWrongPathLength({ at, expected, actual: opening.path.length }))
  // the root is a 32-byte node
  if (opening.root.length !== NODE) return Result.fail(new OpeningMalformed({ at, reason: `root is ${opening.root.length} bytes` }))
  // verify(): the path hashes to the opening's root
  const computed = openingRoot(arity, opening.leaf, opening.path, at)
  if (Result.isFailure(computed)) return Result.fail(computed.failure)
  if (!bytesEqual(computed.success, opening.root)) return Result.fail(new OpeningBadPath({ at }))
  // path_index == challenge
  const named = openingPathIndex(arity, opening.path)
  if (named !== index) return Result.fail(new OpeningWrongIndex({ at, expected: index, actual: named }))
  // the root is the commitment
  if (!bytesEqual(opening.root, root)) return Result.fail(new OpeningWrongRoot({ at }))
  // validate_data(leaf)
  if (expect.leaf !== undefined && !bytesEqual(opening.leaf, expect.leaf)) return Result.fail(new OpeningWrongLeaf({ at }))
  return Result.succeed(undefined)
}
