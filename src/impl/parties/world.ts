/**
 * A deal world: the in-process chain with a client and a storage provider on it, and the two
 * parties' reducers joined by the network (`./network.ts`).  Built deterministically from a seed:
 * the keys are `keyFromSeed(…, "<seed> client|owner|worker")`, the accounts are funded at genesis
 * (the client, the provider's owner and worker), the provider's miner actor is created by
 * Power.CreateMiner (owner = the owner key, worker = the BLS worker key, as the miner actor
 * requires a BLS worker), and both put funds in market escrow with AddBalance.
 *
 * Used by `filflow deal` and its tests, and the start of the whole-flow network.
 *
 * @module
 */
import { Result } from "effect"
import { type Address, idAddress } from "../address/address.js"
import { genesis } from "../actors/builtin.js"
import { encodeCreateMinerParams, PowerMethod, readCreateMinerReturn } from "../actors/power/types.js"
import { keyFromSeed } from "../crypto/keys.js"
import type { KeyPair } from "../crypto/interface.js"
import { SigType } from "../crypto/signature.js"
import { decodeCbor } from "../encoding/cbor.js"
import { MarketMethod } from "../actors/market/index.js"
import { encodeAddressParam } from "../actors/market/params.js"
import { ATTO_PER_FIL } from "../token/amount.js"
import type { Receipt, VmState } from "../vm/interface.js"
import { createAccount, send } from "../vm/vm.js"
import type { CID } from "multiformats/cid"
import type { ClientDealProposal } from "../actors/market/types.js"
import { PRODUCTION_MARKET_PARAMS, dealProviderCollateralBounds } from "../actors/market/policy.js"
import { escrowOf as marketEscrowOf, lockedOf, type MarketState } from "../actors/market/state.js"
import { MARKET_KIND } from "../actors/market/index.js"
import type { PowerState } from "../actors/power/state.js"
import type { RewardState } from "../actors/reward/state.js"
import { DEFAULT_CIRCULATING_SUPPLY } from "../vm/vm.js"
import { resolveAddress } from "../vm/state.js"
import { type ClientDealStatus, type ClientRejection, type DealTerms, initialClient } from "./client/index.js"
import type { PieceRef, RejectionReason } from "./interface.js"
import { clientInput, dealNetwork, type DealNetwork, runUntilQuiet } from "./network.js"
import { initialProvider } from "./provider/index.js"
import { type AcceptancePolicy, DEFAULT_POLICY } from "./provider/policy.js"
import { STORAGE_MARKET_ACTOR_ID } from "./provider/publish.js"

/**
 * Who is who in a deal world.
 *
 * @category models
 * @since 0.2.0
 */
export interface DealParties {
  readonly client: KeyPair
  readonly owner: KeyPair
  readonly worker: KeyPair
  /** The provider's miner actor, its ID address. */
  readonly miner: Address
}

/**
 * How a world is built: the key seed, what each account gets at genesis, what each party puts in
 * escrow, the provider's policy.
 *
 * @category models
 * @since 0.2.0
 */
export interface WorldOptions {
  readonly seed: string
  readonly funds: bigint
  readonly clientEscrow: bigint
  readonly providerEscrow: bigint
  readonly policy: AcceptancePolicy
}

/** 1000 FIL each; 10 FIL in escrow each; the default policy. */
export const DEFAULT_WORLD: WorldOptions = {
  seed: "filflow", funds: 1000n * ATTO_PER_FIL, clientEscrow: 10n * ATTO_PER_FIL, providerEscrow: 10n * ATTO_PER_FIL, policy: DEFAULT_POLICY
}

/** Value sent with CreateMiner to cover the miner's create deposit. */
const CREATE_MINER_VALUE = 100n * ATTO_PER_FIL

/**
 * A step of the setup that failed: which, and its receipt.
 *
 * @category errors
 * @since 0.2.0
 */
export interface SetupFailed {
  readonly step: string
  readonly receipt: Receipt
}

