/**
 * Test helper: a chain with the storage market, a client and a provider (a miner actor made by
 * Power.CreateMiner), and the concretization of the StorageMarket model's abstract values
 * (src/model/StorageMarket.ts: proposals, signatures, forms, callers, vouchers, PIPs) into real
 * keys, DealProposal bytes, signatures, PIPs (src/proofs/pip.ts) and chain messages.
 *
 * One stand-in: the miner actor has no sector methods yet (the miner/power issue), so nothing on
 * this chain would call the market's miner-only methods.  As test/impl/actors/market/_market.ts
 * does, the world's "storageminer" is the real miner plus one method, `TestForwardToMarket`, that
 * sends a market method from the miner: the worker's real message makes the miner the caller, as
 * ProveCommit (BatchActivateDeals) and termination (OnMinerSectorsTerminate) will.
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { sha256 } from "multiformats/hashes/sha2"
import * as Digest from "multiformats/hashes/digest"
import { genesis } from "../../src/impl/actors/builtin.js"
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { marketVoucher as voucherForDeal } from "../../src/impl/actors/market/redeem.js"
import {
  encodeAddressParam, encodeBatchActivateDealsParams, encodeOnMinerSectorsTerminateParams, encodePublishStorageDealsParams,
  encodeRedeemVoucherParams, encodeSettleDealPaymentsParams, encodeWithdrawBalanceParams
} from "../../src/impl/actors/market/params.js"
import type { MarketParams } from "../../src/impl/actors/market/policy.js"
import type { MarketState } from "../../src/impl/actors/market/state.js"
import { type ClientDealProposal, type DealProposal, dealProposalBytes, labelFromString } from "../../src/impl/actors/market/types.js"
import { MinerMethod } from "../../src/impl/actors/miner/index.js"
import { encodeChangeWorkerAddressParams } from "../../src/impl/actors/miner/types.js"
import { PRODUCTION_PARAMS } from "../../src/impl/actors/paych/state.js"
import { type SignedVoucher, voucherSigningBytes } from "../../src/impl/actors/paych/types.js"
import { encodeCreateMinerParams, PowerMethod, readCreateMinerReturn } from "../../src/impl/actors/power/types.js"
import { idAddress } from "../../src/impl/address/address.js"
import type { Address } from "../../src/impl/address/interface.js"
import type { Signature as CryptoSignature } from "../../src/impl/crypto/interface.js"
import { keyFromSeed, type KeyPair, signBytes } from "../../src/impl/crypto/keys.js"
import { toHex } from "../../src/impl/encoding/hex.js"
import { bitFieldFromIndices } from "../../src/impl/encoding/bitfield.js"
import { decodeCbor, encodeCbor } from "../../src/impl/encoding/cbor.js"
import type { ActorId, Message, VmState } from "../../src/impl/vm/interface.js"
import { actorRegistry, createAccount, resolveAddress, send } from "../../src/impl/vm/vm.js"
import { CommP } from "../../src/proofs/commp.js"
import { sectorLayout } from "../../src/proofs/commd.js"
import type { Pip as ProofPip } from "../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { makePip } from "../../src/proofs/pip.js"
import type { Caller, Constants, Form, Party, Piece, Pip, Proposal, Signature, Voucher } from "../../src/model/StorageMarket.js"
import { FORWARD, forwardingMiner } from "../impl/actors/_forwardingMiner.js"

export const MARKET = idAddress(5n)

/**
 * The market with the model's small bounds: deals of any duration from 1 epoch, labels of at most
 * 16 bytes, cron settling each deal at its start (interval 1), no minimum provider collateral (the
 * model's collaterals are a few attoFIL).
 */
export { FORWARD }

export const REFINEMENT_MARKET: MarketParams = {
  minDealDuration: 1n, maxDealDuration: 1_000_000n, maxLabelSize: 16, dealUpdatesInterval: 1n,
  provCollateralPercentSupplyNum: 0n, provCollateralPercentSupplyDenom: 100n
}


/** A piece of the model: its CommP (of real bytes), CID and padded size. */
export interface ConcretePiece {
  readonly commP: Uint8Array
  readonly cid: CID
  readonly size: bigint
}

