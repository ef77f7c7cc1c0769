/**
 * The seal engine: the five hot paths of sealing behind one small interface, so that the pure
 * TypeScript reference ({@link tsEngine}) and the native binding's engine (helper `native`,
 * `nativeSealEngine` in `./nativeEngine.ts`) are interchangeable and can be checked byte for
 * byte against each other.
 *
 * Every function takes inputs already checked by its caller (`seal.ts`, `unseal`): equal
 * lengths, whole nodes, canonical field elements, a parent cache of `nodes × 14` entries.  An
 * engine may throw `RangeError` on inputs that break those preconditions; it never returns a
 * wrong answer for them silently.
 *
 * @module
 */
import { _decodeUnchecked, _encodeUnchecked } from "./encode.js"
import type { StackedBucketGraph } from "./expander.js"
import { type LabelProgress, labelLayers } from "./labels.js"
import { nativeSealEngine } from "./nativeEngine.js"
import { columnHashes, poseidonTreeLevels } from "./treeFlat.js"

/** Progress of a tree or column-hash computation: hashes done so far. @since 0.1.0 */
export type HashProgress = (hashed: number) => void

/** The hot paths of sealing (see the module comment for the preconditions). @since 0.1.0 */
export interface SealEngine {
  /** "ts" or "native". */
  readonly name: string
  /** Every layer's labels, layer 1 first, each `nodes × 32` bytes (labels.ts `labelLayers`). */
  labelLayers(
    graph: StackedBucketGraph, cache: Uint32Array, replicaId: Uint8Array, layers: number, onProgress?: LabelProgress
  ): ReadonlyArray<Uint8Array>
  /** Every level of the Poseidon tree of `arity` over flat `leaves`, leaves first, root last (treeFlat.ts). */
  poseidonTreeLevels(arity: number, leaves: Uint8Array, onProgress?: HashProgress): ReadonlyArray<Uint8Array>
  /** tree_c's leaves: one column hash per node over all layers (treeFlat.ts `columnHashes`). */
  columnHashes(layers: ReadonlyArray<Uint8Array>, onProgress?: HashProgress): Uint8Array
  /** replica = data + key in Fr, node by node (encode.ts). */
  encode(key: Uint8Array, data: Uint8Array): Uint8Array
  /** data = replica − key in Fr, node by node (encode.ts). */
  decode(key: Uint8Array, replica: Uint8Array): Uint8Array
  /**
   * Optional: the whole parent cache of `graph`, the same `nodes × 14` entries as parentCache.ts
   * `parentCache` (`onProgress(nodesDone)` as it goes). Without it seal.ts uses `parentCache`.
   */
  parentCache?(graph: StackedBucketGraph, onProgress?: (done: number) => void): Uint32Array
}

/**
 * The pure TypeScript engine: the reference.
 *
 * @example
 * tsEngine.name // => "ts"
 * @category engines
 * @since 0.1.0
 */
export const tsEngine: SealEngine = {
  name: "ts",
  labelLayers,
  poseidonTreeLevels,
  columnHashes,
  encode: _encodeUnchecked,
  decode: _decodeUnchecked
}

/**
 * The engine used when none is passed: the native one when the binding loads and
 * `FILFLOW_NO_NATIVE` is unset, else {@link tsEngine}.  Both give the same bytes.
 *
 * @example
 * defaultEngine().name // => "native" where the binding provides an engine, "ts" otherwise
 * @category engines
 * @since 0.1.0
 */
export const defaultEngine = (): SealEngine => {
  const noNative = process.env["FILFLOW_NO_NATIVE"]
  if (noNative !== undefined && noNative !== "" && noNative !== "0") return tsEngine
  return nativeSealEngine() ?? tsEngine
}
