/**
 * The call manager: runs one call of an actor method in its own frame, as ref-fvm's
 * `DefaultCallManager` does (filecoin-project/ref-fvm `fvm/src/call_manager/default.rs` @
 * fvm@v4.8.2, cited by line below as `cm:<line>`; the kernel's send is `fvm/src/kernel/default.rs`,
 * `kernel:<line>`).
 *
 * A call threads an immutable `VmState` through: the callee's frame starts from the state after
 * the value transfer, each send the callee makes returns the state after it, and the callee's
 * outcome (its new state, its deletion) is applied last.  A call that fails is undone by the
 * caller's {@link withTransaction}, which keeps the state from before the call — the value
 * transfer included.
 *
 * @module
 */
import { Result } from "effect"
import { AddressProtocol, addressFromBytes, addressToBytes, addressToString, delegatedParts, newActorAddress } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { encodeCbor } from "../encoding/cbor.js"
import { concatBytes, fromHex } from "../encoding/hex.js"
import { ExitCode, FIRST_USER_EXIT_CODE } from "./exitcode.js"
import type { ActorError, ActorId, ActorKind, ErrorNumber, Outcome, Response, Runtime, SyscallError, VmState } from "./interface.js"
import { addressKey, EAM_ACTOR_ID, INIT_ACTOR_ID, lookupId, registerNewAddress, SYSTEM_ACTOR_ID, withActor } from "./state.js"

/** The deepest call stack a message may build (ref-fvm `NetworkConfig::max_call_depth` = 1024, `fvm/src/machine/mod.rs:150`). */
export const MAX_CALL_DEPTH = 1024
/** Method 0: a plain value transfer, no code runs (cm:694). */
export const METHOD_SEND = 0n
/** Method 1: the constructor. */
export const METHOD_CONSTRUCTOR = 1n
/** The code names the VM itself needs: the actors it creates on a send (ref-fvm `fvm/src/machine/manifest.rs`). */
export const ACCOUNT_KIND = "account"
export const PLACEHOLDER_KIND = "placeholder"

/** What one message's calls share (ref-fvm `DefaultCallManager` fields): never rolled back. */
export interface CallContext {
  /** The message's `from`, as written (cm:350 bases new actor addresses on it). */
  readonly origin: Address
  readonly nonce: bigint
  /** Actors created so far by this message (cm:409). */
  actorsCreated: bigint
  /** Calls on the stack now (cm:940). */
  depth: number
  /** The deepest the call stack may grow. */
  readonly maxDepth: number
}

/** A call's result and the state after it (before any rollback by the caller's transaction). */
export interface Call {
  readonly vm: VmState
  readonly result: Result.Result<Response, SyscallError>
}

/** A fresh context for a message from `origin` with `nonce`. */
export const callContext = (origin: Address, nonce: bigint, maxDepth: number = MAX_CALL_DEPTH): CallContext =>
  ({ origin, nonce, actorsCreated: 0n, depth: 0, maxDepth })

const syscallError = (number: ErrorNumber, message: string): Result.Result<never, SyscallError> => Result.fail({ number, message })
const exited = (error: ActorError): Result.Result<Response, never> => Result.succeed({ exitCode: error.exitCode, return: undefined, error })
const actorError = (tag: string, exitCode: number, message: string): ActorError => ({ tag, exitCode, message })

/**
 * Runs `run` as a transaction (cm:245): its state is kept if the call succeeded with exit code 0,
 * else the state from before is.
 */
export const withTransaction = (vm: VmState, run: (vm: VmState) => Call): Call => {
  const out = run(vm)
  return Result.isSuccess(out.result) && out.result.success.exitCode === ExitCode.OK ? out : { vm, result: out.result }
}

/**
 * Calls `method` of the actor `to` names, from actor `from`, with `params` and `value` (cm:172,
 * cm:610): checks the call depth, resolves the receiver — creating an account for a new key
 * address and a placeholder for a new f4 address in the EAM's namespace — and runs it.
 */
