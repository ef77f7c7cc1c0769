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
import { type Address, idAddress } from "../../address/address.js"
import { encodeCbor, readBool } from "../../encoding/cbor.js"
import { ExitCode, actorError } from "../../vm/exitcode.js"
import type { ActorError, ActorId, Runtime, Sends } from "../../vm/interface.js"
import { AccountMethod } from "../account/index.js"
import { CRON_ACTOR_ID } from "../cron/index.js"
import { frc42MethodNumber } from "../frc42.js"
import { MINER_KIND, MinerMethod } from "../miner/index.js"
import { encodeIsControllingAddressParam, readGetControlAddressesReturn } from "../miner/types.js"
import { POWER_ACTOR_ID, PowerMethod, readCurrentTotalPowerReturn } from "../power/types.js"
import { readThisEpochRewardReturn, REWARD_ACTOR_ID, RewardMethod } from "../reward/index.js"
import { deserializeReturn, extractSendResult } from "../shared.js"

export { CRON_ACTOR_ID, MINER_KIND, POWER_ACTOR_ID, REWARD_ACTOR_ID }

/**
 * Singleton actor ids the market names itself (builtin-actors `singletons.rs`): the System actor,
 * the market, and burnt funds (also `BURNT_FUNDS_ACTOR_ID` in ../builtin.ts, which imports this
 * actor, so it is not imported from there). @since 0.1.0
 */
export const SYSTEM_ACTOR_ID = 0n
export const STORAGE_MARKET_ACTOR_ID = 5n
export const BURNT_FUNDS_ACTOR_ID = 99n

/** MarketNotifyDeal, the method the market calls on a client after publishing (types.rs, FRC-0042). @since 0.1.0 */
export const MARKET_NOTIFY_DEAL_METHOD = frc42MethodNumber("MarketNotifyDeal")

type Sent<A> = Sends<Result.Result<A, ActorError>>

/** A CBOR return value read with `read`, a misfit failing 21 (`deserialize_block`). */
const decodeReturnWith = <A>(ret: Uint8Array | undefined, read: (v: unknown) => Result.Result<A, { readonly message: string }>): Result.Result<A, ActorError> =>
  Result.flatMap(deserializeReturn(ret), (v) => Result.mapError(read(v), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message)))

/** A miner's owner, worker and control addresses (`request_miner_control_addrs`, ControlAddresses = 2). */
export function* minerControlAddresses<S>(rt: Runtime<S>, miner: ActorId): Sent<{ readonly owner: Address; readonly worker: Address; readonly controls: ReadonlyArray<Address> }> {
  const sent = extractSendResult(yield* rt.send(idAddress(miner), MinerMethod.ControlAddresses, undefined, 0n))
  return Result.flatMap(sent, (ret) => Result.map(decodeReturnWith(ret, readGetControlAddressesReturn), (r) => ({ owner: r.owner, worker: r.worker, controls: r.controlAddresses })))
}

/** Whether `address` is the miner's owner, worker or a control address (IsControllingAddress, exported). */
export function* minerIsControllingAddress<S>(rt: Runtime<S>, miner: ActorId, address: Address): Sent<boolean> {
  const sent = extractSendResult(yield* rt.send(idAddress(miner), MinerMethod.IsControllingAddressExported, encodeIsControllingAddressParam(address), 0n))
  return Result.flatMap(sent, (ret) => decodeReturnWith(ret, (v) => readBool(v, "IsControllingAddressReturn")))
}

/** The network's raw byte power (`request_current_network_power`, CurrentTotalPower = 9, its first field). */
export function* currentNetworkRawPower<S>(rt: Runtime<S>): Sent<bigint> {
  const sent = extractSendResult(yield* rt.send(idAddress(POWER_ACTOR_ID), PowerMethod.CurrentTotalPower, undefined, 0n))
  return Result.flatMap(sent, (ret) => Result.map(decodeReturnWith(ret, readCurrentTotalPowerReturn), (r) => r.rawBytePower))
}

/** This epoch's baseline power (`request_current_baseline_power`, ThisEpochReward = 3, its second field). */
export function* currentBaselinePower<S>(rt: Runtime<S>): Sent<bigint> {
  const sent = extractSendResult(yield* rt.send(idAddress(REWARD_ACTOR_ID), RewardMethod.ThisEpochReward, undefined, 0n))
  return Result.flatMap(sent, (ret) => Result.map(decodeReturnWith(ret, readThisEpochRewardReturn), (r) => r.thisEpochBaselinePower))
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
