/**
 * The Cron actor (builtin-actors `actors/cron/src/lib.rs` @ v18.0.0) and the chain's implicit
 * cron message (lotus `chain/consensus/compute_state.go` @ v1.36.2, `runCron`): Constructor and
 * EpochTick for the System actor only (18 otherwise); EpochTick sends every entry in order with
 * no params and no value, and an entry that fails — no such actor, no such method, a failing
 * method — is ignored (lib.rs:59-70 logs it), the tick still succeeding.  At genesis the entries
 * are power OnEpochTickEnd (f04, 5) then market CronTick (f05, 9) (go-state-types
 * `builtin/v9/cron` `BuiltInEntries`); power's method is not run yet (22), and at genesis the
 * market's CronTick has no deals to process, so the tick only moves the market's last cron epoch.
 *
 * A Counter test actor, placed beside the builtin ones, shows the entries are called: each call
 * of its method 2 adds one; its method 3 fails 16 after writing (the write is undone).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CORE_SINGLETONS, genesis } from "../../../../src/impl/actors/builtin.js"
import { BUILTIN_CRON_ENTRIES, CRON_ACTOR_ID, CronMethod, type CronEntry, encodeCronConstructorParams } from "../../../../src/impl/actors/cron/index.js"
import { actorDispatch, actorError, noParams } from "../../../../src/impl/actors/dispatch.js"
import { erase } from "../../../../src/impl/actors/erase.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import type { ActorCode, VmState } from "../../../../src/impl/vm/interface.js"
import { withActor } from "../../../../src/impl/vm/state.js"
import { advanceEpoch, applyImplicitMessage, cronMessage, cronTick, CronFailed, EpochNotAhead } from "../../../../src/impl/vm/tick.js"
import { expectRejected } from "../_chain.js"
import { chainWithActors } from "../../vm/_testChain.js"
import { call, fromSystem, makeStorageChain, withUnconstructed } from "../_storage.js"
import type { MarketState } from "../../../../src/impl/actors/market/state.js"

const COUNTER = 200n
const Counter: ActorCode<bigint> = actorDispatch<bigint>("counter", [
  [2n, noParams(function* (rt) {
    return Result.map(rt.transaction((n) => Result.succeed(n + 1n)), () => ({}))
  })],
  [3n, noParams(function* (rt) {
    const written = rt.transaction((n) => Result.succeed(n + 100n))
    return Result.flatMap(written, () => Result.fail(actorError("CounterFails", 16, "fails after writing")))
  })]
])
const alice = keyFromSeed(1, "cron alice")

/** A chain whose cron table is `entries`, with the Counter at f0200 (count 0). */
const chainWithCron = (entries: ReadonlyArray<CronEntry>): VmState => {
  const vm = chainWithActors([erase(Counter)], alice.address, [{ id: COUNTER, kind: "counter", state: 0n }])
  return withActor(vm, CRON_ACTOR_ID, { ...vm.actors.get(CRON_ACTOR_ID)!, state: { entries } })
}
const count = (vm: VmState) => vm.actors.get(COUNTER)!.state as bigint
const inc = { receiver: idAddress(COUNTER), methodNum: 2n }

describe("Constructor", () => {
  it("from the System actor: the entries given", () => {
    const entries = [inc, { receiver: idAddress(4n), methodNum: 5n }]
    const r = fromSystem(withUnconstructed(makeStorageChain().vm, CRON_ACTOR_ID, "cron"), CRON_ACTOR_ID, CronMethod.Constructor, encodeCronConstructorParams(entries))
    expect(r.receipt.exitCode).toBe(0)
    expect(r.vm.actors.get(CRON_ACTOR_ID)?.state).toEqual({ entries })
  })
  it("params: [[[receiver, method], …]] (a one-field tuple holding the list)", () => {
    // 0x81 array(1), 0x81 array(1), 0x82 array(2), 0x42 0x00 0x04 = f04, 0x05
    expect(Array.from(encodeCronConstructorParams([{ receiver: idAddress(4n), methodNum: 5n }]))).toEqual([0x81, 0x81, 0x82, 0x42, 0x00, 0x04, 0x05])
  })
  it.each<[string, Uint8Array, number, string]>([
    ["entries that are not a list", encodeCbor([7]), 21, "MalformedParams"],
    ["no params", new Uint8Array(), 16, "ExpectsArguments"]
  ])("%s: %s, nothing changes", (_, params, exitCode, tag) => {
    const vm = withUnconstructed(makeStorageChain().vm, CRON_ACTOR_ID, "cron")
    const r = fromSystem(vm, CRON_ACTOR_ID, CronMethod.Constructor, params)
    expect([r.receipt.exitCode, r.receipt.tag]).toEqual([exitCode, tag])
    expect(r.vm).toEqual(vm)
  })
  it("from another caller: 18", () => {
    const c = makeStorageChain()
    expectRejected(c.vm, call(c.vm, c.owner.address, CRON_ACTOR_ID, CronMethod.Constructor, encodeCronConstructorParams([])), c.owner.address, { tag: "CallerIsSystem", exitCode: 18 })
  })
})

