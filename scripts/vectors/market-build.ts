/**
 * Runs one market vector case through our implementation and builds the vector file's JSON:
 * `pre` is the chain after the case's setup (messages and clock moves on the world of
 * ./market-world.ts), `post` / `error` is what applying the message under test returned.  The
 * generator refuses a case whose outcome is not the one it names — exit code and tag, and for
 * batch methods the per-item exit codes of the return.
 *
 * @module
 */
import { Result } from "effect"
import { type Address, addressToString } from "../../src/impl/address/address.js"
import { decodeCbor } from "../../src/impl/encoding/cbor.js"
import type { Message, Receipt, VmState } from "../../src/impl/vm/interface.js"
import { applyImplicitMessage } from "../../src/impl/vm/tick.js"
import { applyMessage, atEpoch, DEFAULT_CIRCULATING_SUPPLY, resolveAddress } from "../../src/impl/vm/vm.js"
import { encodeChainState, encodeMessage, encodeReceipt, encodeVoucher } from "../../conformance/codec.js"
import { encodeDealProposal } from "../../conformance/storageCodec.js"
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import {
  decodeAddressParam, decodeBatchActivateDealsParams, decodeOnMinerSectorsTerminateParams, decodePublishStorageDealsParams,
  decodeRedeemVoucherParams, decodeSettleDealPaymentsParams, decodeVerifyDealsForActivationParams, decodeWithdrawBalanceParams,
  type SectorDeals
} from "../../src/impl/actors/market/params.js"
import { decodeDealQueryParams } from "../../src/impl/actors/market/queries.js"
import { bitFieldIndices } from "../../src/impl/encoding/bitfield.js"
import { toHex } from "../../src/impl/encoding/hex.js"
import { encodePip } from "../../src/proofs/pip.js"
import { type MessageJson, VECTOR_SCHEMA_ID } from "../../conformance/schema.js"
import { marketWorld, type MarketWorld, type Msg } from "./market-world.js"

/** A setup step: a message that must succeed, or a jump of the clock. */
export type MarketStep = ((w: MarketWorld) => Msg) | { readonly epoch: bigint }

/** What a case expects: success (with these batch failures, `[index, exit code]`), or a rejection. */
export type MarketExpect =
  | { readonly ok: true; readonly batchFailures?: ReadonlyArray<readonly [number, number]> }
  | { readonly exitCode: number; readonly tag: string }

/** One market vector case: `vectors/market/<method>/<name>.json`. */
export interface MarketCase {
  readonly method: string
  readonly name: string
  readonly description: string
  readonly setup?: ReadonlyArray<MarketStep>
  /** Start from this chain instead of the world's (the constructor's unconstructed market). */
  readonly pre?: (w: MarketWorld) => VmState
  readonly step: (w: MarketWorld, vm: VmState) => Msg
  readonly expect: MarketExpect
  /** A check of the return bytes of a success: what is wrong, or undefined. */
  readonly returns?: (ret: Uint8Array) => string | undefined
}

/** Success, with the given batch failures. */
export const ok = (batchFailures?: ReadonlyArray<readonly [number, number]>): MarketExpect =>
  batchFailures === undefined ? { ok: true } : { ok: true, batchFailures }
/** A rejection with this exit code and tag. */
export const rejected = (exitCode: number, tag: string): MarketExpect => ({ exitCode, tag })

const SUPPLY = { circulatingSupply: DEFAULT_CIRCULATING_SUPPLY }

const messageOf = (vm: VmState, m: Msg): Message => {
  const id = resolveAddress(vm, m.from)
  const nonce = m.nonce ?? (m.implicit === true || id === undefined ? 0n : vm.actors.get(id)!.sequence)
  return { from: m.from, to: m.to, value: m.value, method: m.method, params: m.params, nonce }
}

/** Applies a message as the case says (implicit or not). */
export const applyMsg = (vm: VmState, m: Msg): { readonly msg: Message; readonly vm: VmState; readonly receipt: Receipt } => {
  const msg = messageOf(vm, m)
  const out = m.implicit === true ? applyImplicitMessage(vm, msg) : applyMessage(vm, msg)
  return { msg, ...out }
}

