/**
 * The work of `filflow unseal` (see `./unseal.ts`): read the sealed-sector directory, unseal the
 * replica, unpack the piece, check the recovered file against the sector's CommD and piece CID,
 * write it.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { writeFile } from "node:fs/promises"
import { toHex } from "../impl/encoding/hex.js"
import { describeFailure, type SealBackend } from "./_backend.js"
import type { PaddedPieceSize } from "../proofs/interface.js"
import { merkleRoot } from "../proofs/merkle.js"
import { treeHeight } from "../proofs/piece.js"
import { pieceCommitmentV1ToCID } from "../proofs/piececid.js"
import { unpackSector } from "./_pack.js"
import { stageProgress } from "./_progress.js"
import { readSectorDir, type SealedSectorFiles } from "./_sectorDir.js"
import type { SectorIo } from "./seal.js"

/**
 * Unsealed bytes that are not what was sealed: a sector whose CommD or piece CID differs from
 * the sector's (the replica was changed after sealing), or a piece that is not an Fr32 encoding.
 *
 * @category errors
 * @since 0.3.0
 */
export class UnsealedDataMismatch extends Data.TaggedError("UnsealedDataMismatch")<{
  readonly dir: string
  readonly reason: string
}> {}

/**
 * The sealed file's bytes from a read sector: unseal, unpack, check.
 *
 * @category commands
 * @since 0.3.0
 */
export const unsealSector = (
  sector: SealedSectorFiles, backend: SealBackend, onProgress?: (stage: string, done: number, total: number) => void
): Result.Result<Uint8Array, UnsealedDataMismatch | { readonly _tag: string }> => {
  const { dir, meta, proof } = sector
  const mismatch = (reason: string) => Result.fail(new UnsealedDataMismatch({ dir, reason }))
  const unsealed = backend.unseal({ proof, replicaId: sector.replicaId, replica: sector.replica, ...(onProgress === undefined ? {} : { onProgress }) })
  if (Result.isFailure(unsealed)) return unsealed
  // the unsealed sector's CommD and its piece's CID are the sector's (checked on the bytes as
  // they are: the whole sector, zeros after the piece included)
  const pieceSize = BigInt(meta.pieceSize)
  const commD = merkleRoot(unsealed.success, Math.log2(unsealed.success.length / 32))
  if (Result.isFailure(commD) || toHex(commD.success) !== meta.commD) {
    return mismatch(`the unsealed sector's CommD is ${Result.isSuccess(commD) ? toHex(commD.success) : "undefined"}, not ${meta.commD}`)
  }
  const commP = merkleRoot(unsealed.success.subarray(0, meta.pieceSize), treeHeight(pieceSize as PaddedPieceSize))
  const pieceCid = Result.isSuccess(commP) ? pieceCommitmentV1ToCID(commP.success) : undefined
  if (pieceCid === undefined || Result.isFailure(pieceCid) || pieceCid.success.toString() !== meta.pieceCid) {
    return mismatch(`the unsealed piece's CID is not ${meta.pieceCid}`)
  }
  // the piece at offset 0, Fr32-unpadded, trimmed to the file's length
  const file = unpackSector(unsealed.success, pieceSize, meta.payloadSize)
  if (file === undefined) return mismatch("the unsealed piece is not an Fr32 encoding")
  return Result.succeed(file)
}

/**
 * Unseals the directory `dir` into `out` (`-` for stdout); returns the exit code.
 *
 * @category commands
 * @since 0.3.0
 */
export const unsealDir = async (dir: string, out: string, io: SectorIo, backend?: SealBackend): Promise<number> => {
  const fail = (message: string) => {
    io.stderr(`filflow unseal: ${message}\n`)
    return 1
  }
  const sector = await readSectorDir(dir)
  if (Result.isFailure(sector)) return fail(`${sector.failure.dir}: not a sealed sector: ${sector.failure.reason}`)
  const b = backend ?? (await import("./_sealBackend.js")).sealBackend
  const bar = stageProgress(io, io.stderrIsTTY)
  const file = unsealSector(sector.success, b, bar.update)
  bar.end()
  if (Result.isFailure(file)) {
    const e = file.failure
    return fail(e instanceof UnsealedDataMismatch ? `${e.dir}: does not unseal to the sealed file: ${e.reason}` : `unsealing failed: ${describeFailure(e)}`)
  }
  if (out === "-") {
    io.stdoutBytes(file.success)
    return 0
  }
  try {
    await writeFile(out, file.success)
  } catch (e) {
    return fail(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`)
  }
  io.stdout(`unsealed ${dir} → ${out} (${file.success.length} bytes; CommD and piece CID ${sector.success.meta.pieceCid} match the sector's)\n`)
  return 0
}
