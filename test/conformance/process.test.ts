/**
 * The runner and our adapter as programs, over stdin/stdout: compiled fresh from the sources
 * (into node_modules/.cache, so module resolution finds the dependencies), run on a subset of the
 * vectors, and run against adapters that are wrong, crash or hang — which must be reported as
 * failing with a non-zero exit status.  spawnAdapter against the fake adapter
 * (fixtures/fake-adapter.mjs): answers matched by id, late and stray lines, timeouts that kill
 * the adapter's whole process group, and its real exit status.
 */
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { describeExit, spawnAdapter } from "../../conformance/process.js"
import { formatReport } from "../../conformance/report.js"
import { loadVectors, runConformance, succeeded } from "../../conformance/runner.js"
import { FAKE_IDS, fake, fakeVectorsDir } from "./fixtures/fake.js"

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

  it("an adapter that exits at once stops the run with its exit code; what it was not sent is not run; exit status 1", () => {
    const r = runner("--impl", `exec node -e "process.exit(3)"`, "--vectors", subsetDir)
    // Whether the first request reached it before it ended is a race: that vector fails or is not run.
    expect(r.stdout).toMatch(/stopped: the adapter ended \(exit code 3\) (before its first request|without answering "[^"]+")/)
    expect(r.stdout).toMatch(new RegExp(`total: 0 passed, (0 failed, 0 skipped, ${SUBSET.length}|1 failed, 0 skipped, ${SUBSET.length - 1}) not run`))
    expect(r.status).toBe(1)
  })

  it("usage errors exit 2 and run nothing: --impl without a value, an unknown option, a missing --vectors directory", () => {
    for (const args of [["--vectors", subsetDir, "--impl"], ["--vectors", subsetDir, "--bogus"], ["--vectors", join(work, "absent")]]) {
      const r = runner(...args)
      expect(r.status, args.join(" ")).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("usage: node dist/conformance/runner.js")
    }
  })

  it("--impl=CMD runs CMD, not our adapter", () => {
    const r = runner(`--impl=${scriptAdapter("skip2", `(q) => ({ id: q.id, skip: "not implemented" })`)}`, "--vectors", subsetDir)
    expect(r.stdout).toContain(`total: 0 passed, 0 failed, ${SUBSET.length} skipped`)
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

})

describe("spawnAdapter against the fake adapter", () => {
  const TIMEOUT = 2_000
  let dir = ""
  beforeAll(() => {
    dir = fakeVectorsDir()
  })
  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true })
  })

  /**
   * Runs t/1 … t/4 through the fake adapter started with `args`.  The timeout also covers node's
   * start-up before the first answer, so it is kept well above that even on a loaded machine.
   */
  const runFake = async (...args: Array<string>) => {
    const spawned = spawnAdapter(fake(...args), { timeoutMs: TIMEOUT })
    const report = await runConformance(loadVectors(dir), spawned.adapter)
    await spawned.close(2_000)
    const all = { ...report, notes: [...report.notes, ...spawned.notes()] }
    return { report: all, verdicts: Object.fromEntries(all.results.map((r) => [r.id, r.verdict.status === "fail" ? r.verdict.reason : r.verdict.status])) }
  }
  const pass = Object.fromEntries(FAKE_IDS.map((id) => [id, "pass"]))

  it("a well-behaved fake passes every vector (the baseline the cases below depart from)", async () => {
    const { report, verdicts } = await runFake()
    expect(verdicts).toEqual(pass)
    expect(report.notes).toEqual([])
    expect(succeeded(report)).toBe(true)
  })

  it("a line before the answer (not JSON, or empty) is a protocol error of that vector; the late answer is discarded with a note and the next vectors pass", async () => {
    for (const [line, reason] of [["loading…", "protocol error: the answer is not JSON: loading…"], ["", "protocol error: an empty line instead of an answer"]] as const) {
      const { report, verdicts } = await runFake(`before=t/2:${line}`)
      expect(verdicts).toEqual({ ...pass, "t/2": `adapter fault: ${reason}` })
      expect(report.notes).toEqual([`discarded a late answer for "t/2", already judged`])
      expect(report.stopped).toBeUndefined()
    }
  })

  it("a second answer to a vector is discarded with a note", async () => {
    const { report, verdicts } = await runFake("twice=t/1")
    expect(verdicts).toEqual(pass)
    expect(report.notes).toEqual([`discarded a late answer for "t/1", already judged`])
  })

  it("an answer for an id never sent fails the vector awaited; the next vectors pass", async () => {
    const { verdicts } = await runFake("wrong=t/3")
    expect(verdicts).toEqual({ ...pass, "t/3": `adapter fault: protocol error: the answer is for "other", not "t/3"` })
  })

  it("no answer in time: the vector fails, the adapter's whole process group is killed, the rest is not run", async () => {
    const pidfile = join(dir, "grandchild.pid")
    const { report, verdicts } = await runFake("hang=t/2", `pidfile=${pidfile}`)
    expect(verdicts).toEqual({ "t/1": "pass", "t/2": `no answer to "t/2" within ${TIMEOUT} ms; the adapter was killed` })
    expect(report.stopped).toEqual({ reason: `no answer to "t/2" within ${TIMEOUT} ms; the adapter was killed`, notRun: ["t/3", "t/4"] })
    expect(succeeded(report)).toBe(false)
    expect(formatReport(report).split("\n").at(-1)).toBe("total: 1 passed, 1 failed, 0 skipped, 2 not run")
    // The grandchild it started was in its process group: killed too.  Once killed it may stay a
    // zombie until init reaps it; on Linux its state in /proc tells a zombie from a live process.
    const pid = Number(readFileSync(pidfile, "utf8"))
    const alive = () => {
      try {
        process.kill(pid, 0)
      } catch {
        return false
      }
      if (!existsSync("/proc/self/stat")) return true
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))
      } catch {
        return false
      }
    }
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50))
    expect(alive()).toBe(false)
  })

  it("an answer later than the timeout counts as none", async () => {
    const { verdicts, report } = await runFake("late=t/1:600000")
    expect(verdicts).toEqual({ "t/1": `no answer to "t/1" within ${TIMEOUT} ms; the adapter was killed` })
    expect(report.stopped?.notRun).toEqual(["t/2", "t/3", "t/4"])
  })

  it("an answer late but within the timeout passes", async () => {
    const { verdicts } = await runFake("late=t/1:50")
    expect(verdicts).toEqual(pass)
  })

  it("an adapter that exits or dies by a signal: its real exit status, the vector it had fails, the rest is not run", async () => {
    const exited = await runFake("exit=t/2:7")
    expect(exited.verdicts).toEqual({ "t/1": "pass", "t/2": `the adapter ended (exit code 7) without answering "t/2"` })
    expect(exited.report.stopped?.notRun).toEqual(["t/3", "t/4"])
    const killed = await runFake("signal=t/3:SIGSEGV")
    expect(killed.verdicts).toEqual({ "t/1": "pass", "t/2": "pass", "t/3": `the adapter ended (signal SIGSEGV) without answering "t/3"` })
    expect(killed.report.stopped?.notRun).toEqual(["t/4"])
  })

  it("an adapter that exits non-zero when its stdin closes: a note with its exit status", async () => {
    const { report, verdicts } = await runFake("closeexit=5")
    expect(verdicts).toEqual(pass)
    expect(report.notes).toEqual(["the adapter exited with exit code 5 when its stdin closed"])
  })

  it("describeExit names the code or the signal", () => {
    expect(describeExit({ code: 3, signal: null })).toBe("exit code 3")
    expect(describeExit({ code: null, signal: "SIGKILL" })).toBe("signal SIGKILL")
  })
})
