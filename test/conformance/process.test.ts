/**
 * The runner and our adapter as programs, over stdin/stdout: compiled fresh from the sources
 * (into node_modules/.cache, so module resolution finds the dependencies), run on a subset of the
 * vectors, and run against adapters that are wrong, crash or hang — which must be reported as
 * failing with a non-zero exit status.
 */
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spawnAdapter } from "../../conformance/process.js"
import { loadVectors, runConformance, succeeded } from "../../conformance/runner.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))
const BUILD = join(ROOT, "node_modules", ".cache", `filflow-conformance-test-${process.pid}`)
const SUBSET = [
  "paych/settle/valid_by_payer", "paych/settle/invalid_already_settling", "paych/update_channel_state/valid_first_voucher_secp256k1",
  "paych/update_channel_state/invalid_unsigned", "paych/constructor/valid_secp256k1_payer_bls_payee", "paych/collect/valid_by_payee_at_settling_at",
  "address/encoding/id_1024", "paych/encoding/sign_voucher_zondax_secp256k1"
]
let work = ""
let subsetDir = ""

/** A JSON-lines adapter written in plain JavaScript, answering each request with `answer(request)`. */
const scriptAdapter = (name: string, answer: string): string => {
  const file = join(work, `${name}.mjs`)
  writeFileSync(file, `import { createInterface } from "node:readline"
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line)
  process.stdout.write(JSON.stringify((${answer})(request)) + "\\n")
}
`)
  return `node ${JSON.stringify(file)}`
}

const runner = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [join(BUILD, "conformance", "runner.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(() => {
  // tsc's own exit status is ignored: other work in progress may have type errors elsewhere; the
  // files this test needs must have been emitted.
  spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", BUILD], { cwd: ROOT, encoding: "utf8" })
  for (const f of ["conformance/runner.js", "conformance/adapter.js"]) if (!existsSync(join(BUILD, f))) throw new Error(`the build did not emit ${f}`)
  work = mkdtempSync(join(tmpdir(), "filflow-conformance-"))
  subsetDir = join(work, "vectors")
  for (const id of SUBSET) {
    mkdirSync(join(subsetDir, id, ".."), { recursive: true })
    cpSync(join(ROOT, "vectors", `${id}.json`), join(subsetDir, `${id}.json`))
  }
})

afterAll(() => {
  rmSync(BUILD, { recursive: true, force: true })
  if (work !== "") rmSync(work, { recursive: true, force: true })
})

describe("node dist/conformance/runner.js", () => {
  it("with our adapter (the default --impl): every vector of the subset passes, exit status 0", () => {
    const r = runner("--vectors", subsetDir)
    expect(r.stdout).toContain(`total: ${SUBSET.length} passed, 0 failed, 0 skipped`)
    expect(r.stdout).toContain("paych/settle")
    expect(r.status).toBe(0)
  })

  it("--json prints the report as JSON", () => {
    const r = runner("--vectors", subsetDir, "--json")
    const report = JSON.parse(r.stdout) as { total: { passed: number; failed: number } }
    expect(report.total).toEqual({ passed: SUBSET.length, failed: 0, skipped: 0 })
    expect(r.status).toBe(0)
  })

  it("an adapter that always answers exit code 0 fails, exit status 1", () => {
    const impl = scriptAdapter("yes", `(q) => (q.encoding ? { id: q.id, output: {} } : { id: q.id, post: q.pre, receipt: { exitCode: 0, return: "" } })`)
    const r = runner("--impl", impl, "--vectors", subsetDir)
    expect(r.stdout).toContain("paych/settle/invalid_already_settling: exit code: expected 20 (NotSettling), got 0")
    expect(r.stdout).toMatch(/total: 0 passed, 8 failed, 0 skipped/)
    expect(r.status).toBe(1)
  })

  it("an adapter that answers for another id, or not in the protocol, fails", () => {
    const impl = scriptAdapter("liar", `(q) => (q.encoding ? { id: "other", output: {} } : { id: q.id, receipt: { exitCode: "0" } })`)
    const r = runner("--impl", impl, "--vectors", subsetDir)
    expect(r.stdout).toContain(`the answer is for "other"`)
    expect(r.stdout).toContain("the answer does not match the protocol")
    expect(r.status).toBe(1)
  })

  it("an adapter that exits at once fails every vector, exit status 1", () => {
    const r = runner("--impl", `node -e "process.exit(3)"`, "--vectors", subsetDir)
    expect(r.stdout).toContain(`total: 0 passed, ${SUBSET.length} failed, 0 skipped`)
    expect(r.stdout).toMatch(/adapter (exited without answering|is not running)/)
    expect(r.status).toBe(1)
  })

  it("an adapter that skips everything passes nothing, exit status 1", () => {
    const r = runner("--impl", scriptAdapter("skip", `(q) => ({ id: q.id, skip: "not implemented" })`), "--vectors", subsetDir)
    expect(r.stdout).toContain(`total: 0 passed, 0 failed, ${SUBSET.length} skipped`)
    expect(r.status).toBe(1)
  })
})

describe("spawnAdapter, from the test process", () => {
  it("drives the compiled adapter over its pipes", async () => {
    const { adapter, close } = spawnAdapter(`node ${JSON.stringify(join(BUILD, "conformance", "adapter.js"))}`)
    const report = await runConformance(loadVectors(subsetDir), adapter)
    await close()
    expect(report.total).toEqual({ passed: SUBSET.length, failed: 0, skipped: 0 })
    expect(succeeded(report)).toBe(true)
  })

  it("gives up on an adapter that does not answer in time", async () => {
    const { adapter, close } = spawnAdapter(`node -e "setInterval(() => {}, 1000)"`, 300)
    const report = await runConformance(loadVectors(subsetDir).slice(0, 1), adapter)
    await close(200)
    expect(report.results[0]!.verdict).toEqual({ status: "fail", reason: "adapter fault: no answer within 300 ms" })
  })
})
