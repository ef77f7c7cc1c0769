import { fc, test } from "@fast-check/vitest"
import { Proof } from "@web3-storage/data-segment"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CommD, sectorLayout } from "../../src/proofs/commd.js"
import type { Pip } from "../../src/proofs/interface.js"
import { hashNode } from "../../src/proofs/node.js"
import { decodePip, encodePip, makePip, verifyPip } from "../../src/proofs/pip.js"
import { zeroNode } from "../../src/proofs/zerocomm.js"
import { failureOf, hex, pseudoRandomBytes, tagOf } from "./_helpers.js"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)

/** A packed sector: sector height 2 … 36 (128 B … 64 GiB), pieces of random heights with distinct random commitments. */
const sector = fc.integer({ min: 2, max: 36 }).chain((h) =>
  fc.tuple(
    fc.constant(h),
    fc.array(fc.integer({ min: 2, max: h }), { minLength: 1, maxLength: 8 }),
    fc.integer()
  )).map(([h, heights, seed]) => {
    const sectorSize = 32n << BigInt(h)
    // keep the pieces that fit, in order
    const pieces: Array<{ size: bigint, commP: Uint8Array }> = []
    heights.forEach((ph, i) => {
      const piece = { size: 32n << BigInt(ph), commP: pseudoRandomBytes(32, seed + 7919 * i).map((b, k) => (k === 31 ? b & 0x3f : b)) }
      if (Result.isSuccess(sectorLayout(sectorSize, [...pieces, piece]))) pieces.push(piece)
    })
    const layout = ok(sectorLayout(sectorSize, pieces))
    return { sectorSize, pieces, layout, commD: ok(CommD(sectorSize, pieces)) }
  })

const withPiece = sector.chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.pieces.length - 1 })))

