/**
 * One call frame and the runtime its actor method sees: `receiver` running for `caller`, on the
 * frame's view of the chain state.  The state syscalls write that view at once, so a later read in
 * this frame — or in a frame it calls, the receiver itself re-entered included — sees the write,
 * as ref-fvm's state tree does (`fvm/src/kernel/default.rs` `root`/`set_root`/`self_destruct` @
 * fvm@v4.8.2, cited below as `kernel:<line>`); the frame's writes are undone only when the frame
 * fails, by the caller's transaction (see callManager.ts).  Sends are not made here: `rt.send`
 * yields the request to the call manager.
 *
 * The error mapping follows builtin-actors @ v18.0.0: `runtime/src/runtime/fvm.rs`
 * (`transaction`:290-316, `create_actor`:340-358, `delete_actor`:360-367, cited as `fvm.rs:<line>`),
 * `runtime/src/runtime/mod.rs` (`create`:131-142, `state`:145-151) and `runtime/src/actor_error.rs`
 * (`StateReadError` → 20, `StateUpdateError` → 20 deleted / 25 read-only, `ActorDeleteError` → 16).
 *
 * @module
 */
import { Result } from "effect"
import { addressFromBytes, addressToBytes, newActorAddress } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { encodeCbor } from "../encoding/cbor.js"
import { concatBytes, fromHex } from "../encoding/hex.js"
import { actorFailure as fail, ExitCode } from "./exitcode.js"
import type { ActorError, ActorId, ActorKind, Runtime, SendRequest, SendResult, Sends, VmState } from "./interface.js"
import { addressKey, INIT_ACTOR_ID, lookupId, registerNewAddress, withActor } from "./state.js"

/** The code name of the actor a send to a new f4 address in the EAM's namespace creates. */
export const PLACEHOLDER_KIND = "placeholder"

/** What one message's calls share (ref-fvm `DefaultCallManager` fields): never rolled back. */
export interface CallContext {
  /** The message's `from`, as written (call_manager/default.rs:350 bases new actor addresses on it). */
  readonly origin: Address
  readonly nonce: bigint
  /** Actors created so far by this message (call_manager/default.rs:409). */
  actorsCreated: bigint
  /** Calls on the stack now (call_manager/default.rs:940-958). */
  depth: number
  /** The deepest the call stack may grow. */
  readonly maxDepth: number
  /** The circulating supply the machine runs this message with (ref-fvm `MachineContext::circ_supply`). */
  readonly circulatingSupply: bigint
}

/** A running call: who runs for whom, and its view of the chain state. */
export interface Frame {
  readonly cx: CallContext
  readonly caller: ActorId
  readonly receiver: ActorId
  readonly valueReceived: bigint
  readonly readOnly: boolean
  /** The chain state as this frame sees it: moved on by its writes and by the sends that succeeded. */
  world: VmState
  /** Inside `rt.transaction` (builtin-actors `FvmRuntime::in_transaction`). */
  inTransaction: boolean
}

