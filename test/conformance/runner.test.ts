/**
 * The runner in process: every committed vector passes against our adapter; the coverage report
 * lists every exit code and every model conjunct the vectors must show; and adapters that are
 * wrong in different ways are reported as failing (the runner can fail).
 */
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { handle } from "../../conformance/adapter.js"
import { canonicalState, firstDifference, judge, requestFor } from "../../conformance/compare.js"
import { formatReport } from "../../conformance/report.js"
import { type Adapter, loadVectors, parseVector, runConformance, succeeded } from "../../conformance/runner.js"
import type { Request, Response } from "../../conformance/schema.js"

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
      "USR_NOT_FOUND", "USR_FORBIDDEN", "USR_ILLEGAL_STATE", "USR_SERIALIZATION", "USR_UNHANDLED_MESSAGE", "ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED"]) {
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
    for (const v of messageVectors) if (v.id.includes("/invalid_")) expect(failed).toContain(v.id)
    expect(failed).toContain("paych/update_channel_state/valid_first_voucher_secp256k1")
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
