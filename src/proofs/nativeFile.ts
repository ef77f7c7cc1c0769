/**
 * CommP of a file on the native binding, read and hashed on the libuv pool: the entry point of
 * `filflow commp FILE` ({@link commPOfFileNativeFirst}) and its core ({@link nativeCommPOfFd}).
 * Each pool thread `pread`s its job's bytes in 127 KiB chunks into its own buffer and hashes
 * them while they are in its cache (`./native/file.cc`); JavaScript only submits `(fd, offset)`
 * jobs and folds their roots in order ({@link RootFolder}). Without the binding the TypeScript
 * stream (`./stream.ts`, loaded only then) computes the same CommP.
 *
 * This module loads no `effect/Effect`: start-up counts in what the command costs (about 40 ms of
 * module loading here).
 *
 * Sources: the streaming shape (one pending node per tree level) is `commp.Calc` of
 * filecoin-project/go-fil-commp-hashhash `commp.go` @ 95fc35ba2caeb953113f7dc302784bdb387cc432;
 * Fr32 as filecoin-project/rust-fil-proofs `fr32/src/reader.rs` @
 * be1ff3084c213c26e1f97b4dd0c0e3e82123c527; zero padding of the payload as FRC-0069
 * (filecoin-project/FIPs `FRCs/frc-0069.md` @ dd3a658e13c47d36af601870934fb9c9d8e5caa6).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { open } from "node:fs/promises"
import { availableParallelism } from "node:os"
import { FileReadFailed, NotAFile, regularFileSizeAsync } from "./fileErrors.js"
import type { CommPResult, Node, ProgressCallback } from "./interface.js"
import { type FileSubtreeRoot, type NativeBinding, loadNative, nativeUnavailableReason } from "./native/index.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "./piece.js"
import { zeroNode } from "./zerocomm.js"

/** log2 of the Fr32 blocks per native job: 15 (a job is 127 · 2^15 = 4,161,536 payload bytes, a 4 MiB padded subtree). */
const JOB_BLOCKS_LOG2 = 15
/** Payload bytes per native job: 4,161,536. */
export const NATIVE_JOB_BYTES = 127 * 2 ** JOB_BLOCKS_LOG2
/** Tree level of a job's root: 17 (4 leaves per 127-byte block). */
export const JOB_LEVEL = JOB_BLOCKS_LOG2 + 2

/**
 * The roots of consecutive jobs (aligned subtrees at level {@link JOB_LEVEL}), pushed in order and
 * folded like a binary counter, with at most one pending root per level; {@link RootFolder.root}
 * closes the tree with zero subtrees (FRC-0069 zero padding).
 *
 * @category commitments
 * @since 0.1.0
 */
export class RootFolder {
  /** `pending[i]`: the pending root at level `JOB_LEVEL + i`, if any. */
  private readonly pending: Array<Node | undefined> = []

  constructor(private readonly native: NativeBinding) {}

  private hash(left: Node, right: Node): Node {
    const pair = new Uint8Array(64)
    pair.set(left, 0)
    pair.set(right, 32)
    return this.native.subtreeRoot(pair)
  }

  /** Pushes the next job's root (level JOB_LEVEL), merging equal levels. */
  push(root: Node): void {
    let node = root
    let i = 0
    for (; this.pending[i] !== undefined; i++) {
      node = this.hash(this.pending[i]!, node)
      this.pending[i] = undefined
    }
    this.pending[i] = node
  }

