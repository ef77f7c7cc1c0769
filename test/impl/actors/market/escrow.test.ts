import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import {
  decodeGetBalanceReturn, decodeTokenAmount, encodeAddressParam, encodeWithdrawBalanceParams
} from "../../../../src/impl/actors/market/params.js"
import { newMarketState } from "../../../../src/impl/actors/market/state.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import { balanceOf } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok } from "../_chain.js"
import { FUNDS } from "../_storage.js"
import { call, CLIENT_ID, fund, makeMarketWorld, MARKET, marketState, MINER, MINER_ID } from "./_market.js"

const { USR_ILLEGAL_ARGUMENT, USR_FORBIDDEN } = ExitCode
const w = makeMarketWorld()
const CLIENT = idAddress(CLIENT_ID)

describe("Constructor", () => {
  it("genesis holds the market at f05 with State::new (next id 0, last cron −1, empty tables)", () => {
    expect(w.vm.actors.get(5n)?.kind).toBe("storagemarket")
    expect(marketState(makeMarketWorld().vm)).toEqual(newMarketState())
    expect(newMarketState().lastCron).toBe(-1n)
  })

  it("only the System actor may construct: an account calling method 1 fails 18 CallerIsSystem, nothing changes", () => {
    const r = call(w.vm, w.stranger.address, MarketMethod.Constructor)
    expectRejected(w.vm, r, w.stranger.address, { tag: "CallerIsSystem", exitCode: USR_FORBIDDEN })
  })
})

describe("AddBalance", () => {
  it("deposits the value into the client's escrow: FIL moves from the client to f05, escrow = value", () => {
    const r = ok(call(w.vm, w.client.address, MarketMethod.AddBalance, encodeAddressParam(CLIENT), 500n))
    expect(marketState(r).escrowTable.get(CLIENT_ID)).toBe(500n)
    expect(balanceOf(r, MARKET)).toBe(500n)
    expect(balanceOf(r, CLIENT)).toBe(FUNDS - 500n)
  })

  it("for a miner, the escrow is the miner's (after asking the miner its control addresses), anyone may pay", () => {
    const r = ok(call(w.vm, w.stranger.address, MarketMethod.AddBalanceExported, encodeAddressParam(MINER), 7n))
    expect(marketState(r).escrowTable.get(MINER_ID)).toBe(7n)
  })

  it.each([
    ["value 0", encodeAddressParam(CLIENT), 0n, "AmountPositive"],
    ["an address that does not resolve", encodeAddressParam(keyFromSeed(1, "nobody").address), 5n, "PartyResolvable"],
    ["an ID address with no actor", encodeAddressParam(idAddress(9999n)), 5n, "PartyResolvable"]
  ])("%s fails 16 and changes nothing", (_, params, value, tag) => {
    const r = call(w.vm, w.client.address, MarketMethod.AddBalance, params, value)
    expectRejected(w.vm, r, w.client.address, { tag, exitCode: USR_ILLEGAL_ARGUMENT })
  })

  it("params that are not an address fail 21", () => {
    const r = call(w.vm, w.client.address, MarketMethod.AddBalance, Uint8Array.of(0x01), 5n)
    expectRejected(w.vm, r, w.client.address, { tag: "MalformedParams", exitCode: ExitCode.USR_SERIALIZATION })
  })
})

describe("WithdrawBalance", () => {
  const funded = fund(w.vm, w, 1000n, 2000n)

  it("the client withdraws what is not locked; more than that yields all of it; the return is the amount", () => {
    const r = call(funded, w.client.address, MarketMethod.WithdrawBalance, encodeWithdrawBalanceParams({ providerOrClient: CLIENT, amount: 5000n }))
    const vm = ok(r)
    expect(Result.getOrThrow(decodeTokenAmount(r.receipt.return))).toBe(1000n)
    expect(marketState(vm).escrowTable.has(CLIENT_ID)).toBe(false)
    expect(balanceOf(vm, CLIENT)).toBe(balanceOf(funded, CLIENT) + 1000n)
  })

  it("a miner's escrow goes to its owner; the owner and the worker may ask", () => {
    for (const by of [w.owner, w.worker]) {
      const before = balanceOf(funded, w.owner.address)
      const vm = ok(call(funded, by.address, MarketMethod.WithdrawBalanceExported, encodeWithdrawBalanceParams({ providerOrClient: MINER, amount: 300n })))
      expect(marketState(vm).escrowTable.get(MINER_ID)).toBe(1700n)
      expect(balanceOf(vm, w.owner.address)).toBe(before + 300n)
    }
  })

  it.each([
    ["a negative amount", () => ({ by: w.client, params: encodeWithdrawBalanceParams({ providerOrClient: CLIENT, amount: -1n }) }), "AmountNonNegative", USR_ILLEGAL_ARGUMENT],
    ["a stranger for the client", () => ({ by: w.stranger, params: encodeWithdrawBalanceParams({ providerOrClient: CLIENT, amount: 1n }) }), "CallerIsRecipient", USR_FORBIDDEN],
    ["a control address for the miner (only owner and worker)", () => ({ by: w.control, params: encodeWithdrawBalanceParams({ providerOrClient: MINER, amount: 1n }) }), "CallerIsRecipient", USR_FORBIDDEN],
    ["an address that does not resolve", () => ({ by: w.client, params: encodeWithdrawBalanceParams({ providerOrClient: keyFromSeed(1, "nobody").address, amount: 1n }) }), "PartyResolvable", USR_ILLEGAL_ARGUMENT]
  ])("%s fails and changes nothing", (_, make, tag, exitCode) => {
    const { by, params } = make()
    expectRejected(funded, call(funded, by.address, MarketMethod.WithdrawBalance, params), by.address, { tag, exitCode })
  })
})

describe("GetBalance", () => {
  it("returns [escrow, locked] of an address", () => {
    const funded = fund(w.vm, w, 1000n, 2000n)
    const r = call(funded, w.stranger.address, MarketMethod.GetBalanceExported, encodeAddressParam(w.client.address))
    ok(r)
    expect(Result.getOrThrow(decodeGetBalanceReturn(r.receipt.return))).toEqual({ balance: 1000n, locked: 0n })
  })

  it("an address that does not resolve fails 16", () => {
    const r = call(w.vm, w.stranger.address, MarketMethod.GetBalanceExported, encodeAddressParam(keyFromSeed(1, "nobody").address))
    expectRejected(w.vm, r, w.stranger.address, { tag: "PartyResolvable", exitCode: USR_ILLEGAL_ARGUMENT })
  })
})
