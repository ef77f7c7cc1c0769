/**
 * The miner's pledge arithmetic used at its creation: the expected block reward for an amount
 * of power and the initial pledge for that power (the create-miner deposit is the initial pledge
 * for CREATE_MINER_DEPOSIT_POWER).
 *
 * Source: filecoin-project/builtin-actors `actors/miner/src/monies.rs` @ v18.0.0
 * (INITIAL_PLEDGE_PROJECTION_PERIOD = 20 days, LOCK_TARGET_FACTOR = 3/10,
 * INITIAL_PLEDGE_MAX_PER_BYTE = 1 FIL / 32 GiB, GAMMA_FIXED_POINT_FACTOR = 1000;
 * `expected_reward_for_power`:97-117, `expected_reward_for_power_clamped_at_atto_fil`:125-138,
 * `initial_pledge_for_power`:248-308).
 *
 * @module
 */
import { ATTO_PER_FIL } from "../../token/amount.js"
import { divFloor, estimateOf, extrapolatedCumSumOfRatio, type FilterEstimate, PRECISION } from "../reward/math.js"
import { EPOCHS_IN_DAY } from "./policy.js"

/** INITIAL_PLEDGE_PROJECTION_PERIOD = 20 days of epochs. */
export const INITIAL_PLEDGE_PROJECTION_PERIOD = 20n * EPOCHS_IN_DAY
const LOCK_TARGET_FACTOR_NUM = 3n
const LOCK_TARGET_FACTOR_DENOM = 10n
const GAMMA_FIXED_POINT_FACTOR = 1000n
const FIP_0081_ACTIVATION_PERMILLE = 300n
/** INITIAL_PLEDGE_MAX_PER_BYTE = ⌊1 FIL / 32 GiB⌋ attoFIL. */
export const INITIAL_PLEDGE_MAX_PER_BYTE = ATTO_PER_FIL / (32n << 30n)

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** The block reward `qaPower` is expected to earn over `projection` epochs (monies.rs `expected_reward_for_power`). */
export const expectedRewardForPower = (reward: FilterEstimate, networkQaPower: FilterEstimate, qaPower: bigint, projection: bigint): bigint => {
  if (estimateOf(networkQaPower) === 0n) return estimateOf(reward)
  const perByte = extrapolatedCumSumOfRatio(projection, 0n, reward, networkQaPower)
  return max((qaPower * perByte) >> PRECISION, 0n)
}

/**
 * The initial pledge for `qaPower` (monies.rs `initial_pledge_for_power`): 20 days of expected
 * reward (at least 1 attoFIL) plus a share of 30% of the circulating supply, mixed between the
 * baseline and the simple formulation by the FIP-0081 ramp, capped at 1 FIL per 32 GiB.
 *
 * @category math
 * @since 0.1.0
 */
export const initialPledgeForPower = (
  qaPower: bigint, baselinePower: bigint, reward: FilterEstimate, networkQaPower: FilterEstimate,
  circulatingSupply: bigint, epochsSinceRampStart: bigint, rampDurationEpochs: bigint
): bigint => {
  const br = expectedRewardForPower(reward, networkQaPower, qaPower, INITIAL_PLEDGE_PROJECTION_PERIOD)
  const ipBase = br <= 0n ? 1n : br
  const lockTargetNum = circulatingSupply * LOCK_TARGET_FACTOR_NUM
  const networkQa = estimateOf(networkQaPower)
  const skew = epochsSinceRampStart < 0n
    ? 0n
    : rampDurationEpochs === 0n || epochsSinceRampStart >= rampDurationEpochs
      ? FIP_0081_ACTIVATION_PERMILLE
      : (epochsSinceRampStart * FIP_0081_ACTIVATION_PERMILLE) / rampDurationEpochs
  const gamma = GAMMA_FIXED_POINT_FACTOR - skew
  const additionalNum = lockTargetNum * qaPower
  const denomBaseline = max(max(networkQa, baselinePower), qaPower)
  const denomSimple = max(networkQa, qaPower)
  const additionalBaseline = divFloor(gamma * additionalNum, denomBaseline * LOCK_TARGET_FACTOR_DENOM * GAMMA_FIXED_POINT_FACTOR)
  const additionalSimple = divFloor((GAMMA_FIXED_POINT_FACTOR - gamma) * additionalNum, denomSimple * LOCK_TARGET_FACTOR_DENOM * GAMMA_FIXED_POINT_FACTOR)
  return min(ipBase + additionalBaseline + additionalSimple, INITIAL_PLEDGE_MAX_PER_BYTE * qaPower)
}
