/**
 * The Reward actor (f02): Constructor (1) and ThisEpochReward (3).  AwardBlockReward (2) and
 * UpdateNetworkKPI (4) are left for the miner/power issue (block rewards and the power actor's
 * end-of-epoch update of the baseline): until then they are absent and a call fails 22, and the
 * state stays as the Constructor left it — the baseline of epoch 0.
 *
 * Source: filecoin-project/builtin-actors `actors/reward/src/lib.rs` @ v18.0.0 (Method table
 * lib.rs:42-47; `constructor`:54-63: the System actor only, a nil power is 16; `this_epoch_reward`
 * :179-186: any caller, returns ThisEpochRewardReturn) and `actors/reward/src/types.rs`
 * (ConstructorParams is transparent: `Option<BigInt bytes>`); ThisEpochRewardReturn is
 * `[this_epoch_reward_smoothed, this_epoch_baseline_power]` (`runtime/src/builtin/reward/mod.rs:12-18`).
 *
 * @module
 */
import { Result } from "effect"
import { decodeCbor, encodeCbor, readTuple } from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorCode } from "../../vm/interface.js"
import { SYSTEM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, noParams, withParams } from "../dispatch.js"
import { validateCallerIs } from "../shared.js"
import { type FilterEstimate, filterEstimateCbor, readFilterEstimate } from "./math.js"
import { newRewardState, type RewardState } from "./state.js"

/** The Reward actor's id: f02. */
export const REWARD_ACTOR_ID = 2n

/** Reward method numbers (lib.rs:42-47); only Constructor and ThisEpochReward run here. */
export const RewardMethod = { Constructor: 1n, AwardBlockReward: 2n, ThisEpochReward: 3n, UpdateNetworkKPI: 4n } as const

/**
 * Constructor params bytes: the realized power as BigInt bytes, or `null` (rejected).
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeRewardConstructorParams = (power: bigint | null): Uint8Array => encodeCbor(power === null ? null : encodeBigInt(power))

const decodeConstructorParams = (bytes: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(bytes), (e) => ({ message: `reward ConstructorParams: ${e.message}` })), (v) =>
    v === null ? Result.succeed(null) : readBigInt(v, "reward ConstructorParams.power"))

/** ThisEpochRewardReturn. */
export interface ThisEpochRewardReturn {
  readonly thisEpochRewardSmoothed: FilterEstimate
  readonly thisEpochBaselinePower: bigint
}

/** ThisEpochRewardReturn bytes: `[[position, velocity], baseline power]`. */
export const encodeThisEpochRewardReturn = (r: ThisEpochRewardReturn): Uint8Array =>
  encodeCbor([filterEstimateCbor(r.thisEpochRewardSmoothed), encodeBigInt(r.thisEpochBaselinePower)])

/**
 * ThisEpochRewardReturn from its CBOR value (what a caller of ThisEpochReward decodes).
 *
 * @category encoding
 * @since 0.1.0
 */
export const readThisEpochRewardReturn = (value: unknown) => Result.gen(function* () {
  const [smoothed, baseline] = yield* readTuple(value, 2, "ThisEpochRewardReturn")
  return {
    thisEpochRewardSmoothed: yield* readFilterEstimate(smoothed, "ThisEpochRewardReturn.this_epoch_reward_smoothed"),
    thisEpochBaselinePower: yield* readBigInt(baseline, "ThisEpochRewardReturn.this_epoch_baseline_power")
  }
})

/**
 * The Reward actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const RewardActor: ActorCode<RewardState> = actorDispatch<RewardState>("reward", [
  [RewardMethod.Constructor, withParams(decodeConstructorParams, function* (rt, _, power) {
    const caller = validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem")
    if (Result.isFailure(caller)) return Result.fail(caller.failure)
    if (power === null) return fail("PowerGiven", ExitCode.USR_ILLEGAL_ARGUMENT, "argument should not be nil")
    return Result.map(rt.create(newRewardState(power)), () => ({}))
  })],
  [RewardMethod.ThisEpochReward, noParams(function* (rt) {
    return Result.map(rt.state(), (st) => ({
      return: encodeThisEpochRewardReturn({ thisEpochRewardSmoothed: st.thisEpochRewardSmoothed, thisEpochBaselinePower: st.thisEpochBaselinePower })
    }))
  })]
])
