/**
 * A deterministic in-process VM: an immutable chain state (actors, balances, the address map, an
 * explicit epoch, the registry of actor code) and `applyMessage`, which checks the sender and runs
 * the message as one call in a transaction.  Nothing is charged for gas.  A message that fails
 * leaves every actor and balance as it was; as on chain, a message that was included (right
 * sender, right nonce) still advances the sender's nonce.
 *
 * Follows filecoin-project/ref-fvm `fvm/src/executor/default.rs` @ fvm@v4.8.2 (`executor:<line>`):
 * the sender must be an account (SYS_SENDER_INVALID), the nonce must match
 * (SYS_SENDER_STATE_INVALID); then the call (see callManager.ts) runs in a transaction, empty
 * params reaching the actor as no params (executor:122); a syscall error of the top-level call
 * becomes SYS_INSUFFICIENT_FUNDS, SYS_INVALID_RECEIVER or SYS_ASSERTION_FAILED (executor:215-223).
 * The VM knows actors only through the state's registry.
 *
 * @module
 */
import { Result } from "effect"
import { addressFromBytes, idAddress } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { actorError, ExitCode } from "./exitcode.js"
import { callActor, callContext, createAccountFromSend, DEFAULT_CIRCULATING_SUPPLY, drive, MAX_CALL_DEPTH, withTransaction } from "./callManager.js"
import type { ActorCode, ActorError, ActorId, ActorRegistry, Message, Receipt, SyscallError, VmState } from "./interface.js"
import { resolveAddress, SYSTEM_ACTOR_ID, withActor } from "./state.js"

export type { VmState, Message, Receipt, ActorEntry } from "./interface.js"
export { atEpoch, balanceOf, FIRST_USER_ACTOR_ID, INIT_ACTOR_ID, resolveAddress, SYSTEM_ACTOR_ID } from "./state.js"
export { ACCOUNT_KIND, DEFAULT_CIRCULATING_SUPPLY, PLACEHOLDER_KIND } from "./callManager.js"

/** The code names every registry must hold: the ones the VM creates or calls by itself. */
const REQUIRED_KINDS = ["system", "init", "account", "placeholder"] as const

/**
 * A registry of actor code from a list of codes (one per code name).
 *
 * @throws {Error} if two codes share a name or one the VM needs is missing: a programming error.
 * @category constructors
 * @since 0.1.0
 */
export const actorRegistry = (codes: ReadonlyArray<ActorCode>): ActorRegistry => {
  const map = new Map(codes.map((c) => [c.kind, c]))
  if (map.size !== codes.length) throw new Error("actorRegistry: two codes share a name")
  for (const kind of REQUIRED_KINDS) if (!map.has(kind)) throw new Error(`actorRegistry: no code for "${kind}"`)
  return { codes: map }
}

/**
 * Creates an account actor for a public-key address (f1/f3) with a balance, as genesis funding
 * or a faucet would: the account is created as a send to a new key address creates it (its
 * constructor runs), then credited.  On an existing address the balance is added.
 *
 * @throws {Error} if the address is not a key address the account constructor accepts.
 * @category constructors
 * @since 0.1.0
 */
export const createAccount = (vm: VmState, pubkey: Address, balance: bigint): { vm: VmState; id: ActorId } => {
  const existing = resolveAddress(vm, pubkey)
  const made = existing !== undefined
    ? { vm, id: existing }
    : Result.getOrThrowWith(drive(createAccountFromSend(vm, callContext(idAddress(SYSTEM_ACTOR_ID), 0n), pubkey)), (e) => new Error(e.message))
  const entry = made.vm.actors.get(made.id)!
  if (entry.kind !== "account" || entry.state === undefined) throw new Error(`createAccount: ${pubkey.protocol} is not an account address`)
  return { vm: withActor(made.vm, made.id, { ...entry, balance: entry.balance + balance }), id: made.id }
}

/** The receipt of a top-level syscall error (executor:215-223). */
const syscallReceipt = (e: SyscallError): ActorError => {
  switch (e.number) {
    case "InsufficientFunds": return actorError("InsufficientFunds", ExitCode.SYS_INSUFFICIENT_FUNDS, e.message)
    case "NotFound": return actorError("InvalidReceiver", ExitCode.SYS_INVALID_RECEIVER, e.message)
    default: return actorError(e.number, ExitCode.SYS_ASSERTION_FAILED, e.message)
  }
}

/**
 * The machine's limits (ref-fvm `NetworkConfig`, `fvm/src/machine/mod.rs` @ fvm@v4.8.2).
 *
 * @category constants
 * @since 0.1.0
 */
