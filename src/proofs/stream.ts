/**
 * CommP of a stream in constant memory: chunks of any size are Fr32-padded block by block as
 * they arrive (a partial 127-byte block is carried to the next chunk), the padded nodes are
 * collected in a batch of 2^14 leaves (512 KiB) that the {@link Hasher} reduces to one node, and
 * those nodes are folded on a stack holding at most one pending node per tree level. Memory is
 * the batch plus `32 · height` bytes, whatever the input's size.
 *
 * At the end the partial batch and the zero-filled last block are folded in the same way and
 * the tree is completed with zero subtrees up to the height of the piece, which is known only
 * then (`pieceSizeOfPayload`). The result equals `CommP` (`./commp.ts`) of the concatenation.
 *
 * `commPOfStream` and `commPOfFile` are the I/O entry points, as `Effect`s; {@link CommPCalc}
 * is the synchronous incremental core.
 *
 * Sources: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0;
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0;
 * filecoin-project/go-fil-commp-hashhash commp.go @ v0.2.0 (`Calc`: the same
 * write-then-digest shape, one pending node per layer).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { createReadStream } from "node:fs"
import { FileReadFailed, NotAFile, regularFileSizeAsync } from "./fileErrors.js"
import { _PendingNodes } from "./_stack.js"
import { FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK, fr32PadBlocks } from "./fr32.js"
import { defaultHasher } from "./hasher.js"
import type { CommPResult, Hasher, ProgressCallback } from "./interface.js"
import { _pushLeafRuns, _REDUCE_LEVELS } from "./merkle.js"
import { NODE_SIZE } from "./node.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "./piece.js"
import { _zeroNodes } from "./zerocomm.js"

/** Leaves per batch: 2^14 (= 16384 nodes = 512 KiB of padded data = 4096 Fr32 blocks). */
const BATCH_LEAVES = 2 ** _REDUCE_LEVELS
/** Fr32 blocks per batch: 4096 (= 16384 leaves / 4 nodes per block). */
const BATCH_BLOCKS = BATCH_LEAVES / 4
/** Chunk size when reading files: 1 MiB (= 1048576 bytes). */
const FILE_CHUNK = 1 << 20

/**
 * Incremental CommP: `write` chunks in order, then `digest`.
 *
 * @example
 * const calc = new CommPCalc()
 * calc.write(payload.subarray(0, 300))
 * calc.write(payload.subarray(300))
 * calc.digest() // => the same result as CommP(payload)
 * @category commitments
 * @since 0.1.0
 */
export class CommPCalc {
  private readonly stack: _PendingNodes
  private readonly batch = new Uint8Array(BATCH_LEAVES * NODE_SIZE)
  private batchBlocks = 0
  private readonly carry = new Uint8Array(FR32_UNPADDED_BLOCK)
  private carried = 0
  private total = 0

  constructor(private readonly hasher: Hasher = defaultHasher) {
    this.stack = new _PendingNodes(hasher)
  }

  /** Number of payload bytes written so far. */
  get bytesRead(): number {
    return this.total
  }

  /** Adds the next chunk of payload. */
  write(chunk: Uint8Array): void {
    let pos = 0
    this.total += chunk.length
    if (this.carried > 0) {
      // complete the carried block, if this chunk has enough bytes
      const need = FR32_UNPADDED_BLOCK - this.carried
      if (chunk.length < need) {
        this.carry.set(chunk, this.carried)
        this.carried += chunk.length
        return
      }
      this.carry.set(chunk.subarray(0, need), this.carried)
      this.padBlocks(this.carry, 0, 1)
      this.carried = 0
      pos = need
    }
    // whole blocks straight from the chunk into the batch
    const blocks = Math.floor((chunk.length - pos) / FR32_UNPADDED_BLOCK)
    let done = 0
    while (done < blocks) {
      const n = Math.min(blocks - done, BATCH_BLOCKS - this.batchBlocks)
      this.padBlocks(chunk, pos + done * FR32_UNPADDED_BLOCK, n)
      done += n
    }
    pos += blocks * FR32_UNPADDED_BLOCK
    // carry the rest
    this.carry.set(chunk.subarray(pos), 0)
    this.carried = chunk.length - pos
  }

  /** Pads `n` blocks (fitting in the batch) into the batch, and reduces a full batch. */
  private padBlocks(src: Uint8Array, off: number, n: number): void {
    fr32PadBlocks(src, off, this.batch, this.batchBlocks * FR32_PADDED_BLOCK, n)
    this.batchBlocks += n
    if (this.batchBlocks === BATCH_BLOCKS) {
      const root = new Uint8Array(NODE_SIZE)
      this.hasher.reduce(this.batch, _REDUCE_LEVELS, root)
      this.stack.push(root, _REDUCE_LEVELS)
      this.batchBlocks = 0
    }
  }

