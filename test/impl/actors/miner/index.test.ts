/**
 * The miner actor on the chain, created by Power.CreateMiner (builtin-actors
 * `actors/miner/src/lib.rs` @ v18.0.0): ControlAddresses (2) and the FRC-42 exported
 * IsControllingAddress for any caller; ChangeWorkerAddress (3 and its FRC-42 number) for the
 * owner; the constructor only for Init; every method not run here 22.  Failed calls change
 * nothing but the sender's nonce.  Ids by hand: owner f0100, worker f0101 (BLS), control f0102,
 * stranger f0103, the miner f0104.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { frc42MethodNumber } from "../../../../src/impl/actors/frc42.js"
import { MinerMethod, WORKER_KEY_CHANGE_DELAY } from "../../../../src/impl/actors/miner/index.js"
import type { MinerState } from "../../../../src/impl/actors/miner/state.js"
import {
  encodeChangeWorkerAddressParams, encodeIsControllingAddressParam, encodeMinerConstructorParams, readGetControlAddressesReturn
} from "../../../../src/impl/actors/miner/types.js"
import { addressToBytes, idAddress } from "../../../../src/impl/address/address.js"
import type { Address } from "../../../../src/impl/address/interface.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { atEpoch, createAccount } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok } from "../_chain.js"
import {
  call, CONTROL_ID, createdMiner, createMiner, createMinerParams, FUNDS, makeStorageChain, MINER_ID, OWNER_ID, returned, STRANGER_ID, type StorageChain, WORKER_ID
} from "../_storage.js"

const FIL = 10n ** 18n

/** The chain with a miner at f0104 (owner f0100, worker f0101). */
const withMiner = (): StorageChain => {
  const c = makeStorageChain()
  const r = createMiner(c.vm, c.owner.address, createMinerParams(c), 10n * FIL)
  createdMiner(r)
  return { ...c, vm: r.vm }
}
const minerState = (vm: VmState) => vm.actors.get(MINER_ID)!.state as MinerState
const isControlling = (vm: VmState, from: Address, who: Address) =>
  returned(call(vm, from, MINER_ID, MinerMethod.IsControllingAddressExported, encodeIsControllingAddressParam(who)))
const changeWorker = (vm: VmState, from: Address, newWorker: Address, controls: ReadonlyArray<Address>, method: bigint = MinerMethod.ChangeWorkerAddress) =>
  call(vm, from, MINER_ID, method, encodeChangeWorkerAddressParams({ newWorker, newControlAddresses: controls }))

describe("the miner CreateMiner made", () => {
  it("holds the owner, the worker, no controls, 2 KiB sectors, and the deposit locked (hand derivation: ⌊10^18 / 2^35⌋ × 204)", () => {
    const c = withMiner()
    const st = minerState(c.vm)
    expect([st.info.owner, st.info.worker, st.info.controlAddresses, st.info.sectorSize, st.info.windowPoStPartitionSectors]).toEqual([OWNER_ID, WORKER_ID, [], 2048n, 2n])
    expect(new TextDecoder().decode(st.info.peerId)).toBe("peer")
    expect(st.lockedFunds).toBe(29_103_830n * 204n)
    expect(c.vm.actors.get(MINER_ID)!.balance).toBe(10n * FIL)
    expect(c.vm.actors.get(OWNER_ID)!.balance).toBe(FUNDS - 10n * FIL)
  })
  it("its constructor is for Init only: an account calling method 1 gets 18", () => {
    const c = withMiner()
    const params = encodeMinerConstructorParams({ owner: c.owner.address, worker: c.worker.address, controlAddresses: [], windowPoStProofType: 10n, peerId: new Uint8Array(), multiaddrs: [] })
    expectRejected(c.vm, call(c.vm, c.owner.address, MINER_ID, MinerMethod.Constructor, params), c.owner.address, { tag: "CallerIsInit", exitCode: 18 })
  })
})

describe("ControlAddresses", () => {
  it("any caller: [owner, worker, controls] as ID addresses", () => {
    const c = withMiner()
    const r = call(c.vm, c.stranger.address, MINER_ID, MinerMethod.ControlAddresses)
    expect(Result.getOrThrow(readGetControlAddressesReturn(returned(r)))).toEqual({ owner: idAddress(OWNER_ID), worker: idAddress(WORKER_ID), controlAddresses: [] })
    // 0x83 array(3), 0x42 0x00 0x64 = f0100, 0x42 0x00 0x65 = f0101, 0x80 = []
    expect(Array.from(r.receipt.return)).toEqual([0x83, 0x42, 0x00, 0x64, 0x42, 0x00, 0x65, 0x80])
  })
  it("with params: 16", () => {
    const c = withMiner()
    expectRejected(c.vm, call(c.vm, c.stranger.address, MINER_ID, MinerMethod.ControlAddresses, encodeCbor(1)), c.stranger.address, { tag: "ExpectsNoArguments", exitCode: 16 })
  })
})

