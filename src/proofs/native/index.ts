/**
 * Loader of the native N-API binding (`build/Release/filflow_native.node`, built from this
 * folder's C++ by `scripts/build-native.cjs` on `npm install`): loads it once, or says once why
 * it is not available, and wraps its functions so that argument errors become typed errors.
 *
 * - `FILFLOW_NO_NATIVE=1` skips loading it (the pure TypeScript path is used; DESIGN.md "Proofs").
 * - `FILFLOW_NATIVE_SHA=sha-ni|openssl|portable` selects the SHA-256 path at load time (tests,
 *   benchmarks); by default SHA-NI when the CPU has it, else OpenSSL from the node binary.
 *
 * The binary is found from the package root (the nearest `package.json` named `filflow` above
 * this file), so the same code works from `src/` (vitest) and from `dist/src/` (compiled).
 *
 * Sources: FIPS 180-4 (SHA-256); filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0 (Fr32);
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (node hash,
 * trunc254 mask).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { constants as osConstants } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Data from "effect/Data"
import type { NativeBinding, NativeHasher, ShaPath } from "./interface.js"

export type { FileSubtreeRoot, FrMulPath, NativeBinding, NativeHasher, ShaPath } from "./interface.js"

// ---------------------------------------------------------------------------------------------
// errors

/**
 * An input whose length does not fit the function (not a multiple of 64, 32 or 127, or an output
 * of the wrong size).
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeInvalidLength extends Data.TaggedError("NativeInvalidLength")<{
  readonly fn: string
  readonly length: number
  readonly message: string
}> {}

/**
 * A leaf or block count that is not a power of two (a subtree must be full).
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeNotPowerOfTwo extends Data.TaggedError("NativeNotPowerOfTwo")<{
  readonly fn: string
  readonly length: number
  readonly message: string
}> {}

/**
 * Any other bad argument: a thread or level count out of range, overlapping buffers, an unknown
 * SHA path, or a value that is not a `Uint8Array`.
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeInvalidArgument extends Data.TaggedError("NativeInvalidArgument")<{
  readonly fn: string
  readonly message: string
}> {}

/**
 * An input or output whose `ArrayBuffer` is detached (transferred away, e.g. by
 * `structuredClone(b.buffer, { transfer: [b.buffer] })` or `postMessage`): it has no bytes left.
 * A buffer detached *during* an async call does not cause this error: the call reads memory the
 * binding holds (see {@link NativeBinding.allocBuffer}) and returns the root of the bytes it had
 * when the call started.
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeDetachedBuffer extends Data.TaggedError("NativeDetachedBuffer")<{
  readonly fn: string
  readonly message: string
}> {}

/**
 * A read of the file failed in {@link NativeBinding.fr32FileSubtreeRootAsync}: `errno` is the
 * system's error number (e.g. 9, `EBADF`, for a closed descriptor; 21, `EISDIR`, for a directory).
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeReadFailed extends Data.TaggedError("NativeReadFailed")<{
  readonly fn: string
  readonly errno: number
  /** The error's symbolic name (`os.constants.errno`), e.g. `"EIO"`; the message starts with it. */
  readonly code: string
  readonly message: string
}> {}

/**
 * An input that is not a canonical field element (a 32-byte repr whose integer is ≥ r);
 * `index` says which (see each function).
 *
 * @category errors
 * @since 0.1.0
 */
export class NativeNonCanonical extends Data.TaggedError("NativeNonCanonical")<{
  readonly fn: string
  readonly index: number
  readonly message: string
}> {}

/**
 * The errors of the binding's functions.
 *
 * @category errors
 * @since 0.1.0
 */
export type NativeInputError =
  | NativeInvalidLength
  | NativeNotPowerOfTwo
  | NativeInvalidArgument
  | NativeDetachedBuffer
  | NativeNonCanonical

/**
 * Every error of the binding's functions, reading errors included.
 *
 * @category errors
 * @since 0.1.0
 */
export type NativeError = NativeInputError | NativeReadFailed

/** An error thrown by the C++ side: a RangeError/TypeError with `code` (args.h) and maybe `length`. */
interface RawError extends Error {
  readonly code?: string
  readonly length?: number
  readonly errno?: number
  readonly index?: number
}

/** The symbolic name of a system error number (`os.constants.errno`), e.g. 5 → "EIO"; "E?" if unknown. */
const errnoName = (errno: number): string =>
  Object.entries(osConstants.errno).find(([, n]) => n === errno)?.[0] ?? "E?"

