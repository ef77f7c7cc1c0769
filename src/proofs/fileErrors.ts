/**
 * Why a file's CommP cannot be computed — the path names no regular file, or reading it failed —
 * and the `stat` check behind the first, as a Promise. Kept apart from `./stream.ts` so that
 * `filflow commp` on the native binding (`./nativeFile.ts`) loads neither `effect/Effect` nor
 * the TypeScript stream: start-up is part of what the command costs.
 *
 * @module
 */
import * as Data from "effect/Data"
import { stat } from "node:fs/promises"

/**
 * The path does not name a regular file (missing, a directory, a device…).
 *
 * @category errors
 * @since 0.1.0
 */
export class NotAFile extends Data.TaggedError("NotAFile")<{
  readonly path: string
  readonly reason: string
}> {}

/**
 * Reading the file failed.
 *
 * @category errors
 * @since 0.1.0
 */
export class FileReadFailed extends Data.TaggedError("FileReadFailed")<{
  readonly path: string
  readonly bytesRead: number
  readonly cause: unknown
}> {}

const errorCode = (e: unknown): unknown => (typeof e === "object" && e !== null && "code" in e ? e.code : undefined)

/**
 * The size of the regular file at `path`; rejects with {@link NotAFile} (no such file, a
 * directory, another non-regular file) or {@link FileReadFailed} (a failed `stat`).
 *
 * @example
 * await regularFileSizeAsync("deal.car") // => the size in bytes
 * @category commitments
 * @since 0.1.0
 */
export const regularFileSizeAsync = async (path: string): Promise<number> => {
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch (cause) {
    const code = errorCode(cause)
    throw code === "ENOENT" || code === "ENOTDIR" ? new NotAFile({ path, reason: "no such file" }) : new FileReadFailed({ path, bytesRead: 0, cause })
  }
  if (!info.isFile()) throw new NotAFile({ path, reason: info.isDirectory() ? "a directory" : "not a regular file" })
  return info.size
}
