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

const num = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)
const sortBy = <A>(xs: ReadonlyArray<A>, key: (a: A) => string): Array<A> => [...xs].sort((p, q) => num(key(p), key(q)))
const idOf = (a: string): string => a.slice(2)

/** An actor's state with its lists in canonical order (storageSchema.ts names each order). */
const canonicalActor = (a: ActorJson): ActorJson => {
  switch (a.kind) {
    case "paymentchannel": return { ...a, state: { ...a.state, laneStates: sortBy(a.state.laneStates, (l) => l.lane) } }
    case "storagepower": return { ...a, state: { ...a.state, claims: sortBy(a.state.claims, (c) => idOf(c.miner)) } }
    case "storageminer": return { ...a, state: { ...a.state, vestingFunds: sortBy(a.state.vestingFunds, (v) => v.epoch) } }
    case "storagemarket": {
      const m = a.state
      if (m === null) return a
      return {
        ...a,
        state: {
          ...m,
          proposals: sortBy(m.proposals, (p) => p.deal), states: sortBy(m.states, (d) => d.deal),
          pendingProposals: [...m.pendingProposals].sort(),
          escrowTable: sortBy(m.escrowTable, (b) => idOf(b.actor)), lockedTable: sortBy(m.lockedTable, (b) => idOf(b.actor)),
          dealOpsByEpoch: sortBy(m.dealOpsByEpoch, (o) => o.epoch).map((o) => ({ ...o, deals: sortBy(o.deals, (d) => d) })),
          providerSectors: sortBy(m.providerSectors, (p) => idOf(p.provider)).map((p) => ({ ...p, sectors: sortBy(p.sectors, (x) => x.sector) }))
        }
      }
    }
    default: return a
  }
}

/** A chain state in canonical order (actors by id, every list by its key), so equal states compare equal. */
export const canonicalState = (s: ChainStateJson): ChainStateJson => ({
  epoch: s.epoch,
  network: {
    paych: { settleDelay: s.network.paych.settleDelay, maxLane: s.network.paych.maxLane, maxSecretSize: s.network.paych.maxSecretSize },
    ...(s.network.circulatingSupply === undefined ? {} : { circulatingSupply: s.network.circulatingSupply })
  },
  actors: [...s.actors].sort(byId).map(canonicalActor)
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
