import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CommD } from "../../src/proofs/commd.js"
import { CommP } from "../../src/proofs/commp.js"
import { defaultHasher, tsHasher } from "../../src/proofs/hasher.js"
import type { Hasher } from "../../src/proofs/interface.js"
import { nativeHasher } from "../../src/proofs/native/index.js"
import { hashNode, NODE_SIZE } from "../../src/proofs/node.js"
import { CommPCalc } from "../../src/proofs/stream.js"
import { zeroNode } from "../../src/proofs/zerocomm.js"
import { hex } from "./_helpers.js"

/** The reference: H pair by pair with noble (node.ts). */
const referencePairs = (input: Uint8Array): Uint8Array => {
  const n = input.length / 64
  const out = new Uint8Array(32 * n)
  for (let i = 0; i < n; i++) out.set(hashNode(input.subarray(64 * i, 64 * i + 32), input.subarray(64 * i + 32, 64 * i + 64)), 32 * i)
  return out
}

describe("tsHasher.hashPairs", () => {
  it("equals hashNode pair by pair at the 1024-pair slab boundary, aligned and not", () => {
    // the slab is 1024 pairs (src/proofs/hasher.ts): counts below, at and past one and two slabs
    for (const n of [0, 1, 1023, 1024, 1025, 2047, 2048, 2049]) {
      for (const misalign of [0, 1, 3]) {
        const buf = Uint8Array.from({ length: 64 * n + misalign }, (_, i) => (Math.imul(i + 7, 0x9e3779b1) >>> 11) & 0xff)
        const input = buf.subarray(misalign)
        const out = new Uint8Array(32 * n)
        tsHasher.hashPairs(input, out)
        expect(hex(out), `${n} pairs, misaligned by ${misalign}`).toBe(hex(referencePairs(input)))
      }
    }
  })

  test.prop([fc.integer({ min: 0, max: 1030 }), fc.integer({ min: 0, max: 3 }), fc.integer()], { seed: 7001, numRuns: 30 })(
    "equals hashNode pair by pair on random counts 0 … 1030, unaligned input too", (n, misalign, seed) => {
      const buf = new Uint8Array(64 * n + misalign)
      for (let i = 0; i < buf.length; i++) buf[i] = (Math.imul(i + 7, seed | 1) >>> 11) & 0xff
      const input = buf.subarray(misalign)
      const out = new Uint8Array(32 * n)
      tsHasher.hashPairs(input, out)
      expect(hex(out)).toBe(hex(referencePairs(input)))
    })

  test.prop([fc.integer({ min: 1, max: 2100 })], { seed: 7002, numRuns: 10 })("works in place (out = input's first half)", (n) => {
    const input = Uint8Array.from({ length: 64 * n }, (_, i) => (i * 31 + 7) & 0xff)
    const expected = referencePairs(input)
    tsHasher.hashPairs(input, input.subarray(0, 32 * n))
    expect(hex(input.subarray(0, 32 * n))).toBe(hex(expected))
  })

  it("rejects mismatched lengths", () => {
    expect(() => tsHasher.hashPairs(new Uint8Array(64), new Uint8Array(64))).toThrow(RangeError)
    expect(() => tsHasher.hashPairs(new Uint8Array(60), new Uint8Array(30))).toThrow(RangeError)
  })
})

describe("tsHasher.reduce", () => {
  test.prop([fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer()], { seed: 7003, numRuns: 40 })(
    "equals hashing level by level with hashNode", (levels, roots, seed) => {
      const nodes = Uint8Array.from({ length: NODE_SIZE * roots * 2 ** levels }, (_, i) => (Math.imul(i + 3, seed | 1) >>> 9) & 0xff)
      let level: Uint8Array = nodes
      for (let k = 0; k < levels; k++) level = referencePairs(level)
      const out = new Uint8Array(NODE_SIZE * roots)
      tsHasher.reduce(nodes, levels, out)
      expect(hex(out)).toBe(hex(level))
    })

  it("rejects a node count that is not roots × 2^levels, and bad levels", () => {
    expect(() => tsHasher.reduce(new Uint8Array(96), 1, new Uint8Array(32))).toThrow(RangeError)
    expect(() => tsHasher.reduce(new Uint8Array(64), -1, new Uint8Array(32))).toThrow(RangeError)
  })

  it("the default hasher is the native one when the binding loads, the TypeScript one otherwise", () => {
    expect(defaultHasher.name).toBe(nativeHasher() === undefined ? "ts" : "native")
  })
})

const native: Hasher | undefined = nativeHasher()

describe.skipIf(native === undefined)("a native hasher behind the same interface (src/proofs/native, when built and loaded)", () => {
  test.prop([fc.uint8Array({ maxLength: 70000 }), fc.array(fc.nat(), { maxLength: 6 })], { seed: 7004, numRuns: 30 })(
    "CommP, CommPCalc and CommD with it equal the TypeScript hasher's", (payload, cuts) => {
      const n = native!
      const ts = CommP(payload, tsHasher)
      expect(hex(CommP(payload, n).commP)).toBe(hex(ts.commP))
      const calc = new CommPCalc(n)
      let at = 0
      for (const c of [...cuts.map((x) => x % (payload.length + 1))].sort((a, b) => a - b)) {
        calc.write(payload.subarray(at, Math.max(at, c)))
        at = Math.max(at, c)
      }
      calc.write(payload.subarray(at))
      expect(hex(calc.digest().commP)).toBe(hex(ts.commP))
      const pieces = [{ size: ts.size, commP: ts.commP }, { size: 128n, commP: zeroNode(2) }]
      expect(hex(Result.getOrThrow(CommD(1n << 20n, pieces, n)))).toBe(hex(Result.getOrThrow(CommD(1n << 20n, pieces, tsHasher))))
    })
})

describe.skipIf(native === undefined)("native and TypeScript agree byte for byte on edge sizes", () => {
  // Sizes where the code branches on length: empty, one byte, around one Fr32 block (127/128),
  // two blocks, a 1016-byte quad, and just below/at/above 127·2^k and 2^k (piece-size boundaries).
  const edges = [0, 1, 126, 127, 128, 254, 1016, 1017, ...[4, 7, 10, 12].flatMap((k) => [127 * 2 ** k - 1, 127 * 2 ** k, 127 * 2 ** k + 1, 2 ** k - 1, 2 ** k + 1])]
  it.each(edges)("CommP of %i bytes", (n) => {
    const payload = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff)
    expect(hex(CommP(payload, native!).commP)).toBe(hex(CommP(payload, tsHasher).commP))
  })
  test.prop([fc.integer({ min: 1, max: 300 }).chain((pairs) => fc.uint8Array({ minLength: 64 * pairs, maxLength: 64 * pairs }))], { seed: 7005, numRuns: 100 })("hashPairs on random pairs", (input) => {
    const a = new Uint8Array(input.length / 2), b = new Uint8Array(input.length / 2)
    native!.hashPairs(input, a)
    tsHasher.hashPairs(input, b)
    expect(hex(a)).toBe(hex(b))
  })
})
