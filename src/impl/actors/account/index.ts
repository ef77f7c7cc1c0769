/**
 * The Account actor: holds a public-key address and authenticates messages signed with its key.
 *
 * Source: filecoin-project/builtin-actors `actors/account/src/lib.rs` @ v18.0.0 (Constructor = 1
 * takes the address, PubkeyAddress = 2 takes no params, AuthenticateMessage = FRC-0042 hash of
 * "AuthenticateMessage" takes `[signature, message]`; every other number goes to `fallback`,
 * lib.rs:117-122) and `actors/account/src/types.rs` (ConstructorParams and the returns are
 * transparent: the address bytes, the boolean).
 *
 * @module
 */
import { Result } from "effect"
import { AddressProtocol, addressToBytes, readAddress } from "../../address/address.js"
import type { Address } from "../../address/interface.js"
import { decodeCbor, encodeCbor, readBytes, readTuple } from "../../encoding/cbor.js"
import { SigType } from "../../crypto/signature.js"
import { verifySignatureDetailed } from "../../crypto/keys.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, Runtime, Sends } from "../../vm/interface.js"
import { SYSTEM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, actorError, type MethodResult, noParams, withParams } from "../dispatch.js"
import { FIRST_EXPORTED_METHOD_NUMBER, frc42MethodNumber } from "../frc42.js"
import { validateCallerIs } from "../shared.js"

/** The account's state: its public-key address. */
export interface AccountState {
  readonly address: Address
}

/** The state of the account for a public-key address. */
export const accountState = (address: Address): AccountState => ({ address })

/** Account method numbers. */
export const AccountMethod = {
  Constructor: 1n,
  PubkeyAddress: 2n,
  AuthenticateMessage: frc42MethodNumber("AuthenticateMessage")
} as const

/**
 * Params of AuthenticateMessage: `[signature bytes, message bytes]` (CBOR tuple).  The signature
 * is the *raw* signature (no type byte): the account takes the type from its address protocol
 * (builtin-actors `actors/account/src/lib.rs` authenticate_message).
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeAuthenticateMessageParams = (signature: Uint8Array, message: Uint8Array): Uint8Array =>
  encodeCbor([signature, message])

const decodeAuthenticateMessageParams = (params: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(params), (e) => ({ message: `AuthenticateMessageParams: ${e.message}` })), (v) =>
    Result.flatMap(readTuple(v, 2, "AuthenticateMessageParams"), ([sig, msg]) =>
      Result.flatMap(readBytes(sig, "AuthenticateMessageParams.signature"), (s) =>
        Result.map(readBytes(msg, "AuthenticateMessageParams.message"), (m) => ({ signature: s, message: m })))))

const decodeConstructorParams = (params: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(params), (e) => ({ message: `account ConstructorParams: ${e.message}` })), (v) =>
    readAddress(v, "account ConstructorParams.address"))

type R = Sends<MethodResult>

/** Constructor: the System actor only (lib.rs:45-57); the address must be secp256k1 or BLS; `rt.create` writes the state. */
function* constructor(rt: Runtime<AccountState>, _: AccountState, address: Address): R {
  const caller = validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  if (address.protocol !== AddressProtocol.Secp256k1 && address.protocol !== AddressProtocol.BLS) {
    return Result.fail(actorError("KeyAddress", ExitCode.USR_ILLEGAL_ARGUMENT, `address must use BLS or SECP protocol, got ${address.protocol}`))
  }
  return Result.map(rt.create(accountState(address)), () => ({}))
}

/** AuthenticateMessage: verifies a raw signature with the account's key (lib.rs:69-93); any caller. */
function* authenticate(_: Runtime<AccountState>, state: AccountState, p: { readonly signature: Uint8Array; readonly message: Uint8Array }): R {
  // The signature type follows from the account's key: secp256k1 for f1, BLS for f3.
  const type = state.address.protocol === AddressProtocol.BLS ? SigType.BLS : SigType.Secp256k1
  const verified = verifySignatureDetailed({ type, data: p.signature }, state.address, p.message)
  if (Result.isFailure(verified)) {
    return Result.fail(actorError("SignatureInvalid", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to authenticate message, signature invalid: ${verified.failure.message}`))
  }
  return Result.succeed({ return: encodeCbor(true) })
}

/**
 * The Account actor's code.  Its fallback (lib.rs:96-107): an exported method (FRC-0042, >= 2^24)
 * it does not know succeeds with no return, whatever the params, so accounts accept hooks such as
 * the universal receiver hook; any other unknown number is 22.
 *
 * @category actors
 * @since 0.1.0
 */
export const AccountActor: ActorCode<AccountState> = actorDispatch<AccountState>("account", [
  [AccountMethod.Constructor, withParams(decodeConstructorParams, constructor)],
  [AccountMethod.PubkeyAddress, noParams(function* (_, state) {
    return Result.succeed({ return: encodeCbor(addressToBytes(state.address)) })
  })],
  [AccountMethod.AuthenticateMessage, withParams(decodeAuthenticateMessageParams, authenticate)]
], function* (_, __, method) {
  return method >= FIRST_EXPORTED_METHOD_NUMBER
    ? Result.succeed({})
    : Result.fail(actorError("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `account: invalid method: ${method}`))
})

export { readAddress }
