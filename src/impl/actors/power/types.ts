/**
 * The Storage Power actor's id, method numbers, params and returns.
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0, `actors/power/src/lib.rs` (Method table
 * :42-61) and `actors/power/src/types.rs`: CreateMinerParams `[owner, worker,
 * window_post_proof_type, peer, multiaddrs]`, CreateMinerReturn `[id_address, robust_address]`,
 * CurrentTotalPowerReturn `[raw_byte_power, quality_adj_power, pledge_collateral,
 * quality_adj_power_smoothed, ramp_start_epoch, ramp_duration_epochs]` (powers and the pledge as
 * BigInt bytes, the smoothed power a FilterEstimate `[position, velocity]`).
 *
 * @module
 */
import { Result } from "effect"
import { type Address, addressToBytes, readAddress } from "../../address/address.js"
import { decodeCbor, encodeCbor, readArray, readBytes, readInt, readTuple, readUint } from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { frc42MethodNumber } from "../frc42.js"
import { type FilterEstimate, filterEstimateCbor, readFilterEstimate } from "../reward/math.js"

/** The Storage Power actor's id: f04. */
export const POWER_ACTOR_ID = 4n

/** The power actor's code name. */
export const POWER_KIND = "storagepower"

/** Power method numbers (lib.rs:42-61); this chain runs Constructor, CreateMiner (both numbers) and CurrentTotalPower. */
export const PowerMethod = {
  Constructor: 1n,
  CreateMiner: 2n,
  UpdateClaimedPower: 3n,
  EnrollCronEvent: 4n,
  OnEpochTickEnd: 5n,
  UpdatePledgeTotal: 6n,
  CurrentTotalPower: 9n,
  CreateMinerExported: frc42MethodNumber("CreateMiner")
} as const

/**
 * CreateMiner params.
 *
 * @category models
 * @since 0.1.0
 */
export interface CreateMinerParams {
  readonly owner: Address
  readonly worker: Address
  /** A RegisteredPoStProof number. */
  readonly windowPoStProofType: bigint
  readonly peer: Uint8Array
  readonly multiaddrs: ReadonlyArray<Uint8Array>
}

/** CreateMinerParams bytes. */
export const encodeCreateMinerParams = (p: CreateMinerParams): Uint8Array =>
  encodeCbor([addressToBytes(p.owner), addressToBytes(p.worker), p.windowPoStProofType, p.peer, [...p.multiaddrs]])

/** CreateMinerParams from bytes. */
export const decodeCreateMinerParams = (bytes: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(bytes), (e) => ({ message: `CreateMinerParams: ${e.message}` })), (v) => Result.gen(function* () {
    const [owner, worker, proof, peer, addrs] = yield* readTuple(v, 5, "CreateMinerParams")
    const list = yield* readArray(addrs, "CreateMinerParams.multiaddrs")
    return {
      owner: yield* readAddress(owner, "CreateMinerParams.owner"),
      worker: yield* readAddress(worker, "CreateMinerParams.worker"),
      windowPoStProofType: yield* readInt(proof, "CreateMinerParams.window_post_proof_type"),
      peer: yield* readBytes(peer, "CreateMinerParams.peer"),
      multiaddrs: yield* Result.all(list.map((m, i) => readBytes(m, `CreateMinerParams.multiaddrs[${i}]`)))
    } satisfies CreateMinerParams
  }))

/**
 * CreateMiner's return: the new miner's ID and robust addresses.
 *
 * @category models
 * @since 0.1.0
 */
export interface CreateMinerReturn {
  readonly idAddress: Address
  readonly robustAddress: Address
}

/** CreateMinerReturn from a decoded CBOR value. */
export const readCreateMinerReturn = (v: unknown) => Result.gen(function* () {
  const [id, robust] = yield* readTuple(v, 2, "CreateMinerReturn")
  return {
    idAddress: yield* readAddress(id, "CreateMinerReturn.id_address"),
    robustAddress: yield* readAddress(robust, "CreateMinerReturn.robust_address")
  } satisfies CreateMinerReturn
})

/**
 * CurrentTotalPower's return.
 *
 * @category models
 * @since 0.1.0
 */
export interface CurrentTotalPowerReturn {
  readonly rawBytePower: bigint
  readonly qualityAdjPower: bigint
  readonly pledgeCollateral: bigint
  readonly qualityAdjPowerSmoothed: FilterEstimate
  readonly rampStartEpoch: bigint
  readonly rampDurationEpochs: bigint
}

/** CurrentTotalPowerReturn bytes. */
export const encodeCurrentTotalPowerReturn = (r: CurrentTotalPowerReturn): Uint8Array => encodeCbor([
  encodeBigInt(r.rawBytePower), encodeBigInt(r.qualityAdjPower), encodeBigInt(r.pledgeCollateral),
  filterEstimateCbor(r.qualityAdjPowerSmoothed), r.rampStartEpoch, r.rampDurationEpochs
])

/**
 * CurrentTotalPowerReturn from a decoded CBOR value (what a caller of CurrentTotalPower reads).
 *
 * @category encoding
 * @since 0.1.0
 */
export const readCurrentTotalPowerReturn = (v: unknown) => Result.gen(function* () {
  const [raw, qa, pledge, smoothed, rampStart, rampDuration] = yield* readTuple(v, 6, "CurrentTotalPowerReturn")
  return {
    rawBytePower: yield* readBigInt(raw, "CurrentTotalPowerReturn.raw_byte_power"),
    qualityAdjPower: yield* readBigInt(qa, "CurrentTotalPowerReturn.quality_adj_power"),
    pledgeCollateral: yield* readBigInt(pledge, "CurrentTotalPowerReturn.pledge_collateral"),
    qualityAdjPowerSmoothed: yield* readFilterEstimate(smoothed, "CurrentTotalPowerReturn.quality_adj_power_smoothed"),
    rampStartEpoch: yield* readInt(rampStart, "CurrentTotalPowerReturn.ramp_start_epoch"),
    rampDurationEpochs: yield* readUint(rampDuration, "CurrentTotalPowerReturn.ramp_duration_epochs")
  } satisfies CurrentTotalPowerReturn
})
