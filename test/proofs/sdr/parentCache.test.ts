/**
 * The parent cache and its digest against Filecoin's own: filecoin-project/rust-fil-proofs
 * storage-proofs-porep/parent_cache.json @ storage-proofs-porep-v19.1.0 lists, for each
 * production graph, the cache file's name (`v28-sdr-parent-<sha256 of hasher name, graph
 * identifier, Feistel keys, node count>`, cache.rs `cache_path`) and the sha256 of its bytes
 * (cache.rs `generate`).  The name ties each entry to one porep_id (through the Feistel keys), so
 * matching both name and digest checks porep_id, ChaCha8, bucket sampling, the parent order of
 * each API version, the Feistel expander and the file layout together.  512 MiB (16 Mi nodes)
 * is listed in the table; in the suite only its name is checked, since its digest takes over a
 * minute in TypeScript (about 51 s each on the shared 2-core machine, ~120 MB resident with the streaming
 * digest).  `FILFLOW_SLOW_SDR=1 npx vitest run test/proofs/sdr/parentCache.test.ts` checks both
 * 512 MiB digests as well.
 */
import { describe, expect, it } from "vitest"
import { DEGREE, StackedBucketGraph } from "../../../src/proofs/sdr/expander.js"
import {
  parentCache, parentCacheBytes, parentCacheDigest, parentCacheId, streamParentCacheDigest
} from "../../../src/proofs/sdr/parentCache.js"
import { type ApiVersion, porepId, type SectorSizeName, sealProofFor } from "../../../src/proofs/sdr/porepId.js"

// storage-proofs-porep/parent_cache.json @ storage-proofs-porep-v19.1.0 (entries for 2 KiB, 8 MiB, 512 MiB)
const PARENT_CACHE_JSON: Record<string, { sector_size: number; digest: string }> = {
  "v28-sdr-parent-3f0eef38bb48af1f48ad65e14eb85b4ebfc167cec18cd81764f6d998836c9899":
    { sector_size: 2048, digest: "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d" },
  "v28-sdr-parent-494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b":
    { sector_size: 2048, digest: "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97" },
  "v28-sdr-parent-5eed212119fd91aa6220a27f31a8966444a9381842bceb3a1ea61525bd47a5b5":
    { sector_size: 8388608, digest: "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab" },
  "v28-sdr-parent-dcdabb0fbe4364bf0ac28b6a18c66de246409fa1a9020a00f33fb3e3053da6dc":
    { sector_size: 8388608, digest: "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce" },
  "v28-sdr-parent-2aa9c77c3e58259481351cc4be2079cc71e1c9af39700866545c043bfa30fb42":
    { sector_size: 536870912, digest: "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5" },
  "v28-sdr-parent-7ba215a1d2345774ab90b8cb1158d296e409d6068819d7b8c7baf0b25d63dc34":
    { sector_size: 536870912, digest: "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a" }
}

const graphOf = (size: SectorSizeName, v: ApiVersion): StackedBucketGraph => {
  const p = sealProofFor(size, v)
  return new StackedBucketGraph(p.sectorSize / 32, porepId(p), v)
}

const entryOf = (g: StackedBucketGraph) => PARENT_CACHE_JSON[parentCacheId(g)]

describe("parent cache (cache.rs, parent_cache.json @ storage-proofs-porep-v19.1.0)", () => {
  it("every small graph's cache name is an entry of parent_cache.json, of its sector size, one per version", () => {
    const names = new Set<string>()
    for (const size of ["2KiB", "8MiB", "512MiB"] as const) {
      for (const v of ["V1_0_0", "V1_1_0"] as const) {
        const g = graphOf(size, v)
        names.add(parentCacheId(g))
        expect(entryOf(g)?.sector_size).toBe(g.nodes * 32)
      }
    }
    expect(names.size).toBe(6)
  })

  for (const size of ["2KiB", "8MiB"] as const) {
    for (const v of ["V1_0_0", "V1_1_0"] as const) {
      it(`${size} ${v}: the digest of the cache equals parent_cache.json's`, () => {
        const g = graphOf(size, v)
        const want = entryOf(g)?.digest
        if (size === "2KiB") {
          const cache = parentCache(g)
          expect(cache.length).toBe(g.nodes * DEGREE)
          expect(parentCacheDigest(cache)).toBe(want)
        }
        // 8 MiB: 262144 nodes, four chunks of the streaming digest
        expect(streamParentCacheDigest(g)).toBe(want)
      }, 30_000)
    }
  }

  for (const v of ["V1_0_0", "V1_1_0"] as const) {
    it.runIf(process.env.FILFLOW_SLOW_SDR === "1")(`512MiB ${v}: the digest equals parent_cache.json's (slow, opt-in)`, () => {
      const g = graphOf("512MiB", v)
      expect(streamParentCacheDigest(g)).toBe(entryOf(g)?.digest)
    }, 600_000)
  }

  it("a wrong parent order or a wrong porep_id changes the digest (the check can fail)", () => {
    const p = sealProofFor("2KiB", "V1_1_0")
    const wrongOrder = new StackedBucketGraph(64, porepId(p), "V1_0_0")
    const wrongId = new StackedBucketGraph(64, porepId(sealProofFor("2KiB", "V1_0_0")), "V1_1_0")
    const want = entryOf(graphOf("2KiB", "V1_1_0"))?.digest
    expect(parentCacheDigest(parentCache(wrongOrder))).not.toBe(want)
    expect(parentCacheDigest(parentCache(wrongId))).not.toBe(want)
  })

  it("layout: node-major, 14 u32 little-endian per node, base parents then expander parents", () => {
    const g = graphOf("2KiB", "V1_1_0")
    const bytes = parentCacheBytes(parentCache(g))
    const view = new DataView(bytes.buffer)
    expect(bytes.length).toBe(64 * DEGREE * 4)
    const node = 37
    const want = [...g.base.parents(node)]
    const exp = new Uint32Array(8)
    g.expandedParentsInto(node, exp)
    want.push(...exp)
    expect(Array.from({ length: DEGREE }, (_, i) => view.getUint32((node * DEGREE + i) * 4, true))).toEqual(want)
    for (const p of exp) expect(p).toBeLessThan(64)
  })
})
