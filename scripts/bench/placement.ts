/**
 * The placement rows of `npm run bench`: sector indexing's first fit (`packDealIntoSector`
 * without an offset, `src/impl/mining/sectorIndexing.ts`) in a 32 GiB sector.
 *
 * - Refusing a 128-byte piece in a sector one 32 GiB piece fills (trying every 128-byte slot
 *   costs 2^28 slots × pieces; the one-pass search looks at one piece).
 * - Placing 1,024 deals of 1 MiB – 1 GiB summing to 32 GiB (sizes from xorshift128, seed
 *   {@link PLACEMENT_SEED}), largest first, each by first fit, into one sector: the whole run and
 *   the slowest placement.
 * - Refusing a 128-byte piece once those 1,024 fill the sector to its last byte.
 *
 * Each figure is the best of {@link REPS} runs, in milliseconds.
 *
 * @module
 */
import { Result } from "effect"
import { type PieceRef, type SectorIndexingState, addToSector, emptyIndex, packDealIntoSector } from "../../src/impl/mining/sectorIndexing.js"
import type { PaddedPieceSize } from "../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { prngBytes } from "./prng.js"

/** The seed of the deals' sizes. */
export const PLACEMENT_SEED = 0x91ace
const REPS = 5
const GiB = 2n ** 30n
const MiB = 2n ** 20n
const SECTOR = (32n * GiB) as PaddedPieceSize
const DEALS = 1024

const ref = (size: bigint): PieceRef => ({ pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(new Uint8Array(32))), size: size as PaddedPieceSize })

const place = (s: SectorIndexingState, deal: bigint, size: bigint) =>
  packDealIntoSector(Result.getOrThrow(addToSector(s, { deal, piece: ref(size) })), { deal, sector: 1n })

const best = <T>(run: () => T): { ms: number; value: T } => {
  let ms = Infinity
  let value = run()
  for (let i = 0; i < REPS; i++) {
    const t = performance.now()
    value = run()
    ms = Math.min(ms, performance.now() - t)
  }
  return { ms, value }
}

/**
 * The 1,024 deals' sizes, powers of two from 1 MiB to 1 GiB summing to 32 GiB exactly: from 1,024
 * pieces of 32 MiB, 4,096 moves drawn from the seed, each merging two pieces of one size into one
 * of twice it and splitting another into two of half its size (the count and the sum stay).
 * Largest first, as first-fit-decreasing packs them: every piece finds its place and the sector
 * ends full to its last byte.
 */
const dealSizes = (): Array<bigint> => {
  const random = prngBytes(2 * 4096, PLACEMENT_SEED)
  const count = new Map<number, number>([[5, DEALS]]) // log2(size / 1 MiB) → pieces
  const take = (k: number, n: number) => count.set(k, (count.get(k) ?? 0) + n)
  const pick = (ok: (k: number) => boolean, r: number) => {
    const ks = [...count.keys()].filter(ok).sort((a, b) => a - b)
    return ks[r % ks.length]
  }
  for (let i = 0; i < 4096; i++) {
    const merge = pick((k) => k < 10 && count.get(k)! >= 2, random[2 * i]!)
    if (merge === undefined) continue
    take(merge, -2); take(merge + 1, 1)
    const split = pick((k) => k > 0 && count.get(k)! >= 1, random[2 * i + 1]!)!
    take(split, -1); take(split - 1, 2)
  }
  return [...count].sort(([a], [b]) => b - a).flatMap(([k, n]) => Array.from({ length: n }, () => MiB << BigInt(k)))
}

/** The placement rows, as printed lines; throws when first fit does not place or refuse as it must. */
export const placementRows = (): Array<string> => {
  const full = Result.getOrThrow(place(emptyIndex(SECTOR), 0n, SECTOR))
  const withSmall = Result.getOrThrow(addToSector(full, { deal: 1n, piece: ref(128n) }))
  const refuseOne = best(() => packDealIntoSector(withSmall, { deal: 1n, sector: 1n }))
  if (Result.isSuccess(refuseOne.value)) throw new Error("a 128-byte piece was placed in a full sector")

  const sizes = dealSizes()
  let slowest = 0
  const fillAll = best(() => {
    let s = emptyIndex(SECTOR)
    slowest = 0
    sizes.forEach((size, i) => {
      const t = performance.now()
      s = Result.getOrThrow(place(s, BigInt(i), size))
      slowest = Math.max(slowest, performance.now() - t)
    })
    return s
  })
  const used = fillAll.value.sectors.get(1n)!.deals.reduce((n, d) => n + d.piece.size, 0n)
  if (used !== SECTOR) throw new Error(`the 1,024 deals fill ${used} bytes, not the sector's ${SECTOR}`)
  const last = Result.getOrThrow(addToSector(fillAll.value, { deal: BigInt(DEALS), piece: ref(128n) }))
  const refuseMany = best(() => packDealIntoSector(last, { deal: BigInt(DEALS), sector: 1n }))
  if (Result.isSuccess(refuseMany.value)) throw new Error("a 128-byte piece was placed in a full sector")

  const ms = (x: number) => x.toFixed(3)
  return [
    "placement (first fit, 32 GiB sector; best of 5, ms):",
    `  refuse a 128-byte piece, sector full with one 32 GiB piece: ${ms(refuseOne.ms)}`,
    `  place ${DEALS} deals of 1 MiB – 1 GiB one by one (largest first): ${ms(fillAll.ms)} in all, slowest placement ${ms(slowest)}`,
    `  refuse a 128-byte piece, sector full with those ${DEALS} deals: ${ms(refuseMany.ms)}`
  ]
}
