/**
 * The Storage Power actor (f04, "storagepower"): Constructor (1), CreateMiner (2 and its FRC-42
 * export) and CurrentTotalPower (9).  UpdateClaimedPower, EnrollCronEvent, OnEpochTickEnd,
 * UpdatePledgeTotal and the exported power queries are the miner/power issue's: until then a
 * call of one fails 22.  In particular the cron actor's per-epoch send of OnEpochTickEnd fails
 * 22, which the cron actor ignores as it ignores every failed entry; so the totals stay zero, the
 * smoothed QA power at its initial estimate, and the reward actor's baseline at epoch 0's.
 *
 * Source: filecoin-project/builtin-actors `actors/power/src/lib.rs` @ v18.0.0 (`constructor`
 * :69-77: the System actor only; `create_miner`:79-134: any caller, the miner made through
 * Init.Exec with the value received and MinerConstructorParams with no control addresses, then a
 * zero claim keyed by the new id, `miner_count` + 1 and `update_stats_for_new_miner`;
 * `current_total_power`:262-274: any caller).
 *
 * @module
 */
import { Result } from "effect"
import { addressId, addressToBytes, idAddress, readAddress } from "../../address/address.js"
import { readTuple } from "../../encoding/cbor.js"
import { actorError, actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, Runtime, Sends } from "../../vm/interface.js"
import { INIT_ACTOR_ID, SYSTEM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, type Method, type MethodResult, noParams, withParams } from "../dispatch.js"
import { codeCid, encodeExecParams, InitMethod } from "../init/index.js"
import { MINER_POLICY, type MinerPolicy } from "../miner/policy.js"
import { encodeMinerConstructorParams } from "../miner/types.js"
import { deserializeReturn, extractSendResult, validateCallerIs } from "../shared.js"
import { consensusMinerMinPower, newPowerState, type PowerState } from "./state.js"
import { type CreateMinerParams, decodeCreateMinerParams, encodeCurrentTotalPowerReturn, POWER_KIND, PowerMethod } from "./types.js"
import { encodeCbor } from "../../encoding/cbor.js"

export { POWER_ACTOR_ID, POWER_KIND, PowerMethod } from "./types.js"

type R = Sends<MethodResult>

/** ExecReturn `[id_address, robust_address]` from a decoded CBOR value. */
const readExecReturn = (v: unknown) => Result.gen(function* () {
  const [id, robust] = yield* readTuple(v, 2, "ExecReturn")
  return { id: yield* readAddress(id, "ExecReturn.id_address"), robust: yield* readAddress(robust, "ExecReturn.robust_address") }
})

/** CreateMiner: any caller; the miner is created by Init.Exec with the value received, then claimed. */
function* createMiner(p: MinerPolicy, rt: Runtime<PowerState>, _: PowerState, params: CreateMinerParams): R {
  const ctor = encodeMinerConstructorParams({
    owner: params.owner, worker: params.worker, controlAddresses: [], windowPoStProofType: params.windowPoStProofType,
    peerId: params.peer, multiaddrs: params.multiaddrs
  })
  const sent = extractSendResult(yield* rt.send(idAddress(INIT_ACTOR_ID), InitMethod.Exec, encodeExecParams(codeCid("storageminer"), ctor), rt.valueReceived))
  const made = Result.flatMap(Result.flatMap(sent, deserializeReturn), (v) =>
    Result.mapError(readExecReturn(v), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message)))
  if (Result.isFailure(made)) return Result.fail(made.failure)
  const minerId = addressId(made.success.id)
  if (minerId === undefined) return fail("ExecReturnId", ExitCode.USR_ILLEGAL_STATE, "ExecReturn.id_address is not an ID address")
  const written = rt.transaction((st) => {
    const claims = new Map(st.claims).set(minerId, { windowPoStProofType: params.windowPoStProofType, rawBytePower: 0n, qualityAdjPower: 0n })
    const min = consensusMinerMinPower(p, params.windowPoStProofType)
    if (min === undefined) {
      return fail("MinPowerKnown", ExitCode.USR_ILLEGAL_STATE, `failed to update power stats for new miner f0${minerId}: unsupported proof type: ${params.windowPoStProofType}`)
    }
    return Result.succeed({
      ...st,
      claims: new Map([...claims].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      minerCount: st.minerCount + 1n,
      minerAboveMinPowerCount: min > 0n ? st.minerAboveMinPowerCount : st.minerAboveMinPowerCount + 1n
    })
  })
  if (Result.isFailure(written)) return Result.fail(written.failure)
  return Result.succeed({ return: encodeCbor([addressToBytes(made.success.id), addressToBytes(made.success.robust)]) })
}

/**
 * The power actor with the given policy (this chain's by default).
 *
 * @category actors
 * @since 0.1.0
 */
export const powerActor = (p: MinerPolicy = MINER_POLICY): ActorCode<PowerState> => {
  const create: Method<PowerState> = withParams(decodeCreateMinerParams, (rt, st, params) => createMiner(p, rt, st, params))
  return actorDispatch<PowerState>(POWER_KIND, [
    [PowerMethod.Constructor, noParams(function* (rt) {
      return Result.flatMap(validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem"), () => Result.map(rt.create(newPowerState()), () => ({})))
    })],
    [PowerMethod.CreateMiner, create],
    [PowerMethod.CreateMinerExported, create],
    [PowerMethod.CurrentTotalPower, noParams(function* (rt) {
      return Result.map(rt.state(), (st) => ({
        return: encodeCurrentTotalPowerReturn({
          rawBytePower: st.thisEpochRawBytePower, qualityAdjPower: st.thisEpochQualityAdjPower, pledgeCollateral: st.thisEpochPledgeCollateral,
          qualityAdjPowerSmoothed: st.thisEpochQaPowerSmoothed, rampStartEpoch: st.rampStartEpoch, rampDurationEpochs: st.rampDurationEpochs
        })
      }))
    })]
  ])
}

/** The power actor with this chain's policy. */
export const PowerActor = powerActor()