/** The chain after a list of setup steps; throws naming the step that failed. */
export const runSetup = (id: string, w: MarketWorld, start: VmState, steps: ReadonlyArray<MarketStep>): VmState => {
  let vm = start
  for (const [i, s] of steps.entries()) {
    if (typeof s !== "function") {
      vm = atEpoch(vm, s.epoch)
      continue
    }
    const out = applyMsg(vm, s(w))
    if (out.receipt.exitCode !== 0) throw new Error(`${id}: setup step ${i} failed: ${out.receipt.exitCode} ${out.receipt.tag ?? ""} ${out.receipt.message ?? ""}`)
    vm = out.vm
  }
  return vm
}

/** The `[index, code]` failures of a batch return (its first element is `BatchReturn`). */
const batchFailures = (ret: Uint8Array): ReadonlyArray<readonly [number, number]> | undefined => {
  const v = decodeCbor(ret)
  if (Result.isFailure(v) || !Array.isArray(v.success) || !Array.isArray(v.success[0]) || !Array.isArray(v.success[0][1])) return undefined
  return (v.success[0][1] as Array<Array<number | bigint>>).map((f) => [Number(f[0]), Number(f[1])] as const)
}

const json = (vm: VmState): string => JSON.stringify(encodeChainState(vm, SUPPLY))

const bumpNonce = (vm: VmState, from: Address): VmState => {
  const id = resolveAddress(vm, from)!
  const actors = new Map(vm.actors)
  actors.set(id, { ...actors.get(id)!, sequence: actors.get(id)!.sequence + 1n })
  return { ...vm, actors }
}

/**
 * Runs a case and returns its vector; throws if the case does not behave as it says.
 *
 * @category vectors
 * @since 0.2.0
 */
export const buildMarketVector = (c: MarketCase): Record<string, unknown> => {
  const id = `market/${c.method}/${c.name}`
  const w = marketWorld()
  const pre = runSetup(id, w, c.pre === undefined ? w.vm : c.pre(w), c.setup ?? [])
  const m = c.step(w, pre)
  const { msg, vm: after, receipt } = applyMsg(pre, m)
  const e = c.expect
  if ("ok" in e) {
    if (receipt.exitCode !== 0) throw new Error(`${id}: expected success, got ${receipt.exitCode} ${receipt.tag ?? ""} ${receipt.message ?? ""}`)
    const got = batchFailures(receipt.return)
    if (e.batchFailures !== undefined && JSON.stringify(got) !== JSON.stringify(e.batchFailures)) {
      throw new Error(`${id}: expected batch failures ${JSON.stringify(e.batchFailures)}, got ${JSON.stringify(got)}`)
    }
    const wrong = c.returns?.(receipt.return)
    if (wrong !== undefined) throw new Error(`${id}: ${wrong}`)
  } else if (receipt.exitCode !== e.exitCode || receipt.tag !== e.tag) {
    throw new Error(`${id}: expected ${e.exitCode} ${e.tag}, got ${receipt.exitCode} ${receipt.tag ?? ""} ${receipt.message ?? ""}`)
  }
  const decoded = decodedOf(msg)
  const action: MessageJson = { ...encodeMessage(msg), ...(m.implicit === true ? { implicit: true as const } : {}), ...(decoded === undefined ? {} : { decoded }) }
  let outcome: Record<string, unknown>
  if (receipt.exitCode === 0) {
    outcome = { post: { ...encodeChainState(after, SUPPLY), receipt: encodeReceipt(receipt) } }
  } else {
    const nonceIncremented = json(after) !== json(pre)
    if (nonceIncremented && (m.implicit === true || json(after) !== json(bumpNonce(pre, msg.from)))) {
      throw new Error(`${id}: a rejected message changed more than the sender's nonce`)
    }
    outcome = { error: { exitCode: receipt.exitCode, tag: receipt.tag ?? "", message: receipt.message ?? "", nonceIncremented } }
  }
  return { schema: VECTOR_SCHEMA_ID, description: c.description, pre: encodeChainState(pre, SUPPLY), action, ...outcome }
}

