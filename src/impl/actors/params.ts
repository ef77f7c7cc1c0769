/**
 * Decoding an actor's params bytes: the one error every actor's decoders return, and the helper
 * that turns a DAG-CBOR failure or a field reader's failure into it.  In the actor the error is
 * exit code 21 USR_SERIALIZATION (filecoin-project/builtin-actors `runtime/src/dispatch.rs` @
 * v18.0.0, through `From<fvm_ipld_encoding::Error> for ActorError`).
 *
 * @module
 */
import { Data, Result } from "effect"
import { decodeCbor, type InvalidCborField } from "../encoding/cbor.js"

/**
 * Params bytes that do not decode: names the params type, the field and what was wrong.
 *
 * @category errors
 * @since 0.1.0
 */
export class MalformedParams extends Data.TaggedError("MalformedParams")<{
  /** The params type, e.g. `"SignedVoucher"` or `"DealProposal"`. */
  readonly params: string
  /** Dotted path of the offending field (`"SignedVoucher.merges[0].nonce"`), or `""` for the bytes as a whole. */
  readonly field: string
  readonly message: string
}> {}

/**
 * `decodeCbor` then `read`, every failure mapped to {@link MalformedParams} for `params`.
 *
 * @example
 * decodeParams("Merge", fromHex("ff"), readMerge) // => Failure(MalformedParams: Merge: …)
 * @category decoding
 * @since 0.1.0
 */
export const decodeParams = <A>(
  params: string,
  bytes: Uint8Array,
  read: (value: unknown) => Result.Result<A, InvalidCborField>
): Result.Result<A, MalformedParams> => {
  const value = decodeCbor(bytes)
  if (Result.isFailure(value)) {
    return Result.fail(new MalformedParams({ params, field: "", message: `${params}: ${value.failure.message}` }))
  }
  return Result.mapError(read(value.success), (e) => new MalformedParams({ params, field: e.field, message: e.message }))
}
