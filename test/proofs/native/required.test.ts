/**
 * In CI the native binding must have built: elsewhere a missing addon only means the pure
 * TypeScript path is used, but CI must not let the native tests skip quietly.
 */
import { describe, expect, it } from "vitest"
import { loadNative, nativeUnavailableReason } from "../../../src/proofs/native/index.js"

const noNative = process.env.FILFLOW_NO_NATIVE !== undefined && process.env.FILFLOW_NO_NATIVE !== "" && process.env.FILFLOW_NO_NATIVE !== "0"

describe("native binding in CI", () => {
  it.runIf(process.env.CI === "true" && !noNative)("is built and loads", () => {
    expect(loadNative() !== undefined ? "loaded" : nativeUnavailableReason()).toBe("loaded")
  })
})
