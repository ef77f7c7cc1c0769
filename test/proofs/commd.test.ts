import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CommD, computeUnsealedSectorCID, requiredPadding, sectorLayout } from "../../src/proofs/commd.js"
import { CommP } from "../../src/proofs/commp.js"
import { fr32Pad } from "../../src/proofs/fr32.js"
import { hashNode } from "../../src/proofs/node.js"
import { pieceSizeOfPayload, toUnpadded } from "../../src/proofs/piece.js"
import { zeroNode } from "../../src/proofs/zerocomm.js"
import { failureOf, hex, pseudoRandomBytes } from "./_helpers.js"
import { FRC69_EMPTY_SECTORS, PUBLISHED_ZERO_COMMS } from "./_knownAnswers.js"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const H = hashNode
const z = zeroNode
const A = pseudoRandomBytes(32, 1).map((b, i) => (i === 31 ? b & 0x3f : b))
const B = pseudoRandomBytes(32, 2).map((b, i) => (i === 31 ? b & 0x3f : b))

describe("CommD — known answers", () => {
  // filecoin-project/builtin-actors actors/miner/src/commd.rs @ v18.0.0 ZERO_COMMD_HASH
  it("the empty sector is the zero commitment of the sector size (2 KiB … 64 GiB)", () => {
    for (const [name, size, commP] of PUBLISHED_ZERO_COMMS.filter(([, s]) => s >= 2048n)) {
      expect(hex(ok(CommD(size, []))), name).toBe(commP)
    }
    for (const [size, v1] of FRC69_EMPTY_SECTORS) expect(ok(computeUnsealedSectorCID(size, [])).toString()).toBe(v1)
  })

  it("hand-derived: sector 512 B = [A 128 B @0 | zero 128 B @128 | B 256 B @256]", () => {
    // 16 leaves, height 4. Level 2 (128 B): A, z(2); level 3 (256 B): H(A, z(2)), B; root: their hash.
    const layout = ok(sectorLayout(512n, [{ size: 128n, commP: A }, { size: 256n, commP: B }]))
    expect(layout.pieces.map((p) => [p.offset, p.size, p.filler])).toEqual([[0n, 128n, false], [128n, 128n, true], [256n, 256n, false]])
    expect(hex(ok(CommD(512n, [{ size: 128n, commP: A }, { size: 256n, commP: B }])))).toBe(hex(H(H(A, z(2)), B)))
  })

  it("hand-derived: the same pieces the other way round = [B @0 | A @256 | zero 128 B @384]", () => {
    expect(hex(ok(CommD(512n, [{ size: 256n, commP: B }, { size: 128n, commP: A }])))).toBe(hex(H(B, H(A, z(2)))))
  })

  it("hand-derived: sector 2 KiB = [A 128 @0 | zero 128 @128 | zero 256 @256 | B 512 @512 | zero 1024 @1024]", () => {
    // the padding before B is the set bits of (−128) mod 512 = 384 = 128 + 256, smallest first
    const layout = ok(sectorLayout(2048n, [{ size: 128n, commP: A }, { size: 512n, commP: B }]))
    expect(layout.pieces.map((p) => [p.offset, p.size])).toEqual([[0n, 128n], [128n, 128n], [256n, 256n], [512n, 512n], [1024n, 1024n]])
    // level 3: H(A, z2); level 4: H(·, z3); level 5: H(·, B); root (level 6): H(·, z5)
    expect(hex(ok(CommD(2048n, [{ size: 128n, commP: A }, { size: 512n, commP: B }])))).toBe(hex(H(H(H(H(A, z(2)), z(3)), B), z(5))))
  })

  it("a piece filling the sector is the sector's CommD", () => {
    expect(hex(ok(CommD(2048n, [{ size: 2048n, commP: A }])))).toBe(hex(A))
  })

  it("requiredPadding = the set bits of (−sum) mod size, smallest first (ref-fvm get_required_padding)", () => {
    expect(requiredPadding(128n, 512n)).toEqual([128n, 256n])
    expect(requiredPadding(0n, 512n)).toEqual([])
    expect(requiredPadding(640n, 2048n)).toEqual([128n, 256n, 1024n])
  })
})

