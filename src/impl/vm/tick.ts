/**
 * What the chain does by itself at the end of each epoch: the implicit cron message, from the
 * System actor (f00) to the Cron actor (f03), method EpochTick (2), as Lotus's tipset executor
 * does (filecoin-project/lotus `chain/consensus/compute_state.go` @ v1.36.2, `ApplyBlocks`:
 * `runCron`:129-159 builds the message `{From: system, To: cron, Nonce: epoch, Value: 0,
 * Method: EpochTick, Params: nil}` and applies it with `ApplyImplicitMessage`; it runs once for
 * every null round between the parent's epoch and this one (:161-190) and once after the
 * tipset's messages (:265-270); a cron that does not exit 0 makes the tipset fail to execute).
 *
 * An implicit message is not checked as a signed one is (ref-fvm `fvm/src/executor/default.rs`
 * @ fvm@v4.8.2 `ApplyKind::Implicit`): the sender need not be an account, its nonce is not checked
 * nor bumped, and no gas is charged; the call runs in a transaction as any message does.
 *
 * @module
 */
import { Data, Result } from "effect"
import { idAddress } from "../address/address.js"
import { callActor, callContext, DEFAULT_CIRCULATING_SUPPLY, drive, withTransaction } from "./callManager.js"
import { ExitCode } from "./exitcode.js"
import type { Message, Receipt, VmState } from "./interface.js"
import { atEpoch, resolveAddress, SYSTEM_ACTOR_ID } from "./state.js"
import { DEFAULT_MACHINE, type MachineConfig } from "./vm.js"

/** The Cron actor's id (f03) and its EpochTick method (builtin-actors `actors/cron/src/lib.rs` @ v18.0.0). */
export const CRON_ACTOR_ID = 3n
export const EPOCH_TICK_METHOD = 2n

/**
 * The cron tick failed: the epoch cannot end (Lotus: "cron failed with exit code …").
 *
 * @category errors
 * @since 0.1.0
 */
export class CronFailed extends Data.TaggedError("CronFailed")<{
  readonly epoch: bigint
  readonly exitCode: number
  readonly message: string
}> {}

/**
 * `advanceEpoch` was asked to move the clock to an epoch that is not after the state's: the clock
 * never goes back, and ending no epoch is not a step.
 *
 * @category errors
 * @since 0.1.0
 */
export class EpochNotAhead extends Data.TaggedError("EpochNotAhead")<{
  readonly epoch: bigint
  readonly to: bigint
  readonly message: string
}> {}

/**
 * Applies an implicit message (no sender or nonce check, no nonce bump): the state after it and
 * its receipt.  A failed call leaves the state as it was.
 *
 * @category execution
 * @since 0.1.0
 */
export const applyImplicitMessage = (vm: VmState, msg: Message, machine: MachineConfig = DEFAULT_MACHINE): { readonly vm: VmState; readonly receipt: Receipt } => {
  const from = resolveAddress(vm, msg.from)
  if (from === undefined) return { vm, receipt: { exitCode: ExitCode.SYS_SENDER_INVALID, return: new Uint8Array(), tag: "SenderInvalid", message: "implicit message sender does not exist" } }
  const cx = callContext(msg.from, msg.nonce, machine.maxCallDepth, machine.circulatingSupply ?? DEFAULT_CIRCULATING_SUPPLY)
  const params = msg.params.length === 0 ? undefined : msg.params
  const out = withTransaction(vm, drive(callActor(vm, cx, from, msg.to, msg.method, params, msg.value, false)))
  if (Result.isFailure(out.result)) {
    const e = out.result.failure
    const exitCode = e.number === "NotFound" ? ExitCode.SYS_INVALID_RECEIVER : e.number === "InsufficientFunds" ? ExitCode.SYS_INSUFFICIENT_FUNDS : ExitCode.SYS_ASSERTION_FAILED
    return { vm, receipt: { exitCode, return: new Uint8Array(), tag: e.number, message: e.message } }
  }
  const r = out.result.success
  if (r.exitCode !== ExitCode.OK) {
    return { vm, receipt: { exitCode: r.exitCode, return: new Uint8Array(), tag: r.error?.tag ?? "Failed", message: r.error?.message ?? `exit code ${r.exitCode}` } }
  }
  return { vm: out.vm, receipt: { exitCode: ExitCode.OK, return: r.return ?? new Uint8Array() } }
}

/** The implicit cron message of `epoch`. */
export const cronMessage = (epoch: bigint): Message => ({
  from: idAddress(SYSTEM_ACTOR_ID), to: idAddress(CRON_ACTOR_ID), nonce: epoch, value: 0n, method: EPOCH_TICK_METHOD, params: new Uint8Array()
})

/**
 * Runs the cron tick of the state's epoch: the state after it, or {@link CronFailed} (the state
 * is then unusable as the end of that epoch, as a tipset whose cron fails is invalid).
 *
 * @category execution
 * @since 0.1.0
 */
export const cronTick = (vm: VmState, machine: MachineConfig = DEFAULT_MACHINE): Result.Result<VmState, CronFailed> => {
  const { vm: after, receipt } = applyImplicitMessage(vm, cronMessage(vm.epoch), machine)
  return receipt.exitCode === ExitCode.OK
    ? Result.succeed(after)
    : Result.fail(new CronFailed({ epoch: vm.epoch, exitCode: receipt.exitCode, message: receipt.message ?? "" }))
}

/**
 * Ends the state's epoch with its cron tick and moves to `to` (default: the next epoch), running
 * the cron tick of every epoch skipped on the way as Lotus does for null rounds.  A `to` that is
 * not after the state's epoch is {@link EpochNotAhead}; a failed tick is {@link CronFailed}.
 *
 * @category execution
 * @since 0.1.0
 */
export const advanceEpoch = (vm: VmState, to: bigint = vm.epoch + 1n, machine: MachineConfig = DEFAULT_MACHINE): Result.Result<VmState, CronFailed | EpochNotAhead> => {
  if (to <= vm.epoch) return Result.fail(new EpochNotAhead({ epoch: vm.epoch, to, message: `cannot advance from epoch ${vm.epoch} to ${to}: not after it` }))
  let state = vm
  for (let e = vm.epoch; e < to; e++) {
    const ticked = cronTick(atEpoch(state, e), machine)
    if (Result.isFailure(ticked)) return ticked
    state = ticked.success
  }
  return Result.succeed(atEpoch(state, to))
}
