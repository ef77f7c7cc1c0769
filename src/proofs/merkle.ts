/**
 * Binary Merkle trees over 32-byte nodes with the sha2-256-trunc254-padded node hash: the root,
 * all levels, the inclusion path of a subtree root at any level, and its verification.
 *
 * Trees are full and balanced of a given height; leaves past the data are zero, and zero
 * subtrees are never hashed: their roots come from the zero table (`./zerocomm.ts`). Leaves are
 * the raw 32-byte nodes (not hashed),
 * as in CommP and CommD (filecoin-project/go-fil-commp-hashhash commp.go @ v0.2.0;
 * filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0).
 *
 * Path convention (filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1 `ProofData`):
 * siblings from the node's level up to the root's children; bit i
 * of the node's index at its level says whether the node on the way up is a right (1) or left
 * (0) child at step i.
 *
 * Sources: filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (node
 * hash);
 * filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { _PendingNodes } from "./_stack.js"
import { defaultHasher } from "./hasher.js"
import type { Hasher, MerkleTree, Node } from "./interface.js"
import { hashNodeWith, NODE_SIZE } from "./node.js"
import { _zeroNodes, MAX_ZERO_LEVEL } from "./zerocomm.js"

export type { MerkleTree } from "./interface.js"

/**
 * Most leaves handed to {@link Hasher.reduce} at once: 2^14 (= 16384 nodes, 512 KiB), which bounds the
 * hasher's scratch memory while keeping calls few.
 */
export const _REDUCE_LEVELS = 14

// ---------------------------------------------------------------------------------------------
// errors

/**
 * A node, or a run of nodes, whose length is not 32 (a multiple of 32) bytes.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidNodeLength extends Data.TaggedError("InvalidNodeLength")<{
  readonly what: string
  readonly length: number
}> {}

/**
 * More leaves than a tree of the given height holds, or a height outside 0 … 58.
 *
 * @category errors
 * @since 0.1.0
 */
export class TooManyLeaves extends Data.TaggedError("TooManyLeaves")<{
  readonly leaves: number
  readonly height: number
}> {}

/**
 * A (level, index) position that is not in the tree.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidProofPosition extends Data.TaggedError("InvalidProofPosition")<{
  readonly level: number
  readonly index: bigint
  readonly height: number
}> {}

const checkLeaves = (leaves: Uint8Array, height: number): Result.Result<number, InvalidNodeLength | TooManyLeaves> => {
  // leaves are whole 32-byte nodes
  if (leaves.length % NODE_SIZE !== 0) return Result.fail(new InvalidNodeLength({ what: "leaves", length: leaves.length }))
  const n = leaves.length / NODE_SIZE
  // the height is in the zero table and the leaves fit
  if (!Number.isInteger(height) || height < 0 || height > MAX_ZERO_LEVEL || n > 2 ** height) {
    return Result.fail(new TooManyLeaves({ leaves: n, height }))
  }
  return Result.succeed(n)
}

// ---------------------------------------------------------------------------------------------
// root

/**
 * Pushes `leaves` onto `stack` as aligned power-of-two runs (largest first, at most 2^14 leaves
 * each), each reduced to its root by the hasher. The runs are aligned relative to where the
 * leaves start, so that position must be a multiple of the largest run.
 */
export const _pushLeafRuns = (stack: _PendingNodes, leaves: Uint8Array, hasher: Hasher): void => {
  const n = leaves.length / NODE_SIZE
  let at = 0
  while (at < n) {
    // the largest power of two ≤ the rest, capped: aligned because run sizes never increase
    let level = 0
    while (level < _REDUCE_LEVELS && 2 ** (level + 1) <= n - at) level++
    const count = 2 ** level
    const out = new Uint8Array(NODE_SIZE)
    hasher.reduce(leaves.subarray(at * NODE_SIZE, (at + count) * NODE_SIZE), level, out)
    stack.push(out, level)
    at += count
  }
}

/**
 * Root of the tree of height `height` whose first leaves are `leaves` and the rest zero. No
 * checks: the leaves' runs are folded on a stack, with zero subtrees on the right.
 */
export const _merkleRoot = (leaves: Uint8Array, height: number, hasher: Hasher): Node => {
  if (leaves.length === 0) return _zeroNodes[height]!.slice()
  const stack = new _PendingNodes(hasher)
  _pushLeafRuns(stack, leaves, hasher)
  return stack.root(height)
}

/**
 * Root of the tree of height `height` whose first leaves are `leaves` (n × 32 bytes, n ≤
 * 2^height) and the rest zero.
 *
 * @example
 * merkleRoot(new Uint8Array(0), 2) // => Success(zeroNode(2))
 * merkleRoot(leaves, 4)            // => Success(root of 16 leaves)
 * @category trees
 * @since 0.1.0
 */
export const merkleRoot = (
  leaves: Uint8Array, height: number, hasher: Hasher = defaultHasher
): Result.Result<Node, InvalidNodeLength | TooManyLeaves> =>
  Result.map(checkLeaves(leaves, height), () => _merkleRoot(leaves, height, hasher))

// ---------------------------------------------------------------------------------------------
// levels and paths

