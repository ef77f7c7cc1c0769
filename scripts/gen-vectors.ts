/**
 * The vector generator: runs every case of scripts/vectors/ through our implementation (and the
 * model beside it), checks every known answer against our encoders, and writes
 * `vectors/<module>/<action>/<case>.json` plus the JSON Schema `vectors/schema/filflow-vector-1.json`.
 * Deterministic: fixed keys, epochs and balances, no clock, no randomness; the same code always
 * writes the same bytes, which the test suite checks against the committed files.
 *
 *     npm run build && npm run vectors            # writes ./vectors
 *     node dist/scripts/gen-vectors.js --out DIR  # writes elsewhere
 *
 * JSON files under the output directory that the generator did not write are deleted.
 *
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { Result, Schema } from "effect"
import { encode } from "../conformance/adapter.js"
import { listJsonFiles } from "../conformance/runner.js"
import { STRICT, Vector, VECTOR_SCHEMA_ID, vectorJsonSchema } from "../conformance/schema.js"
import { buildVector } from "./vectors/build.js"
import { lifecycleCases } from "./vectors/cases-lifecycle.js"
import { updateChannelStateCases } from "./vectors/cases-update.js"
import { knownAnswers } from "./vectors/known-answers.js"
import { callFunction } from "../conformance/proofs.js"
import { firstDifference } from "../conformance/compare.js"
import { packingCases } from "./vectors/packing.js"
import { type FunctionCase, proofCases } from "./vectors/proofs.js"
import { buildMarketVector } from "./vectors/market-build.js"
import { marketCases } from "./vectors/market-cases.js"
import { marketKnownAnswers } from "./vectors/market-known-answers.js"
import { partiesCases } from "./vectors/parties.js"
import { sdrCases } from "./vectors/sdr.js"
import { postCases } from "./vectors/post.js"
import { sealProofCases } from "./vectors/sealProof.js"

/** One generated file: its path under `vectors/` and its exact content. */
export interface VectorFile {
  readonly path: string
  readonly content: string
}

/** The path of the generated JSON Schema under `vectors/`. */
export const SCHEMA_PATH = "schema/filflow-vector-1.json"

const json = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"
const decodeVector = Schema.decodeUnknownResult(Vector, STRICT)

/**
 * The function vector of a case: runs the call through our implementation (conformance/proofs.ts),
 * checks that it succeeds or fails as the case says, and that the output has the case's known
 * answers; throws otherwise.
 *
 * @category vectors
 * @since 0.1.0
 */
export const buildFunctionVector = (c: FunctionCase): Record<string, unknown> => {
  const out = callFunction(c.call)
  const head = { schema: VECTOR_SCHEMA_ID, kind: "function", description: c.description, ...(c.source === undefined ? {} : { source: c.source }), function: c.call.function, input: c.call.input }
  if (c.expect !== "ok") {
    if (Result.isSuccess(out)) throw new Error(`${c.path}: expected error ${c.expect.error}, got ${JSON.stringify(out.success)}`)
    if (out.failure.tag !== c.expect.error) throw new Error(`${c.path}: expected error ${c.expect.error}, got ${out.failure.tag}: ${out.failure.message}`)
    if (c.known !== undefined) throw new Error(`${c.path}: a known answer on a failing case`)
    return { ...head, error: out.failure }
  }
  if (Result.isFailure(out)) throw new Error(`${c.path}: expected success, got ${out.failure.tag}: ${out.failure.message}`)
  for (const [k, v] of Object.entries(c.known ?? {})) {
    const d = firstDifference(v, (out.success as Record<string, unknown>)[k], `$.output.${k}`)
    if (d !== undefined) throw new Error(`${c.path}: our implementation disagrees with the known answer (${c.source}): ${d}`)
  }
  return { ...head, output: out.success }
}

/**
 * Every vector file, in a fixed order; throws if a case misbehaves, a known answer is not
 * reproduced, a vector does not decode with the schema, or two cases share a path.
 *
 * @example
 * generateVectors().find((f) => f.path === "paych/settle/valid_by_payer.json") !== undefined // => true
 * @category vectors
 * @since 0.1.0
 */
export const generateVectors = (): ReadonlyArray<VectorFile> => {
  const files: Array<VectorFile> = []
  for (const c of [...lifecycleCases, ...updateChannelStateCases]) {
    files.push({ path: `paych/${c.action}/${c.name}.json`, content: json(buildVector(c)) })
  }
  for (const c of marketCases) files.push({ path: `market/${c.method}/${c.name}.json`, content: json(buildMarketVector(c)) })
  for (const k of [...knownAnswers, ...marketKnownAnswers]) {
    const out = encode(k.encoding)
    if (Result.isFailure(out)) throw new Error(`${k.path}: our encoder fails: ${out.failure}`)
    if (JSON.stringify(out.success) !== JSON.stringify(k.expected)) {
      throw new Error(`${k.path}: our encoder gives ${JSON.stringify(out.success)}, the source says ${JSON.stringify(k.expected)}`)
    }
    files.push({ path: k.path, content: json({ schema: VECTOR_SCHEMA_ID, description: k.description, source: k.source, encoding: k.encoding, expected: k.expected }) })
  }
  for (const c of [...proofCases, ...sdrCases, ...sealProofCases, ...postCases, ...packingCases, ...partiesCases]) files.push({ path: `${c.path}.json`, content: json(buildFunctionVector(c)) })
  const seen = new Set<string>()
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two vectors at ${f.path}`)
    seen.add(f.path)
    const decoded = decodeVector(JSON.parse(f.content))
    if (Result.isFailure(decoded)) throw new Error(`${f.path} does not match the schema: ${String(decoded.failure)}`)
  }
  files.push({ path: SCHEMA_PATH, content: json(vectorJsonSchema()) })
  return files
}

/**
 * Writes the vectors under `dir` and deletes JSON files there that were not generated.
 *
 * @category vectors
 * @since 0.1.0
 */
export const writeVectors = (dir: string): { readonly written: number; readonly deleted: ReadonlyArray<string> } => {
  const files = generateVectors()
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true })
    writeFileSync(join(dir, f.path), f.content)
  }
  const keep = new Set(files.map((f) => f.path))
  const deleted = listJsonFiles(dir).filter((p) => !keep.has(p))
  for (const p of deleted) rmSync(join(dir, p))
  return { written: files.length, deleted }
}

const main = (): void => {
  const i = process.argv.indexOf("--out")
  const dir = i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : "vectors"
  const { written, deleted } = writeVectors(dir)
  process.stdout.write(`wrote ${written} files under ${dir}/${deleted.length > 0 ? `; deleted ${deleted.join(", ")}` : ""}\n`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main()
