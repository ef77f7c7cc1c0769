/**
 * The abstraction function from sector indexing (src/impl/mining/sectorIndexing.ts) to the model
 * (src/model/SectorPacking.ts): sizes and offsets in units of the smallest padded piece
 * (128 bytes), deals and sectors by number; each sector's data is its pieces, unit by unit (unit i
 * of a deal's piece at the piece's offset + i, zero elsewhere: the bytes CommD is computed over);
 * and each PIP is mapped to the model's abstract proof — its root is the sector's data when the
 * real proof verifies against the sector's real CommD for that deal's real CommP (a Merkle path
 * binds the piece under its node to the root), and all zeros (a root the model rejects for a
 * packed, hence non-empty, sector) otherwise.
 *
 * @module
 */
import { Result } from "effect"
import { type Chunk, type Pip as ModelPip, type State as ModelState, Zero } from "../../model/SectorPacking.js"
import { bytesEqual } from "../encoding/hex.js"
import { cidToPieceCommitmentV1 } from "../../proofs/piececid.js"
import { verifyPip } from "../../proofs/pip.js"
import type { SectorIndexingState } from "./sectorIndexing.js"

/** The model's size unit: the smallest padded piece, 128 bytes. */
export const UNIT = 128n

/**
 * The model state of an index, for the model's sectors `sectors` (a sector the index never
 * touched holds zeros).
 *
 * @category refinement
 * @since 0.1.0
 */
export const abstractSectorIndexing = (s: SectorIndexingState, sectors: ReadonlyArray<number>): ModelState => {
  const placed = new Map<number, { sector: number; offset: number }>()
  const units = Number(s.sectorSize / UNIT)
  const data = new Map<number, Array<Chunk>>(sectors.map((x) => [x, Array.from({ length: units }, () => Zero)]))
  const packed = new Set<number>()
  const pips = new Map<number, ModelPip>()
  for (const [sector, entry] of s.sectors) {
    const image = data.get(Number(sector)) ?? Array.from({ length: units }, () => Zero)
    data.set(Number(sector), image)
    for (const d of entry.deals) {
      placed.set(Number(d.deal), { sector: Number(sector), offset: Number(d.offset / UNIT) })
      for (let i = 0; i < Number(d.piece.size / UNIT); i++) image[Number(d.offset / UNIT) + i] = [Number(d.deal), i]
    }
    if (entry.packed === undefined) continue
    packed.add(Number(sector))
    for (const d of entry.deals) {
      const pip = entry.packed.pips.get(d.deal)
      if (pip === undefined) continue
      const commP = cidToPieceCommitmentV1(d.piece.pieceCid)
      const valid = Result.isSuccess(verifyPip(entry.packed.commD, s.sectorSize, pip)) && Result.isSuccess(commP) && bytesEqual(commP.success, pip.pieceCommP)
      pips.set(Number(d.deal), { sector: Number(sector), offset: Number(pip.offset / UNIT), size: Number(pip.pieceSize / UNIT), root: valid ? image : image.map(() => Zero) })
    }
  }
  const queue = new Set([...s.queue.keys()].map(Number))
  return { given: new Set([...queue, ...placed.keys()]), queue, placed, data, packed, pips }
}
