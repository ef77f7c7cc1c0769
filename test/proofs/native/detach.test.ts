/**
 * A caller that detaches (transfers) the input's ArrayBuffer before or while the binding reads
 * it. Before the call: a typed `NativeDetachedBuffer`. During an async call: the right root,
 * from memory the binding holds (a copy, or its own `allocBuffer` memory kept alive), never a
 * crash. The "during" cases run in a child process, so that a use after free (SIGSEGV, exit 139)
 * fails a test instead of killing the runner; the expected roots come from the synchronous
 * functions on an untouched copy (they are checked against independent references in
 * `subtree.test.ts`).
 */
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { defaultAddonPath, fr32SubtreeRootPool, NativeDetachedBuffer } from "../../../src/proofs/native/index.js"
import { native, skipReason } from "./_reference.js"

/** Detaches `b`'s ArrayBuffer by transferring it into a clone that is dropped at once. */
const detach = (b: Uint8Array<ArrayBuffer>): void => {
  structuredClone(b.buffer, { transfer: [b.buffer] })
}

/**
 * The child: argv = [addon path, case]. It loads the raw addon, starts the async call, detaches
 * the input (three ways), drops every reference to the moved memory, forces a GC, allocates and
 * fills other memory, and prints `{got, want}` (hex) and whether the input was detached (Node
 * 20 copies external memory such as allocBuffer's instead of transferring it) as one JSON line.
 */
const CHILD = String.raw`
import { createRequire } from "node:module"
import { MessageChannel } from "node:worker_threads"
const [addon, which] = process.argv.slice(-2)
const raw = createRequire(import.meta.url)(addon)
const hex = (b) => Buffer.from(b).toString("hex")
const fill = (b, seed) => { let x = seed >>> 0 || 1; for (let i = 0; i < b.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x } return b }
const [fn, how, owner] = which.split(":")
const size = fn === "leaves" ? 32 * 2 ** 20 : 127 * 2 ** 18
const input = owner === "native" ? fill(raw.allocBuffer(size), 9) : fill(new Uint8Array(size), 9)
const want = hex(fn === "leaves" ? raw.subtreeRoot(input.slice()) : raw.fr32SubtreeRoot(input.slice()))
const pending = fn === "leaves" ? raw.subtreeRootAsync(input) : raw.fr32SubtreeRootAsync(input)
if (how === "clone") structuredClone(input.buffer, { transfer: [input.buffer] })
else if (how === "port") {
  const { port1, port2 } = new MessageChannel()
  const received = new Promise((resolve) => port2.once("message", () => resolve()))
  port1.postMessage(input.buffer, [input.buffer])
  await received
  port1.close()
  port2.close()
}
else if (how === "transfer") input.buffer.transfer(16)
const detached = input.byteLength === 0
await new Promise((resolve) => setImmediate(resolve))
for (let i = 0; i < 3; i++) globalThis.gc()
const junk = []
for (let i = 0; i < 4; i++) junk.push(new Uint8Array(size).fill(0xa5))
console.log(JSON.stringify({ got: hex(await pending), want, detached }))
`

const runChild = (which: string): { status: number | null; signal: string | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", CHILD, defaultAddonPath()!, which], {
    encoding: "utf8", timeout: 60_000
  })
  return { status: r.status, signal: r.signal, out: r.stdout, err: r.stderr }
}

const hows = ["clone", "port", ...(typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === "function" ? ["transfer"] : [])]

describe.skipIf(native === undefined)(`native: a detached input${skipReason}`, () => {
  const n = native!

  it.each([
    ["subtreeRoot", () => n.subtreeRoot(detachedOf(64))],
    ["subtreeRootAsync", () => n.subtreeRootAsync(detachedOf(64))],
    ["fr32SubtreeRoot", () => n.fr32SubtreeRoot(detachedOf(127))],
    ["fr32SubtreeRootAsync", () => n.fr32SubtreeRootAsync(detachedOf(127))],
    ["fr32SubtreeRootParallel", () => n.fr32SubtreeRootParallel(detachedOf(127), 2)],
    ["fr32Pad", () => n.fr32Pad(detachedOf(127), new Uint8Array(128))],
    ["hashPairs", () => n.hashPairs(new Uint8Array(64), detachedOf(32))],
    ["reduce", () => n.reduce(detachedOf(64), 1, new Uint8Array(32))],
    ["fr32SubtreeRootPool", () => fr32SubtreeRootPool(n, detachedOf(127 * 4), 2)]
  ] as const)("before the call, %s refuses with NativeDetachedBuffer", async (fn, f) => {
    let caught: unknown
    try {
      await f()
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(NativeDetachedBuffer)
    expect((caught as NativeDetachedBuffer).fn).toBe(fn === "fr32SubtreeRootPool" ? "fr32SubtreeRootAsync" : fn)
    expect((caught as Error).message).toMatch(/detached/)
  })

  it("an allocBuffer buffer starts zeroed and hashes like a plain Uint8Array; transferred, it is refused or (Node 20) copied, never lost", async () => {
    const b = n.allocBuffer(127 * 8)
    expect(b).toBeInstanceOf(Uint8Array)
    expect(b.length).toBe(127 * 8)
    expect(b.every((x) => x === 0)).toBe(true)
    b.fill(3)
    const want = n.fr32SubtreeRoot(new Uint8Array(127 * 8).fill(3))
    expect(n.fr32SubtreeRoot(b)).toStrictEqual(want)
    expect(await n.fr32SubtreeRootAsync(b)).toStrictEqual(want)
    detach(b)
    if (b.byteLength === 0) expect(() => n.fr32SubtreeRoot(b)).toThrow(NativeDetachedBuffer)
    else expect(n.fr32SubtreeRoot(b)).toStrictEqual(want)
    expect(n.allocBuffer(0)).toStrictEqual(new Uint8Array(0))
  })

  it("allocBuffer refuses a bad length", () => {
    expect(() => n.allocBuffer(-1)).toThrow(expect.objectContaining({ _tag: "NativeInvalidArgument" }))
    expect(() => n.allocBuffer(0.5)).toThrow(expect.objectContaining({ _tag: "NativeInvalidArgument" }))
  })

  for (const fn of ["leaves", "fr32"]) {
    for (const owner of ["js", "native"]) {
      for (const how of hows) {
        it(`detached during ${fn === "leaves" ? "subtreeRootAsync" : "fr32SubtreeRootAsync"} (${how}, ${owner === "js" ? "a plain Uint8Array" : "allocBuffer memory"}): the root of the bytes at call time, no crash`, () => {
          const r = runChild(`${fn}:${how}:${owner}`)
          expect({ status: r.status, signal: r.signal, err: r.err }).toStrictEqual({ status: 0, signal: null, err: "" })
          const { got, want, detached } = JSON.parse(r.out) as { got: string; want: string; detached: boolean }
          expect(got).toBe(want)
          // a plain Uint8Array is always moved away, so the case is exercised
          if (owner === "js") expect(detached).toBe(true)
        })
      }
    }
  }
})

/** A Uint8Array of `n` bytes whose buffer is detached. */
function detachedOf(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n)
  detach(b)
  return b
}
