/**
 * The runner in process: every committed vector passes against our adapter; the coverage report
 * lists every exit code and every model conjunct the vectors must show; adapters that are wrong
 * in different ways are reported as failing (the runner can fail); its command line rejects what
 * it cannot run with exit 2; and vector directories holding things that are not vector files
 * (a directory, a FIFO, links) are reported per file without opening them.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { handle } from "../../conformance/adapter.js"
import { canonicalState, firstDifference, judge, requestFor } from "../../conformance/compare.js"
import { AdapterStopped } from "../../conformance/process.js"
import { formatReport } from "../../conformance/report.js"
import { type Adapter, loadVectors, main, parseRunnerArgs, parseVector, runConformance, succeeded } from "../../conformance/runner.js"
import type { Request, Response } from "../../conformance/schema.js"
import { FAKE_IDS, fake, fakeVectorsDir } from "./fixtures/fake.js"

const VECTORS = fileURLToPath(new URL("../../vectors", import.meta.url))
const vectors = loadVectors(VECTORS)
const messageVectors = vectors.filter((v) => "vector" in v && !("encoding" in v.vector) && !("function" in v.vector))
const functionVectors = vectors.filter((v) => "vector" in v && "function" in v.vector)

/** Every exit code the payment channel, Init and the VM can reach in process, which the vectors must show. */
const REQUIRED_EXIT_CODES = [0, 1, 2, 5, 6, 16, 17, 18, 20, 21, 22, 32]

describe("every vector against our implementation, in process", async () => {
  const report = await runConformance(vectors, handle, "ours")

  it("all pass, none skipped", () => {
    const failures = report.results.filter((r) => r.verdict.status !== "pass").map((r) => `${r.id}: ${JSON.stringify(r.verdict)}`)
    expect(failures).toEqual([])
    expect(report.total).toEqual({ passed: vectors.length, failed: 0, skipped: 0 })
    expect(succeeded(report)).toBe(true)
  })

  it("the coverage report lists every exit code the actors and the VM can reach", () => {
    const codes = report.exitCodes.map((e) => e.code)
    for (const c of REQUIRED_EXIT_CODES) expect(codes).toContain(c)
    const text = formatReport(report)
    for (const name of ["OK", "SYS_SENDER_INVALID", "SYS_SENDER_STATE_INVALID", "SYS_INVALID_RECEIVER", "SYS_INSUFFICIENT_FUNDS", "USR_ILLEGAL_ARGUMENT",
      "USR_NOT_FOUND", "USR_FORBIDDEN", "USR_ILLEGAL_STATE", "USR_SERIALIZATION", "USR_UNHANDLED_MESSAGE", "ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED",
      "EX_DEAL_EXPIRED", "EX_DEAL_NOT_ACTIVATED"]) {
      expect(text).toContain(name)
    }
    expect(text.trimEnd().split("\n").at(-1)).toBe(`total: ${vectors.length} passed, 0 failed, 0 skipped`)
  })

  it("every enabling conjunct of every message action is shown failing by some vector; only Tick has none", () => {
    for (const m of report.model) {
      if (m.action === "Tick") {
        expect(m.vectors).toBe(0)
        continue
      }
      expect(m.vectors).toBeGreaterThan(0)
      expect(m.conjuncts.filter((c) => c.vectors === 0).map((c) => `${m.action}.${c.name}`)).toEqual([])
    }
  })

  it("every module/action has valid and invalid cases", () => {
    for (const g of ["paych/constructor", "paych/update_channel_state", "paych/settle", "paych/collect", "paych/add_funds"]) {
      expect(vectors.some((v) => v.id.startsWith(`${g}/valid_`))).toBe(true)
      expect(vectors.some((v) => v.id.startsWith(`${g}/invalid_`))).toBe(true)
    }
  })
})

