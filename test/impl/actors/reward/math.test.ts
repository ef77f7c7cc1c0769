/**
 * The reward actor's fixed-point arithmetic and minting functions, against answers from outside
 * this project: JavaScript's own `Math.log`/`Math.exp` and a closed-form integral (floating
 * point, for the approximations), and builtin-actors @ v18.0.0's own test data —
 * `actors/reward/testdata/TestSimpleReward.golden` and `TestBaselineReward.golden` (lines copied
 * as numbers) and `actors/reward/tests/reward_actor_test.rs` (`construct_with_zero_power`:
 * epoch 0, EPOCH_ZERO_REWARD = 36 266 264 293 777 134 739 attoFIL, this epoch's baseline
 * BASELINE_INITIAL_VALUE − 1, the effective baseline BASELINE_INITIAL_VALUE).
 */
import { describe, expect, it } from "vitest"
import { BASELINE_INITIAL_VALUE, BASELINE_TOTAL, computeReward, expneg, SIMPLE_TOTAL } from "../../../../src/impl/actors/reward/logic.js"
import { divFloor, estimateOf, extrapolatedCumSumOfRatio, filterEstimate, ln, PRECISION } from "../../../../src/impl/actors/reward/math.js"
import { newRewardState } from "../../../../src/impl/actors/reward/state.js"

const Q = 2 ** 128
const toQ = (x: number): bigint => BigInt(Math.round(x * 2 ** 52)) << (PRECISION - 52n)
const fromQ = (x: bigint): number => Number(x) / Q

describe("divFloor rounds toward −∞, as num-integer's div_floor", () => {
  it.each([[7n, 2n, 3n], [-7n, 2n, -4n], [7n, -2n, -4n], [-7n, -2n, 3n], [6n, 3n, 2n], [-6n, 3n, -2n]])("%s / %s = %s", (a, b, q) => {
    expect(divFloor(a, b)).toBe(q)
  })
})

describe("ln and expneg approximate the real functions (Math.log / Math.exp as the oracle)", () => {
  it.each([1, 1.5, 2, Math.E, 10, 1e6, 0.25, 3.3e12])("ln(%s)", (x) => {
    expect(fromQ(ln(toQ(x)))).toBeCloseTo(Math.log(x), 10)
  })
  it.each([0, 0.1, 1, 1.7, 3, 4.9])("expneg(%s) = e^-x", (x) => {
    expect(fromQ(expneg(toQ(x)))).toBeCloseTo(Math.exp(-x), 10)
  })
})

describe("extrapolatedCumSumOfRatio integrates num(t)/denom(t) over [0, Δ]", () => {
  it("a growing denominator (the logarithm branch): the closed form ∫(a+bt)/(c+dt) dt", () => {
    // a, b: 36.27 FIL and −1.1e-7 FIL per epoch; c, d: 750 000 GiB and 3 840 GiB per epoch; Δ = 20 days
    const [a, b, c, d, T] = [36_266_260_308_195_979_333n, -109_897_758_509n, 750_000n << 30n, 3_840n << 30n, 57_600n]
    const got = fromQ(extrapolatedCumSumOfRatio(T, 0n, filterEstimate(a, b), filterEstimate(c, d)))
    const [fa, fb, fc, fd, fT] = [a, b, c, d, T].map(Number) as [number, number, number, number, number]
    const want = (fb / fd) * fT + ((fa - (fb * fc) / fd) / fd) * Math.log((fc + fd * fT) / fc)
    expect(got / want).toBeCloseTo(1, 9)
  })
  it("a constant denominator (the linear branch): (a + b·Δ/2)·Δ / c", () => {
    const got = fromQ(extrapolatedCumSumOfRatio(100n, 0n, filterEstimate(1000n, 2n), filterEstimate(50n, 0n)))
    expect(got).toBeCloseTo(((1000 + 2 * 50) * 100) / 50, 9)
  })
  it("the estimate is the position's integer part", () => {
    expect(estimateOf(filterEstimate(12345n, -7n))).toBe(12345n)
  })
})

describe("computeReward against builtin-actors' golden files", () => {
  // TestSimpleReward.golden: "x, y" = epoch, reward at θ = 0
  it.each([[0n, 36266264293777134739n], [5000n, 36246341860983438171n], [490000n, 34364980812279232031n], [2555000n, 27387841182142501307n]])(
    "simple reward at epoch %s", (epoch, y) => {
      expect(computeReward(epoch, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL)).toBe(y)
    })
  // TestBaselineReward.golden: "t0, t1, y" = θ before, θ after, the reward less the simple reward of epoch 0
  it.each([
    [0n, 340282366920938463463374607398434878123n, 84621274052457285111n],
    [1701411834604692317316873037158763279502223n, 1701752116971613255780336411766161714380346n, 84574788381047331439n],
    [507020726712198310560428165073311457291662454n, 507021066994565231498891628447918855726540577n, 71839756331331232539n]
  ])("baseline reward from θ=%s", (t0, t1, y) => {
    const simple = computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL)
    expect(computeReward(0n, t0, t1, SIMPLE_TOTAL, BASELINE_TOTAL) - simple).toBe(y)
  })
})

describe("the reward state at construction (reward_actor_test.rs construct_with_zero_power)", () => {
  it("with zero power: epoch 0, the epoch-0 reward, baseline BASELINE_INITIAL_VALUE − 1", () => {
    const st = newRewardState(0n)
    expect(st.epoch).toBe(0n)
    expect(st.cumsumRealized).toBe(0n)
    expect(st.thisEpochReward).toBe(36_266_264_293_777_134_739n)
    expect(st.thisEpochBaselinePower).toBe(BASELINE_INITIAL_VALUE - 1n)
    expect(st.effectiveBaselinePower).toBe(BASELINE_INITIAL_VALUE)
    // state.rs INITIAL_REWARD_POSITION_ESTIMATE / VELOCITY, shifted to Q.128
    expect(st.thisEpochRewardSmoothed).toEqual({ position: 36_266_260_308_195_979_333n << 128n, velocity: -109_897_758_509n << 128n })
  })
  it("with less power than the baseline: the realized power is summed, a reward is paid (construct_with_less_power_than_baseline)", () => {
    const st = newRewardState(1n << 39n)
    expect(st.cumsumRealized).toBe(1n << 39n)
    expect(st.thisEpochReward).not.toBe(0n)
  })
  it("power above the baseline is capped: twice as much gives the same reward (construct_with_more_power_than_baseline)", () => {
    expect(newRewardState(2n * BASELINE_INITIAL_VALUE).thisEpochReward).toBe(newRewardState(BASELINE_INITIAL_VALUE).thisEpochReward)
  })
})
