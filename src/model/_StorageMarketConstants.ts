/**
 * Reads StorageMarket's constants from a TLC configuration (`spec/tla/MCStorageMarket_*.cfg`), so
 * that the TypeScript explorer and TLC run with the same bounds.
 *
 * @module
 */
import type { Result } from "effect"
import { type BadConstant, type TlcConfig, asBigInt, asNumber, oneOf, readConstants } from "./_tlcConfig.js"
import type { Constants } from "./StorageMarketActions.js"
import { type Mutant, Mutants } from "./StorageMarketMutants.js"

const MUTANTS: ReadonlyArray<Mutant> = ["None", ...(Object.keys(Mutants) as Array<keyof typeof Mutants>)]

/**
 * StorageMarket's constants from a parsed TLC configuration.  `Accounts` must be
 * `{"Client", "Provider", "Market", "Burnt"}` (the module assumes it).
 *
 * @category parsing
 * @since 0.3.0
 */
export const constantsFromConfig = (cfg: TlcConfig): Result.Result<Constants, BadConstant> =>
  readConstants(cfg, ({ int, set, one }) => {
    const accounts = [...set("Accounts", oneOf(["Client", "Provider", "Market", "Burnt"] as const))].sort()
    if (accounts.join() !== "Burnt,Client,Market,Provider") set("Accounts", () => undefined)
    return {
      MaxEpoch: Number(int("MaxEpoch")),
      ClientFunds: int("ClientFunds"),
      ProviderFunds: int("ProviderFunds"),
      Pieces: set("Pieces", oneOf(["P1", "P2"] as const)),
      ProofPieces: set("ProofPieces", oneOf(["P1", "P2"] as const)),
      Starts: set("Starts", asNumber),
      Ends: set("Ends", asNumber),
      Prices: set("Prices", asBigInt),
      ClientCollaterals: set("ClientCollaterals", asBigInt),
      ProviderCollaterals: set("ProviderCollaterals", asBigInt),
      Sectors: set("Sectors", asNumber),
      MaxDeals: Number(int("MaxDeals")),
      Callers: set("Callers", oneOf(["Client", "Provider", "OtherMiner"] as const)),
      Signatures: set("Signatures", oneOf(["Client", "Forged"] as const)),
      Forms: set("Forms", oneOf(["Valid", "Malformed"] as const)),
      VoucherAmounts: set("VoucherAmounts", asBigInt),
      VoucherSigners: set("VoucherSigners", oneOf(["Client", "Forged"] as const)),
      AddAmounts: set("AddAmounts", asBigInt),
      WithdrawAmounts: set("WithdrawAmounts", asBigInt),
      Mutant: one("Mutant", oneOf(MUTANTS))
    }
  })
