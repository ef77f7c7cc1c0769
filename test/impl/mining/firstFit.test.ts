/**
 * First fit: the one-pass search over the sector's sorted pieces (`firstFit`) against the
 * definition of first fit, tried slot by slot on small sectors.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { type PieceRef, type SectorIndexingState, addToSector, emptyIndex, firstFit, packDealIntoSector } from "../../../src/impl/mining/sectorIndexing.js"
import type { PaddedPieceSize } from "../../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../../src/proofs/piececid.js"

/**
 * The oracle: first fit by its definition — the lowest offset that is a multiple of `size`, such
 * that `[offset, offset + size)` lies in the sector and shares no byte with a placed piece —
 * found by trying every multiple of `size` in increasing order (slots × pieces).
 */
const firstFitBySlots = (s: SectorIndexingState, sector: bigint, size: bigint): bigint | undefined => {
  const deals = s.sectors.get(sector)?.deals ?? []
  for (let o = 0n; o + size <= s.sectorSize; o += size) {
    if (deals.every((d) => !(o < d.offset + d.piece.size && d.offset < o + size))) return o
  }
  return undefined
}

/** A piece reference of `size` bytes (the CID's commitment is irrelevant to placement). */
const ref = (size: bigint, seed: number): PieceRef => ({
  pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + seed) & 0x3f))),
  size: size as PaddedPieceSize
})

/** Places `placements` (size, offset or first fit) in sector 1 of a sector of `sectorSize`, skipping refused ones. */
const fill = (sectorSize: bigint, placements: ReadonlyArray<readonly [bigint, bigint | undefined]>): SectorIndexingState => {
  let s = emptyIndex(sectorSize as PaddedPieceSize)
  placements.forEach(([size, offset], i) => {
    const added = Result.getOrThrow(addToSector(s, { deal: BigInt(i), piece: ref(size, i) }))
    const r = packDealIntoSector(added, { deal: BigInt(i), sector: 1n, ...(offset === undefined ? {} : { offset }) })
    if (Result.isSuccess(r)) s = r.success
  })
  return s
}

describe("firstFit", () => {
  it("hand-derived cases", () => {
    // 1 KiB sector: a 128-byte piece at 0 and a 256-byte piece at 512. A 128-byte piece first fits
    // at 128; a 256-byte one at 256 (0–255 holds the first piece); a 512-byte one nowhere (0 and
    // 512 are both taken).
    const s = fill(1024n, [[128n, 0n], [256n, 512n]])
    expect([firstFit(s, 1n, 128n), firstFit(s, 1n, 256n), firstFit(s, 1n, 512n)]).toEqual([128n, 256n, undefined])
    // an empty sector: 0; a piece larger than the sector: nowhere
    expect([firstFit(s, 2n, 1024n), firstFit(s, 2n, 2048n)]).toEqual([0n, undefined])
    // a full 32 GiB sector (one 32 GiB piece) refuses a 128-byte piece, after looking at one piece
    const full = fill(2n ** 35n, [[2n ** 35n, undefined]])
    expect(firstFit(full, 1n, 128n)).toBeUndefined()
  })

  const sizes = [128n, 256n, 512n, 1024n, 2048n]
  const placement = fc.tuple(fc.constantFrom(...sizes), fc.option(fc.nat({ max: 31 }), { nil: undefined }))
  test.prop([fc.constantFrom(512n, 1024n, 2048n, 4096n), fc.array(placement, { maxLength: 24 })], { seed: 11, numRuns: 400 })(
    "agrees with trying every slot, for every piece size, on sectors of up to 4 KiB filled by first fit and explicit offsets",
    (sectorSize, raw) => {
      const s = fill(sectorSize, raw.map(([size, slot]) => [size, slot === undefined ? undefined : BigInt(slot) * size] as const))
      for (const size of [...sizes, 4096n, 8192n]) expect(firstFit(s, 1n, size)).toBe(firstFitBySlots(s, 1n, size))
    }
  )
})
