/**
 * The provider's acceptance policy: which well-formed, correctly signed proposals it takes.
 *
 * The checks are the ones go-fil-markets' provider made before publishing
 * (filecoin-project/go-fil-markets `storagemarket/impl/providerstates/provider_states.go`,
 * `ValidateDealProposal`) and boost still makes (filecoin-project/boost
 * `storagemarket/deal_acceptance.go`, `validateAsk`): the price per epoch at least the ask
 * scaled to the piece, `minPrice = ⌊askPrice × PieceSize / 2^30⌋` (the ask is per GiB per epoch);
 * the piece size within the ask's bounds; the provider collateral within what it is willing to
 * lock; the start epoch far enough ahead that the sector can be sealed before it (go-fil-markets
 * refused `head >= StartEpoch`; a provider needs a sealing buffer, here `minStartDelay`); and a
 * duration it accepts.  The chain's own bounds (duration 180–1278 days, collateral minimum, …)
 * are the market actor's checks; a provider may be stricter, not looser.
 *
 * The checks run in the order above; the first that fails is the reason.
 *
 * @module
 */
import type { DealProposal } from "../../actors/market/types.js"
import type { RejectionReason } from "../interface.js"

/**
 * What a provider accepts.
 *
 * @category models
 * @since 0.2.0
 */
export interface AcceptancePolicy {
  /** The ask: least price per epoch per GiB (2^30 bytes) of padded piece, attoFIL. */
  readonly minPricePerEpochPerGiB: bigint
  /** Padded piece size bounds, bytes, inclusive. */
  readonly minPieceSize: bigint
  readonly maxPieceSize: bigint
  /** Deal duration bounds (EndEpoch − StartEpoch), epochs, inclusive. */
  readonly minDuration: bigint
  readonly maxDuration: bigint
  /** The most provider collateral the provider will lock for one deal, attoFIL. */
  readonly maxProviderCollateral: bigint
  /** The start epoch must be at least this many epochs after the provider's current epoch. */
  readonly minStartDelay: bigint
}

/** 1 GiB = 2^30 bytes (= 1073741824), the unit of the ask's price. */
export const GIB = 1n << 30n

/**
 * A permissive policy: ask 0 (free storage), any piece from the chain's smallest (128 B) to
 * 32 GiB, the chain's deal durations (builtin-actors `actors/market/src/policy.rs` @ v18.0.0,
 * `deal_duration_bounds`: 180–1278 days = 518 400 – 3 680 640 epochs), provider collateral up to
 * 1000 FIL, and a start at least 2880 epochs (one day of 30-second epochs) ahead.
 *
 * @category constants
 * @since 0.2.0
 */
export const DEFAULT_POLICY: AcceptancePolicy = {
  minPricePerEpochPerGiB: 0n,
  minPieceSize: 128n,
  maxPieceSize: 32n * GIB,
  minDuration: 518_400n,
  maxDuration: 3_680_640n,
  maxProviderCollateral: 1000n * 10n ** 18n,
  minStartDelay: 2880n
}

/**
 * The least price per epoch the ask allows for a piece: `⌊askPrice × pieceSize / 2^30⌋`.
 *
 * @example
 * minPricePerEpoch(policy, 1n << 30n) // => policy.minPricePerEpochPerGiB
 * @category policy
 * @since 0.2.0
 */
export const minPricePerEpoch = (policy: AcceptancePolicy, pieceSize: bigint): bigint =>
  (policy.minPricePerEpochPerGiB * pieceSize) / GIB

/**
 * Why the policy turns `proposal` down at `epoch`, or `undefined` if it takes it.
 *
 * @example
 * policyVerdict(DEFAULT_POLICY, { ...proposal, startEpoch: 10n }, 0n)
 * // => { reason: "StartEpochTooSoon", message: "start epoch 10 is before 2880 (current epoch 0 + 2880)" }
 * @category policy
 * @since 0.2.0
 */
export const policyVerdict = (
  policy: AcceptancePolicy, proposal: DealProposal, epoch: bigint
): { readonly reason: RejectionReason; readonly message: string } | undefined => {
  // PriceBelowAsk: the price per epoch covers the ask for this piece size
  const minPrice = minPricePerEpoch(policy, proposal.pieceSize)
  if (proposal.storagePricePerEpoch < minPrice) {
    return { reason: "PriceBelowAsk", message: `storage price per epoch ${proposal.storagePricePerEpoch} is below the ask ${minPrice}` }
  }
  // PieceSizeOutOfBounds: the piece is within the provider's size bounds
  if (proposal.pieceSize < policy.minPieceSize || proposal.pieceSize > policy.maxPieceSize) {
    return { reason: "PieceSizeOutOfBounds", message: `piece size ${proposal.pieceSize} is outside [${policy.minPieceSize}, ${policy.maxPieceSize}]` }
  }
  // ProviderCollateralAboveLimit: the provider is willing to lock this much
  if (proposal.providerCollateral > policy.maxProviderCollateral) {
    return { reason: "ProviderCollateralAboveLimit", message: `provider collateral ${proposal.providerCollateral} is above ${policy.maxProviderCollateral}` }
  }
  // StartEpochTooSoon: the start leaves time to seal
  const earliest = epoch + policy.minStartDelay
  if (proposal.startEpoch < earliest) {
    return { reason: "StartEpochTooSoon", message: `start epoch ${proposal.startEpoch} is before ${earliest} (current epoch ${epoch} + ${policy.minStartDelay})` }
  }
  // DurationOutOfBounds: the deal lasts as long as the provider accepts
  const duration = proposal.endEpoch - proposal.startEpoch
  if (duration < policy.minDuration || duration > policy.maxDuration) {
    return { reason: "DurationOutOfBounds", message: `duration ${duration} is outside [${policy.minDuration}, ${policy.maxDuration}]` }
  }
  return undefined
}
