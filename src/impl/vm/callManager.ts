/**
 * The call manager: runs the calls of one message, each in its own frame, as ref-fvm's
 * `DefaultCallManager` does (filecoin-project/ref-fvm `fvm/src/call_manager/default.rs` @
 * fvm@v4.8.2, cited by line below as `cm:<line>`; the kernel's send is `fvm/src/kernel/default.rs`,
 * `kernel:<line>`) — on an explicit stack, not the host's.
 *
 * **The explicit stack.**  Every step that may call an actor is a generator ({@link Task}): it
 * yields the task of a nested call and is resumed with that call's result.  {@link drive} holds the
 * tasks of the calls in progress in an array and runs the top one, so a chain of nested sends grows
 * that array, never the JavaScript stack: each resume goes at most a fixed few generators deep
 * whatever the call depth.  Actor methods take part the same way: `rt.send` yields a
 * {@link SendRequest} (data), which the frame's task turns into the task of the nested call.  Only
 * the machine's call depth limits nesting, as on chain, where ref-fvm runs each message on a thread
 * with a 64 MiB stack so that 1024 nested calls always fit (`fvm/src/executor/threaded.rs:10-21`).
 *
 * **The call depth.**  A call checks the depth before it does anything (cm:938-958
 * `with_stack_frame`): with `maxDepth` calls on the stack (the message's own call is the first),
 * the next one is the syscall error `LimitExceeded`, "message execution exceeds call depth", and
 * the receiver does not run.  An account's constructor run by a send to a new key address is not a
 * call of its own (cm:588, `call_actor_resolved`).  ref-fvm's integration test
 * `native_stack_overflow` (`testing/integration/tests/main.rs:484-560`) checks both sides: 1024
 * nested calls run, the 1025th send gets `LimitExceeded`.
 *
 * **State.**  A call threads an immutable `VmState` through: the callee's frame starts from the
 * state after the value transfer, the state syscalls and each successful send move the frame's
 * view on, and a call that fails is undone by the caller's {@link withTransaction} (kernel:156,
 * cm:245), which keeps the state from before the call — the value transfer and every write of the
 * callee and of the frames it called included.
 *
 * @module
 */
import { Result } from "effect"
import { AddressProtocol, addressToBytes, addressToString, delegatedParts } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { encodeCbor } from "../encoding/cbor.js"
import { ExitCode, FIRST_USER_EXIT_CODE } from "./exitcode.js"
import { type CallContext, type Frame, frameRuntime, PLACEHOLDER_KIND } from "./frame.js"
import type { ActorError, ActorId, ErrorNumber, Response, SendRequest, SendResult, SyscallError, VmState } from "./interface.js"
import { EAM_ACTOR_ID, lookupId, registerNewAddress, SYSTEM_ACTOR_ID, withActor } from "./state.js"

export { type CallContext, PLACEHOLDER_KIND } from "./frame.js"

/** The deepest call stack a message may build (ref-fvm `NetworkConfig::max_call_depth` = 1024, `fvm/src/machine/mod.rs:150`). */
export const MAX_CALL_DEPTH = 1024
/** Method 0: a plain value transfer, no code runs (cm:694). */
export const METHOD_SEND = 0n
/** Method 1: the constructor. */
export const METHOD_CONSTRUCTOR = 1n
/** The code name of the actor a send to a new key address creates (ref-fvm `fvm/src/machine/manifest.rs`). */
export const ACCOUNT_KIND = "account"

/** A call's result and the state after it (before any rollback by the caller's transaction). */
export interface Call {
  readonly vm: VmState
  readonly result: SendResult
}

/**
 * A step of the call manager that may run nested calls: it yields the task of each nested call
 * and is resumed with that task's result (see {@link drive}).
 */
export type Task<A> = Generator<Task<unknown>, A, unknown>

/** Runs `task` as a nested call of the running task and returns its result. */
function* nested<A>(task: Task<A>): Task<A> {
  // `drive` resumes the yielding task with the result of exactly the task it yielded.
  return (yield task) as A
}

/**
 * Runs `root` to its result on an explicit stack: the top task runs until it yields a nested task
 * (pushed) or returns (popped, its result resumes the task below).
 *
 * @category execution
 * @since 0.1.0
 */
export const drive = <A>(root: Task<A>): A => {
  const stack: Array<Task<unknown>> = [root]
  let input: unknown = undefined
  for (;;) {
    const step = stack[stack.length - 1]!.next(input)
    if (step.done === true) {
      stack.pop()
      if (stack.length === 0) return step.value as A
      input = step.value
    } else {
      stack.push(step.value)
      input = undefined
    }
  }
}

/**
 * The circulating supply a machine runs with unless told otherwise: 2 000 000 000 FIL, the whole
 * supply, which is what Lotus's conformance driver assumes when a test vector names none
 * (filecoin-project/lotus `conformance/driver.go:39-42` @ v1.36.2, `DefaultCirculatingSupply =
 * types.TotalFilecoinInt`, `chain/types/bigint.go:14`: FilBase = 2 000 000 000 FIL).  On chain the
 * node computes it each epoch (lotus `chain/stmgr/supply.go`).
 */
export const DEFAULT_CIRCULATING_SUPPLY = 2_000_000_000n * 10n ** 18n