describe("EpochTick", () => {
  it("genesis has the built-in entries: power OnEpochTickEnd (f04, 5), then market CronTick (f05, 9)", () => {
    expect(genesis().actors.get(CRON_ACTOR_ID)?.state).toEqual({ entries: BUILTIN_CRON_ENTRIES })
    expect(BUILTIN_CRON_ENTRIES).toEqual([{ receiver: idAddress(4n), methodNum: 5n }, { receiver: idAddress(5n), methodNum: 9n }])
  })
  it("sends each entry in order; failing entries (no actor, no method, a failing method) are ignored and undone", () => {
    const vm = chainWithCron([inc, { receiver: idAddress(999n), methodNum: 2n }, { receiver: idAddress(COUNTER), methodNum: 7n }, { receiver: idAddress(COUNTER), methodNum: 3n }, inc])
    const r = fromSystem(vm, CRON_ACTOR_ID, CronMethod.EpochTick)
    expect(r.receipt.exitCode).toBe(0)
    // two increments; method 3's +100 is undone with its failure
    expect(count(r.vm)).toBe(2n)
  })
  it("from another caller: 18", () => {
    const vm = chainWithCron([inc])
    expectRejected(vm, call(vm, alice.address, CRON_ACTOR_ID, CronMethod.EpochTick), alice.address, { tag: "CallerIsSystem", exitCode: 18 })
  })
  it("with params: 16", () => {
    const vm = chainWithCron([inc])
    const r = fromSystem(vm, CRON_ACTOR_ID, CronMethod.EpochTick, encodeCbor(1))
    expect([r.receipt.exitCode, r.receipt.tag]).toEqual([16, "ExpectsNoArguments"])
    expect(r.vm).toEqual(vm)
  })
  it("at genesis: power's OnEpochTickEnd fails 22 (ignored); the market f05's CronTick only records the epoch as its last cron", () => {
    const c = makeStorageChain()
    const r = cronTick(c.vm)
    const market = c.vm.actors.get(5n)!
    const expected = { ...c.vm, actors: new Map(c.vm.actors).set(5n, { ...market, state: { ...(market.state as MarketState), lastCron: 0n } }) }
    expect(Result.isSuccess(r) ? r.success : undefined).toEqual(expected)
  })
})

describe("the implicit cron message (Lotus ApplyBlocks runCron)", () => {
  it("is f00 → f03, method 2, nonce = the epoch, no value, no params", () => {
    expect(cronMessage(42n)).toEqual({ from: idAddress(0n), to: idAddress(3n), nonce: 42n, value: 0n, method: 2n, params: new Uint8Array() })
  })
  it("cronTick runs the state's epoch's tick; the System actor's nonce does not move", () => {
    const vm = chainWithCron([inc])
    const r = Result.getOrThrow(cronTick(vm))
    expect(count(r)).toBe(1n)
    expect(r.actors.get(0n)?.sequence).toBe(0n)
    expect(r.epoch).toBe(vm.epoch)
  })
  it("advanceEpoch ticks once for every epoch it ends, skipped (null) rounds included, then moves the clock", () => {
    const vm = chainWithCron([inc])
    const r = Result.getOrThrow(advanceEpoch(vm, vm.epoch + 3n))
    expect([count(r), r.epoch]).toEqual([3n, vm.epoch + 3n])
    expect(count(Result.getOrThrow(advanceEpoch(vm)))).toBe(1n)
  })
  it("an implicit message from an actor that does not exist: 1 (SYS_SENDER_INVALID), nothing changes", () => {
    const vm = chainWithCron([inc])
    const r = applyImplicitMessage(vm, { ...cronMessage(0n), from: idAddress(999n) })
    expect(r.receipt.exitCode).toBe(1)
    expect(r.vm).toEqual(vm)
  })
  it("advanceEpoch to the same or an earlier epoch: EpochNotAhead, no tick", () => {
    const vm = chainWithCron([inc])
    for (const to of [vm.epoch, vm.epoch - 1n]) {
      const r = advanceEpoch(vm, to)
      expect(Result.isFailure(r) ? r.failure : undefined).toBeInstanceOf(EpochNotAhead)
    }
  })
  it("a failed tick on the way stops advanceEpoch with CronFailed", () => {
    const r = advanceEpoch(genesis(undefined, { singletons: CORE_SINGLETONS }), 5n)
    expect(Result.isFailure(r) ? r.failure : undefined).toBeInstanceOf(CronFailed)
  })
  it("a chain with no cron actor cannot end an epoch: CronFailed, exit code 5 (the receiver does not exist)", () => {
    const r = cronTick(genesis(undefined, { singletons: CORE_SINGLETONS }))
    expect(Result.isFailure(r) ? r.failure : undefined).toBeInstanceOf(CronFailed)
    expect(Result.isFailure(r) ? [r.failure.epoch, r.failure.exitCode] : undefined).toEqual([0n, 5])
  })
})
