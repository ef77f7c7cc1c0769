/**
 * Test helper: loads a TLC configuration of spec/tla with its recorded TLC results, and explores
 * the TypeScript model with the same bounds.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import { parseTlcConfig, type TlcConfig, tlaDefinitions } from "../../src/model/_tlcConfig.js"
import { constantsFromConfig } from "../../src/model/_PaymentChannelConstants.js"
import { constantsFromConfig as sectorPackingFromConfig } from "../../src/model/_SectorPackingConstants.js"
import { constantsFromConfig as storageMarketFromConfig } from "../../src/model/_StorageMarketConstants.js"
import type { Constants as StorageMarketConstants } from "../../src/model/StorageMarket.js"
import type { Constants as SectorPackingConstants } from "../../src/model/SectorPacking.js"
import type { Constants } from "../../src/model/PaymentChannel.js"

export interface Expected {
  readonly distinctStates: number
  readonly statesGenerated: number
  readonly depth: number
  readonly invariants: ReadonlyArray<string>
  readonly properties: ReadonlyArray<string>
  readonly workers: number
  /** For a configuration of a broken variant: the violation TLC reported, and its trace's length in states. */
  readonly violation?: { readonly kind: "invariant" | "property"; readonly name: string; readonly traceLength: number }
}

const dir = new URL("../../spec/tla/", import.meta.url)

/** Loads `spec/tla/<name>.cfg` (constants bound with `<-` resolved in its module `MC<Module>.tla`) and its recorded TLC results. */
export const loadConfig = (name: string): { cfg: TlcConfig; expected: Expected } => ({
  cfg: Result.getOrThrow(parseTlcConfig(readFileSync(new URL(`${name}.cfg`, dir), "utf8"), tlaDefinitions(readFileSync(new URL(`${name.split("_")[0]}.tla`, dir), "utf8")))),
  expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), "utf8")) as Expected
})

export const paymentChannelConstants = (name: string): Constants =>
  Result.getOrThrow(constantsFromConfig(loadConfig(name).cfg))

export const sectorPackingConstants = (name: string): SectorPackingConstants =>
  Result.getOrThrow(sectorPackingFromConfig(loadConfig(name).cfg))

export const storageMarketConstants = (name: string): StorageMarketConstants =>
  Result.getOrThrow(storageMarketFromConfig(loadConfig(name).cfg))

/** The enabling conjuncts of a TLA+ action, read from the module's text: its `/\ Name(` lines before the first primed update. */
export const tlaConjuncts = (module: string, action: string): Array<string> => {
  const tla = readFileSync(new URL(`${module}.tla`, dir), "utf8")
  const lines = tla.split("\n")
  const first = lines.findIndex((l) => new RegExp(`^${action}(\\(.*\\))? ==`).test(l))
  const rest = lines.slice(first + 1)
  const body = rest.slice(0, rest.findIndex((l) => /^\S/.test(l)))
  return body.map((l) => /^\s+\/\\ ([A-Z][A-Za-z]+)(\(|$)/.exec(l)?.[1]).filter((n): n is string => n !== undefined)
}
