/**
 * Types of the in-process VM: actors, messages, receipts, the runtime an actor method sees, and
 * what a method returns.  Types only.
 *
 * Actors are pure functions over a small runtime (the XState pattern): a method returns its new
 * state, its return bytes and the transfers it makes as data, and the VM applies them.
 *
 * @module
 */
import type { Result } from "effect"
import type { Address } from "../address/interface.js"

/** An actor id (the number of an f0 address). */
export type ActorId = bigint

/** The kinds of actor this VM runs. */
export type ActorKind = "system" | "init" | "account" | "paymentchannel"

/**
 * An actor on chain: its kind, balance, state, its robust address (public-key address for an
 * account, actor address for a payment channel) and, for accounts, the next message nonce.
 */
export interface ActorEntry {
  readonly kind: ActorKind
  readonly balance: bigint
  readonly state: unknown
  readonly robust: Address | undefined
  readonly sequence: bigint
}

/** The whole chain state at one epoch: immutable; every applied message yields a new one. */
export interface VmState {
  /** The actor parameters this chain runs with (see `NetworkParams` in vm.ts). */
  readonly network: { readonly paych: import("../actors/paych/state.js").PaychParams }
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

/** A value transfer a method makes, applied by the VM after the method returns. */
export interface Transfer {
  readonly to: ActorId
  readonly value: bigint
}

/** A new actor a method asks the VM to create (Init's Exec), then construct with `params`. */
export interface Spawn {
  readonly kind: ActorKind
  readonly id: ActorId
  readonly robust: Address
  readonly params: Uint8Array
  readonly value: bigint
}

/** A successful method: new state, return bytes, and effects as data. */
export interface Outcome<S = unknown> {
  readonly state: S
  readonly return?: Uint8Array
  readonly transfers?: ReadonlyArray<Transfer>
  /** Delete the actor and send its remaining balance to `beneficiary`. */
  readonly deleteTo?: ActorId
  readonly spawn?: Spawn
  /** Accounts to create first, at the ids `Runtime.accountFor` handed out. */
  readonly createAccounts?: ReadonlyArray<{ readonly id: ActorId; readonly address: Address }>
}

/** What an actor method may read and call while it runs. */
export interface Runtime {
  readonly epoch: bigint
  /** The immediate caller, as an actor id. */
  readonly caller: ActorId
  readonly callerKind: ActorKind | undefined
  readonly receiver: ActorId
  readonly valueReceived: bigint
  /** The receiver's balance, the received value included. */
  readonly currentBalance: bigint
  /** The id an address names, if it names an actor that exists. */
  readonly resolveAddress: (address: Address) => ActorId | undefined
  readonly actorKind: (id: ActorId) => ActorKind | undefined
  /** A read-only call to another actor (its state changes are discarded). */
  readonly call: (to: Address, method: bigint, params: Uint8Array) => Result.Result<Uint8Array, ActorError>
  /**
   * The id of the actor an address names; for an unknown public-key address (f1/f3), the id its
   * account will get — the actor must then list it in `Outcome.createAccounts`, as builtin-actors'
   * `resolve_to_actor_id` creates it by sending it 0 FIL.
   */
  readonly accountFor: (address: Address) => ActorId | undefined
  /** The next actor id and a robust address for an actor this message creates (Init only). */
  readonly newActorAddress: () => { readonly id: ActorId; readonly robust: Address }
}

/** One actor kind's code: dispatch on the method number. */
export interface ActorCode<S = unknown> {
  readonly kind: ActorKind
  readonly invoke: (rt: Runtime, state: S, method: bigint, params: Uint8Array) => Result.Result<Outcome<S>, ActorError>
}
