/**
 * Test helper: runs a sequence of StorageMarket model steps on the implementation and the model
 * side by side (see StorageMarket.test.ts for what is checked and why).
 */
import { Result } from "effect"
import { expect } from "vitest"
import { decodeCbor } from "../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import type { Receipt, VmState } from "../../src/impl/vm/interface.js"
import { cronTick } from "../../src/impl/vm/tick.js"
import { atEpoch, resolveAddress, send } from "../../src/impl/vm/vm.js"
import { type ClientState, clientStep, initialClient } from "../../src/impl/parties/client/index.js"
import { encodeMessage } from "../../src/impl/parties/messages.js"
import type { ChainMessage, Envelope } from "../../src/impl/parties/interface.js"
import { DEFAULT_POLICY, type AcceptancePolicy } from "../../src/impl/parties/provider/policy.js"
import { initialProvider, type ProviderState, providerStep } from "../../src/impl/parties/provider/index.js"
import { chainMessageCid } from "../../src/impl/parties/network.js"
import { MarketExitCode } from "../../src/impl/actors/market/policy.js"
import { conjunctFailure } from "../../src/impl/actors/market/abstraction.js"
import type { Address } from "../../src/impl/address/interface.js"
import { type ActionArgs, type Constants, Init, proposalKey, type State, VoucherAuthorised, voucherKey } from "../../src/model/StorageMarket.js"
import type { SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { abstractMarket, type Ghosts } from "./_abstractMarket.js"
import { type Malformed, malformedStep } from "./_marketMalformed.js"
import { type ModelStep, offered, type Pick, resolvePick, takeModel } from "./_marketSteps.js"
import {
  activateMessage, addBalanceMessage, clientDealProposal, clientSignsVoucher, type Concrete, dealProposal, makeMarketWorld, marketState,
  type MarketWorld, pieceRef, publishMessage, redeemMessage, settleMessage, terminateMessage, totalFil, withdrawMessage, withNonceBumped
} from "./_concretizeMarket.js"

export type { Malformed, ModelStep }
export { takeModel }

export type RStep =
  | { readonly kind: "pick"; readonly pick: Pick; readonly concrete: Concrete }
  | { readonly kind: "step"; readonly step: ModelStep; readonly concrete: Concrete }
  | { readonly kind: "malformed"; readonly bad: Malformed }

/** Outcomes seen over all runs (`Action:ok`, `Action.Conjunct`, `malformed:<kind>`), with how often. */
export const tally = new Map<string, number>()
export const seen = { add: (o: string) => void tally.set(o, (tally.get(o) ?? 0) + 1), has: (o: string) => tally.has(o) }

/** The provider's acceptance policy is the environment's choice (the model leaves the decision free). */
const ACCEPT_ALL: AcceptancePolicy = {
  ...DEFAULT_POLICY, minPricePerEpochPerGiB: 0n, minPieceSize: 0n, maxPieceSize: 1n << 40n, minDuration: -(10n ** 9n),
  maxDuration: 10n ** 9n, maxProviderCollateral: 10n ** 30n, minStartDelay: -(10n ** 9n)
}
const REJECT_ALL: AcceptancePolicy = { ...ACCEPT_ALL, maxProviderCollateral: -1n }

/** The code of item 0 of a batch return `[BatchReturn, …]` (0: it succeeded). */
const firstItemCode = (r: Receipt): number => {
  const v = Result.getOrThrow(decodeCbor(r.return)) as [[bigint, Array<[bigint, bigint]>], unknown]
  const failed = v[0][1].find(([idx]) => Number(idx) === 0)
  return failed === undefined ? 0 : Number(failed[1])
}

/** The deals the chain's cron would process now, in its order (entries after the last tick up to the epoch). */
export const dueDeals = (vm: VmState): Array<number> => {
  const st = marketState(vm)
  const out: Array<number> = []
  for (let e = st.lastCron + 1n; e <= vm.epoch; e++) for (const id of st.dealOpsByEpoch.get(e) ?? []) if (st.proposals.has(id)) out.push(Number(id))
  return out
}

/**
 * How the implementation rejects a step whose `conjunct` fails: the message's tag and exit code, or
 * a batch item's code — the market's table (abstraction.ts › conjunctFailure, which tells a deal
 * never published, 17, from one that is gone, 32); but SettleDealPayments reports either as 32
 * (its `deal not found` item) and a settlement not yet due is a zero settlement, item 0; a
 * transfer beyond the sender's balance fails in the VM (6).
 */
const expectedFailure = (step: ModelStep, conjunct: string, s: State): { readonly tag: string; readonly exitCode: number } | { readonly item: number } => {
  const deal = step.action === "ActivateDeals" ? step.args.d : step.action === "RedeemVoucher" ? step.args.v.deal : undefined
  const table = conjunctFailure(conjunct, deal !== undefined && deal < s.nextId)
  switch (step.action) {
    case "AddBalance":
      return conjunct === "SenderCanPay" ? { tag: "InsufficientFunds", exitCode: ExitCode.SYS_INSUFFICIENT_FUNDS } : table!
    case "ActivateDeals":
      return conjunct === "CallerIsMiner" ? table! : { item: table!.exitCode }
    case "SettleDealPayments": return { item: conjunct === "DealPublished" ? MarketExitCode.EX_DEAL_EXPIRED : 0 }
    default: return table!
  }
}

/** The harness: the chain, the parties, the ghosts, and the model beside them. */
interface Run {
  readonly c: Constants
  readonly w: MarketWorld
  vm: VmState
  model: State
  client: ClientState
  provider: ProviderState
  wallet: Array<SignedVoucher>
  redemptions: Map<string, number>
  /** The client's DealProposal envelopes, by model proposal key. */
  inFlight: Map<string, Envelope>
  /** The provider's PublishStorageDeals messages, by model proposal key. */
  publishes: Map<string, ChainMessage>
}

const ghosts = (r: Run): Ghosts => ({
  client: r.client, provider: r.provider, wallet: r.wallet, redemptions: r.redemptions, dealLog: r.model.dealLog
})
const abstract = (r: Run, vm: VmState = r.vm): State => abstractMarket(vm, r.w, ghosts(r))

/**
 * Runs `steps` from a fresh chain with constants `c`, checking every step (StorageMarket.test.ts).
 */
export const runSequence = (c: Constants, steps: ReadonlyArray<RStep>, clientKeyType: 1 | 2 = 1): void => {
  const w = makeMarketWorld(c, clientKeyType)
  const r: Run = {
    c, w, vm: w.vm, model: Init(c), client: initialClient(w.client), provider: initialProvider(w.miner, w.control, ACCEPT_ALL, w.vm.epoch),
    wallet: [], redemptions: new Map(), inFlight: new Map(), publishes: new Map()
  }
  const fil = totalFil(r.vm)
  expect(abstract(r)).toEqual(r.model)
  for (const s of steps) {
    if (s.kind === "malformed") {
      malformedStep(r, s.bad)
      seen.add(`malformed:${s.bad.kind}`)
    } else {
      const step = s.kind === "pick" ? resolvePick(c, r.model, s.pick) : s.step
      takeOne(r, step, s.concrete)
    }
    expect(totalFil(r.vm), "total FIL").toBe(fil)
  }
}

const terms = (w: MarketWorld, p: ActionArgs["ProposeDeal"]["p"]) => {
  const d = dealProposal(w, p)
  return {
    pieceSize: d.pieceSize, label: d.label, startEpoch: d.startEpoch, endEpoch: d.endEpoch, storagePricePerEpoch: d.storagePricePerEpoch,
    providerCollateral: d.providerCollateral, clientCollateral: d.clientCollateral
  }
}
/** One model step on both sides. */
const takeOne = (r: Run, step: ModelStep, k: Concrete): void => {
  const { c, w } = r
  if (!offered(c, r.model, step)) {
    // a client-signed proposal the provider has not accepted: the client proposes it and the provider accepts it first, if they would
    if (step.action === "PublishStorageDeals") {
      const { p } = step.args
      const negotiate: Array<ModelStep> = [{ action: "ProposeDeal", args: { p } }, { action: "RespondToProposal", args: { p, accept: true } }]
      let s = r.model
      for (const n of negotiate) {
        const t = takeModel(c, s, n)
        if (Result.isSuccess(t)) s = t.success
      }
      if (!offered(c, s, step)) return
      for (const n of negotiate) if (Result.isSuccess(takeModel(c, r.model, n))) takeOne(r, n, k)
      return takeOne(r, step, k)
    }
    // a client-signed voucher beyond what the client signed: the client signs it first, if it would
    if (step.action === "RedeemVoucher" && step.args.v.signer === "Client" && step.args.v.amount > VoucherAuthorised(r.model, step.args.v.deal)) {
      const sign = takeModel(c, r.model, { action: "SignVoucher", args: { d: step.args.v.deal, a: step.args.v.amount } })
      if (Result.isFailure(sign)) return
      takeOne(r, { action: "SignVoucher", args: { d: step.args.v.deal, a: step.args.v.amount } }, k)
      return takeOne(r, step, k)
    }
    return
  }
  const expected = takeModel(c, r.model, step)
  const label = `${step.action} ${JSON.stringify(step.args, (_, v) => (typeof v === "bigint" ? `${v}` : v))}`
  const accept = (next: State) => {
    r.model = next
    seen.add(`${step.action}:ok`)
    expect(abstract(r), label).toEqual(next)
  }
  switch (step.action) {
    case "Tick": {
      if (Result.isFailure(expected)) return
      r.vm = atEpoch(r.vm, r.vm.epoch + 1n)
      r.provider = Result.getOrThrow(providerStep(r.provider, { _tag: "ChainHead", epoch: r.vm.epoch })).state
      return accept(expected.success)
    }
    case "SignVoucher": {
      // the client's own choice what to sign: it signs only where the model's client would
      if (Result.isFailure(expected)) return
      r.wallet.push(clientSignsVoucher(w, step.args.d, step.args.a))
      return accept(expected.success)
    }
    case "ProposeDeal": {
      const out = clientStep(r.client, { _tag: "ProposeDeal", provider: w.miner, providerWorker: w.control.address, piece: pieceRef(step.args.p), terms: terms(w, step.args.p) })
      if (Result.isFailure(expected)) {
        seen.add(`${step.action}.${expected.failure}`)
        expect(expected.failure).toBe("NotYetProposed")
        expect(Result.isFailure(out) && out.failure.tag, label).toBe("DuplicateProposal")
        return
      }
      const ok = Result.getOrThrow(out)
      expect(ok.outbox).toHaveLength(1)
      r.client = ok.state
      r.inFlight.set(proposalKey(step.args.p), ok.outbox[0]!)
      return accept(expected.success)
    }
    case "RespondToProposal": {
      const key = proposalKey(step.args.p)
      // a proposal the client did not send: one in its name that it did not sign
      const envelope = r.inFlight.get(key) ?? {
        from: w.client.address, to: w.miner,
        bytes: encodeMessage({ _tag: "DealProposal", proposal: clientDealProposal(w, step.args.p, "Forged", "Valid", k), piece: pieceRef(step.args.p) }, null)
      }
      const out = providerStep({ ...r.provider, policy: step.args.accept ? ACCEPT_ALL : REJECT_ALL }, { _tag: "Receive", envelope })
      if (Result.isFailure(expected)) {
        seen.add(`${step.action}.${expected.failure}`)
        const want = { ProposalReceived: "InvalidClientSignature", NotYetAnswered: "DuplicateProposal" }[expected.failure]
        expect(Result.isFailure(out) && out.failure.tag, label).toBe(want)
        return
      }
      const ok = Result.getOrThrow(out)
      r.provider = { ...ok.state, policy: ACCEPT_ALL }
      // the client hears the answer
      r.client = Result.getOrThrow(clientStep(r.client, { _tag: "Receive", envelope: ok.outbox[0]! })).state
      expect(ok.chainMessages).toHaveLength(step.args.accept ? 1 : 0)
      if (step.args.accept) r.publishes.set(key, ok.chainMessages[0]!)
      return accept(expected.success)
    }
    case "CronTick": return cron(r, step.args.d, expected, accept)
    default: return chainStep(r, step, k, expected, label, accept)
  }
}

/**
 * CronTick(d): the chain's implicit cron tick, which processes every deal due.  Enabled: d is due
 * and the cron is the model's CronTick of every due deal in turn; or d is not due (the model's
 * cron may reach an activated deal already settled, whose entry the chain's cron dropped when it
 * first took it out of the pending set — the same effect as SettleDealPayments), and there is no
 * such chain step.  Not enabled: the chain's cron has no entry for d; when nothing else is due it
 * runs and changes nothing the model sees.
 */
const cron = (r: Run, d: number, expected: Result.Result<State, string>, accept: (s: State) => void): void => {
  const due = dueDeals(r.vm)
  if (Result.isFailure(expected)) {
    seen.add(`CronTick.${expected.failure}`)
    expect(due, `CronTick(${d}) not enabled (${expected.failure}) but due on chain`).not.toContain(d)
    if (due.length > 0) return
    r.vm = Result.getOrThrow(cronTick(r.vm))
    expect(abstract(r)).toEqual(r.model)
    return
  }
  if (!due.includes(d)) {
    expect(r.model.dealStates.get(d)?.updated, `CronTick(${d}) enabled but not due on chain`).toBe(true)
    seen.add("CronTick:unscheduled")
    return
  }
  let next = r.model
  for (const id of due) next = Result.getOrThrow(takeModel(r.c, next, { action: "CronTick", args: { d: id } }))
  r.vm = Result.getOrThrow(cronTick(r.vm))
  accept(next)
}

/** A market method step as a chain message. */
const chainStep = (r: Run, step: ModelStep, k: Concrete, expected: Result.Result<State, string>, label: string, accept: (s: State) => void): void => {
  const { w } = r
  // the model's bound on deal ids has no chain counterpart
  if (Result.isFailure(expected) && expected.failure === "DealIdsLeft") return
  let message
  switch (step.action) {
    case "AddBalance": message = addBalanceMessage(w, step.args.who, step.args.amount); break
    case "WithdrawBalance": message = withdrawMessage(w, step.args.who, step.args.caller, step.args.amount, k); break
    case "PublishStorageDeals": {
      const { p, sig, form, caller } = step.args
      // on chain the cron tick ends its epoch: no deal is published after the cron of its start epoch ran
      if (Result.isSuccess(expected) && marketState(r.vm).lastCron >= BigInt(p.start)) return
      const cdp = clientDealProposal(w, p, sig, form, k)
      message = publishMessage(w, cdp, caller, k)
      const theirs = r.publishes.get(proposalKey(p))
      if (sig === "Client" && form === "Valid" && caller === "Provider" && theirs !== undefined) {
        // the provider's own message: the same proposal bytes the harness makes
        expect(theirs.message.params).toEqual(message.params)
        message = theirs.message
      }
      break
    }
    case "ActivateDeals": message = activateMessage(w, step.args.d, step.args.s, step.args.caller); break
    case "SettleDealPayments": message = settleMessage(w, step.args.d); break
    case "OnMinerSectorsTerminate": message = terminateMessage(w, step.args.s, step.args.caller, r.vm.epoch); break
    case "RedeemVoucher": message = redeemMessage(w, step.args.v, step.args.pip, step.args.caller, k); break
    default: throw new Error(`not a chain step: ${step.action}`)
  }
  const before = r.vm
  const applied = send(before, message)
  const receipt = applied.receipt
  const batch = step.action === "ActivateDeals" || step.action === "SettleDealPayments"
  if (Result.isSuccess(expected)) {
    expect(receipt, `${label}: ${receipt.tag} ${receipt.message}`).toMatchObject({ exitCode: 0 })
    // activation succeeds item by item; settlement's time-out of a deal never activated is a failed item that changes the state
    if (batch) {
      const timeout = step.action === "SettleDealPayments" && !r.model.dealStates.has(step.args.d)
      expect(firstItemCode(receipt), label).toBe(timeout ? MarketExitCode.EX_DEAL_EXPIRED : 0)
    }
    r.vm = applied.vm
    if (step.action === "RedeemVoucher") {
      const vk = voucherKey(step.args.v.deal, step.args.v.amount)
      r.redemptions.set(vk, (r.redemptions.get(vk) ?? 0) + 1)
    }
    if (step.action === "PublishStorageDeals") feedReceipt(r, step.args.p, message, receipt)
    return accept(expected.success)
  }
  const conjunct = expected.failure
  seen.add(`${step.action}.${conjunct}`)
  const want = expectedFailure(step, conjunct, r.model)
  if ("item" in want) {
    expect(receipt, `${label}: ${receipt.tag} ${receipt.message}`).toMatchObject({ exitCode: 0 })
    expect(firstItemCode(receipt), `${label}: model says ${conjunct}`).toBe(want.item)
  } else {
    expect({ tag: receipt.tag, exitCode: receipt.exitCode }, `${label}: model says ${conjunct}; impl says ${receipt.message}`).toEqual(want)
  }
  expect(applied.vm, label).toEqual(withNonceBumped(before, message.from))
  r.vm = applied.vm
  if (step.action === "PublishStorageDeals") feedReceipt(r, step.args.p, message, receipt)
  expect(abstract(r)).toEqual(r.model)
}

/** The provider learns how its own publish went (other senders' messages are not its). */
const feedReceipt = (r: Run, p: ActionArgs["ProposeDeal"]["p"], message: { readonly from: Address; readonly params: Uint8Array }, receipt: Receipt): void => {
  const theirs = r.publishes.get(proposalKey(p))
  if (theirs === undefined || theirs.message.params !== message.params) return
  r.publishes.delete(proposalKey(p))
  const nonce = r.vm.actors.get(resolveAddress(r.vm, message.from)!)!.sequence - 1n
  const fed = providerStep(r.provider, {
    _tag: "PublishReceipt", proposalCid: theirs.purpose.proposalCid, messageCid: chainMessageCid({ ...theirs.message, nonce }), receipt
  })
  r.provider = Result.getOrThrow(fed).state
}