/** A fresh context for a message from `origin` with `nonce`. */
export const callContext = (origin: Address, nonce: bigint, maxDepth: number = MAX_CALL_DEPTH, circulatingSupply: bigint = DEFAULT_CIRCULATING_SUPPLY): CallContext =>
  ({ origin, nonce, actorsCreated: 0n, depth: 0, maxDepth, circulatingSupply })

const syscallError = (number: ErrorNumber, message: string): Result.Result<never, SyscallError> => Result.fail({ number, message })
const exited = (error: ActorError): Result.Result<Response, never> => Result.succeed({ exitCode: error.exitCode, return: undefined, error })
const succeeded = (call: Call): boolean => Result.isSuccess(call.result) && call.result.success.exitCode === ExitCode.OK

/**
 * A call `out` made from `vm` as a transaction (cm:245): its state is kept if the call succeeded
 * with exit code 0, else the state from before is.
 */
export const withTransaction = (vm: VmState, out: Call): Call => (succeeded(out) ? out : { vm, result: out.result })

/**
 * Calls `method` of the actor `to` names, from actor `from`, with `params` and `value` (cm:172,
 * cm:610): checks the call depth, resolves the receiver — creating an account for a new key
 * address and a placeholder for a new f4 address in the EAM's namespace — and runs it.
 */
export function* callActor(
  vm: VmState, cx: CallContext, from: ActorId, to: Address, method: bigint, params: Uint8Array | undefined, value: bigint, readOnly: boolean
): Task<Call> {
  if (cx.depth >= cx.maxDepth) return { vm, result: syscallError("LimitExceeded", "message execution exceeds call depth") }
  cx.depth += 1
  try {
    const receiver = yield* resolveOrCreate(vm, cx, to, readOnly)
    if (Result.isFailure(receiver)) return { vm, result: Result.fail(receiver.failure) }
    return yield* callResolved(receiver.success.vm, cx, from, receiver.success.id, method, params, value, readOnly)
  } finally {
    cx.depth -= 1
  }
}

type Resolved = Result.Result<{ readonly vm: VmState; readonly id: ActorId }, SyscallError>

/** The receiver's id; a new key address gets an account, a new EAM f4 address a placeholder (cm:622-646). */
function* resolveOrCreate(vm: VmState, cx: CallContext, to: Address, readOnly: boolean): Task<Resolved> {
  const id = lookupId(vm, to)
  if (id !== undefined) return Result.succeed({ vm, id })
  if (to.protocol === AddressProtocol.Secp256k1 || to.protocol === AddressProtocol.BLS) {
    if (readOnly) return syscallError("ReadOnly", `cannot auto-create account ${addressToString(to)} in read-only calls`)
    return yield* createAccountFromSend(vm, cx, to)
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
 * state, and runs its constructor from the System actor with the address as params — in a frame,
 * but not as a call of its own: the call depth does not change (cm:588 `call_actor_resolved`).
 */
export function* createAccountFromSend(vm: VmState, cx: CallContext, address: Address): Task<Resolved> {
  if (isBlsZeroAddress(address)) return syscallError("IllegalArgument", "cannot create the bls zero address actor")
  const registered = registerNewAddress(vm, address)
  const placed = withActor(registered.vm, registered.id, { kind: ACCOUNT_KIND, balance: 0n, state: undefined, robust: address, sequence: 0n })
  const constructed = yield* nested(callResolved(placed, cx, SYSTEM_ACTOR_ID, registered.id, METHOD_CONSTRUCTOR, encodeCbor(addressToBytes(address)), 0n, false))
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
 * moves, then — unless the method is 0 — its code runs in a new frame: each send it yields is made
 * from the frame, and the method resumes with its result.
 */
function* callResolved(
  vm: VmState, cx: CallContext, from: ActorId, to: ActorId, method: bigint, params: Uint8Array | undefined, value: bigint, readOnly: boolean
): Task<Call> {
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
  const frame: Frame = { cx, caller: from, receiver: to, valueReceived: value, readOnly, world: start, inTransaction: false }
  const running = code.invoke(frameRuntime(frame), entry.state, method, params)
  let step = running.next()
  while (step.done !== true) step = running.next(yield* sendFrom(frame, step.value))
  const out = step.value
  if (Result.isFailure(out)) {
    const e = out.failure
    // An actor that exits with a system code exits with SYS_ILLEGAL_EXIT_CODE instead
    // (ref-fvm `fvm/src/syscalls/vm.rs` `exit`).
    const error = e.exitCode < FIRST_USER_EXIT_CODE ? { ...e, exitCode: ExitCode.SYS_ILLEGAL_EXIT_CODE } : e
    return { vm: frame.world, result: exited(error) }
  }
  return { vm: frame.world, result: Result.succeed({ exitCode: ExitCode.OK, return: out.success.return }) }
}

/**
 * The send `request` made from `frame` (kernel:127-197): read-only if the frame is; no value in a
 * read-only send; the nested call runs in a transaction, and the frame's view moves on only if
 * it succeeded.
 */
function* sendFrom(frame: Frame, request: SendRequest): Task<SendResult> {
  const readOnly = frame.readOnly || request.readOnly
  // kernel:139: no value moves in a read-only call
  if (readOnly && request.value !== 0n) return syscallError("ReadOnly", "cannot transfer value when read-only")
  const out = yield* nested(callActor(frame.world, frame.cx, frame.receiver, request.to, request.method, request.params, request.value, readOnly))
  if (succeeded(out)) frame.world = out.vm
  return out.result
}
