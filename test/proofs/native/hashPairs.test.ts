/**
 * Native node hashing (`hashPairs`, `reduce`) against the `@noble/hashes` reference, on every SHA
 * path this machine can run (SHA-NI, OpenSSL from the node binary, portable C++).
 */
import { fc, test } from "@fast-check/vitest"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { nativeHasher } from "../../../src/proofs/native/index.js"
import { bytesFrom, hashPairsRef, hex, merkleRootRef, native, skipReason } from "./_reference.js"

const paths = native?.shaPaths() ?? []

/** n random 64-byte pairs, n in 0 … max (crossing the SHA-NI lane groups of 2 and 4). */
const pairs = (max: number) => fc.integer({ min: 0, max }).chain((n) => fc.uint8Array({ minLength: 64 * n, maxLength: 64 * n }))

describe.skipIf(native === undefined)(`native shaPath${skipReason}`, () => {
  it("chooses SHA-NI when the CPU has it, and can always fall back to OpenSSL or portable C++", () => {
    expect(paths[0]).toBe(native!.shaPath())
    expect(paths).toContain("portable")
    expect(["sha-ni", "openssl", "portable"]).toContain(native!.shaPath())
  })

  it("rejects an unknown path and restores the best one with auto", () => {
    expect(() => native!.setShaPath("sha-3" as "auto")).toThrow(/setShaPath/)
    expect(native!.setShaPath("portable")).toBe(true)
    expect(native!.shaPath()).toBe("portable")
    expect(native!.setShaPath("auto")).toBe(true)
    expect(native!.shaPath()).toBe(paths[0])
  })
})

describe.skipIf(native === undefined).each(paths.length > 0 ? paths : ["none"])(`native hashing on %s${skipReason}`, (path) => {
  beforeAll(() => {
    expect(native!.setShaPath(path as "auto")).toBe(true)
  })
  afterAll(() => {
    native!.setShaPath("auto")
  })

  // H(0^64): the zero-piece commitment of 64 bytes (SHA-256 of 64 zero bytes, …fb4b per FIPS 180-4 and
  // @noble/hashes, with the 0x3f mask)
  it("hashes 64 zero bytes to f5a5fd42…fb0b", () => {
    const out = new Uint8Array(32)
    native!.hashPairs(new Uint8Array(64), out)
    expect(hex(out)).toBe("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b")
  })

  test.prop([pairs(70)], { seed: 10001, numRuns: 60 })("hashPairs equals sha256 + mask byte for byte", (input) => {
    const out = new Uint8Array(input.length / 2)
    native!.hashPairs(input, out)
    expect(hex(out)).toBe(hex(hashPairsRef(input)))
  })

  test.prop([pairs(40)], { seed: 10002, numRuns: 30 })("hashPairs in place (out = input.subarray(0, n/2)) and on a subarray", (input) => {
    const expected = hex(hashPairsRef(input))
    const copy = input.slice()
    native!.hashPairs(copy, copy.subarray(0, copy.length / 2))
    expect(hex(copy.subarray(0, copy.length / 2))).toBe(expected)
    // a view at an odd offset of a larger buffer
    const big = new Uint8Array(input.length + 3)
    big.set(input, 3)
    const out = new Uint8Array(input.length / 2 + 1).subarray(1)
    native!.hashPairs(big.subarray(3), out)
    expect(hex(out)).toBe(expected)
  })

  it("hashPairs on 10 000 pairs equals the reference", () => {
    const input = bytesFrom(64 * 10_000, 7)
    const out = new Uint8Array(32 * 10_000)
    native!.hashPairs(input, out)
    expect(hex(out)).toBe(hex(hashPairsRef(input)))
  })

  test.prop([fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.integer()], { seed: 10003, numRuns: 40 })(
    "reduce(nodes, levels) gives the root of each 2^levels subtree, also in place",
    (levels, roots, seed) => {
      const per = 32 * 2 ** levels
      const nodes = bytesFrom(per * roots, seed)
      const expected = Array.from({ length: roots }, (_, j) => hex(merkleRootRef(nodes.subarray(per * j, per * (j + 1))))).join("")
      const out = new Uint8Array(32 * roots)
      native!.reduce(nodes, levels, out)
      expect(hex(out)).toBe(expected)
      native!.reduce(nodes, levels, nodes.subarray(0, 32 * roots))
      expect(hex(nodes.subarray(0, 32 * roots))).toBe(expected)
    }
  )

  it("reduce over subtrees larger than one C++ chunk (2^13 leaves)", () => {
    const per = 32 * 2 ** 13
    const nodes = bytesFrom(2 * per, 99)
    const expected = hex(merkleRootRef(nodes.subarray(0, per))) + hex(merkleRootRef(nodes.subarray(per)))
    const out = new Uint8Array(64)
    native!.reduce(nodes, 13, out)
    expect(hex(out)).toBe(expected)
  })
})

describe.skipIf(native === undefined)(`native SHA paths agree${skipReason}`, () => {
  it("every available path gives the same bytes on the same random input", () => {
    const input = bytesFrom(64 * 4099, 3)
    const outs = paths.map((p) => {
      native!.setShaPath(p)
      const out = new Uint8Array(input.length / 2)
      native!.hashPairs(input, out)
      return hex(out)
    })
    native!.setShaPath("auto")
    expect(new Set(outs).size).toBe(1)
  })

  it("nativeHasher() is the Hasher shape of src/proofs/interface.ts", () => {
    const hasher = nativeHasher()!
    expect(hasher.name).toBe("native")
    const input = bytesFrom(64 * 8, 5)
    const out = new Uint8Array(32)
    hasher.reduce(input, 4, out)
    expect(hex(out)).toBe(hex(merkleRootRef(input)))
  })
})
