import { fc, test } from "@fast-check/vitest"
import { sha256 } from "@noble/hashes/sha2.js"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { _bytesToWords, _sha256x64, _sha256x64Bytes, _sha256x64Words, _wordsToBytes } from "../../src/proofs/_sha256x64.js"
import { hex } from "./_helpers.js"

const nodeSha256 = (m: Uint8Array) => new Uint8Array(createHash("sha256").update(m).digest())

describe("_sha256x64 — SHA-256 of 64-byte messages (FIPS 180-4)", () => {
  it("known answer: sha256(64 zero bytes), as `node -e \"crypto.createHash('sha256').update(Buffer.alloc(64)).digest('hex')\"` prints", () => {
    expect(hex(_sha256x64(new Uint8Array(64)))).toBe("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
  })

  it("known answer: sha256(0x00 … 0x3f) equals node:crypto and @noble/hashes", () => {
    const m = Uint8Array.from({ length: 64 }, (_, i) => i)
    expect(hex(_sha256x64(m))).toBe(hex(nodeSha256(m)))
    expect(hex(_sha256x64(m))).toBe(hex(sha256(m)))
  })

  test.prop([fc.uint8Array({ minLength: 64, maxLength: 64 })], { seed: 4001, numRuns: 500 })(
    "byte for byte equal to @noble/hashes sha256 and node:crypto on random messages", (m) => {
      expect(hex(_sha256x64(m))).toBe(hex(sha256(m)))
      expect(hex(_sha256x64(m))).toBe(hex(nodeSha256(m)))
    })

  // Every run checks both masks, and the bytes both aligned and shifted by 1 … 7.
  test.prop([fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.integer()], { seed: 4002, numRuns: 100 })(
    "batches: words, aligned and unaligned bytes, masked and not, equal noble per message", (n, shift, seed) => {
      for (const misalign of [0, shift]) {
        for (const mask of [false, true]) {
          const bytes = new Uint8Array(64 * n + misalign)
          for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.imul(i + 1, seed | 1) >>> 13) & 0xff
          const messages = bytes.subarray(misalign)
          const expected = Array.from({ length: n }, (_, i) => {
            const d = sha256(messages.subarray(64 * i, 64 * i + 64))
            if (mask) d[31]! &= 0x3f
            return hex(d)
          })
          const fromBytes = new Int32Array(8 * n)
          _sha256x64Bytes(messages, 0, fromBytes, 0, n, mask)
          const words = new Int32Array(16 * n)
          _bytesToWords(messages, 0, words, 0, 16 * n)
          _sha256x64Words(words, 0, words, 0, n, mask) // in place
          for (const out of [fromBytes, words]) {
            const digests = new Uint8Array(32 * n)
            _wordsToBytes(out, 0, digests, 0, 8 * n)
            expect(Array.from({ length: n }, (_, i) => hex(digests.subarray(32 * i, 32 * i + 32))), `misalign ${misalign}, mask ${mask}`).toEqual(expected)
          }
        }
      }
    })

  it("rejects a message that is not 64 bytes", () => {
    expect(() => _sha256x64(new Uint8Array(63))).toThrow(RangeError)
  })
})
