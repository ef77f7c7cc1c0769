/**
 * A library's typed error as a function vector's failure (`{ tag, message }`): the tag is the
 * error's `_tag` (what conformance compares); the message is the error's own, or else its fields
 * (`WrongCommR: sectorNumber 5`), for readers of the vectors.  Used by `./sdr.ts` and `./post.ts`.
 *
 * @module
 */
import { Result } from "effect"
import { toHex } from "../src/impl/encoding/hex.js"

/** A failure of a function call: the tag (compared) and a message (information). */
export interface TypedFailure {
  readonly tag: string
  readonly message: string
}

const show = (v: unknown): string =>
  typeof v === "bigint" ? String(v)
    : v instanceof Uint8Array ? toHex(v)
    : Array.isArray(v) ? `[${v.map(show).join(", ")}]`
    : typeof v === "string" ? v
    : JSON.stringify(v)

/**
 * The message of a typed error: its own, or its tag and fields.
 *
 * @example
 * describeError(new WrongCommR({ sectorNumber: 5n })) // => "WrongCommR: sectorNumber 5"
 * @category adapter
 * @since 0.1.0
 */
export const describeError = (e: { readonly _tag: string; readonly message: string }): string => {
  if (e.message !== "") return e.message
  const fields = Object.entries(e).filter(([k]) => k !== "_tag").map(([k, v]) => `${k} ${show(v)}`)
  return fields.length === 0 ? e._tag : `${e._tag}: ${fields.join(", ")}`
}

/**
 * A library result with its typed error as a {@link TypedFailure}.
 *
 * @example
 * typed(Result.fail(new WrongCommR({ sectorNumber: 5n }))) // => Failure({ tag: "WrongCommR", message: "WrongCommR: sectorNumber 5" })
 * @category adapter
 * @since 0.1.0
 */
export const typed = <A>(r: Result.Result<A, { readonly _tag: string; readonly message: string }>): Result.Result<A, TypedFailure> =>
  Result.mapError(r, (e) => ({ tag: e._tag, message: describeError(e) }))
