/**
 * The conformance report: verdicts per module/action, coverage of exit codes and of the model's
 * actions and enabling conjuncts among the vectors, and the totals; as text and as JSON.
 *
 * @module
 */
import { Conjuncts, type Action } from "../src/model/PaymentChannel.js"
import { exitCodeName } from "../src/impl/vm/exitcode.js"
import { MarketExitCode } from "../src/impl/actors/market/policy.js"
import type { Verdict } from "./compare.js"
import type { Vector } from "./schema.js"

/** One vector's result. */
export interface VectorResult {
  readonly id: string
  readonly verdict: Verdict
  /** The exit code the vector expects (absent for known-answer and function vectors). */
  readonly exitCode?: number
  /** The model action the vector concretizes, and the conjunct that fails (if any). */
  readonly modelAction?: string
  readonly notEnabled?: string
}

/** Pass / fail / skip counts. */
export interface Counts {
  passed: number
  failed: number
  skipped: number
}

/**
 * Everything the runner found.
 *
 * @category conformance
 * @since 0.1.0
 */
export interface Report {
  readonly impl: string
  readonly results: ReadonlyArray<VectorResult>
  readonly byGroup: Readonly<Record<string, Counts>>
  readonly exitCodes: ReadonlyArray<{ readonly code: number; readonly name: string; readonly vectors: number; readonly passed: number }>
  readonly model: ReadonlyArray<{ readonly action: Action; readonly vectors: number; readonly conjuncts: ReadonlyArray<{ readonly name: string; readonly vectors: number }> }>
  readonly total: Counts
  /** Set when the adapter stopped before every vector was sent: why, and the vectors not run. */
  readonly stopped?: { readonly reason: string; readonly notRun: ReadonlyArray<string> }
  /** What the adapter did that no verdict shows (answers discarded as late, stray lines, its exit status). */
  readonly notes: ReadonlyArray<string>
}

/** The module/action a vector id belongs to: its first two path segments. */
export const groupOf = (id: string): string => id.split("/").slice(0, 2).join("/")

/**
 * The name of an exit code in a vector's module: codes from 32 up are each actor's own — the
 * market's EX_DEAL_EXPIRED (32) and EX_DEAL_NOT_ACTIVATED (33), builtin-actors
 * `actors/market/src/lib.rs` @ v18.0.0:68-70; the payment channel's in exitcode.ts.
 */
const codeName = (id: string, code: number): string => {
  const name = id.startsWith("market/") ? MARKET_CODE_NAMES[code] : undefined
  return name ?? exitCodeName(code)
}
const MARKET_CODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(MarketExitCode).map(([k, v]) => [v, k]))

/** The result of a vector, with its expectations for the coverage tables. */
export const resultOf = (id: string, v: Vector | undefined, verdict: Verdict): VectorResult => {
  if (v === undefined || "encoding" in v || "function" in v) return { id, verdict }
  const exitCode = "error" in v ? v.error.exitCode : v.post.receipt.exitCode
  return {
    id, verdict, exitCode,
    ...(v.model === undefined ? {} : { modelAction: v.model.step.action, ...(v.model.notEnabled === undefined ? {} : { notEnabled: v.model.notEnabled }) })
  }
}

const count = (rs: ReadonlyArray<VectorResult>): Counts => ({
  passed: rs.filter((r) => r.verdict.status === "pass").length,
  failed: rs.filter((r) => r.verdict.status === "fail").length,
  skipped: rs.filter((r) => r.verdict.status === "skip").length
})

/**
 * Builds the report from the results.
 *
 * @category conformance
 * @since 0.1.0
 */
