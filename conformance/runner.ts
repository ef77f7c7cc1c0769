/**
 * The conformance runner: feeds every vector under a directory to an implementation and reports
 * what passed (conformance/README.md).
 *
 *     node dist/conformance/runner.js [--impl "<command>"] [--vectors DIR] [--timeout MS] [--json]
 *
 * `--impl` defaults to our adapter (`node dist/conformance/adapter.js`), `--vectors` to
 * `vectors`, `--timeout` (the longest wait for one answer) to 60 000 ms.  Exit status: 0 when no
 * vector failed, none was left unrun and at least one passed (skips are not failures); 1
 * otherwise; 2 for a command line it cannot run (unknown option, missing value, a `--vectors`
 * that is not a directory).  {@link runConformance} does the same in process with any adapter
 * function; the test suite runs every vector through our {@link handle} that way.
 *
 * @module
 */
import { type Dirent, readdirSync, readFileSync, statSync, type Stats } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Result, Schema } from "effect"
import { parseArgs } from "../src/cli/_args.js"
import { judge, requestFor } from "./compare.js"
import { type Adapter, AdapterStopped, DEFAULT_TIMEOUT_MS, spawnAdapter } from "./process.js"
import { formatReport, makeReport, type Report, resultOf, type VectorResult } from "./report.js"
import { STRICT, Vector } from "./schema.js"

export type { Adapter } from "./process.js"
export type { Report } from "./report.js"

/** A vector file as loaded: its id (path under the vectors directory, without `.json`) and the decoded vector, or why it does not decode. */
export type LoadedVector = { readonly id: string; readonly vector: Vector } | { readonly id: string; readonly invalid: string }

/** The directory holding the JSON Schema, not vectors. */
const SCHEMA_DIR = "schema"

/** A `.json` entry under the vectors directory: its `/`-separated path, and why it cannot be read as a vector file (if so). */
export interface JsonEntry {
  readonly path: string
  readonly problem?: string
}

const kindOf = (e: Dirent | Stats): string =>
  e.isDirectory() ? "a directory" : e.isFIFO() ? "a FIFO" : e.isSocket() ? "a socket" : e.isCharacterDevice() ? "a character device"
    : e.isBlockDevice() ? "a block device" : e.isSymbolicLink() ? "a symbolic link" : "not a regular file"

/**
 * Every `.json` entry under `dir`, sorted: regular files (or symbolic links to one) as they are,
 * anything else (a directory, a FIFO, a socket, a device, a dangling link, an unreadable
 * directory) with the problem, found from the entry's type alone so that nothing is opened.
 * Directories are walked unless their name ends in `.json`; symbolic links to directories are not.
 */
