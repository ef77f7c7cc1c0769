/**
 * Poseidon, Poseidon trees and column hashes on the native binding, over flat byte arrays
 * (`nodes × 32` bytes), with the same typed errors as the TypeScript reference
 * (`../poseidon/tree.ts`): the binding registers each arity's prepared constants
 * (`./poseidonPrepare.ts`) on first use.
 *
 * Sources: filecoin-project/merkletree src/merkle.rs @ v0.23.0 (tree layout: leaves, then each
 * level hashing consecutive groups of `arity` nodes); filecoin-project/rust-fil-proofs
 * storage-proofs-porep/src/stacked/vanilla/hash.rs @ storage-proofs-porep-v19.1.0
 * (`hash_single_column`: the column of node j, layer 1 first, arity = layer count 2 or 11);
 * filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0 (nodes are canonical reprs).
 *
 * @module
 */
import * as Result from "effect/Result"
import { poseidonConstants } from "../poseidon/constants.js"
import { FrNonCanonical } from "../poseidon/field.js"
import {
  COLUMN_ARITIES, InvalidLeafCount, InvalidTreeDataLength, LayerLengthMismatch, POSEIDON_TREE_ARITIES,
  UnsupportedColumnSize, UnsupportedTreeArity
} from "../poseidon/tree.js"
import { NativeNonCanonical } from "./index.js"
import type { NativeBinding } from "./interface.js"
import { preparePoseidonBytes } from "./poseidonPrepare.js"

/** Below this many hashes a call stays on one thread (starting threads costs more). */
const PARALLEL_MIN = 1 << 12

const registered = new WeakMap<NativeBinding, Set<number>>()

/**
 * Registers `arity`'s prepared constants with the binding, once per binding and arity (arities
 * 1 … 36 always have constants); the raw `poseidonHashNodes` / `poseidonColumns` need it first.
 *
 * @category poseidon
 * @since 0.1.0
 */
export const ensurePoseidonArity = (native: NativeBinding, arity: number): void => {
  let known = registered.get(native)
  if (known === undefined) registered.set(native, (known = new Set()))
  if (known.has(arity)) return
  const c = Result.getOrThrow(poseidonConstants(arity))
  native.poseidonRegister(arity, c.fullRounds, c.partialRounds, preparePoseidonBytes(c))
  known.add(arity)
}

const threadsFor = (hashes: number, threads: number): number => (hashes >= PARALLEL_MIN ? threads : 1)

/** Runs a binding call, turning its `NativeNonCanonical` into the reference's `FrNonCanonical`. */
const guarded = <A>(f: () => A, index: (e: NativeNonCanonical) => number): Result.Result<A, FrNonCanonical> => {
  try {
    return Result.succeed(f())
  } catch (e) {
    if (e instanceof NativeNonCanonical) return Result.fail(new FrNonCanonical({ length: 32, index: index(e) }))
    throw e
  }
}

/**
 * Poseidon (`HashType::MerkleTree`) of each consecutive group of `arity` 32-byte nodes of `input`:
 * 32 bytes per group. `FrNonCanonical.index` is the first bad node of `input`.
 *
 * @example
 * nativePoseidonHashNodes(native, 2, new Uint8Array(64)) // => Success(Poseidon_2(0, 0))
 * @category poseidon
 * @since 0.1.0
 */
export const nativePoseidonHashNodes = (
  native: NativeBinding, arity: number, input: Uint8Array, threads = 1
): Result.Result<Uint8Array, InvalidTreeDataLength | FrNonCanonical> => {
  if (input.length % (32 * arity) !== 0) return Result.fail(new InvalidTreeDataLength({ length: input.length }))
  ensurePoseidonArity(native, arity)
  const out = new Uint8Array(input.length / arity)
  return guarded(() => {
    native.poseidonHashNodes(arity, input, out, threadsFor(out.length / 32, threads))
    return out
  }, (e) => e.index)
}

/**
 * Every level of the `arity`-ary Poseidon tree over the flat `leaves` (`arity^k × 32` bytes,
 * k ≥ 1), leaves first (the given array itself, not a copy) and the 32-byte root last.
 * `FrNonCanonical.index` is the first non-canonical leaf.
 *
 * @example
 * nativePoseidonTreeLevels(native, 8, leaves) // => Success([leaves, level 1, …, root])
 * @category poseidon
 * @since 0.1.0
 */
export const nativePoseidonTreeLevels = (
  native: NativeBinding, arity: number, leaves: Uint8Array, threads = 1
): Result.Result<ReadonlyArray<Uint8Array>, UnsupportedTreeArity | InvalidLeafCount | InvalidTreeDataLength | FrNonCanonical> => {
  if (!POSEIDON_TREE_ARITIES.includes(arity)) return Result.fail(new UnsupportedTreeArity({ arity }))
  if (leaves.length % 32 !== 0) return Result.fail(new InvalidTreeDataLength({ length: leaves.length }))
  const count = leaves.length / 32
  let n = count
  while (n > 1 && n % arity === 0) n /= arity
  if (n !== 1 || count < arity) return Result.fail(new InvalidLeafCount({ arity, leaves: count }))
  ensurePoseidonArity(native, arity)
  // all levels above the leaves in one buffer: count/arity + count/arity² + … + 1 nodes
  let above = 0
  for (let m = count / arity; m >= 1; m /= arity) above += m
  const buffer = new Uint8Array(32 * above)
  const levels: Array<Uint8Array> = [leaves]
  let offset = 0
  return guarded(() => {
    for (let level = leaves; level.length > 32; ) {
      const next = buffer.subarray(offset, offset + level.length / arity)
      native.poseidonHashNodes(arity, level, next, threadsFor(next.length / 32, threads))
      offset += next.length
      levels.push(next)
      level = next
    }
    return levels
  }, (e) => e.index)
}

/**
 * tree_c's leaves: the column hash of every node over the flat `layers` (2 or 11, layer 1 first,
 * equal lengths, a multiple of 32). `FrNonCanonical.index` is the layer (0-based) of the first
 * bad label within the first bad column, as the reference's `columnHash` reports it.
 *
 * @example
 * nativeColumnHashes(native, [layer1, layer2]) // => Success(nodes × 32 bytes)
 * @category poseidon
 * @since 0.1.0
 */
export const nativeColumnHashes = (
  native: NativeBinding, layers: ReadonlyArray<Uint8Array>, threads = 1
): Result.Result<Uint8Array, UnsupportedColumnSize | InvalidTreeDataLength | LayerLengthMismatch | FrNonCanonical> => {
  if (!COLUMN_ARITIES.includes(layers.length)) return Result.fail(new UnsupportedColumnSize({ size: layers.length }))
  const expected = layers[0]!.length
  if (expected % 32 !== 0) return Result.fail(new InvalidTreeDataLength({ length: expected }))
  const bad = layers.findIndex((l) => l.length !== expected)
  if (bad >= 0) return Result.fail(new LayerLengthMismatch({ layer: bad + 1, length: layers[bad]!.length, expected }))
  ensurePoseidonArity(native, layers.length)
  const out = new Uint8Array(expected)
  return guarded(() => {
    native.poseidonColumns(layers, out, threadsFor(expected / 32, threads))
    return out
  }, (e) => e.index % layers.length)
}
