/**
 * The work of `filflow seal` (see `./seal.ts`, which parses the command line and loads this
 * module only when the command runs): check the option values, read and pack the file, seal,
 * check the seal's CommD against the layout's, write the sealed-sector directory, print.
 *
 * @module
 */
import * as Result from "effect/Result"
import { readFile } from "node:fs/promises"
import { toHex } from "../impl/encoding/hex.js"
import { FileReadFailed, NotAFile, regularFileSizeAsync } from "../proofs/fileErrors.js"
import { describeFailure, type SealBackend, type SealOutputView } from "./_backend.js"
import { packSector } from "./_pack.js"
import { stageProgress } from "./_progress.js"
import { sectorMeta, writeSectorDir } from "./_sectorDir.js"
import {
  describeInputError, FileTooLarge, parseBytes32, parseMinerAddress, parseSealProof, parseSectorNumber, parseSectorSize,
  sectorCapacity
} from "./_sectorInput.js"
import type { SealArgs, SectorIo } from "./seal.js"

/**
 * What `filflow seal --json` prints: the commitments as 32-byte hex (little-endian field
 * elements, as rust-fil-proofs' `Commitment` bytes), the CIDs, the sector's identity and the piece.
 *
 * @category models
 * @since 0.3.0
 */
export interface SealReport {
  readonly commD: string
  readonly commR: string
  readonly sealedCid: string
  readonly unsealedCid: string
  readonly replicaId: string
  readonly commC: string
  readonly commRLast: string
  readonly proof: string
  readonly proofId: number
  readonly sectorSize: number
  readonly miner: string
  readonly proverId: string
  /** Decimal (sector numbers reach 2^63 − 1). */
  readonly sectorNumber: string
  readonly ticket: string
  readonly pieceCid: string
  readonly pieceSize: number
  /** The file's length in bytes. */
  readonly payloadSize: number
  /** The sealed-sector directory written. */
  readonly dir: string
  /** "ts" or "native". */
  readonly engine: string
}

/** The checked option values, or the first bad one. */
const values = (args: SealArgs) =>
  Result.gen(function* () {
    const size = yield* parseSectorSize(args.sectorSize)
    const miner = yield* parseMinerAddress(args.miner)
    const sectorNumber = yield* parseSectorNumber(args.sector)
    const ticket = yield* parseBytes32("ticket", args.ticket)
    const proof = yield* parseSealProof(size, args.proof)
    return { size, miner, sectorNumber, ticket, proof }
  })

/**
 * Seals the file of `args` and writes its directory; returns the exit code (0 sealed, 1 a bad
 * value, a file error or a failed seal).
 *
 * @category commands
 * @since 0.3.0
 */
export const sealFile = async (args: SealArgs, io: SectorIo, backend?: SealBackend): Promise<number> => {
  const fail = (message: string) => {
    io.stderr(`filflow seal: ${message}\n`)
    return 1
  }
  const checked = values(args)
  if (Result.isFailure(checked)) return fail(describeInputError(checked.failure))
  const { size, miner, sectorNumber, ticket, proof } = checked.success
  // the file: a regular file no larger than the sector holds (checked before reading it)
  const { capacity } = sectorCapacity(size)
  let payload: Uint8Array
  try {
    const length = await regularFileSizeAsync(args.path)
    if (length > capacity) return fail(describeInputError(new FileTooLarge({ path: args.path, size: length, capacity, sectorSize: size })))
    payload = await readFile(args.path) // a Buffer is a Uint8Array: no copy
  } catch (e) {
    if (e instanceof NotAFile) return fail(e.reason === "no such file" ? `${e.path}: no such file` : `${e.path}: ${e.reason}, not a file`)
    return fail(`cannot read ${args.path}: ${e instanceof FileReadFailed ? String(e.cause) : String(e)}`)
  }
  const packed = packSector(payload, size, args.path)
  if (Result.isFailure(packed)) return fail(describeInputError(packed.failure))
  const payloadSize = payload.length
  payload = new Uint8Array(0) // the file's bytes are in the sector now: up to 508 MiB less held while sealing
  const b = backend ?? (await import("./_sealBackend.js")).sealBackend
  const proverId = b.proverIdFromActorId(miner.actorId)
  const bar = stageProgress(io, !args.json && io.stderrIsTTY)
  const sealed = b.seal({ proof, proverId, sectorNumber, ticket, unsealed: packed.success.unsealed, onProgress: bar.update })
  bar.end()
  if (Result.isFailure(sealed)) return fail(`sealing failed: ${describeFailure(sealed.failure)}`)
  const out: SealOutputView = sealed.success
  // the seal's CommD (tree_d's root over the unsealed bytes) is the layout's (src/proofs/commd.ts)
  if (toHex(out.commD) !== toHex(packed.success.commD)) {
    return fail(`the seal's CommD ${toHex(out.commD)} is not the layout's ${toHex(packed.success.commD)}`)
  }
  const dir = args.out ?? `${args.path}.sealed`
  const meta = sectorMeta({
    proof, miner: miner.address, proverId, sectorNumber, ticket, replicaId: out.replicaId, commD: out.commD, commR: out.commR,
    sealedCid: out.sealedCid.toString(), unsealedCid: out.unsealedCid.toString(), pieceCid: packed.success.pieceCid.toString(),
    pieceSize: packed.success.pieceSize, payloadSize
  })
  try {
    await writeSectorDir(dir, { meta, replica: out.replica, commC: out.commC, commRLast: out.commRLast, treeRLast: out.treeRLast })
  } catch (e) {
    return fail(`cannot write ${dir}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const report: SealReport = {
    commD: meta.commD, commR: meta.commR, sealedCid: meta.sealedCid, unsealedCid: meta.unsealedCid, replicaId: meta.replicaId,
    commC: toHex(out.commC), commRLast: toHex(out.commRLast), proof: meta.proof, proofId: meta.proofId, sectorSize: meta.sectorSize,
    miner: meta.miner, proverId: meta.proverId, sectorNumber: meta.sectorNumber, ticket: meta.ticket, pieceCid: meta.pieceCid,
    pieceSize: meta.pieceSize, payloadSize: meta.payloadSize, dir, engine: b.engineName()
  }
  io.stdout(args.json ? `${JSON.stringify(report)}\n` : `${humanLines(args.path, size, report).join("\n")}\n`)
  return 0
}

const humanLines = (path: string, size: string, r: SealReport): Array<string> => [
  `file           ${path} (${r.payloadSize} bytes)`,
  `sector         ${r.miner} sector ${r.sectorNumber}, ${r.proof} (${size}, seal proof ${r.proofId})`,
  `piece CID      ${r.pieceCid} (${r.pieceSize} bytes at offset 0)`,
  `CommD          ${r.commD}`,
  `unsealed CID   ${r.unsealedCid}`,
  `replica ID     ${r.replicaId}`,
  `CommR          ${r.commR}`,
  `sealed CID     ${r.sealedCid}`,
  `written to     ${r.dir}`,
  `sealed by      ${r.engine === "native" ? "native binding" : "TypeScript"}`
]
