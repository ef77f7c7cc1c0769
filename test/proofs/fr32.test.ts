import { fc, test } from "@fast-check/vitest"
import { Fr32 as DataSegmentFr32 } from "@web3-storage/data-segment"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK, fr32Pad, fr32PadStream, fr32Unpad, fr32UnpadStream
} from "../../src/proofs/fr32.js"
import { chunked, failureOf, hex, pseudoRandomBytes, tagOf } from "./_helpers.js"

/**
 * The definition, bit by bit (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0):
 * a 127-byte block is a little-endian integer n; node i
 * is (n >> 254·i) & (2^254 − 1) as 32 bytes little-endian. Written with bigints, independently
 * of the byte-shifting code under test.
 */
const padByDefinition = (payload: Uint8Array): Uint8Array => {
  const out = new Uint8Array((payload.length / 127) * 128)
  for (let b = 0; b < payload.length / 127; b++) {
    let n = 0n
    for (let j = 126; j >= 0; j--) n = (n << 8n) | BigInt(payload[127 * b + j]!)
    for (let i = 0; i < 4; i++) {
      let node = (n >> BigInt(254 * i)) & ((1n << 254n) - 1n)
      for (let k = 0; k < 32; k++) {
        out[128 * b + 32 * i + k] = Number(node & 0xffn)
        node >>= 8n
      }
    }
  }
  return out
}

const blocks = (max: number) => fc.integer({ min: 0, max }).chain((k) => fc.uint8Array({ minLength: 127 * k, maxLength: 127 * k }))

describe("fr32Pad / fr32Unpad — whole blocks", () => {
  it("constants: 127 payload bytes (4 × 254 bits) → 128 padded bytes (4 × 32)", () => {
    expect(FR32_UNPADDED_BLOCK * 8).toBe(4 * 254)
    expect(FR32_PADDED_BLOCK).toBe(4 * 32)
  })

  test.prop([blocks(6)], { seed: 13001, numRuns: 100 })("pad equals the bigint definition", (payload) => {
    expect(hex(Result.getOrThrow(fr32Pad(payload)))).toBe(hex(padByDefinition(payload)))
  })

  test.prop([blocks(6)], { seed: 13002, numRuns: 100 })("pad equals @web3-storage/data-segment's Fr32.pad; unpad inverts it", (payload) => {
    const ours = Result.getOrThrow(fr32Pad(payload))
    // data-segment pads to the whole power-of-two piece: our blocks, then zeros
    const theirs = DataSegmentFr32.pad(payload)
    expect(hex(theirs.subarray(0, ours.length))).toBe(hex(ours))
    expect(theirs.subarray(ours.length).every((b) => b === 0)).toBe(true)
    expect(hex(Result.getOrThrow(fr32Unpad(ours)))).toBe(hex(payload))
  })

  it("all-ones block: every node is 0xff…ff3f (254 one bits), the last byte of node 3 included", () => {
    const padded = Result.getOrThrow(fr32Pad(new Uint8Array(127).fill(0xff)))
    for (let i = 0; i < 4; i++) expect(hex(padded.subarray(32 * i, 32 * i + 32))).toBe("ff".repeat(31) + "3f")
  })

  it("single bits land where the definition says (sliding window over all 1016 bit positions)", () => {
    for (let bit = 0; bit < 1016; bit++) {
      const payload = new Uint8Array(127)
      payload[bit >> 3] = 1 << (bit & 7)
      const padded = Result.getOrThrow(fr32Pad(payload))
      const node = Math.floor(bit / 254)
      const at = 256 * node + (bit % 254) // bit index in the padded block
      const expected = new Uint8Array(128)
      expected[at >> 3] = 1 << (at & 7)
      expect(hex(padded), `bit ${bit}`).toBe(hex(expected))
    }
  })

  it("rejects lengths that are not whole blocks (sliding window 1 … 300)", () => {
    for (let n = 1; n <= 300; n++) {
      if (n % 127 !== 0) expect(failureOf(fr32Pad(new Uint8Array(n)))).toMatchObject({ _tag: "Fr32InvalidLength", length: n, blockSize: 127 })
      if (n % 128 !== 0) expect(failureOf(fr32Unpad(new Uint8Array(n)))).toMatchObject({ _tag: "Fr32InvalidLength", length: n, blockSize: 128 })
    }
  })

  test.prop([fc.integer({ min: 0, max: 11 }), fc.integer({ min: 6, max: 7 })], { seed: 13003, numRuns: 100 })(
    "unpad rejects a node with either top bit set, naming the node", (node, bit) => {
      const padded = new Uint8Array(3 * 128)
      padded[32 * node + 31] = 1 << bit
      expect(failureOf(fr32Unpad(padded))).toMatchObject({ _tag: "Fr32NodeOverflow", node })
    })
})

describe("fr32PadStream / fr32UnpadStream — chunks of any size", () => {
  const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]))

  test.prop([fc.uint8Array({ maxLength: 1200 }), fc.array(fc.nat(), { maxLength: 12 })], { seed: 13004, numRuns: 100 })(
    "padding in chunks = padding the zero-filled whole", (payload, cuts) => {
      const s = fr32PadStream()
      const parts = chunked(payload, cuts).map((c) => Result.getOrThrow(s.push(c)))
      parts.push(Result.getOrThrow(s.end()))
      const filled = new Uint8Array(Math.ceil(payload.length / 127) * 127)
      filled.set(payload)
      expect(hex(concat(parts))).toBe(hex(Result.getOrThrow(fr32Pad(filled))))
    })

  test.prop([blocks(8), fc.array(fc.nat(), { maxLength: 12 })], { seed: 13005, numRuns: 100 })("unpadding in chunks inverts padding", (payload, cuts) => {
    const padded = Result.getOrThrow(fr32Pad(payload))
    const s = fr32UnpadStream()
    const parts = chunked(padded, cuts).map((c) => Result.getOrThrow(s.push(c)))
    parts.push(Result.getOrThrow(s.end()))
    expect(hex(concat(parts))).toBe(hex(payload))
  })

  it("the unpad stream names the overflowing node by its index in the whole stream, and rejects a partial end", () => {
    const padded = Result.getOrThrow(fr32Pad(pseudoRandomBytes(127 * 4, 7)))
    padded[32 * 9 + 31]! |= 0x80
    const s = fr32UnpadStream()
    expect(Result.isSuccess(s.push(padded.subarray(0, 200)))).toBe(true)
    expect(failureOf(s.push(padded.subarray(200)))).toMatchObject({ _tag: "Fr32NodeOverflow", node: 9 })
    const t = fr32UnpadStream()
    Result.getOrThrow(t.push(new Uint8Array(130)))
    expect(tagOf(t.end())).toBe("Fr32InvalidLength")
  })
})
