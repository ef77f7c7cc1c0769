/**
 * A stub runtime for calling the miner actor's methods directly, as builtin-actors' MockRuntime
 * does in `actors/miner/tests/miner_actor_test_construction.rs` @ v18.0.0: the receiver, caller,
 * epoch, balance and circulating supply are given, actor kinds by id, and every send is answered
 * by `answer` (and recorded).
 */
import { Result } from "effect"
import { newActorAddress } from "../../../../src/impl/address/address.js"
import type { Address } from "../../../../src/impl/address/interface.js"
import type { ActorError, ActorId, Outcome, Runtime, SendRequest, SendResult, Sends } from "../../../../src/impl/vm/interface.js"

export interface Stub<S> {
  readonly rt: Runtime<S>
  /** The sends the method made, in order. */
  readonly sent: Array<SendRequest>
  /** The state the method wrote, if it did. */
  written: S | undefined
}

export interface StubOptions {
  readonly receiver: ActorId
  readonly caller: ActorId
  readonly epoch?: bigint
  readonly balance: bigint
  readonly circulatingSupply?: bigint
  /** Kind of each existing actor by id. */
  readonly kinds: ReadonlyMap<ActorId, string>
  /** Non-ID addresses that resolve, to their id. */
  readonly resolves?: ReadonlyMap<string, ActorId>
}

/** A stub runtime (see the module comment); `addressKey` of a resolvable non-ID address is its string form. */
export const stubRuntime = <S>(o: StubOptions, key: (a: Address) => string, idOf: (a: Address) => ActorId | undefined): Stub<S> => {
  const stub: Stub<S> = {
    sent: [],
    written: undefined,
    rt: {
      epoch: o.epoch ?? 0n, caller: o.caller, receiver: o.receiver, valueReceived: 0n, readOnly: false,
      currentBalance: () => o.balance, totalFilCircSupply: () => o.circulatingSupply ?? 0n,
      resolveAddress: (a) => idOf(a) ?? o.resolves?.get(key(a)),
      actorKind: (id) => o.kinds.get(id),
      create: (s) => { stub.written = s; return Result.succeed(undefined) },
      state: () => (stub.written === undefined ? Result.fail({ tag: "NoState", exitCode: 16, message: "no state" }) : Result.succeed(stub.written)),
      transaction: (f) => {
        if (stub.written === undefined) return Result.fail({ tag: "NoState", exitCode: 16, message: "no state" })
        return Result.map(f(stub.written), (s) => { stub.written = s; return s })
      },
      deleteActor: () => Result.succeed(undefined),
      send: function* (to, method, params, value) {
        const request = { to, method, params, value, readOnly: false }
        stub.sent.push(request)
        return yield request
      },
      newActorAddress: () => newActorAddress(new Uint8Array(1)),
      mapAddressToId: () => Result.fail({ tag: "NotInit", exitCode: 24, message: "not init" }),
      createActor: () => Result.fail({ tag: "NotInit", exitCode: 18, message: "not init" })
    }
  }
  return stub
}

/** Runs a method invoked directly to its end, answering each send with `answer`. */
export const run = (method: Sends<Result.Result<Outcome, ActorError>>, answer: (r: SendRequest) => SendResult): Result.Result<Outcome, ActorError> => {
  let step = method.next()
  while (step.done !== true) step = method.next(answer(step.value))
  return step.value
}
