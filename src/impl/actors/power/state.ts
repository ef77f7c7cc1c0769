/**
 * The Storage Power actor's state: network totals, this epoch's snapshot of them, the smoothed
 * quality-adjusted power, the miner counts and the claims table.
 *
 * Source: filecoin-project/builtin-actors `actors/power/src/state.rs` @ v18.0.0 (`State` fields
 * in this order; INITIAL_QA_POWER_ESTIMATE_POSITION = 750 000 GiB, INITIAL_QA_POWER_ESTIMATE_VELOCITY
 * = 3 840 GiB per epoch; `State::new`; `Claim` `[window_post_proof_type, raw_byte_power,
 * quality_adj_power]`; `update_stats_for_new_miner`:282-293, `consensus_miner_min_power`:410-428).
 * The cron event queue and the proof-validation batch are the miner/power issue's (they hold
 * nothing until miners enroll cron events): not here yet.
 *
 * @module
 */
import type { ActorId } from "../../vm/interface.js"
import { type FilterEstimate, filterEstimate } from "../reward/math.js"
import { type MinerPolicy, postProofInfo } from "../miner/policy.js"

/** state.rs INITIAL_QA_POWER_ESTIMATE_POSITION: 750 000 GiB. */
export const INITIAL_QA_POWER_ESTIMATE_POSITION = 750_000n << 30n
/** state.rs INITIAL_QA_POWER_ESTIMATE_VELOCITY: 3 840 GiB per epoch. */
export const INITIAL_QA_POWER_ESTIMATE_VELOCITY = 3_840n << 30n

/**
 * A miner's claimed power (state.rs `Claim`).
 *
 * @category models
 * @since 0.1.0
 */
export interface Claim {
  readonly windowPoStProofType: bigint
  readonly rawBytePower: bigint
  readonly qualityAdjPower: bigint
}

/**
 * The power actor's state (state.rs `State`, the fields this chain keeps).
 *
 * @category models
 * @since 0.1.0
 */
export interface PowerState {
  readonly totalRawBytePower: bigint
  readonly totalBytesCommitted: bigint
  readonly totalQualityAdjPower: bigint
  readonly totalQaBytesCommitted: bigint
  readonly totalPledgeCollateral: bigint
  readonly thisEpochRawBytePower: bigint
  readonly thisEpochQualityAdjPower: bigint
  readonly thisEpochPledgeCollateral: bigint
  readonly thisEpochQaPowerSmoothed: FilterEstimate
  readonly minerCount: bigint
  readonly minerAboveMinPowerCount: bigint
  readonly rampStartEpoch: bigint
  readonly rampDurationEpochs: bigint
  readonly firstCronEpoch: bigint
  /** Miner actor id → its claim, by increasing id. */
  readonly claims: ReadonlyMap<ActorId, Claim>
}

/** `State::new`: every total zero, the smoothed QA power at its initial estimate, no claims. */
export const newPowerState = (): PowerState => ({
  totalRawBytePower: 0n, totalBytesCommitted: 0n, totalQualityAdjPower: 0n, totalQaBytesCommitted: 0n, totalPledgeCollateral: 0n,
  thisEpochRawBytePower: 0n, thisEpochQualityAdjPower: 0n, thisEpochPledgeCollateral: 0n,
  thisEpochQaPowerSmoothed: filterEstimate(INITIAL_QA_POWER_ESTIMATE_POSITION, INITIAL_QA_POWER_ESTIMATE_VELOCITY),
  minerCount: 0n, minerAboveMinPowerCount: 0n, rampStartEpoch: 0n, rampDurationEpochs: 0n, firstCronEpoch: 0n,
  claims: new Map()
})

/** consensus_miner_min_power: the policy's minimum for every known PoSt proof type; `undefined` for an unknown one. */
export const consensusMinerMinPower = (p: MinerPolicy, proof: bigint): bigint | undefined =>
  postProofInfo(proof) === undefined ? undefined : p.minimumConsensusPower
