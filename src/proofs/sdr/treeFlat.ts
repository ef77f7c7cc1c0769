/**
 * Poseidon Merkle trees and column hashes over FLAT node arrays (`nodes × 32` bytes), the form
 * sealing keeps its layers in: the same trees as `poseidon/tree.ts` (`poseidonTreeLayers`,
 * `treeCLeaves`), which take arrays of 32-byte nodes and are the reference these are tested
 * against.
 *
 * - {@link poseidonTreeLevels}: merkletree's `MerkleTree<PoseidonDomain, PoseidonFunction, _, U{arity}>`
 *   (filecoin-project/merkletree src/merkle.rs @ v0.23.0): leaves are the nodes themselves, each
 *   level above hashes consecutive groups of `arity` nodes with Poseidon of that arity
 *   (filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0 `multi_node`); the root is last.
 *   tree_r_last of the 2 KiB, 8 MiB and 512 MiB sectors is one 8-ary tree over the replica
 *   (filecoin-proofs/src/constants.rs @ filecoin-proofs-v19.1.0 `SectorShapeBase`), and so is tree_c over the column hashes.
 * - {@link columnHashes}: tree_c's leaves, leaf j = Poseidon over node j's label in layers 1 … L
 *   with arity L (storage-proofs-porep/src/stacked/vanilla/hash.rs @ storage-proofs-porep-v19.1.0
 *   `hash_single_column`; proof.rs `generate_tree_c_cpu`).
 *
 * @module
 */
import * as Result from "effect/Result"
import { poseidonConstants } from "../poseidon/constants.js"
import { FR_MODULUS } from "../poseidon/field.js"
import type { PoseidonConstants } from "../poseidon/interface.js"
import { poseidonPermutation } from "../poseidon/poseidon.js"
import { COLUMN_ARITIES, POSEIDON_TREE_ARITIES } from "../poseidon/tree.js"

/** The 32-byte little-endian node at `bytes[o …]` as a field element, or −1n if it is ≥ r. */
const readFr = (view: DataView, o: number): bigint => {
  const n = view.getBigUint64(o, true) | (view.getBigUint64(o + 8, true) << 64n) |
    (view.getBigUint64(o + 16, true) << 128n) | (view.getBigUint64(o + 24, true) << 192n)
  return n < FR_MODULUS ? n : -1n
}

const writeFr = (view: DataView, o: number, n: bigint): void => {
  const m = 0xffffffffffffffffn
  view.setBigUint64(o, n & m, true)
  view.setBigUint64(o + 8, (n >> 64n) & m, true)
  view.setBigUint64(o + 16, (n >> 128n) & m, true)
  view.setBigUint64(o + 24, n >> 192n, true)
}

const viewOf = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength)

const constantsOf = (arity: number): PoseidonConstants => {
  const c = poseidonConstants(arity)
  if (Result.isFailure(c)) throw new RangeError(`no Poseidon constants for arity ${arity}`)
  return c.success
}

/** Whether `n` is arity^k for some k ≥ 1. */
const isPowerOf = (n: number, arity: number): boolean => {
  if (n < arity) return false
  let m = n
  while (m > 1 && m % arity === 0) m /= arity
  return m === 1
}

/**
 * Every level of the Poseidon tree of `arity` over `leaves` (flat), leaves first, the one-node
 * root level last. The leaves level is `leaves` itself (not copied).
 *
 * @throws {RangeError} for an arity other than 2, 4, 8, 16, a leaf count that is not a power
 *   of the arity (at least the arity), or a leaf that is not a canonical field element.
 * @example
 * poseidonTreeLevels(8, replica) // => [replica, nodes/8 × 32 bytes, …, 32-byte root]
 * @category trees
 * @since 0.1.0
 */
export const poseidonTreeLevels = (
  arity: number, leaves: Uint8Array, onProgress?: (hashed: number) => void
): ReadonlyArray<Uint8Array> => {
  // an arity multi_node hashes
  if (!POSEIDON_TREE_ARITIES.includes(arity)) throw new RangeError(`unsupported tree arity ${arity}`)
  // whole nodes, arity^k of them
  if (leaves.length % 32 !== 0 || !isPowerOf(leaves.length / 32, arity)) {
    throw new RangeError(`${leaves.length / 32} leaves is not a power of ${arity}`)
  }
  const c = constantsOf(arity)
  const levels: Array<Uint8Array> = [leaves]
  const state = new Array<bigint>(arity + 1)
  let hashed = 0
  let level = leaves
  while (level.length > 32) {
    const inView = viewOf(level)
    const next = new Uint8Array(level.length / arity)
    const outView = viewOf(next)
    for (let g = 0; g < next.length / 32; g++) {
      state[0] = c.domainTag
      for (let k = 0; k < arity; k++) {
        const x = readFr(inView, (g * arity + k) * 32)
        if (x < 0n) throw new RangeError(`tree node ${g * arity + k} of level ${levels.length - 1} is not a field element`)
        state[k + 1] = x
      }
      writeFr(outView, g * 32, poseidonPermutation(c, state)[1]!)
      hashed++
      if (onProgress !== undefined && (hashed & 0x3ff) === 0) onProgress(hashed)
    }
    levels.push(next)
    level = next
  }
  return levels
}

/**
 * tree_c's leaves: for each node j, Poseidon (arity = number of layers: 2 or 11) over its label
 * in every layer, layer 1 first (`hash_single_column`), as one flat array.
 *
 * @throws {RangeError} for a layer count other than 2 or 11, layers of different lengths or not
 *   whole nodes, or a label that is not a canonical field element.
 * @example
 * columnHashes([layer1, layer2]) // => nodes × 32 bytes
 * @category trees
 * @since 0.1.0
 */
export const columnHashes = (
  layers: ReadonlyArray<Uint8Array>, onProgress?: (hashed: number) => void
): Uint8Array => {
  // 2 or 11 layers
  if (!COLUMN_ARITIES.includes(layers.length)) throw new RangeError(`unsupported column size ${layers.length}`)
  // every layer as long as layer 1, whole nodes
  const len = layers[0]!.length
  if (len % 32 !== 0 || layers.some((l) => l.length !== len)) throw new RangeError("layers of different lengths or not whole nodes")
  const c = constantsOf(layers.length)
  const views = layers.map(viewOf)
  const out = new Uint8Array(len)
  const outView = viewOf(out)
  const state = new Array<bigint>(layers.length + 1)
  for (let j = 0; j < len / 32; j++) {
    state[0] = c.domainTag
    for (let l = 0; l < views.length; l++) {
      const x = readFr(views[l]!, j * 32)
      if (x < 0n) throw new RangeError(`label ${j} of layer ${l + 1} is not a field element`)
      state[l + 1] = x
    }
    writeFr(outView, j * 32, poseidonPermutation(c, state)[1]!)
    if (onProgress !== undefined && ((j + 1) & 0x3ff) === 0) onProgress(j + 1)
  }
  return out
}