const pieceOf = (fill: number, n: number): ConcretePiece => {
  const r = CommP(new Uint8Array(n).fill(fill))
  return { commP: r.commP, cid: Result.getOrThrow(pieceCommitmentV1ToCID(r.commP)), size: r.size as bigint }
}

/** "P1": 127 bytes of 1 (a 128-byte piece); "P2": 254 bytes of 2 (a 256-byte piece). */
export const PIECES: Readonly<Record<Piece, ConcretePiece>> = { P1: pieceOf(1, 127), P2: pieceOf(2, 254) }

/**
 * Each sector number's seal proof: sector 1 a 2 KiB sector (StackedDrg2KiBV1_1 = 5), sector 2 an
 * 8 MiB one (StackedDrg8MiBV1_1 = 6).  A sector of one deal holds the deal's piece at offset 0,
 * so two sectors holding the same piece differ only by their size: a PIP for "another sector" is
 * a PIP against a CommD of another size (module notes of StorageMarket.test.ts).
 */
export const sectorProof = (s: number): bigint => (s % 2 === 1 ? 5n : 6n)
export const sectorSize = (s: number): bigint => (s % 2 === 1 ? 2048n : 8n << 20n)
/** Sectors expire long after every deal of the model ends. */
export const SECTOR_EXPIRY = 1_000_000n

/** Who is who on the chain. */
export interface MarketWorld {
  readonly vm: VmState
  readonly client: KeyPair
  readonly owner: KeyPair
  readonly worker: KeyPair
  /**
   * The miner's control address (secp256k1): the provider's reducer signs its messages and sends
   * PublishStorageDeals with it (the market accepts any controlling address; a BLS worker would
   * make every signed answer cost a BLS signature and verification).
   */
  readonly control: KeyPair
  readonly miner: Address
  /** The owner (and worker) of another miner actor: the model's "OtherMiner". */
  readonly otherOwner: KeyPair
  readonly otherWorker: KeyPair
  readonly otherMiner: Address
  /** Signs what the client did not (the model's "Forged"). */
  readonly stranger: KeyPair
  readonly clientId: ActorId
  readonly minerId: ActorId
}

/** What the owner sends with CreateMiner to cover the miner's create deposit (1 FIL). */
const CREATE_MINER_VALUE = 10n ** 18n

const createMiner = (vm: VmState, owner: KeyPair, worker: KeyPair): { vm: VmState; miner: Address } => {
  const r = send(vm, {
    from: owner.address, to: idAddress(4n), value: CREATE_MINER_VALUE, method: PowerMethod.CreateMiner,
    params: encodeCreateMinerParams({ owner: owner.address, worker: worker.address, windowPoStProofType: 10n, peer: new Uint8Array(), multiaddrs: [] })
  })
  const made = Result.flatMap(decodeCbor(r.receipt.return), readCreateMinerReturn)
  if (r.receipt.exitCode !== 0 || Result.isFailure(made)) throw new Error(`CreateMiner failed: ${r.receipt.tag} ${r.receipt.message}`)
  return { vm: r.vm, miner: made.success.idAddress }
}

/**
 * Genesis with the market (REFINEMENT_MARKET), the client's account with ClientFunds, the
 * provider's owner (secp256k1) with ProviderFunds and worker (BLS, as the miner requires) with
 * nothing once the owner has paid the miner's create deposit with Power.CreateMiner, and another
 * miner of a stranger's.  `clientKeyType` varies the client's signature type.
 */
