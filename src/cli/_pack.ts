/**
 * Packing a file into a sector, as `filflow seal` does before sealing: the file is one piece —
 * zero-filled to the next `127 · 2^k` bytes and Fr32-padded into the smallest piece that holds
 * it (`src/proofs/piece.ts` `pieceSizeOfPayload`, `src/proofs/fr32.ts`) — placed at offset 0 of
 * the sector, and the rest of the sector is zeros.  These are the unsealed sector bytes, the
 * "staged sector" of rust-fil-proofs (filecoin-project/rust-fil-proofs filecoin-proofs/src/api/mod.rs
 * @ filecoin-proofs-v19.1.0 `add_piece` writes a piece's Fr32 bytes at its aligned offset;
 * `seal_pre_commit_phase1` takes the staged file).
 *
 * Commitments: CommP is the SHA256-trunc254 tree root over the piece's bytes; CommD is computed
 * from the layout by `src/proofs/commd.ts` (the piece at offset 0, zero pieces after it — the
 * chain's `compute_unsealed_sector_cid`), which must equal the tree root over all the sector's
 * bytes (what tree_d's root is; test/cli/pack.test.ts checks both, and `filflow seal` checks
 * the seal's CommD against it).
 *
 * @module
 */
import * as Result from "effect/Result"
import type { CID } from "multiformats/cid"
import { CommD } from "../proofs/commd.js"
import { FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK, fr32PadBlocks, fr32Unpad } from "../proofs/fr32.js"
import type { Node, PaddedPieceSize } from "../proofs/interface.js"
import { merkleRoot } from "../proofs/merkle.js"
import { pieceSizeOfPayload, treeHeight } from "../proofs/piece.js"
import { dataCommitmentV1ToCID, pieceCommitmentV1ToCID } from "../proofs/piececid.js"
import { FileTooLarge, type SealSectorSize, sectorCapacity } from "./_sectorInput.js"

/**
 * A file packed into a sector.
 *
 * @category models
 * @since 0.3.0
 */
export interface PackedSector {
  /** The unsealed sector: the piece's Fr32 bytes at offset 0, zeros after (sector size bytes). */
  readonly unsealed: Uint8Array
  /** The file's length in bytes (what unsealing trims back to). */
  readonly payloadSize: number
  /** The piece's padded size. */
  readonly pieceSize: PaddedPieceSize
  readonly commP: Node
  readonly pieceCid: CID
  /** CommD of the layout (src/proofs/commd.ts). */
  readonly commD: Node
  readonly unsealedCid: CID
}

/**
 * Packs `payload` (the file at `path`, for the error) into a sector of `size`.
 *
 * @example
 * const p = Result.getOrThrow(packSector(new Uint8Array(508), "2KiB", "f"))
 * p.unsealed.length // => 2048
 * Number(p.pieceSize) // => 512
 * packSector(new Uint8Array(2033), "2KiB", "f") // => Failure(FileTooLarge)
 * @category sectors
 * @since 0.3.0
 */
export const packSector = (payload: Uint8Array, size: SealSectorSize, path: string): Result.Result<PackedSector, FileTooLarge> => {
  const { sectorSize, capacity } = sectorCapacity(size)
  // the payload fits the sector's unpadded size
  if (payload.length > capacity) return Result.fail(new FileTooLarge({ path, size: payload.length, capacity, sectorSize: size }))
  const pieceSize = Result.getOrThrow(pieceSizeOfPayload(payload.length))
  const unsealed = new Uint8Array(sectorSize)
  // whole 127-byte blocks straight into the sector; the last partial block zero-filled
  const full = Math.floor(payload.length / FR32_UNPADDED_BLOCK)
  fr32PadBlocks(payload, 0, unsealed, 0, full)
  const rest = payload.length - full * FR32_UNPADDED_BLOCK
  if (rest > 0) {
    const last = new Uint8Array(FR32_UNPADDED_BLOCK)
    last.set(payload.subarray(full * FR32_UNPADDED_BLOCK))
    fr32PadBlocks(last, 0, unsealed, full * FR32_PADDED_BLOCK, 1)
  }
  // the blocks after the payload, up to the piece's end and to the sector's end, stay zero:
  // Fr32 of zero bytes is zero bytes
  const piece = unsealed.subarray(0, Number(pieceSize))
  const commP = Result.getOrThrow(merkleRoot(piece, treeHeight(pieceSize)))
  const commD = Result.getOrThrow(CommD(sectorSize, [{ size: pieceSize, commP, offset: 0n }]))
  return Result.succeed({
    unsealed, payloadSize: payload.length, pieceSize, commP,
    pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(commP)),
    commD, unsealedCid: Result.getOrThrow(dataCommitmentV1ToCID(commD))
  })
}

/**
 * The file back from unsealed sector bytes: the piece's `pieceSize` bytes at offset 0,
 * Fr32-unpadded, trimmed to `payloadSize`. Undefined when the bytes are not an Fr32 encoding
 * (a node with a top bit set) or too short — unsealed bytes that are not what was sealed.
 *
 * @example
 * const p = Result.getOrThrow(packSector(bytes, "2KiB", "f"))
 * unpackSector(p.unsealed, p.pieceSize, p.payloadSize) // => bytes
 * @category sectors
 * @since 0.3.0
 */
export const unpackSector = (unsealed: Uint8Array, pieceSize: bigint, payloadSize: number): Uint8Array | undefined => {
  if (BigInt(unsealed.length) < pieceSize) return undefined
  const unpadded = fr32Unpad(unsealed.subarray(0, Number(pieceSize)))
  if (Result.isFailure(unpadded) || unpadded.success.length < payloadSize) return undefined
  return unpadded.success.subarray(0, payloadSize)
}
