/**
 * Reads PaymentChannel's constants from a TLC configuration (`spec/tla/MCPaymentChannel_*.cfg`),
 * so that the TypeScript explorer and TLC run with the same bounds.
 *
 * @module
 */
import type { Result } from "effect"
import { type BadConstant, type TlcConfig, asBigInt, asBoolean, asNumber, oneOf, readConstants } from "./_tlcConfig.js"
import { type Constants, type Mutant, Mutants } from "./PaymentChannel.js"

const MUTANTS: ReadonlyArray<Mutant> = ["None", ...(Object.keys(Mutants) as Array<keyof typeof Mutants>)]

/**
 * PaymentChannel's constants from a parsed TLC configuration.  `Accounts` must be Chain's
 * `{"From", "To", "Channel"}` (the module assumes it).
 *
 * @category parsing
 * @since 0.1.0
 */
export const constantsFromConfig = (cfg: TlcConfig): Result.Result<Constants, BadConstant> =>
  readConstants(cfg, ({ int, set, one }) => {
    const accounts = [...set("Accounts", oneOf(["From", "To", "Channel"] as const))].sort()
    if (accounts.join() !== "Channel,From,To") set("Accounts", () => undefined)
    return {
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
      AddAmounts: set("AddAmounts", asBigInt),
      Mutant: one("Mutant", oneOf(MUTANTS))
    }
  })
