/**
 * How the runner judges an adapter's answer to one vector (conformance/README.md, "Judging"):
 * the request sent for a vector, and the verdict on the response — pass, fail with the first
 * difference, or skip.
 *
 * @module
 */
import type { ActorJson, ChainStateJson, MessageVector, Request, Response, Vector } from "./schema.js"

/** The verdict on one vector. */
export type Verdict = { readonly status: "pass" } | { readonly status: "skip"; readonly reason: string } | { readonly status: "fail"; readonly reason: string }

const pass: Verdict = { status: "pass" }
const fail = (reason: string): Verdict => ({ status: "fail", reason })

/**
 * The request for a vector: the vector without its expected answer (`post`, `error`, `expected`,
 * `model`, `description`, `source` are never sent).
 *
 * @example
 * requestFor("paych/settle/valid_by_payer", v) // => { id: "paych/settle/valid_by_payer", pre: v.pre, action: v.action }
 * @category conformance
 * @since 0.1.0
 */
export const requestFor = (id: string, v: Vector): Request =>
  "function" in v ? ({ id, function: v.function, input: v.input } as Request)
    : "encoding" in v ? { id, encoding: v.encoding } : { id, pre: v.pre, action: v.action }

const byId = (a: ActorJson, b: ActorJson): number => {
  const x = BigInt(a.id.slice(2))
  const y = BigInt(b.id.slice(2))
  return x < y ? -1 : x > y ? 1 : 0
}

/** A chain state in canonical order (actors by id, lanes by lane), so equal states compare equal. */
export const canonicalState = (s: ChainStateJson): ChainStateJson => ({
  epoch: s.epoch,
  network: { paych: { settleDelay: s.network.paych.settleDelay, maxLane: s.network.paych.maxLane, maxSecretSize: s.network.paych.maxSecretSize } },
  actors: [...s.actors].sort(byId).map((a): ActorJson => a.kind === "paymentchannel"
    ? { ...a, state: { ...a.state, laneStates: [...a.state.laneStates].sort((p, q) => (BigInt(p.lane) < BigInt(q.lane) ? -1 : 1)) } }
    : a)
})

/** The first path at which two JSON values differ, or undefined if they are equal. */
export const firstDifference = (expected: unknown, actual: unknown, path = "$"): string | undefined => {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${path}: expected ${expected.length} elements, got ${actual.length}`
    for (const [i, e] of expected.entries()) {
      const d = firstDifference(e, actual[i], `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return undefined
  }
  if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null && !Array.isArray(expected) && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>
    const a = actual as Record<string, unknown>
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!(k in a)) return `${path}.${k}: missing`
      if (!(k in e)) return `${path}.${k}: unexpected`
      const d = firstDifference(e[k], a[k], `${path}.${k}`)
      if (d !== undefined) return d
    }
    return undefined
  }
  return expected === actual ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
}

/** The state a rejected message must leave: `pre`, with the sender's nonce advanced if the message was included. */
export const stateAfterRejection = (v: Extract<MessageVector, { readonly error: unknown }>): ChainStateJson => {
  if (!v.error.nonceIncremented) return v.pre
  const from = v.action.from
  return {
    ...v.pre,
    actors: v.pre.actors.map((a) => (a.id === from || a.robust === from ? { ...a, sequence: String(BigInt(a.sequence) + 1n) } : a))
  }
}

/**
 * Judges an adapter's response to a vector.  Message vectors: the exit code must match; for a
 * valid vector the return bytes and the whole state after must match `post`; for a rejected one,
 * a `post` in the response (optional) must be `pre` with only the sender's nonce advanced when
 * the message was included.  Known-answer vectors: the output must equal `expected`.  Function
 * vectors: the output must equal `output`, or the error's tag must equal `error.tag`.
 *
 * @example
 * judge(v, { id, post: v.post, receipt: v.post.receipt }) // => { status: "pass" }
 * @category conformance
 * @since 0.1.0
 */
export const judge = (v: Vector, r: Response): Verdict => {
  if ("skip" in r) return { status: "skip", reason: r.skip }
  if ("fault" in r) return fail(`adapter fault: ${r.fault}`)
  if ("function" in v) {
    if ("error" in v) {
      if ("output" in r) return fail(`expected error ${v.error.tag}, got an output`)
      if (!("error" in r)) return fail(`expected error ${v.error.tag}, got a message result`)
      return r.error.tag === v.error.tag ? pass : fail(`error: expected ${v.error.tag}, got ${r.error.tag}${r.error.message === undefined ? "" : ` (${r.error.message})`}`)
    }
    if ("error" in r) return fail(`expected an output, got error ${r.error.tag}${r.error.message === undefined ? "" : ` (${r.error.message})`}`)
    if (!("output" in r)) return fail("expected a function output, got a message result")
    const d = firstDifference(v.output, r.output, "$.output")
    return d === undefined ? pass : fail(d)
  }
  if ("error" in r) return fail(`expected a result, got error ${r.error.tag}`)
  if ("encoding" in v) {
    if (!("output" in r)) return fail("expected an encoding output, got a message result")
    const d = firstDifference(v.expected, r.output, "$.output")
    return d === undefined ? pass : fail(d)
  }
  if (!("receipt" in r)) return fail("expected a receipt, got an encoding output")
  if ("error" in v) {
    if (r.receipt.exitCode !== v.error.exitCode) return fail(`exit code: expected ${v.error.exitCode} (${v.error.tag}), got ${r.receipt.exitCode}`)
    if (r.post === undefined) return pass
    const d = firstDifference(canonicalState(stateAfterRejection(v)), canonicalState(r.post), "$.post")
    return d === undefined ? pass : fail(`rejected, but the state changed: ${d}`)
  }
  if (r.receipt.exitCode !== v.post.receipt.exitCode) return fail(`exit code: expected ${v.post.receipt.exitCode}, got ${r.receipt.exitCode}`)
  if (r.receipt.return.toLowerCase() !== v.post.receipt.return) return fail(`return: expected "${v.post.receipt.return}", got "${r.receipt.return}"`)
  if (r.post === undefined) return fail("no post state in the response")
  const { receipt: _, ...expected } = v.post
  const d = firstDifference(canonicalState(expected), canonicalState(r.post), "$.post")
  return d === undefined ? pass : fail(d)
}
