/**
 * The Storage Miner actor ("storageminer"), as far as the storage market needs it: Constructor
 * (1), ControlAddresses (2), ChangeWorkerAddress (3 and its FRC-42 export) and the FRC-42
 * exported IsControllingAddress.  Every other method (pre-commit, prove-commit, Window PoSt,
 * faults, termination, withdrawal, cron callbacks, …) is the miner/power issue's: until then a
 * call of it fails 22, as dispatch does for a number the table lacks.
 *
 * Source: filecoin-project/builtin-actors `actors/miner/src/lib.rs` @ v18.0.0, cited by line:
 * Method table :109-167, dispatch :5766-5807; `constructor`:183-265, `control_addresses`:268-278,
 * `is_controlling_address`:289-304, `change_worker_address`:343-386, `resolve_worker_address`
 * :4977-5010, `request_current_epoch_block_reward`:4946-4958, `request_current_total_power`
 * :4961-4973, `check_control_addresses`:5215-5226, `check_valid_post_proof_type`:5228-5241,
 * `check_peer_info`:5243-5276, `calculate_create_miner_deposit`:5406-5419,
 * `assign_proving_period_offset`:5055-5071, `current_proving_period_start`:5076-5090,
 * `current_deadline_index`:5092-5098.
 *
 * @module
 */
import { Result } from "effect"
import { blake2b } from "@noble/hashes/blake2.js"
import { AddressProtocol, addressToBytes, addressToString, idAddress, readAddress } from "../../address/address.js"
import type { Address } from "../../address/interface.js"
import { encodeCbor } from "../../encoding/cbor.js"
import { actorError, actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorError, ActorId, Runtime, Sends } from "../../vm/interface.js"
import { INIT_ACTOR_ID } from "../../vm/state.js"
import { AccountMethod } from "../account/index.js"
import { actorDispatch, type Method, type MethodResult, noParams, withParams } from "../dispatch.js"
import { frc42MethodNumber } from "../frc42.js"
import { POWER_ACTOR_ID, PowerMethod, readCurrentTotalPowerReturn } from "../power/types.js"
import { REWARD_ACTOR_ID, RewardMethod, readThisEpochRewardReturn } from "../reward/index.js"
import { deserializeReturn, extractSendResult, validateCallerIs, wrapError } from "../shared.js"
import { initialPledgeForPower } from "./monies.js"
import { createMinerDepositPower, MINER_POLICY, type MinerPolicy, postProofInfo } from "./policy.js"
import { addLockedFunds, type MinerInfo, type MinerState, REWARD_VESTING_SPEC } from "./state.js"
import {
  type ChangeWorkerAddressParams, decodeChangeWorkerAddressParams, decodeIsControllingAddressParam, decodeMinerConstructorParams,
  encodeGetControlAddressesReturn, type MinerConstructorParams
} from "./types.js"

/** The miner's code name. */
export const MINER_KIND = "storageminer"

/** Miner method numbers this chain runs (lib.rs:109-167). */
export const MinerMethod = {
  Constructor: 1n,
  ControlAddresses: 2n,
  ChangeWorkerAddress: 3n,
  ChangeWorkerAddressExported: frc42MethodNumber("ChangeWorkerAddress"),
  IsControllingAddressExported: frc42MethodNumber("IsControllingAddress")
} as const

/** WORKER_KEY_CHANGE_DELAY = CHAIN_FINALITY = 900 epochs (policy.rs). */
export const WORKER_KEY_CHANGE_DELAY = 900n

type Rt = Runtime<MinerState>
type R = Sends<MethodResult>
const failWith = (e: ActorError): MethodResult => Result.fail(e)

/** A send's return decoded with `read`; a decoding failure is 21 as `deserialize_block`. */
const decoded = <A>(ret: Result.Result<Uint8Array | undefined, ActorError>, context: string, read: (v: unknown) => Result.Result<A, { readonly message: string }>): Result.Result<A, ActorError> =>
  Result.flatMap(Result.mapError(ret, (e) => wrapError(e, context)), (bytes) => Result.flatMap(deserializeReturn(bytes), (v) =>
    Result.mapError(read(v), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message))))