export interface MachineConfig {
  /** The deepest call stack a message may build: 1024 on every network. */
  readonly maxCallDepth: number
  /**
   * The circulating supply, attoFIL, that `rt.totalFilCircSupply()` answers (ref-fvm
   * `MachineContext::circ_supply`, computed by the node each epoch: lotus
   * `chain/stmgr/supply.go`).  A parameter here: the in-process chain has no vesting schedule or
   * mining to compute it from.  Optional: {@link DEFAULT_CIRCULATING_SUPPLY} when absent.
   */
  readonly circulatingSupply?: bigint
}

/** The limits of every Filecoin network, with the default circulating supply. */
export const DEFAULT_MACHINE: MachineConfig = { maxCallDepth: MAX_CALL_DEPTH, circulatingSupply: DEFAULT_CIRCULATING_SUPPLY }

/**
 * Applies a message.  A message from a missing or non-account sender, with a negative value or
 * with the wrong nonce is not included: it is rejected and changes nothing; any other failure is a
 * receipt with the exit code, the failed check's tag and a message, and changes nothing but the
 * sender's nonce.
 *
 * Nested calls run on the call manager's explicit stack (see callManager.ts), so only the
 * machine's call depth limits them: with `maxCallDepth` calls on the stack the next send is the
 * syscall error `LimitExceeded`, which builtin-actors' send path turns into exit code 24.
 *
 * @category execution
 * @since 0.1.0
 */
export const applyMessage = (vm: VmState, msg: Message, machine: MachineConfig = DEFAULT_MACHINE): { readonly vm: VmState; readonly receipt: Receipt } => {
  const fail = (state: VmState, e: ActorError) => ({ vm: state, receipt: { exitCode: e.exitCode, return: new Uint8Array(), tag: e.tag, message: e.message } })
  const fromId = resolveAddress(vm, msg.from)
  const sender = fromId === undefined ? undefined : vm.actors.get(fromId)
  // executor preflight: only an account sends messages (a placeholder becomes an EthAccount on
  // its first message, which needs a delegated signature this VM does not verify).
  if (fromId === undefined || sender === undefined || sender.kind !== "account") {
    return fail(vm, actorError("SenderInvalid", ExitCode.SYS_SENDER_INVALID, "the sender does not exist or is not an account"))
  }
  // A negative value makes a message invalid for inclusion (lotus `ValidForBlockInclusion`:
  // "'Value' field cannot be negative"); reported like the failed transfer ref-fvm would make.
  if (msg.value < 0n) {
    return fail(vm, actorError("ValueNonNegative", ExitCode.SYS_ASSERTION_FAILED, `message value ${msg.value} is negative`))
  }
  if (msg.nonce !== sender.sequence) {
    return fail(vm, actorError("SenderStateInvalid", ExitCode.SYS_SENDER_STATE_INVALID, `wrong nonce: expected ${sender.sequence}, got ${msg.nonce}`))
  }
  // From here on the message is included: whatever happens, the sender's nonce advances.
  const bumped = withActor(vm, fromId, { ...sender, sequence: sender.sequence + 1n })
  const cx = callContext(msg.from, msg.nonce, machine.maxCallDepth, machine.circulatingSupply ?? DEFAULT_CIRCULATING_SUPPLY)
  const params = msg.params.length === 0 ? undefined : msg.params
  const out = withTransaction(bumped, drive(callActor(bumped, cx, fromId, msg.to, msg.method, params, msg.value, false)))
  if (Result.isFailure(out.result)) return fail(bumped, syscallReceipt(out.result.failure))
  const response = out.result.success
  if (response.exitCode !== ExitCode.OK) {
    return fail(bumped, response.error ?? actorError("Failed", response.exitCode, `exit code ${response.exitCode}`))
  }
  return { vm: out.vm, receipt: { exitCode: ExitCode.OK, return: response.return ?? new Uint8Array() } }
}

/**
 * Applies a message from `from` with the sender's current nonce filled in.
 *
 * @category execution
 * @since 0.1.0
 */
export const send = (vm: VmState, msg: Omit<Message, "nonce">, machine: MachineConfig = DEFAULT_MACHINE): { readonly vm: VmState; readonly receipt: Receipt } => {
  const id = resolveAddress(vm, msg.from)
  const nonce = id === undefined ? 0n : vm.actors.get(id)!.sequence
  return applyMessage(vm, { ...msg, nonce }, machine)
}

export { idAddress, addressFromBytes }
