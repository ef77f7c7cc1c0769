/**
 * Reads PaymentChannel's constants from a TLC configuration (`spec/tla/MCPaymentChannel_*.cfg`),
 * so that the TypeScript explorer and TLC run with the same bounds.
 *
 * @module
 */
import type { Result } from "effect"
import { type BadConstant, type TlcConfig, asBigInt, asBoolean, asNumber, oneOf, readConstants } from "./_tlcConfig.js"
import type { Constants } from "./PaymentChannel.js"

/**
 * PaymentChannel's constants from a parsed TLC configuration.
 *
 * @category parsing
 * @since 0.1.0
 */
export const constantsFromConfig = (cfg: TlcConfig): Result.Result<Constants, BadConstant> =>
  readConstants(cfg, ({ int, set }) => ({
    MaxLane: Number(int("MaxLane")),
    SettleDelay: Number(int("SettleDelay")),
    MaxEpoch: Number(int("MaxEpoch")),
    FromFunds: int("FromFunds"),
    ChannelFunds: int("ChannelFunds"),
    Callers: set("Callers", oneOf(["From", "To", "Stranger"] as const)),
    Signers: set("Signers", oneOf(["From", "To", "Forged", "Unsigned"] as const)),
    Channels: set("Channels", oneOf(["This", "Other"] as const)),
    LaneIds: set("LaneIds", asNumber),
    Nonces: set("Nonces", asNumber),
    Amounts: set("Amounts", asBigInt),
    TimeLocks: set("TimeLocks", asNumber),
    SettleHeights: set("SettleHeights", asNumber),
    MaxMerges: Number(int("MaxMerges")),
    HashLocks: set("HashLocks", asBoolean),
    Secrets: set("Secrets", oneOf(["Correct", "Wrong", "TooLong"] as const)),
    Extras: set("Extras", oneOf(["None", "Passes", "Fails"] as const)),
    AddAmounts: set("AddAmounts", asBigInt)
  }))
