/**
 * The native parent cache (`parents.cc` through `nativeParentRange` / `nativeParentCache` and the
 * native engine's `parentCache`) against the TypeScript reference (`src/proofs/sdr/parentCache.ts`,
 * `expander.ts`, `drg.ts`, helper `seal`) and against Filecoin's own digests.
 *
 * Known answers: filecoin-project/rust-fil-proofs storage-proofs-porep/parent_cache.json
 * @ storage-proofs-porep-v19.1.0, the sha256 of the whole cache file (cache.rs `ParentCache::generate`,
 * u32 LE node-major) for 2 KiB, 8 MiB and 512 MiB, V1 and V1_1 — the same entries as
 * test/proofs/sdr/parentCache.test.ts, keyed there by cache name; here by (size, version), the
 * name→entry match being that file's test (its `parentCacheId` of each graph selects the entry).
 */
import { fc, test } from "@fast-check/vitest"
import { createHash } from "node:crypto"
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { nativeParentCache, nativeParentRange } from "../../../src/proofs/native/parentsNative.js"
import { DEGREE, StackedBucketGraph } from "../../../src/proofs/sdr/expander.js"
import { makeNativeEngine } from "../../../src/proofs/sdr/nativeEngine.js"
import { parentCache, parentCacheDigest } from "../../../src/proofs/sdr/parentCache.js"
import { type ApiVersion, porepId, type SectorSizeName, sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { native, skipReason } from "./_reference.js"

// storage-proofs-porep/parent_cache.json @ storage-proofs-porep-v19.1.0
const DIGESTS: Record<string, string> = {
  "2KiB V1_0_0": "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d",
  "2KiB V1_1_0": "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97",
  "8MiB V1_0_0": "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce",
  "8MiB V1_1_0": "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab",
  "512MiB V1_0_0": "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5",
  "512MiB V1_1_0": "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a"
}

const VERSIONS: ReadonlyArray<ApiVersion> = ["V1_0_0", "V1_1_0"]

const graphOf = (size: SectorSizeName, v: ApiVersion): StackedBucketGraph => {
  const p = sealProofFor(size, v)
  return new StackedBucketGraph(p.sectorSize / 32, porepId(p), v)
}

/** The first index where two arrays differ, or −1 (length mismatch: the shorter length). */
const firstDiff = (a: Uint32Array, b: Uint32Array): number => {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength)
  if (x.equals(y)) return -1
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return -1
}

/** The TS reference's entries of nodes [begin, end). */
const tsRange = (g: StackedBucketGraph, begin: number, end: number): Uint32Array => {
  const out = new Uint32Array(DEGREE * (end - begin))
  for (let v = begin; v < end; v++) g.parentsInto(v, out, DEGREE * (v - begin))
  return out
}

/** sha256 of the cache bytes (u32 LE; this machine is little-endian, checked below). */
const digestOf = (cache: Uint32Array): string =>
  createHash("sha256").update(new Uint8Array(cache.buffer, cache.byteOffset, cache.byteLength)).digest("hex")

