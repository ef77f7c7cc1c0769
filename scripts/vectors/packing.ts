/**
 * The packing vectors (`vectors/packing/<action>/<case>.json`): sequences of sector-indexing
 * steps (spec/tla/SectorPacking.tla: AddToSector, PackDealIntoSector, PackSector) from an empty
 * index of 2 KiB sectors, with the final state — placements, packed sectors' CommD / unsealed CID
 * and encoded PIPs — or the tag of the check the last step fails (the TLA+ operator where there
 * is one).  Expected values come from running src/impl/mining/sectorIndexing.ts.
 *
 * @module
 */
import type { IndexingStepJson } from "../../conformance/schema.js"
import { type FunctionCase, pieceCidOf } from "./proofs.js"

const SECTOR = "2048"
const add = (deal: number, size: number, seed = deal): IndexingStepJson =>
  ({ action: "AddToSector", deal: String(deal), pieceCid: pieceCidOf(size, seed), size: String(size) })
const place = (deal: number, sector: number | bigint, offset?: number): IndexingStepJson =>
  ({ action: "PackDealIntoSector", deal: String(deal), sector: String(sector), ...(offset === undefined ? {} : { offset: String(offset) }) })
const pack = (sector: number): IndexingStepJson => ({ action: "PackSector", sector: String(sector) })

const c = (action: string, name: string, description: string, steps: ReadonlyArray<IndexingStepJson>, error?: string): FunctionCase => ({
  path: `packing/${action}/${name}`, description,
  call: { function: "sectorIndexing", input: { sectorSize: SECTOR, steps } },
  expect: error === undefined ? "ok" : { error }
})

/** Every packing case, in a fixed order. */
export const packingCases: ReadonlyArray<FunctionCase> = [
  // AddToSector
  c("add_to_sector", "valid_one_deal", "deal 1 (a 256-byte piece) is queued", [add(1, 256)]),
  c("add_to_sector", "valid_two_deals", "deals 1 and 2 are queued, listed by deal id", [add(2, 512), add(1, 256)]),
  c("add_to_sector", "invalid_deal_already_queued", "deal 1 added twice (DealNotYetAdded)", [add(1, 256), add(1, 256)], "DealNotYetAdded"),
  c("add_to_sector", "invalid_deal_already_placed", "deal 1 added again after it was placed in sector 0 (DealNotYetAdded)", [add(1, 256), place(1, 0), add(1, 256)], "DealNotYetAdded"),
  c("add_to_sector", "invalid_piece_cid_v2", "a v2 piece CID (FRC-0069) where a v1 piece CID is required",
    [{ action: "AddToSector", deal: "1", pieceCid: "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi", size: "512" }], "InvalidPieceCid"),
  c("add_to_sector", "invalid_piece_cid_not_a_cid", "a piece CID that is not a CID", [{ action: "AddToSector", deal: "1", pieceCid: "not-a-cid", size: "256" }], "InvalidPieceCid"),
  c("add_to_sector", "invalid_piece_size", "a piece size of 300: not a padded piece size", [{ ...add(1, 256), size: "300" } as IndexingStepJson], "InvalidPieceSize"),
  // PackDealIntoSector
  c("pack_deal_into_sector", "valid_first_fit", "without an offset a deal goes to the lowest aligned free slot: 256 at 0, then 512 at 512, then 128 at 256",
    [add(1, 256), add(2, 512), add(3, 128), place(1, 0), place(2, 0), place(3, 0)]),
  c("pack_deal_into_sector", "valid_explicit_offset", "a 256-byte piece placed at offset 768", [add(1, 256), place(1, 0, 768)]),
  c("pack_deal_into_sector", "valid_fill_sector", "1024 + 512 + 256 + 128 + 128 fill the sector by first fit",
    [add(1, 1024), add(2, 512), add(3, 256), add(4, 128), add(5, 128), place(1, 0), place(2, 0), place(3, 0), place(4, 0), place(5, 0)]),
  c("pack_deal_into_sector", "valid_two_sectors", "deals in sectors 0 and 7, one left in the queue", [add(1, 2048), add(2, 256), add(3, 128), place(1, 0), place(2, 7)]),
  c("pack_deal_into_sector", "invalid_deal_not_queued", "deal 9 was never added (DealQueued)", [add(1, 256), place(9, 0)], "DealQueued"),
  c("pack_deal_into_sector", "invalid_deal_placed_twice", "deal 1 placed twice: it is no longer queued (DealQueued)", [add(1, 256), place(1, 0), place(1, 0)], "DealQueued"),
  c("pack_deal_into_sector", "invalid_sector_packed", "placing a deal in sector 0 after it was packed (SectorOpen)", [add(1, 256), add(2, 256), place(1, 0), pack(0), place(2, 0)], "SectorOpen"),
  c("pack_deal_into_sector", "invalid_offset_misaligned", "a 256-byte piece at offset 128 (OffsetAligned)", [add(1, 256), place(1, 0, 128)], "OffsetAligned"),
  c("pack_deal_into_sector", "invalid_piece_outside_sector", "a 256-byte piece at offset 2048, past the 2 KiB sector (PieceFits)", [add(1, 256), place(1, 0, 2048)], "PieceFits"),
  c("pack_deal_into_sector", "invalid_piece_larger_than_sector", "a 4 KiB piece in a 2 KiB sector (PieceFits)", [add(1, 4096), place(1, 0)], "PieceFits"),
  c("pack_deal_into_sector", "invalid_overlap", "a 512-byte piece at 0 over a 256-byte piece at 256 (NoOverlapWith)", [add(1, 256), add(2, 512), place(1, 0, 256), place(2, 0, 0)], "NoOverlapWith"),
  c("pack_deal_into_sector", "invalid_sector_full", "no aligned 1 KiB slot is free after a 128-byte piece at 0 and one at 1024 (NoOverlapWith)",
    [add(1, 128), add(2, 128), add(3, 1024), place(1, 0, 0), place(2, 0, 1024), place(3, 0)], "NoOverlapWith"),
  c("pack_deal_into_sector", "invalid_sector_number", "sector number 2^64 is not a u64", [add(1, 256), place(1, 1n << 64n)], "InvalidSectorNumber"),
  // PackSector
  c("pack_sector", "valid_one_deal", "sector 0 with one 256-byte piece at 0: CommD, unsealed CID and the deal's PIP", [add(1, 256), place(1, 0), pack(0)]),
  c("pack_sector", "valid_pieces_with_gaps", "pieces at 256, 512 and 1536 with zero pieces in the gaps",
    [add(1, 256), add(2, 512), add(3, 512), place(1, 0, 256), place(2, 0, 512), place(3, 0, 1536), pack(0)]),
  c("pack_sector", "valid_full_sector", "one piece filling the sector: CommD = its CommP, empty PIP path", [add(1, 2048), place(1, 0), pack(0)]),
  c("pack_sector", "valid_two_sectors", "sectors 0 and 1 packed, deal 4 still queued",
    [add(1, 1024), add(2, 128), add(3, 512), add(4, 256), place(1, 0), place(2, 0), place(3, 1), pack(1), pack(0)]),
  c("pack_sector", "invalid_already_packed", "sector 0 packed twice (SectorOpen)", [add(1, 256), place(1, 0), pack(0), pack(0)], "SectorOpen"),
  c("pack_sector", "invalid_empty_sector", "sector 3 holds no deal (SectorNotEmpty)", [add(1, 256), place(1, 0), pack(3)], "SectorNotEmpty"),
  c("pack_sector", "invalid_nothing_placed", "packing sector 0 of an empty index (SectorNotEmpty)", [pack(0)], "SectorNotEmpty")
]
