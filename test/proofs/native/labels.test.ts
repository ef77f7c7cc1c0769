/**
 * Native SDR labelling (`sdrLabelRange` through the native seal engine) and the SHA-256
 * compression function it runs on, on every SHA path this machine can run (SHA-NI, OpenSSL from
 * the node binary, portable C++).
 *
 * Known answers: filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/create_label/multi.rs
 * @ storage-proofs-porep-v19.1.0, test `test_create_labels` lines 653–720: 11 layers,
 * replica_id [9; 32], the last label of layer 11 as `Fr::from_u64s_le` limbs, for 64 and 128
 * nodes with porep_id [0; 32] (API 1.0.0) and [123; 32] (API 1.1.0).
 * The rest compares with the TypeScript labels (`src/proofs/sdr/labels.ts`, helper `seal`) and
 * the compression function with `@noble/hashes` `sha256` over a message padded by hand (FIPS 180-4 §5.1.1).
 */
import { fc, test } from "@fast-check/vitest"
import { sha256 } from "@noble/hashes/sha2.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { frFromU64s, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { DEGREE, StackedBucketGraph } from "../../../src/proofs/sdr/expander.js"
import { labelLayers } from "../../../src/proofs/sdr/labels.js"
import { makeNativeEngine } from "../../../src/proofs/sdr/nativeEngine.js"
import { parentCache } from "../../../src/proofs/sdr/parentCache.js"
import type { ApiVersion } from "../../../src/proofs/sdr/porepId.js"
import { hex, native, skipReason } from "./_reference.js"

const paths = native?.shaPaths() ?? []
const engine = native === undefined ? undefined : makeNativeEngine(native, 2)

// multi.rs @ storage-proofs-porep-v19.1.0 lines 663–720
const CASES: ReadonlyArray<readonly [number, number, ApiVersion, readonly [bigint, bigint, bigint, bigint]]> = [
  [64, 0, "V1_0_0", [0xd3faa96b9a0fba04n, 0xea81a283d106485en, 0xe3d51b9afa5ac2b3n, 0x0462f4f4f1a68d37n]],
  [128, 0, "V1_0_0", [0x7e191e52c4a8da86n, 0x5ae8a1c9e6fac148n, 0xce239f3b88a894b8n, 0x234c00d1dc1d53ben]],
  [64, 123, "V1_1_0", [0xabb3f38bb70defcfn, 0x777a2e4d7769119fn, 0x3448959d495490bcn, 0x06021188c7a71cb5n]],
  [128, 123, "V1_1_0", [0x22ab81cf68c4676dn, 0x7a77a82fc7c9c189n, 0xc6c03d32c1e42d23n, 0x0f777c18cc2c55bdn]]
]

/** The SHA-256 padding of an n-byte message (FIPS 180-4 §5.1.1): 0x80, zeros, the bit length big-endian. */
const padded = (m: Uint8Array): Uint8Array => {
  const total = Math.ceil((m.length + 9) / 64) * 64
  const out = new Uint8Array(total)
  out.set(m)
  out[m.length] = 0x80
  new DataView(out.buffer).setBigUint64(total - 8, BigInt(m.length) * 8n, false)
  return out
}

/** H(0) of FIPS 180-4 §5.3.3. */
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

const graphs = new Map<string, { graph: StackedBucketGraph; cache: Uint32Array }>()
const graphOf = (nodes: number, porepByte: number, api: ApiVersion) => {
  const key = `${nodes}/${porepByte}/${api}`
  let g = graphs.get(key)
  if (g === undefined) {
    const graph = new StackedBucketGraph(nodes, new Uint8Array(32).fill(porepByte), api)
    graphs.set(key, (g = { graph, cache: parentCache(graph) }))
  }
  return g
}

