import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { paymentChannelScenario } from "../../src/cli/scenario.js"

describe("the main job: the narrated payment-channel scenario", () => {
  const r = paymentChannelScenario()
  it("runs to the end with the chain and the model agreeing at every step", () => {
    expect(Result.isSuccess(r) ? "ok" : r.failure).toBe("ok")
  })
  it("ends with the payouts the protocol prescribes", () => {
    const lines = Result.isSuccess(r) ? r.success.join("\n") : ""
    // Hand derivation: the provider redeems 2, then 1 (lane 1), then 4 merging lane 1 (+1), then 5
    // on lane 0 (+1): to-send 5 FIL. Collect pays it to the provider (1 + 5 = 6 FIL); the client gets
    // 10 − 5 = 5 FIL back (90 + 5 = 95 FIL).
    expect(lines).toContain("Final: client 95 FIL, provider 6 FIL, channel 0 FIL, to-send 0 FIL; channel exists: false.")
    expect(lines).toMatch(/rejected, exit 16 USR_ILLEGAL_ARGUMENT, tag LaneNonceFresh/)
    // settlingAt = 100 + SETTLE_DELAY (1440 epochs, builtin-actors paych types.rs)
    expect(lines).toContain("before epoch 1540")
  })
})
