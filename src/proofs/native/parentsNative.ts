/**
 * The SDR parent cache on the native binding (`parents.cc`): the same `nodes × 14` entries as
 * `../sdr/parentCache.ts` `parentCache`, node ranges split over threads.
 *
 * Sources (as the TypeScript reference): filecoin-project/rust-fil-proofs
 * storage-proofs-core/src/drgraph.rs @ storage-proofs-core-v19.1.0 (`BucketGraph::parents`: bucket
 * sampling with ChaCha8 seeded from the DRG seed and the node), storage-proofs-core/src/crypto/feistel.rs
 * @ the same tag (`permute`), storage-proofs-porep/src/stacked/vanilla/graph.rs
 * @ storage-proofs-porep-v19.1.0 (`generate_expanded_parents`, `parents`). Each node's parents
 * depend on the node alone, so any range can be computed by itself.
 *
 * @module
 */
import * as Result from "effect/Result"
import type { StackedBucketGraph } from "../sdr/expander.js"
import {
  NativeDetachedBuffer, NativeInvalidArgument, type NativeInputError, NativeInvalidLength, NativeNonCanonical,
  NativeNotPowerOfTwo
} from "./index.js"
import type { NativeBinding } from "./interface.js"

/** Parents per node (graph.rs `DEGREE`). */
const DEGREE = 14
/** Nodes per binding call of {@link nativeParentCache} (between progress reports). */
const CHUNK = 1 << 20
/** Below this many nodes a call stays on one thread. */
const PARALLEL_MIN = 1 << 12

/** The graph's Feistel keys as 32 bytes, four u64 little-endian (graph.rs `derive_feistel_keys`). */
const keyBytes = (graph: StackedBucketGraph): Uint8Array => {
  const out = new Uint8Array(32)
  const view = new DataView(out.buffer)
  graph.feistelKeys.forEach((k, i) => {
    view.setUint32(8 * i, k.lo, true)
    view.setUint32(8 * i + 4, k.hi, true)
  })
  return out
}

const isInputError = (e: unknown): e is NativeInputError =>
  e instanceof NativeInvalidLength || e instanceof NativeInvalidArgument || e instanceof NativeNotPowerOfTwo ||
  e instanceof NativeDetachedBuffer || e instanceof NativeNonCanonical

/**
 * The parent-cache entries of nodes `begin … end − 1` of `graph` (`14·(end − begin)` entries), on
 * `threads` threads. A range outside the graph, a thread count outside 1 … 64 or a graph the
 * binding cannot take (more than 2^29 nodes) is a typed error.
 *
 * @example
 * nativeParentRange(native, graph, 0, 64, 1) // => Success(Uint32Array(896)), equal to parentCache(graph) for 2 KiB
 * nativeParentRange(native, graph, 10, 5, 1) // => Failure(NativeInvalidArgument)
 * @category sdr
 * @since 0.1.0
 */
export const nativeParentRange = (
  native: NativeBinding, graph: StackedBucketGraph, begin: number, end: number, threads: number
): Result.Result<Uint32Array, NativeInputError> => {
  const fn = "sdrParentRange"
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < begin || end > graph.nodes) {
    return Result.fail(new NativeInvalidArgument({ fn, message: `${fn}: need 0 ≤ begin ≤ end ≤ ${graph.nodes}, got ${begin}, ${end}` }))
  }
  try {
    const out = new Uint32Array(DEGREE * (end - begin))
    native.sdrParentRange(graph.base.seed, keyBytes(graph), graph.nodes, graph.apiVersion === "V1_0_0" ? 0 : 1, out, begin, end, threads)
    return Result.succeed(out)
  } catch (e) {
    if (isInputError(e)) return Result.fail(e)
    throw e
  }
}

/**
 * The whole parent cache of `graph` (`nodes × 14` entries, as `parentCache(graph)`), computed in
 * chunks of 2^20 nodes (each split over `threads` threads), `onProgress(nodesDone)` after each.
 *
 * @example
 * nativeParentCache(native, graph, 2) // => Success(Uint32Array(nodes × 14))
 * @category sdr
 * @since 0.1.0
 */
export const nativeParentCache = (
  native: NativeBinding, graph: StackedBucketGraph, threads: number, onProgress?: (done: number) => void
): Result.Result<Uint32Array, NativeInputError> => {
  const fn = "sdrParentRange"
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    return Result.fail(new NativeInvalidArgument({ fn, message: `${fn}: threads must be an integer in 1..64, got ${threads}` }))
  }
  const nodes = graph.nodes
  const out = new Uint32Array(DEGREE * nodes)
  const seed = graph.base.seed
  const keys = keyBytes(graph)
  const api = graph.apiVersion === "V1_0_0" ? 0 : 1
  try {
    for (let begin = 0; begin < nodes; begin += CHUNK) {
      const end = Math.min(nodes, begin + CHUNK)
      native.sdrParentRange(seed, keys, nodes, api, out.subarray(DEGREE * begin, DEGREE * end), begin, end, end - begin >= PARALLEL_MIN ? threads : 1)
      if (onProgress !== undefined) onProgress(end)
    }
  } catch (e) {
    if (isInputError(e)) return Result.fail(e)
    throw e
  }
  return Result.succeed(out)
}
