/**
 * The abstraction function from sector indexing (src/impl/mining/sectorIndexing.ts) to the model
 * (src/model/SectorPacking.ts): sizes and offsets in units of the smallest padded piece
 * (128 bytes), deals and sectors by number, and each PIP mapped to the model's abstract proof —
 * its root is the sector's placements when the real proof verifies against the sector's real
 * CommD for that deal's real CommP, and empty (a proof the model rejects) otherwise.
 *
 * @module
 */
import { Result } from "effect"
import type { Pip as ModelPip, State as ModelState } from "../../model/SectorPacking.js"
import { bytesEqual } from "../encoding/hex.js"
import { cidToPieceCommitmentV1 } from "../../proofs/piececid.js"
import { verifyPip } from "../../proofs/pip.js"
import type { SectorIndexingState } from "./sectorIndexing.js"

/** The model's size unit: the smallest padded piece, 128 bytes. */
export const UNIT = 128n

/**
 * The model state of an index.
 *
 * @category refinement
 * @since 0.1.0
 */
export const abstractSectorIndexing = (s: SectorIndexingState): ModelState => {
  const placed = new Map<number, { sector: number; offset: number }>()
  const packed = new Set<number>()
  const pips = new Map<number, ModelPip>()
  for (const [sector, entry] of s.sectors) {
    for (const d of entry.deals) placed.set(Number(d.deal), { sector: Number(sector), offset: Number(d.offset / UNIT) })
    if (entry.packed === undefined) continue
    packed.add(Number(sector))
    const root = entry.deals.map((d) => [Number(d.deal), Number(d.offset / UNIT)] as const).sort(([a], [b]) => a - b)
    for (const d of entry.deals) {
      const pip = entry.packed.pips.get(d.deal)
      if (pip === undefined) continue
      const commP = cidToPieceCommitmentV1(d.piece.pieceCid)
      const valid = Result.isSuccess(verifyPip(entry.packed.commD, s.sectorSize, pip)) && Result.isSuccess(commP) && bytesEqual(commP.success, pip.pieceCommP)
      pips.set(Number(d.deal), { sector: Number(sector), offset: Number(pip.offset / UNIT), size: Number(pip.pieceSize / UNIT), root: valid ? root : [] })
    }
  }
  return { queue: new Set([...s.queue.keys()].map(Number)), placed, packed, pips }
}
