/**
 * Reads SectorPacking's constants from a TLC configuration (`spec/tla/MCSectorPacking_*.cfg`).
 *
 * @module
 */
import type { Result } from "effect"
import { type BadConstant, type TlcConfig, asNumber, readConstants } from "./_tlcConfig.js"
import type { Constants } from "./SectorPacking.js"

/**
 * SectorPacking's constants from a parsed TLC configuration.
 *
 * @category parsing
 * @since 0.1.0
 */
export const constantsFromConfig = (cfg: TlcConfig): Result.Result<Constants, BadConstant> =>
  readConstants(cfg, ({ int, set }) => ({
    Sectors: set("Sectors", asNumber),
    SectorSize: Number(int("SectorSize")),
    DealsOfSize1: set("DealsOfSize1", asNumber),
    DealsOfSize2: set("DealsOfSize2", asNumber),
    DealsOfSize4: set("DealsOfSize4", asNumber),
    DealsOfSize8: set("DealsOfSize8", asNumber)
  }))