export const makeMarketWorld = (c: Pick<Constants, "ClientFunds" | "ProviderFunds">, clientKeyType: 1 | 2 = 1): MarketWorld => {
  const key = `${c.ClientFunds}/${c.ProviderFunds}/${clientKeyType}`
  const known = worlds.get(key)
  if (known !== undefined) return known
  const client = keyFromSeed(clientKeyType, "market refinement client")
  const owner = keyFromSeed(1, "market refinement owner")
  const worker = keyFromSeed(2, "market refinement worker")
  const control = keyFromSeed(1, "market refinement control")
  const otherOwner = keyFromSeed(1, "market refinement other owner")
  const otherWorker = keyFromSeed(2, "market refinement other worker")
  const stranger = keyFromSeed(1, "market refinement stranger")
  const base = genesis({ paych: PRODUCTION_PARAMS, market: REFINEMENT_MARKET })
  const codes = [...base.registry.codes.values()].map((code) => (code.kind === "storageminer" ? forwardingMiner : code))
  let vm: VmState = { ...base, registry: actorRegistry(codes) }
  for (const [k, funds] of [[client, c.ClientFunds], [owner, c.ProviderFunds + CREATE_MINER_VALUE], [worker, 0n], [control, 0n], [otherOwner, CREATE_MINER_VALUE], [otherWorker, 0n], [stranger, 0n]] as const) {
    vm = createAccount(vm, k.address, funds).vm
  }
  const mine = createMiner(vm, owner, worker)
  // the control address, by the owner's ChangeWorkerAddress with the same worker
  const changed = send(mine.vm, {
    from: owner.address, to: mine.miner, value: 0n, method: MinerMethod.ChangeWorkerAddress,
    params: encodeChangeWorkerAddressParams({ newWorker: worker.address, newControlAddresses: [control.address] })
  })
  if (changed.receipt.exitCode !== 0) throw new Error(`ChangeWorkerAddress failed: ${changed.receipt.tag} ${changed.receipt.message}`)
  const other = createMiner(changed.vm, otherOwner, otherWorker)
  const world: MarketWorld = {
    vm: other.vm, client, owner, worker, control, miner: mine.miner, otherOwner, otherWorker, otherMiner: other.miner, stranger,
    clientId: resolveAddress(other.vm, client.address)!, minerId: resolveAddress(other.vm, mine.miner)!
  }
  worlds.set(key, world)
  return world
}

/** Worlds already made (the chain state is immutable, so a world can start any number of runs). */
const worlds = new Map<string, MarketWorld>()

/** The market's state. */
export const marketState = (vm: VmState): MarketState => vm.actors.get(5n)!.state as MarketState

/** How a "Malformed" proposal is malformed (each a state-less check before EndAfterStart). */
export type Malformation = "PieceSizeNotPowerOfTwo" | "PieceSizeTooSmall" | "LabelTooLong" | "NotAPieceCommitment"
/** How a "Forged" signature is forged. */
export type Forgery = "Stranger" | "Empty" | "OtherProposal"
/** Who of the provider sends its messages. */
export type ProviderSender = "Worker" | "Owner" | "Control"

/** The choices the model abstracts away, drawn by the test. */
export interface Concrete {
  readonly malformation: Malformation
  readonly forgery: Forgery
  readonly providerSender: ProviderSender
  readonly voucherForgery: "Stranger" | "Unsigned"
}

export const DIRECT: Concrete = { malformation: "PieceSizeNotPowerOfTwo", forgery: "Stranger", providerSender: "Worker", voucherForgery: "Stranger" }

/** `signBytes`, remembered: signatures are deterministic (RFC 6979; BLS), and a BLS one costs ~0.1 s. */
const signatures = new Map<string, CryptoSignature>()
export const sign = (key: KeyPair, bytes: Uint8Array): CryptoSignature => {
  const k = `${toHex(key.privateKey)}/${toHex(bytes)}`
  let sig = signatures.get(k)
  if (sig === undefined) {
    sig = signBytes(key, bytes)
    signatures.set(k, sig)
  }
  return sig
}
/** The signed proposal (`signDealProposal`, through {@link sign}). */
export const signDealProposal = (key: KeyPair, proposal: DealProposal): ClientDealProposal => ({ proposal, clientSignature: sign(key, dealProposalBytes(proposal)) })
/** The signed voucher (`signVoucher`, through {@link sign}). */
export const signVoucher = (key: KeyPair, sv: SignedVoucher): SignedVoucher => ({ ...sv, signature: sign(key, voucherSigningBytes(sv)) })

/** The label every valid proposal carries. */
export const LABEL = "refinement"

