import { fc, test } from "@fast-check/vitest"
import { sha256 } from "@noble/hashes/sha2.js"
import { describe, expect, it } from "vitest"
import { hashNode, hashNodeWith, NODE_SIZE, TRUNC254_MASK } from "../../src/proofs/node.js"
import { tsHasher } from "../../src/proofs/hasher.js"
import { hex } from "./_helpers.js"

const node = fc.uint8Array({ minLength: NODE_SIZE, maxLength: NODE_SIZE })

// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (hash2,
// trim_to_fr32)
describe("hashNode — sha2-256-trunc254-padded", () => {
  it("H(0, 0) = sha256(64 zero bytes) with its last byte masked: …fb4b → …fb0b (the 64 B zero comm)", () => {
    const zero = new Uint8Array(NODE_SIZE)
    expect(hex(hashNode(zero, zero))).toBe("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b")
  })

  test.prop([node, node], { seed: 2001, numRuns: 100 })("is sha256(l ‖ r) with d[31] &= 0x3f, other bytes untouched", (l, r) => {
    const full = sha256(Uint8Array.from([...l, ...r]))
    const h = hashNode(l, r)
    expect(hex(h.subarray(0, 31))).toBe(hex(full.subarray(0, 31)))
    expect(h[31]).toBe(full[31]! & TRUNC254_MASK)
    expect(h[31]! >> 6).toBe(0)
  })

  test.prop([node, node], { seed: 2002, numRuns: 100 })("hashNodeWith(tsHasher) equals hashNode", (l, r) => {
    expect(hex(hashNodeWith(tsHasher, l, r))).toBe(hex(hashNode(l, r)))
  })

  it("rejects nodes that are not 32 bytes", () => {
    expect(() => hashNode(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError)
  })
})
