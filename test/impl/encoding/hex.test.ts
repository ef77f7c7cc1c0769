import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { bytesEqual, concatBytes, fromHex, toHex } from "../../../src/impl/encoding/hex.js"

describe("toHex / fromHex", () => {
  // Known answers: RFC 4648 §10 base16 test vectors ("f" = 66, "fo" = 666F, "foobar" = 666F6F626172).
  it.each([
    ["", ""],
    ["f", "66"],
    ["fo", "666f"],
    ["foobar", "666f6f626172"]
  ])("RFC 4648 §10 BASE16(%j) = %s", (ascii, hex) => {
    const bytes = new TextEncoder().encode(ascii)
    expect(toHex(bytes)).toBe(hex)
    expect(Result.getOrThrow(fromHex(hex.toUpperCase()))).toEqual(bytes)
  })

  it("writes every byte value as two lowercase digits", () => {
    // hand derivation: 0x00 → "00", 0x0f → "0f", 0xa0 → "a0", 0xff → "ff"
    expect(toHex(Uint8Array.of(0x00, 0x0f, 0xa0, 0xff))).toBe("000fa0ff")
  })

  test.prop([fc.uint8Array({ maxLength: 64 })], { seed: 7901, numRuns: 100 })("round-trips bytes", (bytes) => {
    expect(Result.getOrThrow(fromHex(toHex(bytes)))).toEqual(bytes)
  })

  it("rejects an odd length", () => {
    const r = fromHex("abc")
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidHex")
    expect(Result.isFailure(r) && r.failure.message).toContain("odd length 3")
  })

  it.each([["0g", 1], ["x0", 0], ["00 1", 2], ["0x00", 1]])("rejects a bad digit in %j at %i", (s, at) => {
    const r = fromHex(s.length % 2 === 0 ? s : s + "0")
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidHex")
    expect(Result.isFailure(r) && r.failure.message).toContain(`position ${at}`)
  })
})

describe("bytesEqual", () => {
  it("compares length and content", () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true)
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false)
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false)
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })
})

describe("concatBytes", () => {
  it("joins in order", () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3))
    expect(concatBytes()).toEqual(new Uint8Array(0))
  })

  test.prop([fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 5 })], { seed: 7902, numRuns: 100 })("length is the sum and content is each part", (parts) => {
    const all = concatBytes(...parts)
    expect(all.length).toBe(parts.reduce((n, p) => n + p.length, 0))
    expect(Array.from(all)).toEqual(parts.flatMap((p) => Array.from(p)))
  })
})
