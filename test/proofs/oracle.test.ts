/**
 * Independent oracle: `@web3-storage/data-segment` (exact-pinned devDependency, 5.3.0), a pure-JS
 * CommP / piece CID implementation written separately from ours (its own Fr32, its own tree
 * builder, `@noble/hashes` 1.x SHA-256). Used here only, never from `src`.
 *
 * Coverage: CommP, padded piece size, tree height, FRC-0069 padding, the v1 CID and the v2 CID on
 * random payloads of random sizes and on the edge sizes (0, 1, 126, 127, 128, 254, 255, 508, 1016,
 * 1017 and 127·2^k − 1, 127·2^k, 127·2^k + 1 up to 1 MiB); parsing each other's v2 CIDs; the
 * (v1 CID, size) → v2 conversion.
 *
 * Small inputs: FRC-0069 defines v2 CIDs for every payload size, 0 included (a payload under 127
 * bytes is padded to 127), and neither implementation rejects one; the "both reject" case is
 * therefore empty, and the test checks that both accept and agree on every size 0 … 127.
 *
 * @module
 */
import { fc, test } from "@fast-check/vitest"
import { Link, type LegacyPieceLink, Piece } from "@web3-storage/data-segment"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CommP } from "../../src/proofs/commp.js"
import { paddedPieceSize } from "../../src/proofs/piece.js"
import { parsePieceCid, pieceCidV2, pieceCidV2FromV1, pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { hex, pseudoRandomBytes } from "./_helpers.js"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)

/** Ours and theirs side by side. */
const compare = (payload: Uint8Array): void => {
  const ours = CommP(payload)
  const theirs = Piece.fromPayload(payload)
  const label = `payload of ${payload.length} bytes`
  expect(hex(ours.commP), label).toBe(hex(theirs.root))
  expect(ours.size, label).toBe(theirs.size)
  expect(ours.height, label).toBe(theirs.height)
  expect(ours.padding, label).toBe(theirs.padding)
  expect(ok(pieceCommitmentV1ToCID(ours.commP)).toString(), label).toBe(theirs.toInfo().link.toString())
  expect(ok(pieceCidV2(ours.commP, ours.payloadSize)).toString(), label).toBe(theirs.toString())
}

const EDGE_SIZES = [
  0, 1, 126, 127, 128, 254, 255, 508, 1016, 1017,
  ...Array.from({ length: 14 }, (_, k) => 127 * 2 ** k).flatMap((u) => [u - 1, u, u + 1])
]

describe("CommP and piece CIDs vs @web3-storage/data-segment 5.3.0", () => {
  it(`edge sizes: ${EDGE_SIZES.length} sizes, random content`, () => {
    for (const n of EDGE_SIZES) compare(pseudoRandomBytes(n, n + 1))
  })

  it("every size 0 … 127: both accept (FRC-0069 pads to 127 bytes) and agree; zero content too", () => {
    for (let n = 0; n <= 127; n++) {
      compare(pseudoRandomBytes(n, 1000 + n))
      compare(new Uint8Array(n))
    }
  })

  test.prop([fc.integer({ min: 0, max: 70000 }), fc.integer()], { seed: 6001, numRuns: 40 })("random payloads of random sizes", (n, seed) => {
    compare(pseudoRandomBytes(n, seed))
  })

  test.prop([fc.uint8Array({ maxLength: 3000 })], { seed: 6002, numRuns: 100 })("arbitrary byte arrays (fast-check shrinking)", (payload) => {
    compare(payload)
  })

  test.prop([fc.integer({ min: 0, max: 5000 }), fc.integer()], { seed: 6003, numRuns: 40 })(
    "each parses the other's v2 CID to the same root, height and padding", (n, seed) => {
      const payload = pseudoRandomBytes(n, seed)
      const theirs = Piece.fromPayload(payload)
      const ours = ok(parsePieceCid(theirs.toString()))
      if (ours.format !== "v2") throw new Error("expected v2")
      expect([hex(ours.commP), ours.height, ours.padding]).toEqual([hex(theirs.root), theirs.height, theirs.padding])
      const r = CommP(payload)
      const back = Piece.fromString(ok(pieceCidV2(r.commP, r.payloadSize)).toString())
      expect([hex(back.root), back.height, back.padding]).toEqual([hex(r.commP), r.height, r.padding])
    })

  test.prop([fc.integer({ min: 0, max: 5000 }), fc.integer()], { seed: 6004, numRuns: 30 })(
    "(v1 CID, piece size) → v2 CID equals Piece.fromInfo (padding 0)", (n, seed) => {
      const r = CommP(pseudoRandomBytes(n, seed))
      const v1 = ok(pieceCommitmentV1ToCID(r.commP))
      // their multiformats is 13.x, ours 14.x: the same CID re-parsed with theirs
      const theirs = Piece.fromInfo({ link: Link.parse(v1.toString()) as LegacyPieceLink, size: r.size })
      expect(ok(pieceCidV2FromV1(v1, ok(paddedPieceSize(r.size)))).toString()).toBe(theirs.toString())
    })
})
