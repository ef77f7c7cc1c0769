/**
 * The explorer against TLC, per configuration: part of `npm run bench`, or alone
 *
 *     node dist/scripts/bench/explorer.js [--reference] [CONFIG …]
 *
 * For every `spec/tla/MC*.cfg` with a recorded `.expected.json` (or the named ones), builds the
 * TypeScript model of the configuration's module with the configuration's constants, explores it
 * with `explore`, checks that distinct states, states generated and depth equal TLC's, and
 * prints the explorer's seconds (wall clock, best of up to 5 runs; CPU seconds of the best run
 * beside it, since the machine is shared) and distinct states per second beside TLC's recorded
 * seconds and distinct states per second, with the ratio and pass or miss against the target of
 * {@link TARGET}× TLC.  `--reference` also times `exploreByKey`, the plain Map-of-objects
 * explorer, for comparison.  Exit code 1 when any count differs from TLC's.
 *
 * TLC's recorded time is whole seconds of one `-workers 1` run, JVM start included, so on the Tiny
 * configurations the ratio says little.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { Result } from "effect"
import { exploreByKey } from "../../src/model/_exploreReference.js"
import { constantsFromConfig as paymentChannelConstants } from "../../src/model/_PaymentChannelConstants.js"
import { constantsFromConfig as sectorPackingConstants } from "../../src/model/_SectorPackingConstants.js"
import { constantsFromConfig as storageMarketConstants } from "../../src/model/_StorageMarketConstants.js"
import { parseTlcConfig, type TlcConfig, tlaDefinitions } from "../../src/model/_tlcConfig.js"
import { explore } from "../../src/model/explore.js"
import type { ExplorationResult, Specification } from "../../src/model/interface.js"
import { specification as paymentChannel } from "../../src/model/PaymentChannel.js"
import { type Invariant, specification as sectorPacking } from "../../src/model/SectorPackingInvariants.js"
import { withOverrides } from "../../src/model/SectorPackingMutants.js"
import { specification as storageMarket } from "../../src/model/StorageMarket.js"
import { packageRoot } from "../../src/proofs/native/index.js"

/** The target: the explorer's distinct states per second over TLC's. */
export const TARGET = 10

type AnySpec = Specification<unknown, unknown>
const erase = <S, A>(spec: Specification<S, A>): AnySpec => spec as unknown as AnySpec

/**
 * The TypeScript model of each TLA+ module as a configuration describes it, one line per module:
 * its constants, its substituted definitions (SectorPacking's `Op <- Mutant`; PaymentChannel's
 * and StorageMarket's mutant is the constant `Mutant`) and the invariants and properties it checks, as the tests
 * build them.
 */
const MODELS: Readonly<Record<string, (cfg: TlcConfig) => AnySpec>> = {
  PaymentChannel: (cfg) => erase(paymentChannel(Result.getOrThrow(paymentChannelConstants(cfg)), [...cfg.invariants, ...cfg.properties])),
  SectorPacking: (cfg) => erase(sectorPacking(Result.getOrThrow(sectorPackingConstants(cfg)), Result.getOrThrow(withOverrides(cfg.overrides)),
    cfg.invariants as ReadonlyArray<Invariant>)),
  StorageMarket: (cfg) => erase(storageMarket(Result.getOrThrow(storageMarketConstants(cfg)), [...cfg.invariants, ...cfg.properties]))
}

/** What TLC recorded beside a configuration (the fields this bench reads). */
interface Expected {
  readonly distinctStates: number
  readonly statesGenerated: number
  readonly depth: number
  readonly command: string
  readonly result: string
  readonly tlcRuntimeSeconds: number
}

/** The module a configuration checks: the `MC….tla` of TLC's recorded command, without `MC`. */
const moduleOf = (config: string, expected: Expected): string => {
  const tla = expected.command.split(/\s+/).find((t) => t.endsWith(".tla")) ?? `${config.split("_")[0]}.tla`
  return tla.replace(/\.tla$/, "").replace(/^MC/, "")
}

interface Timing { readonly result: ExplorationResult<unknown, unknown>; readonly wall: number; readonly cpu: number }

/** Best wall-clock time of up to 5 runs (fewer when one run is long), with that run's CPU time. */
const time = (run: () => ExplorationResult<unknown, unknown>): Timing => {
  let best: Timing | undefined
  for (let rep = 0; rep < 5; rep++) {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const result = run()
    const wall = (performance.now() - t0) / 1000
    const cpuUsed = process.cpuUsage(cpu0)
    if (best === undefined || wall < best.wall) best = { result, wall, cpu: (cpuUsed.user + cpuUsed.system) / 1e6 }
    if (best.wall * (rep + 2) > 20) break
  }
  return best!
}

const fmt = (x: number, digits = 0): string => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
const pad = (s: string, n: number): string => (s.length >= n ? s : " ".repeat(n - s.length) + s)

