/**
 * Random message sequences between the client and the provider (seeded fast-check): proposals,
 * queries, deliveries in any order, duplicates, corrupted bytes, answers re-signed by a stranger,
 * publish receipts (successful or failed) and chain heads that may go back.  At every step:
 * - a refused input leaves the party's state exactly as it was (its snapshot before the step
 *   equals its snapshot after: the reducer mutated nothing), and the caller keeps that state;
 * - the state changes only on an accepted input;
 * - the client never believes a deal ID the provider did not assign to that proposal, and never
 *   holds a status the provider's records contradict (forged and out-of-order answers are refused);
 * - abstracted (src/impl/parties/abstraction.ts), each step is StorageMarket.tla's ProposeDeal or
 *   RespondToProposal (enabled, and landing where the parties land) or leaves the abstraction as
 *   it was: every decision is about a signed proposal, made once, never revised.
 *
 * Coverage by construction: every sequence starts with the same prefix — a good proposal, its
 * delivery, the receipt, the answer's delivery, a corrupted delivery each way, a forged answer, a
 * query each way and a replay — and continues with random commands.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { describe, expect, it } from "vitest"
import { addressKey } from "../../../src/impl/vm/state.js"
import { toHex } from "../../../src/impl/encoding/hex.js"
import { encodePublishStorageDealsReturn } from "../../../src/impl/actors/market/params.js"
import { bitFieldFromIndices } from "../../../src/impl/encoding/bitfield.js"
import { type ClientState, clientStep, type DealTerms } from "../../../src/impl/parties/client/index.js"
import type { Envelope, ProviderMessage } from "../../../src/impl/parties/interface.js"
import { decodeMessage, encodeSigned, isProviderMessage } from "../../../src/impl/parties/messages.js"
import { type ProviderState, providerStep } from "../../../src/impl/parties/provider/index.js"
import { abstractNegotiation, abstractProposal } from "../../../src/impl/parties/abstraction.js"
import * as Model from "../../../src/model/StorageMarket.js"
import { freshClient, freshProvider, miner, piece, propose, strangerKey, workerKey } from "./_fixtures.js"

type Command =
  | { readonly _tag: "Propose"; readonly variant: number }
  | { readonly _tag: "Query"; readonly byDealId: boolean; readonly pick: number }
  | { readonly _tag: "ToProvider"; readonly pick: number }
  | { readonly _tag: "ToClient"; readonly pick: number }
  | { readonly _tag: "Receipt"; readonly pick: number; readonly exitCode: number }
  | { readonly _tag: "Corrupt"; readonly pick: number; readonly at: number; readonly xor: number }
  | { readonly _tag: "Forge"; readonly pick: number }
  | { readonly _tag: "Replay"; readonly pick: number }
  | { readonly _tag: "ChainHead"; readonly delta: number }

const pick = fc.nat({ max: 1000 })
const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ _tag: fc.constant("Propose" as const), variant: fc.nat({ max: 5 }) }),
  fc.record({ _tag: fc.constant("Query" as const), byDealId: fc.boolean(), pick }),
  fc.record({ _tag: fc.constant("ToProvider" as const), pick }),
  fc.record({ _tag: fc.constant("ToClient" as const), pick }),
  fc.record({ _tag: fc.constant("Receipt" as const), pick, exitCode: fc.constantFrom(0, 0, 16, 18) }),
  fc.record({ _tag: fc.constant("Corrupt" as const), pick, at: pick, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ _tag: fc.constant("Forge" as const), pick }),
  fc.record({ _tag: fc.constant("Replay" as const), pick }),
  fc.record({ _tag: fc.constant("ChainHead" as const), delta: fc.integer({ min: -5, max: 3000 }) })
)

const PREFIX: ReadonlyArray<Command> = [
  { _tag: "Propose", variant: 0 }, { _tag: "Propose", variant: 5 }, { _tag: "ToProvider", pick: 0 }, { _tag: "Receipt", pick: 0, exitCode: 0 },
  { _tag: "ToClient", pick: 0 }, { _tag: "Forge", pick: 1 }, { _tag: "ToClient", pick: 0 }, { _tag: "Corrupt", pick: 0, at: 3, xor: 1 }, { _tag: "Corrupt", pick: 1, at: 5, xor: 7 },
  { _tag: "Forge", pick: 0 }, { _tag: "Query", byDealId: true, pick: 0 }, { _tag: "Query", byDealId: false, pick: 0 },
  { _tag: "ToProvider", pick: 0 }, { _tag: "ToProvider", pick: 0 }, { _tag: "Replay", pick: 0 }, { _tag: "Propose", variant: 0 }
]

/** A stable text of a state: every Map, CID, bytes and bigint spelled out. */
const snapshot = (x: unknown): string =>
  JSON.stringify(x, (_, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`
    if (v instanceof Uint8Array) return toHex(v)
    if (v instanceof Map) return [...v.entries()]
    if (v !== null && typeof v === "object" && "multihash" in v && "toString" in v) return (v as CID).toString()
    return v
  })

/** Terms variants: 0 accepted; 1 too soon; 2 too short; 3 a second accepted one; 4 price 0; 5 another accepted one. */
const variant = (i: number) => [
  {}, { startEpoch: 100n, endEpoch: 600_100n }, { endEpoch: 10_100n }, { startEpoch: 20_000n, endEpoch: 620_000n },
  { storagePricePerEpoch: 0n }, { startEpoch: 40_000n, endEpoch: 640_000n }
][i]!

interface World {
  client: ClientState
  provider: ProviderState
  toProvider: Array<Envelope>
  toClient: Array<Envelope>
  seen: Array<Envelope>
  publishes: Array<CID>
  nextDealId: bigint
  /** Deal IDs the provider's publishes assigned, by proposal CID. */
  assigned: Map<string, bigint>
  /** The refusal of the last command, if it was refused. */
  refusal: { readonly tag: string; readonly proposal: Model.Proposal | undefined } | undefined
}

const at = <A>(xs: ReadonlyArray<A>, i: number): A | undefined => (xs.length === 0 ? undefined : xs[i % xs.length])

/** Runs one command; checks that a refused step changed nothing. */
const run = (w: World, c: Command, stepClient: typeof clientStep = clientStep): void => {
  w.refusal = undefined
  const clientDo = (input: Parameters<typeof clientStep>[1]) => {
    const before = snapshot(w.client)
    const r = stepClient(w.client, input)
    if (Result.isFailure(r)) {
      expect(snapshot(w.client)).toBe(before)
      w.refusal = { tag: r.failure.tag, proposal: input._tag === "ProposeDeal" ? termsProposal(input.terms) : undefined }
      return
    }
    w.client = r.success.state
    for (const e of r.success.outbox) { w.toProvider.push(e); w.seen.push(e) }
  }
  const providerDo = (input: Parameters<typeof providerStep>[1]) => {
    const before = snapshot(w.provider)
    const r = providerStep(w.provider, input)
    if (Result.isFailure(r)) {
      expect(snapshot(w.provider)).toBe(before)
      const m = input._tag === "Receive" ? decodeMessage(input.envelope.bytes) : undefined
      const proposal = m !== undefined && Result.isSuccess(m) && m.success.message._tag === "DealProposal"
        ? abstractProposal(m.success.message.proposal.proposal, PIECES) : undefined
      w.refusal = { tag: r.failure.tag, proposal }
      return
    }
    w.provider = r.success.state
    for (const e of r.success.outbox) { w.toClient.push(e); w.seen.push(e) }
    for (const cm of r.success.chainMessages) w.publishes.push(cm.purpose.proposalCid)
  }
  const deliver = (e: Envelope) => (addressKey(e.to) === addressKey(miner) ? providerDo({ _tag: "Receive", envelope: e }) : clientDo({ _tag: "Receive", envelope: e }))
  switch (c._tag) {
    case "Propose": return clientDo(propose(variant(c.variant)))
    case "Query": {
      const deal = at([...w.client.deals.values()], c.pick)
      return clientDo({
        _tag: "QueryDeal", provider: miner,
        ref: c.byDealId ? { _tag: "ByDealId", dealId: BigInt(c.pick % 3) } : { _tag: "ByProposalCid", proposalCid: deal?.proposalCid ?? w.publishes[0]! }
      })
    }
    case "ToProvider": {
      if (w.toProvider.length === 0) return
      const [e] = w.toProvider.splice(c.pick % w.toProvider.length, 1)
      return providerDo({ _tag: "Receive", envelope: e! })
    }
    case "ToClient": {
      if (w.toClient.length === 0) return
      const [e] = w.toClient.splice(c.pick % w.toClient.length, 1)
      return clientDo({ _tag: "Receive", envelope: e! })
    }
    case "Receipt": {
      const proposalCid = at(w.publishes, c.pick)
      if (proposalCid === undefined) return
      const dealId = w.nextDealId
      const before = w.provider
      providerDo({ _tag: "PublishReceipt", proposalCid, messageCid: proposalCid, receipt: { exitCode: c.exitCode, return: encodePublishStorageDealsReturn({ ids: [dealId], validDeals: bitFieldFromIndices([0n]) }) } })
      if (before !== w.provider && c.exitCode === 0) {
        w.assigned.set(proposalCid.toString(), dealId)
        w.nextDealId += 1n
      }
      return
    }
    case "Corrupt": {
      const e = at(w.seen, c.pick)
      if (e === undefined) return
      const bytes = Uint8Array.from(e.bytes)
      bytes[c.at % bytes.length]! ^= c.xor
      return deliver({ ...e, bytes })
    }
    case "Forge": {
      const e = at(w.seen.filter((x) => addressKey(x.from) === addressKey(miner)), c.pick)
      if (e === undefined) return
      const m = Result.getOrThrow(decodeMessage(e.bytes)).message
      if (!isProviderMessage(m)) return
      // a false answer: another deal ID, or the opposite decision
      const lie: ProviderMessage = m._tag === "DealAccepted" ? { ...m, dealId: m.dealId + 1000n }
        : m._tag === "DealResponse" && m.verdict._tag === "Accepted" ? { ...m, verdict: { _tag: "Rejected", reason: "PriceBelowAsk", message: "" } }
        : m
      return clientDo({ _tag: "Receive", envelope: { ...e, bytes: encodeSigned(strangerKey, lie) } })
    }
    case "Replay": {
      const e = at(w.seen, c.pick)
      return e === undefined ? undefined : deliver(e)
    }
    case "ChainHead": return providerDo({ _tag: "ChainHead", epoch: w.provider.epoch + BigInt(c.delta) })
  }
}

const PIECES = new Map<string, Model.Piece>([[piece.pieceCid.toString(), "P1"]])
const MODEL_PARAMS: Model.Params = { MaxEpoch: 0, MaxDeals: 0 }
type Negotiation = Pick<Model.State, "signed" | "decisions">
const modelState = (n: Negotiation): Model.State => ({ ...Model.Init({ ClientFunds: 0n, ProviderFunds: 0n }), ...n })

/**
 * One step refines StorageMarket.tla: a proposal the client made is ProposeDeal, a proposal the
 * provider decided is RespondToProposal — each enabled in the abstract state before and landing on
 * the abstraction after; every other step (and every refused one) leaves the abstraction as it was.
 */
const refines = (w: World, before: Negotiation, c: Command): Negotiation => {
  const after = abstractNegotiation(w.client, w.provider, PIECES)
  const newlySigned = [...after.signed].filter((k) => !before.signed.has(k))
  const newlyDecided = [...after.decisions].filter(([k]) => !before.decisions.has(k))
  let expected = modelState(before)
  for (const k of newlySigned) {
    const p = proposalOfKey(w, k)
    expected = Result.getOrThrow(Model.Actions.ProposeDeal.take(MODEL_PARAMS, expected, { p }))
  }
  for (const [k, d] of newlyDecided) {
    const p = proposalOfKey(w, k)
    expected = Result.getOrThrow(Model.Actions.RespondToProposal.take(MODEL_PARAMS, expected, { p, accept: d === "Accepted" }))
  }
  // a refused duplicate is a model action that is not enabled: the client's ProposeDeal
  // (NotYetProposed) or the provider's RespondToProposal (NotYetAnswered)
  if (w.refusal?.tag === "DuplicateProposal" && w.refusal.proposal !== undefined) {
    const p = w.refusal.proposal
    const m = modelState(before)
    const refused: Result.Result<Model.State, { readonly _tag: string }> = c._tag === "Propose"
      ? Model.Actions.ProposeDeal.take(MODEL_PARAMS, m, { p })
      : Model.Actions.RespondToProposal.take(MODEL_PARAMS, m, { p, accept: true })
    expect(Result.isFailure(refused) ? refused.failure._tag : "enabled").toBe(c._tag === "Propose" ? "NotYetProposed" : "NotYetAnswered")
  }
  // at most one action per step, of the kind the command is
  expect(newlySigned.length + newlyDecided.length).toBeLessThanOrEqual(1)
  if (newlySigned.length > 0) expect(c._tag).toBe("Propose")
  expect(Model.key(modelState(after))).toBe(Model.key(expected))
  return after
}

/** The model's record of the proposal a ProposeDeal with these terms makes (the fixture's piece is P1). */
const termsProposal = (t: DealTerms): Model.Proposal => ({
  piece: "P1", start: Number(t.startEpoch), end: Number(t.endEpoch), price: t.storagePricePerEpoch,
  clientCollateral: t.clientCollateral, providerCollateral: t.providerCollateral
})

const proposalOfKey = (w: World, k: string): Model.Proposal => {
  for (const d of w.client.deals.values()) {
    const a = abstractProposal(d.proposal.proposal, PIECES)
    if (a !== undefined && Model.proposalKey(a) === k) return a
  }
  throw new Error(`no proposal ${k}`)
}

/** The client believes only what the provider's records say. */
const consistent = (w: World): void => {
  for (const d of w.client.deals.values()) {
    const p = w.provider.deals.get(d.proposalCid.toString())
    if (d.status === "Proposed") continue
    // an answered proposal reached the provider, and the provider's record agrees
    expect(p).toBeDefined()
    if (d.status === "Published") {
      expect(p!.status).toBe("Published")
      expect(d.dealId).toBe(w.assigned.get(d.proposalCid.toString()))
      expect(d.dealId).toBe(p!.dealId)
    }
    if (d.status === "Accepted") expect(["Publishing", "Published", "Failed"]).toContain(p!.status)
    if (d.status === "Rejected") expect(d.rejection === "PublishFailed" ? "Failed" : "Rejected").toBe(p!.status)
  }
}

const freshWorld = (): World => ({
  client: freshClient(), provider: freshProvider(), toProvider: [], toClient: [], seen: [], publishes: [], nextDealId: 0n, assigned: new Map(), refusal: undefined
})

describe("the property can fail", () => {
  it("a client that does not check the provider's signature believes a forged DealAccepted (the prefix finds it)", () => {
    // the mutant: every answer reaches the real reducer re-signed by the provider's worker, as if
    // the signature check were gone
    const unchecked: typeof clientStep = (s, input) => {
      if (input._tag !== "Receive") return clientStep(s, input)
      const decoded = decodeMessage(input.envelope.bytes)
      if (Result.isFailure(decoded) || !isProviderMessage(decoded.success.message)) return clientStep(s, input)
      return clientStep(s, { ...input, envelope: { ...input.envelope, bytes: encodeSigned(workerKey, decoded.success.message) } })
    }
    const w = freshWorld()
    expect(() => {
      for (const c of PREFIX) {
        run(w, c, unchecked)
        consistent(w)
      }
    }).toThrow(/1000n/) // the client holds deal ID 1000, the provider assigned 0
  })
})

test.prop([fc.array(arbCommand, { minLength: 5, maxLength: 30 })], { seed: 8801, numRuns: 40 })(
  "refused inputs change nothing; the client's view agrees with the provider's records",
  (commands) => {
    const w = freshWorld()
    let negotiation = abstractNegotiation(w.client, w.provider, PIECES)
    for (const c of [...PREFIX, ...commands]) {
      run(w, c)
      consistent(w)
      negotiation = refines(w, negotiation, c)
    }
  }
)
