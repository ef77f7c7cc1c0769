/**
 * Reads PaymentChannel's constants from a TLC configuration (`spec/tla/MCPaymentChannel_*.cfg`),
 * so that the TypeScript explorer and TLC run with the same bounds.
 *
 * @module
 */
import { Data, Result } from "effect"
import type { TlcConfig, TlcValue } from "./_tlcConfig.js"
import type { Constants } from "./PaymentChannel.js"

/** A constant is missing from the configuration or has the wrong type. */
export class BadConstant extends Data.TaggedError("BadConstant")<{ readonly name: string; readonly reason: string }> {}

/**
 * PaymentChannel's constants from a parsed TLC configuration.
 *
 * @category parsing
 * @since 0.1.0
 */
export const constantsFromConfig = (cfg: TlcConfig): Result.Result<Constants, BadConstant> => {
  const get = (name: string): TlcValue | undefined => cfg.constants[name]
  const bad = (name: string, reason: string) => new BadConstant({ name, reason })
  const int = (name: string): bigint => {
    const v = get(name)
    if (typeof v !== "bigint") throw bad(name, "expected an integer")
    return v
  }
  const set = <T>(name: string, item: (v: TlcValue) => T | undefined): ReadonlyArray<T> => {
    const v = get(name)
    if (!Array.isArray(v)) throw bad(name, "expected a set")
    const items = (v as ReadonlyArray<TlcValue>).map((x) => {
      const t = item(x)
      if (t === undefined) throw bad(name, `unexpected element ${String(x)}`)
      return t
    })
    // TLC enumerates finite sets in its own normalised order; the counts do not depend on it.
    return items
  }
  const oneOf = <T extends string>(allowed: ReadonlyArray<T>) => (x: TlcValue): T | undefined =>
    typeof x === "string" && (allowed as ReadonlyArray<string>).includes(x) ? (x as T) : undefined
  const num = (x: TlcValue): number | undefined => (typeof x === "bigint" ? Number(x) : undefined)
  const big = (x: TlcValue): bigint | undefined => (typeof x === "bigint" ? x : undefined)
  try {
    return Result.succeed({
      MaxLane: Number(int("MaxLane")),
      SettleDelay: Number(int("SettleDelay")),
      MaxEpoch: Number(int("MaxEpoch")),
      FromFunds: int("FromFunds"),
      ChannelFunds: int("ChannelFunds"),
      Callers: set("Callers", oneOf(["From", "To", "Stranger"] as const)),
      Signers: set("Signers", oneOf(["From", "To", "Forged", "Unsigned"] as const)),
      Channels: set("Channels", oneOf(["This", "Other"] as const)),
      LaneIds: set("LaneIds", num),
      Nonces: set("Nonces", num),
      Amounts: set("Amounts", big),
      TimeLocks: set("TimeLocks", num),
      SettleHeights: set("SettleHeights", num),
      MaxMerges: Number(int("MaxMerges")),
      HashLocks: set("HashLocks", (x) => (typeof x === "boolean" ? x : undefined)),
      Secrets: set("Secrets", oneOf(["Correct", "Wrong", "TooLong"] as const)),
      Extras: set("Extras", oneOf(["None", "Passes", "Fails"] as const)),
      AddAmounts: set("AddAmounts", big)
    })
  } catch (e) {
    if (e instanceof BadConstant) return Result.fail(e)
    throw e
  }
}
