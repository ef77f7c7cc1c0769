/**
 * Between the vector format's JSON (conformance/schema.ts) and our implementation's values: chain
 * state (`VmState`), messages, receipts and vouchers.  Used by our adapter (JSON → impl → JSON)
 * and by the vector generator (impl → JSON).
 *
 * The JSON state holds what any implementation needs and nothing of ours: the Init actor's address
 * map is not listed, because every entry in it is an actor's robust address (`robust`), and the
 * Init actor's state carries `nextId`.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { AccountState } from "../src/impl/actors/account/index.js"
import type { LaneState, PaychState } from "../src/impl/actors/paych/state.js"
import type { SignedVoucher } from "../src/impl/actors/paych/types.js"
import { type Address, addressId, addressToBytes, addressToString, parseAddress } from "../src/impl/address/address.js"
import type { SigType } from "../src/impl/crypto/interface.js"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import type { ActorEntry, ActorId, Message, Receipt, VmState } from "../src/impl/vm/interface.js"
import { builtinActors, networkOf, PRODUCTION_NETWORK, type NetworkParams } from "../src/impl/actors/builtin.js"
import { INIT_ACTOR_ID } from "../src/impl/vm/vm.js"
import type { ActorJson, ChainStateJson, MessageJson, ReceiptJson, VoucherJson } from "./schema.js"
import type { CronState } from "../src/impl/actors/cron/index.js"
import type { MarketState } from "../src/impl/actors/market/state.js"
import type { MinerState } from "../src/impl/actors/miner/state.js"
import type { PowerState } from "../src/impl/actors/power/state.js"
import type { RewardState } from "../src/impl/actors/reward/state.js"
import { DEFAULT_CIRCULATING_SUPPLY } from "../src/impl/vm/vm.js"
import {
  decodeCronState, decodeMarketState, decodeMinerState, decodePowerState, decodeRewardState, encodeCronState, encodeMarketState,
  encodeMinerState, encodePowerState, encodeRewardState
} from "./storageCodec.js"

/** An address as its `f`-network string. */
export const addr = (a: Address): string => addressToString(a, "f")
const idStr = (id: ActorId): string => `f0${id}`
const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------
// impl → JSON

/**
 * The JSON form of a chain state: actors by increasing id, lanes by increasing lane.
 *
 * @example
 * encodeChainState(genesis(PRODUCTION_NETWORK, { singletons: CORE_SINGLETONS })).actors.map((a) => a.id) // => ["f00", "f01"]
 * @category encoding
 * @since 0.1.0
 */
export const encodeChainState = (vm: VmState, options: { readonly circulatingSupply?: bigint } = {}): ChainStateJson => {
  const network = networkOf(vm.registry)
  if (network === undefined) throw new Error("encodeChainState: the state does not run the builtin actors")
  if (network.market !== undefined) throw new Error("encodeChainState: the vector format has the production market parameters only")
  return {
    epoch: String(vm.epoch),
    network: {
      paych: { settleDelay: String(network.paych.settleDelay), maxLane: String(network.paych.maxLane), maxSecretSize: network.paych.maxSecretSize },
      ...(options.circulatingSupply === undefined ? {} : { circulatingSupply: String(options.circulatingSupply) })
    },
    actors: [...vm.actors].sort(([a], [b]) => cmp(a, b)).map(([id, entry]) => encodeActor(vm, id, entry))
  }
}

const encodeActor = (vm: VmState, id: ActorId, e: ActorEntry): ActorJson => {
  const head = { id: idStr(id) }
  const tail = { balance: String(e.balance), robust: e.robust === undefined ? null : addr(e.robust), sequence: String(e.sequence) }
  switch (e.kind) {
    case "system": return { ...head, kind: "system", ...tail, state: null }
    case "placeholder": return { ...head, kind: "placeholder", ...tail, state: null }
    case "init": return { ...head, kind: "init", ...tail, state: { nextId: String(vm.nextId) } }
    case "account": return { ...head, kind: "account", ...tail, state: addr((e.state as AccountState).address) }
    case "paymentchannel": {
      const s = e.state as PaychState
      return {
        ...head, kind: "paymentchannel", ...tail,
        state: {
          from: idStr(s.from), to: idStr(s.to), toSend: String(s.toSend), settlingAt: String(s.settlingAt),
          minSettleHeight: String(s.minSettleHeight),
          laneStates: [...s.laneStates].sort(([a], [b]) => cmp(a, b))
            .map(([lane, ls]) => ({ lane: String(lane), redeemed: String(ls.redeemed), nonce: String(ls.nonce) }))
        }
      }
    }
    case "reward": return { ...head, kind: "reward", ...tail, state: encodeRewardState(e.state as RewardState) }
    case "cron": return { ...head, kind: "cron", ...tail, state: encodeCronState(e.state as CronState) }
    case "storagepower": return { ...head, kind: "storagepower", ...tail, state: encodePowerState(e.state as PowerState) }
    case "storageminer": return { ...head, kind: "storageminer", ...tail, state: encodeMinerState(e.state as MinerState) }
    case "storagemarket": return { ...head, kind: "storagemarket", ...tail, state: e.state === undefined ? null : encodeMarketState(e.state as MarketState) }
    default: throw new Error(`encodeChainState: actor f0${id} has code ${e.kind}, which the vector format does not list`)
  }
}

