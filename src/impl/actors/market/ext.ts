/**
 * What the market asks of other actors: the miner's control addresses, whether an address controls
 * a miner, the network's raw power, the baseline power, a signer's authentication of bytes, and the
 * circulating supply; and the singleton ids it talks to.
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0 `actors/market/src/ext.rs` (method numbers and
 * types), `actors/market/src/lib.rs` (`request_miner_control_addrs` :1733-1746,
 * `request_current_baseline_power` :1775-1784, `request_current_network_power` :1787-1799,
 * `deal_proposal_is_internally_valid` :1690-1716), `runtime/src/builtin/singletons.rs` (ids),
 * `runtime/src/builtin/reward/mod.rs` (`ThisEpochRewardReturn` = `[[position, velocity], baseline]`).
 *
 * @module
 */
import { Result } from "effect"
import { type Address, addressToBytes, idAddress, readAddress } from "../../address/address.js"
import { encodeCbor, readArray, readBool, readTuple } from "../../encoding/cbor.js"
import { ExitCode, actorError } from "../../vm/exitcode.js"
import type { ActorError, ActorId, Runtime, Sends } from "../../vm/interface.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { AccountMethod } from "../account/index.js"
import { frc42MethodNumber } from "../frc42.js"
import { deserializeReturn, extractSendResult } from "../shared.js"

/** Singleton actor ids (builtin-actors `singletons.rs`). @since 0.1.0 */
export const SYSTEM_ACTOR_ID = 0n
export const REWARD_ACTOR_ID = 2n
export const CRON_ACTOR_ID = 3n
export const STORAGE_POWER_ACTOR_ID = 4n
export const STORAGE_MARKET_ACTOR_ID = 5n
export const BURNT_FUNDS_ACTOR_ID = 99n

/** The miner actor's code name. */
export const MINER_KIND = "storageminer"

/** Methods the market calls (ext.rs). @since 0.1.0 */
export const ExtMethod = {
  MinerControlAddresses: 2n,
  MinerIsControllingAddress: frc42MethodNumber("IsControllingAddress"),
  RewardThisEpochReward: 3n,
  PowerCurrentTotalPower: 9n,
  MarketNotifyDeal: frc42MethodNumber("MarketNotifyDeal")
} as const

type Sent<A> = Sends<Result.Result<A, ActorError>>

/** A CBOR return value read with `read`, a misfit failing 21 (`deserialize_block`). */
const decodeReturnWith = <A>(ret: Uint8Array | undefined, read: (v: unknown) => Result.Result<A, { readonly message: string }>): Result.Result<A, ActorError> =>
  Result.flatMap(deserializeReturn(ret), (v) => Result.mapError(read(v), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message)))

/** A miner's owner, worker and control addresses (`request_miner_control_addrs`, ControlAddresses = 2). */
export function* minerControlAddresses<S>(rt: Runtime<S>, miner: ActorId): Sent<{ readonly owner: Address; readonly worker: Address; readonly controls: ReadonlyArray<Address> }> {
  const sent = extractSendResult(yield* rt.send(idAddress(miner), ExtMethod.MinerControlAddresses, undefined, 0n))
  return Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => Result.gen(function* () {
    const [o, w, c] = yield* readTuple(v, 3, "GetControlAddressesReturn")
    const controls: Array<Address> = []
    for (const [i, a] of (yield* readArray(c, "GetControlAddressesReturn.control_addresses")).entries()) {
      controls.push(yield* readAddress(a, `GetControlAddressesReturn.control_addresses[${i}]`))
    }
    return { owner: yield* readAddress(o, "GetControlAddressesReturn.owner"), worker: yield* readAddress(w, "GetControlAddressesReturn.worker"), controls }
  })))
}

/** Whether `address` is the miner's owner, worker or a control address (IsControllingAddress, exported). */
export function* minerIsControllingAddress<S>(rt: Runtime<S>, miner: ActorId, address: Address): Sent<boolean> {
  const sent = extractSendResult(yield* rt.send(idAddress(miner), ExtMethod.MinerIsControllingAddress, encodeCbor(addressToBytes(address)), 0n))
  return Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => readBool(v, "IsControllingAddressReturn")))
}

/** The network's raw byte power (`request_current_network_power`, CurrentTotalPower = 9, its first field). */
export function* currentNetworkRawPower<S>(rt: Runtime<S>): Sent<bigint> {
  const sent = extractSendResult(yield* rt.send(idAddress(STORAGE_POWER_ACTOR_ID), ExtMethod.PowerCurrentTotalPower, undefined, 0n))
  return Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => Result.gen(function* () {
    const [raw] = yield* readTuple(v, 6, "CurrentTotalPowerReturn")
    return yield* readBigInt(raw, "CurrentTotalPowerReturn.raw_byte_power")
  })))
}

/** This epoch's baseline power (`request_current_baseline_power`, ThisEpochReward = 3, its second field). */
export function* currentBaselinePower<S>(rt: Runtime<S>): Sent<bigint> {
  const sent = extractSendResult(yield* rt.send(idAddress(REWARD_ACTOR_ID), ExtMethod.RewardThisEpochReward, undefined, 0n))
  return Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => Result.gen(function* () {
    const [, baseline] = yield* readTuple(v, 2, "ThisEpochRewardReturn")
    return yield* readBigInt(baseline, "ThisEpochRewardReturn.this_epoch_baseline_power")
  })))
}

/**
 * Whether `signer` authenticates `signature` over `message`: a read-only AuthenticateMessage send
 * whose failure (an account answers 16 to a bad signature) is the caller's error with its code,
 * and whose `false` answer is 16 (`deal_proposal_is_internally_valid`).
 */
export function* authenticate<S>(rt: Runtime<S>, signer: Address, signature: Uint8Array, message: Uint8Array, what: string): Sent<void> {
  const params = encodeCbor([signature, message])
  const sent = extractSendResult(yield* rt.send(signer, AccountMethod.AuthenticateMessage, params, 0n, { readOnly: true }))
  const ok = Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => readBool(v, "AuthenticateMessageReturn")))
  if (Result.isFailure(ok)) return Result.fail({ ...ok.failure, message: `${what} authentication failed: ${ok.failure.message}` })
  return ok.success ? Result.succeed(undefined) : Result.fail(actorError("AuthenticationFailed", ExitCode.USR_ILLEGAL_ARGUMENT, `${what} authentication failed`))
}

/** The encoding of `ThisEpochRewardReturn` for a baseline (the smoothed estimate zero), for tests and stand-ins. */
export const encodeThisEpochRewardReturn = (baseline: bigint): Uint8Array =>
  encodeCbor([[encodeBigInt(0n), encodeBigInt(0n)], encodeBigInt(baseline)])
