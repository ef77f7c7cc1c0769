/**
 * `filflow commp <file> [--json]`: the piece commitment of a file — its v1 and FRC-0069 v2 piece
 * CIDs, payload size and padded piece size — computed in constant memory.
 *
 * The native binding (`src/proofs/native`) is used when it is loaded: the file is read in 1 MiB
 * chunks into buffers of `127 · 2^15` bytes, each buffer's Fr32-padded subtree root is computed by
 * `fr32SubtreeRootAsync` (on the libuv pool, one buffer per core in flight while the next one is
 * read) and the roots are folded left to right ({@link NativeCommPCalc}). Without the binding (not built, `FILFLOW_NO_NATIVE=1`)
 * the pure TypeScript stream (`commPOfFile`, `src/proofs/stream.ts`) computes the same value.
 * `src/proofs/stream.ts` itself always Fr32-pads in TypeScript (and hashes with the TS hasher
 * unless given `nativeHasher()`), hence the fold here.
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
import { Data, Effect, Result } from "effect"
import { createReadStream } from "node:fs"
import { availableParallelism } from "node:os"
import type { CommPResult, Node, ProgressCallback } from "../proofs/interface.js"
import { type NativeBinding, loadNative, nativeUnavailableReason } from "../proofs/native/index.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "../proofs/piece.js"
import { pieceCidV2, pieceCommitmentV1ToCID } from "../proofs/piececid.js"
import { FileReadFailed, NotAFile, commPOfFile, regularFileSize } from "../proofs/stream.js"
import { zeroNode } from "../proofs/zerocomm.js"
import { type ArgSpec, parseArgs } from "./_args.js"

export { FileReadFailed, NotAFile } from "../proofs/stream.js"

// ---------------------------------------------------------------------------------------------
// CommP with the native binding, in constant memory

/** log2 of the Fr32 blocks per native job: 15 (a job is 127 · 2^15 = 4,161,536 payload bytes, a 4 MiB padded subtree). */
const JOB_BLOCKS_LOG2 = 15
/** Payload bytes per native job: 4,161,536. */
export const NATIVE_JOB_BYTES = 127 * 2 ** JOB_BLOCKS_LOG2
/** Tree level of a job's root: 17 (4 leaves per 127-byte block). */
const JOB_LEVEL = JOB_BLOCKS_LOG2 + 2
/** Chunk size when reading files: 1 MiB. */
const FILE_CHUNK = 1 << 20

/**
 * Incremental CommP on the native binding: `write` chunks in order (awaiting each), then `digest`
 * once. Payload is collected in buffers of {@link NATIVE_JOB_BYTES}; each full buffer is an
 * aligned subtree whose root `fr32SubtreeRootAsync` computes on the libuv pool, up to `threads`
 * buffers at once while the caller fills the next one, and the roots are folded in order with at
 * most one pending root per level (a binary counter). The last, partial buffer is
 * zero-filled: zero payload bytes Fr32-pad to zero nodes, so it is the same subtree as the piece's
 * (FRC-0069 zero padding). Memory: `threads + 1` buffers (≈ 4 MiB each) whatever the input size.
 *
 * @example
 * const calc = new NativeCommPCalc(loadNative()!, 2)
 * for await (const chunk of source) await calc.write(chunk)
 * toHex((await calc.digest()).commP) // => the same as CommP(concatenation of chunks)
 * @category commitments
 * @since 0.1.0
 */
export class NativeCommPCalc {
  private current: Uint8Array = new Uint8Array(NATIVE_JOB_BYTES)
  private filled = 0
  private total = 0
  private jobs = 0
  private readonly free: Array<Uint8Array> = []
  private readonly inFlight: Array<{ readonly buffer: Uint8Array; readonly root: Promise<Uint8Array> }> = []
  /** `pending[i]`: the pending root at level `JOB_LEVEL + i`, if any. */
  private readonly pending: Array<Node | undefined> = []
  private digested = false