/** check_control_addresses: at most MAX_CONTROL_ADDRESSES (16). */
const checkControlAddresses = (p: MinerPolicy, controls: ReadonlyArray<Address>): Result.Result<void, ActorError> =>
  controls.length > p.maxControlAddresses
    ? fail("ControlAddressesWithinMax", ExitCode.USR_ILLEGAL_ARGUMENT, `control addresses length ${controls.length} exceeds max control addresses length ${p.maxControlAddresses}`)
    : Result.succeed(undefined)

/** check_peer_info: peer id ≤ 128 bytes, no empty multiaddr, multiaddrs ≤ 1024 bytes in all (16). */
const checkPeerInfo = (p: MinerPolicy, peerId: Uint8Array, multiaddrs: ReadonlyArray<Uint8Array>): Result.Result<void, ActorError> => {
  if (peerId.length > p.maxPeerIdLength) return fail("PeerIdWithinMax", ExitCode.USR_ILLEGAL_ARGUMENT, `peer ID size of ${peerId.length} exceeds maximum size of ${p.maxPeerIdLength}`)
  let total = 0
  for (const ma of multiaddrs) {
    if (ma.length === 0) return fail("MultiaddrNotEmpty", ExitCode.USR_ILLEGAL_ARGUMENT, "invalid empty multiaddr")
    total += ma.length
  }
  if (total > p.maxMultiaddrData) return fail("MultiaddrsWithinMax", ExitCode.USR_ILLEGAL_ARGUMENT, `multiaddr size of ${total} exceeds maximum of ${p.maxMultiaddrData}`)
  return Result.succeed(undefined)
}

/**
 * resolve_worker_address: the worker resolves without creating anything (16), is an account (16)
 * and its key is BLS — asked of the account by PubkeyAddress unless the address given is BLS
 * itself (16 otherwise).
 */
function* resolveWorkerAddress(rt: Rt, raw: Address): Sends<Result.Result<ActorId, ActorError>> {
  const resolved = rt.resolveAddress(raw)
  if (resolved === undefined) return fail("WorkerResolves", ExitCode.USR_ILLEGAL_ARGUMENT, `unable to resolve address: ${addressToString(raw)}`)
  const kind = rt.actorKind(resolved)
  if (kind === undefined) return fail("WorkerResolves", ExitCode.USR_ILLEGAL_ARGUMENT, `no code for address: f0${resolved}`)
  if (kind !== "account") return fail("WorkerIsAccount", ExitCode.USR_ILLEGAL_ARGUMENT, `worker actor type must be an account, was ${kind}`)
  if (raw.protocol !== AddressProtocol.BLS) {
    const key = Result.flatMap(extractSendResult(yield* rt.send(idAddress(resolved), AccountMethod.PubkeyAddress, undefined, 0n)), (bytes) =>
      Result.flatMap(deserializeReturn(bytes), (v) => Result.mapError(readAddress(v, "PubkeyAddress"), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message))))
    if (Result.isFailure(key)) return Result.fail(key.failure)
    if (key.success.protocol !== AddressProtocol.BLS) {
      return fail("WorkerKeyIsBls", ExitCode.USR_ILLEGAL_ARGUMENT, `worker account f0${resolved} must have BLS pubkey, was ${key.success.protocol}`)
    }
  }
  return Result.succeed(resolved)
}

/** Control addresses resolved without creating anything (16 for one that does not resolve). */
const resolveControls = (rt: Rt, controls: ReadonlyArray<Address>): Result.Result<ReadonlyArray<ActorId>, ActorError> => {
  const ids: Array<ActorId> = []
  for (const a of controls) {
    const id = rt.resolveAddress(a)
    if (id === undefined) return fail("ControlResolves", ExitCode.USR_ILLEGAL_ARGUMENT, `unable to resolve control address: ${addressToString(a)}`)
    ids.push(id)
  }
  return Result.succeed(ids)
}

/** assign_proving_period_offset: blake2b-256(CBOR(receiver address) ‖ epoch as i64 BE), first 8 bytes BE, mod the proving period. */
export const provingPeriodOffset = (p: MinerPolicy, receiver: ActorId, epoch: bigint): bigint => {
  const addr = encodeCbor(addressToBytes(idAddress(receiver)))
  const buf = new Uint8Array(addr.length + 8)
  buf.set(addr)
  new DataView(buf.buffer).setBigInt64(addr.length, epoch)
  const digest = blake2b(buf, { dkLen: 32 })
  return new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0) % p.wpostProvingPeriod
}

