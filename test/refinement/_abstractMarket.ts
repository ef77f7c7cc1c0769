/**
 * Test helper: the abstraction from the implementation (the chain's market, the client's and the
 * provider's reducers, the client's signed vouchers) to the StorageMarket model's state.
 *
 * - epoch, balances: the chain's epoch; the client's account, the provider's accounts (owner,
 *   worker, control: withdrawals go to the owner), the market f05, burnt funds f099.
 * - escrow, locked: the market's escrow and locked tables of the client's and the miner's ids.
 * - proposals, dealStates, pending, nextId: the market's DealProposals, DealStates (`updated` =
 *   last_updated_epoch set; `paid` the seed extension's field), pending proposal CIDs (each mapped
 *   back to the model record the harness concretized it from), next_id.
 * - signed, decisions: the parties' negotiation (src/impl/parties/abstraction.ts).
 * - vouchersSigned: the highest amount per deal of the vouchers the client signed (its wallet).
 * - redemptions: the RedeemVoucher messages that succeeded, counted by the harness per voucher.
 * - dealLog: a ghost history the chain does not keep (the model's own, passed in); what it
 *   records of payments is checked through the escrows and DealState.paid.
 */
import type { SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { abstractNegotiation, abstractProposal } from "../../src/impl/parties/abstraction.js"
import type { ClientState } from "../../src/impl/parties/client/index.js"
import type { ProviderState } from "../../src/impl/parties/provider/index.js"
import type { DealProposal } from "../../src/impl/actors/market/types.js"
import { EPOCH_UNDEFINED } from "../../src/impl/actors/market/state.js"
import { idAddress } from "../../src/impl/address/address.js"
import type { VmState } from "../../src/impl/vm/interface.js"
import { balanceOf } from "../../src/impl/vm/vm.js"
import { type DealState, type Piece, type Proposal, type State } from "../../src/model/StorageMarket.js"
import { marketState, type MarketWorld, PIECES } from "./_concretizeMarket.js"

/** Piece CID (string) → the model's piece. */
export const PIECE_NAMES: ReadonlyMap<string, Piece> = new Map(Object.entries(PIECES).map(([name, p]) => [p.cid.toString(), name as Piece]))

/** The model's record of a proposal on chain (its piece must be one of the model's). */
export const modelProposal = (p: DealProposal): Proposal => {
  const a = abstractProposal(p, PIECE_NAMES)
  if (a === undefined) throw new Error(`a proposal on chain for a piece the model does not name: ${p.pieceCid}`)
  return a
}

/** The harness's records the chain does not hold. */
export interface Ghosts {
  readonly client: ClientState
  readonly provider: ProviderState
  readonly wallet: ReadonlyArray<SignedVoucher>
  readonly redemptions: ReadonlyMap<string, number>
  readonly dealLog: State["dealLog"]
  /** Pending-proposal CID (string) → the model's proposal key. */
  readonly pendingKeys: ReadonlyMap<string, string>
}

/** The model state of the implementation (module notes). */
export const abstractMarket = (vm: VmState, w: MarketWorld, g: Ghosts): State => {
  const st = marketState(vm)
  const party = (table: ReadonlyMap<bigint, bigint>) => ({ Client: table.get(w.clientId) ?? 0n, Provider: table.get(w.minerId) ?? 0n })
  const proposals = new Map<number, Proposal>()
  for (const [id, p] of st.proposals) proposals.set(Number(id), modelProposal(p))
  const dealStates = new Map<number, DealState>()
  for (const [id, s] of st.states) dealStates.set(Number(id), { sector: Number(s.sectorNumber), updated: s.lastUpdatedEpoch !== EPOCH_UNDEFINED, paid: s.paid })
  const pending = new Set<string>()
  for (const cid of st.pendingProposals) {
    const key = g.pendingKeys.get(cid)
    if (key === undefined) throw new Error(`a pending proposal the harness did not make: ${cid}`)
    pending.add(key)
  }
  const negotiation = abstractNegotiation(g.client, g.provider, PIECE_NAMES)
  const vouchersSigned = new Map<number, bigint>()
  for (const v of g.wallet) if (v.amount > (vouchersSigned.get(Number(v.lane)) ?? 0n)) vouchersSigned.set(Number(v.lane), v.amount)
  return {
    epoch: Number(vm.epoch),
    balance: {
      Client: balanceOf(vm, w.client.address),
      Provider: balanceOf(vm, w.owner.address) + balanceOf(vm, w.worker.address) + balanceOf(vm, w.control.address),
      Market: balanceOf(vm, idAddress(5n)),
      Burnt: balanceOf(vm, idAddress(99n))
    },
    escrow: party(st.escrowTable),
    locked: party(st.lockedTable),
    proposals, dealStates, pending,
    nextId: Number(st.nextId),
    signed: negotiation.signed,
    decisions: negotiation.decisions,
    vouchersSigned,
    redemptions: g.redemptions,
    dealLog: g.dealLog
  }
}
