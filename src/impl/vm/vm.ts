/**
 * A deterministic in-process VM: an immutable chain state (actors, balances, the address map, an
 * explicit epoch) and `applyMessage`, which checks the sender, moves the value, runs the
 * receiver's method and applies the effects the method returned as data.  Nothing is charged
 * for gas.  A message that fails leaves every actor and balance as it was; as on chain, a message
 * that was included (right sender, right nonce) still advances the sender's nonce.
 *
 * Follows the message-application rules of lotus `chain/vm/vm.go` (ApplyMessage) and the FVM
 * call manager: sender must be an account (SYS_SENDER_INVALID), nonce must match
 * (SYS_SENDER_STATE_INVALID), the receiver is resolved and a missing one is created only for
 * public-key addresses (else SYS_INVALID_RECEIVER), then the value must be covered
 * (SYS_INSUFFICIENT_FUNDS, checked by the transfer as in ref-fvm `send_unchecked` → `transfer`),
 * and method 0 only moves value.
 *
 * @module
 */
import { Result } from "effect"
import { addressFromBytes, addressToBytes, newActorAddress, idAddress, addressId } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { concatBytes, toHex } from "../encoding/hex.js"
import { encodeCbor } from "../encoding/cbor.js"
import { ExitCode } from "./exitcode.js"
import type { ActorCode, ActorEntry, ActorError, ActorId, ActorKind, Message, Outcome, Receipt, Runtime, VmState } from "./interface.js"
import { AccountActor, accountState } from "../actors/account/index.js"
import { InitActor } from "../actors/init/index.js"
import { PaymentChannelActor, paymentChannelActor } from "../actors/paych/index.js"
import { PRODUCTION_PARAMS, type PaychParams } from "../actors/paych/state.js"

export type { VmState, Message, Receipt, ActorEntry } from "./interface.js"

const erase = <S>(code: ActorCode<S>): ActorCode<unknown> => code as unknown as ActorCode<unknown>

/** The code of every actor kind this VM runs, with the network's actor parameters. */
const codes = (network: NetworkParams): Readonly<Record<ActorKind, ActorCode<unknown> | undefined>> => ({
  system: undefined,
  init: erase(InitActor),
  account: erase(AccountActor),
  paymentchannel: network.paych === PRODUCTION_PARAMS ? erase(PaymentChannelActor) : erase(paymentChannelActor(network.paych))
})

/**
 * The actor parameters a chain runs with: production values by default; the refinement tests
 * use the model's bounds.
 *
 * @category constants
 * @since 0.1.0
 */
export interface NetworkParams {
  readonly paych: PaychParams
}

/** Production parameters. */
export const PRODUCTION_NETWORK: NetworkParams = { paych: PRODUCTION_PARAMS }

/** The System actor's id (f00) and the Init actor's id (f01), as on every Filecoin network. */
export const SYSTEM_ACTOR_ID = 0n
export const INIT_ACTOR_ID = 1n
/** The first id given to a user actor (the builtin singletons take 0..99). */
export const FIRST_USER_ACTOR_ID = 100n

const errorOf = (tag: string, exitCode: number, message: string): ActorError => ({ tag, exitCode, message })

/**
 * The state at genesis: the System and Init actors, epoch 0, nothing else.
 *
 * @category constructors
 * @since 0.1.0
 */
export const genesis = (network: NetworkParams = PRODUCTION_NETWORK): VmState => ({
  network,
  epoch: 0n,
  actors: new Map<ActorId, ActorEntry>([
    [SYSTEM_ACTOR_ID, { kind: "system", balance: 0n, state: null, robust: undefined, sequence: 0n }],
    [INIT_ACTOR_ID, { kind: "init", balance: 0n, state: null, robust: undefined, sequence: 0n }]
  ]),
  addresses: new Map(),
  nextId: FIRST_USER_ACTOR_ID
})

/**
 * The actor id an address names, if that actor exists now.
 *
 * @category queries
 * @since 0.1.0
 */
