/**
 * Test helper for the storage actors (miner, power, reward, cron): the full genesis, an owner
 * (secp256k1), a worker (BLS, as the miner requires), a control address (secp256k1) and a
 * stranger, funded in that order — so their ids are known by hand: owner f0100, worker f0101,
 * control f0102, stranger f0103; the first miner created is f0104.
 */
import { Result } from "effect"
import { expect } from "vitest"
import { genesis } from "../../../src/impl/actors/builtin.js"
import { encodeCreateMinerParams, type CreateMinerParams, PowerMethod, readCreateMinerReturn } from "../../../src/impl/actors/power/types.js"
import { idAddress } from "../../../src/impl/address/address.js"
import type { Address } from "../../../src/impl/address/interface.js"
import { decodeCbor } from "../../../src/impl/encoding/cbor.js"
import { keyFromSeed, type KeyPair } from "../../../src/impl/crypto/keys.js"
import { ATTO_PER_FIL } from "../../../src/impl/token/amount.js"
import type { VmState } from "../../../src/impl/vm/interface.js"
import { withActor } from "../../../src/impl/vm/state.js"
import { applyImplicitMessage } from "../../../src/impl/vm/tick.js"
import { createAccount, send } from "../../../src/impl/vm/vm.js"
import type { Applied } from "./_chain.js"

export const OWNER_ID = 100n
export const WORKER_ID = 101n
export const CONTROL_ID = 102n
export const STRANGER_ID = 103n
export const MINER_ID = 104n

/** Each party's starting balance: 1000 FIL. */
export const FUNDS = 1000n * ATTO_PER_FIL

/** The parties of a storage chain. */
export interface StorageChain {
  readonly vm: VmState
  readonly owner: KeyPair
  readonly worker: KeyPair
  readonly control: KeyPair
  readonly stranger: KeyPair
}

/** The full genesis with the four parties funded. */
export const makeStorageChain = (): StorageChain => {
  const owner = keyFromSeed(1, "storage test owner")
  const worker = keyFromSeed(2, "storage test worker")
  const control = keyFromSeed(1, "storage test control")
  const stranger = keyFromSeed(1, "storage test stranger")
  let vm = genesis()
  for (const k of [owner, worker, control, stranger]) vm = createAccount(vm, k.address, FUNDS).vm
  return { vm, owner, worker, control, stranger }
}

/** CreateMiner params for the chain's owner and worker: 2 KiB window PoSt (10), a peer id, one multiaddr. */
export const createMinerParams = (c: StorageChain, p: Partial<CreateMinerParams> = {}): CreateMinerParams => ({
  owner: c.owner.address, worker: c.worker.address, windowPoStProofType: 10n,
  peer: new TextEncoder().encode("peer"), multiaddrs: [Uint8Array.of(4, 127, 0, 0, 1)], ...p
})

/** `from` sends Power.CreateMiner with `value`. */
export const createMiner = (vm: VmState, from: Address, params: CreateMinerParams, value: bigint, method: bigint = PowerMethod.CreateMiner): Applied =>
  send(vm, { from, to: idAddress(4n), value, method, params: encodeCreateMinerParams(params) })

/** The id and robust address a successful CreateMiner returned. */
export const createdMiner = (r: Applied) => {
  expect(r.receipt.exitCode, `${r.receipt.tag}: ${r.receipt.message}`).toBe(0)
  return Result.getOrThrow(Result.flatMap(decodeCbor(r.receipt.return), readCreateMinerReturn))
}

/**
 * The chain with an actor of `kind` at `id` that has no state yet (between its creation and its
 * constructor), for calling a singleton's constructor as the System actor would.
 */
export const withUnconstructed = (vm: VmState, id: bigint, kind: string): VmState =>
  withActor(vm, id, { kind, balance: 0n, state: undefined, robust: undefined, sequence: 0n })

/** The System actor calls `method` of `to` with `params` (an implicit message: no nonce). */
export const fromSystem = (vm: VmState, to: bigint, method: bigint, params: Uint8Array = new Uint8Array()): Applied =>
  applyImplicitMessage(vm, { from: idAddress(0n), to: idAddress(to), nonce: 0n, value: 0n, method, params })

/** An account sends `method` to actor `to` with `params` and no value. */
export const call = (vm: VmState, from: Address, to: bigint, method: bigint, params: Uint8Array = new Uint8Array(), value = 0n): Applied =>
  send(vm, { from, to: idAddress(to), value, method, params })

/** The receipt's return decoded as CBOR. */
export const returned = (r: Applied): unknown => {
  expect(r.receipt.exitCode, `${r.receipt.tag}: ${r.receipt.message}`).toBe(0)
  return Result.getOrThrow(decodeCbor(r.receipt.return))
}
