/**
 * The storage market's constants, state, argument types and the TLA+ operators that are not
 * checks: the first part of the TypeScript mirror of `spec/tla/StorageMarket.tla` (the conjuncts
 * and actions are in `StorageMarketActions.ts`, which re-exports this module).
 *
 * Source: filecoin-project/builtin-actors `actors/market/src/deal.rs` and `state.rs` @ v18.0.0
 * (total_storage_fee, client_balance_requirement, the payment of process_deal_update).
 *
 * @module
 */
import type { ChainState } from "./Chain.js"
import type { Mutant } from "./StorageMarketMutants.js"

// ---------------------------------------------------------------------------------------------
// Constants and state
// ---------------------------------------------------------------------------------------------

/** TLA+ `Accounts`: the client's wallet, the provider's (owner's) wallet, the market (all escrow), burnt funds. */
export type Account = "Client" | "Provider" | "Market" | "Burnt"
/** TLA+ `Parties`: whose escrow. */
export type Party = "Client" | "Provider"
/** Who sends a message: the client, the provider (its worker, or its miner actor), another miner. */
export type Caller = "Client" | "Provider" | "OtherMiner"
/** An abstract piece CID. */
export type Piece = "P1" | "P2"
/** Who signed a proposal or a voucher: the client, or anybody else. */
export type Signature = "Client" | "Forged"
/** A proposal's shape: valid, or failing one of the state-less checks the model does not spell out. */
export type Form = "Valid" | "Malformed"
/** The provider's answer to a proposal. */
export type Decision = "Accepted" | "Rejected"

/**
 * The TLA+ CONSTANTS.  `MaxEpoch`, `MaxDeals` and `Mutant` shape the actions; the others are
 * initial funds and the domains `Next` draws arguments from.  `Mutant` absent is "None".
 *
 * @category models
 * @since 0.3.0
 */
export interface Constants {
  readonly MaxEpoch: number
  readonly ClientFunds: bigint
  readonly ProviderFunds: bigint
  readonly Pieces: ReadonlyArray<Piece>
  readonly ProofPieces: ReadonlyArray<Piece>
  readonly Starts: ReadonlyArray<number>
  readonly Ends: ReadonlyArray<number>
  readonly Prices: ReadonlyArray<bigint>
  readonly ClientCollaterals: ReadonlyArray<bigint>
  readonly ProviderCollaterals: ReadonlyArray<bigint>
  readonly Sectors: ReadonlyArray<number>
  readonly MaxDeals: number
  readonly Callers: ReadonlyArray<Caller>
  readonly Signatures: ReadonlyArray<Signature>
  readonly Forms: ReadonlyArray<Form>
  readonly VoucherAmounts: ReadonlyArray<bigint>
  readonly VoucherSigners: ReadonlyArray<Signature>
  readonly AddAmounts: ReadonlyArray<bigint>
  readonly WithdrawAmounts: ReadonlyArray<bigint>
  readonly Mutant?: Mutant
}

/** The constants an action's conjuncts or effect read (the rest bound `Next`). */
export type Params = Pick<Constants, "MaxEpoch" | "MaxDeals" | "Mutant">

/** TLA+ `Proposal`: a deal proposal's fields the market acts on (price per epoch; amounts in attoFIL). */
export interface Proposal {
  readonly piece: Piece
  readonly start: number
  readonly end: number
  readonly price: bigint
  readonly clientCollateral: bigint
  readonly providerCollateral: bigint
}

/** TLA+ `DealState`: an activated deal's sector, whether it was ever settled, and what it has paid. */
export interface DealState {
  readonly sector: number
  readonly updated: boolean
  readonly paid: bigint
}

/** TLA+ `LogEntry`: a deal's history (ghost): its proposal, activated, slashed when (−1: never), paid in total. */
export interface LogEntry {
  readonly proposal: Proposal
  readonly activated: boolean
  readonly slashedAt: number
  readonly paid: bigint
}

/** TLA+ `Voucher`: the client's signed cumulative amount for one deal. */
export interface Voucher {
  readonly deal: number
  readonly amount: bigint
  readonly signer: Signature
}

/** TLA+ `Pip`: a piece inclusion proof, abstracted to the piece and the sector it proves. */
export interface Pip {
  readonly piece: Piece
  readonly sector: number
}

/**
 * The TLA+ VARIABLES, exactly.  Sets of proposals (`pending`, `signed`, the keys of `decisions`)
 * hold {@link proposalKey}s; `redemptions` is keyed by {@link voucherKey}.
 *
 * @category models
 * @since 0.3.0
 */
export interface State extends ChainState<Account> {
  readonly escrow: Readonly<Record<Party, bigint>>
  readonly locked: Readonly<Record<Party, bigint>>
  readonly proposals: ReadonlyMap<number, Proposal>
  readonly dealStates: ReadonlyMap<number, DealState>
  readonly pending: ReadonlySet<string>
  readonly nextId: number
  readonly signed: ReadonlySet<string>
  readonly decisions: ReadonlyMap<string, Decision>
  readonly vouchersSigned: ReadonlyMap<number, bigint>
  readonly redemptions: ReadonlyMap<string, number>
  readonly dealLog: ReadonlyMap<number, LogEntry>
}

