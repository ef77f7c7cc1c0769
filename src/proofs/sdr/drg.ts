/**
 * The DRG base parents of Stacked DRG: BucketGraph, bucket sampling with ChaCha8
 * (filecoin-project/rust-fil-proofs storage-proofs-core/src/drgraph.rs @ storage-proofs-core-v19.1.0
 * `BucketGraph::parents`, `derive_drg_seed`; storage-proofs-core/src/crypto/mod.rs
 * `derive_porep_domain_seed`, `DRSAMPLE_DST`).
 *
 * - seed = sha256("Filecoin_DRSample" ‖ porep_id)[0..28]; node v's generator is
 *   ChaCha8Rng(seed ‖ v as u32 LE).
 * - Nodes 0 and 1: all `BASE_DEGREE` parents are 0.
 * - Node v ≥ 2: m' = 5, metagraph node M = v·m', buckets = ⌈log2 M⌉.  For each of m' parents:
 *   bucket b = (rng.u64 mod buckets) + 1, largest = min(M, 2^b), smallest = max(2, largest / 2),
 *   distance = smallest + rng.u64 mod (largest − smallest + 1), parent = ⌊(M − distance)/m'⌋,
 *   replaced by v − 1 if it equals v.  The predecessor v − 1 is written last (index 5) under API
 *   1.0.0 and first (index 0, the others shifted to 1…5) under 1.1.0.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { ChaChaRng } from "./chacha8.js"
import type { ApiVersion } from "./porepId.js"

/** Base degree of every DRG (drgraph.rs `BASE_DEGREE`). */
export const BASE_DEGREE = 6

/** Domain separation tag of the DRG seed (crypto/mod.rs `DRSAMPLE_DST`). */
export const DRSAMPLE_DST = "Filecoin_DRSample"

/** sha256(tag ‖ porep_id) (crypto/mod.rs `derive_porep_domain_seed`). */
export const derivePorepDomainSeed = (tag: string, porepId: Uint8Array): Uint8Array => {
  const tagBytes = new TextEncoder().encode(tag)
  const buf = new Uint8Array(tagBytes.length + porepId.length)
  buf.set(tagBytes, 0)
  buf.set(porepId, tagBytes.length)
  return sha256(buf)
}

/** The 28-byte DRG seed (drgraph.rs `derive_drg_seed`). */
export const deriveDrgSeed = (porepId: Uint8Array): Uint8Array =>
  derivePorepDomainSeed(DRSAMPLE_DST, porepId).slice(0, 28)

/**
 * ⌈log2 x⌉ for an integer 2 ≤ x < 2^53: the bit length of x − 1.  Equal to Rust's
 * `(x as f64).log2().ceil()` there (log2 is exact at powers of two, and elsewhere at least
 * 2^-27 from an integer for x < 2^27, far above f64 rounding; larger x are handled exactly too).
 */
export const ceilLog2 = (x: number): number =>
  x <= 0x100000000 ? 32 - Math.clz32(x - 1) : 32 + ceilLog2(Math.ceil(x / 0x100000000))

/** A BucketGraph: `nodes` nodes, porep_id's DRG seed, parent order of `apiVersion`. */
export class BucketGraph {
  readonly seed: Uint8Array
  private readonly rngSeed = new Uint8Array(32)
  private readonly rng: ChaChaRng

  constructor(readonly nodes: number, porepId: Uint8Array, readonly apiVersion: ApiVersion) {
    if (!Number.isInteger(nodes) || nodes < 2 || nodes > 0xffffffff) throw new RangeError("nodes must be in 2 … 2^32 − 1")
    this.seed = deriveDrgSeed(porepId)
    this.rngSeed.set(this.seed, 0)
    this.rng = new ChaChaRng(this.rngSeed, 8)
  }

  /** Writes node's 6 base parents into `out[offset … offset + 6)` (drgraph.rs `parents`). */
  parentsInto(node: number, out: Uint32Array, offset = 0): void {
    if (node < 2) {
      out.fill(0, offset, offset + BASE_DEGREE)
      return
    }
    const s = this.rngSeed
    s[28] = node & 0xff; s[29] = (node >>> 8) & 0xff; s[30] = (node >>> 16) & 0xff; s[31] = node >>> 24
    const rng = this.rng
    rng.reseed(s)
    const mPrime = BASE_DEGREE - 1
    const metagraphNode = node * mPrime
    const nBuckets = ceilLog2(metagraphNode)
    const v1 = this.apiVersion === "V1_0_0"
    const first = v1 ? offset : offset + 1
    for (let k = 0; k < mPrime; k++) {
      const bucketIndex = rng.nextU64Mod(nBuckets) + 1
      const largest = Math.min(metagraphNode, 2 ** bucketIndex)
      const smallest = Math.max(2, Math.floor(largest / 2))
      const distance = smallest + rng.nextU64Mod(largest - smallest + 1)
      const mapped = Math.floor((metagraphNode - distance) / mPrime)
      out[first + k] = mapped === node ? node - 1 : mapped
    }
    // the immediate predecessor: last under 1.0.0, first under 1.1.0
    out[v1 ? offset + mPrime : offset] = node - 1
  }

  /** Node's 6 base parents as a fresh array. */
  parents(node: number): Uint32Array {
    const out = new Uint32Array(BASE_DEGREE)
    this.parentsInto(node, out)
    return out
  }
}