/**
 * The deal world for `options`: the chain set up, the client and the provider ready.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dealWorld = (options: WorldOptions = DEFAULT_WORLD): Result.Result<{ readonly net: DealNetwork; readonly parties: DealParties }, SetupFailed> =>
  Result.gen(function* () {
    const client = keyFromSeed(SigType.Secp256k1, `${options.seed} client`)
    const owner = keyFromSeed(SigType.Secp256k1, `${options.seed} owner`)
    const worker = keyFromSeed(SigType.BLS, `${options.seed} worker`)
    let vm: VmState = genesis()
    for (const k of [client, owner, worker]) vm = createAccount(vm, k.address, options.funds).vm
    const created = send(vm, {
      from: owner.address, to: idAddress(4n), value: CREATE_MINER_VALUE, method: PowerMethod.CreateMiner,
      params: encodeCreateMinerParams({ owner: owner.address, worker: worker.address, windowPoStProofType: 10n, peer: new Uint8Array(), multiaddrs: [] })
    })
    const made = Result.flatMap(decodeCbor(created.receipt.return), readCreateMinerReturn)
    if (created.receipt.exitCode !== 0 || Result.isFailure(made)) return yield* Result.fail({ step: "CreateMiner", receipt: created.receipt })
    vm = created.vm
    const miner = made.success.idAddress
    for (const [step, from, forWhom, amount] of [
      ["AddBalance (client)", client.address, client.address, options.clientEscrow],
      ["AddBalance (provider)", owner.address, miner, options.providerEscrow]
    ] as const) {
      if (amount === 0n) continue
      const added = send(vm, { from, to: idAddress(STORAGE_MARKET_ACTOR_ID), value: amount, method: MarketMethod.AddBalance, params: encodeAddressParam(forWhom) })
      if (added.receipt.exitCode !== 0) return yield* Result.fail({ step, receipt: added.receipt })
      vm = added.vm
    }
    const net = dealNetwork(vm, initialClient(client), initialProvider(miner, worker, options.policy, vm.epoch))
    return { net, parties: { client, owner, worker, miner } }
  })

/**
 * A party's market escrow: its balance in the escrow table and the part of it locked.
 *
 * @category models
 * @since 0.2.0
 */
export interface Escrow {
  readonly balance: bigint
  readonly locked: bigint
}

/**
 * The escrow of `address` in the market's state (zero when the market or the entry is missing).
 *
 * @category queries
 * @since 0.2.0
 */
export const escrowOf = (vm: VmState, address: Address): Escrow => {
  const market = vm.actors.get(STORAGE_MARKET_ACTOR_ID)
  const id = resolveAddress(vm, address)
  if (market?.kind !== MARKET_KIND || market.state === undefined || id === undefined) return { balance: 0n, locked: 0n }
  const st = market.state as MarketState
  return { balance: marketEscrowOf(st, id), locked: lockedOf(st, id) }
}

/**
 * The least provider collateral the market accepts for a piece of `pieceSize` bytes now
 * (`deal_provider_collateral_bounds`: the piece's share of 1% of the circulating supply, against
 * the larger of the baseline power and the network's raw power), as a client computes it before
 * proposing (Lotus `StateDealProviderCollateralBounds`).
 *
 * @category queries
 * @since 0.2.0
 */
export const minimumProviderCollateral = (vm: VmState, pieceSize: bigint, circulatingSupply: bigint = DEFAULT_CIRCULATING_SUPPLY): bigint => {
  const reward = vm.actors.get(2n)?.state as RewardState | undefined
  const power = vm.actors.get(4n)?.state as PowerState | undefined
  return dealProviderCollateralBounds(
    PRODUCTION_MARKET_PARAMS, pieceSize, power?.thisEpochRawBytePower ?? 0n, reward?.thisEpochBaselinePower ?? 0n, circulatingSupply
  ).min
}

/**
 * What one deal made in a world: the proposal and its CID, the provider's answer, the publish
 * message and its receipt, the deal ID, and the escrows before and after.
 *
 * @category models
 * @since 0.2.0
 */
export interface DealOutcome {
  readonly net: DealNetwork
  readonly proposal: ClientDealProposal
  readonly proposalCid: CID
  readonly status: ClientDealStatus
  readonly rejection: RejectionReason | null
  readonly dealId: bigint | null
  readonly publish: { readonly messageCid: CID; readonly exitCode: number } | null
  readonly escrowBefore: { readonly client: Escrow; readonly provider: Escrow }
  readonly escrowAfter: { readonly client: Escrow; readonly provider: Escrow }
}

/**
 * Runs StorageDealMake in a world: the client proposes `terms` for `piece` to the world's
 * provider, the network delivers until quiet (DealProposal → DealResponse, PublishStorageDeals on
 * chain → DealAccepted).
 *
 * @category network
 * @since 0.2.0
 */
export const makeDeal = (
  world: { readonly net: DealNetwork; readonly parties: DealParties }, piece: PieceRef, terms: DealTerms
): Result.Result<DealOutcome, ClientRejection> => {
  const { net, parties } = world
  const escrows = (vm: VmState) => ({ client: escrowOf(vm, parties.client.address), provider: escrowOf(vm, parties.miner) })
  const escrowBefore = escrows(net.vm)
  const proposed = clientInput(net, { _tag: "ProposeDeal", provider: parties.miner, providerWorker: parties.worker.address, piece, terms })
  if (Result.isFailure(proposed)) return Result.fail(proposed.failure)
  const deal = [...proposed.success.client.deals.values()].at(-1)!
  const done = runUntilQuiet(proposed.success)
  const record = done.client.deals.get(deal.proposalCid.toString())!
  const chained = done.log.flatMap((e) => (e._tag === "ChainMessage" ? [e] : []))
  const last = chained.at(-1)
  return Result.succeed({
    net: done, proposal: deal.proposal, proposalCid: deal.proposalCid, status: record.status, rejection: record.rejection,
    dealId: record.dealId, publish: last === undefined ? null : { messageCid: last.messageCid, exitCode: last.receipt.exitCode },
    escrowBefore, escrowAfter: escrows(done.vm)
  })
}
