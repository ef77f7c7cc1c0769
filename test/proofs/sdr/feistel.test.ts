/**
 * The Feistel permutation (rust-fil-proofs storage-proofs-core/src/crypto/feistel.rs
 * @ storage-proofs-core-v19.1.0).  Its exact values for Filecoin's keys are checked end to end by
 * the parent-cache digests (parentCache.test.ts); here: the BLAKE2b round hash against
 * @noble/hashes (an independent BLAKE2b), the permutation property the upstream tests state
 * (`test_feistel_on_arbitrary_set`: every index maps into [0, n), distinct, and inverts), the
 * width rule of `precompute`, and the table fast path against the plain one.
 */
import { fc, test } from "@fast-check/vitest"
import { blake2b } from "@noble/hashes/blake2.js"
import { describe, expect, it } from "vitest"
import { _blake2b16 } from "../../../src/proofs/sdr/_blake2b16.js"
import {
  deriveFeistelKeys, type FeistelKey, feistelTable, invertPermute, keyToBigInt, permute, permuteWithTable, precompute,
  roundFunction
} from "../../../src/proofs/sdr/feistel.js"

const u32 = fc.integer({ min: 0, max: 0xffffffff })
const key = fc.record({ hi: u32, lo: u32 })
const keys = fc.array(key, { minLength: 4, maxLength: 4 })

describe("Feistel (feistel.rs @ storage-proofs-core-v19.1.0)", () => {
  test.prop([u32, u32, u32, u32], { seed: 4401, numRuns: 300 })("BLAKE2b of 16 bytes equals @noble/hashes blake2b", (a, b, c, d) => {
    const bytes = new Uint8Array(16)
    const view = new DataView(bytes.buffer)
    ;[a, b, c, d].forEach((w, i) => view.setUint32(4 * i, w, true))
    const h = blake2b(bytes)
    const hv = new DataView(h.buffer, h.byteOffset)
    expect(_blake2b16(a, b, c, d)).toEqual([hv.getUint32(0, true), hv.getUint32(4, true)])
  })

  test.prop([fc.integer({ min: 0, max: 0xffff }), key], { seed: 4402, numRuns: 200 })(
    "round function = first 8 digest bytes of blake2b(R u64 BE ‖ K u64 BE), big-endian, masked",
    (r, k) => {
      const data = new Uint8Array(16)
      const view = new DataView(data.buffer)
      view.setBigUint64(0, BigInt(r), false)
      view.setBigUint64(8, keyToBigInt(k), false)
      const h = blake2b(data)
      const full = new DataView(h.buffer, h.byteOffset).getBigUint64(0, false)
      expect(roundFunction(r, k, 0x7ff)).toBe(Number(full & 0x7ffn))
    }
  )

  it("precompute: smallest half width with 4^w ≥ n, at least 1", () => {
    const cases: Array<[number, number]> = [[1, 1], [4, 1], [5, 2], [16, 2], [17, 3], [512, 5], [2 ** 21, 11], [2 ** 27, 14]]
    for (const [n, w] of cases) expect(precompute(n)).toEqual({ halfBits: w, rightMask: 2 ** w - 1 })
    expect(() => precompute(2 ** 33)).toThrow(RangeError)
  })

  test.prop([fc.integer({ min: 1, max: 600 }), keys], { seed: 4403, numRuns: 40 })(
    "permute is a bijection of [0, n) and invertPermute undoes it; the table path agrees",
    (n, ks: Array<FeistelKey>) => {
      const p = precompute(n)
      const table = feistelTable(ks, p)
      const seen = new Set<number>()
      for (let i = 0; i < n; i++) {
        const t = permute(n, i, ks, p)
        expect(t).toBeLessThan(n)
        expect(permuteWithTable(n, i, table, p)).toBe(t)
        expect(invertPermute(n, t, ks, p)).toBe(i)
        seen.add(t)
      }
      expect(seen.size).toBe(n)
    }
  )

  it("keys: sha256(\"Filecoin_Feistel\" ‖ porep_id) as four u64 LE (graph.rs derive_feistel_keys)", async () => {
    const { createHash } = await import("node:crypto")
    const pid = new Uint8Array(32); pid[0] = 5
    const raw = createHash("sha256").update("Filecoin_Feistel").update(pid).digest()
    expect(deriveFeistelKeys(pid).map(keyToBigInt)).toEqual([0, 1, 2, 3].map((i) => raw.readBigUInt64LE(8 * i)))
  })
})
