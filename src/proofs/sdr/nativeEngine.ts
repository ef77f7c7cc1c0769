/**
 * The native seal engine (owned by helper `native`): the {@link SealEngine} whose hot paths run
 * in the N-API binding (`../native/`): SDR labels with the CPU's SHA-256 (SHA-NI when present)
 * reading parents from the parent cache, Poseidon trees and column hashes in Montgomery
 * arithmetic on all cores, encoding as Fr additions. Same signatures, preconditions and bytes
 * as `tsEngine` (tested in test/proofs/native/engine.test.ts); a call that breaks a
 * precondition throws a `RangeError`, as the TypeScript engine does.
 *
 * Work is handed to the binding in chunks so that `onProgress` is called as it goes (the calls
 * are synchronous: JS waits, the binding's own threads do the work).
 *
 * The parent cache too (`../native/parents.cc`: ChaCha8 base parents and Feistel expander parents,
 * node ranges on all cores), the same entries as `./parentCache.ts`.
 *
 * Sources: as `./labels.ts` (single.rs, graph.rs @ storage-proofs-porep-v19.1.0), `./treeFlat.ts`
 * (merkletree src/merkle.rs @ v0.23.0; hash.rs `hash_single_column`) and `./encode.ts`.
 *
 * @module
 */
import { availableParallelism } from "node:os"
import * as Result from "effect/Result"
import { loadNative } from "../native/index.js"
import type { NativeBinding } from "../native/interface.js"
import { nativeParentCache } from "../native/parentsNative.js"
import { ensurePoseidonArity } from "../native/poseidonNative.js"
import { COLUMN_ARITIES, POSEIDON_TREE_ARITIES } from "../poseidon/tree.js"
import type { HashProgress, SealEngine } from "./engine.js"
import { DEGREE, type StackedBucketGraph } from "./expander.js"
import type { LabelProgress } from "./labels.js"

/** Nodes labelled per binding call (between progress reports): 2^14, as labels.ts reports. */
const LABEL_CHUNK = 1 << 14
/** Hashes per binding call in trees and columns: 2^16. */
const HASH_CHUNK = 1 << 16
/** Below this many hashes a call stays on one thread. */
const PARALLEL_MIN = 1 << 12

const EMPTY = new Uint8Array(0)

/** Runs a binding call; a typed binding error (bad input) becomes a RangeError with its message. */
const call = <A>(f: () => A): A => {
  try {
    return f()
  } catch (e) {
    if (e instanceof Error && "_tag" in e) throw new RangeError(e.message)
    throw e
  }
}

const isPowerOf = (n: number, arity: number): boolean => {
  if (n < arity) return false
  let m = n
  while (m > 1 && m % arity === 0) m /= arity
  return m === 1
}

/**
 * The engine over a loaded binding, with `threads` threads for trees and column hashes.
 *
 * @example
 * makeNativeEngine(loadNative()!, 2).name // => "native"
 * @category engines
 * @since 0.1.0
 */