describe("makePip / verifyPip", () => {
  test.prop([sector], { seed: 12001, numRuns: 150 })("every packed piece's PIP verifies against the sector's CommD (and data-segment's Proof.verify)", (s) => {
    s.pieces.forEach((piece, i) => {
      const pip = ok(makePip(s.layout, i))
      expect(pip.pieceSize).toBe(piece.size)
      expect(hex(pip.pieceCommP)).toBe(hex(piece.commP))
      expect(pip.offset % pip.pieceSize).toBe(0n)
      expect(ok(verifyPip(s.commD, s.sectorSize, pip))).toBe(true)
      expect(Proof.verify([pip.offset / pip.pieceSize, [...pip.path]], { tree: s.commD, node: pip.pieceCommP })).toEqual({ ok: {} })
    })
  })

  test.prop([withPiece, fc.nat(), fc.integer({ min: 0, max: 255 })], { seed: 12002, numRuns: 300 })(
    "flipping any bit of any node (the CommP or a sibling) → PipRootMismatch", ([s, i], which, bit) => {
      const pip = ok(makePip(s.layout, i))
      const nodes = [pip.pieceCommP, ...pip.path].map((n) => n.slice())
      const k = which % nodes.length
      nodes[k]![bit >> 3]! ^= 1 << (bit & 7)
      const tampered: Pip = { ...pip, pieceCommP: nodes[0]!, path: nodes.slice(1) }
      expect(tagOf(verifyPip(s.commD, s.sectorSize, tampered))).toBe("PipRootMismatch")
    })

  test.prop([withPiece, fc.bigInt({ min: -(1n << 37n), max: 1n << 38n })], { seed: 12003, numRuns: 300 })(
    "another offset → PipOffsetNotAligned, PipOffsetOutsideSector or PipRootMismatch", ([s, i], offset) => {
      const pip = ok(makePip(s.layout, i))
      if (offset === pip.offset) return
      const tag = tagOf(verifyPip(s.commD, s.sectorSize, { ...pip, offset }))
      const expected = offset % pip.pieceSize !== 0n
        ? "PipOffsetNotAligned"
        : offset < 0n || offset + pip.pieceSize > s.sectorSize ? "PipOffsetOutsideSector" : "PipRootMismatch"
      expect(tag).toBe(expected)
    })

  test.prop([withPiece, fc.integer({ min: 0, max: 1000 })], { seed: 12004, numRuns: 100 })(
    "an aligned offset inside the sector but not the piece's → PipRootMismatch", ([s, i], k) => {
      const pip = ok(makePip(s.layout, i))
      const slots = s.sectorSize / pip.pieceSize
      if (slots === 1n) return
      const offset = ((pip.offset / pip.pieceSize + 1n + BigInt(k) % (slots - 1n)) % slots) * pip.pieceSize
      expect(tagOf(verifyPip(s.commD, s.sectorSize, { ...pip, offset }))).toBe("PipRootMismatch")
    })

  test.prop([withPiece], { seed: 12005, numRuns: 100 })("verifying against another sector's CommD → PipRootMismatch", ([s, i]) => {
    const pip = ok(makePip(s.layout, i))
    // the same layout with one commitment changed
    const other = s.pieces.map((p, k) => (k === (i + 1) % s.pieces.length ? { ...p, commP: hashNode(p.commP, p.commP) } : p))
    expect(tagOf(verifyPip(ok(CommD(s.sectorSize, other)), s.sectorSize, pip))).toBe("PipRootMismatch")
    // and the empty sector's
    expect(tagOf(verifyPip(ok(CommD(s.sectorSize, [])), s.sectorSize, pip))).toBe("PipRootMismatch")
  })

  it("structural failures, each with its own error", () => {
    const pieces = [{ size: 128n, commP: pseudoRandomBytes(32, 1) }, { size: 512n, commP: pseudoRandomBytes(32, 2) }]
    const layout = ok(sectorLayout(2048n, pieces))
    const commD = ok(CommD(2048n, pieces))
    const pip = ok(makePip(layout, 1))
    expect(pip.path.length).toBe(2) // log2(2048 / 512)
    expect(failureOf(verifyPip(commD, 4096n, pip))).toMatchObject({ _tag: "PipSectorSizeMismatch", expected: 4096n, actual: 2048n })
    expect(failureOf(verifyPip(commD.subarray(1), 2048n, pip))).toMatchObject({ _tag: "PipInvalidNodeLength", what: "commD" })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, path: [pip.path[0]!, new Uint8Array(33)] }))).toMatchObject({ _tag: "PipInvalidNodeLength", what: "path[1]", length: 33 })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, pieceCommP: new Uint8Array(0) }))).toMatchObject({ _tag: "PipInvalidNodeLength", what: "pieceCommP" })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, path: pip.path.slice(1) }))).toMatchObject({ _tag: "PipPathLengthMismatch", length: 1, expected: 2 })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, path: [...pip.path, pip.path[0]!] }))).toMatchObject({ _tag: "PipPathLengthMismatch", length: 3 })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, offset: 256n }))).toMatchObject({ _tag: "PipOffsetNotAligned", offset: 256n })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, offset: 2048n }))).toMatchObject({ _tag: "PipOffsetOutsideSector" })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, pieceSize: 4096n as Pip["pieceSize"] }))).toMatchObject({ _tag: "PipInvalidSize", what: "piece" })
    expect(failureOf(verifyPip(commD, 2048n, { ...pip, pieceSize: 500n as Pip["pieceSize"] }))).toMatchObject({ _tag: "PipInvalidSize", what: "piece" })
    expect(failureOf(makePip(layout, 2))).toMatchObject({ _tag: "PieceNotInLayout", pieceIndex: 2 })
  })

  it("hand-derived: 2 KiB sector [A 128 @0 | 0 | 0 | B 512 @512 | 0 1024 @1024] — B's path is [H(H(A, z2), z3), z5]", () => {
    const A = pseudoRandomBytes(32, 1), B = pseudoRandomBytes(32, 2)
    const pip = ok(makePip(ok(sectorLayout(2048n, [{ size: 128n, commP: A }, { size: 512n, commP: B }])), 1))
    expect(pip.offset).toBe(512n)
    expect(pip.path.map(hex)).toEqual([hex(hashNode(hashNode(A, zeroNode(2)), zeroNode(3))), hex(zeroNode(5))])
    const pipA = ok(makePip(ok(sectorLayout(2048n, [{ size: 128n, commP: A }, { size: 512n, commP: B }])), 0))
    expect(pipA.path.map(hex)).toEqual([zeroNode(2), zeroNode(3), B, zeroNode(5)].map(hex))
  })
})