/** current_proving_period_start: the last epoch ≤ `epoch` that is `offset` modulo the proving period. */
export const currentProvingPeriodStart = (p: MinerPolicy, epoch: bigint, offset: bigint): bigint => {
  const modulus = epoch % p.wpostProvingPeriod
  return epoch - (modulus >= offset ? modulus - offset : p.wpostProvingPeriod - (offset - modulus))
}

/**
 * Constructor: the Init actor only (18); control addresses, peer info and the window PoSt proof
 * type checked (16); the create-miner deposit — the initial pledge for CREATE_MINER_DEPOSIT_POWER,
 * from the reward actor's ThisEpochReward and the power actor's CurrentTotalPower — must be
 * covered by the value received (19); owner, worker and controls resolved (16); the deposit is
 * locked, vesting as block rewards do.
 */
function* constructor(p: MinerPolicy, rt: Rt, _: MinerState, params: MinerConstructorParams): R {
  const caller = validateCallerIs(rt, [INIT_ACTOR_ID], "CallerIsInit")
  if (Result.isFailure(caller)) return failWith(caller.failure)
  const checked = Result.flatMap(checkControlAddresses(p, params.controlAddresses), () => checkPeerInfo(p, params.peerId, params.multiaddrs))
  if (Result.isFailure(checked)) return failWith(checked.failure)
  const proof = postProofInfo(params.windowPoStProofType)
  if (proof === undefined || !p.validPoStProofTypes.includes(params.windowPoStProofType)) {
    return fail("PoStProofTypeValid", ExitCode.USR_ILLEGAL_ARGUMENT, `proof type ${params.windowPoStProofType} not allowed for new miner actors`)
  }
  const balance = rt.currentBalance()
  const reward = decoded(extractSendResult(yield* rt.send(idAddress(REWARD_ACTOR_ID), RewardMethod.ThisEpochReward, undefined, 0n)), "failed to check epoch reward", readThisEpochRewardReturn)
  if (Result.isFailure(reward)) return failWith(reward.failure)
  const power = decoded(extractSendResult(yield* rt.send(idAddress(POWER_ACTOR_ID), PowerMethod.CurrentTotalPower, undefined, 0n)), "failed to check current power", readCurrentTotalPowerReturn)
  if (Result.isFailure(power)) return failWith(power.failure)
  const deposit = initialPledgeForPower(
    createMinerDepositPower(p), reward.success.thisEpochBaselinePower, reward.success.thisEpochRewardSmoothed,
    power.success.qualityAdjPowerSmoothed, rt.totalFilCircSupply(), rt.epoch - power.success.rampStartEpoch, power.success.rampDurationEpochs
  )
  if (balance < deposit) {
    return fail("DepositCovered", ExitCode.USR_INSUFFICIENT_FUNDS, `not enough balance to lock for create miner deposit: sent balance ${balance} < deposit ${deposit}`)
  }
  const owner = rt.resolveAddress(params.owner)
  if (owner === undefined) return fail("OwnerResolves", ExitCode.USR_ILLEGAL_ARGUMENT, `unable to resolve owner address: ${addressToString(params.owner)}`)
  const worker = yield* resolveWorkerAddress(rt, params.worker)
  if (Result.isFailure(worker)) return failWith(worker.failure)
  const controls = resolveControls(rt, params.controlAddresses)
  if (Result.isFailure(controls)) return failWith(controls.failure)
  const offset = provingPeriodOffset(p, rt.receiver, rt.epoch)
  const periodStart = currentProvingPeriodStart(p, rt.epoch, offset)
  // period_start ≤ epoch and the deadline index < 48 hold by construction (lib.rs:226-243 checks them, 20)
  const deadline = (rt.epoch - periodStart) / p.wpostChallengeWindow
  const info: MinerInfo = {
    owner, worker: worker.success, controlAddresses: controls.success, pendingWorkerKey: null,
    peerId: params.peerId, multiaddrs: params.multiaddrs, windowPoStProofType: params.windowPoStProofType,
    sectorSize: proof.sectorSize, windowPoStPartitionSectors: proof.windowPoStPartitionSectors,
    consensusFaultElapsed: -1n, pendingOwnerAddress: null, beneficiary: owner
  }
  const empty: MinerState = { info, preCommitDeposits: 0n, lockedFunds: 0n, vestingFunds: [], feeDebt: 0n, initialPledge: 0n, provingPeriodStart: periodStart, currentDeadline: deadline }
  const locked = addLockedFunds(empty, rt.epoch, deposit, REWARD_VESTING_SPEC)
  if (typeof locked === "string") return fail("DepositLocked", ExitCode.USR_ILLEGAL_STATE, locked)
  return Result.map(rt.create(locked.state), () => ({}))
}

