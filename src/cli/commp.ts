/**
 * `filflow commp <file> [--json]`: the piece commitment of a file — its v1 and FRC-0069 v2 piece
 * CIDs, payload size and padded piece size — computed in constant memory.
 *
 * The computation is `commPOfFileNativeFirst` (`src/proofs/nativeFile.ts`): on the native binding
 * on all cores when it is loaded, else the pure TypeScript stream (`src/proofs/stream.ts`); this
 * file parses the arguments and prints. Nothing on this path imports `effect/Effect` (start-up is
 * part of what the command costs).
 *
 * Small files: FRC-0069 sets no minimum payload ("If the data is < 127 bytes then it is padded to
 * 127 bytes") and `src/proofs/piececid.ts` follows it, so every file — the empty one included —
 * gets both CIDs, as `@web3-storage/data-segment` computes them. The human output adds a note for
 * payloads under 127 bytes, because go-fil-commcid refuses v2 CIDs for them (and
 * go-fil-commp-hashhash under 65 bytes); `--json` prints the CIDs and nothing else.
 *
 * Exit codes: 0 success, 1 a file error ({@link NotAFile}: missing, a directory, not a regular
 * file; {@link FileReadFailed}: unreadable), 2 a usage error ({@link CommPUsageError}).
 *
 * Sources: filecoin-project/go-state-types abi/piece.go @ v0.18.0 (sizes);
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (node hash);
 * filecoin-project/ref-fvm shared/src/commcid/mod.rs @ fvm_shared@v4.8.2 (v1 CID);
 * filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 (v2 CID).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { CommPResult, ProgressCallback } from "../proofs/interface.js"
import { type CommPEngine, commPOfFileNativeFirst } from "../proofs/nativeFile.js"
import { pieceCidV2, pieceCommitmentV1ToCID } from "../proofs/piececid.js"
import type { FileReadFailed, NotAFile } from "../proofs/fileErrors.js"
import { type ArgSpec, parseArgs } from "./_args.js"

export { FileReadFailed, NotAFile } from "../proofs/fileErrors.js"

// ---------------------------------------------------------------------------------------------
// the command

/**
 * A command line `filflow commp` cannot run: no path, two paths, an unknown option.
 *
 * @category errors
 * @since 0.1.0
 */
export class CommPUsageError extends Data.TaggedError("CommPUsageError")<{
  readonly message: string
}> {}

/** Usage text of `filflow commp`. */
export const COMMP_USAGE = "usage: filflow commp <file> [--json]\n" +
  "  prints the file's piece CID v1 and v2 (FRC-0069), payload size and padded piece size\n" +
  "  --json   one JSON object {pieceCid, pieceCidV2, payloadSize, paddedPieceSize} on stdout, nothing else"

/**
 * The parsed command line.
 *
 * @category models
 * @since 0.1.0
 */
export interface CommPArgs {
  readonly path: string
  readonly json: boolean
}

/** `filflow commp`'s arguments: one path and `--json`. */
const COMMP_ARGS = { options: { json: "flag" }, positionals: { min: 1, max: 1, name: "<file>" } } as const satisfies ArgSpec<{ json: "flag" }>

/**
 * Parses the arguments after `commp` with the commands' parser (src/cli/_args.ts): one path and
 * `--json`; `--` ends the options.
 *
 * @example
 * parseCommPArgs(["deal.car", "--json"]) // => Success({ path: "deal.car", json: true })
 * parseCommPArgs([])                     // => Failure(CommPUsageError)
 * @category commands
 * @since 0.1.0
 */
export const parseCommPArgs = (args: ReadonlyArray<string>): Result.Result<CommPArgs | "help", CommPUsageError> => {
  const parsed = parseArgs(COMMP_ARGS, args)
  if (Result.isFailure(parsed)) return Result.fail(new CommPUsageError({ message: parsed.failure.message }))
  if (parsed.success === "help") return Result.succeed("help")
  return Result.succeed({ path: parsed.success.positionals[0]!, json: parsed.success.options.json })
}

/**
 * What the command computed, as `--json` prints it (sizes as `bigint` so that no size loses
 * precision; printed as JSON numbers).
 *
 * @category models
 * @since 0.1.0
 */
export interface CommPReport {
  readonly pieceCid: string
  readonly pieceCidV2: string
  readonly payloadSize: bigint
  readonly paddedPieceSize: bigint
}

/**
 * The report of a CommP result: both CIDs and the sizes.
 *
 * @example
 * commPReport(CommP(frc69Payload)).pieceCidV2 // => "bafkzcibcaaces3nob…" (FRC-0069)
 * @category commands
 * @since 0.1.0
 */
export const commPReport = (r: CommPResult): CommPReport => ({
  pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(r.commP)).toString(),
  pieceCidV2: Result.getOrThrow(pieceCidV2(r.commP, r.payloadSize)).toString(),
  payloadSize: r.payloadSize,
  paddedPieceSize: r.size
})

/**
 * The `--json` line: `{"pieceCid": "…", "pieceCidV2": "…", "payloadSize": N, "paddedPieceSize": N}`
 * (sizes written from their `bigint` digits, exact at any size).
 *
 * @category commands
 * @since 0.1.0
 */
export const commPReportJson = (r: CommPReport): string =>
  `{"pieceCid": ${JSON.stringify(r.pieceCid)}, "pieceCidV2": ${JSON.stringify(r.pieceCidV2)}, ` +
  `"payloadSize": ${r.payloadSize.toString()}, "paddedPieceSize": ${r.paddedPieceSize.toString()}}`

