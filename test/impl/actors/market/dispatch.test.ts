import { describe, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { encodeAddressParam } from "../../../../src/impl/actors/market/params.js"
import { frc42MethodNumber } from "../../../../src/impl/actors/frc42.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import { expectRejected } from "../_chain.js"
import { call, makeMarketWorld } from "./_market.js"

const w = makeMarketWorld()

// builtin-actors runtime/src/dispatch.rs @ v18.0.0: params missing → 16, undecodable → 21, params
// to a method that takes none → 16, an unknown method → 22 (the market has no fallback).
describe("market dispatch", () => {
  it.each([
    ["AddBalance without params", MarketMethod.AddBalance, undefined, "ExpectsArguments", ExitCode.USR_ILLEGAL_ARGUMENT],
    ["PublishStorageDeals with params that are not CBOR", MarketMethod.PublishStorageDeals, Uint8Array.of(0xff), "MalformedParams", ExitCode.USR_SERIALIZATION],
    ["SettleDealPayments with a bitfield not minimally encoded (trailing zero byte)", MarketMethod.SettleDealPaymentsExported, encodeCbor(Uint8Array.of(0x0c, 0x00)), "MalformedParams", ExitCode.USR_SERIALIZATION],
    ["CronTick with params", MarketMethod.CronTick, encodeCbor(1n), "ExpectsNoArguments", ExitCode.USR_ILLEGAL_ARGUMENT],
    ["method 8 (ComputeDataCommitment, deprecated)", 8n, encodeAddressParam(w.client.address), "UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE],
    ["SectorContentChanged (not ported)", frc42MethodNumber("SectorContentChanged"), encodeCbor(0n), "UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE]
  ])("%s fails and changes nothing", (_, method, params, tag, exitCode) => {
    expectRejected(w.vm, call(w.vm, w.stranger.address, method, params), w.stranger.address, { tag, exitCode })
  })
})
