/**
 * The reward actor's minting functions: the baseline power's exponential growth, the effective
 * network time θ, and the reward of an epoch (simple minting plus baseline minting).
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0, `actors/reward/src/logic.rs`
 * (BASELINE_EXPONENT, BASELINE_INITIAL_VALUE = 2 888 888 880 000 000 000 bytes ≈ 2.5 EiB,
 * INIT_BASELINE_POWER, SIMPLE_TOTAL = 330 M FIL, BASELINE_TOTAL = 770 M FIL, EXP_LAM_SUB_ONE, LAMBDA;
 * `baseline_power_from_prev`, `compute_r_theta`, `compute_reward`, `compute_baseline_supply`)
 * and `actors/reward/src/expneg.rs` (`expneg` and its coefficients).
 *
 * @module
 */
import { ATTO_PER_FIL } from "../../token/amount.js"
import { divFloor, polyVal, PRECISION } from "./math.js"

/** The baseline's growth per epoch, Q.128 (logic.rs `BASELINE_EXPONENT`). */
export const BASELINE_EXPONENT = 340282591298641078465964189926313473653n
/** The baseline power at the network's start, bytes (logic.rs `BASELINE_INITIAL_VALUE`). */
export const BASELINE_INITIAL_VALUE = 2_888_888_880_000_000_000n
/** The baseline one epoch before the start: one growth step turns it into about BASELINE_INITIAL_VALUE (logic.rs `INIT_BASELINE_POWER`). */
export const INIT_BASELINE_POWER = ((BASELINE_INITIAL_VALUE << (2n * PRECISION)) / BASELINE_EXPONENT) >> PRECISION
/** Simple minting's total, attoFIL. */
export const SIMPLE_TOTAL = 330_000_000n * ATTO_PER_FIL
/** Baseline minting's total, attoFIL. */
export const BASELINE_TOTAL = 770_000_000n * ATTO_PER_FIL
const EXP_LAM_SUB_ONE = 37396273494747879394193016954629n
const LAMBDA = 37396271439864487274534522888786n

const EXP_NUM_COEF = [
  -648770010757830093818553637600n, 67469480939593786226847644286976n, -3197587544499098424029388939001856n,
  89244641121992890118377641805348864n, -1579656163641440567800982336819953664n, 17685496037279256458459817590917169152n,
  -115682590513835356866803355398940131328n, 340282366920938463463374607431768211456n
]
const EXP_DENO_COEF = [
  1225524182432722209606361n, 114095592300906098243859450n, 5665570424063336070530214243n,
  194450132448609991765137938448n, 5068267641632683791026134915072n, 104716890604972796896895427629056n,
  1748338658439454459487681798864896n, 23704654329841312470660182937960448n, 259380097567996910282699886670381056n,
  2250336698853390384720606936038375424n, 14978272436876548034486263159246028800n, 72144088983913131323343765784380833792n,
  224599776407103106596571252037123047424n, 340282366920938463463374607431768211456n
]

/** e^−x for x in Q.128, in Q.128 (expneg.rs). */
export const expneg = (x: bigint): bigint => divFloor(polyVal(EXP_NUM_COEF, x) << PRECISION, polyVal(EXP_DENO_COEF, x))

/** The baseline one epoch later (logic.rs `baseline_power_from_prev`). */
export const baselinePowerFromPrev = (prev: bigint): bigint => (prev * BASELINE_EXPONENT) >> PRECISION

/** θ, the effective network time with its fractional part, Q.128 (logic.rs `compute_r_theta`). */
export const computeRTheta = (effectiveNetworkTime: bigint, baselineAtEffectiveTime: bigint, cumsumRealized: bigint, cumsumBaseline: bigint): bigint => {
  if (effectiveNetworkTime === 0n) return 0n
  return (effectiveNetworkTime << PRECISION) - divFloor((cumsumBaseline - cumsumRealized) << PRECISION, baselineAtEffectiveTime)
}

const computeBaselineSupply = (theta: bigint, baselineTotal: bigint): bigint =>
  ((1n << PRECISION) - expneg((theta * LAMBDA) >> PRECISION)) * baselineTotal

/**
 * The reward of an epoch, attoFIL (logic.rs `compute_reward`): simple minting's share of
 * `epoch` plus what baseline minting adds between θ's previous and current values.
 *
 * @category math
 * @since 0.1.0
 */
export const computeReward = (epoch: bigint, prevTheta: bigint, currTheta: bigint, simpleTotal: bigint, baselineTotal: bigint): bigint => {
  const simpleReward = (simpleTotal * EXP_LAM_SUB_ONE * expneg(LAMBDA * epoch)) >> PRECISION
  const baselineReward = computeBaselineSupply(currTheta, baselineTotal) - computeBaselineSupply(prevTheta, baselineTotal)
  return (simpleReward + baselineReward) >> PRECISION
}