export const callActor = (
  vm: VmState, cx: CallContext, from: ActorId, to: Address, method: bigint, params: Uint8Array | undefined, value: bigint, readOnly: boolean
): Call => {
  if (cx.depth >= cx.maxDepth) return { vm, result: syscallError("LimitExceeded", "message execution exceeds call depth") }
  cx.depth += 1
  try {
    const receiver = resolveOrCreate(vm, cx, to, readOnly)
    if (Result.isFailure(receiver)) return { vm, result: Result.fail(receiver.failure) }
    return callResolved(receiver.success.vm, cx, from, receiver.success.id, method, params, value, readOnly)
  } finally {
    cx.depth -= 1
  }
}

type Resolved = Result.Result<{ readonly vm: VmState; readonly id: ActorId }, SyscallError>

/** The receiver's id; a new key address gets an account, a new EAM f4 address a placeholder (cm:622-646). */
const resolveOrCreate = (vm: VmState, cx: CallContext, to: Address, readOnly: boolean): Resolved => {
  const id = lookupId(vm, to)
  if (id !== undefined) return Result.succeed({ vm, id })
  if (to.protocol === AddressProtocol.Secp256k1 || to.protocol === AddressProtocol.BLS) {
    if (readOnly) return syscallError("ReadOnly", `cannot auto-create account ${addressToString(to)} in read-only calls`)
    return createAccountFromSend(vm, cx, to)
  }
  if (delegatedParts(to)?.namespace === EAM_ACTOR_ID) {
    if (readOnly) return syscallError("ReadOnly", `cannot auto-create placeholder ${addressToString(to)} in read-only calls`)
    const registered = registerNewAddress(vm, to)
    const placed = withActor(registered.vm, registered.id, { kind: PLACEHOLDER_KIND, balance: 0n, state: null, robust: to, sequence: 0n })
    return Result.succeed({ vm: placed, id: registered.id })
  }
  return syscallError("NotFound", `actor does not exist or cannot be created: ${addressToString(to)}`)
}

/** The BLS "zero" public key (0xc0 then zeros), which never gets an account (ref-fvm `shared/src/address/mod.rs` `is_bls_zero_address`). */
const isBlsZeroAddress = (a: Address): boolean =>
  a.protocol === AddressProtocol.BLS && a.payload[0] === 0xc0 && a.payload.slice(1).every((b) => b === 0)

/**
 * Creates the account of a key address (cm:559): registers the address, creates the actor with no
 * state, and runs its constructor from the System actor with the address as params.
 */
export const createAccountFromSend = (vm: VmState, cx: CallContext, address: Address): Resolved => {
  if (isBlsZeroAddress(address)) return syscallError("IllegalArgument", "cannot create the bls zero address actor")
  const registered = registerNewAddress(vm, address)
  const placed = withActor(registered.vm, registered.id, { kind: ACCOUNT_KIND, balance: 0n, state: undefined, robust: address, sequence: 0n })
  const constructed = callResolved(placed, cx, SYSTEM_ACTOR_ID, registered.id, METHOD_CONSTRUCTOR, encodeCbor(addressToBytes(address)), 0n, false)
  // cm:588 propagates only a syscall error; the constructor's exit code is not looked at.
  if (Result.isFailure(constructed.result)) return Result.fail(constructed.result.failure)
  return Result.succeed({ vm: constructed.vm, id: registered.id })
}

/**
 * Moves `value` (cm:479): a negative value is refused, the sender must exist and cover it, a
 * self-transfer is a no-op once the balance is checked, the recipient must exist.
 */
const transfer = (vm: VmState, from: ActorId, to: ActorId, value: bigint): Result.Result<VmState, SyscallError> => {
  if (value < 0n) return syscallError("IllegalArgument", `attempted to transfer negative transfer value ${value}`)
  const a = vm.actors.get(from)
  if (a === undefined) return syscallError("InsufficientFunds", `insufficient funds to transfer ${value} from f0${from} to f0${to}`)
  if (a.balance < value) return syscallError("InsufficientFunds", `sender does not have funds to transfer (balance ${a.balance}, transfer ${value})`)
  if (from === to) return Result.succeed(vm)
  const b = vm.actors.get(to)
  if (b === undefined) return syscallError("NotFound", `transfer recipient f0${to} does not exist in state-tree`)
  return Result.succeed(withActor(withActor(vm, from, { ...a, balance: a.balance - value }), to, { ...b, balance: b.balance + value }))
}