describe("Power.CreateMiner → a miner whose IsControllingAddress knows its owner, worker and controls", () => {
  it("true for owner and worker, by ID and by key address; false for the stranger, the miner, an unknown key", () => {
    const c = withMiner()
    expect(frc42MethodNumber("IsControllingAddress")).toBe(MinerMethod.IsControllingAddressExported)
    for (const who of [c.owner.address, idAddress(OWNER_ID), c.worker.address, idAddress(WORKER_ID)]) expect(isControlling(c.vm, c.stranger.address, who)).toBe(true)
    for (const who of [c.stranger.address, idAddress(STRANGER_ID), c.control.address, idAddress(MINER_ID), idAddress(999n)]) expect(isControlling(c.vm, c.owner.address, who)).toBe(false)
  })
  it("an address that resolves to nothing is not controlling, and asking creates no account", () => {
    const c = withMiner()
    const nobody = keyFromSeed(1, "nobody").address
    const r = call(c.vm, c.stranger.address, MINER_ID, MinerMethod.IsControllingAddressExported, encodeIsControllingAddressParam(nobody))
    expect(returned(r)).toBe(false)
    expect(r.vm.actors.size).toBe(c.vm.actors.size)
  })
  it("a control address set by ChangeWorkerAddress becomes controlling", () => {
    const c = withMiner()
    const vm = ok(changeWorker(c.vm, c.owner.address, c.worker.address, [c.control.address]))
    expect(isControlling(vm, c.stranger.address, c.control.address)).toBe(true)
    expect(isControlling(vm, c.stranger.address, idAddress(CONTROL_ID))).toBe(true)
    expect(isControlling(vm, c.stranger.address, c.stranger.address)).toBe(false)
  })
  it("params that are not an address: 21", () => {
    const c = withMiner()
    expectRejected(c.vm, call(c.vm, c.stranger.address, MINER_ID, MinerMethod.IsControllingAddressExported, encodeCbor("f0100")), c.stranger.address, { tag: "MalformedParams", exitCode: 21 })
  })
})

describe("ChangeWorkerAddress", () => {
  it("the owner replaces the controls and schedules a new BLS worker WORKER_KEY_CHANGE_DELAY (900) epochs ahead", () => {
    const c = withMiner()
    const next = keyFromSeed(2, "next worker")
    const vm = atEpoch(createAccount(c.vm, next.address, 0n).vm, 50n)
    const after = ok(changeWorker(vm, c.owner.address, next.address, [c.control.address, c.stranger.address], MinerMethod.ChangeWorkerAddressExported))
    const info = minerState(after).info
    expect(info.controlAddresses).toEqual([CONTROL_ID, STRANGER_ID])
    expect(info.worker).toBe(WORKER_ID)
    expect(info.pendingWorkerKey).toEqual({ newWorker: MINER_ID + 1n, effectiveAt: 50n + 900n })
    expect(WORKER_KEY_CHANGE_DELAY).toBe(900n)
    // a pending change is not replaced; the controls still are
    const again = ok(changeWorker(after, c.owner.address, c.worker.address, []))
    expect(minerState(again).info.pendingWorkerKey).toEqual({ newWorker: MINER_ID + 1n, effectiveAt: 950n })
    expect(minerState(again).info.controlAddresses).toEqual([])
  })
  it.each<[string, (c: StorageChain) => { from: Address; worker: Address; controls: ReadonlyArray<Address> }, number, string]>([
    ["a caller that is not the owner (the worker)", (c) => ({ from: c.worker.address, worker: c.worker.address, controls: [] }), 18, "CallerIsOwner"],
    ["a secp256k1 worker", (c) => ({ from: c.owner.address, worker: c.control.address, controls: [] }), 16, "WorkerKeyIsBls"],
    ["a worker that does not resolve", (c) => ({ from: c.owner.address, worker: keyFromSeed(2, "nobody").address, controls: [] }), 16, "WorkerResolves"],
    ["11 controls", (c) => ({ from: c.owner.address, worker: c.worker.address, controls: Array.from({ length: 11 }, () => c.control.address) }), 16, "ControlAddressesWithinMax"],
    ["a control that does not resolve", (c) => ({ from: c.owner.address, worker: c.worker.address, controls: [keyFromSeed(1, "nobody").address] }), 16, "ControlResolves"]
  ])("%s: %s, nothing changes", (_, make, exitCode, tag) => {
    const c = withMiner()
    const { from, worker, controls } = make(c)
    expectRejected(c.vm, changeWorker(c.vm, from, worker, controls), from, { tag, exitCode })
  })
  it("params that do not decode: 21", () => {
    const c = withMiner()
    expectRejected(c.vm, call(c.vm, c.owner.address, MINER_ID, MinerMethod.ChangeWorkerAddress, encodeCbor([addressToBytes(c.worker.address)])), c.owner.address, { tag: "MalformedParams", exitCode: 21 })
  })
})

describe("methods left for the miner/power issue", () => {
  it.each([4n, 5n, 9n, 16n, 25n, 28n, frc42MethodNumber("GetSectorSize")])("method %s: 22", (method) => {
    const c = withMiner()
    expectRejected(c.vm, call(c.vm, c.owner.address, MINER_ID, method), c.owner.address, { tag: "UnhandledMessage", exitCode: 22 })
  })
})
