/**
 * The conformance runner: feeds every vector under a directory to an implementation and reports
 * what passed (conformance/README.md).
 *
 *     node dist/conformance/runner.js [--impl "<command>"] [--vectors DIR] [--json]
 *
 * `--impl` defaults to our adapter (`node dist/conformance/adapter.js`), `--vectors` to
 * `vectors`.  The exit status is 0 only when no vector failed (skips are not failures) and at
 * least one passed.  {@link runConformance} does the same in process with any adapter function;
 * the test suite runs every vector through our {@link handle} that way.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Result, Schema } from "effect"
import { judge, requestFor } from "./compare.js"
import { type Adapter, spawnAdapter } from "./process.js"
import { formatReport, makeReport, type Report, resultOf, type VectorResult } from "./report.js"
import { STRICT, Vector } from "./schema.js"

export type { Adapter } from "./process.js"
export type { Report } from "./report.js"

/** A vector file as loaded: its id (path under the vectors directory, without `.json`) and the decoded vector, or why it does not decode. */
export type LoadedVector = { readonly id: string; readonly vector: Vector } | { readonly id: string; readonly invalid: string }

/** The directory holding the JSON Schema, not vectors. */
const SCHEMA_DIR = "schema"

/** Every `.json` file under `dir`, as sorted `/`-separated paths relative to it. */
export const listJsonFiles = (dir: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (entry.name.endsWith(".json")) out.push(relative(dir, p).split("\\").join("/"))
    }
  }
  walk(dir)
  return out.sort()
}

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
  listJsonFiles(dir).filter((p) => !p.startsWith(`${SCHEMA_DIR}/`)).map((p) => parseVector(p.replace(/\.json$/, ""), readFileSync(join(dir, p), "utf8")))

/**
 * Runs vectors through an adapter, one at a time, and reports.  A vector that does not decode
 * fails without being sent.
 *
 * @example
 * (await runConformance(loadVectors("vectors"), handle, "ours")).total.failed // => 0
 * @category conformance
 * @since 0.1.0
 */
export const runConformance = async (vectors: ReadonlyArray<LoadedVector>, adapter: Adapter, impl = "in-process adapter"): Promise<Report> => {
  const results: Array<VectorResult> = []
  for (const lv of vectors) {
    if ("invalid" in lv) {
      results.push(resultOf(lv.id, undefined, { status: "fail", reason: `vector ${lv.invalid}` }))
      continue
    }
    let verdict
    try {
      verdict = judge(lv.vector, await adapter(requestFor(lv.id, lv.vector)))
    } catch (e) {
      verdict = { status: "fail" as const, reason: `adapter threw: ${e instanceof Error ? e.message : String(e)}` }
    }
    results.push(resultOf(lv.id, lv.vector, verdict))
  }
  return makeReport(impl, results)
}

/** Whether a report is a success: nothing failed and something passed. */
export const succeeded = (r: Report): boolean => r.total.failed === 0 && r.total.passed > 0

/** The default adapter command: ours, next to this file once compiled. */
export const defaultImpl = (): string => `node ${JSON.stringify(fileURLToPath(new URL("./adapter.js", import.meta.url)))}`

const argValue = (args: ReadonlyArray<string>, name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/**
 * The command line: parses the arguments, runs, prints, and returns the exit status.
 *
 * @category conformance
 * @since 0.1.0
 */
export const main = async (args: ReadonlyArray<string>): Promise<number> => {
  if (args.includes("--help")) {
    process.stdout.write('usage: node dist/conformance/runner.js [--impl "<command>"] [--vectors DIR] [--json]\n')
    return 0
  }
  const impl = argValue(args, "--impl") ?? defaultImpl()
  const dir = argValue(args, "--vectors") ?? "vectors"
  const vectors = loadVectors(dir)
  const spawned = spawnAdapter(impl)
  const report = await runConformance(vectors, spawned.adapter, `${impl} on ${dir}/ (${vectors.length} vectors)`)
  await spawned.close()
  process.stdout.write((args.includes("--json") ? JSON.stringify(report, null, 2) : formatReport(report)) + "\n")
  return succeeded(report) ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
