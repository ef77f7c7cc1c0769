/**
 * The Account actor: holds a public-key address and authenticates messages signed with its key.
 *
 * Source: filecoin-project/builtin-actors `actors/account/src/lib.rs` (Constructor = 1,
 * PubkeyAddress = 2, AuthenticateMessage = FRC-0042 hash of "AuthenticateMessage").
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
import type { ActorCode, ActorError, Outcome, Runtime } from "../../vm/interface.js"
import { FIRST_EXPORTED_METHOD_NUMBER, frc42MethodNumber } from "../frc42.js"

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

const err = (tag: string, exitCode: number, message: string): ActorError => ({ tag, exitCode, message })

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

const authenticate = (state: AccountState, params: Uint8Array): Result.Result<Outcome<AccountState>, ActorError> => {
  const decoded = Result.flatMap(
    Result.mapError(decodeCbor(params), (e) => e.message),
    (v) => Result.mapError(Result.flatMap(readTuple(v, 2, "AuthenticateMessageParams"), ([sig, msg]) =>
      Result.flatMap(readBytes(sig, "signature"), (s) => Result.map(readBytes(msg, "message"), (m) => [s, m] as const))), (e) => e.message)
  )
  if (Result.isFailure(decoded)) return Result.fail(err("MalformedParams", ExitCode.USR_SERIALIZATION, `AuthenticateMessage params: ${decoded.failure}`))
  const [raw, message] = decoded.success
  // The signature type follows from the account's key: secp256k1 for f1, BLS for f3.
  const type = state.address.protocol === AddressProtocol.BLS ? SigType.BLS : SigType.Secp256k1
  const verified = verifySignatureDetailed({ type, data: raw }, state.address, message)
  if (Result.isFailure(verified)) return Result.fail(err("SignatureInvalid", ExitCode.USR_ILLEGAL_ARGUMENT, `signature does not verify: ${verified.failure.message}`))
  return Result.succeed({ state, return: encodeCbor(true) })
}

/**
 * The Account actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const AccountActor: ActorCode<AccountState> = {
  kind: "account",
  invoke: (rt: Runtime, state, method, params) => {
    switch (method) {
      case AccountMethod.Constructor:
        return Result.fail(err("CallerIsSystem", ExitCode.USR_FORBIDDEN, "accounts are created by the system"))
      case AccountMethod.PubkeyAddress:
        return Result.succeed({ state, return: encodeCbor(addressToBytes(state.address)) })
      case AccountMethod.AuthenticateMessage:
        return authenticate(state, params)
      default:
        void rt
        // builtin-actors' account `fallback`: an exported method (FRC-0042, >= 2^24) it does not
        // know succeeds with no return, so accounts accept hooks such as the universal receiver hook.
        if (method >= FIRST_EXPORTED_METHOD_NUMBER) return Result.succeed({ state })
        return Result.fail(err("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `account has no method ${method}`))
    }
  }
}

export { readAddress }