/** The JSON form of a message (without `decoded`). */
export const encodeMessage = (m: Message): MessageJson => ({
  from: addr(m.from), to: addr(m.to), nonce: String(m.nonce), value: String(m.value), method: String(m.method), params: toHex(m.params)
})

/** The JSON form of a receipt. */
export const encodeReceipt = (r: Receipt): ReceiptJson => ({ exitCode: r.exitCode, return: toHex(r.return) })

/** The JSON form of a voucher. */
export const encodeVoucher = (sv: SignedVoucher): VoucherJson => ({
  channelAddr: addr(sv.channelAddr), timeLockMin: String(sv.timeLockMin), timeLockMax: String(sv.timeLockMax),
  secretPreImage: toHex(sv.secretPreImage),
  extra: sv.extra === null ? null : { actor: addr(sv.extra.actor), method: String(sv.extra.method), data: toHex(sv.extra.data) },
  lane: String(sv.lane), nonce: String(sv.nonce), amount: String(sv.amount), minSettleHeight: String(sv.minSettleHeight),
  merges: sv.merges.map((m) => ({ lane: String(m.lane), nonce: String(m.nonce) })),
  signature: sv.signature === null ? null : { type: sv.signature.type, data: toHex(sv.signature.data) }
})

// ---------------------------------------------------------------------------------------------
// JSON → impl

type R<A> = Result.Result<A, string>

/**
 * A JSON chain state that is no chain state: a field that does not parse (`Malformed`), no Init
 * actor, or an inconsistent whole — an actor id or a robust address listed twice, a lane listed
 * twice in a channel, an account whose robust address is not its key address, or an Init `nextId`
 * not above every actor's id (the next actor created would overwrite one that exists).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidChainState extends Data.TaggedError("InvalidChainState")<{
  readonly reason: "Malformed" | "NoInit" | "DuplicateActor" | "DuplicateAddress" | "DuplicateLane" | "AccountAddress" | "NextIdNotAbove"
  readonly message: string
}> {}

const invalid = (reason: InvalidChainState["reason"], message: string) => Result.fail(new InvalidChainState({ reason, message }))
const malformed = <A>(r: R<A>): Result.Result<A, InvalidChainState> => Result.mapError(r, (message) => new InvalidChainState({ reason: "Malformed", message }))

/** Parses an address string, naming the field on failure. */
export const parseAddr = (text: string, field: string): R<Address> =>
  Result.mapError(parseAddress(text), (e) => `${field}: ${e.message}`)

const parseId = (text: string, field: string): R<ActorId> =>
  Result.flatMap(parseAddr(text, field), (a) => {
    const id = addressId(a)
    return id === undefined ? Result.fail(`${field}: ${text} is not an ID address`) : Result.succeed(id)
  })

/** Parses hex, naming the field on failure. */
export const parseHex = (text: string, field: string): R<Uint8Array> => Result.mapError(fromHex(text), (e) => `${field}: ${e.message}`)

const networkFromJson = (n: ChainStateJson["network"]): NetworkParams => {
  const paych = { settleDelay: BigInt(n.paych.settleDelay), maxLane: BigInt(n.paych.maxLane), maxSecretSize: n.paych.maxSecretSize }
  const prod = PRODUCTION_NETWORK.paych
  const isProduction = paych.settleDelay === prod.settleDelay && paych.maxLane === prod.maxLane && paych.maxSecretSize === prod.maxSecretSize
  return isProduction ? PRODUCTION_NETWORK : { paych }
}

const decodeActorState = (a: ActorJson): Result.Result<unknown, InvalidChainState> => {
  switch (a.kind) {
    case "system":
    case "placeholder":
    case "init": return Result.succeed(null)
    case "account": return malformed(Result.map(parseAddr(a.state, `${a.id}.state`), (address): AccountState => ({ address })))
    case "paymentchannel": return Result.gen(function* () {
      const s = a.state
      const laneStates = new Map<bigint, LaneState>()
      for (const l of [...s.laneStates].sort((x, y) => cmp(BigInt(x.lane), BigInt(y.lane)))) {
        if (laneStates.has(BigInt(l.lane))) return yield* invalid("DuplicateLane", `${a.id}.state: lane ${l.lane} is listed twice`)
        laneStates.set(BigInt(l.lane), { redeemed: BigInt(l.redeemed), nonce: BigInt(l.nonce) })
      }
      const st: PaychState = {
        from: yield* malformed(parseId(s.from, `${a.id}.state.from`)), to: yield* malformed(parseId(s.to, `${a.id}.state.to`)),
        toSend: BigInt(s.toSend), settlingAt: BigInt(s.settlingAt), minSettleHeight: BigInt(s.minSettleHeight), laneStates
      }
      return st
    })
    case "reward": return Result.succeed(decodeRewardState(a.state))
    case "cron": return malformed(decodeCronState(a.state, `${a.id}.state`))
    case "storagepower": return malformed(decodePowerState(a.state, `${a.id}.state`))
    case "storageminer": return malformed(decodeMinerState(a.state, `${a.id}.state`))
    case "storagemarket": return a.state === null ? Result.succeed(undefined) : malformed(decodeMarketState(a.state, `${a.id}.state`))
  }
}

