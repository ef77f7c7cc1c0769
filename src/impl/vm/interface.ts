/**
 * Types of the in-process VM: the chain state, messages and receipts, the registry of actor code,
 * and the runtime an actor method sees while it runs.  Types only.
 *
 * An actor method is a generator function of (runtime, state, params): it reads and writes its own
 * state through the runtime's state syscalls (`rt.create`, `rt.state`, `rt.transaction`, as
 * builtin-actors' `runtime/src/runtime/fvm.rs` @ v18.0.0 does), and calls other actors with
 * `const r = yield* rt.send(to, method, params, value)`: the send is *yielded* as data (a
 * {@link SendRequest}) and the call manager answers it after running the callee in its own frame,
 * as ref-fvm's call manager does (`fvm/src/call_manager/default.rs` @ fvm@v4.8.2).  Its outcome
 * (the return bytes) is data too.
 *
 * @module
 */
import type { Result } from "effect"
import type { Address } from "../address/interface.js"

/** An actor id (the number of an f0 address). */
export type ActorId = bigint

/**
 * The name of an actor's code, as the builtin-actors manifest names it ("system", "init",
 * "account", "placeholder", "paymentchannel", …; ref-fvm `fvm/src/machine/manifest.rs` @
 * fvm@v4.8.2).  The registry maps it to the code.
 */
export type ActorKind = string

/**
 * An actor on chain: the name of its code, balance, state, its robust address (public-key address
 * for an account, actor address for a created actor, delegated address for a placeholder) and, for
 * accounts, the next message nonce.
 */
export interface ActorEntry {
  readonly kind: ActorKind
  readonly balance: bigint
  /** The actor's state; `undefined` between its creation and its constructor. */
  readonly state: unknown
  readonly robust: Address | undefined
  readonly sequence: bigint
}

/**
 * The whole chain state at one epoch: immutable; every applied message yields a new one.  The
 * address map and the next id are the Init actor's state, which the VM reads and writes as ref-fvm's
 * state tree does (`fvm/src/state_tree.rs` `register_new_address`).
 */
export interface VmState {
  /** The code this chain runs, by name: the only way the VM knows any actor. */
  readonly registry: ActorRegistry
  readonly epoch: bigint
  readonly actors: ReadonlyMap<ActorId, ActorEntry>
  /** Robust address (hex of its bytes) → actor id: the Init actor's address map. */
  readonly addresses: ReadonlyMap<string, ActorId>
  readonly nextId: ActorId
}

/** An unsigned chain message (lotus `chain/types/message.go`), without the gas fields: this VM charges no gas. */
export interface Message {
  readonly from: Address
  readonly to: Address
  readonly nonce: bigint
  readonly value: bigint
  readonly method: bigint
  readonly params: Uint8Array
}

/**
 * What applying a message returned: the exit code, the return bytes, and, on failure, the tag of
 * the check that failed and a message naming what was wrong.
 */
export interface Receipt {
  readonly exitCode: number
  readonly return: Uint8Array
  readonly tag?: string
  readonly message?: string
}

/** A failed actor method: the tag names the failed check; the exit code follows the chain's numbering. */
export interface ActorError {
  readonly tag: string
  readonly exitCode: number
  readonly message: string
}

/**
 * A successful method: its return bytes (absent = no return block).  Its state changes were
 * written while it ran (`rt.create`, `rt.transaction`, `rt.deleteActor`).
 */
export interface Outcome {
  readonly return?: Uint8Array
}

/**
 * Why a send could not run the callee at all: ref-fvm's syscall error numbers
 * (`shared/src/error/mod.rs` `ErrorNumber` @ fvm@v4.8.2) that a send returns.
 */
export type ErrorNumber = "IllegalArgument" | "IllegalOperation" | "LimitExceeded" | "NotFound" | "InsufficientFunds" | "ReadOnly" | "Forbidden"

/** A send that did not run the callee: the error number and what was wrong. */
export interface SyscallError {
  readonly number: ErrorNumber
  readonly message: string
}

/**
 * What a callee answered: its exit code and return bytes (`undefined` = no return block); for a
 * failed callee, the error it failed with.
 */
export interface Response {
  readonly exitCode: number
  readonly return: Uint8Array | undefined
  readonly error?: ActorError
}

/** Send flags (ref-fvm `shared/src/sys/mod.rs` `SendFlags`): a read-only callee may not change any state. */
export interface SendFlags {
  readonly readOnly?: boolean
}

/**
 * A send an actor method asks for: what `rt.send` yields.  The call manager makes it from the
 * method's frame (read-only if the frame is) and resumes the method with its {@link SendResult}.
 */
export interface SendRequest {
  readonly to: Address
  readonly method: bigint
  /** `undefined` = no params. */
  readonly params: Uint8Array | undefined
  readonly value: bigint
  readonly readOnly: boolean
}

/** What a send answered: the callee's response, or the syscall error that kept it from running. */
export type SendResult = Result.Result<Response, SyscallError>

