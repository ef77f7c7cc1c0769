/**
 * Exit codes, as the chain numbers them.
 *
 * Source: go-state-types `exitcode/common.go` and `exitcode/reserved.go` (FirstActorErrorCode = 16,
 * FirstActorSpecificExitCode = 32); builtin-actors `fvm_shared::error::ExitCode`.
 *
 * @module
 */

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
  /** The receiver trapped (not used here). */
  SYS_ILLEGAL_INSTRUCTION: 4,
  /** The receiver does not exist and cannot be created implicitly. */
  SYS_INVALID_RECEIVER: 5,
  /** The sender cannot pay the value it sends. */
  SYS_INSUFFICIENT_FUNDS: 6,
  /** An assertion in the VM failed, e.g. a negative transfer (ref-fvm `fvm_shared::error::ExitCode::SYS_ASSERTION_FAILED` = 10). */
  SYS_ASSERTION_FAILED: 10,
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

/** An exit code's value. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** The name of an exit code, for messages ("16 USR_ILLEGAL_ARGUMENT"). */
export const exitCodeName = (code: number): string =>
  Object.entries(ExitCode).find(([, v]) => v === code)?.[0] ?? `EXIT_${code}`
