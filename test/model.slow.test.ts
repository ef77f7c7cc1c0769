/**
 * The slower model checks (`npm run check:model`): the TypeScript explorer replays each larger TLC
 * configuration of spec/tla and must reproduce TLC's recorded counts exactly.
 */
import { describe, expect, it } from "vitest"
import { explore } from "../src/model/explore.js"
import { specification } from "../src/model/PaymentChannel.js"
import { loadConfig, paymentChannelConstants } from "./model/_checkConfigs.js"

describe("model checks (slow)", () => {
  it.each(["MCPaymentChannel_Large"])("%s: the explorer reproduces TLC's counts with no violation", (name) => {
    const { expected } = loadConfig(name)
    const r = explore(specification(paymentChannelConstants(name)))
    expect(r.violation).toBeUndefined()
    expect({ distinctStates: r.distinctStates, statesGenerated: r.statesGenerated, depth: r.depth })
      .toEqual({ distinctStates: expected.distinctStates, statesGenerated: expected.statesGenerated, depth: expected.depth })
  })
})
