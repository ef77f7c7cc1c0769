/**
 * The payment channel actor's state and its constants.
 *
 * Source: filecoin-project/builtin-actors `actors/paych/src/state.rs` (State, LaneState) and
 * `actors/paych/src/types.rs` (MAX_LANE, SETTLE_DELAY, MAX_SECRET_SIZE).  The lane states are an
 * AMT on chain; here they are an immutable map from lane id to lane state, ordered by lane.
 *
 * @module
 */
import type { ActorId } from "../../vm/interface.js"

/**
 * A lane: the cumulative amount redeemed on it and the nonce of the last voucher.
 *
 * @category models
 * @since 0.1.0
 */
export interface LaneState {
  readonly redeemed: bigint
  readonly nonce: bigint
}

/**
 * The channel's state (tuple order on chain: from, to, to_send, settling_at, min_settle_height,
 * lane_states).
 *
 * @category models
 * @since 0.1.0
 */
export interface PaychState {
  /** Payer, as an actor id. */
  readonly from: ActorId
  /** Payee, as an actor id. */
  readonly to: ActorId
  /** Total redeemed so far; paid to `to` by Collect. */
  readonly toSend: bigint
  /** 0: not settling; else the epoch from which Collect is allowed. */
  readonly settlingAt: bigint
  /** The lowest settlingAt allowed, raised by vouchers. */
  readonly minSettleHeight: bigint
  /** Lane id → lane state, for the lanes that exist. */
  readonly laneStates: ReadonlyMap<bigint, LaneState>
}

/**
 * The actor's parameters.  Production values by default; the refinement tests pass the model's
 * bounds (a small MaxLane and SettleDelay), which is how one actor serves both.
 *
 * @category constants
 * @since 0.1.0
 */
export interface PaychParams {
  /** MAX_LANE = i64::MAX = 2^63 − 1 (= 9223372036854775807). */
  readonly maxLane: bigint
  /** SETTLE_DELAY = EPOCHS_IN_HOUR × 12 = 120 × 12 (= 1440 epochs). */
  readonly settleDelay: bigint
  /** MAX_SECRET_SIZE = 256 bytes. */
  readonly maxSecretSize: number
}

/** The production parameters (builtin-actors `actors/paych/src/types.rs`). */
export const PRODUCTION_PARAMS: PaychParams = {
  maxLane: (1n << 63n) - 1n,
  settleDelay: 1440n,
  maxSecretSize: 256
}

/** A fresh channel between two accounts. */
export const newPaychState = (from: ActorId, to: ActorId): PaychState => ({
  from, to, toSend: 0n, settlingAt: 0n, minSettleHeight: 0n, laneStates: new Map()
})