const dec = (x: bigint): string => String(x)
const sectorsJson = (ss: ReadonlyArray<SectorDeals>) =>
  ss.map((x) => ({ sectorNumber: dec(x.sectorNumber), sectorType: dec(x.sectorType), sectorExpiry: dec(x.sectorExpiry), dealIds: x.dealIds.map(dec) }))
const ok_ = <A>(r: Result.Result<A, unknown>): A | undefined => (Result.isSuccess(r) ? r.success : undefined)

/** The params of a message to the market decoded field by field, for readers (runners ignore them); undefined if they do not decode. */
const decodedOf = (msg: Message): MessageJson["decoded"] => {
  if (msg.to.protocol !== 0 || addressToString(msg.to, "f") !== "f05" || msg.params.length === 0) return undefined
  const M = MarketMethod
  switch (msg.method) {
    case M.AddBalance: case M.AddBalanceExported: case M.GetBalanceExported: {
      const a = ok_(decodeAddressParam(msg.params))
      return a === undefined ? undefined : { type: "AddressParams", address: show(a) }
    }
    case M.WithdrawBalance: case M.WithdrawBalanceExported: {
      const p = ok_(decodeWithdrawBalanceParams(msg.params))
      return p === undefined ? undefined : { type: "WithdrawBalanceParams", providerOrClient: show(p.providerOrClient), amount: dec(p.amount) }
    }
    case M.PublishStorageDeals: case M.PublishStorageDealsExported: {
      const deals = ok_(decodePublishStorageDealsParams(msg.params))
      return deals === undefined ? undefined : {
        type: "PublishStorageDealsParams",
        deals: deals.map((d) => ({ proposal: encodeDealProposal(d.proposal), clientSignature: { type: d.clientSignature.type, data: toHex(d.clientSignature.data) } }))
      }
    }
    case M.VerifyDealsForActivation: {
      const ss = ok_(decodeVerifyDealsForActivationParams(msg.params))
      return ss === undefined ? undefined : { type: "VerifyDealsForActivationParams", sectors: sectorsJson(ss) }
    }
    case M.BatchActivateDeals: {
      const p = ok_(decodeBatchActivateDealsParams(msg.params))
      return p === undefined ? undefined : { type: "BatchActivateDealsParams", sectors: sectorsJson(p.sectors), computeCid: p.computeCid }
    }
    case M.OnMinerSectorsTerminate: {
      const p = ok_(decodeOnMinerSectorsTerminateParams(msg.params))
      return p === undefined ? undefined : { type: "OnMinerSectorsTerminateParams", epoch: dec(p.epoch), sectors: bitFieldIndices(p.sectors).map(dec) }
    }
    case M.SettleDealPaymentsExported: {
      const ids = ok_(decodeSettleDealPaymentsParams(msg.params))
      return ids === undefined ? undefined : { type: "SettleDealPaymentsParams", dealIds: bitFieldIndices(ids).map(dec) }
    }
    case M.RedeemVoucherExported: {
      const p = ok_(decodeRedeemVoucherParams(msg.params))
      const pip = p === undefined ? undefined : ok_(encodePip(p.pip))
      return p === undefined || pip === undefined ? undefined : { type: "RedeemVoucherParams", voucher: encodeVoucher(p.voucher), pip: toHex(pip) }
    }
    default: {
      const id = Object.entries(M).some(([k, v]) => k.startsWith("GetDeal") && v === msg.method) ? ok_(decodeDealQueryParams(msg.params)) : undefined
      return id === undefined ? undefined : { type: "DealQueryParams", dealId: dec(id) }
    }
  }
}

/** An address as written in descriptions. */
export const show = (a: Address): string => addressToString(a, "f")
