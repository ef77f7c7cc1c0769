/**
 * Test world for the market: the full genesis (the market at f05), the storage parties of
 * ../_storage.ts (owner f0100, worker f0101 (BLS), control f0102, stranger f0103), a miner f0104
 * created through Power.CreateMiner with f0102 made a control address, and a client f0105
 * (secp256k1), all funded with 1000 FIL.
 *
 * One stand-in: the miner is ../_forwardingMiner.ts (the real miner plus a method that forwards
 * the market's miner-only calls), until the miner actor has its sector methods.
 */
import { Result } from "effect"
import { expect } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import { encodePublishStorageDealsParams } from "../../../../src/impl/actors/market/params.js"
import type { MarketState } from "../../../../src/impl/actors/market/state.js"
import {
  type ClientDealProposal, type DealProposal, labelFromString, signDealProposal
} from "../../../../src/impl/actors/market/types.js"
import { MinerMethod } from "../../../../src/impl/actors/miner/index.js"
import { encodeChangeWorkerAddressParams } from "../../../../src/impl/actors/miner/types.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import type { Address } from "../../../../src/impl/address/interface.js"
import { keyFromSeed, type KeyPair } from "../../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { CommP } from "../../../../src/proofs/commp.js"
import { pieceCommitmentV1ToCID } from "../../../../src/proofs/piececid.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { actorRegistry, createAccount, send } from "../../../../src/impl/vm/vm.js"
import { type Applied, ok } from "../_chain.js"
import { FORWARD, forwardingMiner } from "../_forwardingMiner.js"
import { createdMiner, createMiner, createMinerParams, FUNDS, makeStorageChain, type StorageChain } from "../_storage.js"

export const MARKET = idAddress(5n)
export const MINER_ID = 104n
export const MINER = idAddress(MINER_ID)
export const CLIENT_ID = 105n
export { FORWARD }
export const BURNT_ID = 99n


export interface MarketWorld extends StorageChain {
  readonly client: KeyPair
}

/** The world described in the module comment, at epoch 0. */
export const makeMarketWorld = (): MarketWorld => {
  const c = makeStorageChain()
  const codes = [...c.vm.registry.codes.values()].map((code) => (code.kind === "storageminer" ? forwardingMiner : code))
  let vm: VmState = { ...c.vm, registry: actorRegistry(codes) }
  const r = createMiner(vm, c.owner.address, createMinerParams(c), 10n ** 18n)
  expect(createdMiner(r).idAddress).toEqual(MINER)
  vm = r.vm
  // the control address f0102, by the owner's ChangeWorkerAddress with the same worker
  vm = ok(send(vm, { from: c.owner.address, to: MINER, value: 0n, method: MinerMethod.ChangeWorkerAddress, params: encodeChangeWorkerAddressParams({ newWorker: c.worker.address, newControlAddresses: [c.control.address] }) }))
  const client = keyFromSeed(1, "market test client")
  const made = createAccount(vm, client.address, FUNDS)
  expect(made.id).toBe(CLIENT_ID)
  return { ...c, vm: made.vm, client }
}

/** The market's state. */
export const marketState = (vm: VmState): MarketState => vm.actors.get(5n)!.state as MarketState

/** A piece: the CommP of `n` bytes of `fill` (127 bytes → a 128-byte piece), its CID and size. */
export const piece = (fill: number, n = 127) => {
  const r = CommP(new Uint8Array(n).fill(fill))
  return { commP: r.commP, cid: Result.getOrThrow(pieceCommitmentV1ToCID(r.commP)), size: r.size as bigint }
}

export const PRICE = 1000n
export const START = 100n
/** 180 days, the shortest deal. */
export const DURATION = 518400n
export const PROVIDER_COLLATERAL = 10n ** 15n
export const CLIENT_COLLATERAL = 100n

/** A valid proposal for the world's client and miner (piece of fill 1, start 100, 180 days). */
export const proposal = (w: MarketWorld, p: Partial<DealProposal> = {}): DealProposal => {
  const pc = piece(1)
  return {
    pieceCid: pc.cid, pieceSize: pc.size, verifiedDeal: false, client: w.client.address, provider: MINER,
    label: labelFromString("deal"), startEpoch: START, endEpoch: START + DURATION, storagePricePerEpoch: PRICE,
    providerCollateral: PROVIDER_COLLATERAL, clientCollateral: CLIENT_COLLATERAL, ...p
  }
}

/** `from` calls market `method` with `params` and `value`. */
export const call = (vm: VmState, from: Address, method: bigint, params?: Uint8Array, value = 0n): Applied =>
  send(vm, { from, to: MARKET, value, method, params: params ?? new Uint8Array() })

/** The worker forwards market `method` with `params` through the miner (the miner is the caller). */
export const fromMiner = (vm: VmState, w: MarketWorld, method: bigint, params?: Uint8Array): Applied =>
  send(vm, { from: w.worker.address, to: MINER, value: 0n, method: FORWARD, params: encodeCbor([method, params ?? new Uint8Array()]) })

/** The client and the miner deposit escrow (client 1 FIL, miner 0.01 FIL, paid by the owner). */
export const fund = (vm: VmState, w: MarketWorld, client = 10n ** 18n, provider = 10n ** 16n): VmState => {
  let v = ok(call(vm, w.client.address, MarketMethod.AddBalance, encodeCbor(Uint8Array.from([0, ...leb(CLIENT_ID)])), client))
  v = ok(call(v, w.owner.address, MarketMethod.AddBalance, encodeCbor(Uint8Array.from([0, ...leb(MINER_ID)])), provider))
  return v
}

/** The worker publishes `deals` signed by the client (or as given). */
export const publish = (vm: VmState, w: MarketWorld, deals: ReadonlyArray<DealProposal | ClientDealProposal>, by: KeyPair = w.worker): Applied =>
  call(vm, by.address, MarketMethod.PublishStorageDeals,
    encodePublishStorageDealsParams(deals.map((d) => ("proposal" in d ? d : signDealProposal(w.client, d)))))

/** LEB128 of an id (ID address payload), written out here so tests do not lean on the address module. */
const leb = (n: bigint): Array<number> => {
  const out: Array<number> = []
  do {
    const b = Number(n & 0x7fn)
    n >>= 7n
    out.push(n > 0n ? b | 0x80 : b)
  } while (n > 0n)
  return out
}