/** The sends an actor makes: yielded as data, answered by the call manager. */
function* sendRequest(request: SendRequest): Sends<SendResult> {
  return yield request
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
 * `set_root` (kernel:320-340): refused read-only (25) and once the actor is deleted (20); else the
 * frame's view holds the new state from now on.
 */
const setState = (frame: Frame, state: unknown): Result.Result<void, ActorError> => {
  if (frame.readOnly) return fail("StateReadOnly", ExitCode.USR_READ_ONLY, "cannot update the state-root while read-only")
  const entry = frame.world.actors.get(frame.receiver)
  if (entry === undefined) return fail("ActorDeleted", ExitCode.USR_ILLEGAL_STATE, "cannot update the state of a deleted actor")
  frame.world = withActor(frame.world, frame.receiver, { ...entry, state })
  return Result.succeed(undefined)
}

/**
 * The runtime of `frame`.
 *
 * @category runtime
 * @since 0.1.0
 */
export const frameRuntime = (frame: Frame): Runtime => {
  const self = () => frame.world.actors.get(frame.receiver)
  const isInit = frame.receiver === INIT_ACTOR_ID
  return {
    epoch: frame.world.epoch,
    caller: frame.caller,
    receiver: frame.receiver,
    valueReceived: frame.valueReceived,
    readOnly: frame.readOnly,
    currentBalance: () => self()?.balance ?? 0n,
    totalFilCircSupply: () => frame.cx.circulatingSupply,
    resolveAddress: (a) => lookupId(frame.world, a),
    actorKind: (id) => frame.world.actors.get(id)?.kind,
    create: (state) => {
      // mod.rs:131-142: the root must still be the empty one; `get_state_root` fails 20 once deleted
      const entry = self()
      if (entry === undefined) return fail("ActorDeleted", ExitCode.USR_ILLEGAL_STATE, "actor deleted: no state root")
      if (entry.state !== undefined) return fail("StateExists", ExitCode.USR_ILLEGAL_STATE, "failed to create state; the actor already has state")
      return setState(frame, state)
    },
    state: () => {
      // mod.rs:145-151: `root` fails once deleted (StateReadError → 20); no state does not decode
      const entry = self()
      if (entry === undefined) return fail("ActorDeleted", ExitCode.USR_ILLEGAL_STATE, "actor deleted: no state root")
      if (entry.state === undefined) return fail("NoState", ExitCode.USR_ILLEGAL_ARGUMENT, "failed to get actor for Readonly state")
      return Result.succeed(entry.state)
    },
    transaction: (f) => {
      // fvm.rs:290-316: read (16 if there is none), run `f`, write what it left (set_root: 25 read-only)
      const entry = self()
      if (entry === undefined) return fail("ActorDeleted", ExitCode.USR_ILLEGAL_ARGUMENT, "failed to get actor root state CID")
      if (entry.state === undefined) return fail("NoState", ExitCode.USR_ILLEGAL_ARGUMENT, "failed to get actor state")
      frame.inTransaction = true
      let out: Result.Result<unknown, ActorError>
      try {
        out = f(entry.state)
      } finally {
        frame.inTransaction = false
      }
      if (Result.isFailure(out)) return out
      return Result.map(setState(frame, out.success), () => out.success)
    },
    deleteActor: () => {
      // fvm.rs:360-367, then kernel:353-386 self_destruct(burn_unspent = false)
      if (frame.inTransaction) return fail("DeleteInTransaction", ExitCode.USR_ASSERTION_FAILED, "delete_actor is not allowed during transaction")
      if (frame.readOnly) return fail("DeleteReadOnly", ExitCode.USR_ILLEGAL_ARGUMENT, "cannot self-destruct when read-only")
      const balance = self()?.balance ?? 0n
      if (balance !== 0n) return fail("UnspentFunds", ExitCode.USR_ILLEGAL_ARGUMENT, `self-destruct with unspent funds (${balance})`)
      frame.world = withActor(frame.world, frame.receiver, undefined)
      return Result.succeed(undefined)
    },
    send: (to, method, params, value, flags) => sendRequest({ to, method, params, value, readOnly: flags?.readOnly === true }),
    newActorAddress: () => {
      // call_manager/default.rs:339: blake2b-160 of CBOR(origin) ‖ nonce (u64 BE) ‖ actors created so far (u64 BE)
      const seq = new Uint8Array(16)
      const view = new DataView(seq.buffer)
      view.setBigUint64(0, frame.cx.nonce)
      view.setBigUint64(8, frame.cx.actorsCreated)
      return newActorAddress(concatBytes(encodeCbor(addressToBytes(frame.cx.origin)), seq))
    },
    mapAddressToId: (robust) => {
      if (!isInit) return fail("NotInit", ExitCode.USR_ASSERTION_FAILED, "only the Init actor maps addresses")
      const existing = frame.world.addresses.get(addressKey(robust))
      if (existing !== undefined) return Result.succeed({ id: existing, existing: true })
      // a write of Init's state (rt.transaction → set_root): refused read-only
      if (frame.readOnly) return fail("StateReadOnly", ExitCode.USR_READ_ONLY, "cannot update the state-root while read-only")
      const registered = registerNewAddress(frame.world, robust)
      frame.world = registered.vm
      return Result.succeed({ id: registered.id, existing: false })
    },
    createActor: (kind: ActorKind, id, delegated) => {
      // fvm.rs:340-358 (24 inside a transaction), then kernel `create_actor` and
      // call_manager/default.rs:356: Forbidden → 18, IllegalArgument → 16, anything else (ReadOnly) → 24.
      if (frame.inTransaction) return fail("CreateActorInTransaction", ExitCode.USR_ASSERTION_FAILED, "create_actor is not allowed during transaction")
      if (!isInit) return fail("CreateActorForbidden", ExitCode.USR_FORBIDDEN, `create_actor is restricted to the Init actor, called by f0${frame.receiver}`)
      if (frame.readOnly) return fail("CreateActorReadOnly", ExitCode.USR_ASSERTION_FAILED, "create_actor cannot be called while read-only")
      if (kind === PLACEHOLDER_KIND) return fail("CreateActorForbidden", ExitCode.USR_FORBIDDEN, "cannot explicitly construct a placeholder actor")
      const existing = frame.world.actors.get(id)
      if (existing !== undefined) {
        const samePlaceholder = existing.kind === PLACEHOLDER_KIND && delegated !== undefined && existing.robust !== undefined &&
          addressKey(existing.robust) === addressKey(delegated)
        if (!samePlaceholder) return fail("CreateActorForbidden", ExitCode.USR_FORBIDDEN, `actor f0${id} already exists`)
        frame.world = withActor(frame.world, id, { ...existing, kind, state: undefined })
      } else {
        frame.world = withActor(frame.world, id, { kind, balance: 0n, state: undefined, robust: delegated ?? robustOf(frame.world, id), sequence: 0n })
      }
      frame.cx.actorsCreated += 1n
      return Result.succeed(undefined)
    }
  }
}