describe("wrong adapters are reported as failing", () => {
  const withReceipt = (exitCode: number): Adapter => (req: Request): Response =>
    "encoding" in req || "function" in req ? { id: req.id, output: {} } : { id: req.id, post: req.pre, receipt: { exitCode, return: "" } }

  it("an adapter that accepts everything fails every rejected and every state-changing vector", async () => {
    const report = await runConformance(vectors, withReceipt(0), "yes-man")
    expect(succeeded(report)).toBe(false)
    const failed = new Set(report.results.filter((r) => r.verdict.status === "fail").map((r) => r.id))
    // rejected: the vector expects an error; state-changing: its post state is not its pre state
    const rejected = messageVectors.flatMap((v) => ("vector" in v && "error" in v.vector ? [v.id] : []))
    const stateChanging = messageVectors.flatMap((v) => {
      if (!("vector" in v) || !("post" in v.vector)) return []
      const { receipt: _, ...post } = v.vector.post
      return JSON.stringify(canonicalState(post)) === JSON.stringify(canonicalState(v.vector.pre)) ? [] : [v.id]
    })
    expect(rejected.length).toBeGreaterThan(0)
    expect(stateChanging).toContain("paych/update_channel_state/valid_first_voucher_secp256k1")
    expect([...rejected, ...stateChanging].filter((id) => !failed.has(id))).toEqual([])
    expect(failed).toContain("address/encoding/id_1024")
    expect(formatReport(report)).toContain("  paych/add_funds/invalid_channel_collected: exit code: expected 5 (InvalidReceiver), got 0")
  })

  it("an adapter that answers the right exit code but changes the state on a rejection fails", async () => {
    const adapter: Adapter = async (req) => {
      const ours = handle(req)
      if (!("receipt" in ours) || ours.receipt.exitCode === 0 || ours.post === undefined) return ours
      const [first, ...rest] = ours.post.actors
      return { ...ours, post: { ...ours.post, actors: [...rest, { ...first!, balance: "1" }] } }
    }
    const report = await runConformance(vectors, adapter)
    const reasons = report.results.filter((r) => r.verdict.status === "fail").map((r) => (r.verdict.status === "fail" ? r.verdict.reason : ""))
    expect(reasons.length).toBe(messageVectors.filter((v) => v.id.includes("/invalid_")).length)
    expect(reasons.every((r) => r.startsWith("rejected, but the state changed: $.post.actors[0].balance"))).toBe(true)
  })

  it("an adapter that leaves out the post state of a valid vector fails it; one that skips passes nothing", async () => {
    const noPost: Adapter = (req) => {
      const ours = handle(req)
      return "post" in ours ? { id: ours.id, receipt: ours.receipt } : ours
    }
    const r1 = await runConformance(messageVectors.filter((v) => v.id.includes("/valid_")), noPost)
    expect(r1.total.failed).toBe(r1.results.length)
    const r2 = await runConformance(vectors, (req) => ({ id: req.id, skip: "not implemented" }))
    expect(r2.total).toEqual({ passed: 0, failed: 0, skipped: vectors.length })
    expect(succeeded(r2)).toBe(false)
  })

  it("an adapter that throws or faults fails, and a vector that does not decode fails without being sent", async () => {
    const r = await runConformance([...vectors.slice(0, 2), parseVector("paych/x/broken", "{}")], (req) => {
      if (req.id === vectors[0]!.id) throw new Error("boom")
      return { id: req.id, fault: "cannot" }
    })
    expect(r.results.map((x) => x.verdict.status)).toEqual(["fail", "fail", "fail"])
    expect(formatReport(r)).toContain("adapter threw: boom")
    expect(formatReport(r)).toContain("paych/x/broken: vector does not match filflow-vector/1")
  })
})

