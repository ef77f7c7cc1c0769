/**
 * The abstraction function from the implementation to the model: the chain state around one
 * payment channel, seen as a `src/model/PaymentChannel.ts` state; and which implementation
 * failure (tag and exit code) stands for which model conjunct.
 *
 * The refinement check (test/refinement/PaymentChannel.test.ts) runs both side by side: for every
 * step the implementation takes, the model takes the matching action from the abstracted state
 * and lands on the abstraction of the implementation's new state; where the implementation
 * rejects, the model's action is not enabled, and the tag and exit code below name the conjunct.
 *
 * @module
 */
import type { Operator, State as ModelState } from "../../../model/PaymentChannel.js"
import type { Address } from "../../address/interface.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { VmState } from "../../vm/interface.js"
import { balanceOf } from "../../vm/vm.js"
import { paychStateOf } from "./messages.js"

/**
 * The model state of the channel at `channel` between `from` and `to`.  A channel that no longer
 * exists (collected, the actor deleted) is the model's collected state.
 *
 * The model's ghost variable `authorised` (the highest amount From signed per lane) is not on
 * the chain: vouchers are signed off chain.  `signed` is what the caller's client signed, each
 * voucher's lane and amount; the ghost is its highest amount per lane (nothing signed: empty).
 *
 * @category refinement
 * @since 0.1.0
 */
export const abstractPaymentChannel = (
  vm: VmState,
  parties: { readonly channel: Address; readonly from: Address; readonly to: Address },
  signed: Iterable<{ readonly lane: bigint; readonly amount: bigint }> = []
): ModelState => {
  const st = paychStateOf(vm, parties.channel)
  const authorised = new Map<number, bigint>()
  for (const { lane, amount } of signed) if (amount > (authorised.get(Number(lane)) ?? 0n)) authorised.set(Number(lane), amount)
  return {
    epoch: Number(vm.epoch),
    balance: {
      From: balanceOf(vm, parties.from),
      To: balanceOf(vm, parties.to),
      Channel: st === undefined ? 0n : balanceOf(vm, parties.channel)
    },
    toSend: st?.toSend ?? 0n,
    settlingAt: Number(st?.settlingAt ?? 0n),
    minSettleHeight: Number(st?.minSettleHeight ?? 0n),
    laneStates: new Map([...(st?.laneStates ?? new Map())].map(([lane, ls]) => [Number(lane), { redeemed: ls.redeemed, nonce: Number(ls.nonce) }])),
    collected: st === undefined,
    authorised
  }
}

/**
 * For each model conjunct, the tag and exit code with which the implementation rejects a step
 * where that conjunct fails.  `ClockRunning` bounds the model's clock and `SignsMore` is the
 * client's off-chain signing: neither has an on-chain counterpart.
 * `ExtraVerified`: the extra call's own exit code propagates; 16 is what an account's
 * AuthenticateMessage answers to a bad signature, the model's "Fails".
 *
 * @category refinement
 * @since 0.1.0
 */
export const IMPL_FAILURE: Readonly<Record<Exclude<Operator, "ClockRunning" | "SignsMore">, { readonly tag: string; readonly exitCode: number }>> = {
  ChannelExists: { tag: "InvalidReceiver", exitCode: ExitCode.SYS_INVALID_RECEIVER },
  CallerIsParty: { tag: "CallerIsParty", exitCode: ExitCode.USR_FORBIDDEN },
  VoucherSigned: { tag: "VoucherSigned", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  NotSettled: { tag: "NotSettled", exitCode: ExitCode.ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED },
  SecretWithinSize: { tag: "SecretWithinSize", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  SignedByCounterparty: { tag: "SignedByCounterparty", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  VoucherForThisChannel: { tag: "VoucherForThisChannel", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  TimeLockMinReached: { tag: "TimeLockMinReached", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  TimeLockMaxNotPassed: { tag: "TimeLockMaxNotPassed", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  AmountNonNegative: { tag: "AmountNonNegative", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  SecretMatches: { tag: "SecretMatches", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ExtraVerified: { tag: "ExtraVerified", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  LaneWithinMax: { tag: "LaneWithinMax", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  LaneNonceFresh: { tag: "LaneNonceFresh", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  MergeNotSelf: { tag: "MergeNotSelf", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  MergeLaneWithinMax: { tag: "MergeLaneWithinMax", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  MergeLaneExists: { tag: "MergeLaneExists", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  MergeNonceFresh: { tag: "MergeNonceFresh", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ToSendNonNegative: { tag: "ToSendNonNegative", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ToSendWithinBalance: { tag: "ToSendWithinBalance", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  NotSettling: { tag: "NotSettling", exitCode: ExitCode.USR_ILLEGAL_STATE },
  SettlingReached: { tag: "SettlingReached", exitCode: ExitCode.USR_FORBIDDEN },
  FromHasFunds: { tag: "InsufficientFunds", exitCode: ExitCode.SYS_INSUFFICIENT_FUNDS }
}
