/**
 * The genesis singletons this branch adds (filecoin-project/lotus `chain/gen/genesis/` @ v1.36.2):
 * Reward f02, Cron f03, Power f04 with their constructors' states, and the Burnt Funds actor
 * f099 — an account whose address is f099 itself (`genesis.go` `MakeAccountActor(…,
 * BurntFundsActorAddr, 0)`) — which takes the funds sent to it.  All with zero balance and no
 * robust address.  The payment-channel vectors' genesis keeps only System and Init.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AccountMethod } from "../../../src/impl/actors/account/index.js"
import { BURNT_FUNDS_ACTOR_ID, CORE_SINGLETONS, genesis } from "../../../src/impl/actors/builtin.js"
import { newPowerState } from "../../../src/impl/actors/power/state.js"
import { idAddress, readAddress } from "../../../src/impl/address/address.js"
import { decodeCbor } from "../../../src/impl/encoding/cbor.js"
import { call, makeStorageChain } from "./_storage.js"

describe("genesis singletons", () => {
  it("f02, f03, f04, f099 start empty: balance 0, no robust address, nonce 0", () => {
    const vm = genesis()
    for (const id of [2n, 3n, 4n, 99n]) expect([vm.actors.get(id)?.balance, vm.actors.get(id)?.robust, vm.actors.get(id)?.sequence]).toEqual([0n, undefined, 0n])
    expect(vm.actors.get(4n)?.state).toEqual(newPowerState())
    expect(BURNT_FUNDS_ACTOR_ID).toBe(99n)
  })
  it("a chosen subset: the payment-channel vectors' genesis holds System and Init only", () => {
    expect([...genesis(undefined, { singletons: CORE_SINGLETONS }).actors.keys()]).toEqual([0n, 1n])
    expect([...genesis(undefined, { singletons: [0n, 1n, 99n] }).actors.keys()]).toEqual([0n, 1n, 99n])
  })
})

describe("the Burnt Funds actor f099", () => {
  it("is an account whose PubkeyAddress is f099 itself", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, BURNT_FUNDS_ACTOR_ID, AccountMethod.PubkeyAddress)
    expect(r.receipt.exitCode).toBe(0)
    expect(Result.getOrThrow(Result.flatMap(decodeCbor(r.receipt.return), (v) => readAddress(v, "pubkey")))).toEqual(idAddress(99n))
  })
  it("takes what is sent to it", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, BURNT_FUNDS_ACTOR_ID, 0n, new Uint8Array(), 12_345n)
    expect(r.receipt.exitCode).toBe(0)
    expect(r.vm.actors.get(99n)?.balance).toBe(12_345n)
  })
})