const typed = (fn: string, e: unknown): unknown => {
  if (!(e instanceof Error)) return e
  const { code, length, message, errno, index } = e as RawError
  switch (code) {
    case "ERR_FILFLOW_INVALID_LENGTH":
      return new NativeInvalidLength({ fn, length: length ?? -1, message })
    case "ERR_FILFLOW_NOT_POWER_OF_TWO":
      return new NativeNotPowerOfTwo({ fn, length: length ?? -1, message })
    case "ERR_FILFLOW_INVALID_ARGUMENT":
    case "ERR_FILFLOW_NOT_BYTES":
      return new NativeInvalidArgument({ fn, message })
    case "ERR_FILFLOW_NON_CANONICAL":
      return new NativeNonCanonical({ fn, index: index ?? -1, message })
    case "ERR_FILFLOW_DETACHED":
      return new NativeDetachedBuffer({ fn, message })
    case "ERR_FILFLOW_READ": {
      const code = errnoName(errno ?? -1)
      return new NativeReadFailed({ fn, errno: errno ?? -1, code, message: `${code}: ${message}` })
    }
    default:
      return e
  }
}

// ---------------------------------------------------------------------------------------------
// loading

/** The functions exactly as the addon exports them (addon.cc, async.cc). */
type RawBinding = Omit<NativeBinding, "shaPaths"> & { readonly shaPaths: () => Array<ShaPath> }

/** File name of the addon (binding.gyp `target_name`). */
const ADDON_FILE = "filflow_native.node"

/**
 * The package root: the nearest directory above `from` whose `package.json` is named `filflow`.
 *
 * @category loading
 * @since 0.1.0
 */
export const packageRoot = (from: string = dirname(fileURLToPath(import.meta.url))): string | undefined => {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json")
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "filflow") return dir
      } catch {
        // not a readable manifest: keep looking
      }
    }
    if (dirname(dir) === dir) return undefined
  }
}

/**
 * Where the build puts the addon: `<root>/src/proofs/native/build/Release/filflow_native.node`.
 *
 * @category loading
 * @since 0.1.0
 */
export const defaultAddonPath = (root: string | undefined = packageRoot()): string | undefined =>
  root === undefined ? undefined : join(root, "src", "proofs", "native", "build", "Release", ADDON_FILE)

/**
 * What {@link tryLoadNative} found: the binding, or why there is none.
 *
 * @category loading
 * @since 0.1.0
 */
export type NativeLoad = { readonly binding: NativeBinding } | { readonly reason: string }

const SHA_PATHS: ReadonlyArray<ShaPath> = ["sha-ni", "openssl", "portable"]

const wrap = (raw: RawBinding): NativeBinding => {
  const sync =
    <A extends Array<unknown>, R>(fn: string, f: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return f(...args)
      } catch (e) {
        throw typed(fn, e)
      }
    }
  const asyncFn =
    <A extends Array<unknown>, R>(fn: string, f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args)
      } catch (e) {
        throw typed(fn, e)
      }
    }
  return {
    hashPairs: sync("hashPairs", raw.hashPairs),
    reduce: sync("reduce", raw.reduce),
    subtreeRoot: sync("subtreeRoot", raw.subtreeRoot),
    subtreeRootAsync: asyncFn("subtreeRootAsync", raw.subtreeRootAsync),
    fr32Pad: sync("fr32Pad", raw.fr32Pad),
    fr32SubtreeRoot: sync("fr32SubtreeRoot", raw.fr32SubtreeRoot),
    fr32SubtreeRootAsync: asyncFn("fr32SubtreeRootAsync", raw.fr32SubtreeRootAsync),
    fr32FileSubtreeRootAsync: asyncFn("fr32FileSubtreeRootAsync", raw.fr32FileSubtreeRootAsync),
    fr32SubtreeRootParallel: sync("fr32SubtreeRootParallel", raw.fr32SubtreeRootParallel),
    allocBuffer: sync("allocBuffer", raw.allocBuffer),
    shaPath: () => raw.shaPath(),
    shaPaths: () => raw.shaPaths(),
    setShaPath: sync("setShaPath", raw.setShaPath),
    chunkLeaves: raw.chunkLeaves,
    frOp: sync("frOp", raw.frOp),
    frMulPath: () => raw.frMulPath(),
    setFrMulPath: sync("setFrMulPath", raw.setFrMulPath),
    poseidonRegister: sync("poseidonRegister", raw.poseidonRegister),
    poseidonHashNodes: sync("poseidonHashNodes", raw.poseidonHashNodes),
    poseidonColumns: sync("poseidonColumns", raw.poseidonColumns),
    sha256Compress: sync("sha256Compress", raw.sha256Compress),
    sdrLabelRange: sync("sdrLabelRange", raw.sdrLabelRange),
    sdrParentRange: sync("sdrParentRange", raw.sdrParentRange)
  }
}

/**
 * Loads the addon without caching (each call loads the file anew only the first time per path;
 * Node caches addons): `env` decides `FILFLOW_NO_NATIVE` and `FILFLOW_NATIVE_SHA`.
 * {@link loadNative} is this, once, with `process.env` and {@link defaultAddonPath}.
 *
 * @example
 * const load = tryLoadNative({ env: { FILFLOW_NO_NATIVE: "1" } })
 * "reason" in load // => true
 * @category loading
 * @since 0.1.0
 */
