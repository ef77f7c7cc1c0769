/**
 * One streamed row of `npm run bench`, in its own process so that its resident memory is measured
 * from a clean baseline:
 *
 *     node dist/scripts/bench/streamed.js <impl> <bytes> <repetitions>
 *
 * Computes CommP of `<bytes>` of xorshift128 output (seed {@link STREAM_SEED}) pulled in 1 MiB
 * chunks, `<repetitions>` times, and prints one JSON line ({@link StreamedRow}). It warms up on
 * 16 MiB; before each timed run it collects garbage and takes the baseline RSS; the peak is the
 * kernel's high-water mark `VmHWM` (`/proc/self/status`), reset to the baseline by writing 5 to
 * `/proc/self/clear_refs`, and at least the RSS sampled after every chunk and every 5 ms (the
 * only measure where `/proc` is missing). `resourceUsage().maxRSS` is no use here: Linux carries
 * it over from the parent through fork and exec.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs"
import { availableParallelism, loadavg } from "node:os"
import { pathToFileURL } from "node:url"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Effect } from "effect"
import { nativeCommPOfChunks } from "../../src/proofs/nativeStream.js"
import { tsHasher } from "../../src/proofs/hasher.js"
import type { CommPResult } from "../../src/proofs/interface.js"
import { loadNative, nativeHasher } from "../../src/proofs/native/index.js"
import { commPOfStream } from "../../src/proofs/stream.js"
import { prngChunks } from "./prng.js"

/** The seed of the streamed input. */
export const STREAM_SEED = 0x5eed1
/** Chunk size of the streamed input: 1 MiB. */
export const STREAM_CHUNK = 1 << 20

/** The streamed implementations. */
export const STREAMED_IMPLS = ["native-1", "native-all", "ts", "stream-native-hasher", "source"] as const
export type StreamedImpl = (typeof STREAMED_IMPLS)[number]

/** What the child prints. */
export interface StreamedRow {
  readonly impl: StreamedImpl
  readonly label: string
  /** CommP as hex ("" for `source`). */
  readonly commP: string
  readonly seconds: ReadonlyArray<number>
  /** The lowest baseline RSS of the repetitions. */
  readonly baselineRss: number
  /** Largest sampled RSS minus its repetition's baseline. */
  readonly sampledExtra: number
  /** Largest `VmHWM` minus its repetition's baseline, when `/proc` allows it. */
  readonly hwmExtra: number | undefined
  readonly load: number
}

/** Resets the kernel's RSS high-water mark to the current RSS (Linux ≥ 4.0); false if it cannot. */
const resetPeak = (): boolean => {
  try {
    writeFileSync("/proc/self/clear_refs", "5")
    return true
  } catch {
    return false
  }
}

/** The RSS high-water mark in bytes, if `/proc` has it. */
const peakRss = (): number | undefined => {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))
    return m === null ? undefined : Number(m[1]) * 1024
  } catch {
    return undefined
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex")

/** The function and label of an implementation. */
const implementation = (impl: StreamedImpl): { label: string; run: (source: AsyncIterable<Uint8Array>) => Promise<CommPResult | undefined> } => {
  const native = loadNative()
  const needNative = () => {
    if (native === undefined) throw new Error(`${impl} needs the native binding`)
    return native
  }
  switch (impl) {
    case "native-1":
      return { label: "native, 1 hashing thread", run: (s) => nativeCommPOfChunks(needNative(), s, { threads: 1 }) }
    case "native-all": {
      const threads = availableParallelism()
      return { label: `native, ${threads} hashing threads`, run: (s) => nativeCommPOfChunks(needNative(), s, { threads }) }
    }
    case "ts":
      return { label: "TypeScript", run: (s) => Effect.runPromise(commPOfStream(s, { hasher: tsHasher })) }
    case "stream-native-hasher": {
      const hasher = nativeHasher()
      if (hasher === undefined) throw new Error(`${impl} needs the native binding`)
      return { label: "(info) stream.ts + nativeHasher", run: (s) => Effect.runPromise(commPOfStream(s, { hasher })) }
    }
    case "source":
      return {
        label: "(info) the input generator alone",
        run: async (s) => {
          for await (const chunk of s) void chunk
          return undefined
        }
      }
  }
}

/** Runs `impl` over `bytes` streamed bytes `reps` times. */
export const runStreamed = async (impl: StreamedImpl, bytes: number, reps: number): Promise<StreamedRow> => {
  const { label, run } = implementation(impl)
  setFlagsFromString("--expose-gc")
  const gc = runInNewContext("gc") as () => void
  // warm-up: JIT, the binding, the libuv pool's threads
  await run(prngChunks(16 * STREAM_CHUNK, STREAM_CHUNK, 1))
  let baseline = 0
  let peak = 0
  const sample = () => {
    const rss = process.memoryUsage.rss()
    if (rss > peak) peak = rss
  }
  const timer = setInterval(sample, 5)
  timer.unref()
  const seconds: Array<number> = []
  let commP = ""
  let baselineRss = Infinity
  let sampledExtra = 0
  let hwmExtra: number | undefined = 0
  for (let i = 0; i < reps; i++) {
    // each repetition from its own baseline: the previous one's garbage collected, the high-water mark reset
    gc()
    gc()
    baseline = process.memoryUsage.rss()
    peak = baseline
    const canReset = resetPeak()
    const start = performance.now()
    const r = await run(prngChunks(bytes, STREAM_CHUNK, STREAM_SEED, sample))
    seconds.push((performance.now() - start) / 1000)
    sample()
    const hwm = canReset ? peakRss() : undefined
    baselineRss = Math.min(baselineRss, baseline)
    sampledExtra = Math.max(sampledExtra, peak - baseline)
    hwmExtra = hwm === undefined || hwmExtra === undefined ? undefined : Math.max(hwmExtra, hwm - baseline)
    const h = r === undefined ? "" : hex(r.commP)
    if (i > 0 && h !== commP) throw new Error(`${impl}: repetition ${i + 1} gave ${h}, the first ${commP}`)
    commP = h
  }
  clearInterval(timer)
  return { impl, label, commP, seconds, baselineRss, sampledExtra, hwmExtra, load: loadavg()[0]! }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [impl, bytes, reps] = process.argv.slice(2)
  if (!(STREAMED_IMPLS as ReadonlyArray<string>).includes(impl ?? "") || !Number.isSafeInteger(Number(bytes)) || !Number.isInteger(Number(reps))) {
    console.error(`usage: streamed.js <${STREAMED_IMPLS.join("|")}> <bytes> <repetitions>`)
    process.exitCode = 2
  } else {
    const row = await runStreamed(impl as StreamedImpl, Number(bytes), Number(reps))
    process.stdout.write(`${JSON.stringify(row)}\n`)
  }
}
