/**
 * The miner actor's state as far as this chain runs it: its MinerInfo, its locked funds with
 * their vesting schedule, and its proving period.  The sector tables (pre-commits, sectors,
 * deadlines, early terminations) are the miner/power issue's: they are not here yet.
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0, `actors/miner/src/state.rs` (`State` fields
 * info, pre_commit_deposits, locked_funds, vesting_funds, fee_debt, initial_pledge,
 * proving_period_start, current_deadline; `MinerInfo` and `MinerInfo::new`:1207-1296;
 * `add_locked_funds`:810-844), `actors/miner/src/vesting_state.rs` (`add_locked_funds`:97-153),
 * `actors/miner/src/quantize.rs` (`quantize_up`:27-42) and `actors/miner/src/policy.rs`
 * (REWARD_VESTING_SPEC:183-188).
 *
 * @module
 */
import type { ActorId } from "../../vm/interface.js"
import { EPOCHS_IN_DAY, EPOCHS_IN_HOUR } from "./policy.js"

/**
 * The miner's identity and control (state.rs `MinerInfo`): every address an actor id.
 *
 * @category models
 * @since 0.1.0
 */
export interface MinerInfo {
  readonly owner: ActorId
  /** Signs blocks and most messages; an account with a BLS key. */
  readonly worker: ActorId
  /** Further addresses that may send the miner's messages (at most MAX_CONTROL_ADDRESSES). */
  readonly controlAddresses: ReadonlyArray<ActorId>
  /** A worker change waiting for its epoch (`pending_worker_key`). */
  readonly pendingWorkerKey: { readonly newWorker: ActorId; readonly effectiveAt: bigint } | null
  readonly peerId: Uint8Array
  readonly multiaddrs: ReadonlyArray<Uint8Array>
  readonly windowPoStProofType: bigint
  /** Bytes, from the window PoSt proof type. */
  readonly sectorSize: bigint
  readonly windowPoStPartitionSectors: bigint
  /** −1 (EPOCH_UNDEFINED) until a consensus fault. */
  readonly consensusFaultElapsed: bigint
  readonly pendingOwnerAddress: ActorId | null
  /** The owner until changed (`beneficiary`); the beneficiary term is all zero until then. */
  readonly beneficiary: ActorId
}

/** One entry of the vesting table: `amount` vests at `epoch` (vesting_state.rs `VestingFund`). */
export interface VestingFund {
  readonly epoch: bigint
  readonly amount: bigint
}

/**
 * The miner actor's state (the fields of state.rs `State` this chain keeps).
 *
 * @category models
 * @since 0.1.0
 */
export interface MinerState {
  readonly info: MinerInfo
  readonly preCommitDeposits: bigint
  /** Locked funds, vesting by `vestingFunds`. */
  readonly lockedFunds: bigint
  readonly vestingFunds: ReadonlyArray<VestingFund>
  readonly feeDebt: bigint
  readonly initialPledge: bigint
  readonly provingPeriodStart: bigint
  readonly currentDeadline: bigint
}

/** A vesting schedule (policy.rs `VestSpec`). */
export interface VestSpec {
  readonly initialDelay: bigint
  readonly vestPeriod: bigint
  readonly stepDuration: bigint
  readonly quantization: bigint
}

/** REWARD_VESTING_SPEC: 180 days, daily steps, quantized to 12 hours. */
export const REWARD_VESTING_SPEC: VestSpec = { initialDelay: 0n, vestPeriod: 180n * EPOCHS_IN_DAY, stepDuration: EPOCHS_IN_DAY, quantization: 12n * EPOCHS_IN_HOUR }

/** quantize.rs `quantize_up`: the first epoch ≥ `epoch` that is `offset` modulo `unit` (Rust's truncating `/` and `%`). */
export const quantizeUp = (epoch: bigint, unit: bigint, offset: bigint): bigint => {
  const off = offset % unit
  const remainder = (epoch - off) % unit
  const quotient = (epoch - off) / unit
  return remainder === 0n || epoch - off < 0n ? unit * quotient + off : unit * (quotient + 1n) + off
}

/**
 * `State::add_locked_funds` with `VestingFunds::add_locked_funds`: `vestingSum` vests along
 * `spec` from `current` (quantized to the proving period), merged into the table; what has
 * already vested (epoch < current) leaves the table and `lockedFunds`.  Returns the new state
 * and the amount unlocked, or why the sum cannot be locked.
 */
export const addLockedFunds = (st: MinerState, current: bigint, vestingSum: bigint, spec: VestSpec): { readonly state: MinerState; readonly unlocked: bigint } | string => {
  if (vestingSum < 0n) return `negative vesting sum ${vestingSum}`
  const vestBegin = current + spec.initialDelay
  const added: Array<VestingFund> = []
  let vestedSoFar = 0n
  let epoch = vestBegin
  while (vestedSoFar < vestingSum) {
    epoch += spec.stepDuration
    const vestEpoch = quantizeUp(epoch, spec.quantization, st.provingPeriodStart)
    const elapsed = vestEpoch - vestBegin
    const target = elapsed < spec.vestPeriod ? (vestingSum * elapsed) / spec.vestPeriod : vestingSum
    added.push({ epoch: vestEpoch, amount: target - vestedSoFar })
    vestedSoFar = target
  }
  // `load` leaves out a head entry whose amount is not positive (vesting_state.rs:54-56);
  // then merge_join_by epoch, equal epochs adding up
  const old = st.vestingFunds[0] !== undefined && st.vestingFunds[0].amount <= 0n ? st.vestingFunds.slice(1) : st.vestingFunds
  const merged = new Map<bigint, bigint>()
  for (const f of [...old, ...added]) merged.set(f.epoch, (merged.get(f.epoch) ?? 0n) + f.amount)
  const funds = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([e, amount]) => ({ epoch: e, amount }))
  const unlocked = funds.filter((f) => f.epoch < current).reduce((s, f) => s + f.amount, 0n)
  const lockedAfterUnlock = st.lockedFunds - unlocked
  if (lockedAfterUnlock < 0n) return `negative locked funds ${lockedAfterUnlock} after unlocking ${unlocked}`
  return { state: { ...st, vestingFunds: funds.filter((f) => f.epoch >= current), lockedFunds: lockedAfterUnlock + vestingSum }, unlocked }
}
