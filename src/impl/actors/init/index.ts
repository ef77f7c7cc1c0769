/**
 * The Init actor (f01): creates actors.  Exec (method 2) allocates the next id and a robust
 * actor address, and has the VM construct the new actor with the given params and value.
 *
 * Source: filecoin-project/builtin-actors `actors/init/src/lib.rs` (Exec = 2, ExecParams
 * `[code_cid, constructor_params]`, ExecReturn `[id_address, robust_address]`; `can_exec`: any
 * caller may create a payment channel; the Constructor is the System actor's).  The address map
 * lives in the VM state here.
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { addressToBytes, idAddress } from "../../address/address.js"
import { decodeCbor, encodeCbor, readBytes, readTuple } from "../../encoding/cbor.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorError, ActorKind } from "../../vm/interface.js"

/** Init method numbers. */
export const InitMethod = { Constructor: 1n, Exec: 2n } as const

/** The raw codec, for the identity-hashed code CIDs. */
const RAW_CODE = 0x55

/**
 * The code CID of an actor kind: CIDv1, raw codec, identity multihash of `fil/1/<name>`, the
 * form the specs-actors builtin code CIDs had before the FVM (whose CIDs are hashes of a bundle).
 *
 * @category constants
 * @since 0.1.0
 */
export const codeCid = (name: "account" | "paymentchannel" | "init" | "system"): CID =>
  CID.createV1(RAW_CODE, identity.digest(new TextEncoder().encode(`fil/1/${name}`)))

const KIND_BY_CODE = new Map<string, ActorKind>([
  [codeCid("paymentchannel").toString(), "paymentchannel"],
  [codeCid("account").toString(), "account"],
  [codeCid("init").toString(), "init"],
  [codeCid("system").toString(), "system"]
])

const err = (tag: string, exitCode: number, message: string): ActorError => ({ tag, exitCode, message })

/**
 * ExecParams bytes: `[code CID, constructor params bytes]`.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeExecParams = (code: CID, constructorParams: Uint8Array): Uint8Array => encodeCbor([code, constructorParams])

/**
 * The Init actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const InitActor: ActorCode<null> = {
  kind: "init",
  invoke: (rt, state, method, params) => {
    if (method === InitMethod.Constructor) {
      return Result.fail(err("CallerIsSystem", ExitCode.USR_FORBIDDEN, "only the System actor constructs the Init actor"))
    }
    if (method !== InitMethod.Exec) {
      return Result.fail(err("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `init has no method ${method}`))
    }
    const decoded = decodeCbor(params)
    if (Result.isFailure(decoded)) return Result.fail(err("MalformedParams", ExitCode.USR_SERIALIZATION, `ExecParams: ${decoded.failure.message}`))
    const tuple = readTuple(decoded.success, 2, "ExecParams")
    if (Result.isFailure(tuple)) return Result.fail(err("MalformedParams", ExitCode.USR_SERIALIZATION, tuple.failure.message))
    const [code, ctorParams] = tuple.success
    const cid = CID.asCID(code)
    const ctor = readBytes(ctorParams, "ExecParams.constructor_params")
    if (cid === null || Result.isFailure(ctor)) return Result.fail(err("MalformedParams", ExitCode.USR_SERIALIZATION, "ExecParams: expected [code CID, constructor params bytes]"))
    const kind = KIND_BY_CODE.get(cid.toString())
    // builtin-actors `can_exec`: a payment channel may be created by any caller; of the kinds this
    // VM runs, nothing else is creatable through Exec.
    if (kind !== "paymentchannel") {
      return Result.fail(err("CallerMayExec", ExitCode.USR_FORBIDDEN, `caller of kind ${rt.callerKind} may not create an actor with code ${cid}`))
    }
    const { id, robust } = rt.newActorAddress()
    return Result.succeed({
      state,
      return: encodeCbor([addressToBytes(idAddress(id)), addressToBytes(robust)]),
      spawn: { kind, id, robust, params: ctor.success, value: rt.valueReceived }
    })
  }
}