  /** The CommP of everything written so far (writing may continue afterwards). */
  digest(): CommPResult {
    // the piece holding the payload
    const size = Result.getOrThrow(pieceSizeOfPayload(this.total))
    const height = treeHeight(size)
    const payloadSize = BigInt(this.total)
    const padding = toUnpadded(size) - payloadSize
    if (this.total === 0) return { commP: _zeroNodes[height]!.slice(), size, height, payloadSize, padding }
    // the partial batch, then the carried block zero-filled, as aligned runs on a copy of the stack
    const stack = this.stack.clone()
    const tail = new Uint8Array((this.batchBlocks + (this.carried > 0 ? 1 : 0)) * FR32_PADDED_BLOCK)
    tail.set(this.batch.subarray(0, this.batchBlocks * FR32_PADDED_BLOCK))
    if (this.carried > 0) {
      const last = new Uint8Array(FR32_UNPADDED_BLOCK)
      last.set(this.carry.subarray(0, this.carried))
      fr32PadBlocks(last, 0, tail, this.batchBlocks * FR32_PADDED_BLOCK, 1)
    }
    _pushLeafRuns(stack, tail, this.hasher)
    // zero subtrees up to the piece's height
    return { commP: stack.root(height), size, height, payloadSize, padding }
  }
}

// ---------------------------------------------------------------------------------------------
// I/O

/**
 * Options of {@link commPOfStream} and {@link commPOfFile}.
 *
 * @category models
 * @since 0.1.0
 */
export interface CommPStreamOptions {
  /** Called after each chunk with the number of payload bytes read so far. */
  readonly onProgress?: ProgressCallback
  /** The node hasher (default: {@link defaultHasher}). */
  readonly hasher?: Hasher
}

/**
 * The async iterable failed (threw or rejected) while being read.
 *
 * @category errors
 * @since 0.1.0
 */
export class StreamReadFailed extends Data.TaggedError("StreamReadFailed")<{
  readonly bytesRead: number
  readonly cause: unknown
}> {}

export { FileReadFailed, NotAFile } from "./fileErrors.js"

/** Feeds `source` to a calculator; rejects with `[bytesRead, cause]` if reading fails. */
const consume = async (
  source: AsyncIterable<Uint8Array>, options: CommPStreamOptions, signal: AbortSignal
): Promise<CommPResult> => {
  const calc = new CommPCalc(options.hasher)
  try {
    for await (const chunk of source) {
      calc.write(chunk)
      options.onProgress?.(calc.bytesRead)
      if (signal.aborted) break
    }
  } catch (cause) {
    throw new ReadFailure(calc.bytesRead, cause)
  }
  return calc.digest()
}

class ReadFailure {
  constructor(readonly bytesRead: number, readonly cause: unknown) {}
}

const unwrap = (e: unknown): { bytesRead: number, cause: unknown } =>
  e instanceof ReadFailure ? e : { bytesRead: 0, cause: e }

/**
 * CommP of an async iterable of chunks (any sizes), in constant memory.
 *
 * @example
 * const r = await Effect.runPromise(commPOfStream(chunks, { onProgress: (n) => console.log(n) }))
 * toHex(r.commP) // => the same as CommP(concatenation of chunks)
 * @category commitments
 * @since 0.1.0
 */
export const commPOfStream = (
  source: AsyncIterable<Uint8Array>, options: CommPStreamOptions = {}
): Effect.Effect<CommPResult, StreamReadFailed> =>
  Effect.tryPromise({
    try: (signal) => consume(source, options, signal),
    catch: (e) => new StreamReadFailed(unwrap(e))
  })

/**
 * CommP of the file at `path`, read in 1 MiB chunks, in constant memory.
 *
 * Fails with {@link NotAFile} if the path is missing or not a regular file, and with
 * {@link FileReadFailed} if it cannot be read.
 *
 * @example
 * const r = await Effect.runPromise(commPOfFile("deal.car", { onProgress }))
 * r.size // => the padded piece size
 * @category commitments
 * @since 0.1.0
 */
export const commPOfFile = (
  path: string, options: CommPStreamOptions = {}
): Effect.Effect<CommPResult, NotAFile | FileReadFailed> =>
  Effect.flatMap(regularFileSize(path), () =>
    Effect.tryPromise({
      try: (signal) => consume(createReadStream(path, { highWaterMark: FILE_CHUNK, signal }), options, signal),
      catch: (e) => new FileReadFailed({ path, ...unwrap(e) })
    })
  )

/**
 * The size of the regular file at `path`, or why it cannot be read as one: no such file, a
 * directory or another non-regular file (`NotAFile`), or a failed `stat` (`FileReadFailed`);
 * `regularFileSizeAsync` (`./fileErrors.ts`) as an `Effect`.
 *
 * @example
 * await Effect.runPromise(regularFileSize("deal.car")) // => the size in bytes
 * @category commitments
 * @since 0.1.0
 */
export const regularFileSize = (path: string): Effect.Effect<number, NotAFile | FileReadFailed> =>
  Effect.tryPromise({
    try: () => regularFileSizeAsync(path),
    catch: (e): NotAFile | FileReadFailed =>
      e instanceof NotAFile || e instanceof FileReadFailed ? e : new FileReadFailed({ path, bytesRead: 0, cause: e })
  })