/** The Fr32-padded sector image, byte by byte, and its root by the naive level-by-level fold. */
const imageRoot = (sectorSize: number, placed: ReadonlyArray<{ offset: bigint, payload: Uint8Array }>): Uint8Array => {
  const image = new Uint8Array(sectorSize)
  for (const { offset, payload } of placed) {
    const filled = new Uint8Array(Number(toUnpadded(ok(pieceSizeOfPayload(payload.length)))))
    filled.set(payload)
    image.set(ok(fr32Pad(filled)), Number(offset))
  }
  let level: Uint8Array[] = Array.from({ length: sectorSize / 32 }, (_, i) => image.subarray(32 * i, 32 * i + 32))
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => H(level[2 * i]!, level[2 * i + 1]!))
  return level[0]!
}

describe("CommD = the root of the whole Fr32-padded sector image", () => {
  const sectorAndPayloads = fc.integer({ min: 7, max: 12 }).chain((h) =>
    fc.tuple(fc.constant(2 ** h), fc.array(fc.integer({ min: 0, max: 127 * 2 ** (h - 7) }), { maxLength: 6 })))

  test.prop([sectorAndPayloads, fc.integer()], { seed: 8001, numRuns: 150 })("random small sectors and payloads", ([sectorSize, lengths], seed) => {
    const payloads = lengths.map((n, i) => pseudoRandomBytes(n, seed + i))
    // keep the pieces that fit, in order, as a packer would
    const kept: Uint8Array[] = []
    for (const p of payloads) {
      const trial = [...kept, p].map((q) => ({ size: CommP(q).size, commP: CommP(q).commP }))
      if (Result.isSuccess(sectorLayout(sectorSize, trial))) kept.push(p)
    }
    const pieces = kept.map((p) => ({ size: CommP(p).size, commP: CommP(p).commP }))
    const layout = ok(sectorLayout(sectorSize, pieces))
    const placed = layout.pieces.filter((p) => !p.filler).map((p) => ({ offset: p.offset, payload: kept[p.pieceIndex]! }))
    expect(hex(ok(CommD(sectorSize, pieces)))).toBe(hex(imageRoot(sectorSize, placed)))
    // the layout covers the sector exactly, every piece aligned to its size
    let at = 0n
    for (const p of layout.pieces) {
      expect(p.offset).toBe(at)
      expect(p.offset % p.size).toBe(0n)
      at += p.size
    }
    expect(at).toBe(BigInt(sectorSize))
  })
})

describe("CommD — rejections", () => {
  it("invalid sector size, invalid piece size, commitment length, piece larger than the sector, pieces not fitting", () => {
    expect(failureOf(CommD(1000n, []))).toMatchObject({ _tag: "InvalidSectorSize", sectorSize: 1000n })
    expect(failureOf(CommD(2048n, [{ size: 128n, commP: A }, { size: 300n, commP: B }]))).toMatchObject({ _tag: "InvalidPieceSize", pieceIndex: 1 })
    expect(failureOf(CommD(2048n, [{ size: 128n, commP: A.subarray(0, 31) }]))).toMatchObject({ _tag: "InvalidPieceCommitment", pieceIndex: 0, length: 31 })
    expect(failureOf(CommD(512n, [{ size: 1024n, commP: A }]))).toMatchObject({ _tag: "PieceLargerThanSector", pieceIndex: 0 })
    // 256 @0, 128 @256, then 256 must start at 512 = the end of the sector
    expect(failureOf(CommD(512n, [{ size: 256n, commP: A }, { size: 128n, commP: B }, { size: 256n, commP: A }])))
      .toMatchObject({ _tag: "PiecesExceedSector", pieceIndex: 2, end: 768n, sectorSize: 512n })
  })
})
