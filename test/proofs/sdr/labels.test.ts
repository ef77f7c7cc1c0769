/**
 * Layer labels against rust-fil-proofs' own known answers and against a hand derivation.
 *
 * Known answers: filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/create_label/multi.rs
 * @ storage-proofs-porep-v19.1.0, test `test_create_labels` (the same four values are asserted by
 * storage-proofs-porep/tests/stacked_vanilla.rs `test_stacked_porep_generate_labels` at the same tag,
 * through the single-core path single.rs): 11 layers, replica_id = [9; 32], the last label of
 * the last layer, for
 *   - 64 nodes (its `nodes_2k` = 2048 bytes / 32), porep_id [0; 32], API 1.0.0;
 *   - 128 nodes (`nodes_4k`), porep_id [0; 32], API 1.0.0;
 *   - 64 nodes, porep_id [123; 32], API 1.1.0;
 *   - 128 nodes, porep_id [123; 32], API 1.1.0.
 * Those porep_ids are not registered proofs' (the test says so); the graph is built from them as
 * any porep_id.  Expected values are `Fr::from_u64s_le([...]).to_repr()`: four u64 limbs, least
 * significant first, as little-endian bytes.
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { describe, expect, it } from "vitest"
import { frFromU64s, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { DEGREE, StackedBucketGraph } from "../../../src/proofs/sdr/expander.js"
import { LABEL_MESSAGE_BYTES, labelLayerInto, labelLayers, labelNode } from "../../../src/proofs/sdr/labels.js"
import { parentCache } from "../../../src/proofs/sdr/parentCache.js"
import type { ApiVersion } from "../../../src/proofs/sdr/porepId.js"

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex")

interface Case {
  readonly nodes: number
  readonly porepByte: number
  readonly api: ApiVersion
  readonly limbs: readonly [bigint, bigint, bigint, bigint]
}

// multi.rs @ storage-proofs-porep-v19.1.0 lines 663–720
const CASES: ReadonlyArray<Case> = [
  { nodes: 64, porepByte: 0, api: "V1_0_0", limbs: [0xd3faa96b9a0fba04n, 0xea81a283d106485en, 0xe3d51b9afa5ac2b3n, 0x0462f4f4f1a68d37n] },
  { nodes: 128, porepByte: 0, api: "V1_0_0", limbs: [0x7e191e52c4a8da86n, 0x5ae8a1c9e6fac148n, 0xce239f3b88a894b8n, 0x234c00d1dc1d53ben] },
  { nodes: 64, porepByte: 123, api: "V1_1_0", limbs: [0xabb3f38bb70defcfn, 0x777a2e4d7769119fn, 0x3448959d495490bcn, 0x06021188c7a71cb5n] },
  { nodes: 128, porepByte: 123, api: "V1_1_0", limbs: [0x22ab81cf68c4676dn, 0x7a77a82fc7c9c189n, 0xc6c03d32c1e42d23n, 0x0f777c18cc2c55bdn] }
]

const REPLICA_ID = new Uint8Array(32).fill(9)

describe("labelLayers: rust-fil-proofs test_create_labels known answers", () => {
  for (const c of CASES) {
    it(`${c.nodes} nodes, porep_id [${c.porepByte}; 32], ${c.api}, 11 layers: last label of layer 11`, () => {
      const g = new StackedBucketGraph(c.nodes, new Uint8Array(32).fill(c.porepByte), c.api)
      const layers = labelLayers(g, parentCache(g), REPLICA_ID, 11)
      expect(layers.length).toBe(11)
      const last = layers[10]!.subarray((c.nodes - 1) * 32, c.nodes * 32)
      expect(hex(last)).toBe(hex(frToRepr(frFromU64s(c.limbs))))
    })
  }

  it("the known answers fail for a wrong parent order (the other API version's graph)", () => {
    // mutant: the V1_1_0 case labelled on the V1_0_0 graph of the same porep_id
    const c = CASES[2]!
    const g = new StackedBucketGraph(c.nodes, new Uint8Array(32).fill(c.porepByte), "V1_0_0")
    const last = labelLayers(g, parentCache(g), REPLICA_ID, 11)[10]!.subarray((c.nodes - 1) * 32)
    expect(hex(last)).not.toBe(hex(frToRepr(frFromU64s(c.limbs))))
  })
})

/** The message rebuilt by hand from the single.rs / graph.rs description, independent of labels.ts. */
const handMessage = (replicaId: Uint8Array, layer: number, node: number, parents: ReadonlyArray<Uint8Array>, rounds: ReadonlyArray<ReadonlyArray<number>>): Uint8Array => {
  const parts: Array<Uint8Array> = [replicaId]
  const hdr = new Uint8Array(32)
  hdr[3] = layer // u32 BE, layer < 256
  hdr[10] = (node >> 8) & 0xff; hdr[11] = node & 0xff // u64 BE at bytes 4..12
  parts.push(hdr)
  for (const round of rounds) for (const i of round) parts.push(parents[i]!)
  return Buffer.concat(parts)
}
const masked = (d: Uint8Array): string => { const c = d.slice(); c[31]! &= 0x3f; return hex(c) }
const range = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i)

