/**
 * Test helper: the abstraction from the implementation (the chain's market, the client's and the
 * provider's reducers, the client's signed vouchers) to the StorageMarket model's state.
 *
 * - The on-chain variables (epoch, balances, escrow, locked, proposals, dealStates, pending,
 *   nextId): the market's abstraction, src/impl/actors/market/abstraction.ts, with the client's
 *   account, the miner, and the provider's owner as its wallet (withdrawals go there; the worker
 *   and the control address never hold value here).
 * - signed, decisions: the parties' negotiation (src/impl/parties/abstraction.ts).
 * - vouchersSigned: the highest amount per deal of the vouchers the client signed (its wallet).
 * - redemptions: the RedeemVoucher messages that succeeded, counted by the harness per voucher.
 * - dealLog: a ghost history the chain does not keep (the model's own, passed in); what it
 *   records of payments is checked through the escrows and DealState.paid.
 */
import { abstractMarket as abstractOnChain } from "../../src/impl/actors/market/abstraction.js"
import type { SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { abstractNegotiation, abstractProposal } from "../../src/impl/parties/abstraction.js"
import type { ClientState } from "../../src/impl/parties/client/index.js"
import type { ProviderState } from "../../src/impl/parties/provider/index.js"
import type { DealProposal } from "../../src/impl/actors/market/types.js"
import type { VmState } from "../../src/impl/vm/interface.js"
import type { Piece, Proposal, State } from "../../src/model/StorageMarket.js"
import { type MarketWorld, PIECES } from "./_concretizeMarket.js"

/** Piece CID (string) → the model's piece. */
export const PIECE_NAMES: ReadonlyMap<string, Piece> = new Map(Object.entries(PIECES).map(([name, p]) => [p.cid.toString(), name as Piece]))

/** The model's record of a proposal (its piece must be one of the model's). */
export const modelProposal = (p: DealProposal): Proposal => {
  const a = abstractProposal(p, PIECE_NAMES)
  if (a === undefined) throw new Error(`a proposal for a piece the model does not name: ${p.pieceCid}`)
  return a
}

/** The harness's records the chain does not hold. */
export interface Ghosts {
  readonly client: ClientState
  readonly provider: ProviderState
  readonly wallet: ReadonlyArray<SignedVoucher>
  readonly redemptions: ReadonlyMap<string, number>
  readonly dealLog: State["dealLog"]
}

/** The model state of the implementation (module notes). */
export const abstractMarket = (vm: VmState, w: MarketWorld, g: Ghosts): State => {
  const onChain = abstractOnChain(vm, { client: w.clientId, miner: w.minerId, clientWallet: w.client.address, providerWallet: w.owner.address, pieces: PIECE_NAMES })
  const vouchersSigned = new Map<number, bigint>()
  for (const v of g.wallet) if (v.amount > (vouchersSigned.get(Number(v.lane)) ?? 0n)) vouchersSigned.set(Number(v.lane), v.amount)
  return {
    ...(onChain as Omit<State, "signed" | "decisions" | "vouchersSigned" | "redemptions" | "dealLog">),
    ...abstractNegotiation(g.client, g.provider, PIECE_NAMES),
    vouchersSigned,
    redemptions: g.redemptions,
    dealLog: g.dealLog
  }
}
