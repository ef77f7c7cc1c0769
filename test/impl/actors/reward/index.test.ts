/**
 * The Reward actor (builtin-actors `actors/reward/src/lib.rs` @ v18.0.0): Constructor (1) for the
 * System actor only (18 otherwise), a nil power 16; ThisEpochReward (3) for any caller, returning
 * `[this_epoch_reward_smoothed, this_epoch_baseline_power]`; AwardBlockReward (2) and
 * UpdateNetworkKPI (4) are not run here: 22.  Expected values: reward_actor_test.rs
 * (`construct_with_zero_power`: baseline BASELINE_INITIAL_VALUE − 1) and state.rs's initial
 * estimates.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { genesis } from "../../../../src/impl/actors/builtin.js"
import { encodeRewardConstructorParams, readThisEpochRewardReturn, REWARD_ACTOR_ID, RewardMethod } from "../../../../src/impl/actors/reward/index.js"
import { BASELINE_INITIAL_VALUE } from "../../../../src/impl/actors/reward/logic.js"
import { newRewardState } from "../../../../src/impl/actors/reward/state.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { expectRejected } from "../_chain.js"
import { call, fromSystem, makeStorageChain, returned, withUnconstructed } from "../_storage.js"

const unconstructed = () => withUnconstructed(makeStorageChain().vm, REWARD_ACTOR_ID, "reward")

describe("Constructor", () => {
  it("from the System actor: the state State::new makes for the power given", () => {
    const r = fromSystem(unconstructed(), REWARD_ACTOR_ID, RewardMethod.Constructor, encodeRewardConstructorParams(1n << 39n))
    expect(r.receipt.exitCode).toBe(0)
    expect(r.vm.actors.get(REWARD_ACTOR_ID)?.state).toEqual(newRewardState(1n << 39n))
  })
  it("genesis holds the state the constructor makes for zero power (Lotus SetupRewardActor with no genesis miners)", () => {
    expect(genesis().actors.get(REWARD_ACTOR_ID)?.state).toEqual(newRewardState(0n))
  })
  it.each<[string, Uint8Array, number, string]>([
    ["a nil power", encodeRewardConstructorParams(null), 16, "PowerGiven"],
    ["params that are not a BigInt", encodeCbor("power"), 21, "MalformedParams"],
    ["no params", new Uint8Array(), 16, "ExpectsArguments"]
  ])("%s: %s, nothing changes", (_, params, exitCode, tag) => {
    const vm = unconstructed()
    const r = fromSystem(vm, REWARD_ACTOR_ID, RewardMethod.Constructor, params)
    expect({ exitCode: r.receipt.exitCode, tag: r.receipt.tag }).toEqual({ exitCode, tag })
    expect(r.vm).toEqual(vm)
  })
  it("from any other caller: 18, only the sender's nonce changes", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, REWARD_ACTOR_ID, RewardMethod.Constructor, encodeRewardConstructorParams(0n))
    expectRejected(c.vm, r, c.stranger.address, { tag: "CallerIsSystem", exitCode: 18 })
  })
})

describe("ThisEpochReward", () => {
  it("any caller: the smoothed reward estimate and this epoch's baseline power", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, REWARD_ACTOR_ID, RewardMethod.ThisEpochReward)
    expect(Result.getOrThrow(readThisEpochRewardReturn(returned(r)))).toEqual({
      thisEpochRewardSmoothed: { position: 36_266_260_308_195_979_333n << 128n, velocity: -109_897_758_509n << 128n },
      thisEpochBaselinePower: BASELINE_INITIAL_VALUE - 1n
    })
    // the return is a 2-tuple whose first element is itself a 2-tuple: 0x82 0x82 …
    expect(Array.from(r.receipt.return.slice(0, 2))).toEqual([0x82, 0x82])
  })
  it("with params: 16", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, REWARD_ACTOR_ID, RewardMethod.ThisEpochReward, encodeCbor(1))
    expectRejected(c.vm, r, c.stranger.address, { tag: "ExpectsNoArguments", exitCode: 16 })
  })
})

describe("methods left for the miner/power issue", () => {
  it.each([RewardMethod.AwardBlockReward, RewardMethod.UpdateNetworkKPI, 5n])("method %s: 22", (method) => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, REWARD_ACTOR_ID, method)
    expectRejected(c.vm, r, c.stranger.address, { tag: "UnhandledMessage", exitCode: 22 })
  })
})