describe("encodePip / decodePip", () => {
  test.prop([withPiece], { seed: 12006, numRuns: 150 })("round trip, exact length, and the decoded PIP verifies", ([s, i]) => {
    const pip = ok(makePip(s.layout, i))
    const bytes = ok(encodePip(pip))
    const index = pip.offset / pip.pieceSize
    const varintLength = index === 0n ? 1 : Math.ceil(index.toString(2).length / 7)
    expect(bytes.length).toBe(3 + varintLength + 32 * (1 + pip.path.length))
    const back = ok(decodePip(bytes))
    expect({ ...back, pieceCommP: hex(back.pieceCommP), path: back.path.map(hex) })
      .toEqual({ ...pip, pieceCommP: hex(pip.pieceCommP), path: pip.path.map(hex) })
    expect(ok(verifyPip(s.commD, s.sectorSize, back))).toBe(true)
  })

  test.prop([withPiece, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 40 })], { seed: 12007, numRuns: 150 })(
    "truncated or extended encodings are rejected", ([s, i], cut, extra) => {
      const bytes = ok(encodePip(ok(makePip(s.layout, i))))
      const short = bytes.subarray(0, cut % bytes.length)
      expect(["PipEncodingVersion", "PipEncodingHeights", "PipEncodingIndex", "PipEncodingLength"]).toContain(tagOf(decodePip(short)))
      expect(tagOf(decodePip(Uint8Array.from([...bytes, ...extra])))).toBe("PipEncodingLength")
    })

  it("typed errors for version, heights, position and length", () => {
    const node = new Uint8Array(32)
    // 2 KiB sector (height 6), 512-byte piece (height 4), position 1, CommP, 2 path nodes
    const good = Uint8Array.from([1, 6, 4, 1, ...node, ...node, ...node])
    expect(ok(decodePip(good))).toMatchObject({ sectorSize: 2048n, pieceSize: 512n, offset: 512n })
    expect(failureOf(decodePip(Uint8Array.from([2, ...good.subarray(1)])))).toMatchObject({ _tag: "PipEncodingVersion", version: 2 })
    expect(failureOf(decodePip(new Uint8Array(0)))).toMatchObject({ _tag: "PipEncodingVersion" })
    expect(failureOf(decodePip(Uint8Array.from([1, 6, 7])))).toMatchObject({ _tag: "PipEncodingHeights", sectorHeight: 6, pieceHeight: 7 })
    expect(failureOf(decodePip(Uint8Array.from([1, 6, 1])))).toMatchObject({ _tag: "PipEncodingHeights" })
    expect(failureOf(decodePip(Uint8Array.from([1, 59, 2])))).toMatchObject({ _tag: "PipEncodingHeights" })
    expect(failureOf(decodePip(Uint8Array.from([1, 6, 4, 4, ...node, ...node, ...node])))).toMatchObject({ _tag: "PipEncodingIndex" })
    expect(failureOf(decodePip(Uint8Array.from([1, 6, 4, 0x81, 0x00, ...node, ...node, ...node])))).toMatchObject({ _tag: "PipEncodingIndex", reason: "non-minimal varint" })
    expect(failureOf(decodePip(good.subarray(0, good.length - 1)))).toMatchObject({ _tag: "PipEncodingLength", expected: good.length })
  })

  it("encoding refuses a structurally invalid PIP", () => {
    const pip: Pip = {
      pieceCommP: new Uint8Array(32), pieceSize: 512n as Pip["pieceSize"], offset: 100n, path: [new Uint8Array(32), new Uint8Array(32)],
      sectorSize: 2048n as Pip["sectorSize"]
    }
    expect(tagOf(encodePip(pip))).toBe("PipOffsetNotAligned")
  })
})
