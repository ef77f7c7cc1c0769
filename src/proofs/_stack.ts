/**
 * Internal: the stack of pending subtree roots used to fold a left-to-right sequence of aligned
 * subtrees into one root
 * (filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0
 * `compute_comm_d`; the same fold as
 * a binary counter). At most one node per level is pending, so memory is `32 · height` bytes.
 *
 * Sources: filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0;
 * filecoin-project/go-commp-utils commd.go @ v2.1.0 (`PieceAggregateCommP`).
 *
 * @module
 */
import type { Hasher, Node } from "./interface.js"
import { NODE_SIZE } from "./node.js"
import { _zeroNodes } from "./zerocomm.js"

/**
 * Pending subtree roots, levels strictly decreasing from bottom to top, in left-to-right order.
 * Each pushed subtree must start where the previous one ended and be no taller than the top
 * (so its offset is a multiple of its size).
 */
export class _PendingNodes {
  private readonly nodes: Node[] = []
  private readonly levels: number[] = []
  private readonly pair = new Uint8Array(2 * NODE_SIZE)

  constructor(private readonly hasher: Hasher) {}

  /** A copy of this stack (the nodes are shared; they are never mutated). */
  clone(): _PendingNodes {
    const copy = new _PendingNodes(this.hasher)
    copy.nodes.push(...this.nodes)
    copy.levels.push(...this.levels)
    return copy
  }

  /** Number of pending nodes. */
  get size(): number {
    return this.nodes.length
  }

  /** `H(left, right)` through the hasher. */
  hash(left: Node, right: Node): Node {
    this.pair.set(left, 0)
    this.pair.set(right, NODE_SIZE)
    const out = new Uint8Array(NODE_SIZE)
    this.hasher.hashPairs(this.pair, out)
    return out
  }

  /**
   * Pushes the root of the next subtree (at `level`), merging equal levels:
   * while the top has the same level, replace both by `H(top, node)` one level up.
   *
   * @throws {RangeError} if `level` is above the top's level (an unaligned subtree).
   */
  push(node: Node, level: number): void {
    let n = node
    let l = level
    const top = this.levels[this.levels.length - 1]
    if (top !== undefined && top < l) throw new RangeError(`subtree at level ${l} pushed after one at level ${top}`)
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === l) {
      n = this.hash(this.nodes.pop()!, n)
      this.levels.pop()
      l++
    }
    this.nodes.push(n)
    this.levels.push(l)
  }

  /**
   * The root at `height` of the pushed subtrees followed by zeros (the stack is unchanged):
   * fold from the top, pairing each node with its left neighbour when that one is at the same
   * level and with the zero subtree of its level on the right otherwise.
   *
   * @throws {RangeError} if nothing was pushed or the subtrees do not fit in `height`.
   */
  root(height: number): Node {
    let i = this.nodes.length - 1
    if (i < 0) throw new RangeError("no subtree pushed")
    let n = this.nodes[i]!
    let l = this.levels[i]!
    i--
    while (l < height) {
      if (i >= 0 && this.levels[i] === l) {
        n = this.hash(this.nodes[i]!, n)
        i--
      } else {
        n = this.hash(n, _zeroNodes[l]!)
      }
      l++
    }
    if (i >= 0 || l > height) throw new RangeError(`subtrees do not fit in a tree of height ${height}`)
    return n
  }
}
