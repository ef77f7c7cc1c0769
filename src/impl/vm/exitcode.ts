/**
 * Exit codes, as the chain numbers them.
 *
 * Source: filecoin-project/ref-fvm `shared/src/error/mod.rs` @ fvm@v4.8.2 (`ExitCode`, the codes
 * below 16 being system codes: `is_system_error`); go-state-types `exitcode/common.go` and
 * `exitcode/reserved.go` (FirstActorErrorCode = 16, FirstActorSpecificExitCode = 32).
 *
 * @module
 */
import { Result } from "effect"
import type { ActorError } from "./interface.js"

/**
 * Exit codes by name.  0–15 are system codes set by the VM; 16–31 are the common actor codes;
 * 32 and up are actor-specific.
 *
 * @category constants
 * @since 0.1.0
 */
export const ExitCode = {
  OK: 0,
  /** The message sender does not exist or is not an account. */
  SYS_SENDER_INVALID: 1,
  /** The message sender's state does not allow the message (wrong nonce). */
  SYS_SENDER_STATE_INVALID: 2,
  /** The receiver trapped (no actor here does). */
  SYS_ILLEGAL_INSTRUCTION: 4,
  /** The receiver does not exist and cannot be created implicitly. */
  SYS_INVALID_RECEIVER: 5,
  /** The sender cannot pay the value it sends. */
  SYS_INSUFFICIENT_FUNDS: 6,
  /** Out of gas (no gas is charged here). */
  SYS_OUT_OF_GAS: 7,
  /** The receiver exited with a system exit code. */
  SYS_ILLEGAL_EXIT_CODE: 9,
  /** An assertion in the VM failed, e.g. a negative transfer (ref-fvm `fvm_shared::error::ExitCode::SYS_ASSERTION_FAILED` = 10). */
  SYS_ASSERTION_FAILED: 10,
  /** The receiver returned a block that does not exist. */
  SYS_MISSING_RETURN: 11,
  USR_ILLEGAL_ARGUMENT: 16,
  USR_NOT_FOUND: 17,
  USR_FORBIDDEN: 18,
  USR_INSUFFICIENT_FUNDS: 19,
  USR_ILLEGAL_STATE: 20,
  USR_SERIALIZATION: 21,
  USR_UNHANDLED_MESSAGE: 22,
  USR_UNSPECIFIED: 23,
  USR_ASSERTION_FAILED: 24,
  USR_READ_ONLY: 25,
  USR_NOT_PAYABLE: 26,
  /** paych: ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED (builtin-actors actors/paych/src/lib.rs). */
  ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED: 32
} as const

/** The first exit code an actor may exit with; the codes below are the system's (ref-fvm `FIRST_USER_EXIT_CODE`). */
export const FIRST_USER_EXIT_CODE = 16

/** An exit code's value. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** The name of an exit code, for messages ("16 USR_ILLEGAL_ARGUMENT"). */
export const exitCodeName = (code: number): string =>
  Object.entries(ExitCode).find(([, v]) => v === code)?.[0] ?? `EXIT_${code}`

/**
 * An actor error: the tag of the check that failed, its exit code, and what was wrong.  The one
 * constructor the VM, its frames and every actor use.
 *
 * @category constructors
 * @since 0.1.0
 */
export const actorError = (tag: string, exitCode: number, message: string): ActorError => ({ tag, exitCode, message })

/** A failed result carrying {@link actorError}`(tag, exitCode, message)`. */
export const actorFailure = (tag: string, exitCode: number, message: string): Result.Result<never, ActorError> =>
  Result.fail(actorError(tag, exitCode, message))