  /** The root at `height` of the pushed roots followed by zero subtrees. */
  root(height: number): Node {
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
 * The file changed size between the `stat` that gave its size and the end of reading: the bytes
 * read are not the `size` bytes the piece was laid out for.
 *
 * @category errors
 * @since 0.1.0
 */
export class FileSizeChanged extends Data.TaggedError("FileSizeChanged")<{
  readonly expected: number
  readonly bytesRead: number
}> {
  override get message(): string {
    return `the file changed size while it was read: ${this.expected} bytes at the start, ${this.bytesRead} read`
  }
}

/**
 * CommP of the first `size` bytes of the open file `fd` (its size), read and hashed on the libuv
 * pool: the file is cut into jobs of {@link NATIVE_JOB_BYTES}, each read and hashed by one pool
 * thread ({@link NativeBinding.fr32FileSubtreeRootAsync}: `pread` in 127 KiB chunks into that
 * thread's buffer, hashed while in cache), `2 · threads` jobs in flight, and the roots are folded
 * in order here. A file smaller than one job is one job over the whole piece (the bytes past the
 * end read as zeros). No payload byte passes through JavaScript. Rejects with the binding's
 * `NativeReadFailed` if a read fails, or {@link FileSizeChanged} if the bytes read are not
 * `size` (the file shrank, or grew inside the range of its last job; bytes appended past that
 * range are not read, so the result is then the CommP of the first `size` bytes); every job has
 * settled when the promise settles, so the caller may close `fd` then.
 *
 * @example
 * const file = await open("deal.car")
 * const r = await nativeCommPOfFd(loadNative()!, file.fd, (await file.stat()).size, { threads: 2 })
 * @category commitments
 * @since 0.1.0
 */
export const nativeCommPOfFd = async (
  native: NativeBinding, fd: number, size: number,
  options: { readonly threads?: number; readonly onProgress?: ProgressCallback; readonly signal?: AbortSignal } = {}
): Promise<CommPResult> => {
  const threads = options.threads ?? 1
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new RangeError(`threads must be an integer in 1..256, got ${threads}`)
  const pieceSize = Result.getOrThrow(pieceSizeOfPayload(size))
  const height = treeHeight(pieceSize)
  const unpadded = toUnpadded(pieceSize)
  const done = (commP: Node, bytesRead: number): CommPResult => {
    if (bytesRead !== size) throw new FileSizeChanged({ expected: size, bytesRead })
    return { commP, size: pieceSize, height, payloadSize: BigInt(size), padding: unpadded - BigInt(size) }
  }
  if (size < NATIVE_JOB_BYTES) {
    const { root, bytesRead } = await native.fr32FileSubtreeRootAsync(fd, 0, Number(unpadded))
    options.onProgress?.(bytesRead)
    return done(root, bytesRead)
  }
  const folder = new RootFolder(native)
  const inFlight: Array<Promise<FileSubtreeRoot>> = []
  let bytesRead = 0
  const settleOldest = async (): Promise<void> => {
    const job = await inFlight.shift()!
    bytesRead += job.bytesRead
    folder.push(job.root)
    options.onProgress?.(bytesRead)
  }
  try {
    for (let offset = 0; offset < size; offset += NATIVE_JOB_BYTES) {
      options.signal?.throwIfAborted()
      if (inFlight.length >= 2 * threads) await settleOldest()
      const job = native.fr32FileSubtreeRootAsync(fd, offset, NATIVE_JOB_BYTES)
      job.catch(() => undefined) // rejections surface when awaited, in order
      inFlight.push(job)
    }
    while (inFlight.length > 0) await settleOldest()
  } finally {
    await Promise.allSettled(inFlight) // the jobs read fd: none may outlive this call
  }
  return done(folder.root(height), bytesRead)
}

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
 * CommP of the file at `path` in constant memory, as a Promise of a `Result`: on the native
 * binding with all cores ({@link nativeCommPOfFd}) when it is loaded, else with the TypeScript
 * stream (`commPOfFile` of `./stream.ts`, imported only then). `onStart` receives the file's size
 * before reading; `signal` stops submitting jobs.
 *
 * @example
 * const r = await commPOfFileNativeFirst("deal.car")
 * Result.isSuccess(r) && r.success.engine.kind // => "native" when the binding is built
 * @category commitments
 * @since 0.1.0
 */
export const commPOfFileNativeFirst = async (
  path: string,
  options: { readonly onStart?: (size: number) => void; readonly onProgress?: ProgressCallback; readonly signal?: AbortSignal } = {}
): Promise<Result.Result<{ readonly result: CommPResult; readonly engine: CommPEngine }, NotAFile | FileReadFailed>> => {
  let size: number
  try {
    size = await regularFileSizeAsync(path)
  } catch (e) {
    if (e instanceof NotAFile || e instanceof FileReadFailed) return Result.fail(e)
    throw e
  }
  options.onStart?.(size)
  const native = loadNative()
  if (native === undefined) {
    const engine: CommPEngine = { kind: "ts", reason: nativeUnavailableReason() ?? "native binding not loaded" }
    const [{ commPOfFile }, Effect] = await Promise.all([import("./stream.js"), import("effect/Effect")])
    const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress }
    const outcome = await Effect.runPromise(Effect.result(commPOfFile(path, progress)), options.signal === undefined ? {} : { signal: options.signal })
    return Result.map(outcome, (result) => ({ result, engine }))
  }
  const threads = Math.min(256, Math.max(1, availableParallelism()))
  let bytesRead = 0
  try {
    const file = await open(path, "r")
    try {
      const result = await nativeCommPOfFd(native, file.fd, size, {
        threads,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onProgress: (n) => {
          bytesRead = n
          options.onProgress?.(n)
        }
      })
      return Result.succeed({ result, engine: { kind: "native", shaPath: native.shaPath(), threads } })
    } finally {
      await file.close()
    }
  } catch (cause) {
    return Result.fail(new FileReadFailed({ path, bytesRead, cause }))
  }
}