export const resolveAddress = (vm: VmState, address: Address): ActorId | undefined => {
  const id = addressId(address) ?? vm.addresses.get(toHex(addressToBytes(address)))
  return id !== undefined && vm.actors.has(id) ? id : undefined
}

/** The balance of the actor an address names (0 if it does not exist). */
export const balanceOf = (vm: VmState, address: Address): bigint => {
  const id = resolveAddress(vm, address)
  return id === undefined ? 0n : vm.actors.get(id)!.balance
}

/** The chain at a later epoch (the explicit clock). */
export const atEpoch = (vm: VmState, epoch: bigint): VmState => ({ ...vm, epoch })

const withActor = (vm: VmState, id: ActorId, entry: ActorEntry | undefined): VmState => {
  const actors = new Map(vm.actors)
  if (entry === undefined) actors.delete(id)
  else actors.set(id, entry)
  return { ...vm, actors }
}

/**
 * Creates an account actor for a public-key address (f1/f3) with a balance, as genesis funding
 * or a faucet would.  Returns the new state and the account's id.
 *
 * @category constructors
 * @since 0.1.0
 */
export const createAccount = (vm: VmState, pubkey: Address, balance: bigint): { vm: VmState; id: ActorId } => {
  const existing = resolveAddress(vm, pubkey)
  if (existing !== undefined) {
    const entry = vm.actors.get(existing)!
    return { vm: withActor(vm, existing, { ...entry, balance: entry.balance + balance }), id: existing }
  }
  return { vm: placeAccount(vm, vm.nextId, pubkey, balance), id: vm.nextId }
}

/** Puts an account actor for `pubkey` at `id` with `balance`. */
const placeAccount = (vm: VmState, id: ActorId, pubkey: Address, balance: bigint): VmState => {
  const addresses = new Map(vm.addresses).set(toHex(addressToBytes(pubkey)), id)
  return withActor({ ...vm, addresses, nextId: id >= vm.nextId ? id + 1n : vm.nextId }, id, {
    kind: "account", balance, state: accountState(pubkey), robust: pubkey, sequence: 0n
  })
}

/** What one message's execution shares across its calls. */
interface Context {
  readonly origin: Address
  readonly nonce: bigint
  /** The next actor id to hand out (ids of actors this message creates). */
  nextId: ActorId
  /** Actors created by Init for this message so far (part of the robust address preimage). */
  actorsCreated: bigint
  /** Accounts an actor asked for (hex of the address → the id it will have). */
  readonly pendingAccounts: Map<string, ActorId>
}

type Invocation = Result.Result<{ readonly vm: VmState; readonly ret: Uint8Array }, ActorError>

/**
 * Moves `value` from one actor to another.  As ref-fvm's `transfer` (fvm/src/call_manager/default.rs):
 * a negative value is refused, the balance is checked before the self-transfer no-op.
 */
const transfer = (vm: VmState, from: ActorId, to: ActorId, value: bigint): Result.Result<VmState, ActorError> => {
  if (value < 0n) return Result.fail(errorOf("ValueNonNegative", ExitCode.SYS_ASSERTION_FAILED, `attempted to transfer a negative value ${value}`))
  const a = vm.actors.get(from)!
  if (a.balance < value) return Result.fail(errorOf("InsufficientFunds", ExitCode.SYS_INSUFFICIENT_FUNDS, `actor f0${from} has ${a.balance} attoFIL, cannot send ${value}`))
  if (value === 0n || from === to) return Result.succeed(vm)
  const b = vm.actors.get(to)
  if (b === undefined) return Result.fail(errorOf("InvalidReceiver", ExitCode.SYS_INVALID_RECEIVER, `actor f0${to} does not exist`))
  return Result.succeed(withActor(withActor(vm, from, { ...a, balance: a.balance - value }), to, { ...b, balance: b.balance + value }))
}