export const makeNativeEngine = (native: NativeBinding, threads: number): SealEngine => {
  const threadsFor = (hashes: number): number => (hashes >= PARALLEL_MIN ? threads : 1)

  const labelLayers = (
    graph: StackedBucketGraph, cache: Uint32Array, replicaId: Uint8Array, layers: number, onProgress?: LabelProgress
  ): ReadonlyArray<Uint8Array> => {
    const nodes = graph.nodes
    if (cache.length !== nodes * DEGREE) throw new RangeError(`parent cache of ${cache.length} entries, expected ${nodes * DEGREE}`)
    if (replicaId.length !== 32) throw new RangeError(`replica id of ${replicaId.length} bytes, not 32`)
    if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`layers must be ≥ 1, got ${layers}`)
    const out: Array<Uint8Array> = []
    for (let layer = 1; layer <= layers; layer++) {
      const labels = new Uint8Array(nodes * 32)
      const prev = layer === 1 ? EMPTY : out[layer - 2]!
      for (let begin = 0; begin < nodes; begin += LABEL_CHUNK) {
        const end = Math.min(nodes, begin + LABEL_CHUNK)
        call(() => native.sdrLabelRange(replicaId, layer, cache, prev, labels, begin, end))
        if (onProgress !== undefined) onProgress(layer, end)
      }
      out.push(labels)
    }
    return out
  }

  const poseidonTreeLevels = (arity: number, leaves: Uint8Array, onProgress?: HashProgress): ReadonlyArray<Uint8Array> => {
    if (!POSEIDON_TREE_ARITIES.includes(arity)) throw new RangeError(`unsupported tree arity ${arity}`)
    if (leaves.length % 32 !== 0 || !isPowerOf(leaves.length / 32, arity)) {
      throw new RangeError(`${leaves.length / 32} leaves is not a power of ${arity}`)
    }
    ensurePoseidonArity(native, arity)
    const levels: Array<Uint8Array> = [leaves]
    let hashed = 0
    for (let level = leaves; level.length > 32; ) {
      const next = new Uint8Array(level.length / arity)
      const count = next.length / 32
      for (let g = 0; g < count; g += HASH_CHUNK) {
        const e = Math.min(count, g + HASH_CHUNK)
        call(() => native.poseidonHashNodes(arity, level.subarray(32 * arity * g, 32 * arity * e), next.subarray(32 * g, 32 * e), threadsFor(e - g)))
        hashed += e - g
        if (onProgress !== undefined) onProgress(hashed)
      }
      levels.push(next)
      level = next
    }
    return levels
  }

  const columnHashes = (layers: ReadonlyArray<Uint8Array>, onProgress?: HashProgress): Uint8Array => {
    if (!COLUMN_ARITIES.includes(layers.length)) throw new RangeError(`unsupported column size ${layers.length}`)
    const len = layers[0]!.length
    if (len % 32 !== 0 || layers.some((l) => l.length !== len)) throw new RangeError("layers of different lengths or not whole nodes")
    ensurePoseidonArity(native, layers.length)
    const out = new Uint8Array(len)
    const nodes = len / 32
    for (let j = 0; j < nodes; j += HASH_CHUNK) {
      const e = Math.min(nodes, j + HASH_CHUNK)
      call(() => native.poseidonColumns(layers.map((l) => l.subarray(32 * j, 32 * e)), out.subarray(32 * j, 32 * e), threadsFor(e - j)))
      if (onProgress !== undefined) onProgress(e)
    }
    return out
  }

  const frOp = (op: 0 | 1, a: Uint8Array, b: Uint8Array): Uint8Array => {
    if (a.length !== b.length || a.length % 32 !== 0) throw new RangeError(`lengths ${a.length} and ${b.length}: equal whole nodes expected`)
    const out = new Uint8Array(a.length)
    call(() => native.frOp(op, a, b, out))
    return out
  }

  return {
    name: "native",
    labelLayers,
    poseidonTreeLevels,
    columnHashes,
    encode: (key, data) => frOp(0, data, key),
    decode: (key, replica) => frOp(1, replica, key),
    parentCache: (graph, onProgress) => {
      const r = nativeParentCache(native, graph, threads, onProgress)
      if (Result.isFailure(r)) throw new RangeError(r.failure.message)
      return r.success
    }
  }
}

let engine: SealEngine | undefined

/**
 * The native engine, or undefined when the binding is not available (not built,
 * `FILFLOW_NO_NATIVE=1`, load error). Trees and column hashes use every core
 * (`os.availableParallelism()`, at most 64).
 *
 * @example
 * nativeSealEngine()?.name // => "native" where the binding is built
 * @category engines
 * @since 0.1.0
 */
export const nativeSealEngine = (): SealEngine | undefined => {
  if (engine !== undefined) return engine
  const native = loadNative()
  if (native === undefined) return undefined
  engine = makeNativeEngine(native, Math.max(1, Math.min(64, availableParallelism())))
  return engine
}
