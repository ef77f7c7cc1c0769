/**
 * Test helper: loads a TLC configuration of spec/tla with its recorded TLC results, and explores
 * the TypeScript model with the same bounds.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { parseTlcConfig, type TlcConfig } from "../../src/model/_tlcConfig.js"
import { constantsFromConfig } from "../../src/model/_PaymentChannelConstants.js"
import type { Constants } from "../../src/model/PaymentChannel.js"

export interface Expected {
  readonly distinctStates: number
  readonly statesGenerated: number
  readonly depth: number
  readonly invariants: ReadonlyArray<string>
  readonly properties: ReadonlyArray<string>
  readonly workers: number
}

const dir = new URL("../../spec/tla/", import.meta.url)

export const loadConfig = (name: string): { cfg: TlcConfig; expected: Expected } => ({
  cfg: Result.getOrThrow(parseTlcConfig(readFileSync(new URL(`${name}.cfg`, dir), "utf8"))),
  expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as Expected
})

export const paymentChannelConstants = (name: string): Constants =>
  Result.getOrThrow(constantsFromConfig(loadConfig(name).cfg))