const runtimeFor = (vm: VmState, ctx: Context, caller: ActorId, receiver: ActorId, value: bigint): Runtime => ({
  epoch: vm.epoch,
  caller,
  callerKind: vm.actors.get(caller)?.kind,
  receiver,
  valueReceived: value,
  currentBalance: vm.actors.get(receiver)!.balance,
  resolveAddress: (a) => resolveAddress(vm, a),
  actorKind: (id) => vm.actors.get(id)?.kind,
  call: (to, method, params) => {
    const id = resolveAddress(vm, to)
    // A send to a missing actor is a syscall error (NotFound) inside an actor, never a system
    // exit code: builtin-actors turns it into USR_UNSPECIFIED (runtime/src/builtin/shared.rs).
    if (id === undefined) return Result.fail(errorOf("InvalidReceiver", ExitCode.USR_UNSPECIFIED, `call to ${toHex(addressToBytes(to))}: no such actor`))
    return Result.map(invoke(vm, ctx, receiver, id, 0n, method, params), ({ ret }) => ret)
  },
  accountFor: (address) => {
    const known = resolveAddress(vm, address)
    if (known !== undefined || !isPubkey(address)) return known
    const key = toHex(addressToBytes(address))
    const pending = ctx.pendingAccounts.get(key)
    if (pending !== undefined) return pending
    const id = ctx.nextId
    ctx.nextId += 1n
    ctx.pendingAccounts.set(key, id)
    return id
  },
  newActorAddress: () => {
    // Robust address of a created actor, as ref-fvm (`next_actor_address`) and Lotus compute it:
    // blake2b-160 over CBOR(origin address) ‖ message nonce (u64 BE) ‖ actors this message
    // created before (u64 BE).
    const seq = new Uint8Array(16)
    const view = new DataView(seq.buffer)
    view.setBigUint64(0, ctx.nonce)
    view.setBigUint64(8, ctx.actorsCreated)
    ctx.actorsCreated += 1n
    const id = ctx.nextId
    ctx.nextId += 1n
    return { id, robust: newActorAddress(concatBytes(encodeCbor(addressToBytes(ctx.origin)), seq)) }
  }
})

