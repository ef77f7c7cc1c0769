/**
 * The abstraction function from the implementation to the model: the chain state around the
 * market, one client and one provider, seen as the on-chain part of a `src/model/StorageMarket.ts`
 * state (its variables but the ghosts `signed`, `decisions`, `vouchersSigned`, `redemptions`,
 * `dealLog`, which the refinement harness tracks, as the payment channel's tracks `authorised`);
 * and which implementation failure (tag and exit code) stands for which model conjunct.
 *
 * The shapes below are the model's (`StorageMarketActions.ts` › `State`, `Proposal`, `DealState`,
 * `proposalKey`), restated structurally with the piece as the harness's name for it;
 * test/impl/actors/market/abstraction.test.ts checks the key and the conjunct names against the model.
 *
 * @see spec/tla/StorageMarket.tla
 * @module
 */
import type { Address } from "../../address/interface.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorId, VmState } from "../../vm/interface.js"
import { balanceOf } from "../../vm/vm.js"
import { idAddress } from "../../address/address.js"
import { BURNT_FUNDS_ACTOR_ID, STORAGE_MARKET_ACTOR_ID } from "./ext.js"
import { MarketExitCode } from "./policy.js"
import { EPOCH_UNDEFINED, type MarketState } from "./state.js"
import { type DealProposal, dealProposalCid } from "./types.js"

/** The model's `Proposal`: the fields the market acts on, the piece as its abstract name. */
export interface AbstractProposal {
  readonly piece: string
  readonly start: number
  readonly end: number
  readonly price: bigint
  readonly clientCollateral: bigint
  readonly providerCollateral: bigint
}

/** The model's `DealState`: sector, ever settled, paid so far. */
export interface AbstractDealState {
  readonly sector: number
  readonly updated: boolean
  readonly paid: bigint
}

/** The model's on-chain variables (`State` without the ghosts). */
export interface AbstractMarket {
  readonly epoch: number
  readonly balance: { readonly Client: bigint; readonly Provider: bigint; readonly Market: bigint; readonly Burnt: bigint }
  readonly escrow: { readonly Client: bigint; readonly Provider: bigint }
  readonly locked: { readonly Client: bigint; readonly Provider: bigint }
  readonly proposals: ReadonlyMap<number, AbstractProposal>
  readonly dealStates: ReadonlyMap<number, AbstractDealState>
  readonly pending: ReadonlySet<string>
  readonly nextId: number
}

/** Who is who on chain: the client's account, the provider's miner and the wallet its withdrawals go to (its owner), and the pieces' abstract names by piece CID. */
export interface MarketParties {
  readonly client: ActorId
  readonly miner: ActorId
  readonly providerWallet: Address
  readonly clientWallet: Address
  readonly pieces: ReadonlyMap<string, string>
}

/** The model's `proposalKey`: `piece/start/end/price/clientCollateral/providerCollateral`. */
export const abstractProposalKey = (p: AbstractProposal): string =>
  `${p.piece}/${p.start}/${p.end}/${p.price}/${p.clientCollateral}/${p.providerCollateral}`

/** A proposal as the model sees it (a piece CID the harness did not name stays its CID string). */
export const abstractProposal = (p: DealProposal, pieces: ReadonlyMap<string, string>): AbstractProposal => ({
  piece: pieces.get(p.pieceCid.toString()) ?? p.pieceCid.toString(),
  start: Number(p.startEpoch),
  end: Number(p.endEpoch),
  price: p.storagePricePerEpoch,
  clientCollateral: p.clientCollateral,
  providerCollateral: p.providerCollateral
})

/**
 * The model's on-chain state of the market at f05 for `parties` (see the module notes). The
 * pending set's CIDs are mapped back to the proposals they are the CIDs of; a pending CID with no
 * proposal (which the market never leaves) would show as the CID itself.
 *
 * @category refinement
 * @since 0.1.0
 */
export const abstractMarket = (vm: VmState, parties: MarketParties): AbstractMarket => {
  const st = vm.actors.get(STORAGE_MARKET_ACTOR_ID)?.state as MarketState
  const byCid = new Map<string, AbstractProposal>()
  const proposals = new Map<number, AbstractProposal>()
  for (const [id, p] of st.proposals) {
    const a = abstractProposal(p, parties.pieces)
    proposals.set(Number(id), a)
    byCid.set(dealProposalCid(p).toString(), a)
  }
  const dealStates = new Map<number, AbstractDealState>()
  for (const [id, s] of st.states) dealStates.set(Number(id), { sector: Number(s.sectorNumber), updated: s.lastUpdatedEpoch !== EPOCH_UNDEFINED, paid: s.paid })
  const pending = new Set<string>()
  for (const cid of st.pendingProposals) {
    const p = byCid.get(cid)
    pending.add(p === undefined ? cid : abstractProposalKey(p))
  }
  return {
    epoch: Number(vm.epoch),
    balance: {
      Client: balanceOf(vm, parties.clientWallet),
      Provider: balanceOf(vm, parties.providerWallet),
      Market: balanceOf(vm, idAddress(STORAGE_MARKET_ACTOR_ID)),
      Burnt: balanceOf(vm, idAddress(BURNT_FUNDS_ACTOR_ID))
    },
    escrow: { Client: st.escrowTable.get(parties.client) ?? 0n, Provider: st.escrowTable.get(parties.miner) ?? 0n },
    locked: { Client: st.lockedTable.get(parties.client) ?? 0n, Provider: st.lockedTable.get(parties.miner) ?? 0n },
    proposals,
    dealStates,
    pending,
    nextId: Number(st.nextId)
  }
}

