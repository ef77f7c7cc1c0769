/**
 * The async (libuv thread pool) and multi-threaded variants of the native Fr32 subtree root give
 * the same root as the synchronous one, for thread counts 1 … 4 and sizes below, at and above
 * the C++ chunk (2^12 leaves = 2^10 blocks).
 */
import { beforeAll, describe, expect, it } from "vitest"
import { fr32SubtreeRootPool } from "../../../src/proofs/native/index.js"
import { bytesFrom, fr32RootRef, hex, native, skipReason } from "./_reference.js"

const THREADS = [1, 2, 3, 4]
const SIZES = [0, 5, 10, 11, 13, 15] // k: payload of 127 · 2^k bytes

describe.skipIf(native === undefined)(`native async and parallel variants${skipReason}`, () => {
  const payloads = SIZES.map((k) => [k, bytesFrom(127 * 2 ** k, 300 + k)] as const)
  const sync = new Map<number, string>()
  beforeAll(() => {
    for (const [k, p] of payloads) sync.set(k, hex(native!.fr32SubtreeRoot(p)))
  })

  it("the sync root is the reference root (k = 11)", () => {
    const [, payload] = payloads.find(([k]) => k === 11)!
    expect(sync.get(11)).toBe(hex(fr32RootRef(payload)))
  })

  it.each(THREADS)("fr32SubtreeRootParallel(payload, %i) equals the sync root", (threads) => {
    for (const [k, payload] of payloads) expect(hex(native!.fr32SubtreeRootParallel(payload, threads)), `k = ${k}`).toBe(sync.get(k))
  })

  it("more threads than chunks, and 256 threads, still give the sync root", () => {
    const [, payload] = payloads.find(([k]) => k === 11)! // 2 chunks
    expect(hex(native!.fr32SubtreeRootParallel(payload, 8))).toBe(sync.get(11))
    expect(hex(native!.fr32SubtreeRootParallel(payload, 256))).toBe(sync.get(11))
  })

  it("fr32SubtreeRootAsync equals the sync root, with several in flight at once", async () => {
    const roots = await Promise.all(payloads.map(([, p]) => native!.fr32SubtreeRootAsync(p)))
    expect(roots.map(hex)).toEqual(payloads.map(([k]) => sync.get(k)))
  })

  it("subtreeRootAsync equals subtreeRoot", async () => {
    const leaves = bytesFrom(32 * 2 ** 14, 41)
    expect(hex(await native!.subtreeRootAsync(leaves))).toBe(hex(native!.subtreeRoot(leaves)))
  })

  it.each(THREADS)("fr32SubtreeRootPool(payload, %i) equals the sync root", async (threads) => {
    for (const [k, payload] of payloads) expect(hex(await fr32SubtreeRootPool(native!, payload, threads)), `k = ${k}`).toBe(sync.get(k))
  })

  it("the SHA path can be switched while async work is in flight without changing roots", async () => {
    const [, payload] = payloads.find(([k]) => k === 15)!
    const pending = [native!.fr32SubtreeRootAsync(payload), native!.fr32SubtreeRootAsync(payload)]
    native!.setShaPath(native!.shaPaths().at(-1)!)
    const roots = await Promise.all(pending)
    native!.setShaPath("auto")
    expect(roots.map(hex)).toEqual([sync.get(15), sync.get(15)])
  })
})
