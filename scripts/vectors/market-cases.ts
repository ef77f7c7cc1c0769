/**
 * Every market vector case (`vectors/market/<method>/<case>.json`), in a fixed order.
 *
 * @module
 */
import type { MarketCase } from "./market-build.js"
import { escrowCases } from "./market-cases-escrow.js"
import { publishCases } from "./market-cases-publish.js"
import { activateTerminateCases } from "./market-cases-activate.js"
import { paymentCases } from "./market-cases-settle.js"
import { queryCases } from "./market-cases-queries.js"

/** Every market case. */
export const marketCases: ReadonlyArray<MarketCase> = [...escrowCases, ...publishCases, ...activateTerminateCases, ...paymentCases, ...queryCases]
