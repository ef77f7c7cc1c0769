import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { describe, expect, it } from "vitest"
import { type SectorIndexingState, addToSector, emptyIndex, packDealIntoSector, packSector } from "../../../src/impl/mining/sectorIndexing.js"
import { sectorLayout } from "../../../src/proofs/commd.js"
import { CommP } from "../../../src/proofs/commp.js"
import type { PaddedPieceSize } from "../../../src/proofs/interface.js"
import { hashNode } from "../../../src/proofs/node.js"
import { pieceCommitmentV1ToCID } from "../../../src/proofs/piececid.js"
import { verifyPip } from "../../../src/proofs/pip.js"
import { zeroNode, zeroPieceCommitment } from "../../../src/proofs/zerocomm.js"

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
    // By hand, from node hashes: the 1 KiB sector is a tree of 32 leaves; a is the level-2 node over
    // [0, 128), the 128-byte zero piece the level-2 node over [128, 256), b the level-3 node over
    // [256, 512), and [512, 1024) is the level-4 zero node.  CommD = H(H(H(a, Z2), b), Z4), with H
    // the sha256-trunc254 node hash and Zk the root of 32·2^k zero bytes (both checked against
    // published values in test/proofs).
    expect(packed.commD).toEqual(hashNode(hashNode(hashNode(a.commP, zeroNode(2)), b.commP), zeroNode(4)))
    for (const pip of packed.pips.values()) expect(Result.isSuccess(verifyPip(packed.commD, SECTOR, pip))).toBe(true)
  })

  it("packs with the one layout function: explicit offsets, gaps filled with the largest aligned zero pieces", () => {
    const layout = Result.getOrThrow(sectorLayout(SECTOR, [{ size: 256n, commP: b.commP, offset: 512n }]))
    // by hand: [0, 512) is one 512-byte zero piece; the deal at 512; [768, 1024) one 256-byte zero piece
    expect(layout.pieces.map((p) => [p.offset, p.size, p.filler])).toEqual([[0n, 512n, true], [512n, 256n, false], [768n, 256n, true]])
    expect(layout.pieces[0]!.commP).toEqual(zeroPieceCommitment(512n as PaddedPieceSize))
    // the same piece placed there by sector indexing gets the CommD of that layout
    let s = Result.getOrThrow(addToSector(emptyIndex(SECTOR), { deal: 1n, piece: b.ref }))
    s = Result.getOrThrow(packSector(Result.getOrThrow(packDealIntoSector(s, { deal: 1n, sector: 1n, offset: 512n })), { sector: 1n }))
    // By hand, from node hashes: [0, 512) is the level-4 zero node Z4, b the level-3 node over
    // [512, 768), [768, 1024) the level-3 zero node Z3, so CommD = H(Z4, H(b, Z3)).
    expect(s.sectors.get(1n)!.packed!.commD).toEqual(hashNode(zeroNode(4), hashNode(b.commP, zeroNode(3))))
  })

  it("an offset the chain's rule would give yields the chain's layout; a misaligned or backward one is refused", () => {
    const pieces = [{ size: 128n, commP: a.commP }, { size: 256n, commP: b.commP }]
    const chain = Result.getOrThrow(sectorLayout(SECTOR, pieces))
    // the chain's rule puts a at 0 and b at 256 (ref-fvm get_required_padding)
    expect(Result.getOrThrow(sectorLayout(SECTOR, [{ ...pieces[0]!, offset: 0n }, { ...pieces[1]!, offset: 256n }]))).toEqual(chain)
    const misaligned = sectorLayout(SECTOR, [{ ...pieces[1]!, offset: 128n }])
    expect(Result.isFailure(misaligned) && misaligned.failure._tag).toBe("InvalidPieceOffset")
    const backward = sectorLayout(SECTOR, [{ ...pieces[1]!, offset: 512n }, { ...pieces[0]!, offset: 0n }])
    expect(Result.isFailure(backward) && backward.failure._tag).toBe("InvalidPieceOffset")
  })

  // The index holds no functions and no mutable views, so its printed form is its value.
  const snapshot = (s: SectorIndexingState): string =>
    JSON.stringify(s, (_, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Map ? [...v] : v instanceof CID ? v.toString() : v instanceof Uint8Array ? [...v] : v))
  const refused = (s: SectorIndexingState, r: Result.Result<SectorIndexingState, { readonly tag: string }>, before: string) => {
    expect(snapshot(s)).toBe(before)
    return Result.isFailure(r) ? r.failure.tag : "accepted"
  }
  const oneFull = (): SectorIndexingState => {
    let s = emptyIndex(256n as PaddedPieceSize)
    s = Result.getOrThrow(addToSector(s, { deal: 1n, piece: b.ref }))
    s = Result.getOrThrow(packDealIntoSector(s, { deal: 1n, sector: 1n }))
    return Result.getOrThrow(addToSector(s, { deal: 2n, piece: a.ref }))
  }

  it("a full sector: NoOverlapWith, state unchanged", () => {
    const s = oneFull()
    const before = snapshot(s)
    expect(refused(s, packDealIntoSector(s, { deal: 2n, sector: 1n }), before)).toBe("NoOverlapWith")
  })

  it("a piece larger than the sector: PieceFits, state unchanged", () => {
    const s = Result.getOrThrow(addToSector(oneFull(), { deal: 3n, piece: piece(4, 3).ref }))
    const before = snapshot(s)
    expect(refused(s, packDealIntoSector(s, { deal: 3n, sector: 2n }), before)).toBe("PieceFits")
  })

  it("a malformed piece CID — a dag-cbor CID, or a v1 CID whose hash is not a piece commitment: InvalidPieceCid, state unchanged", () => {
    const s = oneFull()
    const before = snapshot(s)
    const dagCbor = CID.createV1(0x71, identity.digest(Uint8Array.of(1, 2, 3)))
    expect(refused(s, addToSector(s, { deal: 4n, piece: { ...a.ref, pieceCid: dagCbor } }), before)).toBe("InvalidPieceCid")
    const rawIdentity = CID.createV1(0xf101, identity.digest(a.commP))
    expect(refused(s, addToSector(s, { deal: 4n, piece: { ...a.ref, pieceCid: rawIdentity } }), before)).toBe("InvalidPieceCid")
  })

  it("a size that is not a padded piece size: InvalidPieceSize, state unchanged", () => {
    const s = oneFull()
    const before = snapshot(s)
    expect(refused(s, addToSector(s, { deal: 5n, piece: { ...a.ref, size: 200n as PaddedPieceSize } }), before)).toBe("InvalidPieceSize")
  })

  it("a v1 piece CID carries no size, so another piece's CID with this size is accepted (the deal proposal carries both)", () => {
    // A v1 piece CID is the commitment alone (fil-commitment-unsealed, sha2-256-trunc254-padded);
    // the size travels beside it, as in the market's DealProposal { piece_cid, piece_size }
    // (filecoin-project/builtin-actors actors/market/src/deal.rs @ f69c299031d124a3d612b05207430d0b9f4198dc).
    // Nothing here can tell that b's commitment belongs to a 256-byte piece.
    const s = oneFull()
    const r = addToSector(s, { deal: 4n, piece: { ...a.ref, pieceCid: b.ref.pieceCid } })
    expect(Result.isSuccess(r) && r.success.queue.get(4n)).toEqual({ ...a.ref, pieceCid: b.ref.pieceCid })
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