/** The proposal for the model's `p` as the client's reducer builds it (the client named by its key address). */
export const dealProposal = (w: MarketWorld, p: Proposal): DealProposal => ({
  pieceCid: PIECES[p.piece].cid, pieceSize: PIECES[p.piece].size, verifiedDeal: false, client: w.client.address, provider: w.miner,
  label: labelFromString(LABEL), startEpoch: BigInt(p.start), endEpoch: BigInt(p.end), storagePricePerEpoch: p.price,
  providerCollateral: p.providerCollateral, clientCollateral: p.clientCollateral
})

/** A proposal with the model's fields but failing one state-less check. */
const malformed = (d: DealProposal, m: Malformation): DealProposal => {
  switch (m) {
    case "PieceSizeNotPowerOfTwo": return { ...d, pieceSize: d.pieceSize + d.pieceSize / 2n }
    case "PieceSizeTooSmall": return { ...d, pieceSize: 64n }
    case "LabelTooLong": return { ...d, label: labelFromString("a label longer than 16 bytes") }
    // the same digest under the raw codec and the sha2-256 multihash: a CID, not a piece commitment
    case "NotAPieceCommitment": return { ...d, pieceCid: CID.createV1(0x55, Digest.create(sha256.code, d.pieceCid.multihash.digest)) }
  }
}

/** The signed proposal for the model's (p, sig, form). */
export const clientDealProposal = (w: MarketWorld, p: Proposal, sig: Signature, form: Form, k: Concrete): ClientDealProposal => {
  const d = form === "Valid" ? dealProposal(w, p) : malformed(dealProposal(w, p), k.malformation)
  if (sig === "Client") return signDealProposal(w.client, d)
  switch (k.forgery) {
    case "Stranger": return { proposal: d, clientSignature: signDealProposal(w.stranger, d).clientSignature }
    case "Empty": return { proposal: d, clientSignature: { type: w.client.type, data: new Uint8Array() } }
    case "OtherProposal": return { proposal: d, clientSignature: signDealProposal(w.client, { ...d, endEpoch: d.endEpoch + 1n }).clientSignature }
  }
}

/** The account that sends a message for the model's caller. */
export const senderOf = (w: MarketWorld, caller: Caller, k: Concrete): Address =>
  caller === "Client" ? w.client.address
    : caller === "Provider" ? { Worker: w.worker, Owner: w.owner, Control: w.control }[k.providerSender].address
    : w.otherWorker.address

/** A market message from `from`. */
export const marketMessage = (from: Address, method: bigint, params: Uint8Array, value = 0n): Omit<Message, "nonce"> =>
  ({ from, to: MARKET, value, method, params })

/**
 * A miner-only market method called by the model's `caller`: the client calls the market itself
 * (and is refused as not a miner); the provider's and the other miner's workers have their miner
 * forward it, so that the miner is the caller.
 */
export const minerCall = (w: MarketWorld, caller: Caller, method: bigint, params: Uint8Array): Omit<Message, "nonce"> =>
  caller === "Client" ? marketMessage(w.client.address, method, params)
    : {
      from: caller === "Provider" ? w.worker.address : w.otherWorker.address, to: caller === "Provider" ? w.miner : w.otherMiner,
      value: 0n, method: FORWARD, params: encodeCbor([method, params])
    }

export const addBalanceMessage = (w: MarketWorld, who: Party, amount: bigint): Omit<Message, "nonce"> =>
  who === "Client"
    ? marketMessage(w.client.address, MarketMethod.AddBalance, encodeAddressParam(w.client.address), amount)
    : marketMessage(w.owner.address, MarketMethod.AddBalance, encodeAddressParam(w.miner), amount)

/** WithdrawBalance: the owner or the worker may withdraw the provider's escrow; the "OtherMiner" caller is the other miner's owner. */
export const withdrawMessage = (w: MarketWorld, who: Party, caller: Caller, amount: bigint, k: Concrete): Omit<Message, "nonce"> =>
  marketMessage(caller === "OtherMiner" ? w.otherOwner.address : senderOf(w, caller, { ...k, providerSender: k.providerSender === "Control" ? "Worker" : k.providerSender }), MarketMethod.WithdrawBalance,
    encodeWithdrawBalanceParams({ providerOrClient: who === "Client" ? w.client.address : w.miner, amount }))