/**
 * Code that may send: a generator that yields {@link SendRequest}s, is resumed with their
 * {@link SendResult}s, and returns an `A`.  Actors compose it with `yield*`; only the call manager
 * drives it (see callManager.ts).
 */
export type Sends<A> = Generator<SendRequest, A, SendResult>

/** What an actor method may read and do while it runs (builtin-actors `runtime/src/runtime/mod.rs` `Runtime`). */
export interface Runtime<S = unknown> {
  readonly epoch: bigint
  /** The immediate caller, as an actor id. */
  readonly caller: ActorId
  readonly receiver: ActorId
  readonly valueReceived: bigint
  /** Whether this frame is read-only (ref-fvm `vm::read_only`). */
  readonly readOnly: boolean
  /** The receiver's balance now (the received value included; changed by the sends it made). */
  readonly currentBalance: () => bigint
  /**
   * The network's circulating supply, attoFIL (builtin-actors `Runtime::total_fil_circ_supply`,
   * `runtime/src/runtime/mod.rs:235` @ v18.0.0):
   * on chain the node computes it each epoch and hands it to the machine (ref-fvm
   * `MachineContext::circ_supply`); here it is the machine's parameter (see `MachineConfig`).
   */
  readonly totalFilCircSupply: () => bigint
  /**
   * The id an address names (ref-fvm `state_tree.lookup_id`): an ID address is its own id whether
   * or not the actor exists; any other address is looked up in the address map.
   */
  readonly resolveAddress: (address: Address) => ActorId | undefined
  /** The code name of the actor with this id, if it exists (`get_actor_code_cid`). */
  readonly actorKind: (id: ActorId) => ActorKind | undefined
  /**
   * Writes the state of an actor that has none yet (builtin-actors `Runtime::create`): 20 if it
   * has one; 25 in a read-only frame, 20 once the actor was deleted (`set_root` through
   * `StateUpdateError`).
   */
  readonly create: (state: S) => Result.Result<void, ActorError>
  /**
   * The receiver's state now (builtin-actors `Runtime::state`): what the last write left, by this
   * frame or by any frame it called (a callee that calls back into this actor included).  20 if
   * the actor has no state or was deleted (`root` → `StateReadError`).
   */
  readonly state: () => Result.Result<S, ActorError>
  /**
   * Reads the state, applies `f`, and writes what `f` returns (builtin-actors
   * `FvmRuntime::transaction`): the write is at once visible to every later read, in this frame
   * and in the frames it calls; it is undone only with the frame, if the frame fails.  If `f`
   * fails nothing is written.  No state → 16 (`failed to get actor root state CID`); read-only
   * frame → 25.  `f` is not a generator, so it cannot send: builtin-actors refuses sends inside a
   * transaction (`IllegalOperation`), here the types do.  `createActor`/`deleteActor` called from
   * inside `f` fail 24, as upstream.
   */
  readonly transaction: (f: (state: S) => Result.Result<S, ActorError>) => Result.Result<S, ActorError>
  /**
   * Deletes the receiver (builtin-actors `Runtime::delete_actor`, ref-fvm `self_destruct(false)`):
   * 16 in a read-only frame or with a non-zero balance (`ActorDeleteError`); 24 inside a
   * transaction.  Undone with the frame, if the frame fails.
   */
  readonly deleteActor: () => Result.Result<void, ActorError>
  /**
   * Calls `method` of the actor `to` names with `params` (`undefined` = no params) and `value`, in
   * a new frame: `const r = yield* rt.send(…)`.  The callee's changes persist if it succeeds and
   * are undone with the value transfer if it fails.  A syscall error means the callee did not run
   * (receiver missing, funds short, read-only violation, call depth exceeded).
   */
  readonly send: (to: Address, method: bigint, params: Uint8Array | undefined, value: bigint, flags?: SendFlags) => Sends<SendResult>
  /** The robust address of the next actor this message creates (ref-fvm `next_actor_address`). */
  readonly newActorAddress: () => Address
  /**
   * Init only: gives `robust` the next id in the address map (builtin-actors init `State::map_addresses_to_id`),
   * or the id it already has (`existing`).
   */
  readonly mapAddressToId: (robust: Address) => Result.Result<{ readonly id: ActorId; readonly existing: boolean }, ActorError>
  /** Init only: creates an empty actor of `kind` at `id` (ref-fvm kernel `create_actor`). */
  readonly createActor: (kind: ActorKind, id: ActorId, delegated: Address | undefined) => Result.Result<void, ActorError>
}

/** One kind of actor's code: dispatch on the method number (params `undefined` = no params). */
export interface ActorCode<S = unknown> {
  readonly kind: ActorKind
  readonly invoke: (rt: Runtime<S>, state: S, method: bigint, params: Uint8Array | undefined) => Sends<Result.Result<Outcome, ActorError>>
}

/**
 * The actors a chain runs: code name → code (the role of the builtin-actors manifest in ref-fvm).
 * It must hold "system", "init", "account" (created on a send to a new key address) and
 * "placeholder" (created on a send to a new f4 address in the EAM's namespace).
 */
export interface ActorRegistry {
  readonly codes: ReadonlyMap<ActorKind, ActorCode>
}