  constructor(private readonly native: NativeBinding, private readonly threads: number = 1) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new RangeError(`threads must be an integer in 1..256, got ${threads}`)
  }

  /** Number of payload bytes written so far. */
  get bytesRead(): number {
    return this.total
  }

  /** Adds the next chunk (copied: the caller may reuse it once the promise settles). */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.digested) throw new Error("NativeCommPCalc: write after digest")
    this.total += chunk.length
    let pos = 0
    while (pos < chunk.length) {
      const n = Math.min(chunk.length - pos, NATIVE_JOB_BYTES - this.filled)
      this.current.set(chunk.subarray(pos, pos + n), this.filled)
      this.filled += n
      pos += n
      if (this.filled === NATIVE_JOB_BYTES) await this.flush()
    }
  }

  /** CommP of everything written; the calculator is finished afterwards. */
  async digest(): Promise<CommPResult> {
    if (this.digested) throw new Error("NativeCommPCalc: digest called twice")
    this.digested = true
    const size = Result.getOrThrow(pieceSizeOfPayload(this.total))
    const height = treeHeight(size)
    const payloadSize = BigInt(this.total)
    const padding = toUnpadded(size) - payloadSize
    let commP: Node
    if (this.jobs === 0) {
      // the whole piece fits in the first buffer (total < NATIVE_JOB_BYTES): zero-fill to the piece
      const unpadded = Number(toUnpadded(size))
      this.current.fill(0, this.filled, unpadded)
      commP = this.native.fr32SubtreeRoot(this.current.subarray(0, unpadded))
    } else {
      // the last buffer zero-filled, every root folded, then zero subtrees up to the piece
      if (this.filled > 0) {
        this.current.fill(0, this.filled)
        await this.flush()
      }
      while (this.inFlight.length > 0) await this.settleOldest()
      commP = this.root(height)
    }
    return { commP, size, height, payloadSize, padding }
  }

  /** Hands the full current buffer to the binding, after making room: at most `threads` jobs run. */
  private async flush(): Promise<void> {
    this.filled = 0
    this.jobs++
    if (this.inFlight.length >= this.threads) await this.settleOldest()
    const root = this.native.fr32SubtreeRootAsync(this.current)
    root.catch(() => undefined) // rejections surface when awaited, in order
    this.inFlight.push({ buffer: this.current, root })
    this.current = this.free.pop() ?? new Uint8Array(NATIVE_JOB_BYTES)
  }

  private async settleOldest(): Promise<void> {
    const job = this.inFlight.shift()!
    this.push(await job.root)
    this.free.push(job.buffer)
  }

  private hash(left: Node, right: Node): Node {
    const pair = new Uint8Array(64)
    pair.set(left, 0)
    pair.set(right, 32)
    return this.native.subtreeRoot(pair)
  }

  /** Pushes the next job's root (level JOB_LEVEL), merging equal levels. */
  private push(root: Node): void {
    let node = root
    let i = 0
    for (; this.pending[i] !== undefined; i++) {
      node = this.hash(this.pending[i]!, node)
      this.pending[i] = undefined
    }
    this.pending[i] = node
  }

  /** The root at `height` of the pushed roots followed by zero subtrees. */
  private root(height: number): Node {
    let acc: Node | undefined
    for (let i = 0; i < height - JOB_LEVEL; i++) {
      const left = this.pending[i]
      if (left !== undefined) acc = this.hash(left, acc ?? zeroNode(JOB_LEVEL + i))
      else if (acc !== undefined) acc = this.hash(acc, zeroNode(JOB_LEVEL + i))
    }
    const top = this.pending[height - JOB_LEVEL]
    const root = acc ?? top
    if (root === undefined || (acc !== undefined && top !== undefined) || this.pending.length > height - JOB_LEVEL + 1) {
      throw new RangeError(`the written roots do not fit a tree of height ${height}`)
    }
    return root
  }
}

/**
 * Feeds `source` to a {@link NativeCommPCalc}; rejects with the reading error, whose
 * `bytesRead` the caller reads from `calc`.
 */
const consumeNative = async (
  calc: NativeCommPCalc, source: AsyncIterable<Uint8Array>, onProgress: ProgressCallback | undefined
): Promise<CommPResult> => {
  for await (const chunk of source) {
    await calc.write(chunk)
    onProgress?.(calc.bytesRead)
  }
  return calc.digest()
}

/**
 * CommP of an async iterable of chunks on the native binding ({@link NativeCommPCalc}).
 *
 * @example
 * const r = await nativeCommPOfChunks(loadNative()!, chunks, { threads: os.availableParallelism() })
 * @category commitments
 * @since 0.1.0
 */
export const nativeCommPOfChunks = (
  native: NativeBinding, source: AsyncIterable<Uint8Array>,
  options: { readonly threads?: number; readonly onProgress?: ProgressCallback } = {}
): Promise<CommPResult> => consumeNative(new NativeCommPCalc(native, options.threads ?? 1), source, options.onProgress)

// ---------------------------------------------------------------------------------------------
// files

/**
 * How a file's CommP was computed, for the human output.
 *
 * @category models
 * @since 0.1.0
 */
export type CommPEngine =
  | { readonly kind: "native"; readonly shaPath: string; readonly threads: number }
  | { readonly kind: "ts"; readonly reason: string }


/**
 * CommP of the file at `path` in constant memory: on the native binding with all cores when it
 * is loaded, else with the TypeScript stream. `onStart` receives the file's size before reading.
 *
 * @example
 * const { result, engine } = await Effect.runPromise(commPOfFileFast("deal.car"))
 * @category commitments
 * @since 0.1.0
 */
export const commPOfFileFast = (
  path: string,
  options: { readonly onStart?: (size: number) => void; readonly onProgress?: ProgressCallback } = {}
): Effect.Effect<{ readonly result: CommPResult; readonly engine: CommPEngine }, NotAFile | FileReadFailed> =>
  Effect.flatMap(regularFileSize(path), (size): Effect.Effect<{ readonly result: CommPResult; readonly engine: CommPEngine }, NotAFile | FileReadFailed> => {
    options.onStart?.(size)
    const native = loadNative()
    if (native === undefined) {
      const engine: CommPEngine = { kind: "ts", reason: nativeUnavailableReason() ?? "native binding not loaded" }
      const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress }
      return Effect.map(commPOfFile(path, progress), (result) => ({ result, engine }))
    }
    const threads = Math.min(256, Math.max(1, availableParallelism()))
    const calc = new NativeCommPCalc(native, threads)
    return Effect.tryPromise({
      try: (signal) => consumeNative(calc, createReadStream(path, { highWaterMark: FILE_CHUNK, signal }), options.onProgress),
      catch: (cause) => new FileReadFailed({ path, bytesRead: calc.bytesRead, cause })
    }).pipe(Effect.map((result) => ({ result, engine: { kind: "native" as const, shaPath: native.shaPath(), threads } })))
  })

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
  const outcome = await Effect.runPromise(Effect.result(commPOfFileFast(path, { onStart, onProgress: (n) => bar?.update(n) })))
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
