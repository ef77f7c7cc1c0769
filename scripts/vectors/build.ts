/**
 * Runs one vector case through our implementation (and, for a case derived from a model step,
 * through the model beside it) and builds the vector file's JSON.  Nothing in a vector is written
 * by hand: `pre` is the chain after the case's setup steps, `post` / `error` is what
 * `applyMessage` returned.  The generator refuses a case whose outcome is not the one the case
 * expects, or where the implementation and the model disagree.
 *
 * @module
 */
import { Result } from "effect"
import * as Model from "../../src/model/PaymentChannel.js"
import { abstractPaymentChannel, IMPL_FAILURE } from "../../src/impl/actors/paych/abstraction.js"
import { PaychMethod } from "../../src/impl/actors/paych/index.js"
import { decodeConstructorParams, decodeUpdateChannelStateParams } from "../../src/impl/actors/paych/types.js"
import { InitMethod } from "../../src/impl/actors/init/index.js"
import type { Address } from "../../src/impl/address/address.js"
import { decodeCbor, readBytes, readTuple } from "../../src/impl/encoding/cbor.js"
import { toHex } from "../../src/impl/encoding/hex.js"
import type { Message, Receipt, VmState } from "../../src/impl/vm/interface.js"
import { applyMessage, atEpoch, resolveAddress } from "../../src/impl/vm/vm.js"
import { addr, encodeChainState, encodeMessage, encodeReceipt, encodeVoucher } from "../../conformance/codec.js"
import { type MessageJson, type ModelJson, VECTOR_SCHEMA_ID } from "../../conformance/schema.js"
import { CID } from "multiformats/cid"
import { concreteMessage, type Knobs, makeWorld, type ModelStep, type Unsent, type World, type WorldOptions } from "./world.js"

/** A step of a case: a model step (concretized), a raw message, or a jump of the clock. */
export type Step =
  | { readonly model: ModelStep; readonly knobs?: Knobs }
  | { readonly raw: (w: World, vm: VmState) => Unsent }
  | { readonly epoch: bigint }

/** What a case expects: success, or a rejection with this exit code and tag. */
export type Expect = "ok" | { readonly exitCode: number; readonly tag: string }

/**
 * One vector case: where it goes (`vectors/paych/<action>/<name>.json`), what it shows, the
 * chain it starts from, the steps that build `pre`, the message under test, and what must happen.
 */
export interface Case {
  readonly action: string
  readonly name: string
  readonly description: string
  readonly world?: WorldOptions
  readonly setup?: ReadonlyArray<Step>
  readonly step: Exclude<Step, { readonly epoch: bigint }>
  readonly expect: Expect
}

interface Running {
  readonly w: World
  vm: VmState
  model: Model.State | undefined
}

const parties = (w: World) => ({ channel: w.channel, from: w.from.address, to: w.to.address })

const messageOf = (r: Running, step: Exclude<Step, { readonly epoch: bigint }>): Message => {
  const unsent = "model" in step ? concreteMessage(r.w, step.model, step.knobs) : step.raw(r.w, r.vm)
  const id = resolveAddress(r.vm, unsent.from)
  const nonce = unsent.nonce ?? (id === undefined ? 0n : r.vm.actors.get(id)!.sequence)
  return { from: unsent.from, to: unsent.to, value: unsent.value, method: unsent.method, params: unsent.params, nonce }
}

type ModelResult = Result.Result<Model.State, Model.PaymentChannelNotEnabled>

const modelStep = (params: Model.Params, s: Model.State, step: ModelStep): ModelResult => {
  switch (step.action) {
    case "UpdateChannelState": return Model.UpdateChannelState(params, s, step.args)
    case "Settle": return Model.Settle(params, s, step.args)
    case "Collect": return Model.Collect(params, s, step.args)
    case "AddFunds": return Model.AddFunds(params, s, step.args)
  }
}

/** Checks that the implementation's step refines the model's; throws with the case name if not. */
const checkRefinement = (name: string, w: World, after: VmState, receipt: Receipt, m: ModelResult): void => {
  if (Result.isSuccess(m)) {
    if (receipt.exitCode !== 0) throw new Error(`${name}: the model takes the step, the chain rejects it (${receipt.exitCode} ${receipt.tag})`)
    if (Model.key(abstractPaymentChannel(after, parties(w))) !== Model.key(m.success)) throw new Error(`${name}: chain and model disagree on the state after`)
    return
  }
  const tag = m.failure._tag
  const want = tag === "ClockRunning" || tag === "SignsMore" ? undefined : IMPL_FAILURE[tag]
  if (want === undefined || want.exitCode !== receipt.exitCode || want.tag !== receipt.tag) {
    throw new Error(`${name}: the model says ${tag}, the chain answered ${receipt.exitCode} ${receipt.tag}`)
  }
}

const apply = (name: string, r: Running, step: Step): { readonly msg: Message; readonly vm: VmState; readonly receipt: Receipt; readonly model?: ModelResult } | undefined => {
  if ("epoch" in step) {
    r.vm = atEpoch(r.vm, step.epoch)
    if (r.model !== undefined) r.model = { ...r.model, epoch: Number(step.epoch) }
    return undefined
  }
  const msg = messageOf(r, step)
  const { vm, receipt } = applyMessage(r.vm, msg)
  if (!("model" in step) || r.model === undefined) return { msg, vm, receipt }
  const model = modelStep(r.w.params, r.model, step.model)
  checkRefinement(name, r.w, vm, receipt, model)
  return { msg, vm, receipt, model }
}

// ---------------------------------------------------------------------------------------------
// JSON

