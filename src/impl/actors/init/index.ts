/**
 * The Init actor (f01): creates actors.  Exec (method 2) gives the new actor a robust address and
 * the next id, creates it, and sends its constructor the params and the value received.
 *
 * Source: filecoin-project/builtin-actors `actors/init/src/lib.rs` @ v18.0.0 (Constructor = 1 for
 * the System actor; Exec = 2, lib.rs:51-108; Exec4 = 3 for the EAM only, lib.rs:111-164;
 * `can_exec`:181-189: any caller may create a payment channel or a multisig) and
 * `actors/init/src/types.rs` (ConstructorParams `[network_name]`, ExecParams `[code_cid,
 * constructor_params]`, Exec4Params `[code_cid, constructor_params, subaddress]`, ExecReturn
 * `[id_address, robust_address]`).  Init's address map and next id live in the VM state; this
 * actor changes them through `rt.mapAddressToId`.
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { addressToBytes, addressToString, idAddress } from "../../address/address.js"
import { decodeCbor, encodeCbor, InvalidCborField, readBytes, readText, readTuple } from "../../encoding/cbor.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorKind, Runtime, Sends } from "../../vm/interface.js"
import { SYSTEM_ACTOR_ID, EAM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, actorError, type MethodResult, withParams } from "../dispatch.js"
import { extractSendResult, validateCallerIs, wrapError } from "../shared.js"

/** Init method numbers. */
export const InitMethod = { Constructor: 1n, Exec: 2n, Exec4: 3n } as const

/** The raw codec, for the identity-hashed code CIDs. */
const RAW_CODE = 0x55

/**
 * The code CID of an actor kind: CIDv1, raw codec, identity multihash of `fil/1/<name>`, the
 * form the specs-actors builtin code CIDs had before the FVM (whose CIDs are hashes of a bundle).
 *
 * @category constants
 * @since 0.1.0
 */
export const codeCid = (name: ActorKind): CID =>
  CID.createV1(RAW_CODE, identity.digest(new TextEncoder().encode(`fil/1/${name}`)))

/** The code name a code CID stands for, if it is `fil/1/<name>`. */
const kindOfCode = (cid: CID): ActorKind | undefined => {
  if (cid.code !== RAW_CODE || cid.multihash.code !== identity.code) return undefined
  const text = new TextDecoder().decode(cid.multihash.digest)
  return text.startsWith("fil/1/") ? text.slice("fil/1/".length) : undefined
}

/**
 * `can_exec` (lib.rs:181-189): any caller may create a payment channel or a multisig, only the
 * power actor a miner.  (A code the registry does not hold is created, then its constructor
 * send fails 23 "receiver not found"; this VM runs no multisig.)
 */
const canExec = (callerKind: ActorKind, kind: ActorKind | undefined): boolean =>
  kind === "paymentchannel" || kind === "multisig" || (kind === "storageminer" && callerKind === "storagepower")

/**
 * ExecParams bytes: `[code CID, constructor params bytes]`.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeExecParams = (code: CID, constructorParams: Uint8Array): Uint8Array => encodeCbor([code, constructorParams])

const cbor = (what: string, params: Uint8Array) => Result.mapError(decodeCbor(params), (e) => ({ message: `${what}: ${e.message}` }))

const readCid = (value: unknown, field: string): Result.Result<CID, InvalidCborField> => {
  const cid = CID.asCID(value)
  return cid === null
    ? Result.fail(new InvalidCborField({ field, expected: "CID", message: `${field}: expected a CID` }))
    : Result.succeed(cid)
}

interface ExecParams { readonly code: CID; readonly constructorParams: Uint8Array }

const decodeExecParams = (params: Uint8Array) => Result.flatMap(cbor("ExecParams", params), (v) => Result.gen(function* () {
  const [code, ctor] = yield* readTuple(v, 2, "ExecParams")
  return { code: yield* readCid(code, "ExecParams.code_cid"), constructorParams: yield* readBytes(ctor, "ExecParams.constructor_params") }
}))

const decodeExec4Params = (params: Uint8Array) => Result.flatMap(cbor("Exec4Params", params), (v) => Result.gen(function* () {
  const [code, ctor, sub] = yield* readTuple(v, 3, "Exec4Params")
  return {
    code: yield* readCid(code, "Exec4Params.code_cid"), constructorParams: yield* readBytes(ctor, "Exec4Params.constructor_params"),
    subaddress: yield* readBytes(sub, "Exec4Params.subaddress")
  }
}))

const decodeConstructorParams = (params: Uint8Array) => Result.flatMap(cbor("ConstructorParams", params), (v) =>
  Result.flatMap(readTuple(v, 1, "ConstructorParams"), ([name]) => readText(name, "ConstructorParams.network_name")))

type R = Sends<MethodResult>

/** Exec (lib.rs:51-108): any caller; the code must be one it may create. */
function* exec(rt: Runtime<null>, _: null, p: ExecParams): R {
  const callerKind = rt.actorKind(rt.caller)
  if (callerKind === undefined) return Result.fail(actorError("CallerHasCode", ExitCode.USR_ILLEGAL_STATE, `no code for caller f0${rt.caller}`))
  const kind = kindOfCode(p.code)
  if (kind === undefined || !canExec(callerKind, kind)) {
    return Result.fail(actorError("CallerMayExec", ExitCode.USR_FORBIDDEN, `called type ${callerKind} cannot exec actor type ${p.code}`))
  }
  const robust = rt.newActorAddress()
  const mapped = rt.mapAddressToId(robust)
  if (Result.isFailure(mapped)) return Result.fail(wrapError(mapped.failure, "failed to allocate ID address"))
  if (mapped.success.existing) {
    return Result.fail(actorError("NotExisting", ExitCode.USR_FORBIDDEN, `cannot exec over an existing actor f0${mapped.success.id}`))
  }
  const { id } = mapped.success
  const created = rt.createActor(kind, id, undefined)
  if (Result.isFailure(created)) return Result.fail(created.failure)
  const params = p.constructorParams.length === 0 ? undefined : p.constructorParams
  const constructed = extractSendResult(yield* rt.send(idAddress(id), 1n, params, rt.valueReceived))
  if (Result.isFailure(constructed)) return Result.fail(wrapError(constructed.failure, "constructor failed"))
  return Result.succeed({ return: encodeCbor([addressToBytes(idAddress(id)), addressToBytes(robust)]) })
}

/**
 * The Init actor's code.  Exec4 is for the Ethereum Address Manager (f010), which this VM does not
 * run: after its params decode, every caller is refused (lib.rs:112).
 *
 * @category actors
 * @since 0.1.0
 */
export const InitActor: ActorCode<null> = actorDispatch<null>("init", [
  [InitMethod.Constructor, withParams(decodeConstructorParams, function* (rt) {
    return Result.flatMap(validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem"), () => Result.map(rt.create(null), () => ({})))
  })],
  [InitMethod.Exec, withParams(decodeExecParams, exec)],
  [InitMethod.Exec4, withParams(decodeExec4Params, function* (rt) {
    return Result.flatMap(validateCallerIs(rt, [EAM_ACTOR_ID], "CallerIsEam"), () =>
      Result.fail(actorError("CallerIsEam", ExitCode.USR_FORBIDDEN, `no EAM actor runs here (${addressToString(idAddress(EAM_ACTOR_ID))})`)))
  })]
])
