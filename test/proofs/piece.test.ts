import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  MAX_PADDED_PIECE_SIZE, MAX_PAYLOAD_SIZE, paddedPieceSize, payloadPadding, pieceSizeOfHeight, pieceSizeOfPayload,
  toPadded, toUnpadded, treeHeight, unpaddedPieceSize
} from "../../src/proofs/piece.js"
import { failureOf } from "./_helpers.js"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)

describe("paddedPieceSize / unpaddedPieceSize — validation (go-state-types abi/piece.go)", () => {
  it("accepts powers of two from 128 to 2^63 and 127 · 2^k up to 127 · 2^56", () => {
    for (let k = 7; k <= 63; k++) expect(ok(paddedPieceSize(1n << BigInt(k)))).toBe(1n << BigInt(k))
    for (let k = 0; k <= 56; k++) expect(ok(unpaddedPieceSize(127n << BigInt(k)))).toBe(127n << BigInt(k))
  })

  it("rejects with the reason", () => {
    expect(failureOf(paddedPieceSize(64))).toMatchObject({ _tag: "InvalidPaddedPieceSize", reason: "below 128" })
    expect(failureOf(paddedPieceSize(384))).toMatchObject({ reason: "not a power of two" })
    expect(failureOf(paddedPieceSize(1n << 64n))).toMatchObject({ reason: "above 2^63" })
    expect(failureOf(paddedPieceSize(128.5))).toMatchObject({ reason: "not an integer" })
    expect(failureOf(unpaddedPieceSize(126))).toMatchObject({ _tag: "InvalidUnpaddedPieceSize", reason: "below 127" })
    expect(failureOf(unpaddedPieceSize(128))).toMatchObject({ reason: "not 127 · 2^k" })
    expect(failureOf(unpaddedPieceSize(381))).toMatchObject({ reason: "not 127 · 2^k" })
    expect(failureOf(unpaddedPieceSize(127n << 57n))).toMatchObject({ reason: "above 127 · 2^56" })
  })

  it("sliding window 0 … 4096: valid exactly at the definitions", () => {
    for (let n = 0; n <= 4096; n++) {
      const pow2 = n >= 128 && (n & (n - 1)) === 0
      expect(Result.isSuccess(paddedPieceSize(n)), `padded ${n}`).toBe(pow2)
      const k = n / 127
      expect(Result.isSuccess(unpaddedPieceSize(n)), `unpadded ${n}`).toBe(Number.isInteger(k) && k >= 1 && (k & (k - 1)) === 0)
    }
  })
})

// filecoin-project/go-state-types abi/piece.go @ v0.18.0
describe("conversions", () => {
  test.prop([fc.integer({ min: 7, max: 63 })], { seed: 1001, numRuns: 100 })("padded ↔ unpadded: unpadded = padded − padded/128, padded = unpadded + unpadded/127", (k) => {
    const p = ok(paddedPieceSize(1n << BigInt(k)))
    const u = toUnpadded(p)
    expect(u).toBe(p - p / 128n)
    expect(u).toBe(127n << BigInt(k - 7))
    expect(toPadded(u)).toBe(p)
  })

  // filecoin-project/go-state-types abi/sector.go @ v0.18.0
  it("known sizes: 2 KiB, 32 GiB and 64 GiB sectors", () => {
    expect(toUnpadded(ok(paddedPieceSize(2048)))).toBe(2032n)
    expect(toUnpadded(ok(paddedPieceSize(34359738368n)))).toBe(34091302912n)
    expect(treeHeight(ok(paddedPieceSize(34359738368n)))).toBe(30)
    expect(treeHeight(ok(paddedPieceSize(68719476736n)))).toBe(31)
    expect(treeHeight(ok(paddedPieceSize(128)))).toBe(2)
    expect(ok(pieceSizeOfHeight(4))).toBe(512n)
    expect(failureOf(pieceSizeOfHeight(1))).toMatchObject({ _tag: "InvalidTreeHeight", height: 1 })
    expect(failureOf(pieceSizeOfHeight(59))).toMatchObject({ _tag: "InvalidTreeHeight" })
    expect(MAX_PAYLOAD_SIZE).toBe(toUnpadded(ok(paddedPieceSize(MAX_PADDED_PIECE_SIZE))))
  })
})

describe("pieceSizeOfPayload / payloadPadding", () => {
  /** By the definition: the smallest 127 · 2^k ≥ max(n, 1), times 128/127. */
  const definition = (n: number): bigint => {
    let u = 127
    while (u < n) u *= 2
    return BigInt((u / 127) * 128)
  }

  it("sliding window 0 … 5000 equals the definition, and the FRC-0069 paddings", () => {
    for (let n = 0; n <= 5000; n++) {
      const size = ok(pieceSizeOfPayload(n))
      expect(size, `payload ${n}`).toBe(definition(n))
      expect(ok(payloadPadding(n))).toBe(toUnpadded(size) - BigInt(n))
    }
    // FRC-0069 test cases: 0 → 127, 127 → 0, 128 → 126, 256 → 252, 508 → 0, 512 → 504, 513 → 503
    expect([0, 127, 128, 256, 508, 512, 513].map((n) => ok(payloadPadding(n)))).toEqual([127n, 0n, 126n, 252n, 0n, 504n, 503n])
  })

  test.prop([fc.integer({ min: 0, max: 56 })], { seed: 1002, numRuns: 100 })("just below, at and above 127 · 2^k", (k) => {
    const u = 127n << BigInt(k)
    expect(ok(pieceSizeOfPayload(u - 1n))).toBe(k === 0 ? 128n : 128n << BigInt(k))
    expect(ok(pieceSizeOfPayload(u))).toBe(128n << BigInt(k))
    if (k < 56) expect(ok(pieceSizeOfPayload(u + 1n))).toBe(128n << BigInt(k + 1))
  })

  it("rejects negative, fractional and too large payload sizes", () => {
    expect(failureOf(pieceSizeOfPayload(-1))._tag).toBe("InvalidPayloadSize")
    expect(failureOf(pieceSizeOfPayload(1.5))._tag).toBe("InvalidPayloadSize")
    expect(failureOf(pieceSizeOfPayload(MAX_PAYLOAD_SIZE + 1n))._tag).toBe("InvalidPayloadSize")
  })
})