export const makeReport = (
  impl: string,
  results: ReadonlyArray<VectorResult>,
  run: { readonly stopped?: Report["stopped"]; readonly notes?: ReadonlyArray<string> } = {}
): Report => {
  const groups = [...new Set(results.map((r) => groupOf(r.id)))].sort()
  const codes = [...new Set(results.flatMap((r) => (r.exitCode === undefined ? [] : [r.exitCode])))].sort((a, b) => a - b)
  // Sign is the client signing a voucher off chain: no message concretizes it.
  const actions = (Object.keys(Conjuncts) as Array<Action>).filter((a) => a !== "Sign")
  return {
    impl,
    results,
    byGroup: Object.fromEntries(groups.map((g) => [g, count(results.filter((r) => groupOf(r.id) === g))])),
    exitCodes: codes.map((code) => {
      const rs = results.filter((r) => r.exitCode === code)
      const names = [...new Set(rs.map((r) => codeName(r.id, code)))]
      return { code, name: names.join(" / "), vectors: rs.length, passed: count(rs).passed }
    }),
    model: actions.map((action) => {
      const rs = results.filter((r) => r.modelAction === action)
      return { action, vectors: rs.length, conjuncts: Conjuncts[action].map((name) => ({ name, vectors: rs.filter((r) => r.notEnabled === name).length })) }
    }),
    total: count(results),
    ...(run.stopped === undefined ? {} : { stopped: run.stopped }),
    notes: run.notes ?? []
  }
}

const pad = (s: string | number, n: number): string => String(s).padStart(n)

/**
 * The report as text: one table per concern, the failures, the notes, why the run stopped early
 * (if it did), and a last line `total: N passed, N failed, N skipped` (`, N not run` when it
 * stopped early).
 *
 * @category conformance
 * @since 0.1.0
 */
export const formatReport = (r: Report): string => {
  const lines: Array<string> = [`filflow conformance: ${r.impl}`, "", `${"module/action".padEnd(34)}  pass  fail  skip`]
  for (const [g, c] of Object.entries(r.byGroup)) lines.push(`${g.padEnd(34)}${pad(c.passed, 6)}${pad(c.failed, 6)}${pad(c.skipped, 6)}`)
  lines.push("", "exit codes the vectors expect:")
  for (const e of r.exitCodes) lines.push(`  ${pad(e.code, 3)} ${e.name.padEnd(40)}${pad(e.vectors, 4)} vectors, ${e.passed} passed`)
  lines.push("", "model actions and conjuncts (src/model/PaymentChannel.ts) concretized by the vectors:")
  for (const m of r.model) {
    if (m.action === "Tick") {
      lines.push(`  Tick: not a message (a vector's epoch is pre.epoch); its conjunct ClockRunning bounds the model only`)
      continue
    }
    const missing = m.conjuncts.filter((c) => c.vectors === 0).map((c) => c.name)
    lines.push(`  ${m.action}: ${m.vectors} vectors; ${m.conjuncts.length - missing.length}/${m.conjuncts.length} conjuncts shown failing${missing.length > 0 ? ` (not: ${missing.join(", ")})` : ""}`)
    lines.push(`    ${m.conjuncts.map((c) => `${c.name} ${c.vectors}`).join(", ")}`)
  }
  const failures = r.results.filter((x) => x.verdict.status === "fail")
  if (failures.length > 0) {
    lines.push("", "failures:")
    for (const f of failures) lines.push(`  ${f.id}: ${f.verdict.status === "fail" ? f.verdict.reason : ""}`)
  }
  const skips = r.results.filter((x) => x.verdict.status === "skip")
  if (skips.length > 0) lines.push("", `skipped: ${skips.map((s) => s.id).join(", ")}`)
  if (r.notes.length > 0) lines.push("", "notes:", ...r.notes.map((n) => `  ${n}`))
  if (r.stopped !== undefined) {
    lines.push("", `stopped: ${r.stopped.reason}`)
    if (r.stopped.notRun.length > 0) lines.push(`not run (${r.stopped.notRun.length}): ${r.stopped.notRun.join(", ")}`)
  }
  const notRun = r.stopped === undefined ? "" : `, ${r.stopped.notRun.length} not run`
  lines.push("", `total: ${r.total.passed} passed, ${r.total.failed} failed, ${r.total.skipped} skipped${notRun}`)
  return lines.join("\n")
}
