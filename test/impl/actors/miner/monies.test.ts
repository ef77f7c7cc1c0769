/**
 * The create-miner deposit arithmetic (builtin-actors `actors/miner/src/monies.rs` @ v18.0.0),
 * against builtin-actors' own tests: `actors/miner/tests/fip0081_initial_pledge.rs` (qa power
 * 2^36, baseline 2^37, reward estimate 0, network power estimate 2^10 growing 2^10 per epoch,
 * circulating supply 1 FIL: the pledge is 1 attoFIL + 1500/1950/1725/1545 × 10^-4 FIL as the
 * FIP-0081 ramp goes from 0% to 30%) and `expected_reward_for_power_clampted_at_atto_fil_test.rs`;
 * the expected reward's logarithm branch against the closed-form integral in floating point.
 */
import { describe, expect, it } from "vitest"
import { expectedRewardForPower, INITIAL_PLEDGE_MAX_PER_BYTE, initialPledgeForPower } from "../../../../src/impl/actors/miner/monies.js"
import { filterEstimate } from "../../../../src/impl/actors/reward/math.js"

const FIL = 10n ** 18n
const rewardEstimate = filterEstimate(0n, 0n)
const powerEstimate = filterEstimate(1n << 10n, 1n << 10n)
const pledge = (since: bigint, duration: bigint) =>
  initialPledgeForPower(1n << 36n, 1n << 37n, rewardEstimate, powerEstimate, FIL, since, duration)

describe("initial pledge along the FIP-0081 ramp (fip0081_initial_pledge.rs)", () => {
  it.each<[string, bigint, bigint, bigint]>([
    ["before the ramp (negative)", -100n, 100n, 1500n],
    ["at the ramp's start", 0n, 100n, 1500n],
    ["zero ramp duration: fully ramped", 0n, 0n, 1950n],
    ["zero ramp duration, later", 10n, 0n, 1950n],
    ["mid ramp", 50n, 100n, 1725n],
    ["after the ramp", 150n, 100n, 1950n],
    ["early on the ramp", 10n, 100n, 1545n],
    ["one step into a short ramp", 1n, 10n, 1545n],
    ["one epoch before the ramp", -1n, 10n, 1500n]
  ])("%s", (_, since, duration, tenThousandths) => {
    expect(pledge(since, duration)).toBe(1n + (tenThousandths * FIL) / 10000n)
  })
})

describe("expected reward for power", () => {
  it("zero power, or a shrinking network, is clamped at 1 attoFIL in the pledge (expected_reward_for_power_clampted_at_atto_fil_test.rs)", () => {
    // reward estimate 2^50, network 2^10 bytes growing (or shrinking) 2^10 per epoch; circulating supply 0, so the pledge is the clamped reward
    const reward = filterEstimate(1n << 50n, 0n)
    expect(initialPledgeForPower(0n, 0n, reward, filterEstimate(1n << 10n, 1n << 10n), 0n, 0n, 0n)).toBe(0n) // capped: 0 bytes may pledge 0
    expect(expectedRewardForPower(reward, filterEstimate(1n << 10n, -(1n << 10n)), 1n << 36n, 4n)).toBe(0n)
    expect(initialPledgeForPower(1n << 36n, 1n << 37n, reward, filterEstimate(1n << 10n, -(1n << 10n)), 0n, 0n, 0n)).toBe(1n)
  })
  it("a zero network power estimate: the reward estimate itself", () => {
    expect(expectedRewardForPower(filterEstimate(10n * FIL, 0n), filterEstimate(0n, 0n), 1n << 40n, 57_600n)).toBe(10n * FIL)
  })
  it("a growing network: qa × ∫ reward/power over the projection (closed form, floating point)", () => {
    const [a, b, c, d, T, qa] = [36_266_260_308_195_979_333n, -109_897_758_509n, 750_000n << 30n, 3_840n << 30n, 57_600n, 1n << 40n]
    const got = Number(expectedRewardForPower(filterEstimate(a, b), filterEstimate(c, d), qa, T))
    const [fa, fb, fc, fd, fT] = [a, b, c, d, T].map(Number) as [number, number, number, number, number]
    const want = Number(qa) * ((fb / fd) * fT + ((fa - (fb * fc) / fd) / fd) * Math.log((fc + fd * fT) / fc))
    expect(got / want).toBeCloseTo(1, 9)
  })
  it("the pledge is capped at ⌊1 FIL / 32 GiB⌋ per byte", () => {
    // 10^18 / 2^35 = 29 103 830.45… attoFIL per byte
    expect(INITIAL_PLEDGE_MAX_PER_BYTE).toBe(29_103_830n)
    expect(initialPledgeForPower(204n, 1n << 60n, filterEstimate(10n * FIL, 0n), filterEstimate(0n, 0n), 0n, 0n, 0n)).toBe(29_103_830n * 204n)
  })
})
