/**
 * The whole-seal rows of `npm run bench`: one seal per child process, so that each row's peak
 * memory (the child's maximum resident set) is its own.
 *
 *     node dist/scripts/bench/sealWhole.js 2KiB|8MiB|512MiB      # one row, JSON on the last line
 *     node dist/scripts/bench/sealWhole.js                        # every row, a table
 *
 * - The sector: deterministic xorshift bytes with each node's top two bits cleared (every node a
 *   field element, as Fr32-padded data is), sealed as StackedDrg…V1_1 by prover t01000, sector 1,
 *   ticket 0x01…; the seal is `seal()` of src/proofs/sdr/seal.ts — parent cache, labels, tree_c,
 *   encoding, tree_r_last, CommD, CommR, exactly what `filflow seal` runs (without file I/O).
 * - Engine: the 2 KiB row runs with `FILFLOW_NO_NATIVE=1` (TypeScript alone), the others on the
 *   default engine (native where the binding loads).
 * - Figures: wall time of `seal()` and of each stage (from its progress callback), and the child's
 *   peak resident memory (`process.resourceUsage().maxRSS`), which includes Node itself.
 *
 * Targets (issue "Sealing for real"): 2 KiB in TypeScript alone < 5 s; 512 MiB on this 2-core
 * machine < 10 minutes within 4 GiB.
 *
 * @module
 */
import { spawn } from "node:child_process"
import { loadavg } from "node:os"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Result from "effect/Result"
import { defaultEngine } from "../../src/proofs/sdr/engine.js"
import { type SectorSizeName, sealProofFor } from "../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../src/proofs/sdr/replicaId.js"
import { seal, type SealStage } from "../../src/proofs/sdr/seal.js"
import { prngBytes } from "./prng.js"

/** The rows: sector size and whether the TypeScript engine is forced. */
export const SEAL_ROWS: ReadonlyArray<{ readonly size: SectorSizeName; readonly tsOnly: boolean }> = [
  { size: "2KiB", tsOnly: true },
  { size: "8MiB", tsOnly: false },
  { size: "512MiB", tsOnly: false }
]

/** Targets: seconds for the 2 KiB TypeScript seal and the 512 MiB seal, peak bytes of the latter. */
export const SEAL_TARGETS = { ts2KiBSeconds: 5, seal512MiBSeconds: 600, seal512MiBBytes: 4 * 2 ** 30 } as const

/** What one child reports. */
export interface SealRow {
  readonly size: SectorSizeName
  readonly engine: string
  readonly seconds: number
  readonly stages: Readonly<Partial<Record<SealStage, number>>>
  readonly maxRssBytes: number
  readonly commR: string
  readonly load: number
}

/** Runs one seal in this process and returns its row. */
export const sealRow = (size: SectorSizeName): SealRow => {
  const proof = sealProofFor(size, "V1_1_0")
  const unsealed = prngBytes(proof.sectorSize, 9)
  for (let i = 31; i < unsealed.length; i += 32) unsealed[i]! &= 0x3f
  const engine = defaultEngine()
  const stages: Partial<Record<SealStage, number>> = {}
  const start = performance.now()
  // a stage's time runs from the end of the one before (its first progress call may come late)
  let lastEnd = start
  const r = seal({
    proof, proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32).fill(1), unsealed, engine,
    onProgress: (stage, done, total) => {
      if (done !== total || stages[stage] !== undefined) return
      const now = performance.now()
      stages[stage] = (now - lastEnd) / 1000
      lastEnd = now
    }
  })
  const seconds = (performance.now() - start) / 1000
  if (Result.isFailure(r)) throw new Error(`seal ${size}: ${r.failure._tag}`)
  return {
    size, engine: engine.name, seconds, stages, maxRssBytes: process.resourceUsage().maxRSS * 1024,
    commR: Buffer.from(r.success.commR).toString("hex"), load: loadavg()[0]!
  }
}

/** Runs one row in a child process (its own memory). */
export const sealRowInChild = (size: SectorSizeName, tsOnly: boolean): Promise<SealRow> =>
  new Promise((resolve, reject) => {
    const env = { ...process.env }
    if (tsOnly) env["FILFLOW_NO_NATIVE"] = "1"
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), size], { stdio: ["ignore", "pipe", "inherit"], env })
    let out = ""
    child.stdout.setEncoding("utf8").on("data", (s: string) => { out += s })
    child.on("error", reject)
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`seal ${size}: child exited with ${code}`))
      else resolve(JSON.parse(out.trim().split("\n").pop()!) as SealRow)
    })
  })

const GiB = 2 ** 30

/** The table of the rows, each judged against its target where it has one, and the counts. */
export const formatSealRows = (rows: ReadonlyArray<SealRow>): { lines: ReadonlyArray<string>; passes: number; misses: number } => {
  let passes = 0
  let misses = 0
  const judge = (text: string, ok: boolean): string => {
    if (ok) passes++
    else misses++
    return `${text}: ${ok ? "pass" : "MISS"}`
  }
  const lines = ["whole seal (one child process per row; peak RSS includes Node)",
    "size    engine  seconds   peak RSS   target                           stages (s)"]
  for (const r of rows) {
    let target = ""
    if (r.size === "2KiB" && r.engine === "ts") target = judge(`< ${SEAL_TARGETS.ts2KiBSeconds} s in TS alone`, r.seconds < SEAL_TARGETS.ts2KiBSeconds)
    else if (r.size === "512MiB") {
      target = judge("< 600 s and < 4 GiB", r.seconds < SEAL_TARGETS.seal512MiBSeconds && r.maxRssBytes < SEAL_TARGETS.seal512MiBBytes)
    }
    const stages = Object.entries(r.stages).map(([s, t]) => `${s} ${t.toFixed(1)}`).join(", ")
    lines.push(
      `${r.size.padEnd(7)} ${r.engine.padEnd(7)} ${r.seconds.toFixed(2).padStart(7)}   ${(r.maxRssBytes / GiB).toFixed(2).padStart(5)} GiB  ` +
      `${target.padEnd(32)} ${stages}  (load ${r.load.toFixed(1)})`
    )
  }
  return { lines, passes, misses }
}

/** Every row, each in its own child, in order. */
export const sealBench = async (rows = SEAL_ROWS): Promise<{ lines: ReadonlyArray<string>; passes: number; misses: number }> => {
  const out: Array<SealRow> = []
  for (const row of rows) out.push(await sealRowInChild(row.size, row.tsOnly))
  return formatSealRows(out)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const size = process.argv[2] as SectorSizeName | undefined
  if (size !== undefined) {
    console.log(JSON.stringify(sealRow(size)))
  } else {
    for (const line of (await sealBench()).lines) console.log(line)
  }
}