/**
 * How the implementation rejects a step where a model conjunct fails: the receipt's tag and exit
 * code (for batch methods: the item's exit code in the batch return; the tag then does not reach
 * the receipt).
 *
 * @category refinement
 * @since 0.1.0
 */
export interface ConjunctFailure {
  readonly tag: string
  /** The exit code — for `DealPublished` / `DealExists`, that of a deal id never used (17 USR_NOT_FOUND). */
  readonly exitCode: number
  /**
   * Only where the code depends on the case, `DealPublished` / `DealExists`: the exit code of a
   * deal that was published and is gone (32 EX_DEAL_EXPIRED) — builtin-actors `get_proposal`
   * (state.rs:1218-1233) tells the two apart by `next_id`.
   */
  readonly exitCodeIfGone?: number
}

/**
 * For each model conjunct, how the implementation rejects a step where it fails
 * ({@link ConjunctFailure}). Conjuncts without an on-chain counterpart: `DealIdsLeft` (the model's
 * bound on deal ids), the negotiation's and SignVoucher's (off chain), `ClockRunning`.
 * SettleDealPayments reports a failing `DealPublished` differently, as its batch item 32 in both
 * cases (`settle_deal_payments` turns any `get_proposal` error into EX_DEAL_EXPIRED, lib.rs:1237-1243 @ v18.0.0).
 *
 * @category refinement
 * @since 0.1.0
 */
export const CONJUNCT_FAILURES: Readonly<Record<string, ConjunctFailure>> = {
  AmountPositive: { tag: "AmountPositive", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  AmountNonNegative: { tag: "AmountNonNegative", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  CallerIsRecipient: { tag: "CallerIsRecipient", exitCode: ExitCode.USR_FORBIDDEN },
  CallerControlsProvider: { tag: "CallerControlsProvider", exitCode: ExitCode.USR_FORBIDDEN },
  ProposalSignedByClient: { tag: "ProposalSignedByClient", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ProposalWellFormed: { tag: "ProposalWellFormed", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  EndAfterStart: { tag: "EndAfterStart", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  StartNotElapsed: { tag: "StartNotElapsed", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ClientBalanceCovered: { tag: "ClientBalanceCovered", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  ProviderBalanceCovered: { tag: "ProviderBalanceCovered", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  NotPendingDuplicate: { tag: "NotPendingDuplicate", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  CallerIsMiner: { tag: "CallerIsMiner", exitCode: ExitCode.USR_FORBIDDEN },
  DealPublished: { tag: "DealPublished", exitCode: ExitCode.USR_NOT_FOUND, exitCodeIfGone: MarketExitCode.EX_DEAL_EXPIRED },
  CallerIsDealProvider: { tag: "CallerIsDealProvider", exitCode: ExitCode.USR_FORBIDDEN },
  StartNotPassed: { tag: "StartNotPassed", exitCode: MarketExitCode.EX_DEAL_EXPIRED },
  NotYetActivated: { tag: "NotYetActivated", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  DealPending: { tag: "DealPending", exitCode: ExitCode.USR_ILLEGAL_STATE },
  DealExists: { tag: "DealExists", exitCode: ExitCode.USR_NOT_FOUND, exitCodeIfGone: MarketExitCode.EX_DEAL_EXPIRED },
  VoucherSignedByClient: { tag: "VoucherSignedByClient", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  DealActive: { tag: "DealActive", exitCode: MarketExitCode.EX_DEAL_NOT_ACTIVATED },
  PipForDealPiece: { tag: "PipForDealPiece", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  PipForDealSector: { tag: "PipForDealSector", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  VoucherAbovePaid: { tag: "VoucherAbovePaid", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT },
  VoucherWithinTotalPrice: { tag: "VoucherWithinTotalPrice", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT }
}

/**
 * The tag and exit code with which the implementation rejects a step where `conjunct` fails, for a
 * step about a deal that is `gone` (published and since removed) or not; undefined for a conjunct
 * with no on-chain failure.
 *
 * @example
 * conjunctFailure("DealExists", false) // => { tag: "DealExists", exitCode: 17 }
 * conjunctFailure("DealExists", true)  // => { tag: "DealExists", exitCode: 32 }
 * @category refinement
 * @since 0.1.0
 */
export const conjunctFailure = (conjunct: string, gone: boolean): { readonly tag: string; readonly exitCode: number } | undefined => {
  const f = CONJUNCT_FAILURES[conjunct]
  return f === undefined ? undefined : { tag: f.tag, exitCode: gone ? f.exitCodeIfGone ?? f.exitCode : f.exitCode }
}
