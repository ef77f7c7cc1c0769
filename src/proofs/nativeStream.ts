/**
 * CommP of a stream in constant memory on the native binding (`./native/`): the counterpart of
 * `./stream.ts`, which Fr32-pads in TypeScript whatever hasher it is given. Files have their own
 * path, `./nativeFile.ts`, where the pool threads read the file themselves.
 *
 * {@link NativeCommPCalc} collects the payload in buffers of `127 · 2^15` bytes; each full buffer
 * is an aligned subtree whose Fr32-padded root `fr32SubtreeRootAsync` computes on the libuv pool
 * (one buffer per core in flight while the next one fills), and the roots are folded left to
 * right.
 *
 * Sources: the streaming shape (write chunks, then digest; one pending node per tree level) is
 * `commp.Calc` of filecoin-project/go-fil-commp-hashhash `commp.go` @
 * 95fc35ba2caeb953113f7dc302784bdb387cc432; Fr32 as filecoin-project/rust-fil-proofs
 * `fr32/src/reader.rs` @ be1ff3084c213c26e1f97b4dd0c0e3e82123c527; zero padding of the payload as
 * FRC-0069 (filecoin-project/FIPs `FRCs/frc-0069.md` @
 * dd3a658e13c47d36af601870934fb9c9d8e5caa6).
 *
 * @module
 */
import * as Result from "effect/Result"
import type { CommPResult, Node, ProgressCallback } from "./interface.js"
import type { NativeBinding } from "./native/index.js"
import { NATIVE_JOB_BYTES, RootFolder } from "./nativeFile.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "./piece.js"

/**
 * Incremental CommP on the native binding: `write` chunks in order (awaiting each), then `digest`
 * once. Payload is collected in buffers of {@link NATIVE_JOB_BYTES}; each full buffer is an
 * aligned subtree whose root `fr32SubtreeRootAsync` computes on the libuv pool, up to `2 · threads`
 * buffers at once while the caller fills the next one, and the roots are folded in order with at
 * most one pending root per level (a binary counter). The last, partial buffer is
 * zero-filled: zero payload bytes Fr32-pad to zero nodes, so it is the same subtree as the piece's
 * (FRC-0069 zero padding). Memory: `2 · threads + 1` buffers (≈ 4 MiB each) whatever the input
 * size. Twice as many jobs as threads are queued so that a hashing thread that finishes finds the
 * next job already read and waiting, instead of idling while the caller reads it.
 *
 * @example
 * const calc = new NativeCommPCalc(loadNative()!, 2)
 * for await (const chunk of source) await calc.write(chunk)
 * toHex((await calc.digest()).commP) // => the same as CommP(concatenation of chunks)
 * @category commitments
 * @since 0.1.0
 */
export class NativeCommPCalc {
  private current: Uint8Array
  private filled = 0
  private total = 0
  private jobs = 0
  private readonly free: Array<Uint8Array> = []
  private readonly inFlight: Array<{ readonly buffer: Uint8Array; readonly root: Promise<Uint8Array> }> = []
  private readonly folder: RootFolder
  private digested = false

  constructor(private readonly native: NativeBinding, private readonly threads: number = 1) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new RangeError(`threads must be an integer in 1..256, got ${threads}`)
    this.current = native.allocBuffer(NATIVE_JOB_BYTES)
    this.folder = new RootFolder(native)
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
      commP = this.folder.root(height)
    }
    return { commP, size, height, payloadSize, padding }
  }

  /** Hands the full current buffer to the binding, after making room: at most `2 · threads` jobs are queued. */
  private async flush(): Promise<void> {
    this.filled = 0
    this.jobs++
    if (this.inFlight.length >= 2 * this.threads) await this.settleOldest()
    const root = this.native.fr32SubtreeRootAsync(this.current)
    root.catch(() => undefined) // rejections surface when awaited, in order
    this.inFlight.push({ buffer: this.current, root })
    this.current = this.free.pop() ?? this.native.allocBuffer(NATIVE_JOB_BYTES)
  }

  private async settleOldest(): Promise<void> {
    const job = this.inFlight.shift()!
    this.folder.push(await job.root)
    this.free.push(job.buffer)
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