/**
 * All levels of the tree of height `height` over `leaves` (the rest zero): level k holds the
 * `⌈n / 2^k⌉` nodes covering the data; an odd level is paired with its zero node.
 *
 * @example
 * const tree = Result.getOrThrow(merkleTree(leaves, 3))
 * tree.levels.length // => 4 (leaves, two inner levels, the root)
 * @category trees
 * @since 0.1.0
 */
export const merkleTree = (
  leaves: Uint8Array, height: number, hasher: Hasher = defaultHasher
): Result.Result<MerkleTree, InvalidNodeLength | TooManyLeaves> =>
  Result.map(checkLeaves(leaves, height), (n) => {
    const levels: Uint8Array[] = [leaves.slice()]
    let count = n
    for (let k = 0; k < height; k++) {
      const level = levels[k]!
      if (count === 0) {
        levels.push(new Uint8Array(0))
        continue
      }
      // pair the last node with the zero subtree of this level when the count is odd
      const pairs = Math.ceil(count / 2)
      const input = new Uint8Array(2 * pairs * NODE_SIZE)
      input.set(level)
      if (count % 2 === 1) input.set(_zeroNodes[k]!, count * NODE_SIZE)
      const next = new Uint8Array(pairs * NODE_SIZE)
      hasher.hashPairs(input, next)
      levels.push(next)
      count = pairs
    }
    if (n === 0) levels[height] = _zeroNodes[height]!.slice()
    return { height, levels }
  })

/**
 * The node at (`level`, `index`): a stored node, or the zero subtree root past the data.
 *
 * @throws {RangeError} if the position is outside the tree.
 * @example
 * merkleNode(tree, tree.height, 0) // => the root
 * @category trees
 * @since 0.1.0
 */
export const merkleNode = (tree: MerkleTree, level: number, index: number): Node => {
  const nodes = tree.levels[level]
  if (nodes === undefined || !Number.isInteger(index) || index < 0 || index >= 2 ** (tree.height - level)) {
    throw new RangeError(`no node at level ${level}, index ${index} in a tree of height ${tree.height}`)
  }
  const at = index * NODE_SIZE
  return at < nodes.length ? nodes.slice(at, at + NODE_SIZE) : _zeroNodes[level]!.slice()
}

/**
 * Inclusion path of the subtree root at (`level`, `index`): its sibling at each level from
 * `level` to `height − 1`, bottom up (`height − level` nodes).
 *
 * @example
 * merkleProof(tree, 2, 1) // => Success([sibling at level 2, …, child of the root])
 * @category trees
 * @since 0.1.0
 */
export const merkleProof = (
  tree: MerkleTree, level: number, index: number
): Result.Result<ReadonlyArray<Node>, InvalidProofPosition> => {
  // the position is a node of the tree
  if (!Number.isInteger(level) || level < 0 || level > tree.height ||
    !Number.isInteger(index) || index < 0 || index >= 2 ** (tree.height - level)) {
    return Result.fail(new InvalidProofPosition({ level, index: Number.isFinite(index) ? BigInt(Math.trunc(index)) : -1n, height: tree.height }))
  }
  const path: Node[] = []
  let i = index
  for (let k = level; k < tree.height; k++) {
    // sibling = i ^ 1
    path.push(merkleNode(tree, k, i ^ 1))
    i = Math.floor(i / 2)
  }
  return Result.succeed(path)
}

/**
 * The root obtained by folding `node` with its `path`: at step i, `H(sibling, n)` if bit i of
 * `index` is 1 (n is a right child), else `H(n, sibling)`.
 *
 * @example
 * merkleRootFromPath(leaf, 5n, path) // => Success(root)
 * @category trees
 * @since 0.1.0
 */
export const merkleRootFromPath = (
  node: Node, index: bigint, path: ReadonlyArray<Node>, hasher: Hasher = defaultHasher
): Result.Result<Node, InvalidNodeLength | InvalidProofPosition> => {
  // the node and every sibling are 32 bytes
  if (node.length !== NODE_SIZE) return Result.fail(new InvalidNodeLength({ what: "node", length: node.length }))
  for (let i = 0; i < path.length; i++) {
    if (path[i]!.length !== NODE_SIZE) return Result.fail(new InvalidNodeLength({ what: `path[${i}]`, length: path[i]!.length }))
  }
  // the index is a position among 2^path.length subtrees
  if (index < 0n || index >> BigInt(path.length) !== 0n) {
    return Result.fail(new InvalidProofPosition({ level: -1, index, height: path.length }))
  }
  let n = node
  for (let i = 0; i < path.length; i++) {
    n = (index >> BigInt(i)) & 1n ? hashNodeWith(hasher, path[i]!, n) : hashNodeWith(hasher, n, path[i]!)
  }
  return Result.succeed(n)
}

/**
 * Whether `path` proves `node` at position `index` under `root`.
 *
 * @example
 * verifyMerkleProof(root, leaf, 5n, path) // => true
 * @category trees
 * @since 0.1.0
 */
export const verifyMerkleProof = (
  root: Node, node: Node, index: bigint, path: ReadonlyArray<Node>, hasher: Hasher = defaultHasher
): boolean => {
  const r = merkleRootFromPath(node, index, path, hasher)
  return Result.isSuccess(r) && r.success.length === root.length && r.success.every((b, i) => b === root[i])
}