/**
 * Runs the explorer bench; `say` prints a line.  Returns the exit code: 1 when a count differs
 * from TLC's, else 0.
 */
export const explorerBench = (say: (line?: string) => void, args: ReadonlyArray<string> = []): number => {
  const reference = args.includes("--reference")
  const only = args.filter((a) => !a.startsWith("--"))
  const root = packageRoot()
  if (root === undefined) throw new Error("explorer bench: the filflow package root (spec/tla) is not above this script")
  const dir = join(root, "spec", "tla")
  const configs = readdirSync(dir)
    .filter((f) => /^MC.*\.cfg$/.test(f) && readdirSync(dir).includes(f.replace(/\.cfg$/, ".expected.json")))
    .map((f) => f.replace(/\.cfg$/, ""))
    .filter((c) => only.length === 0 || only.includes(c))
    .sort()
  say(`Explorer vs TLC: ${configs.length} configurations of spec/tla with TLC's recorded counts; target ≥ ${TARGET}× TLC's distinct states/s`)
  say(`  explorer: wall-clock seconds, best of up to 5 runs (CPU seconds of that run in brackets); TLC: recorded \`-workers 1\` seconds`)
  say(`  ratio: distinct/s over TLC's on wall-clock time (on CPU time in brackets: what a quiet machine would show)`)
  const header = ["configuration", "distinct", "generated", "depth", "counts", "explorer s", "distinct/s", "TLC s", "TLC distinct/s", "ratio", "target"]
  const widths = [28, 9, 10, 5, 8, 16, 11, 6, 14, 16, 6]
  const row = (cells: ReadonlyArray<string>) => say(`  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : pad(c, widths[i]!))).join("  ")}`)
  row(header)
  let failed = false
  let passes = 0
  let misses = 0
  const referenceRows: Array<string> = []
  for (const config of configs) {
    const expected = JSON.parse(readFileSync(join(dir, `${config}.expected.json`), "utf8")) as Expected
    const module = moduleOf(config, expected)
    const build = MODELS[module]
    if (build === undefined) {
      say(`  ${config}: no TypeScript model for module ${module} (add one line to MODELS in scripts/bench/explorer.ts); not run`)
      misses++
      continue
    }
    if (!expected.result.startsWith("Model checking completed. No error")) {
      say(`  ${config}: TLC recorded an error (${expected.result}); only error-free runs are timed`)
      continue
    }
    // constants bound with `<-` to a literal of the MC module (a .cfg cannot write negative numbers)
    const definitions = tlaDefinitions(readFileSync(join(dir, `MC${module}.tla`), "utf8"))
    const cfg = Result.getOrThrow(parseTlcConfig(readFileSync(join(dir, `${config}.cfg`), "utf8"), definitions))
    const spec = build(cfg)
    const t = time(() => explore(spec))
    const r = t.result
    const same = r.violation === undefined && r.distinctStates === expected.distinctStates &&
      r.statesGenerated === expected.statesGenerated && r.depth === expected.depth
    if (!same) failed = true
    const rate = r.distinctStates / t.wall
    const tlcRate = expected.distinctStates / expected.tlcRuntimeSeconds
    const ratio = rate / tlcRate
    const pass = same && ratio >= TARGET
    if (pass) passes++
    else misses++
    row([config, fmt(r.distinctStates), fmt(r.statesGenerated), String(r.depth), same ? "= TLC" : "DIFFER",
      `${fmt(t.wall, 2)} (${fmt(t.cpu, 2)})`, fmt(rate), fmt(expected.tlcRuntimeSeconds), fmt(tlcRate), `${fmt(ratio, 1)}× (${fmt(ratio * t.wall / t.cpu, 1)}×)`, pass ? "pass" : "miss"])
    if (!same) {
      console.error(`FAILURE: ${config}: explorer found ${r.distinctStates} distinct / ${r.statesGenerated} generated / depth ${r.depth}` +
        `${r.violation === undefined ? "" : ` and a violation of ${r.violation.name}`}; TLC recorded ${expected.distinctStates} / ${expected.statesGenerated} / ${expected.depth}`)
    }
    if (reference) {
      const old = time(() => exploreByKey(spec))
      referenceRows.push(`  ${config.padEnd(28)}  exploreByKey ${fmt(old.wall, 2)} s (${fmt(old.cpu, 2)} CPU) vs explore ${fmt(t.wall, 2)} s (${fmt(t.cpu, 2)} CPU): ${fmt(old.wall / t.wall, 2)}× faster`)
    }
  }
  if (referenceRows.length > 0) {
    say("  the reference explorer (Map of state objects under string keys) on the same runs:")
    for (const l of referenceRows) say(l)
  }
  say(`  explorer targets: ${passes} pass, ${misses} miss; load average ${loadavg().map((x) => fmt(x, 2)).join(" ")}`)
  return failed ? 1 : 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = explorerBench((line = "") => console.log(line), process.argv.slice(2))
}
