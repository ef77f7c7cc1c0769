/**
 * The explorer's visited set and encoders (src/model/_fingerprint.ts), against plain oracles: a
 * `Map` of joined strings for the table, pairwise distinctness for the encoders.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { encodeKey, hashWords, StateTable, writeBigInt } from "../../src/model/_fingerprint.js"

/** xorshift32, seeded: the same sequence on every run. */
const xorshift = (seed: number) => {
  let x = seed | 0
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x >>> 0
  }
}

const encodeBigInts = (xs: ReadonlyArray<bigint>): Array<number> => {
  const out = new Int32Array(64)
  let at = 0
  for (const x of xs) at = writeBigInt(out, at, x)
  return Array.from(out.subarray(0, at))
}

describe("StateTable", () => {
  it("finds exactly the encodings added before, through many growths, and keeps each one's words", () => {
    // 60,000 encodings of 0..5 words over a small alphabet: many repeats (so lookups hit) and
    // many distinct ones (so the table grows from 16 slots through a dozen doublings).
    const next = xorshift(0x2545f491)
    const oracle = new Map<string, number>()
    const table = new StateTable(16)
    const added: Array<Array<number>> = []
    let hits = 0
    const wrong: Array<string> = []
    for (let n = 0; n < 60_000; n++) {
      const words = Array.from({ length: next() % 6 }, () => (next() % 7) - 3)
      const k = words.join(",") + "/" + words.length
      const r = table.add(Int32Array.from(words), words.length)
      const known = oracle.get(k)
      const expected = known === undefined ? oracle.size : -1 - known
      if (r !== expected) wrong.push(`${k}: ${r} instead of ${expected}`)
      if (known === undefined) {
        oracle.set(k, oracle.size)
        added.push(words)
      } else hits++
    }
    expect(wrong).toEqual([])
    expect(table.size).toBe(oracle.size)
    expect(hits).toBeGreaterThan(0)
    expect(table.size).toBeGreaterThan(10_000)
    expect(table.capacity).toBeGreaterThanOrEqual(2 * table.size)
    for (let i = 0; i < added.length; i += 97) expect(Array.from(table.encoding(i))).toEqual(added[i])
  })

  it("tells apart different encodings whose 32-bit hashes are equal", () => {
    // A birthday search over the two-word encodings (i, i) finds two with the same hash (expected
    // after ≈ 2^16 tries; deterministic, the hash is fixed; one-word encodings never collide, as
    // MurmurHash3 mixes one word bijectively).  The table must keep both.
    const enc = (i: number) => Int32Array.of(i, i)
    const byHash = new Map<number, number>()
    let pair: [number, number] | undefined
    for (let i = 0; pair === undefined && i < 1 << 22; i++) {
      const h = hashWords(enc(i), 0, 2)
      const j = byHash.get(h)
      if (j !== undefined) pair = [j, i]
      else byHash.set(h, i)
    }
    expect(pair).toBeDefined()
    const [a, b] = pair!
    expect(hashWords(enc(a), 0, 2)).toBe(hashWords(enc(b), 0, 2))
    const table = new StateTable(16)
    expect(table.add(enc(a), 2)).toBe(0)
    expect(table.add(enc(b), 2)).toBe(1)
    expect(table.add(enc(a), 2)).toBe(-1)
    expect(table.add(enc(b), 2)).toBe(-2)
  })

  it("tells apart encodings that are prefixes of one another, and the empty one", () => {
    const table = new StateTable(16)
    expect(table.add(Int32Array.of(1, 2), 2)).toBe(0)
    expect(table.add(Int32Array.of(2, 1), 2)).toBe(1)
    expect(table.add(Int32Array.of(1, 2, 0), 3)).toBe(2)
    expect(table.add(Int32Array.of(), 0)).toBe(3)
    expect(table.add(Int32Array.of(1, 2), 2)).toBe(-1)
    expect(table.add(Int32Array.of(), 0)).toBe(-4)
  })

  it("hashes only the words it is given", () => {
    const w = Int32Array.of(9, 1, 2, 9)
    expect(hashWords(w, 1, 2)).toBe(hashWords(Int32Array.of(1, 2), 0, 2))
  })
})

describe("writeBigInt", () => {
  // Boundaries of the one-word form and of the limbs, both signs.
  const edges = [0n, 1n, -1n, 2n ** 31n - 1n, -(2n ** 31n) + 1n, -(2n ** 31n), 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n),
    2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n, -(2n ** 64n) - 1n]

  it("writes one word for integers in (−2^31, 2^31) and the marker −2^31 otherwise", () => {
    expect(encodeBigInts([5n])).toEqual([5])
    expect(encodeBigInts([-(2n ** 31n) + 1n])).toEqual([-(2 ** 31) + 1])
    // 2^40 = limbs 0 and 2^8, least significant first (hand derivation).
    expect(encodeBigInts([2n ** 40n])).toEqual([-(2 ** 31), 2, 0, 256])
    // 2^31 needs a zero limb above its sign bit; −2^31 fits in one limb.
    expect(encodeBigInts([2n ** 31n])).toEqual([-(2 ** 31), 2, -(2 ** 31), 0])
    expect(encodeBigInts([-(2n ** 31n)])).toEqual([-(2 ** 31), 1, -(2 ** 31)])
  })

  it("gives pairs of integers equal encodings exactly when the pairs are equal (no encoding is a prefix of another)", () => {
    const seen = new Map<string, string>()
    for (const a of edges) for (const b of edges) {
      const k = encodeBigInts([a, b]).join(",")
      expect(seen.get(k)).toBeUndefined()
      seen.set(k, `${a},${b}`)
    }
    expect(seen.size).toBe(edges.length ** 2)
  })

  test.prop([fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n }), fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n }), fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n })], { seed: 7, numRuns: 500 })(
    "random integers: encodings equal exactly when the sequences are",
    (a, b, c) => {
      expect(encodeBigInts([a, c]).join(",") === encodeBigInts([b, c]).join(",")).toBe(a === b)
      expect(encodeBigInts([a, b]).join(",") === encodeBigInts([b, a]).join(",")).toBe(a === b)
    })

  it("reports the full length when the buffer is too short, so the caller can grow it and encode again", () => {
    // 2^70 takes a marker, a limb count and three 32-bit limbs (hand count: 70 bits → 3 limbs)
    const short = new Int32Array(2)
    expect(writeBigInt(short, 0, 2n ** 70n)).toBe(5)
    const full = new Int32Array(5)
    expect(writeBigInt(full, 0, 2n ** 70n)).toBe(5)
    // what fitted in the short buffer is the start of the full encoding
    expect([...short]).toEqual([...full.subarray(0, 2)])
    expect([...full]).toEqual([-(2 ** 31), 3, 0, 0, 64])
  })
})

describe("encodeKey", () => {
  const enc = (k: string) => {
    const out = new Int32Array(k.length + 2)
    return Array.from(out.subarray(0, encodeKey(k, out)))
  }
  it("keeps keys apart that differ only by a trailing U+0000", () => {
    expect(enc("a")).not.toEqual(enc("a\u0000"))
    expect(enc("")).not.toEqual(enc("\u0000"))
    expect(enc("ab")).toEqual([0x61 | (0x62 << 16), 2])
  })
  test.prop([fc.string({ unit: "binary" }), fc.string({ unit: "binary" })], { seed: 11, numRuns: 500 })(
    "random keys: encodings equal exactly when the keys are",
    (a, b) => { expect(enc(a).join(",") === enc(b).join(",")).toBe(a === b) })
})