const grouped = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/** The human output: one "label  value" line each. */
const humanLines = (path: string, r: CommPReport, engine: CommPEngine): Array<string> => [
  `file               ${path}`,
  `piece CID v1       ${r.pieceCid}`,
  `piece CID v2       ${r.pieceCidV2}`,
  `payload size       ${grouped(r.payloadSize)} bytes`,
  `padded piece size  ${grouped(r.paddedPieceSize)} bytes`,
  `computed by        ${engine.kind === "native" ? `native binding (${engine.shaPath}, ${engine.threads} thread${engine.threads === 1 ? "" : "s"})` : `TypeScript (native binding unavailable: ${engine.reason})`}`,
  ...(r.payloadSize < 127n
    ? ["note: a payload under 127 bytes is zero-filled to 127 (FRC-0069, as @web3-storage/data-segment does); " +
      "go-fil-commcid refuses v2 CIDs for such payloads, and go-fil-commp-hashhash any CommP under 65 bytes"]
    : [])
]

/** The message of a failure, after "filflow commp: ". */
const describeError = (e: NotAFile | FileReadFailed): string => {
  if (e._tag === "NotAFile") {
    return e.reason === "no such file" ? `${e.path}: no such file` : `${e.path}: ${e.reason}, not a file`
  }
  const cause = e.cause instanceof Error ? e.cause.message : String(e.cause)
  return `cannot read ${e.path}${e.bytesRead > 0 ? ` (after ${e.bytesRead} bytes)` : ""}: ${cause}`
}

/**
 * Where the command writes, and whether stderr is a terminal (for the progress bar).
 *
 * @category models
 * @since 0.1.0
 */
export interface CommPIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly stderrIsTTY: boolean
  /** Terminal width for the progress bar (default 80). */
  readonly columns?: number
  /** Files from this size get a progress bar (default {@link PROGRESS_MIN_BYTES}). */
  readonly progressMinBytes?: number
}

/** Files from 64 MiB on get a progress bar on a terminal. */
export const PROGRESS_MIN_BYTES = 64 * 2 ** 20

/**
 * One frame of the progress bar: `[#####·····]  45%  300 / 664 MiB  850 MiB/s`, at most
 * `columns - 1` characters.
 *
 * @example
 * progressLine(50 * 2 ** 20, 100 * 2 ** 20, 53, 2)
 * // => "[##########··········]   50%  50 / 100 MiB  25 MiB/s"
 * @category commands
 * @since 0.1.0
 */
export const progressLine = (done: number, total: number, columns: number, seconds: number): string => {
  const mib = (n: number) => (n / 2 ** 20).toFixed(0)
  const fraction = total > 0 ? Math.min(1, done / total) : 1
  const rate = seconds > 0 ? `  ${(done / 2 ** 20 / seconds).toFixed(0)} MiB/s` : ""
  const text = `  ${(100 * fraction).toFixed(0).padStart(3)}%  ${mib(done)} / ${mib(total)} MiB${rate}`
  const width = Math.max(10, Math.min(40, columns - 1 - text.length - 2))
  const full = Math.round(fraction * width)
  return `[${"#".repeat(full)}${"·".repeat(width - full)}]${text}`.slice(0, Math.max(0, columns - 1))
}

/** A progress bar on stderr redrawn at most every 100 ms; `end` clears it. */
const progressBar = (io: CommPIo, total: number): { readonly update: ProgressCallback; readonly end: () => void } => {
  const start = performance.now()
  let last = -Infinity
  const columns = io.columns ?? 80
  return {
    update: (done) => {
      const now = performance.now()
      if (now - last < 100 && done < total) return
      last = now
      io.stderr(`\r${progressLine(done, total, columns, (now - start) / 1000)}`)
    },
    end: () => {
      if (last > -Infinity) io.stderr("\r\x1b[2K")
    }
  }
}

/**
 * Runs `filflow commp` with the arguments after `commp`; returns the exit code (0, 1 for a file
 * error, 2 for a usage error). Output goes to `io` (the process's streams by default).
 *
 * @example
 * await runCommP(["deal.car", "--json"]) // prints {"pieceCid": "baga6ea4seaq…", …}; => 0
 * @category commands
 * @since 0.1.0
 */
export const runCommP = async (args: ReadonlyArray<string>, io: CommPIo = processIo()): Promise<number> => {
  const parsed = parseCommPArgs(args)
  if (Result.isFailure(parsed)) {
    io.stderr(`filflow commp: ${parsed.failure.message}\n${COMMP_USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${COMMP_USAGE}\n`)
    return 0
  }
  const { path, json } = parsed.success
  let bar: ReturnType<typeof progressBar> | undefined
  const onStart = (size: number) => {
    if (!json && io.stderrIsTTY && size >= (io.progressMinBytes ?? PROGRESS_MIN_BYTES)) bar = progressBar(io, size)
  }
  const outcome = await commPOfFileNativeFirst(path, { onStart, onProgress: (n) => bar?.update(n) })
  bar?.end()
  if (Result.isFailure(outcome)) {
    io.stderr(`filflow commp: ${describeError(outcome.failure)}\n`)
    return 1
  }
  const report = commPReport(outcome.success.result)
  io.stdout(json ? `${commPReportJson(report)}\n` : `${humanLines(path, report, outcome.success.engine).join("\n")}\n`)
  return 0
}

/** The process's stdout and stderr. */
export const processIo = (): CommPIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns ?? 80
})
