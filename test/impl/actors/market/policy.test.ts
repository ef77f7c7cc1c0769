import { describe, expect, it } from "vitest"
import {
  dealDurationBounds, dealProviderCollateralBounds, nextUpdateEpoch, PRODUCTION_MARKET_PARAMS, TOTAL_FILECOIN
} from "../../../../src/impl/actors/market/policy.js"

describe("market policy (builtin-actors actors/market/src/policy.rs, runtime policy.rs @ v18.0.0)", () => {
  it("deal durations: 180 to 1278 days of 2880 epochs = 518 400 to 3 680 640 epochs", () => {
    expect(dealDurationBounds(PRODUCTION_MARKET_PARAMS)).toEqual({ min: 518_400n, max: 3_680_640n })
    expect(PRODUCTION_MARKET_PARAMS.dealUpdatesInterval).toBe(86_400n)
    expect(TOTAL_FILECOIN).toBe(2n * 10n ** 27n)
  })

  it("provider collateral minimum, by hand: ⌊size × supply × 1 / (max(baseline, raw, size) × 100)⌋", () => {
    // 1 MiB deal, raw 2^40 < baseline 2^41, supply 10^24: ⌊2^20 × 10^24 / (2^41 × 100)⌋ = ⌊10^22 / 2^21⌋ = 4768371582031250
    expect(dealProviderCollateralBounds(PRODUCTION_MARKET_PARAMS, 1n << 20n, 1n << 40n, 1n << 41n, 10n ** 24n))
      .toEqual({ min: 4_768_371_582_031_250n, max: TOTAL_FILECOIN })
    // a deal larger than the network: the share is 1, the minimum 1% of the supply
    expect(dealProviderCollateralBounds(PRODUCTION_MARKET_PARAMS, 1n << 50n, 1n << 40n, 1n << 41n, 10n ** 24n).min).toBe(10n ** 22n)
    // floor, not round: ⌊128 × 100 / (1000 × 100)⌋ = ⌊0.128⌋ = 0
    expect(dealProviderCollateralBounds(PRODUCTION_MARKET_PARAMS, 128n, 1000n, 0n, 100n).min).toBe(0n)
  })

  it.each([
    // [id, interval, earliest, expected] — offset = id mod interval; the first epoch ≥ earliest that is ≡ offset
    [0n, 86400n, 100n, 86400n],
    [5n, 100n, 0n, 5n],
    [5n, 100n, 5n, 5n],
    [5n, 100n, 6n, 105n],
    [105n, 100n, 5n, 5n],
    [7n, 10n, 86401n, 86407n],
    // negative earliest: Rust's truncating division rounds towards zero, so no rounding up (lib.rs:1571-1573)
    [3n, 10n, -5n, 3n],
    [3n, 10n, -25n, -17n]
  ])("next_update_epoch(%s, %s, %s) = %s", (id, interval, earliest, expected) => {
    expect(nextUpdateEpoch(id, interval, earliest)).toBe(expected)
  })
})
