/**
 * The slower model checks (`npm run check:model`): the TypeScript explorer replays each larger TLC
 * configuration of spec/tla and must reproduce TLC's recorded counts exactly.
 */
import { describe, expect, it } from "vitest"
import { explore } from "../src/model/explore.js"
import { specification } from "../src/model/PaymentChannel.js"
import { specification as sectorPacking } from "../src/model/SectorPackingInvariants.js"
import { specification as storageMarket } from "../src/model/StorageMarket.js"
import { loadConfig, paymentChannelConstants, sectorPackingConstants, storageMarketConstants } from "./model/_checkConfigs.js"

describe("model checks (slow)", () => {
  const specs = {
    MCPaymentChannel_Large: () => explore(specification(paymentChannelConstants("MCPaymentChannel_Large"))),
    MCSectorPacking_Large: () => explore(sectorPacking(sectorPackingConstants("MCSectorPacking_Large"))),
    MCStorageMarket_Large: () => explore(storageMarket(storageMarketConstants("MCStorageMarket_Large")))
  }
  it.each(Object.keys(specs) as Array<keyof typeof specs>)("%s: the explorer reproduces TLC's counts with no violation", (name) => {
    const { expected } = loadConfig(name)
    const r = specs[name]()
    expect(r.violation).toBeUndefined()
    expect({ distinctStates: r.distinctStates, statesGenerated: r.statesGenerated, depth: r.depth })
      .toEqual({ distinctStates: expected.distinctStates, statesGenerated: expected.statesGenerated, depth: expected.depth })
  })
})
