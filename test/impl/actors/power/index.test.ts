/**
 * The Storage Power actor (builtin-actors `actors/power/src/lib.rs` @ v18.0.0): Constructor (1)
 * for the System actor only; CreateMiner (2 and its FRC-42 number) for any caller, creating the
 * miner through Init.Exec with the value sent, then a zero claim and miner_count + 1, returning
 * `[id_address, robust_address]`; CurrentTotalPower (9) returning the six-field v18 tuple;
 * everything else 22 (the miner/power issue's).  A CreateMiner that fails anywhere — in its
 * params, in Init, in the miner's constructor — changes nothing but the sender's nonce.
 *
 * Expected values by hand: the first miner is f0104 (the four parties take f0100–f0103); the
 * smoothed QA power starts at 750 000 GiB growing 3 840 GiB per epoch (state.rs constants, Q.128).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { codeCid } from "../../../../src/impl/actors/init/index.js"
import { frc42MethodNumber } from "../../../../src/impl/actors/frc42.js"
import { POWER_ACTOR_ID, PowerMethod } from "../../../../src/impl/actors/power/index.js"
import { newPowerState, type PowerState } from "../../../../src/impl/actors/power/state.js"
import { encodeCreateMinerParams, readCurrentTotalPowerReturn } from "../../../../src/impl/actors/power/types.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { resolveAddress } from "../../../../src/impl/vm/vm.js"
import { expectRejected } from "../_chain.js"
import { call, createdMiner, createMiner, createMinerParams, fromSystem, makeStorageChain, MINER_ID, returned, withUnconstructed } from "../_storage.js"

const FIL = 10n ** 18n
const powerState = (vm: { actors: ReadonlyMap<bigint, { state: unknown }> }) => vm.actors.get(POWER_ACTOR_ID)!.state as PowerState

describe("Constructor", () => {
  it("from the System actor: every total zero, the initial QA power estimate, no claims", () => {
    const r = fromSystem(withUnconstructed(makeStorageChain().vm, POWER_ACTOR_ID, "storagepower"), POWER_ACTOR_ID, PowerMethod.Constructor)
    expect(r.receipt.exitCode).toBe(0)
    const st = powerState(r.vm)
    expect(st.thisEpochQaPowerSmoothed).toEqual({ position: (750_000n << 30n) << 128n, velocity: (3_840n << 30n) << 128n })
    expect([st.minerCount, st.totalRawBytePower, st.thisEpochRawBytePower, st.rampStartEpoch, st.rampDurationEpochs, st.claims.size]).toEqual([0n, 0n, 0n, 0n, 0n, 0])
  })
  it("from another caller: 18", () => {
    const c = makeStorageChain()
    expectRejected(c.vm, call(c.vm, c.owner.address, POWER_ACTOR_ID, PowerMethod.Constructor), c.owner.address, { tag: "CallerIsSystem", exitCode: 18 })
  })
  it("with params: 16", () => {
    const vm = withUnconstructed(makeStorageChain().vm, POWER_ACTOR_ID, "storagepower")
    const r = fromSystem(vm, POWER_ACTOR_ID, PowerMethod.Constructor, encodeCbor(0))
    expect([r.receipt.exitCode, r.receipt.tag]).toEqual([16, "ExpectsNoArguments"])
    expect(r.vm).toEqual(vm)
  })
})

describe("CreateMiner", () => {
  it("creates a storageminer at the next id with the value sent, claims zero power for it, counts it", () => {
    const c = makeStorageChain()
    const r = createMiner(c.vm, c.owner.address, createMinerParams(c), 10n * FIL)
    const made = createdMiner(r)
    expect(made.idAddress).toEqual(idAddress(MINER_ID))
    expect(made.robustAddress.protocol).toBe(2)
    expect(resolveAddress(r.vm, made.robustAddress)).toBe(MINER_ID)
    const miner = r.vm.actors.get(MINER_ID)!
    expect([miner.kind, miner.balance]).toEqual(["storageminer", 10n * FIL])
    const st = powerState(r.vm)
    expect(st.minerCount).toBe(1n)
    // the 2 KiB consensus minimum is positive: the miner is not counted above it
    expect(st.minerAboveMinPowerCount).toBe(0n)
    expect([...st.claims]).toEqual([[MINER_ID, { windowPoStProofType: 10n, rawBytePower: 0n, qualityAdjPower: 0n }]])
    // CreateMinerReturn: array(2), bytes(2) f0104 = 0x00 0x68, bytes(21) the f2 address
    expect(Array.from(r.receipt.return.slice(0, 5))).toEqual([0x82, 0x42, 0x00, 0x68, 0x55])
  })
  it("by its FRC-42 number too; a second miner gets the next id and a second claim", () => {
    const c = makeStorageChain()
    expect(PowerMethod.CreateMinerExported).toBe(frc42MethodNumber("CreateMiner"))
    const first = createMiner(c.vm, c.owner.address, createMinerParams(c), 10n * FIL, PowerMethod.CreateMinerExported)
    const second = createMiner(first.vm, c.stranger.address, createMinerParams(c), 10n * FIL)
    expect(createdMiner(second).idAddress).toEqual(idAddress(MINER_ID + 1n))
    expect(powerState(second.vm).minerCount).toBe(2n)
    expect([...powerState(second.vm).claims.keys()]).toEqual([MINER_ID, MINER_ID + 1n])
  })
  it.each<[string, (c: ReturnType<typeof makeStorageChain>) => { params: Uint8Array; value: bigint }, number, string]>([
    ["no params", () => ({ params: new Uint8Array(), value: 10n * FIL }), 16, "ExpectsArguments"],
    ["params that do not decode", () => ({ params: encodeCbor([1, 2]), value: 10n * FIL }), 21, "MalformedParams"],
    ["a PoSt proof type that does not exist (the miner's constructor: 16)", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c, { windowPoStProofType: 99n })), value: 10n * FIL }), 16, "PoStProofTypeValid"],
    ["a winning PoSt type, not a window one", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c, { windowPoStProofType: 0n })), value: 10n * FIL }), 16, "PoStProofTypeValid"],
    ["a value below the create-miner deposit (19)", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c)), value: 29_103_830n * 204n - 1n }), 19, "DepositCovered"],
    ["a secp256k1 worker (16)", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c, { worker: c.control.address })), value: 10n * FIL }), 16, "WorkerKeyIsBls"],
    ["an owner key never seen on chain (16)", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c, { owner: keyFromSeed(1, "nobody").address })), value: 10n * FIL }), 16, "OwnerResolves"],
    ["a worker that is the power actor (16)", (c) => ({ params: encodeCreateMinerParams(createMinerParams(c, { worker: idAddress(4n) })), value: 10n * FIL }), 16, "WorkerIsAccount"]
  ])("%s: nothing changes but the nonce", (_, make, exitCode, tag) => {
    const c = makeStorageChain()
    const { params, value } = make(c)
    const sent = call(c.vm, c.owner.address, POWER_ACTOR_ID, PowerMethod.CreateMiner, params, value)
    expectRejected(c.vm, sent, c.owner.address, { tag, exitCode })
  })
  it("exactly the deposit is enough (hand derivation: the cap ⌊10^18 / 2^35⌋ × 204 bytes binds on this chain)", () => {
    const c = makeStorageChain()
    const r = createMiner(c.vm, c.owner.address, createMinerParams(c), 29_103_830n * 204n)
    expect(createdMiner(r).idAddress).toEqual(idAddress(MINER_ID))
  })
  it("the Init actor creates a miner only for the power actor (Init's can_exec): an account asking Init directly gets 18", () => {
    const c = makeStorageChain()
    const exec = encodeCbor([codeCid("storageminer"), new Uint8Array()])
    expectRejected(c.vm, call(c.vm, c.owner.address, 1n, 2n, exec), c.owner.address, { tag: "CallerMayExec", exitCode: 18 })
  })
})

describe("CurrentTotalPower", () => {
  it("any caller: zero power and pledge, the smoothed estimate, ramp 0/0 (v18's six fields)", () => {
    const c = makeStorageChain()
    const r = call(c.vm, c.stranger.address, POWER_ACTOR_ID, PowerMethod.CurrentTotalPower)
    expect(Result.getOrThrow(readCurrentTotalPowerReturn(returned(r)))).toEqual({
      rawBytePower: 0n, qualityAdjPower: 0n, pledgeCollateral: 0n,
      qualityAdjPowerSmoothed: { position: (750_000n << 30n) << 128n, velocity: (3_840n << 30n) << 128n },
      rampStartEpoch: 0n, rampDurationEpochs: 0n
    })
    expect(r.receipt.return[0]).toBe(0x86)
    expect(powerState(r.vm)).toEqual(newPowerState())
  })
  it("with params: 16", () => {
    const c = makeStorageChain()
    expectRejected(c.vm, call(c.vm, c.stranger.address, POWER_ACTOR_ID, PowerMethod.CurrentTotalPower, encodeCbor(0)), c.stranger.address, { tag: "ExpectsNoArguments", exitCode: 16 })
  })
})

describe("methods left for the miner/power issue", () => {
  it.each([PowerMethod.UpdateClaimedPower, PowerMethod.EnrollCronEvent, PowerMethod.OnEpochTickEnd, PowerMethod.UpdatePledgeTotal, frc42MethodNumber("MinerCount")])("method %s: 22", (method) => {
    const c = makeStorageChain()
    expectRejected(c.vm, call(c.vm, c.stranger.address, POWER_ACTOR_ID, method), c.stranger.address, { tag: "UnhandledMessage", exitCode: 22 })
  })
})