/**
 * Calls an actor by id (cm:656): the receiver must exist (even for a zero value), then the value
 * moves, then — unless the method is 0 — its code runs in a new frame and its outcome is applied.
 */
const callResolved = (
  vm: VmState, cx: CallContext, from: ActorId, to: ActorId, method: bigint, params: Uint8Array | undefined, value: bigint, readOnly: boolean
): Call => {
  const entry = vm.actors.get(to)
  if (entry === undefined) return { vm, result: syscallError("NotFound", `actor does not exist: f0${to}`) }
  let start = vm
  if (value !== 0n) {
    const moved = transfer(vm, from, to, value)
    if (Result.isFailure(moved)) return { vm, result: Result.fail(moved.failure) }
    start = moved.success
  }
  if (method === METHOD_SEND) return { vm: start, result: Result.succeed({ exitCode: ExitCode.OK, return: undefined }) }
  const code = start.registry.codes.get(entry.kind)
  if (code === undefined) return { vm, result: syscallError("NotFound", `actor code ${entry.kind} does not exist`) }
  const frame = openFrame(start, cx, from, to, value, readOnly)
  const out = code.invoke(frame.rt, entry.state, method, params)
  if (Result.isFailure(out)) {
    const e = out.failure
    // An actor that exits with a system code exits with SYS_ILLEGAL_EXIT_CODE instead
    // (ref-fvm `fvm/src/syscalls/vm.rs` `exit`).
    const error = e.exitCode < FIRST_USER_EXIT_CODE ? { ...e, exitCode: ExitCode.SYS_ILLEGAL_EXIT_CODE } : e
    return { vm: frame.world(), result: exited(error) }
  }
  return applyOutcome(frame.world(), to, readOnly, out.success)
}

/** Writes the method's state and deletes the actor if it asked, with the syscalls' checks. */
const applyOutcome = (vm0: VmState, self: ActorId, readOnly: boolean, out: Outcome): Call => {
  let vm = vm0
  const fail = (e: ActorError): Call => ({ vm: vm0, result: exited(e) })
  if (out.state !== undefined) {
    // kernel:320 set_root: read-only → builtin-actors `StateUpdateError::ReadOnly` → 25; a deleted actor → 20.
    if (readOnly) return fail(actorError("StateReadOnly", ExitCode.USR_READ_ONLY, "cannot update the state-root while read-only"))
    const entry = vm.actors.get(self)
    if (entry === undefined) return fail(actorError("ActorDeleted", ExitCode.USR_ILLEGAL_STATE, "cannot update the state of a deleted actor"))
    vm = withActor(vm, self, { ...entry, state: out.state })
  }
  if (out.deleteSelf === true) {
    // kernel:353 self_destruct(burn_unspent = false): read-only or unspent funds → builtin-actors `ActorDeleteError` → 16.
    if (readOnly) return fail(actorError("DeleteReadOnly", ExitCode.USR_ILLEGAL_ARGUMENT, "cannot self-destruct when read-only"))
    const balance = vm.actors.get(self)?.balance ?? 0n
    if (balance !== 0n) return fail(actorError("UnspentFunds", ExitCode.USR_ILLEGAL_ARGUMENT, `self-destruct with unspent funds (${balance})`))
    vm = withActor(vm, self, undefined)
  }
  return { vm, result: Result.succeed({ exitCode: ExitCode.OK, return: out.return }) }
}

/** The robust address an actor's id is mapped from in the address map, if any. */
const robustOf = (vm: VmState, id: ActorId): Address | undefined => {
  for (const [key, mapped] of vm.addresses) {
    if (mapped !== id) continue
    const decoded = Result.flatMap(fromHex(key), (b) => Result.mapError(addressFromBytes(b), (e) => e))
    if (Result.isSuccess(decoded)) return decoded.success
  }
  return undefined
}

