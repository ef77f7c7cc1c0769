/**
 * The file section of `npm run bench`: `filflow commp FILE` against a whole-process `node:crypto`
 * SHA-256 of the same file, each a child process timed from spawn to exit, on a 512 MiB file
 * already in the page cache.
 *
 * The file (2^29 bytes of xorshift128 output, seed {@link FILE_SEED}) is written once into a temp
 * directory and read twice before timing, so every run reads from the page cache. Then the runs
 * alternate — commp, SHA-256 with 64 KiB reads (the `fs` stream default), SHA-256 with 1 MiB
 * reads — so that a burst of load from elsewhere hits all three; the yardstick of a round is the
 * faster SHA-256. The SHA-256 child is `./sha256File.ts`, which imports nothing but `node:`
 * modules.
 *
 * Checks: every commp run prints the same piece CID, which must equal the CID computed in this
 * process from the same generator by another path (`nativeCommPOfChunks`, copying writes, or the
 * TypeScript stream without the binding); every SHA-256 run prints the digest of the generator's
 * bytes computed here.
 *
 * @module
 */
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { commPReport } from "../../src/cli/commp.js"
import { loadNative } from "../../src/proofs/native/index.js"
import { nativeCommPOfChunks } from "../../src/proofs/nativeStream.js"
import { commPOfStream } from "../../src/proofs/stream.js"
import { prngChunks } from "./prng.js"

/** Size of the file: 2^29 bytes (512 MiB). */
export const FILE_BYTES = 2 ** 29
/** The seed of the file's bytes. */
export const FILE_SEED = 0xf11e
/** Read sizes of the SHA-256 child: 64 KiB (the fs stream default) and 1 MiB. */
export const SHA_READS = [64 * 1024, 1024 * 1024] as const

const here = dirname(fileURLToPath(import.meta.url))
const CLI = join(here, "..", "..", "src", "cli", "main.js")
const SHA_CHILD = join(here, "sha256File.js")

/** One round: the seconds of each child, from spawn to exit. */
export interface FileRound {
  readonly commp: number
  readonly sha: ReadonlyArray<number>
  readonly load: number
}

/** What the section measured. */
export interface FileBench {
  readonly bytes: number
  readonly rounds: ReadonlyArray<FileRound>
  readonly pieceCid: string
  /** `undefined` when every check passed, else what failed. */
  readonly failure: string | undefined
}

/** The figures both reports print: per-round ratios, the best of each, and the spread. */
export interface FileBenchSummary {
  /** Per round: its faster SHA-256 over its commp (seconds over seconds: the speed ratio). */
  readonly roundRatios: ReadonlyArray<number>
  /** Seconds of the fastest commp run and of the fastest SHA-256 run. */
  readonly bestCommp: number
  readonly bestSha: number
  /** Lowest, median and highest round ratio. */
  readonly low: number
  readonly median: number
  readonly high: number
}

/** Summarizes the rounds of a {@link FileBench} (at least one round). */
export const summarizeFileBench = (file: FileBench): FileBenchSummary => {
  const roundRatios = file.rounds.map((r) => Math.min(...r.sha) / r.commp)
  const sorted = [...roundRatios].sort((x, y) => x - y)
  return {
    roundRatios,
    bestCommp: Math.min(...file.rounds.map((r) => r.commp)),
    bestSha: Math.min(...file.rounds.flatMap((r) => r.sha)),
    low: sorted[0]!,
    median: sorted[Math.floor(sorted.length / 2)]!,
    high: sorted[sorted.length - 1]!
  }
}

/** Runs `node args…`; resolves to its stdout and the seconds from spawn to exit. */
const timeChild = (args: ReadonlyArray<string>): Promise<{ readonly seconds: number; readonly stdout: string }> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] })
    let stdout = ""
    child.stdout.setEncoding("utf8").on("data", (s: string) => { stdout += s })
    child.on("error", reject)
    child.on("close", (code) => {
      const seconds = (performance.now() - start) / 1000
      if (code !== 0) reject(new Error(`node ${args.join(" ")}: exit ${code}`))
      else resolve({ seconds, stdout })
    })
  })

/** Writes the bench file and returns the SHA-256 (hex) and piece CID of its bytes, computed here. */
const writeFile = async (path: string): Promise<{ readonly sha: string; readonly pieceCid: string }> => {
  const hash = createHash("sha256")
  const out = createWriteStream(path)
  for await (const chunk of prngChunks(FILE_BYTES, 1 << 20, FILE_SEED)) {
    hash.update(chunk)
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()))
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  const native = loadNative()
  const source = prngChunks(FILE_BYTES, 1 << 20, FILE_SEED)
  const result = native === undefined
    ? await Effect.runPromise(commPOfStream(source))
    : await nativeCommPOfChunks(native, source, { threads: 2 })
  return { sha: hash.digest("hex"), pieceCid: commPReport(result).pieceCid }
}

/** Reads the whole file once (into the page cache). */
const readAll = async (path: string): Promise<void> => {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) void chunk
}

/**
 * Generates the file, warms the page cache, runs `rounds` rounds, removes the file.
 */
export const runFileBench = async (rounds: number): Promise<FileBench> => {
  const dir = mkdtempSync(join(tmpdir(), "filflow-bench-file-"))
  const path = join(dir, "payload.bin")
  try {
    const want = await writeFile(path)
    await readAll(path)
    await readAll(path)
    const results: Array<FileRound> = []
    const failures: Array<string> = []
    for (let i = 0; i < rounds; i++) {
      const commp = await timeChild([CLI, "commp", path, "--json"])
      const got = (JSON.parse(commp.stdout) as { pieceCid: string }).pieceCid
      if (got !== want.pieceCid) failures.push(`round ${i + 1}: filflow commp printed ${got}, expected ${want.pieceCid}`)
      const sha: Array<number> = []
      for (const size of SHA_READS) {
        const run = await timeChild([SHA_CHILD, path, String(size)])
        if (run.stdout.trim() !== want.sha) failures.push(`round ${i + 1}: SHA-256 (${size}-byte reads) printed ${run.stdout.trim()}, expected ${want.sha}`)
        sha.push(run.seconds)
      }
      results.push({ commp: commp.seconds, sha, load: loadavg()[0]! })
    }
    return { bytes: FILE_BYTES, rounds: results, pieceCid: want.pieceCid, failure: failures.length === 0 ? undefined : failures.join("; ") }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
