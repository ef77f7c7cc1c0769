import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { addToSector, emptyIndex, layoutOf, packDealIntoSector, packSector } from "../../../src/impl/mining/sectorIndexing.js"
import { CommD } from "../../../src/proofs/commd.js"
import { CommP } from "../../../src/proofs/commp.js"
import type { PaddedPieceSize } from "../../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../../src/proofs/piececid.js"
import { verifyPip } from "../../../src/proofs/pip.js"
import { zeroPieceCommitment } from "../../../src/proofs/zerocomm.js"

const piece = (units: number, seed: number) => {
  const { commP, size } = CommP(Uint8Array.from({ length: 127 * units }, (_, i) => (i + seed) & 0xff))
  return { commP, ref: { pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(commP)), size } }
}

describe("sector indexing", () => {
  const a = piece(1, 1), b = piece(2, 2)
  const SECTOR = 1024n as PaddedPieceSize

  it("first fit places pieces at the lowest aligned free offset, and CommD matches the chain's ordered layout", () => {
    let s = emptyIndex(SECTOR)
    s = Result.getOrThrow(addToSector(s, { deal: 1n, piece: a.ref }))
    s = Result.getOrThrow(addToSector(s, { deal: 2n, piece: b.ref }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 1n, sector: 7n }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 2n, sector: 7n }))
    // a (128 B) at 0; b (256 B) at the next multiple of 256 → 256, with a 128-byte zero piece between
    expect(s.sectors.get(7n)!.deals.map((d) => d.offset)).toEqual([0n, 256n])
    s = Result.getOrThrow(packSector(s, { sector: 7n }))
    const packed = s.sectors.get(7n)!.packed!
    // Independent path: the chain's rule (ref-fvm compute_unsealed_sector_cid) over the ordered pieces
    expect(packed.commD).toEqual(Result.getOrThrow(CommD(SECTOR, [{ size: 128n, commP: a.commP }, { size: 256n, commP: b.commP }])))
    for (const pip of packed.pips.values()) expect(Result.isSuccess(verifyPip(packed.commD, SECTOR, pip))).toBe(true)
  })

  it("fills gaps with the largest aligned zero pieces", () => {
    const layout = layoutOf(SECTOR, [{ deal: 1n, piece: b.ref, offset: 512n }])
    // [0, 512) is one 512-byte zero piece; the deal at 512; [768, 1024) one 256-byte zero piece
    expect(layout.pieces.map((p) => [p.offset, p.size, p.filler])).toEqual([[0n, 512n, true], [512n, 256n, false], [768n, 256n, true]])
    expect(layout.pieces[0]!.commP).toEqual(zeroPieceCommitment(512n as PaddedPieceSize))
  })

  it("a full sector, a piece larger than the sector, a malformed piece CID: typed errors, state unchanged", () => {
    let s = emptyIndex(256n as PaddedPieceSize)
    s = Result.getOrThrow(addToSector(s, { deal: 1n, piece: b.ref }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 1n, sector: 1n }))
    s = Result.getOrThrow(addToSector(s, { deal: 2n, piece: a.ref }))
    const full = packDealIntoSector(s, { deal: 2n, sector: 1n })
    expect(Result.isFailure(full) && full.failure.tag).toBe("NoOverlapWith")
    const big = piece(4, 3)
    const s2 = Result.getOrThrow(addToSector(s, { deal: 3n, piece: big.ref }))
    const tooLarge = packDealIntoSector(s2, { deal: 3n, sector: 2n })
    expect(Result.isFailure(tooLarge) && tooLarge.failure.tag).toBe("PieceFits")
    const malformed = addToSector(s, { deal: 4n, piece: { ...a.ref, pieceCid: b.ref.pieceCid.toV1().link() } })
    expect(Result.isSuccess(malformed)).toBe(true) // a v1 piece CID of another piece is well formed
    const wrongSize = addToSector(s, { deal: 5n, piece: { ...a.ref, size: 200n as PaddedPieceSize } })
    expect(Result.isFailure(wrongSize) && wrongSize.failure.tag).toBe("InvalidPieceSize")
  })
})

describe("the abstraction to the SectorPacking model", () => {
  it("a PIP that does not verify against the sector's real CommD is one the model rejects", async () => {
    const { abstractSectorIndexing } = await import("../../../src/impl/mining/abstraction.js")
    const { EveryPackedPieceHasValidPIP } = await import("../../../src/model/SectorPackingInvariants.js")
    const c = { Sectors: [1], SectorSize: 8, DealsOfSize1: [1], DealsOfSize2: [2], DealsOfSize4: [], DealsOfSize8: [] }
    const a = piece(1, 9), b = piece(2, 8)
    let s = emptyIndex(1024n as PaddedPieceSize)
    s = Result.getOrThrow(addToSector(s, { deal: 1n, piece: a.ref }))
    s = Result.getOrThrow(addToSector(s, { deal: 2n, piece: b.ref }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 1n, sector: 1n }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 2n, sector: 1n }))
    s = Result.getOrThrow(packSector(s, { sector: 1n }))
    expect(EveryPackedPieceHasValidPIP(c, abstractSectorIndexing(s, c.Sectors))).toBe(true)
    // tamper with deal 2's proof inside the state: flip a bit of its first path node
    const entry = s.sectors.get(1n)!
    const pip = entry.packed!.pips.get(2n)!
    const path = pip.path.map((n, i) => (i === 0 ? Uint8Array.of(n[0]! ^ 1, ...n.slice(1)) : n))
    const tampered = { ...s, sectors: new Map([[1n, { ...entry, packed: { ...entry.packed!, pips: new Map([...entry.packed!.pips, [2n, { ...pip, path }]]) } }]]) }
    expect(EveryPackedPieceHasValidPIP(c, abstractSectorIndexing(tampered, c.Sectors))).toBe(false)
  })
})