/**
 * The circulating supply a JSON state's network names (absent: the VM's default, 2 000 000 000 FIL).
 *
 * @category decoding
 * @since 0.2.0
 */
export const circulatingSupplyOf = (json: ChainStateJson): bigint =>
  json.network.circulatingSupply === undefined ? DEFAULT_CIRCULATING_SUPPLY : BigInt(json.network.circulatingSupply)

/**
 * The chain state a JSON state describes; fails with {@link InvalidChainState} naming the field
 * that does not parse or what makes the whole inconsistent.
 *
 * @example
 * Result.map(decodeChainState(encodeChainState(vm)), encodeChainState) // => Success(encodeChainState(vm))
 * @category decoding
 * @since 0.1.0
 */
export const decodeChainState = (json: ChainStateJson): Result.Result<VmState, InvalidChainState> =>
  Result.gen(function* () {
    const actors = new Map<ActorId, ActorEntry>()
    const addresses = new Map<string, ActorId>()
    let nextId: ActorId | undefined
    for (const a of json.actors) {
      const id = yield* malformed(parseId(a.id, "actor id"))
      if (actors.has(id)) return yield* invalid("DuplicateActor", `actor ${a.id} is listed twice`)
      const robust = a.robust === null ? undefined : yield* malformed(parseAddr(a.robust, `${a.id}.robust`))
      if (robust !== undefined) {
        const key = toHex(addressToBytes(robust))
        const other = addresses.get(key)
        if (other !== undefined) return yield* invalid("DuplicateAddress", `${a.id}.robust ${a.robust} is already ${idStr(other)}'s`)
        addresses.set(key, id)
      }
      if (a.kind === "init") nextId = BigInt(a.state.nextId)
      const state = yield* decodeActorState(a)
      // an account's robust address is its key address; the genesis Burnt Funds account's address is its own ID address f099, with no robust address
      if (a.kind === "account" && a.robust !== a.state && !(a.robust === null && a.state === a.id)) return yield* invalid("AccountAddress", `${a.id}: robust ${a.robust} is not the account's address ${a.state}`)
      actors.set(id, { kind: a.kind, balance: BigInt(a.balance), state, robust, sequence: BigInt(a.sequence) })
    }
    if (nextId === undefined || !actors.has(INIT_ACTOR_ID)) return yield* invalid("NoInit", `no Init actor (${idStr(INIT_ACTOR_ID)}) in the state`)
    const highest = [...actors.keys()].reduce((m, id) => (id > m ? id : m), 0n)
    if (nextId <= highest) return yield* invalid("NextIdNotAbove", `Init's nextId ${nextId} is not above actor ${idStr(highest)}: the next actor created would overwrite it`)
    return { registry: builtinActors(networkFromJson(json.network)), epoch: BigInt(json.epoch), actors, addresses, nextId }
  })

/**
 * The message a JSON message describes (`decoded` is ignored).
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeMessage = (m: MessageJson): R<Message> =>
  Result.gen(function* () {
    return {
      from: yield* parseAddr(m.from, "action.from"), to: yield* parseAddr(m.to, "action.to"),
      nonce: BigInt(m.nonce), value: BigInt(m.value), method: BigInt(m.method), params: yield* parseHex(m.params, "action.params")
    }
  })

/**
 * The voucher a JSON voucher describes.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decodeVoucher = (v: VoucherJson): R<SignedVoucher> =>
  Result.gen(function* () {
    const extra = v.extra === null ? null : {
      actor: yield* parseAddr(v.extra.actor, "voucher.extra.actor"), method: BigInt(v.extra.method), data: yield* parseHex(v.extra.data, "voucher.extra.data")
    }
    const sig = v.signature
    if (sig !== null && sig.type !== 1 && sig.type !== 2) return yield* Result.fail(`voucher.signature.type ${sig.type} is not 1 or 2`)
    return {
      channelAddr: yield* parseAddr(v.channelAddr, "voucher.channelAddr"), timeLockMin: BigInt(v.timeLockMin), timeLockMax: BigInt(v.timeLockMax),
      secretPreImage: yield* parseHex(v.secretPreImage, "voucher.secretPreImage"), extra, lane: BigInt(v.lane), nonce: BigInt(v.nonce),
      amount: BigInt(v.amount), minSettleHeight: BigInt(v.minSettleHeight),
      merges: v.merges.map((m) => ({ lane: BigInt(m.lane), nonce: BigInt(m.nonce) })),
      signature: sig === null ? null : { type: sig.type as SigType, data: yield* parseHex(sig.data, "voucher.signature.data") }
    }
  })