export const tryLoadNative = (
  options: { readonly env?: Readonly<Record<string, string | undefined>>; readonly path?: string | undefined } = {}
): NativeLoad => {
  const env = options.env ?? process.env
  const noNative = env["FILFLOW_NO_NATIVE"]
  if (noNative !== undefined && noNative !== "" && noNative !== "0") return { reason: `FILFLOW_NO_NATIVE=${noNative}` }
  const path = "path" in options ? options.path : defaultAddonPath()
  if (path === undefined) return { reason: "package root (package.json named filflow) not found" }
  if (!existsSync(path)) return { reason: `not built (${path} is missing; run npm install or npm run install)` }
  let binding: NativeBinding
  try {
    binding = wrap(createRequire(import.meta.url)(path) as RawBinding)
  } catch (e) {
    return { reason: `load error: ${e instanceof Error ? e.message : String(e)}` }
  }
  const sha = env["FILFLOW_NATIVE_SHA"]
  if (sha !== undefined && sha !== "") {
    if (!(SHA_PATHS as ReadonlyArray<string>).includes(sha) && sha !== "auto") {
      return { reason: `FILFLOW_NATIVE_SHA=${sha} is not one of auto, ${SHA_PATHS.join(", ")}` }
    }
    if (!binding.setShaPath(sha as ShaPath | "auto")) return { reason: `FILFLOW_NATIVE_SHA=${sha} cannot run on this machine` }
  }
  return { binding }
}

let loaded: NativeLoad | undefined

/**
 * The native binding, loaded on first call, or `undefined` when it is unavailable (not built,
 * `FILFLOW_NO_NATIVE=1`, load error); {@link nativeUnavailableReason} says why.
 *
 * @example
 * const native = loadNative()
 * native?.fr32SubtreeRoot(new Uint8Array(127))
 * // 3731bb99…8333 (filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0), or undefined
 * @category loading
 * @since 0.1.0
 */
export const loadNative = (): NativeBinding | undefined => {
  loaded ??= tryLoadNative()
  return "binding" in loaded ? loaded.binding : undefined
}

/**
 * Why {@link loadNative} returns `undefined` (the same string every time), or `undefined` when the
 * binding is loaded.
 *
 * @example
 * nativeUnavailableReason() // => undefined, or e.g. "FILFLOW_NO_NATIVE=1"
 * @category loading
 * @since 0.1.0
 */
export const nativeUnavailableReason = (): string | undefined => {
  loadNative()
  return loaded !== undefined && "reason" in loaded ? loaded.reason : undefined
}

/**
 * The SHA-256 path the binding uses, or `undefined` without a binding.
 *
 * @example
 * nativeShaPath() // => "sha-ni" on a CPU with SHA extensions
 * @category loading
 * @since 0.1.0
 */
export const nativeShaPath = (): ShaPath | undefined => loadNative()?.shaPath()

// ---------------------------------------------------------------------------------------------
// uses

/**
 * The binding as a node hasher (`name: "native"`; the `Hasher` of `../interface.ts`), or
 * `undefined` without a binding.
 *
 * @example
 * nativeHasher()?.name // => "native"
 * @category hashing
 * @since 0.1.0
 */
export const nativeHasher = (): NativeHasher | undefined => {
  const native = loadNative()
  return native === undefined ? undefined : { name: "native", hashPairs: native.hashPairs, reduce: native.reduce }
}

/**
 * {@link NativeBinding.fr32SubtreeRoot} with at most `parallelism` aligned subtrees in flight on
 * the libuv thread pool (whose size, `UV_THREADPOOL_SIZE`, defaults to 4), their roots combined
 * with {@link NativeBinding.subtreeRoot}. The main thread stays free meanwhile.
 *
 * @example
 * await fr32SubtreeRootPool(native, payload, os.availableParallelism())
 * @category hashing
 * @since 0.1.0
 */
export const fr32SubtreeRootPool = async (native: NativeBinding, payload: Uint8Array, parallelism: number): Promise<Uint8Array> => {
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 256) {
    throw new NativeInvalidArgument({ fn: "fr32SubtreeRootPool", message: `parallelism must be an integer in 1..256, got ${parallelism}` })
  }
  const blocks = payload.length / 127
  // a payload that is not 127 · 2^k bytes: let the C++ checks throw the typed error
  if (!Number.isInteger(Math.log2(blocks))) return native.fr32SubtreeRootAsync(payload)
  // 4 subtrees per worker for balance, none smaller than one C++ chunk (chunkLeaves / 4 blocks)
  let parts = 1
  while (parts < 4 * parallelism && blocks / (2 * parts) >= native.chunkLeaves / 4) parts *= 2
  if (parts === 1) return native.fr32SubtreeRootAsync(payload)
  const size = payload.length / parts
  const roots = new Uint8Array(32 * parts)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < parts; i = next++) roots.set(await native.fr32SubtreeRootAsync(payload.subarray(size * i, size * (i + 1))), 32 * i)
  }
  await Promise.all(Array.from({ length: Math.min(parallelism, parts) }, worker))
  return native.subtreeRoot(roots)
}
