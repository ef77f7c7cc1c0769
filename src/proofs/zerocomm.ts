/**
 * Zero-piece commitments: the root of an all-zero tree at every level, computed level by level
 * by hashing the previous level's zero node with itself — never by materialising zeros, so the
 * 32 GiB and 64 GiB entries cost 30 and 31 hashes.
 *
 * Level 0 is the zero leaf (32 zero bytes, the Fr32 padding of zeros is zeros); level k is the
 * commitment of `32 · 2^k` zero bytes, i.e. of the padded zero piece of that size. go-commp-utils
 * indexes the same table from 128 B (`zerocomm.PieceComms`, index `trailing_zeros(size) − 7`).
 * The sector-size rows are the empty-sector CommD (builtin-actors `commd.rs` `ZERO_COMMD_HASH`).
 *
 * Sources: filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0 (`PieceComms`);
 * filecoin-project/builtin-actors actors/miner/src/commd.rs @ v18.0.0 (`ZERO_COMMD_HASH`).
 *
 * @module
 */
import type { Node, PaddedPieceSize } from "./interface.js"
import { hashNode, NODE_SIZE } from "./node.js"
import { MAX_PIECE_HEIGHT, treeHeight } from "./piece.js"

/**
 * Highest level in the table: 58 (= {@link MAX_PIECE_HEIGHT}; 32 · 2^58 = 2^63 bytes).
 *
 * @since 0.1.0
 */
export const MAX_ZERO_LEVEL = MAX_PIECE_HEIGHT

/**
 * The table, shared and never mutated: `_zeroNodes[k]` = root of `32 · 2^k` zero bytes.
 * Internal — callers get copies from {@link zeroNode}.
 */
export const _zeroNodes: ReadonlyArray<Node> = (() => {
  const levels: Node[] = [new Uint8Array(NODE_SIZE)]
  // zero(k) = H(zero(k − 1), zero(k − 1))
  for (let k = 1; k <= MAX_ZERO_LEVEL; k++) levels.push(hashNode(levels[k - 1]!, levels[k - 1]!))
  return levels
})()

/**
 * The commitment of `32 · 2^level` zero bytes (a copy).
 *
 * @throws {RangeError} if `level` is not an integer in 0 … 58.
 * @example
 * toHex(zeroNode(2)) // => "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333" (128 B)
 * @category commitments
 * @since 0.1.0
 */
export const zeroNode = (level: number): Node => {
  const node = _zeroNodes[level]
  if (node === undefined || !Number.isInteger(level)) throw new RangeError(`zero level must be in 0..${MAX_ZERO_LEVEL}, got ${level}`)
  return node.slice()
}

/**
 * CommP of the all-zero piece of padded size `size` (= the empty-sector CommD for a sector size).
 *
 * @example
 * toHex(zeroPieceCommitment(Result.getOrThrow(paddedPieceSize(34359738368n)))))
 * // => "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e" (32 GiB)
 * @category commitments
 * @since 0.1.0
 */
export const zeroPieceCommitment = (size: PaddedPieceSize): Node => zeroNode(treeHeight(size))
