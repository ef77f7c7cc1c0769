/**
 * The reward actor's state and its construction.
 *
 * Source: filecoin-project/builtin-actors `actors/reward/src/state.rs` @ v18.0.0 (`State`, tuple
 * order as below; INITIAL_REWARD_POSITION_ESTIMATE = 36.266260308195979333 FIL,
 * INITIAL_REWARD_VELOCITY_ESTIMATE = −109897758509 attoFIL per epoch; `State::new`,
 * `update_to_next_epoch`, `update_to_next_epoch_with_reward`).
 *
 * @module
 */
import { computeRTheta, computeReward, baselinePowerFromPrev, BASELINE_INITIAL_VALUE, BASELINE_TOTAL, INIT_BASELINE_POWER, SIMPLE_TOTAL } from "./logic.js"
import { type FilterEstimate, filterEstimate } from "./math.js"

/** state.rs INITIAL_REWARD_POSITION_ESTIMATE, attoFIL. */
export const INITIAL_REWARD_POSITION_ESTIMATE = 36_266_260_308_195_979_333n
/** state.rs INITIAL_REWARD_VELOCITY_ESTIMATE, attoFIL per epoch. */
export const INITIAL_REWARD_VELOCITY_ESTIMATE = -109_897_758_509n

/**
 * The reward actor's state (state.rs `State`, same fields in the same order).
 *
 * @category models
 * @since 0.1.0
 */
export interface RewardState {
  /** Byte-epochs CumsumRealized must reach for the effective network time to advance. */
  readonly cumsumBaseline: bigint
  /** Σ of network power capped by the baseline, byte-epochs. */
  readonly cumsumRealized: bigint
  readonly effectiveNetworkTime: bigint
  readonly effectiveBaselinePower: bigint
  /** The reward per win count this epoch, attoFIL. */
  readonly thisEpochReward: bigint
  readonly thisEpochRewardSmoothed: FilterEstimate
  /** The baseline power the network targets this epoch, bytes. */
  readonly thisEpochBaselinePower: bigint
  readonly epoch: bigint
  readonly totalStoragePowerReward: bigint
  readonly simpleTotal: bigint
  readonly baselineTotal: bigint
}

/** `update_to_next_epoch`: one epoch on, the baseline grown, the realized power (capped) summed. */
const toNextEpoch = (st: RewardState, currRealizedPower: bigint): RewardState => {
  const thisEpochBaselinePower = baselinePowerFromPrev(st.thisEpochBaselinePower)
  const cumsumRealized = st.cumsumRealized + (thisEpochBaselinePower < currRealizedPower ? thisEpochBaselinePower : currRealizedPower)
  let { effectiveNetworkTime, effectiveBaselinePower, cumsumBaseline } = st
  while (cumsumRealized > cumsumBaseline) {
    effectiveNetworkTime += 1n
    effectiveBaselinePower = baselinePowerFromPrev(effectiveBaselinePower)
    cumsumBaseline += effectiveBaselinePower
  }
  return { ...st, epoch: st.epoch + 1n, thisEpochBaselinePower, cumsumRealized, effectiveNetworkTime, effectiveBaselinePower, cumsumBaseline }
}

/** `update_to_next_epoch_with_reward`: one epoch on, and that epoch's reward. */
export const toNextEpochWithReward = (st: RewardState, currRealizedPower: bigint): RewardState => {
  const prevTheta = computeRTheta(st.effectiveNetworkTime, st.effectiveBaselinePower, st.cumsumRealized, st.cumsumBaseline)
  const next = toNextEpoch(st, currRealizedPower)
  const currTheta = computeRTheta(next.effectiveNetworkTime, next.effectiveBaselinePower, next.cumsumRealized, next.cumsumBaseline)
  return { ...next, thisEpochReward: computeReward(next.epoch, prevTheta, currTheta, next.simpleTotal, next.baselineTotal) }
}

/**
 * `State::new(curr_realized_power)`: epoch −1 (EPOCH_UNDEFINED) moved on to epoch 0.
 *
 * @category constructors
 * @since 0.1.0
 */
export const newRewardState = (currRealizedPower: bigint): RewardState => toNextEpochWithReward({
  cumsumBaseline: 0n, cumsumRealized: 0n, effectiveNetworkTime: 0n,
  effectiveBaselinePower: BASELINE_INITIAL_VALUE,
  thisEpochReward: 0n,
  thisEpochRewardSmoothed: filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE),
  thisEpochBaselinePower: INIT_BASELINE_POWER,
  epoch: -1n, totalStoragePowerReward: 0n, simpleTotal: SIMPLE_TOTAL, baselineTotal: BASELINE_TOTAL
}, currRealizedPower)
