/**
 * The chain every market vector starts from, and the messages the cases send.
 *
 * The full genesis (System f00, Init f01, Reward f02, Cron f03, Power f04, the Storage Market f05,
 * Burnt Funds f099), then four accounts funded with 1000 FIL each — owner f0100 (secp256k1),
 * worker f0101 (BLS, as a miner's worker must be), control f0102 (secp256k1), stranger f0103
 * (secp256k1) — a miner f0104 created by the owner through Power.CreateMiner (2 KiB sectors),
 * made to list f0102 as a control address by the owner's ChangeWorkerAddress, and a client f0105
 * (secp256k1, 1000 FIL).  Epoch 0.  Every key comes from a fixed seed.
 *
 * The market's miner-only methods (VerifyDealsForActivation, BatchActivateDeals,
 * OnMinerSectorsTerminate) and CronTick are called by **implicit messages** from the miner's
 * (f0104) or the cron actor's (f03) ID address — the call the miner or cron makes inside its own
 * method, applied as ref-fvm applies implicit messages (no sender or nonce check), as Filecoin's
 * test-vectors drive cron.  No vector depends on a method only this implementation has.
 *
 * @module
 */
import { Result } from "effect"
import { genesis } from "../../src/impl/actors/builtin.js"
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import {
  encodeAddressParam, encodeBatchActivateDealsParams, encodePublishStorageDealsParams, type SectorDeals
} from "../../src/impl/actors/market/params.js"
import { type ClientDealProposal, type DealProposal, labelFromString, signDealProposal } from "../../src/impl/actors/market/types.js"
import { MinerMethod } from "../../src/impl/actors/miner/index.js"
import { encodeChangeWorkerAddressParams } from "../../src/impl/actors/miner/types.js"
import { encodeCreateMinerParams, PowerMethod } from "../../src/impl/actors/power/types.js"
import { type Address, idAddress } from "../../src/impl/address/address.js"
import { keyFromSeed, type KeyPair } from "../../src/impl/crypto/keys.js"
import { CommP } from "../../src/proofs/commp.js"
import { pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { ATTO_PER_FIL } from "../../src/impl/token/amount.js"
import type { VmState } from "../../src/impl/vm/interface.js"
import { createAccount, send } from "../../src/impl/vm/vm.js"

/** The actors' ids (see the module comment). */
export const MARKET = idAddress(5n)
export const CRON = idAddress(3n)
export const SYSTEM = idAddress(0n)
export const MINER_ID = 104n
export const MINER = idAddress(MINER_ID)
export const CLIENT_ID = 105n
/** A second miner (owner: the stranger, worker: the worker), created by {@link createOtherMiner}. */
export const OTHER_MINER = idAddress(106n)

/** 1000 FIL for each account. */
export const FUNDS = 1000n * ATTO_PER_FIL

/** Who is who. */
export interface MarketWorld {
  readonly vm: VmState
  readonly owner: KeyPair
  readonly worker: KeyPair
  readonly control: KeyPair
  readonly stranger: KeyPair
  readonly client: KeyPair
}

const must = (what: string, r: { readonly vm: VmState; readonly receipt: { readonly exitCode: number; readonly message?: string } }): VmState => {
  if (r.receipt.exitCode !== 0) throw new Error(`market world: ${what} failed: ${r.receipt.exitCode} ${r.receipt.message ?? ""}`)
  return r.vm
}

/** CreateMiner params: 2 KiB window PoSt (10), a peer id, one multiaddr. */
const createMinerParams = (owner: Address, worker: Address) =>
  encodeCreateMinerParams({ owner, worker, windowPoStProofType: 10n, peer: new TextEncoder().encode("peer"), multiaddrs: [Uint8Array.of(4, 127, 0, 0, 1)] })

let cached: MarketWorld | undefined

/**
 * The starting chain (built once).
 *
 * @category vectors
 * @since 0.2.0
 */
export const marketWorld = (): MarketWorld => {
  if (cached !== undefined) return cached
  const owner = keyFromSeed(1, "filflow vectors market owner")
  const worker = keyFromSeed(2, "filflow vectors market worker")
  const control = keyFromSeed(1, "filflow vectors market control")
  const stranger = keyFromSeed(1, "filflow vectors market stranger")
  const client = keyFromSeed(1, "filflow vectors market client")
  let vm = genesis()
  for (const k of [owner, worker, control, stranger]) vm = createAccount(vm, k.address, FUNDS).vm
  vm = must("CreateMiner", send(vm, { from: owner.address, to: idAddress(4n), value: ATTO_PER_FIL, method: PowerMethod.CreateMiner, params: createMinerParams(owner.address, worker.address) }))
  vm = must("ChangeWorkerAddress", send(vm, {
    from: owner.address, to: MINER, value: 0n, method: MinerMethod.ChangeWorkerAddress,
    params: encodeChangeWorkerAddressParams({ newWorker: worker.address, newControlAddresses: [control.address] })
  }))
  const made = createAccount(vm, client.address, FUNDS)
  if (made.id !== CLIENT_ID || vm.actors.get(MINER_ID)?.kind !== "storageminer") throw new Error("market world: unexpected ids")
  cached = { vm: made.vm, owner, worker, control, stranger, client }
  return cached
}

// ---------------------------------------------------------------------------------------------
// deals

/** A piece: the CommP of 127 bytes of `fill` (a 128-byte piece), its CID and commitment. */
export const piece = (fill: number) => {
  const r = CommP(new Uint8Array(127).fill(fill))
  return { commP: r.commP, cid: Result.getOrThrow(pieceCommitmentV1ToCID(r.commP)), size: r.size as bigint }
}

export const PRICE = 1000n
export const START = 100n
/** 180 days: the shortest deal (builtin-actors `actors/market/src/policy.rs` deal_duration_bounds). */
export const DURATION = 518400n
export const END = START + DURATION
export const PROVIDER_COLLATERAL = 10n ** 15n
export const CLIENT_COLLATERAL = 100n
/** 2 KiB seal proof (RegisteredSealProof StackedDRG2KiBV1P1). */
export const SECTOR_2KIB = 5n

/** A valid proposal of the world's client to its miner (piece of fill 1, start 100, 180 days). */
export const proposal = (w: MarketWorld, p: Partial<DealProposal> = {}): DealProposal => ({
  pieceCid: piece(1).cid, pieceSize: 128n, verifiedDeal: false, client: w.client.address, provider: MINER,
  label: labelFromString("deal"), startEpoch: START, endEpoch: END, storagePricePerEpoch: PRICE,
  providerCollateral: PROVIDER_COLLATERAL, clientCollateral: CLIENT_COLLATERAL, ...p
})

/** A message before its nonce is filled in; `implicit` for an implicit message. */
export interface Msg {
  readonly from: Address
  readonly to: Address
  readonly value: bigint
  readonly method: bigint
  readonly params: Uint8Array
  readonly implicit?: true
  readonly nonce?: bigint
}

/** `from` calls market `method`. */
export const toMarket = (from: Address, method: bigint, params: Uint8Array = new Uint8Array(), value = 0n): Msg =>
  ({ from, to: MARKET, value, method, params })
/** The miner (or `miner`) calls market `method` (an implicit message). */
export const fromMiner = (method: bigint, params: Uint8Array, miner: Address = MINER): Msg =>
  ({ from: miner, to: MARKET, value: 0n, method, params, implicit: true })

/** AddBalance for `party` paid by `from`. */
export const addBalance = (from: Address, party: Address, value: bigint, method: bigint = MarketMethod.AddBalance): Msg =>
  toMarket(from, method, encodeAddressParam(party), value)

/** Setup: the client deposits 1 FIL, the owner 0.01 FIL for the miner. */
export const funded: ReadonlyArray<(w: MarketWorld) => Msg> = [
  (w) => addBalance(w.client.address, w.client.address, ATTO_PER_FIL),
  (w) => addBalance(w.owner.address, MINER, ATTO_PER_FIL / 100n)
]

/** The worker publishes `deals`, each signed by the client unless already signed. */
export const publish = (w: MarketWorld, deals: ReadonlyArray<DealProposal | ClientDealProposal>, by: KeyPair = w.worker, method: bigint = MarketMethod.PublishStorageDeals): Msg =>
  toMarket(by.address, method, encodePublishStorageDealsParams(deals.map((d) => ("proposal" in d ? d : signDealProposal(w.client, d)))))

/** A 2 KiB sector (number 1, expiring at the deal's end) holding `dealIds`. */
export const sector = (s: Partial<SectorDeals> = {}): SectorDeals => ({ sectorNumber: 1n, sectorType: SECTOR_2KIB, sectorExpiry: END, dealIds: [0n], ...s })

/** The miner activates `sectors`. */
export const activate = (sectors: ReadonlyArray<SectorDeals>, computeCid = true, miner: Address = MINER): Msg =>
  fromMiner(MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({ sectors, computeCid }), miner)

/** The stranger creates a second miner f0106 (owner the stranger, worker the world's worker). */
export const createOtherMiner = (w: MarketWorld): Msg =>
  ({ from: w.stranger.address, to: idAddress(4n), value: ATTO_PER_FIL, method: PowerMethod.CreateMiner, params: createMinerParams(w.stranger.address, w.worker.address) })
