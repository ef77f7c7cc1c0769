/**
 * The SDR parent cache and its digest, as rust-fil-proofs writes them
 * (filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/cache.rs
 * @ storage-proofs-porep-v19.1.0 `ParentCache::generate`, `cache_path`; the expected digests are
 * in storage-proofs-porep/parent_cache.json at the same tag).
 *
 * - Layout: node-major, 14 parents per node (6 base, 8 expander), each a u32 little-endian;
 *   nodes × 56 bytes.
 * - Digest: sha256 of the whole file, lowercase hex.
 * - File name: `v28-sdr-parent-<hex sha256(H::name() ‖ graph identifier ‖ feistel keys u64 LE ‖
 *   nodes u32 LE)>.cache` with H = Poseidon (`"poseidon_hasher"`, filecoin-hashers/src/poseidon.rs),
 *   the identifier as `StackedGraph`/`BucketGraph` format it (graph.rs, drgraph.rs
 *   `identifier`), and 28 the parameter-cache `VERSION` (storage-proofs-core/src/parameter_cache.rs).
 *   parent_cache.json is keyed by this name, which is how an entry is matched to its porep_id.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { BASE_DEGREE } from "./drg.js"
import { DEGREE, EXP_DEGREE, StackedBucketGraph } from "./expander.js"

/** Parameter cache version in cache file names (parameter_cache.rs `VERSION`). */
export const PARAMETER_CACHE_VERSION = 28

/** The whole parent cache: `nodes × 14` u32 parents, node-major. */
export const parentCache = (graph: StackedBucketGraph, onProgress?: (done: number) => void): Uint32Array => {
  const out = new Uint32Array(graph.nodes * DEGREE)
  for (let v = 0; v < graph.nodes; v++) {
    graph.parentsInto(v, out, v * DEGREE)
    if (onProgress !== undefined && (v & 0xffff) === 0xffff) onProgress(v + 1)
  }
  return out
}

/** The cache's bytes: each u32 little-endian (cache.rs `LittleEndian::write_u32_into`). */
export const parentCacheBytes = (cache: Uint32Array): Uint8Array => {
  const bytes = new Uint8Array(cache.length * 4)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < cache.length; i++) view.setUint32(4 * i, cache[i]!, true)
  return bytes
}

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")

/** sha256 of the cache bytes, lowercase hex (cache.rs `generate`, "consistency digest"). */
export const parentCacheDigest = (cache: Uint32Array): string => toHex(sha256(parentCacheBytes(cache)))

/**
 * The same digest as {@link parentCacheDigest} of {@link parentCache}, computed chunk by chunk
 * without holding the whole cache (for 512 MiB the cache is 16 Mi × 56 bytes = 896 MiB; the
 * streaming digest of a 512 MiB graph took about 51 s in TypeScript on a shared 2-core machine).
 */
export const streamParentCacheDigest = (graph: StackedBucketGraph, onProgress?: (done: number) => void): string => {
  const CHUNK = 1 << 16
  const h = sha256.create()
  const parents = new Uint32Array(CHUNK * DEGREE)
  for (let start = 0; start < graph.nodes; start += CHUNK) {
    const end = Math.min(graph.nodes, start + CHUNK)
    for (let v = start; v < end; v++) graph.parentsInto(v, parents, (v - start) * DEGREE)
    h.update(parentCacheBytes(parents.subarray(0, (end - start) * DEGREE)))
    if (onProgress !== undefined) onProgress(end)
  }
  return toHex(h.digest())
}

/** The graph identifier string (graph.rs `StackedGraph::new` `id`, drgraph.rs `identifier`). */
export const graphIdentifier = (nodes: number): string =>
  `stacked_graph::StackedGraph{expansion_degree: ${EXP_DEGREE} base_graph: ` +
  `drgraph::BucketGraph{size: ${nodes}; degree: ${BASE_DEGREE}; hasher: poseidon_hasher} }`

/** The cache's name, the key of its parent_cache.json entry (cache.rs `cache_path`, without the directory and `.cache`). */
export const parentCacheId = (graph: StackedBucketGraph): string => {
  const enc = new TextEncoder()
  const parts = [enc.encode("poseidon_hasher"), enc.encode(graphIdentifier(graph.nodes))]
  const tail = new Uint8Array(8 * graph.feistelKeys.length + 4)
  const view = new DataView(tail.buffer)
  graph.feistelKeys.forEach((k, i) => {
    view.setUint32(8 * i, k.lo, true)
    view.setUint32(8 * i + 4, k.hi, true)
  })
  view.setUint32(8 * graph.feistelKeys.length, graph.nodes, true)
  parts.push(tail)
  const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) { all.set(p, o); o += p.length }
  return `v${PARAMETER_CACHE_VERSION}-sdr-parent-${toHex(sha256(all))}`
}