export const listJsonEntries = (dir: string): ReadonlyArray<JsonEntry> => {
  const out: Array<JsonEntry> = []
  const rel = (p: string) => relative(dir, p).split("\\").join("/")
  const walk = (d: string): void => {
    let entries: Array<Dirent>
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch (e) {
      out.push({ path: `${rel(d)}/`, problem: `cannot read the directory: ${e instanceof Error ? e.message : String(e)}` })
      return
    }
    for (const entry of entries) {
      const p = join(d, entry.name)
      const json = entry.name.endsWith(".json")
      if (entry.isDirectory() && !json) walk(p)
      else if (!json) continue
      else if (entry.isFile()) out.push({ path: rel(p) })
      else if (!entry.isSymbolicLink()) out.push({ path: rel(p), problem: `is ${kindOf(entry)}, not a vector file` })
      else {
        let target: Stats | undefined
        try {
          target = statSync(p)
        } catch {
          target = undefined
        }
        out.push(target === undefined ? { path: rel(p), problem: "is a dangling symbolic link" }
          : target.isFile() ? { path: rel(p) } : { path: rel(p), problem: `is a symbolic link to ${kindOf(target)}, not a vector file` })
      }
    }
  }
  walk(dir)
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Every `.json` path under `dir` (whatever its type), as sorted `/`-separated paths relative to it. */
export const listJsonFiles = (dir: string): ReadonlyArray<string> => listJsonEntries(dir).map((e) => e.path)

const decodeVector = Schema.decodeUnknownResult(Vector, STRICT)

/** Decodes one vector file's text. */
export const parseVector = (id: string, text: string): LoadedVector => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { id, invalid: `not JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  const v = decodeVector(json)
  return Result.isSuccess(v) ? { id, vector: v.success } : { id, invalid: `does not match filflow-vector/1: ${String(v.failure)}` }
}

/**
 * Every vector under `dir` (the `schema/` folder excepted), decoded with the schema.
 *
 * @category conformance
 * @since 0.1.0
 */
export const loadVectors = (dir: string): ReadonlyArray<LoadedVector> =>
  listJsonEntries(dir).filter((e) => !e.path.startsWith(`${SCHEMA_DIR}/`)).map((e): LoadedVector => {
    const id = e.path.replace(/\.json$/, "")
    if (e.problem !== undefined) return { id, invalid: `${e.path} ${e.problem}` }
    let text: string
    try {
      text = readFileSync(join(dir, e.path), "utf8")
    } catch (err) {
      return { id, invalid: `cannot be read: ${err instanceof Error ? err.message : String(err)}` }
    }
    return parseVector(id, text)
  })

/** The result of a vector file that does not decode: it fails without being sent. */
const undecodable = (v: { readonly id: string; readonly invalid: string }): VectorResult =>
  resultOf(v.id, undefined, { status: "fail", reason: `vector ${v.invalid}` })

/**
 * Runs vectors through an adapter, one at a time, and reports.  A vector that does not decode
 * fails without being sent.  An adapter that throws {@link AdapterStopped} (it was killed after a
 * timeout, or it ended) stops the run: the vector it was given fails if it was sent and is not run
 * otherwise, every later vector is not run, and the report says why.
 *
 * @example
 * (await runConformance(loadVectors("vectors"), handle, "ours")).total.failed // => 0
 * @category conformance
 * @since 0.1.0
 */
export const runConformance = async (vectors: ReadonlyArray<LoadedVector>, adapter: Adapter, impl = "in-process adapter"): Promise<Report> => {
  const results: Array<VectorResult> = []
  for (const [i, lv] of vectors.entries()) {
    if ("invalid" in lv) {
      results.push(undecodable(lv))
      continue
    }
    let verdict
    try {
      verdict = judge(lv.vector, await adapter(requestFor(lv.id, lv.vector)))
    } catch (e) {
      if (e instanceof AdapterStopped) {
        if (e.sent) results.push(resultOf(lv.id, lv.vector, { status: "fail", reason: e.reason }))
        const rest = vectors.slice(e.sent ? i + 1 : i)
        // A vector file that does not decode fails whether or not there is an adapter to send it to.
        for (const v of rest) if ("invalid" in v) results.push(undecodable(v))
        const notRun = rest.flatMap((v) => ("invalid" in v ? [] : [v.id]))
        return makeReport(impl, results, { stopped: { reason: e.reason, notRun } })
      }
      verdict = { status: "fail" as const, reason: `adapter threw: ${e instanceof Error ? e.message : String(e)}` }
    }
    results.push(resultOf(lv.id, lv.vector, verdict))
  }
  return makeReport(impl, results)
}

/** Whether a report is a success: nothing failed, every vector was run, and something passed. */
export const succeeded = (r: Report): boolean => r.total.failed === 0 && r.total.passed > 0 && r.stopped === undefined

/** The default adapter command: ours, next to this file once compiled. */
export const defaultImpl = (): string => `node ${JSON.stringify(fileURLToPath(new URL("./adapter.js", import.meta.url)))}`

/** The runner's usage line. */
export const USAGE = 'usage: node dist/conformance/runner.js [--impl "<command>"] [--vectors DIR] [--timeout MS] [--json]'

const RUNNER_ARGS = { options: { impl: "value", vectors: "value", timeout: "value", json: "flag" }, positionals: { min: 0, max: 0, name: "" } } as const

/** The longest timeout `setTimeout` keeps (2³¹ − 1 ms, about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** The runner's settings, from its command line. */
export interface RunnerArgs {
  readonly impl: string
  readonly vectors: string
  readonly timeoutMs: number
  readonly json: boolean
}

/**
 * Parses the runner's command line (the commands' parser, src/cli/_args.ts: `--impl CMD` and
 * `--impl=CMD` are the same) and checks the values: a non-empty command, a whole positive
 * timeout, a `--vectors` that is a directory.  A message means a usage error (exit 2).
 *
 * @example
 * parseRunnerArgs(["--impl=./a", "--timeout", "500"]) // => Success({ impl: "./a", vectors: "vectors", timeoutMs: 500, json: false })
 * parseRunnerArgs(["--impl"])                          // => Failure("--impl needs a value")
 * @category conformance
 * @since 0.1.0
 */
export const parseRunnerArgs = (args: ReadonlyArray<string>): Result.Result<RunnerArgs | "help", string> => {
  const parsed = parseArgs(RUNNER_ARGS, args)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure.message)
  if (parsed.success === "help") return Result.succeed("help")
  const { impl, vectors = "vectors", timeout, json } = parsed.success.options
  if (impl !== undefined && impl.trim() === "") return Result.fail("--impl needs a command")
  let timeoutMs = DEFAULT_TIMEOUT_MS
  if (timeout !== undefined) {
    if (!/^[0-9]+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > MAX_TIMEOUT_MS) {
      return Result.fail(`--timeout takes a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${timeout}"`)
    }
    timeoutMs = Number(timeout)
  }
  let isDirectory: boolean
  try {
    isDirectory = statSync(vectors).isDirectory()
  } catch (e) {
    return Result.fail(`--vectors ${vectors}: ${e instanceof Error && "code" in e && e.code === "ENOENT" ? "no such directory" : e instanceof Error ? e.message : String(e)}`)
  }
  if (!isDirectory) return Result.fail(`--vectors ${vectors}: not a directory`)
  return Result.succeed({ impl: impl ?? defaultImpl(), vectors, timeoutMs, json })
}

/** Where the runner prints. */
export interface RunnerIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

const processIo: RunnerIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }

/**
 * The command line: parses the arguments, runs, prints, and returns the exit status (0 success,
 * 1 a vector failed or was not run or nothing passed, 2 a usage error).
 *
 * @category conformance
 * @since 0.1.0
 */
export const main = async (args: ReadonlyArray<string>, io: RunnerIo = processIo): Promise<number> => {
  const parsed = parseRunnerArgs(args)
  if (Result.isFailure(parsed)) {
    io.stderr(`runner: ${parsed.failure}\n${USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${USAGE}\n`)
    return 0
  }
  const { impl, vectors: dir, timeoutMs, json } = parsed.success
  const vectors = loadVectors(dir)
  const spawned = spawnAdapter(impl, { timeoutMs })
  const ran = await runConformance(vectors, spawned.adapter, `${impl} on ${dir}/ (${vectors.length} vectors)`)
  await spawned.close()
  const report: Report = { ...ran, notes: [...ran.notes, ...spawned.notes()] }
  io.stdout((json ? JSON.stringify(report, null, 2) : formatReport(report)) + "\n")
  return succeeded(report) ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