/** The miner's controlling addresses as ID addresses. */
const controlAddressesOf = (info: MinerInfo) => ({
  owner: idAddress(info.owner), worker: idAddress(info.worker), controlAddresses: info.controlAddresses.map(idAddress)
})

/** IsControllingAddress: any caller; an address that does not resolve is not controlling. */
function* isControllingAddress(rt: Rt, _: MinerState, address: Address): R {
  const id = rt.resolveAddress(address)
  if (id === undefined) return Result.succeed({ return: encodeCbor(false) })
  return Result.map(rt.state(), (st) => ({
    return: encodeCbor(st.info.controlAddresses.includes(id) || st.info.worker === id || st.info.owner === id)
  }))
}

/**
 * ChangeWorkerAddress: controls checked (16), the new worker resolved as at construction (16),
 * the controls resolved (16); then, in the transaction, the caller must be the owner (18); the
 * controls are replaced and a new worker is scheduled WORKER_KEY_CHANGE_DELAY epochs ahead
 * unless one is pending already.
 */
function* changeWorkerAddress(p: MinerPolicy, rt: Rt, _: MinerState, params: ChangeWorkerAddressParams): R {
  const checked = checkControlAddresses(p, params.newControlAddresses)
  if (Result.isFailure(checked)) return failWith(checked.failure)
  const worker = yield* resolveWorkerAddress(rt, params.newWorker)
  if (Result.isFailure(worker)) return failWith(worker.failure)
  const controls = resolveControls(rt, params.newControlAddresses)
  if (Result.isFailure(controls)) return failWith(controls.failure)
  return Result.map(rt.transaction((st) => {
    const caller = validateCallerIs(rt, [st.info.owner], "CallerIsOwner")
    if (Result.isFailure(caller)) return Result.fail(caller.failure)
    const pending = worker.success !== st.info.worker && st.info.pendingWorkerKey === null
      ? { newWorker: worker.success, effectiveAt: rt.epoch + WORKER_KEY_CHANGE_DELAY }
      : st.info.pendingWorkerKey
    return Result.succeed({ ...st, info: { ...st.info, controlAddresses: controls.success, pendingWorkerKey: pending } })
  }), () => ({}))
}

/**
 * The miner actor with the given policy (this chain's by default).
 *
 * @category actors
 * @since 0.1.0
 */
export const minerActor = (p: MinerPolicy = MINER_POLICY): ActorCode<MinerState> => {
  const changeWorker: Method<MinerState> = withParams(decodeChangeWorkerAddressParams, (rt, st, params) => changeWorkerAddress(p, rt, st, params))
  return actorDispatch<MinerState>(MINER_KIND, [
    [MinerMethod.Constructor, withParams(decodeMinerConstructorParams, (rt, st, params) => constructor(p, rt, st, params))],
    [MinerMethod.ControlAddresses, noParams(function* (rt) {
      return Result.map(rt.state(), (st) => ({ return: encodeGetControlAddressesReturn(controlAddressesOf(st.info)) }))
    })],
    [MinerMethod.ChangeWorkerAddress, changeWorker],
    [MinerMethod.ChangeWorkerAddressExported, changeWorker],
    [MinerMethod.IsControllingAddressExported, withParams(decodeIsControllingAddressParam, isControllingAddress)]
  ])
}

/** The miner actor with this chain's policy. */
export const MinerActor = minerActor()
