/**
 * Market vector cases for the exported deal queries (builtin-actors `actors/market/src/lib.rs` @
 * v18.0.0 `get_deal_*`:1046-1218; state.rs `get_proposal`:1218-1230): any caller asks about a
 * deal by id; a deal never published fails 17, one removed 32; GetDealActivation answers −1 −1
 * for a deal not yet active; GetDealSector fails 33 for one published and not activated.
 * Every query also shows 21 (params not a u64) and 16 (no params).
 *
 * @module
 */
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { encodeDealQueryParams } from "../../src/impl/actors/market/queries.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { type MarketCase, ok, rejected } from "./market-build.js"
import { active, published, timedOut } from "./market-cases-activate.js"
import { type Msg, toMarket, type MarketWorld } from "./market-world.js"

const { USR_ILLEGAL_ARGUMENT: E16, USR_NOT_FOUND: E17, USR_SERIALIZATION: E21 } = ExitCode
const E32 = 32
const E33 = 33

const QUERIES = [
  ["GetDealDataCommitment", "[piece CID, piece size]"], ["GetDealClient", "the client's id"], ["GetDealProvider", "the provider's id"],
  ["GetDealLabel", "the label (text or bytes)"], ["GetDealTerm", "[start epoch, duration]"], ["GetDealTotalPrice", "price × duration"],
  ["GetDealClientCollateral", "the client collateral"], ["GetDealProviderCollateral", "the provider collateral"], ["GetDealVerified", "false"],
  ["GetDealActivation", "[activation epoch, termination epoch]"], ["GetDealSector", "the sector number"]
] as const

type Name = (typeof QUERIES)[number][0]
const snake = (n: string): string => n.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`))
const ask = (name: Name, id: bigint) => (w: MarketWorld): Msg => toMarket(w.stranger.address, MarketMethod[`${name}Exported`], encodeDealQueryParams(id))

const casesOf = ([name, answers]: (typeof QUERIES)[number]): ReadonlyArray<MarketCase> => {
  const method = snake(name)
  const number = MarketMethod[`${name}Exported`]
  const valid: ReadonlyArray<MarketCase> = name === "GetDealSector"
    ? [{ method, name: "valid_active", expect: ok(), setup: active, step: ask(name, 0n), description: `${name} (exported ${number}) of deal 0, active in sector 1: returns 1.` },
      { method, name: "invalid_not_activated", expect: rejected(E33, "DealNotActivated"), setup: published, step: ask(name, 1n),
        description: `${name} of deal 1, published and not activated: 33 EX_DEAL_NOT_ACTIVATED (lib.rs:1212-1215).` }]
    : name === "GetDealActivation"
      ? [{ method, name: "valid_active", expect: ok(), setup: active, step: ask(name, 0n), description: `${name} (exported ${number}) of deal 0, activated at epoch 0: [0, −1].` },
        { method, name: "valid_not_activated", expect: ok(), setup: published, step: ask(name, 1n), description: `${name} of deal 1, published, not activated: [−1, −1].` }]
      : [{ method, name: "valid_published", expect: ok(), setup: published, step: ask(name, 0n), description: `${name} (exported ${number}, any caller) of deal 0: ${answers}.` }]
  return [
    ...valid,
    { method, name: "invalid_not_published", expect: rejected(E17, "NoSuchDeal"), setup: published, step: ask(name, 7n),
      description: `${name} of deal 7, never published (7 ≥ next id 2): 17 USR_NOT_FOUND.` },
    { method, name: "invalid_expired", expect: rejected(E32, "DealExpired"), setup: timedOut, step: ask(name, 0n),
      description: `${name} of deal 0, published and since removed (timed out): 32 EX_DEAL_EXPIRED.` },
    { method, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: published,
      step: (w) => toMarket(w.stranger.address, number, encodeCbor(-1n)), description: `${name} of deal −1: the params are not a u64: 21.` },
    { method, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: published,
      step: (w) => toMarket(w.stranger.address, number), description: `${name} with no params: 16.` }
  ]
}

/** The deal queries' cases. */
export const queryCases: ReadonlyArray<MarketCase> = QUERIES.flatMap(casesOf)