/** The arguments of every action, by action name. */
export interface ActionArgs {
  readonly ProposeDeal: { readonly p: Proposal }
  readonly RespondToProposal: { readonly p: Proposal; readonly accept: boolean }
  readonly AddBalance: { readonly who: Party; readonly amount: bigint }
  readonly WithdrawBalance: { readonly who: Party; readonly caller: Caller; readonly amount: bigint }
  readonly PublishStorageDeals: { readonly p: Proposal; readonly sig: Signature; readonly form: Form; readonly caller: Caller }
  readonly ActivateDeals: { readonly d: number; readonly s: number; readonly caller: Caller }
  readonly SettleDealPayments: { readonly d: number }
  readonly CronTick: { readonly d: number }
  readonly OnMinerSectorsTerminate: { readonly s: number; readonly caller: Caller }
  readonly SignVoucher: { readonly d: number; readonly a: bigint }
  readonly RedeemVoucher: { readonly v: Voucher; readonly pip: Pip; readonly caller: Caller }
  readonly Tick: Record<string, never>
}

// ---------------------------------------------------------------------------------------------
// Helpers (TLA+ operators that are not checks)
// ---------------------------------------------------------------------------------------------

/** Whether the model runs as broken variant `m`. */
export const broken = (p: Params, m: Mutant): boolean => p.Mutant === m

/** TLA+ `NoEpoch`: a deal never slashed. */
export const NoEpoch = -1

/** Each proposal object's key, computed once (the models' proposals are shared, immutable objects). */
const proposalKeys = new WeakMap<Proposal, string>()

/** A proposal's canonical key: equal exactly when the TLA+ records are equal. */
export const proposalKey = (p: Proposal): string => {
  let k = proposalKeys.get(p)
  if (k === undefined) {
    k = `${p.piece}/${p.start}/${p.end}/${p.price}/${p.clientCollateral}/${p.providerCollateral}`
    proposalKeys.set(p, k)
  }
  return k
}

/** TLA+ `[deal |-> v.deal, amount |-> v.amount]`, the key of `redemptions`. */
export const voucherKey = (deal: number, amount: bigint): string => `${deal}:${amount}`

/** TLA+ `TotalPrice(p)`: total_storage_fee, the price over the whole deal. */
export const TotalPrice = (p: Proposal): bigint => p.price * BigInt(p.end - p.start)

/** TLA+ `ClientLock(p)`: client_balance_requirement, what publishing locks of the client. */
export const ClientLock = (p: Proposal): bigint => TotalPrice(p) + p.clientCollateral

/** TLA+ `Earned(p, e)`: the price per epoch from the start to e, capped at the end. */
export const Earned = (p: Proposal, e: number): bigint => (e <= p.start ? 0n : p.price * BigInt(Math.min(e, p.end) - p.start))

/** `Max(0, x)`. */
export const max0 = (x: bigint): bigint => (x > 0n ? x : 0n)

/** TLA+ `PayEscrow(e, amount)`: the client pays `amount` of its escrow to the provider's. */
export const PayEscrow = (e: State["escrow"], amount: bigint): State["escrow"] => ({ Client: e.Client - amount, Provider: e.Provider + amount })

/** TLA+ `VoucherAuthorised(d)`: the highest amount the client signed a voucher for on deal d (0: none). */
export const VoucherAuthorised = (s: State, d: number): bigint => s.vouchersSigned.get(d) ?? 0n

/** TLA+ `Slashable(s, caller)`: the caller's deals active in sector `sector` whose end has not passed. */
export const Slashable = (s: State, sector: number, caller: Caller): Array<number> => {
  if (caller !== "Provider") return []
  const out: Array<number> = []
  for (const [d, st] of s.dealStates) if (st.sector === sector && s.epoch < s.proposals.get(d)!.end) out.push(d)
  return out
}

/** TLA+ `SettlePay(d)` and `SlashPay(d)`: what time has earned on active deal d beyond what it paid. */
export const SettlePay = (s: State, d: number): bigint => max0(Earned(s.proposals.get(d)!, s.epoch) - s.dealStates.get(d)!.paid)

/** TLA+ `PublishPresentable(p, sig)`: the provider publishes with the client's signature only what it accepted. */
export const PublishPresentable = (_: Params, s: State, a: ActionArgs["PublishStorageDeals"]): boolean =>
  a.sig === "Client" ? s.decisions.get(proposalKey(a.p)) === "Accepted" : true

/** TLA+ `VoucherPresentable(v)`: a client-signed voucher is within what the client signed for the deal. */
export const VoucherPresentable = (_: Params, s: State, a: ActionArgs["RedeemVoucher"]): boolean =>
  a.v.signer === "Client" ? a.v.amount <= VoucherAuthorised(s, a.v.deal) : true
