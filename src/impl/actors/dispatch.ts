/**
 * Method dispatch for the actors, as builtin-actors' `actor_dispatch!` does it
 * (filecoin-project/builtin-actors `runtime/src/dispatch.rs` @ v18.0.0): each method declares
 * whether it takes params; a method that takes params and gets none fails 16 "method expects
 * arguments" (dispatch.rs:244-245), params that do not decode fail 21 (dispatch.rs:246 through
 * `From<fvm_ipld_encoding::Error> for ActorError`, `runtime/src/actor_error.rs:104`), a method
 * that takes none and gets some fails 16 "method expects no arguments" (dispatch.rs:207-209); a
 * method number the table lacks goes to the actor's fallback, or fails 22 "invalid method"
 * (dispatch.rs:66).  Params are decoded before the method body runs, so 16/21 come before any
 * check of the method.
 *
 * `restrict_internal_api` (dispatch.rs:61, `runtime/src/builtin/shared.rs:64`) refuses methods
 * below 2^24 to callers that are not builtin actors; every actor in the registry is a builtin
 * actor, so it never refuses here.
 *
 * A method is a generator function (see `Sends` in ../vm/interface.ts): one that sends writes
 * `const r = yield* rt.send(…)`; one that does not simply returns, and never yields.
 *
 * @module
 */
import { Result } from "effect"
import { actorError, ExitCode } from "../vm/exitcode.js"
import type { ActorCode, ActorError, ActorKind, Outcome, Runtime, Sends } from "../vm/interface.js"

/** What a method returns. */
export type MethodResult = Result.Result<Outcome, ActorError>

/** A method body: a generator that may send, returning the method's result. */
export type MethodRun = Sends<MethodResult>

/** One method of an actor: whether it takes params, and how it runs on the raw params. */
export interface Method<S> {
  readonly takesParams: boolean
  readonly run: (rt: Runtime<S>, state: S, params: Uint8Array | undefined) => MethodRun
}

/** A params decoder: the value or a message naming what did not decode. */
export type Decoder<P> = (bytes: Uint8Array) => Result.Result<P, { readonly message: string }>

export { actorError }

/**
 * A method that takes params: decoded with `decode` before `run` sees them.
 *
 * @category dispatch
 * @since 0.1.0
 */
export const withParams = <S, P>(decode: Decoder<P>, run: (rt: Runtime<S>, state: S, params: P) => MethodRun): Method<S> => ({
  takesParams: true,
  run: function* (rt, state, raw) {
    if (raw === undefined) return Result.fail(actorError("ExpectsArguments", ExitCode.USR_ILLEGAL_ARGUMENT, "method expects arguments"))
    const decoded = decode(raw)
    if (Result.isFailure(decoded)) return Result.fail(actorError("MalformedParams", ExitCode.USR_SERIALIZATION, decoded.failure.message))
    return yield* run(rt, state, decoded.success)
  }
})

/**
 * A method that takes no params.
 *
 * @category dispatch
 * @since 0.1.0
 */
export const noParams = <S>(run: (rt: Runtime<S>, state: S) => MethodRun): Method<S> => ({
  takesParams: false,
  run: function* (rt, state, raw) {
    if (raw !== undefined) return Result.fail(actorError("ExpectsNoArguments", ExitCode.USR_ILLEGAL_ARGUMENT, "method expects no arguments"))
    return yield* run(rt, state)
  }
})

/** A fallback for method numbers the table lacks: sees the method number and the raw params. */
export type Fallback<S> = (rt: Runtime<S>, state: S, method: bigint, params: Uint8Array | undefined) => MethodRun

/**
 * An actor's code from its method table.
 *
 * @category dispatch
 * @since 0.1.0
 */
export const actorDispatch = <S>(kind: ActorKind, methods: ReadonlyArray<readonly [bigint, Method<S>]>, fallback?: Fallback<S>): ActorCode<S> => {
  const table = new Map(methods)
  return {
    kind,
    invoke: function* (rt, state, method, params) {
      const m = table.get(method)
      if (m !== undefined) return yield* m.run(rt, state, params)
      if (fallback !== undefined) return yield* fallback(rt, state, method, params)
      return Result.fail(actorError("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `${kind}: invalid method: ${method}`))
    }
  }
}
