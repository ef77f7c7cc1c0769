/**
 * Test helper: the one stand-in the market's tests and the market refinement use.  The real miner
 * actor has no sector methods yet (they come with the miner and power issue), so nothing on this
 * chain would call the market's miner-only methods (VerifyDealsForActivation, BatchActivateDeals,
 * OnMinerSectorsTerminate).  This "storageminer" is the real miner actor plus one extra method,
 * `TestForwardToMarket` (the FRC-0042 number of that name), that sends a method and its params to
 * the market f05 from the miner and returns what the market returned (or fails with the market's
 * exit code and tag).  Every other miner method is the real one.  The vectors do not use it: they
 * send those calls as implicit messages from the miner (vectors/market/README.md).
 */
import { Result } from "effect"
import { actorDispatch, withParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { frc42MethodNumber } from "../../../src/impl/actors/frc42.js"
import { MinerActor } from "../../../src/impl/actors/miner/index.js"
import { idAddress } from "../../../src/impl/address/address.js"
import { decodeCbor, readBytes, readTuple, readUint } from "../../../src/impl/encoding/cbor.js"
import { actorError, ExitCode } from "../../../src/impl/vm/exitcode.js"
import type { ActorCode } from "../../../src/impl/vm/interface.js"

const MARKET = idAddress(5n)

/** The forwarding method's number. */
export const FORWARD = frc42MethodNumber("TestForwardToMarket")

const decodeForward = (bytes: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(bytes), (e) => ({ message: e.message })), (v) => Result.gen(function* () {
    const [m, p] = yield* readTuple(v, 2, "Forward")
    return { method: yield* readUint(m, "Forward.method"), params: yield* readBytes(p, "Forward.params") }
  }))

/** The real miner plus `TestForwardToMarket`. */
export const forwardingMiner: ActorCode = (() => {
  const forward = actorDispatch<unknown>("storageminer", [[FORWARD, withParams(decodeForward, function* (rt, _, f) {
    const r = yield* rt.send(MARKET, f.method, f.params.length === 0 ? undefined : f.params, 0n)
    if (Result.isFailure(r)) return Result.fail(actorError("ForwardFailed", ExitCode.USR_ASSERTION_FAILED, r.failure.message))
    const res = r.success
    if (res.exitCode !== 0) return Result.fail(actorError(res.error?.tag ?? "Forwarded", res.exitCode, res.error?.message ?? ""))
    return Result.succeed(res.return === undefined ? {} : { return: res.return })
  })]])
  const real = erase(MinerActor)
  return {
    kind: "storageminer",
    invoke: function* (rt, state, method, params) {
      if (method === FORWARD) return yield* forward.invoke(rt, state, method, params)
      return yield* real.invoke(rt, state, method, params)
    }
  }
})()