const modelStateJson = (s: Model.State) => ({
  epoch: s.epoch, fromBalance: String(s.balance.From), toBalance: String(s.balance.To), channelBalance: String(s.balance.Channel),
  toSend: String(s.toSend), settlingAt: s.settlingAt, minSettleHeight: s.minSettleHeight,
  laneStates: [...s.laneStates].sort(([a], [b]) => a - b).map(([lane, ls]) => ({ lane, redeemed: String(ls.redeemed), nonce: ls.nonce })),
  collected: s.collected
})

const modelStepJson = (step: ModelStep): ModelJson["step"] => {
  switch (step.action) {
    case "UpdateChannelState": {
      const { by, v, secret } = step.args
      return { action: step.action, args: { by, secret, v: { ...v, amount: String(v.amount), merges: v.merges.map((m) => ({ ...m })) } } }
    }
    case "Settle":
    case "Collect": return { action: step.action, args: { by: step.args.by } }
    case "AddFunds": return { action: step.action, args: { amount: String(step.args.amount) } }
  }
}

/** The decoded params of a message, for readers, when they decode. */
const decodedOf = (pre: VmState, msg: Message): MessageJson["decoded"] => {
  const id = resolveAddress(pre, msg.to)
  const kind = id === undefined ? undefined : pre.actors.get(id)?.kind
  if (kind === "paymentchannel" && msg.method === PaychMethod.UpdateChannelState) {
    const p = decodeUpdateChannelStateParams(msg.params)
    return Result.isSuccess(p) ? { type: "UpdateChannelStateParams", sv: encodeVoucher(p.success.sv), secret: toHex(p.success.secret) } : undefined
  }
  if (kind === "init" && msg.method === InitMethod.Exec) {
    const t = Result.flatMap(decodeCbor(msg.params), (v) => readTuple(v, 2, "ExecParams"))
    if (Result.isFailure(t)) return undefined
    const cid = CID.asCID(t.success[0])
    const inner = readBytes(t.success[1], "constructor_params")
    if (cid === null || Result.isFailure(inner)) return undefined
    const ctor = decodeConstructorParams(inner.success)
    return {
      type: "ExecParams", codeCid: cid.toString(),
      constructorParams: Result.isSuccess(ctor) ? { from: addr(ctor.success.from), to: addr(ctor.success.to) } : null
    }
  }
  return undefined
}

const bumpNonce = (vm: VmState, msg: Message): VmState => {
  const id = resolveAddress(vm, msg.from)!
  const actors = new Map(vm.actors)
  actors.set(id, { ...actors.get(id)!, sequence: actors.get(id)!.sequence + 1n })
  return { ...vm, actors }
}

const idOf = (vm: VmState, a: Address): string => `f0${resolveAddress(vm, a)}`

const same = (a: VmState, b: VmState): boolean => JSON.stringify(encodeChainState(a)) === JSON.stringify(encodeChainState(b))

/**
 * Runs a case and returns its vector (a JSON value); throws if the case does not behave as it says.
 *
 * @category vectors
 * @since 0.1.0
 */
export const buildVector = (c: Case): Record<string, unknown> => {
  const id = `${c.action}/${c.name}`
  const w = makeWorld(c.world)
  const r: Running = { w, vm: w.vm, model: c.world?.noChannel === true ? undefined : abstractPaymentChannel(w.vm, parties(w)) }
  for (const [i, s] of (c.setup ?? []).entries()) {
    const out = apply(`${id} setup ${i}`, r, s)
    if (out === undefined) continue
    if (out.receipt.exitCode !== 0) throw new Error(`${id}: setup step ${i} failed: ${out.receipt.exitCode} ${out.receipt.message}`)
    r.vm = out.vm
    if (out.model !== undefined && Result.isSuccess(out.model)) r.model = out.model.success
  }
  const pre = r.vm
  const modelPre = r.model
  const out = apply(id, r, c.step)!
  const { msg, vm: after, receipt } = out
  if (c.expect === "ok" ? receipt.exitCode !== 0 : receipt.exitCode !== c.expect.exitCode || receipt.tag !== c.expect.tag) {
    throw new Error(`${id}: expected ${c.expect === "ok" ? "success" : `${c.expect.exitCode} ${c.expect.tag}`}, got ${receipt.exitCode} ${receipt.tag ?? ""} ${receipt.message ?? ""}`)
  }
  const action: MessageJson = { ...encodeMessage(msg), ...(decodedOf(pre, msg) === undefined ? {} : { decoded: decodedOf(pre, msg)! }) }
  let outcome: Record<string, unknown>
  if (receipt.exitCode === 0) {
    outcome = { post: { ...encodeChainState(after), receipt: encodeReceipt(receipt) } }
  } else {
    const nonceIncremented = !same(after, pre)
    if (nonceIncremented && !same(after, bumpNonce(pre, msg))) throw new Error(`${id}: a rejected message changed more than the sender's nonce`)
    outcome = { error: { exitCode: receipt.exitCode, tag: receipt.tag ?? "", message: receipt.message ?? "", nonceIncremented } }
  }
  const model = out.model !== undefined && modelPre !== undefined && "model" in c.step ? {
    model: {
      constants: w.params,
      parties: { from: idOf(w.vm, w.from.address), to: idOf(w.vm, w.to.address), stranger: idOf(w.vm, w.stranger.address), channel: idOf(w.vm, w.channel) },
      pre: modelStateJson(modelPre),
      step: modelStepJson(c.step.model),
      ...(Result.isSuccess(out.model) ? { post: modelStateJson(out.model.success) } : { notEnabled: out.model.failure._tag })
    }
  } : {}
  return { schema: VECTOR_SCHEMA_ID, description: c.description, pre: encodeChainState(pre), action, ...outcome, ...model }
}
