/**
 * Argument errors of the native binding (thrown in C++ as RangeError/TypeError with a code, turned
 * into typed errors by the loader), and the loader itself: FILFLOW_NO_NATIVE, a missing or broken
 * addon, FILFLOW_NATIVE_SHA, and the build script's skip line.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import {
  defaultAddonPath,
  fr32SubtreeRootPool,
  NativeInvalidArgument,
  NativeInvalidLength,
  NativeNotPowerOfTwo,
  packageRoot,
  tryLoadNative
} from "../../../src/proofs/native/index.js"
import { native, skipReason } from "./_reference.js"

const bytes = (n: number) => new Uint8Array(n)

describe.skipIf(native === undefined)(`native argument errors${skipReason}`, () => {
  const n = native!
  it.each([
    ["hashPairs: input not a multiple of 64", () => n.hashPairs(bytes(63), bytes(31)), NativeInvalidLength, /hashPairs: input length must be a multiple of 64, got 63/],
    ["hashPairs: out of the wrong size", () => n.hashPairs(bytes(128), bytes(32)), NativeInvalidLength, /out length must be 64/],
    ["hashPairs: out starting inside input", () => {
      const b = bytes(256)
      n.hashPairs(b.subarray(0, 128), b.subarray(32, 96))
    }, NativeInvalidArgument, /must not start inside/],
    ["hashPairs: not a Uint8Array", () => n.hashPairs(new Uint16Array(32) as unknown as Uint8Array, bytes(32)), NativeInvalidArgument, /input must be a Uint8Array/],
    ["reduce: levels out of range", () => n.reduce(bytes(64), 32, bytes(32)), NativeInvalidArgument, /levels must be an integer in 0\.\.31/],
    ["reduce: levels not an integer", () => n.reduce(bytes(64), 0.5, bytes(32)), NativeInvalidArgument, /levels/],
    ["reduce: sizes that do not match", () => n.reduce(bytes(96), 1, bytes(32)), NativeInvalidLength, /reduce: expected nodes of 2\^1/],
    ["subtreeRoot: empty", () => n.subtreeRoot(bytes(0)), NativeInvalidLength, /multiple of 32\), got 0/],
    ["subtreeRoot: not a multiple of 32", () => n.subtreeRoot(bytes(33)), NativeInvalidLength, /got 33/],
    ["subtreeRoot: 3 leaves", () => n.subtreeRoot(bytes(96)), NativeNotPowerOfTwo, /leaf count must be a power of two, got 3/],
    ["fr32Pad: not whole blocks", () => n.fr32Pad(bytes(128), bytes(128)), NativeInvalidLength, /127b/],
    ["fr32Pad: overlapping", () => {
      const b = bytes(400)
      n.fr32Pad(b.subarray(0, 127), b.subarray(100, 228))
    }, NativeInvalidArgument, /overlap/],
    ["fr32SubtreeRoot: empty", () => n.fr32SubtreeRoot(bytes(0)), NativeInvalidLength, /multiple of 127\), got 0/],
    ["fr32SubtreeRoot: 128 bytes", () => n.fr32SubtreeRoot(bytes(128)), NativeInvalidLength, /got 128/],
    ["fr32SubtreeRoot: 3 blocks", () => n.fr32SubtreeRoot(bytes(381)), NativeNotPowerOfTwo, /127 × 3 \(not a power of two\)/],
    ["fr32SubtreeRootParallel: 0 threads", () => n.fr32SubtreeRootParallel(bytes(127), 0), NativeInvalidArgument, /threads must be an integer in 1\.\.256/],
    ["fr32SubtreeRootParallel: 257 threads", () => n.fr32SubtreeRootParallel(bytes(127), 257), NativeInvalidArgument, /threads/],
    ["fr32SubtreeRootParallel: bad payload", () => n.fr32SubtreeRootParallel(bytes(254 + 127), 2), NativeNotPowerOfTwo, /fr32SubtreeRootParallel/]
  ] as const)("%s", (_, f, type, message) => {
    let caught: unknown
    try {
      f()
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(type)
    expect((caught as Error).message).toMatch(message)
    expect((caught as { fn: string }).fn).toBe((caught as Error).message.split(":")[0])
  })

  it("carries the offending length", () => {
    expect(() => n.fr32SubtreeRoot(bytes(381))).toThrow(expect.objectContaining({ _tag: "NativeNotPowerOfTwo", length: 381 }))
  })

  it("the async variants reject with the same typed errors", async () => {
    await expect(n.fr32SubtreeRootAsync(bytes(200))).rejects.toBeInstanceOf(NativeInvalidLength)
    await expect(n.subtreeRootAsync(bytes(96))).rejects.toBeInstanceOf(NativeNotPowerOfTwo)
    await expect(fr32SubtreeRootPool(n, bytes(381), 2)).rejects.toBeInstanceOf(NativeNotPowerOfTwo)
    await expect(fr32SubtreeRootPool(n, bytes(127), 0)).rejects.toBeInstanceOf(NativeInvalidArgument)
  })
})

describe("native loader", () => {
  it("finds the package root and the addon path from src/", () => {
    const root = packageRoot()
    expect(root).toBeDefined()
    expect(defaultAddonPath(root)).toBe(join(root!, "src/proofs/native/build/Release/filflow_native.node"))
  })

  it("FILFLOW_NO_NATIVE=1 skips loading, with the reason", () => {
    expect(tryLoadNative({ env: { FILFLOW_NO_NATIVE: "1" } })).toEqual({ reason: "FILFLOW_NO_NATIVE=1" })
  })

  it("a missing addon is 'not built', a broken one a load error", () => {
    const missing = tryLoadNative({ env: {}, path: "/nonexistent/filflow_native.node" })
    expect("reason" in missing && missing.reason).toMatch(/^not built/)
    const broken = join(mkdtempSync(join(tmpdir(), "filflow-")), "broken.node")
    writeFileSync(broken, "not an ELF file")
    const load = tryLoadNative({ env: {}, path: broken })
    expect("reason" in load && load.reason).toMatch(/^load error/)
  })

  it.skipIf(native === undefined)("FILFLOW_NATIVE_SHA selects a path, and an unknown one is a reason", () => {
    const load = tryLoadNative({ env: { FILFLOW_NATIVE_SHA: "portable" } })
    expect("binding" in load && load.binding.shaPath()).toBe("portable")
    native!.setShaPath("auto")
    expect(tryLoadNative({ env: { FILFLOW_NATIVE_SHA: "md5" } })).toEqual({ reason: "FILFLOW_NATIVE_SHA=md5 is not one of auto, sha-ni, openssl, portable" })
  })

  it("the build script skips with one line under FILFLOW_NO_NATIVE=1 and exits 0", () => {
    const run = spawnSync(process.execPath, [join(packageRoot()!, "scripts/build-native.cjs")], {
      env: { ...process.env, FILFLOW_NO_NATIVE: "1" },
      encoding: "utf8"
    })
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split("\n")).toEqual(["filflow: FILFLOW_NO_NATIVE=1: native binding not built; the pure TypeScript path will be used."])
  })
})
