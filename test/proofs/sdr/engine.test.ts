/**
 * The engine choice: `FILFLOW_NO_NATIVE=1` gives the TypeScript engine; otherwise the native
 * engine when the binding provides one (nativeEngine.ts), else the TypeScript engine.  The
 * native engine's byte-equality with tsEngine is tested by its owner (helper `native`).
 */
import { afterEach, describe, expect, it } from "vitest"
import { defaultEngine, tsEngine } from "../../../src/proofs/sdr/engine.js"
import { nativeSealEngine } from "../../../src/proofs/sdr/nativeEngine.js"

describe("defaultEngine", () => {
  const saved = process.env["FILFLOW_NO_NATIVE"]
  afterEach(() => {
    if (saved === undefined) delete process.env["FILFLOW_NO_NATIVE"]
    else process.env["FILFLOW_NO_NATIVE"] = saved
  })

  it("FILFLOW_NO_NATIVE=1 forces the TypeScript engine", () => {
    process.env["FILFLOW_NO_NATIVE"] = "1"
    expect(defaultEngine()).toBe(tsEngine)
  })

  it("without it: the native engine if there is one, else TypeScript", () => {
    delete process.env["FILFLOW_NO_NATIVE"]
    expect(defaultEngine()).toBe(nativeSealEngine() ?? tsEngine)
  })
})
