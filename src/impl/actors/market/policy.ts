/**
 * The market's policy: deal bounds, the provider's minimum collateral, the label limit, how often a
 * deal's payments are settled by cron, and its exit codes.
 *
 * Sources (filecoin-project/builtin-actors @ v18.0.0):
 * - `actors/market/src/policy.rs`: `DEAL_MAX_LABEL_SIZE` (:16-19), `TOTAL_FILECOIN` (:21-25),
 *   `deal_duration_bounds` (:27-30), `deal_price_per_epoch_bounds` (:32-37),
 *   `deal_provider_collateral_bounds` (:39-57), `deal_client_collateral_bounds` (:59-64),
 *   `collateral_penalty_for_deal_activation_missed` (:66-71);
 * - `runtime/src/runtime/policy.rs`: `DEAL_UPDATES_INTERVAL = 30 × EPOCHS_IN_DAY` (:396),
 *   `PROV_COLLATERAL_PERCENT_SUPPLY_NUM = 1` / `_DENOM = 100` (:398-403, without the
 *   `no-provider-deal-collateral` feature); `runtime/src/network.rs`: `EPOCHS_IN_DAY = 2880`;
 * - `actors/market/src/lib.rs`: `EX_DEAL_EXPIRED = 32`, `EX_DEAL_NOT_ACTIVATED = 33` (:65-68),
 *   `next_update_epoch` (:1563-1578).
 *
 * @module
 */

/** Epochs per day: 86400 s / 30 s (= 2880). @since 0.1.0 */
export const EPOCHS_IN_DAY = 2880n

/** attoFIL per FIL (= 10^18). */
const ATTO = 10n ** 18n

/** TOTAL_FILECOIN = 2 000 000 000 FIL (= 2 × 10^27 attoFIL): the bound on price and collaterals. @since 0.1.0 */
export const TOTAL_FILECOIN: bigint = 2_000_000_000n * ATTO

/**
 * Exit codes of the market beyond the common ones.
 *
 * @category constants
 * @since 0.1.0
 */
export const MarketExitCode = {
  /** A deal's information is no longer available (or its start epoch has passed unactivated): 32. */
  EX_DEAL_EXPIRED: 32,
  /** A deal's activation information is not yet available: 33. */
  EX_DEAL_NOT_ACTIVATED: 33
} as const

/**
 * The market's parameters. Production values by default; the refinement tests pass the model's
 * small bounds, which is how one actor serves both.
 *
 * @category constants
 * @since 0.1.0
 */
export interface MarketParams {
  /** Shortest deal, epochs: 180 days (= 518400). */
  readonly minDealDuration: bigint
  /** Longest deal, epochs: 1278 days (= 3680640). */
  readonly maxDealDuration: bigint
  /** Longest label, bytes: 256. */
  readonly maxLabelSize: number
  /** Cron settles each deal once per this many epochs: 30 days (= 86400). */
  readonly dealUpdatesInterval: bigint
  /** Share of the circulating supply the providers' collateral targets: 1 / 100. */
  readonly provCollateralPercentSupplyNum: bigint
  readonly provCollateralPercentSupplyDenom: bigint
}

/** The production parameters. @since 0.1.0 */
export const PRODUCTION_MARKET_PARAMS: MarketParams = {
  minDealDuration: 180n * EPOCHS_IN_DAY,
  maxDealDuration: 1278n * EPOCHS_IN_DAY,
  maxLabelSize: 256,
  dealUpdatesInterval: 30n * EPOCHS_IN_DAY,
  provCollateralPercentSupplyNum: 1n,
  provCollateralPercentSupplyDenom: 100n
}

/** A closed interval `[min, max]`. */
export interface Bounds {
  readonly min: bigint
  readonly max: bigint
}

/**
 * Deal duration bounds, inclusive (`deal_duration_bounds`; the piece size does not matter).
 *
 * @example
 * dealDurationBounds(PRODUCTION_MARKET_PARAMS) // => { min: 518400n, max: 3680640n }
 * @category policy
 * @since 0.1.0
 */
export const dealDurationBounds = (p: MarketParams): Bounds => ({ min: p.minDealDuration, max: p.maxDealDuration })

/**
 * Price per epoch bounds, inclusive: `[0, TOTAL_FILECOIN]` (`deal_price_per_epoch_bounds`).
 *
 * @category policy
 * @since 0.1.0
 */
export const dealPricePerEpochBounds = (): Bounds => ({ min: 0n, max: TOTAL_FILECOIN })

/**
 * Client collateral bounds, inclusive: `[0, TOTAL_FILECOIN]` (`deal_client_collateral_bounds`).
 *
 * @category policy
 * @since 0.1.0
 */
export const dealClientCollateralBounds = (): Bounds => ({ min: 0n, max: TOTAL_FILECOIN })

/**
 * Provider collateral bounds, inclusive (`deal_provider_collateral_bounds`): the minimum is the
 * deal's share of 1% of the circulating supply,
 * `⌊size × (supply × num) / (max(baseline, networkRaw, size) × denom)⌋`; the maximum TOTAL_FILECOIN.
 *
 * @example
 * // 1 MiB deal, network and baseline 2^40 bytes, supply 10^24 attoFIL:
 * // ⌊2^20 × 10^24 / (2^40 × 100)⌋ = ⌊10^22 / 2^20⌋ = 9536743164062500n
 * dealProviderCollateralBounds(PRODUCTION_MARKET_PARAMS, 1n << 20n, 1n << 40n, 1n << 40n, 10n ** 24n).min
 * @category policy
 * @since 0.1.0
 */
export const dealProviderCollateralBounds = (
  p: MarketParams, pieceSize: bigint, networkRawPower: bigint, baselinePower: bigint, circulatingSupply: bigint
): Bounds => {
  // lockTargetNum = supply × PROV_COLLATERAL_PERCENT_SUPPLY_NUM
  const lockTargetNum = circulatingSupply * p.provCollateralPercentSupplyNum
  // powerShareDenom = max(max(networkRaw, baseline), size)
  const a = networkRawPower > baselinePower ? networkRawPower : baselinePower
  const denomPower = a > pieceSize ? a : pieceSize
  // div_floor: both factors are non-negative here, so truncation is the floor
  return { min: floorDiv(pieceSize * lockTargetNum, denomPower * p.provCollateralPercentSupplyDenom), max: TOTAL_FILECOIN }
}

/**
 * What a provider forfeits when its deal is not activated by its start epoch: all of its collateral
 * (`collateral_penalty_for_deal_activation_missed`).
 *
 * @category policy
 * @since 0.1.0
 */
export const collateralPenaltyForDealActivationMissed = (providerCollateral: bigint): bigint => providerCollateral

/**
 * The first epoch no sooner than `earliest` at which deal `id` is settled by cron: the deal's fixed
 * offset `id mod interval` within each interval (`next_update_epoch`, Rust's truncating `/` and `%`,
 * which `bigint` shares).
 *
 * @example
 * nextUpdateEpoch(5n, 100n, 0n)   // => 5n
 * nextUpdateEpoch(5n, 100n, 6n)   // => 105n
 * nextUpdateEpoch(105n, 100n, 5n) // => 5n
 * @category policy
 * @since 0.1.0
 */
export const nextUpdateEpoch = (id: bigint, interval: bigint, earliest: bigint): bigint => {
  const offset = id % interval
  const remainder = (earliest - offset) % interval
  const quotient = (earliest - offset) / interval
  // no rounding on a quantization epoch, or when negative (truncating division rounds up there)
  if (remainder === 0n || earliest - offset < 0n) return interval * quotient + offset
  return interval * (quotient + 1n) + offset
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q
}