describe("judging", () => {
  it("the request carries no expected answer", () => {
    for (const v of vectors) {
      if (!("vector" in v)) continue
      const keys = Object.keys(requestFor(v.id, v.vector)).sort()
      expect(keys).toEqual("function" in v.vector ? ["function", "id", "input"] : "encoding" in v.vector ? ["encoding", "id"] : ["action", "id", "pre"])
    }
  })

  it("actor and lane order do not matter; hex case does not matter for the return bytes", () => {
    const lv = vectors.find((v) => v.id === "paych/constructor/valid_secp256k1_payer_bls_payee")!
    if (!("vector" in lv) || !("post" in lv.vector)) throw new Error("vector missing")
    const { receipt, ...post } = lv.vector.post
    expect(judge(lv.vector, { id: lv.id, post: { ...post, actors: [...post.actors].reverse() }, receipt: { ...receipt, return: receipt.return.toUpperCase() } })).toEqual({ status: "pass" })
    expect(canonicalState({ ...post, actors: [...post.actors].reverse() })).toEqual(canonicalState(post))
  })

  it("firstDifference names the first differing path", () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe("$.a[1].b: expected 2, got 3")
    expect(firstDifference({ a: 1 }, { a: 1, c: 2 })).toBe("$.c: unexpected")
    expect(firstDifference({ a: 1 }, {})).toBe("$.a: missing")
    expect(firstDifference([1], [1, 2])).toBe("$: expected 1 elements, got 2")
    expect(firstDifference({ a: [1] }, { a: [1] })).toBeUndefined()
  })
})

describe("an adapter that stops", () => {
  it("AdapterStopped: the vector it was sent fails, the later ones are not run, and the run fails", async () => {
    const some = vectors.slice(0, 4)
    const r = await runConformance(some, (req) => {
      if (req.id === some[1]!.id) throw new AdapterStopped({ reason: "gone", sent: true })
      return handle(req)
    })
    expect(r.results.map((x) => [x.id, x.verdict])).toEqual([[some[0]!.id, { status: "pass" }], [some[1]!.id, { status: "fail", reason: "gone" }]])
    expect(r.stopped).toEqual({ reason: "gone", notRun: [some[2]!.id, some[3]!.id] })
    expect(succeeded(r)).toBe(false)
    const unsent = await runConformance(some, () => {
      throw new AdapterStopped({ reason: "gone", sent: false })
    })
    expect(unsent.results).toEqual([])
    expect(unsent.stopped?.notRun).toEqual(some.map((v) => v.id))
    expect(formatReport(unsent).split("\n").at(-1)).toBe("total: 0 passed, 0 failed, 0 skipped, 4 not run")
    // a vector file that does not decode fails even after the adapter stopped: it needs no adapter
    const withBroken = await runConformance([...some.slice(0, 2), parseVector("paych/x/broken", "{}")], () => {
      throw new AdapterStopped({ reason: "gone", sent: false })
    })
    expect(withBroken.results.map((x) => [x.id, x.verdict.status])).toEqual([["paych/x/broken", "fail"]])
    expect(withBroken.stopped?.notRun).toEqual(some.slice(0, 2).map((v) => v.id))
  })
})

