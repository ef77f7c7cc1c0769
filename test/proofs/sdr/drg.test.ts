/**
 * BucketGraph base parents (rust-fil-proofs storage-proofs-core/src/drgraph.rs
 * @ storage-proofs-core-v19.1.0).  The exact parents for Filecoin's porep_ids are checked end to
 * end by the parent-cache digests (parentCache.test.ts); here the properties drgraph.rs states or
 * its code implies: nodes 0 and 1 have only parent 0 (`graph_bucket` test), every parent of v ≥ 2
 * is below v, the predecessor v − 1 sits last under 1.0.0 and first under 1.1.0 with the other
 * five in the same order, parents are deterministic, and the seed is sha256(DST ‖ porep_id)[..28].
 */
import { fc, test } from "@fast-check/vitest"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { BASE_DEGREE, BucketGraph, ceilLog2, deriveDrgSeed } from "../../../src/proofs/sdr/drg.js"
import { hex } from "../_helpers.js"

const porepIdArb = fc.uint8Array({ minLength: 32, maxLength: 32 })

describe("BucketGraph (drgraph.rs @ storage-proofs-core-v19.1.0)", () => {
  it("drg seed = sha256(\"Filecoin_DRSample\" ‖ porep_id)[0..28]", () => {
    const pid = new Uint8Array(32); pid[0] = 6
    const h = createHash("sha256").update("Filecoin_DRSample").update(pid).digest()
    expect(hex(deriveDrgSeed(pid))).toBe(h.subarray(0, 28).toString("hex"))
  })

  it("nodes 0 and 1: every parent is 0, under both versions", () => {
    for (const v of ["V1_0_0", "V1_1_0"] as const) {
      const g = new BucketGraph(2048, new Uint8Array(32), v)
      expect(Array.from(g.parents(0))).toEqual(new Array(BASE_DEGREE).fill(0))
      expect(Array.from(g.parents(1))).toEqual(new Array(BASE_DEGREE).fill(0))
    }
  })

  test.prop([porepIdArb, fc.integer({ min: 2, max: 2 ** 24 - 1 })], { seed: 5501, numRuns: 300 })(
    "for v ≥ 2: parents < v; v − 1 last (1.0.0) or first (1.1.0), the other five the same",
    (pid, node) => {
      const a = new BucketGraph(2 ** 24, pid, "V1_0_0").parents(node)
      const b = new BucketGraph(2 ** 24, pid, "V1_1_0").parents(node)
      for (const p of [...a, ...b]) expect(p).toBeLessThan(node)
      expect(a[5]).toBe(node - 1)
      expect(b[0]).toBe(node - 1)
      expect(Array.from(a.subarray(0, 5))).toEqual(Array.from(b.subarray(1, 6)))
      expect(Array.from(new BucketGraph(2 ** 24, pid, "V1_0_0").parents(node))).toEqual(Array.from(a))
    }
  )

  test.prop([fc.integer({ min: 2, max: 2 ** 53 - 1 })], { seed: 5502, numRuns: 500 })(
    "ceilLog2(x) = bit length of x − 1 (the least k with 2^k ≥ x), computed in bigint",
    (x) => {
      expect(ceilLog2(x)).toBe((BigInt(x) - 1n).toString(2).length)
    }
  )

  it("ceilLog2 at the powers of two and their neighbours, across 2^32", () => {
    for (let k = 1; k < 53; k++) {
      expect(ceilLog2(2 ** k)).toBe(k)
      expect(ceilLog2(2 ** k + 1)).toBe(k + 1)
      if (k > 1) expect(ceilLog2(2 ** k - 1)).toBe(k)
    }
  })

  it("refuses a graph of fewer than 2 nodes", () => {
    expect(() => new BucketGraph(1, new Uint8Array(32), "V1_0_0")).toThrow(RangeError)
  })
})
