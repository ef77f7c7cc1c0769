import { fc, test } from "@fast-check/vitest"
import { Effect, Exit } from "effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { CommP } from "../../src/proofs/commp.js"
import { CommPCalc, commPOfFile, commPOfStream } from "../../src/proofs/stream.js"
import { chunked, fillPseudoRandom, hex, pseudoRandomBytes } from "./_helpers.js"


async function* iterate(chunks: ReadonlyArray<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c
}

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const e = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (e === undefined || e._tag !== "Fail") throw new Error("expected a typed failure")
  return e.error
}

describe("CommPCalc — streaming equals in memory", () => {
  test.prop([fc.uint8Array({ maxLength: 6000 }), fc.array(fc.nat(), { maxLength: 20 })], { seed: 3001, numRuns: 200 })(
    "random payloads, random chunkings (empty chunks included)", (payload, cuts) => {
      const calc = new CommPCalc()
      for (const c of chunked(payload, cuts)) calc.write(c)
      expect(calc.bytesRead).toBe(payload.length)
      const r = calc.digest()
      const expected = CommP(payload)
      expect(hex(r.commP)).toBe(hex(expected.commP))
      expect(r).toMatchObject({ size: expected.size, height: expected.height, payloadSize: expected.payloadSize, padding: expected.padding })
    })

  // One batch is 4096 blocks = 520192 payload bytes.  Each payload ends within 300 bytes of the
  // end of batch 1, 2 or 3 (before it, on it or after it), so every run crosses or meets a boundary.
  const BATCH = 520192
  test.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: -300, max: 300 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer()], { seed: 3002, numRuns: 8 })(
    "payloads ending within 300 bytes of a batch boundary", (batches, offset, cuts, seed) => {
      const payload = pseudoRandomBytes(batches * BATCH + offset, seed)
      const calc = new CommPCalc()
      for (const c of chunked(payload, cuts)) calc.write(c)
      expect(hex(calc.digest().commP)).toBe(hex(CommP(payload).commP))
    })

  it("exactly one and two batches, byte by byte around a block boundary, and digest midway", () => {
    for (const n of [520192, 2 * 520192, 2 * 520192 + 1]) {
      const payload = pseudoRandomBytes(n, n)
      const calc = new CommPCalc()
      calc.write(payload)
      expect(hex(calc.digest().commP), `${n}`).toBe(hex(CommP(payload).commP))
    }
    const payload = pseudoRandomBytes(300, 3)
    const calc = new CommPCalc()
    for (let i = 0; i < payload.length; i++) {
      calc.write(payload.subarray(i, i + 1))
      // digest does not disturb the calculator
      if (i % 50 === 0) expect(hex(calc.digest().commP)).toBe(hex(CommP(payload.subarray(0, i + 1)).commP))
    }
    expect(hex(calc.digest().commP)).toBe(hex(CommP(payload).commP))
  })

  it("nothing written = the empty payload (a 128-byte zero piece)", () => {
    expect(hex(new CommPCalc().digest().commP)).toBe(hex(CommP(new Uint8Array(0)).commP))
  })
})

describe("commPOfStream / commPOfFile — Effects", () => {
  const dir = mkdtempSync(join(tmpdir(), "filflow-proofs-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("an async iterable, with progress after each chunk", async () => {
    const payload = pseudoRandomBytes(5000, 11)
    const seen: number[] = []
    const r = await Effect.runPromise(commPOfStream(iterate(chunked(payload, [100, 2000, 2001])), { onProgress: (n) => seen.push(n) }))
    expect(hex(r.commP)).toBe(hex(CommP(payload).commP))
    expect(seen).toEqual([100, 2000, 2001, 5000])
  })

  it("a failing iterable → StreamReadFailed with the bytes read so far", async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10)
      throw new Error("disk on fire")
    }
    expect(failure(await Effect.runPromiseExit(commPOfStream(broken())))).toMatchObject({ _tag: "StreamReadFailed", bytesRead: 10 })
  })

  it("a file, read in chunks", async () => {
    const payload = pseudoRandomBytes(3 * 1024 * 1024 + 77, 5)
    const path = join(dir, "payload.bin")
    writeFileSync(path, payload)
    let last = 0
    const r = await Effect.runPromise(commPOfFile(path, { onProgress: (n) => { last = n } }))
    expect(hex(r.commP)).toBe(hex(CommP(payload).commP))
    expect(last).toBe(payload.length)
  })

  it("a missing path or a directory → NotAFile; a read error → FileReadFailed", async () => {
    expect(failure(await Effect.runPromiseExit(commPOfFile(join(dir, "missing"))))).toMatchObject({ _tag: "NotAFile", reason: "no such file" })
    expect(failure(await Effect.runPromiseExit(commPOfFile(dir)))).toMatchObject({ _tag: "NotAFile", reason: "a directory" })
    if (process.platform === "linux") {
      // a regular file by stat whose first read fails with EIO
      expect(failure(await Effect.runPromiseExit(commPOfFile("/proc/self/mem")))).toMatchObject({ _tag: "FileReadFailed", bytesRead: 0 })
    }
  })
})

describe("constant memory", () => {
  it("a generated 256 MiB stream (1 MiB chunks made on the fly, one buffer reused) grows heap + array buffers by < 64 MiB", async () => {
    const TOTAL = 256 * 1024 * 1024
    const CHUNK = 1024 * 1024
    const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }
    const chunk = new Uint8Array(CHUNK)
    let state = 12345
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let sent = 0; sent < TOTAL; sent += CHUNK) {
        state = fillPseudoRandom(chunk, state)
        yield chunk
      }
    }
    const before = used()
    let peak = 0
    const r = await Effect.runPromise(commPOfStream(generate(), { onProgress: () => { peak = Math.max(peak, used() - before) } }))
    expect(r.payloadSize).toBe(BigInt(TOTAL))
    expect(r.size).toBe(512n * 1024n * 1024n)
    expect(peak).toBeLessThan(64 * 1024 * 1024)

    // the same bytes, regenerated in memory, give the same CommP
    const whole = new Uint8Array(TOTAL)
    state = 12345
    for (let at = 0; at < TOTAL; at += CHUNK) state = fillPseudoRandom(whole.subarray(at, at + CHUNK), state)
    expect(hex(r.commP)).toBe(hex(CommP(whole).commP))
  })
})