const work = mkdtempSync(join(tmpdir(), "filflow-runner-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe("the runner's command line", () => {
  const capture = async (args: ReadonlyArray<string>) => {
    let stdout = ""
    let stderr = ""
    const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
    return { status, stdout, stderr }
  }
  const problem = (args: ReadonlyArray<string>): string => {
    const r = parseRunnerArgs(args)
    return Result.isFailure(r) ? r.failure : "parsed"
  }

  it("accepts --impl CMD and --impl=CMD alike, --timeout in ms, --json", () => {
    expect(Result.getOrThrow(parseRunnerArgs(["--impl=./a b", "--vectors", VECTORS, "--timeout", "250", "--json"])))
      .toEqual({ impl: "./a b", vectors: VECTORS, timeoutMs: 250, json: true })
    expect(Result.getOrThrow(parseRunnerArgs(["--impl", "./a b", `--vectors=${VECTORS}`]))).toEqual({ impl: "./a b", vectors: VECTORS, timeoutMs: 60_000, json: false })
  })

  it("rejects what it cannot run, naming it", () => {
    const file = join(work, "plain.txt")
    writeFileSync(file, "")
    expect(problem(["--vectors", VECTORS, "--impl"])).toBe("--impl needs a value")
    expect(problem(["--vectors", VECTORS, "--impl", "--json"])).toBe("--impl needs a value")
    expect(problem(["--vectors", VECTORS, "--impl="])).toBe("--impl needs a command")
    expect(problem(["--vectors", VECTORS, "--bogus"])).toBe("unknown option --bogus")
    expect(problem(["--vectors", VECTORS, "extra"])).toBe("unexpected argument extra")
    for (const t of ["0", "-1", "1.5", "abc", "", "2147483648"]) expect(problem(["--vectors", VECTORS, `--timeout=${t}`]), t).toMatch(/^--timeout takes a whole number of milliseconds/)
    expect(problem(["--vectors", join(work, "absent")])).toBe(`--vectors ${join(work, "absent")}: no such directory`)
    expect(problem(["--vectors", file])).toBe(`--vectors ${file}: not a directory`)
  })

  it("a usage error exits 2 with the usage on stderr and runs nothing", async () => {
    const marker = join(work, "ran")
    for (const args of [["--impl", `touch ${JSON.stringify(marker)}`, "--bogus"], ["--impl"], ["--vectors", join(work, "absent"), `--impl=touch ${JSON.stringify(marker)}`]]) {
      const r = await capture(args)
      expect(r.status, args.join(" ")).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr).toMatch(/^runner: .*\nusage: node dist\/conformance\/runner.js/)
    }
    expect(existsSync(marker)).toBe(false)
    const help = await capture(["--help"])
    expect([help.status, help.stderr]).toEqual([0, ""])
    expect(help.stdout).toContain("--timeout MS")
  })

  it("--impl=CMD runs CMD (the fake adapter passes the fake vectors), --timeout stops a hung one", async () => {
    const dir = fakeVectorsDir()
    try {
      const ok = await capture([`--impl=${fake()}`, "--vectors", dir])
      expect(ok.stdout).toContain(`filflow conformance: ${fake()} on ${dir}/ (4 vectors)`)
      expect(ok.stdout.trimEnd().split("\n").at(-1)).toBe("total: 4 passed, 0 failed, 0 skipped")
      expect(ok.status).toBe(0)
      const hung = await capture(["--impl", fake("hang=t/2"), "--vectors", dir, "--timeout", "2000", "--json"])
      const report = JSON.parse(hung.stdout) as { stopped: unknown; total: unknown }
      expect(report.stopped).toEqual({ reason: `no answer to "t/2" within 2000 ms; the adapter was killed`, notRun: FAKE_IDS.slice(2) })
      expect(report.total).toEqual({ passed: 1, failed: 1, skipped: 0 })
      expect(hung.status).toBe(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("vector directories holding what is not a vector file", () => {
  it("a .json directory, a FIFO, a link to a directory and a dangling link are each reported, never opened; the run fails and ends", async () => {
    const dir = fakeVectorsDir()
    try {
      mkdirSync(join(dir, "t", "dir.json"))
      writeFileSync(join(dir, "t", "dir.json", "inner.json"), "{}")
      symlinkSync(join(dir, "t"), join(dir, "t", "linkdir.json"))
      symlinkSync(join(dir, "nowhere"), join(dir, "t", "dangling.json"))
      symlinkSync(join(dir, "t", "1.json"), join(dir, "t", "linkfile.json"))
      const fifo = process.platform === "linux" && spawnSync("mkfifo", [join(dir, "t", "fifo.json")]).status === 0
      const loaded = loadVectors(dir)
      const invalid = Object.fromEntries(loaded.flatMap((v) => ("invalid" in v ? [[v.id, v.invalid]] : [])))
      expect(invalid).toEqual({
        "t/dir": "t/dir.json is a directory, not a vector file",
        "t/linkdir": "t/linkdir.json is a symbolic link to a directory, not a vector file",
        "t/dangling": "t/dangling.json is a dangling symbolic link",
        ...(fifo ? { "t/fifo": "t/fifo.json is a FIFO, not a vector file" } : {})
      })
      // a link to a vector file is read as that file
      expect(loaded.filter((v) => "vector" in v).map((v) => v.id)).toEqual(["t/1", "t/2", "t/3", "t/4", "t/linkfile"])
      const r = await runConformance(loaded, handle)
      expect(r.total.failed).toBe(fifo ? 4 : 3)
      expect(succeeded(r)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
