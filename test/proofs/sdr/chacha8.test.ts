/**
 * The ChaCha stream against rand_chacha's own known answers (crate rand_chacha 0.3.1
 * as published on crates.io, from rust-random/rand, src/chacha.rs tests `test_chacha_true_values_a` — ChaCha20,
 * zero seed, from draft-nir-cfrg-chacha20-poly1305-04 — and `test_chacha_construction`).  Those
 * are 20-round vectors; the 8-round stream uses the same code with `rounds = 8`, and is checked
 * end to end by the parent-cache digests (parentCache.test.ts).
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { ChaChaRng } from "../../../src/proofs/sdr/chacha8.js"

describe("ChaChaRng (rand_chacha 0.3)", () => {
  it("ChaCha20, zero seed: the first 32 words (test_chacha_true_values_a)", () => {
    const rng = new ChaChaRng(new Uint8Array(32), 20)
    const words = Array.from({ length: 32 }, () => rng.nextU32())
    expect(words).toEqual([
      0xade0b876, 0x903df1a0, 0xe56a5d40, 0x28bd8653, 0xb819d2bd, 0x1aed8da0, 0xccef36a8, 0xc70d778b,
      0x7c5941da, 0x8d485751, 0x3fe02477, 0x374ad8b8, 0xf4b8436a, 0x1ca11815, 0x69b687c3, 0x8665eeb2,
      0xbee7079f, 0x7a385155, 0x7c97ba98, 0x0d082d73, 0xa0290fcb, 0x6965e348, 0x3e53c612, 0xed7aee32,
      0x7621b729, 0x434ee69c, 0xb03371d5, 0xd539d874, 0x281fed31, 0x45fb0a51, 0x1f0ae1ac, 0x6f4d794b
    ])
  })

  it("ChaCha20, seed words as little-endian u64s 0,1,2,3: first word 137206642 (test_chacha_construction)", () => {
    const seed = new Uint8Array(32)
    for (let i = 0; i < 4; i++) seed[8 * i] = i
    expect(new ChaChaRng(seed, 20).nextU32()).toBe(137206642)
  })

  it("next_u64 is low word first; reseed restarts the stream", () => {
    const seed = new Uint8Array(32).fill(7)
    const a = new ChaChaRng(seed, 8)
    const w0 = a.nextU32(), w1 = a.nextU32()
    a.reseed(seed)
    expect(a.nextU64Parts()).toEqual([w0, w1])
    // 8 rounds differ from 20
    expect(new ChaChaRng(seed, 20).nextU32()).not.toBe(w0)
  })

  const small = fc.integer({ min: 1, max: 2 ** 26 })
  const large = fc.integer({ min: 2 ** 26 + 1, max: 2 ** 40 })
  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), small, large], { seed: 9101, numRuns: 200 })(
    "nextU64Mod equals the u64 (low | high << 32) mod n in bigint, for n on both sides of 2^26",
    (seed, n1, n2) => {
      const a = new ChaChaRng(seed, 8), b = new ChaChaRng(seed, 8)
      for (const n of [n1, n2, 1, 2 ** 26]) {
        const [lo, hi] = b.nextU64Parts()
        expect(a.nextU64Mod(n)).toBe(Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(n)))
      }
    }
  )
})
