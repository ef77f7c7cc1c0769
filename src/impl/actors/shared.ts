/**
 * What every actor uses around a send: turning a send's result into the caller's error as
 * builtin-actors does, and resolving an address to an actor id.
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0, `runtime/src/builtin/shared.rs`
 * (`resolve_to_actor_id`:21-55, `From<SendError> for ActorError`:107-136,
 * `extract_send_result`:144-157) and `runtime/src/actor_error.rs` (`ActorError::checked`:34-47,
 * `deserialize_block`:269-276).
 *
 * @module
 */
import { Result } from "effect"
import { addressToString } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { decodeCbor } from "../encoding/cbor.js"
import { ExitCode, FIRST_USER_EXIT_CODE } from "../vm/exitcode.js"
import type { ActorError, ActorId, Response, Runtime, Sends, SyscallError } from "../vm/interface.js"
import { actorError } from "./dispatch.js"

/**
 * The caller's error for a callee's exit code (`ActorError::checked`): a callee that broke the
 * rules of the VM (missing return, illegal instruction, illegal exit code) becomes 23
 * USR_UNSPECIFIED, any other system code 24 USR_ASSERTION_FAILED; user codes pass through.
 *
 * @example
 * checkedExitCode(16) // => 16
 * checkedExitCode(5)  // => 24
 * @category runtime
 * @since 0.1.0
 */
export const checkedExitCode = (code: number): number => {
  if (code === ExitCode.SYS_MISSING_RETURN || code === ExitCode.SYS_ILLEGAL_INSTRUCTION || code === ExitCode.SYS_ILLEGAL_EXIT_CODE) {
    return ExitCode.USR_UNSPECIFIED
  }
  return code < FIRST_USER_EXIT_CODE ? ExitCode.USR_ASSERTION_FAILED : code
}

/** The caller's error for a send that did not run the callee (`From<SendError> for ActorError`). */
export const sendErrorToActorError = (e: SyscallError): ActorError => {
  switch (e.number) {
    case "NotFound": return actorError("ReceiverNotFound", ExitCode.USR_UNSPECIFIED, `receiver not found: ${e.message}`)
    case "InsufficientFunds": return actorError("InsufficientFunds", ExitCode.USR_INSUFFICIENT_FUNDS, `not enough funds: ${e.message}`)
    case "LimitExceeded": return actorError("LimitExceeded", ExitCode.USR_ASSERTION_FAILED, `recursion limit exceeded: ${e.message}`)
    case "ReadOnly": return actorError("ReadOnly", ExitCode.USR_READ_ONLY, `attempted to mutate state while in readonly mode: ${e.message}`)
    default: return actorError("SendFailed", ExitCode.USR_ASSERTION_FAILED, `unexpected error: ${e.number}: ${e.message}`)
  }
}

/**
 * The callee's return bytes (`undefined` = no return block), or the caller's error for a failed
 * send (`extract_send_result`).
 *
 * @category runtime
 * @since 0.1.0
 */
export const extractSendResult = (sent: Result.Result<Response, SyscallError>): Result.Result<Uint8Array | undefined, ActorError> => {
  if (Result.isFailure(sent)) return Result.fail(sendErrorToActorError(sent.failure))
  const { exitCode, error } = sent.success
  if (exitCode === ExitCode.OK) return Result.succeed(sent.success.return)
  const why = error === undefined ? "" : `: ${error.tag}: ${error.message}`
  return Result.fail(actorError(error?.tag ?? "SendAborted", checkedExitCode(exitCode), `send aborted with code ${exitCode}${why}`))
}

/** A send's return block decoded as a CBOR value (`deserialize_block`): none → 24, undecodable → 21. */
export const deserializeReturn = (ret: Uint8Array | undefined): Result.Result<unknown, ActorError> => {
  if (ret === undefined) return Result.fail(actorError("ReturnExpected", ExitCode.USR_ASSERTION_FAILED, "return expected"))
  return Result.mapError(decodeCbor(ret), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message))
}

/** `e` with `context` in front of its message, code and tag kept (`ActorError::wrap` / `.context`). */
export const wrapError = (e: ActorError, context: string, tag: string = e.tag): ActorError =>
  ({ tag, exitCode: e.exitCode, message: `${context}: ${e.message}` })

/**
 * The actor id of an address (`resolve_to_actor_id`): resolved if it can be; else it is sent 0 FIL
 * (which creates an account for a key address and a placeholder for an EAM f4 address, and fails
 * 23 "receiver not found" for any other address) and resolved again; with `checkExistence`, an id
 * with no actor is 17.
 *
 * @category runtime
 * @since 0.1.0
 */
export function* resolveToActorId<S>(rt: Runtime<S>, address: Address, checkExistence: boolean): Sends<Result.Result<ActorId, ActorError>> {
  let id = rt.resolveAddress(address)
  if (id === undefined) {
    const sent = extractSendResult(yield* rt.send(address, 0n, undefined, 0n))
    if (Result.isFailure(sent)) return Result.fail(wrapError(sent.failure, `failed to send zero balance to address ${addressToString(address)}`))
    id = rt.resolveAddress(address)
  }
  if (id === undefined) {
    return Result.fail(actorError("ResolveFailed", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to resolve or initialize address ${addressToString(address)}`))
  }
  if (checkExistence && rt.actorKind(id) === undefined) {
    return Result.fail(actorError("NotFound", ExitCode.USR_NOT_FOUND, `no code for address ${addressToString(address)}`))
  }
  return Result.succeed(id)
}

/** 18 unless the immediate caller is one of `ids` (`validate_immediate_caller_is`). */
export const validateCallerIs = <S>(rt: Runtime<S>, ids: ReadonlyArray<ActorId>, tag: string): Result.Result<void, ActorError> =>
  ids.includes(rt.caller)
    ? Result.succeed(undefined)
    : Result.fail(actorError(tag, ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is not one of ${ids.map((i) => `f0${i}`).join(", ")}`))

/** 18 unless the immediate caller's code is `kind` (`validate_immediate_caller_type`). */
export const validateCallerType = <S>(rt: Runtime<S>, kind: string, tag: string): Result.Result<void, ActorError> =>
  rt.actorKind(rt.caller) === kind
    ? Result.succeed(undefined)
    : Result.fail(actorError(tag, ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} of type ${rt.actorKind(rt.caller)} is not of type ${kind}`))