describe("labelNode: the hashed bytes, derived by hand", () => {
  const rid = sha256(new TextEncoder().encode("replica"))
  rid[31]! &= 0x3f
  const labels = range(14).map((i) => sha256(Uint8Array.of(i)))

  it("node 0 hashes the 64-byte header only (single.rs create_label: hasher.finish() when node == 0)", () => {
    for (const layer of [1, 2]) {
      const expected = masked(sha256(handMessage(rid, layer, 0, [], [])))
      expect(hex(labelNode(rid, layer, 0, []))).toBe(expected)
    }
  })

  it("layer 1: six rounds of the 6 base parents, then parent 0 (graph.rs copy_parents_data_inner)", () => {
    const six = labels.slice(0, 6)
    const msg = handMessage(rid, 1, 300, six, [...range(6).map(() => range(6)), [0]])
    expect(msg.length).toBe(LABEL_MESSAGE_BYTES)
    expect(hex(labelNode(rid, 1, 300, six))).toBe(masked(sha256(msg)))
  })

  it("layer 2: the 14 parents twice, parents 0…7, then parent 8 (graph.rs copy_parents_data_inner_exp)", () => {
    const msg = handMessage(rid, 2, 300, labels, [range(14), range(14), range(8), [8]])
    expect(msg.length).toBe(LABEL_MESSAGE_BYTES)
    expect(hex(labelNode(rid, 2, 300, labels))).toBe(masked(sha256(msg)))
  })

  it("labelNode recomputes every label of labelLayers from its parents (base: this layer, expander: the previous)", () => {
    const g = new StackedBucketGraph(64, new Uint8Array(32).fill(7), "V1_1_0")
    const cache = parentCache(g)
    const layers = labelLayers(g, cache, rid, 3)
    for (let layer = 1; layer <= 3; layer++) {
      for (let v = 0; v < 64; v++) {
        const ps = Array.from(cache.subarray(v * DEGREE, (v + 1) * DEGREE))
        const cur = layers[layer - 1]!
        const parents = layer === 1
          ? ps.slice(0, 6).map((p) => cur.subarray(p * 32, p * 32 + 32))
          : ps.map((p, k) => (k < 6 ? cur : layers[layer - 2]!).subarray(p * 32, p * 32 + 32))
        expect(hex(labelNode(rid, layer, v, parents))).toBe(hex(cur.subarray(v * 32, v * 32 + 32)))
      }
    }
  })

  it("labelLayerInto on layers that are not 4-byte aligned (the byte-copy path) gives the same labels", () => {
    const g = new StackedBucketGraph(64, new Uint8Array(32).fill(7), "V1_0_0")
    const cache = parentCache(g)
    const ref = labelLayers(g, cache, rid, 2)
    const backing = new Uint8Array(1 + 2 * 64 * 32)
    const l1 = backing.subarray(1, 1 + 2048)
    const l2 = backing.subarray(1 + 2048)
    labelLayerInto(cache, rid, 1, undefined, l1)
    labelLayerInto(cache, rid, 2, l1, l2)
    expect([hex(l1), hex(l2)]).toEqual(ref.map(hex))
  })

  it("rejects a wrong parent count", () => {
    expect(() => labelNode(rid, 2, 5, labels.slice(0, 6))).toThrow(RangeError)
    expect(() => labelNode(rid, 1, 5, labels)).toThrow(RangeError)
  })
})