describe.skipIf(native === undefined).each(paths.length > 0 ? paths : ["none"])(`native labels on %s${skipReason}`, (path) => {
  beforeAll(() => {
    expect(native!.setShaPath(path as "auto")).toBe(true)
  })
  afterAll(() => {
    native!.setShaPath("auto")
  })

  test.prop([fc.uint8Array({ minLength: 0, maxLength: 300 })], { seed: 30001, numRuns: 40 })(
    "sha256Compress over the padded message from H(0) gives sha256",
    (m) => {
      const state = Uint32Array.from(IV)
      native!.sha256Compress(state, padded(m))
      const digest = new Uint8Array(32)
      state.forEach((w, i) => new DataView(digest.buffer).setUint32(4 * i, w, false))
      expect(hex(digest)).toBe(hex(sha256(m)))
    }
  )

  for (const [nodes, porepByte, api, limbs] of CASES) {
    it(`test_create_labels: ${nodes} nodes, porep_id [${porepByte}; 32], ${api}: last label of layer 11`, () => {
      const { graph, cache } = graphOf(nodes, porepByte, api)
      const layers = engine!.labelLayers(graph, cache, new Uint8Array(32).fill(9), 11)
      expect(hex(layers[10]!.subarray(32 * (nodes - 1)))).toBe(hex(frToRepr(frFromU64s(limbs))))
    })
  }

  test.prop(
    [fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom(64, 256, 1024), fc.constantFrom<ApiVersion>("V1_0_0", "V1_1_0"), fc.integer({ min: 0, max: 255 })],
    { seed: 30002, numRuns: 12 }
  )("every label of 2 layers equals the TypeScript labels", (replicaId, nodes, api, porepByte) => {
    const { graph, cache } = graphOf(nodes, porepByte, api)
    const got = engine!.labelLayers(graph, cache, replicaId, 2)
    const want = labelLayers(graph, cache, replicaId, 2)
    expect(got.map(hex)).toEqual(want.map(hex))
  })
})

describe.skipIf(native === undefined)(`native labels: chunks, progress and errors${skipReason}`, () => {
  const { graph, cache } = graphOf(64, 5, "V1_1_0")
  const rid = new Uint8Array(32).fill(3)

  it("labelling in ranges of any split equals one call; progress reaches every layer's node count", () => {
    const whole = new Uint8Array(64 * 32)
    native!.sdrLabelRange(rid, 1, cache, new Uint8Array(0), whole, 0, 64)
    const parts = new Uint8Array(64 * 32)
    for (const [b, e] of [[0, 1], [1, 17], [17, 17], [17, 64]] as const) native!.sdrLabelRange(rid, 1, cache, new Uint8Array(0), parts, b, e)
    expect(hex(parts)).toBe(hex(whole))
    const seen: Array<[number, number]> = []
    engine!.labelLayers(graph, cache, rid, 2, (layer, done) => seen.push([layer, done]))
    expect(seen).toEqual([[1, 64], [2, 64]])
  })

  it("the known answer is missed for the wrong parent order (the V1_1 case on the V1_0_0 graph) and the wrong replica id", () => {
    const [nodes, porepByte, , limbs] = CASES[2]!
    const expected = hex(frToRepr(frFromU64s(limbs)))
    const wrongGraph = graphOf(nodes, porepByte, "V1_0_0")
    const a = engine!.labelLayers(wrongGraph.graph, wrongGraph.cache, new Uint8Array(32).fill(9), 11)
    expect(hex(a[10]!.subarray(32 * (nodes - 1)))).not.toBe(expected)
    const right = graphOf(nodes, porepByte, "V1_1_0")
    const b = engine!.labelLayers(right.graph, right.cache, new Uint8Array(32).fill(8), 11)
    expect(hex(b[10]!.subarray(32 * (nodes - 1)))).not.toBe(expected)
  })

  it("a parent outside the graph, or a base parent not before its node, is a RangeError naming it", () => {
    const far = cache.slice()
    far[DEGREE * 10 + 7] = 64
    expect(() => engine!.labelLayers(graph, far, rid, 2)).toThrow(/parent 7 of node 10 is 64/)
    const later = cache.slice()
    later[DEGREE * 10 + 2] = 10
    expect(() => engine!.labelLayers(graph, later, rid, 1)).toThrow(/base parent 2 of node 10 is 10/)
  })

  it("wrong lengths: cache, replica id, layers; raw prev and range checks", () => {
    expect(() => engine!.labelLayers(graph, cache.subarray(1), rid, 2)).toThrow(RangeError)
    expect(() => engine!.labelLayers(graph, cache, rid.subarray(1), 2)).toThrow(RangeError)
    expect(() => engine!.labelLayers(graph, cache, rid, 0)).toThrow(RangeError)
    const out = new Uint8Array(64 * 32)
    expect(() => native!.sdrLabelRange(rid, 2, cache, new Uint8Array(0), out, 0, 64)).toThrow(/prev must be the previous layer/)
    expect(() => native!.sdrLabelRange(rid, 1, cache, new Uint8Array(32), out, 0, 64)).toThrow(/prev must be empty/)
    expect(() => native!.sdrLabelRange(rid, 1, cache, new Uint8Array(0), out, 10, 5)).toThrow(/begin/)
    expect(() => native!.sdrLabelRange(rid, 1, cache, new Uint8Array(0), out, 0, 65)).toThrow(/begin/)
    expect(() => native!.sdrLabelRange(rid, 1, new Uint8Array(56 * 64) as unknown as Uint32Array, new Uint8Array(0), out, 0, 64)).toThrow(/Uint32Array/)
  })
})