describe.skipIf(native === undefined)(`native parent cache${skipReason}`, () => {
  const n = native!

  it("the host is little-endian (the digests hash the Uint32Array's bytes as they lie)", () => {
    expect(new Uint8Array(Uint32Array.of(1).buffer)[0]).toBe(1)
  })

  for (const size of ["2KiB", "8MiB"] as const) {
    for (const v of VERSIONS) {
      it(`${size} ${v}: the whole cache equals the TypeScript parentCache, on 1 and 2 threads; its digest is parent_cache.json's`, () => {
        const g = graphOf(size, v)
        const ts = parentCache(g)
        for (const threads of [1, 2]) {
          const nat = Result.getOrThrow(nativeParentCache(n, g, threads))
          expect(firstDiff(nat, ts)).toBe(-1)
        }
        const nat = Result.getOrThrow(nativeParentCache(n, g, 2))
        expect(digestOf(nat)).toBe(DIGESTS[`${size} ${v}`])
        // the TS digest function agrees on the native array (a second, independent sha256)
        expect(parentCacheDigest(nat)).toBe(DIGESTS[`${size} ${v}`])
      })
    }
  }

  // 512 MiB: 2^24 nodes. Random ranges anywhere in the graph, plus both ends by construction.
  for (const v of VERSIONS) {
    const g = graphOf("512MiB", v)
    const nodes = g.nodes
    it(`512MiB ${v}: the first and last nodes equal the TypeScript graph's`, () => {
      for (const [b, e] of [[0, 300], [nodes - 300, nodes]] as const) {
        expect(firstDiff(Result.getOrThrow(nativeParentRange(n, g, b, e, 2)), tsRange(g, b, e))).toBe(-1)
      }
    })
    test.prop([fc.integer({ min: 0, max: nodes - 1 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 3 })], {
      seed: v === "V1_0_0" ? 90_101 : 90_111, numRuns: 40
    })(`512MiB ${v}: random node ranges equal the TypeScript graph's`, (begin, len, threads) => {
      const end = Math.min(nodes, begin + len)
      expect(firstDiff(Result.getOrThrow(nativeParentRange(n, g, begin, end, threads)), tsRange(g, begin, end))).toBe(-1)
    })
  }

  for (const v of VERSIONS) {
    it(`512MiB ${v}: the digest of the whole native cache is parent_cache.json's (streamed in ranges)`, () => {
      const g = graphOf("512MiB", v)
      const h = createHash("sha256")
      const CHUNK = 1 << 21
      for (let b = 0; b < g.nodes; b += CHUNK) {
        const part = Result.getOrThrow(nativeParentRange(n, g, b, Math.min(g.nodes, b + CHUNK), 2))
        h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
      }
      expect(h.digest("hex")).toBe(DIGESTS[`512MiB ${v}`])
    }, 120_000)
  }

  it("a wrong parent order or porep_id gives a different cache (the comparisons can fail)", () => {
    const g = graphOf("2KiB", "V1_1_0")
    const wrongOrder = new StackedBucketGraph(g.nodes, porepId(sealProofFor("2KiB", "V1_1_0")), "V1_0_0")
    const wrongId = graphOf("2KiB", "V1_0_0")
    const good = Result.getOrThrow(nativeParentCache(n, g, 1))
    expect(firstDiff(Result.getOrThrow(nativeParentCache(n, wrongOrder, 1)), good)).toBeGreaterThanOrEqual(0)
    expect(digestOf(Result.getOrThrow(nativeParentCache(n, wrongId, 1)))).not.toBe(DIGESTS["2KiB V1_1_0"])
  })

  it("the native engine's parentCache equals parentCache and reports progress up to nodes", () => {
    const g = graphOf("8MiB", "V1_1_0")
    const engine = makeNativeEngine(n, 2)
    const seen: Array<number> = []
    const cache = engine.parentCache!(g, (d) => seen.push(d))
    expect(firstDiff(cache, parentCache(g))).toBe(-1)
    expect(seen[seen.length - 1]).toBe(g.nodes)
    expect(() => makeNativeEngine(n, 65).parentCache!(g)).toThrow(RangeError)
  })

  it("bad arguments are typed errors naming what was wrong, and write nothing", () => {
    const g = graphOf("2KiB", "V1_1_0")
    const tagOf = <A, E extends { readonly _tag: string; readonly message: string }>(r: Result.Result<A, E>): string =>
      Result.isFailure(r) ? `${r.failure._tag}: ${r.failure.message}` : "ok"
    expect(tagOf(nativeParentRange(n, g, 10, 5, 1))).toMatch(/^NativeInvalidArgument: .*begin/)
    expect(tagOf(nativeParentRange(n, g, 0, 65, 1))).toMatch(/^NativeInvalidArgument: /)
    expect(tagOf(nativeParentRange(n, g, -1, 5, 1))).toMatch(/^NativeInvalidArgument: /)
    expect(tagOf(nativeParentRange(n, g, 0.5, 5, 1))).toMatch(/^NativeInvalidArgument: /)
    expect(tagOf(nativeParentRange(n, g, 0, 5, 0))).toMatch(/^NativeInvalidArgument: .*threads/)
    expect(tagOf(nativeParentRange(n, g, 0, 5, 65))).toMatch(/^NativeInvalidArgument: .*threads/)
    expect(tagOf(nativeParentCache(n, g, 0))).toMatch(/^NativeInvalidArgument: .*threads/)
    // the raw binding's own checks (as typed errors from the loader)
    const keys = new Uint8Array(32)
    const raw = (seed: Uint8Array, k: Uint8Array, nodes: number, api: number, out: Uint32Array, b: number, e: number, t: number) => {
      try {
        n.sdrParentRange(seed, k, nodes, api, out, b, e, t)
        return "ok"
      } catch (err) {
        return err instanceof Error && "_tag" in err ? `${String(err._tag)}: ${err.message}` : `untyped: ${String(err)}`
      }
    }
    const out = new Uint32Array(14 * 4).fill(7)
    expect(raw(new Uint8Array(27), keys, 64, 1, out, 0, 4, 1)).toMatch(/^NativeInvalidLength: .*drgSeed/)
    expect(raw(new Uint8Array(28), new Uint8Array(31), 64, 1, out, 0, 4, 1)).toMatch(/^NativeInvalidLength: .*feistelKeys/)
    expect(raw(new Uint8Array(28), keys, 1, 1, out, 0, 1, 1)).toMatch(/^NativeInvalidArgument: .*nodes/)
    expect(raw(new Uint8Array(28), keys, 2 ** 29 + 1, 1, out, 0, 4, 1)).toMatch(/^NativeInvalidArgument: .*nodes/)
    expect(raw(new Uint8Array(28), keys, 64, 2, out, 0, 4, 1)).toMatch(/^NativeInvalidArgument: .*api/)
    expect(raw(new Uint8Array(28), keys, 64, 1, out, 0, 5, 1)).toMatch(/^NativeInvalidLength: .*14 entries/)
    expect(raw(new Uint8Array(28), keys, 64, 1, out, 62, 66, 1)).toMatch(/^NativeInvalidArgument: .*begin/)
    expect(raw(new Uint8Array(28), keys, 64, 1, new Uint32Array(14 * 4), 0, 4, 1)).toBe("ok")
    // wrong-typed arguments
    expect(raw(new Uint8Array(28), keys, 64, 1, new Int32Array(56) as unknown as Uint32Array, 0, 4, 1)).toMatch(/^NativeInvalidArgument: .*Uint32Array/)
    // every refused call left `out` as it was
    expect(out.every((x) => x === 7)).toBe(true)
  })
})