/**
 * The runtime of one frame: `receiver` running for `caller`.  The frame's state starts at `start`
 * and moves on with each successful send.
 */
const openFrame = (start: VmState, cx: CallContext, caller: ActorId, receiver: ActorId, value: bigint, readOnly: boolean) => {
  let world = start
  const isInit = receiver === INIT_ACTOR_ID
  const rt: Runtime = {
    epoch: start.epoch,
    caller,
    receiver,
    valueReceived: value,
    readOnly,
    currentBalance: () => world.actors.get(receiver)?.balance ?? 0n,
    resolveAddress: (a) => lookupId(world, a),
    actorKind: (id) => world.actors.get(id)?.kind,
    state: () => world.actors.get(receiver)?.state,
    send: (to, method, params, v, flags) => {
      const ro = readOnly || flags?.readOnly === true
      // kernel:139: no value moves in a read-only call
      if (ro && v !== 0n) return syscallError("ReadOnly", "cannot transfer value when read-only")
      // a transaction (kernel:156), written out to keep the host stack shallow
      const out = callActor(world, cx, receiver, to, method, params, v, ro)
      if (Result.isSuccess(out.result) && out.result.success.exitCode === ExitCode.OK) world = out.vm
      return out.result
    },
    newActorAddress: () => {
      // cm:339: blake2b-160 of CBOR(origin address) ‖ nonce (u64 BE) ‖ actors created so far (u64 BE)
      const seq = new Uint8Array(16)
      const view = new DataView(seq.buffer)
      view.setBigUint64(0, cx.nonce)
      view.setBigUint64(8, cx.actorsCreated)
      return newActorAddress(concatBytes(encodeCbor(addressToBytes(cx.origin)), seq))
    },
    mapAddressToId: (robust) => {
      if (!isInit) return Result.fail(actorError("NotInit", ExitCode.USR_ASSERTION_FAILED, "only the Init actor maps addresses"))
      const existing = world.addresses.get(addressKey(robust))
      if (existing !== undefined) return Result.succeed({ id: existing, existing: true })
      // a write of Init's state (rt.transaction → set_root): refused read-only
      if (readOnly) return Result.fail(actorError("StateReadOnly", ExitCode.USR_READ_ONLY, "cannot update the state-root while read-only"))
      const registered = registerNewAddress(world, robust)
      world = registered.vm
      return Result.succeed({ id: registered.id, existing: false })
    },
    createActor: (kind: ActorKind, id, delegated) => {
      // kernel:860 then cm:356; builtin-actors `runtime/src/runtime/fvm.rs` create_actor maps
      // Forbidden → 18, IllegalArgument → 16, anything else (ReadOnly) → 24.
      if (!isInit) return Result.fail(actorError("CreateActorForbidden", ExitCode.USR_FORBIDDEN, `create_actor is restricted to the Init actor, called by f0${receiver}`))
      if (readOnly) return Result.fail(actorError("CreateActorReadOnly", ExitCode.USR_ASSERTION_FAILED, "create_actor cannot be called while read-only"))
      if (kind === PLACEHOLDER_KIND) return Result.fail(actorError("CreateActorForbidden", ExitCode.USR_FORBIDDEN, "cannot explicitly construct a placeholder actor"))
      const existing = world.actors.get(id)
      if (existing !== undefined) {
        const samePlaceholder = existing.kind === PLACEHOLDER_KIND && delegated !== undefined && existing.robust !== undefined &&
          addressKey(existing.robust) === addressKey(delegated)
        if (!samePlaceholder) return Result.fail(actorError("CreateActorForbidden", ExitCode.USR_FORBIDDEN, `actor f0${id} already exists`))
        world = withActor(world, id, { ...existing, kind, state: undefined })
      } else {
        world = withActor(world, id, { kind, balance: 0n, state: undefined, robust: delegated ?? robustOf(world, id), sequence: 0n })
      }
      cx.actorsCreated += 1n
      return Result.succeed(undefined)
    }
  }
  return { rt, world: () => world }
}