/** Runs `method` of actor `to` with `params` after moving `value` from `from`; applies the outcome. */
const invoke = (vm0: VmState, ctx: Context, from: ActorId, to: ActorId, value: bigint, method: bigint, params: Uint8Array): Invocation => {
  const moved = transfer(vm0, from, to, value)
  if (Result.isFailure(moved)) return Result.fail(moved.failure)
  const vm = moved.success
  const entry = vm.actors.get(to)!
  if (method === 0n) return Result.succeed({ vm, ret: new Uint8Array() })
  const code = codes(vm.network)[entry.kind]
  if (code === undefined) return Result.fail(errorOf("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `actor f0${to} (${entry.kind}) has no method ${method}`))
  const out = code.invoke(runtimeFor(vm, ctx, from, to, value), entry.state, method, params)
  if (Result.isFailure(out)) return Result.fail(out.failure)
  return applyOutcome(vm, ctx, to, out.success)
}

const applyOutcome = (vm0: VmState, ctx: Context, self: ActorId, out: Outcome): Invocation => {
  let vm = vm0
  for (const { id, address } of out.createAccounts ?? []) vm = placeAccount(vm, id, address, 0n)
  vm = withActor(vm, self, { ...vm.actors.get(self)!, state: out.state })
  let ret = out.return ?? new Uint8Array()
  if (out.spawn !== undefined) {
    const { id, robust, kind, params, value } = out.spawn
    const addresses = new Map(vm.addresses).set(toHex(addressToBytes(robust)), id)
    vm = withActor({ ...vm, addresses, nextId: id >= vm.nextId ? id + 1n : vm.nextId }, id, { kind, balance: 0n, state: null, robust, sequence: 0n })
    const constructed = invoke(vm, ctx, self, id, value, 1n, params)
    if (Result.isFailure(constructed)) return constructed
    vm = constructed.success.vm
  }
  for (const t of out.transfers ?? []) {
    const sent = invoke(vm, ctx, self, t.to, t.value, 0n, new Uint8Array())
    if (Result.isFailure(sent)) return sent
    vm = sent.success.vm
  }
  if (out.deleteTo !== undefined) {
    const moved = transfer(vm, self, out.deleteTo, vm.actors.get(self)!.balance)
    if (Result.isFailure(moved)) return Result.fail(moved.failure)
    vm = withActor(moved.success, self, undefined)
  }
  return Result.succeed({ vm, ret })
}

/** Whether an address is a public-key address, for which a missing account is created implicitly. */
const isPubkey = (a: Address): boolean => a.protocol === 1 || a.protocol === 3

/**
 * Applies a message.  A message from a missing or non-account sender, with a negative value or
 * with the wrong nonce is not included: it is rejected and changes nothing; any other failure is a receipt with the exit code, the failed
 * check's tag and a message, and changes nothing but the sender's nonce.
 *
 * @category execution
 * @since 0.1.0
 */
export const applyMessage = (vm: VmState, msg: Message): { readonly vm: VmState; readonly receipt: Receipt } => {
  const fail = (state: VmState, e: ActorError) => ({ vm: state, receipt: { exitCode: e.exitCode, return: new Uint8Array(), tag: e.tag, message: e.message } })
  const fromId = resolveAddress(vm, msg.from)
  const sender = fromId === undefined ? undefined : vm.actors.get(fromId)
  if (fromId === undefined || sender === undefined || sender.kind !== "account") {
    return fail(vm, errorOf("SenderInvalid", ExitCode.SYS_SENDER_INVALID, "the sender does not exist or is not an account"))
  }
  // A negative value makes a message invalid for inclusion (lotus `ValidForBlockInclusion`:
  // "'Value' field cannot be negative"); reported like the failed transfer ref-fvm would make.
  if (msg.value < 0n) {
    return fail(vm, errorOf("ValueNonNegative", ExitCode.SYS_ASSERTION_FAILED, `message value ${msg.value} is negative`))
  }
  if (msg.nonce !== sender.sequence) {
    return fail(vm, errorOf("SenderStateInvalid", ExitCode.SYS_SENDER_STATE_INVALID, `wrong nonce: expected ${sender.sequence}, got ${msg.nonce}`))
  }
  // From here on the message is included: whatever happens, the sender's nonce advances.
  const bumped = withActor(vm, fromId, { ...sender, sequence: sender.sequence + 1n })
  let base = bumped
  let toId = resolveAddress(base, msg.to)
  if (toId === undefined && isPubkey(msg.to) && !base.addresses.has(toHex(addressToBytes(msg.to)))) {
    const created = createAccount(base, msg.to, 0n)
    base = created.vm
    toId = created.id
  }
  if (toId === undefined) {
    return fail(bumped, errorOf("InvalidReceiver", ExitCode.SYS_INVALID_RECEIVER, "the receiver does not exist"))
  }
  const ctx: Context = { origin: sender.robust ?? msg.from, nonce: msg.nonce, nextId: base.nextId, actorsCreated: 0n, pendingAccounts: new Map() }
  const result = invoke(base, ctx, fromId, toId, msg.value, msg.method, msg.params)
  if (Result.isFailure(result)) {
    return fail(bumped, result.failure)
  }
  return { vm: result.success.vm, receipt: { exitCode: ExitCode.OK, return: result.success.ret } }
}

/**
 * Applies a message from `from` with the sender's current nonce filled in.
 *
 * @category execution
 * @since 0.1.0
 */
export const send = (vm: VmState, msg: Omit<Message, "nonce">): { readonly vm: VmState; readonly receipt: Receipt } => {
  const id = resolveAddress(vm, msg.from)
  const nonce = id === undefined ? 0n : vm.actors.get(id)!.sequence
  return applyMessage(vm, { ...msg, nonce })
}

export { idAddress, addressFromBytes }