export const publishMessage = (w: MarketWorld, cdp: ClientDealProposal, caller: Caller, k: Concrete): Omit<Message, "nonce"> =>
  marketMessage(senderOf(w, caller, k), MarketMethod.PublishStorageDeals, encodePublishStorageDealsParams([cdp]))

export const activateMessage = (w: MarketWorld, d: number, s: number, caller: Caller): Omit<Message, "nonce"> =>
  minerCall(w, caller, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({
    sectors: [{ sectorNumber: BigInt(s), sectorType: sectorProof(s), sectorExpiry: SECTOR_EXPIRY, dealIds: [BigInt(d)] }], computeCid: true
  }))

export const terminateMessage = (w: MarketWorld, s: number, caller: Caller, epoch: bigint): Omit<Message, "nonce"> =>
  minerCall(w, caller, MarketMethod.OnMinerSectorsTerminate, encodeOnMinerSectorsTerminateParams({ epoch, sectors: bitFieldFromIndices([BigInt(s)]) }))

/** SettleDealPayments: anybody may call it; here the stranger. */
export const settleMessage = (w: MarketWorld, d: number): Omit<Message, "nonce"> =>
  marketMessage(w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices([BigInt(d)])))

/** The market voucher for deal `deal` and cumulative `amount` (unsigned): channel f05, lane = the deal id. */
export const marketVoucher = (deal: number, amount: bigint): SignedVoucher => voucherForDeal(BigInt(deal), amount)

/** What the model's `SignVoucher(d, a)` stands for: the client signs the market voucher with its key. */
export const clientSignsVoucher = (w: MarketWorld, deal: number, amount: bigint): SignedVoucher =>
  signVoucher(w.client, marketVoucher(deal, amount))

/** The real voucher for an abstract one. */
export const concreteVoucher = (w: MarketWorld, v: Voucher, k: Concrete): SignedVoucher =>
  v.signer === "Client" ? clientSignsVoucher(w, v.deal, v.amount)
    : k.voucherForgery === "Stranger" ? signVoucher(w.stranger, marketVoucher(v.deal, v.amount)) : marketVoucher(v.deal, v.amount)

/**
 * The real PIP for an abstract one: the piece at offset 0 of a sector of `pip.sector`'s size
 * holding only it — what the market computes as the CommD of a sector activated with one deal of
 * that piece.
 */
export const concretePip = (pip: Pip): ProofPip => {
  const piece = PIECES[pip.piece]
  return Result.getOrThrow(makePip(Result.getOrThrow(sectorLayout(sectorSize(pip.sector), [{ size: piece.size, commP: piece.commP }])), 0))
}

export const redeemMessage = (w: MarketWorld, v: Voucher, pip: Pip, caller: Caller, k: Concrete): Omit<Message, "nonce"> =>
  marketMessage(senderOf(w, caller, k), MarketMethod.RedeemVoucherExported, encodeRedeemVoucherParams({ voucher: concreteVoucher(w, v, k), pip: concretePip(pip) }))

/** The sum of every actor's balance: the chain's FIL, burnt funds included. */
export const totalFil = (vm: VmState): bigint => [...vm.actors.values()].reduce((sum, a) => sum + a.balance, 0n)

/** The chain with the sender's nonce advanced: what a rejected but included message leaves. */
export const withNonceBumped = (vm: VmState, sender: Address): VmState => {
  const id = resolveAddress(vm, sender)!
  const actors = new Map(vm.actors)
  const entry = actors.get(id)!
  actors.set(id, { ...entry, sequence: entry.sequence + 1n })
  return { ...vm, actors }
}

/** The piece reference the client hands over with a proposal: the piece CID and its payload size. */
export const pieceRef = (p: Proposal) => ({ pieceCid: PIECES[p.piece].cid, payloadSize: p.piece === "P1" ? 127n : 254n })
