/**
 * The storage market's enabling conjuncts and actions: the TypeScript mirror of
 * `spec/tla/StorageMarket.tla` (which EXTENDS `Chain.tla`), conjunct by conjunct and in the same
 * order.  The constants, state and helper operators are in `StorageMarketTypes.ts` (re-exported
 * here); `Init`, `Next` and the specification are in `StorageMarket.ts`, the invariants in
 * `StorageMarketInvariants.ts`, the broken variants in `StorageMarketMutants.ts`.
 *
 * Source: filecoin-project/builtin-actors `actors/market/src/lib.rs`, `state.rs`, `deal.rs`,
 * `policy.rs` @ v18.0.0 (AddBalance, WithdrawBalance, PublishStorageDeals, BatchActivateDeals'
 * `preactivate_deal`, SettleDealPayments, CronTick, OnMinerSectorsTerminate); the seed's
 * StorageDealMake and "Via Blockchain" RedeemVoucher(Voucher, PIP), defined in the .tla header.
 *
 * @module
 */
import { action, conjunctNamesOf, conjunctsOver, type NotEnabled, type OperatorsOf } from "./_action.js"
import { excluding, including, updated } from "./_collections.js"
import { CanPay, Tick as ChainTick, Transfer } from "./Chain.js"
import {
  type ActionArgs, broken, type Caller, ClientLock, Earned, type Form, max0, type Party, PayEscrow, type Params, type Proposal, proposalKey,
  type Signature, SettlePay, Slashable, type State, TotalPrice, type Voucher, VoucherAuthorised, voucherKey, NoEpoch
} from "./StorageMarketTypes.js"

export * from "./StorageMarketTypes.js"

// ---------------------------------------------------------------------------------------------
// Enabling conjuncts, one per check
// ---------------------------------------------------------------------------------------------

const check = conjunctsOver<Params, State>()
type PArgs = { readonly p: Proposal }
type DArgs = { readonly d: number }
type CallerArgs = { readonly caller: Caller }
type VArgs = { readonly v: Voucher }
type AmountArgs = { readonly amount: bigint }

/** TLA+ `NotYetProposed(p)`. */
export const NotYetProposed = check("NotYetProposed", "the client proposes each proposal once", "state and args", (_, s, a: PArgs) => !s.signed.has(proposalKey(a.p)))
/** TLA+ `ProposalReceived(p)`. */
export const ProposalReceived = check("ProposalReceived", "the provider answers only proposals it received", "state and args", (_, s, a: PArgs) => s.signed.has(proposalKey(a.p)))
/** TLA+ `NotYetAnswered(p)`. */
export const NotYetAnswered = check("NotYetAnswered", "the provider answers a proposal once", "state and args", (_, s, a: PArgs) => !s.decisions.has(proposalKey(a.p)))
/** TLA+ `DealOfClient(d)`. */
export const DealOfClient = check("DealOfClient", "the client signs vouchers only for deals it signed", "state and args", (_, s, a: DArgs) => {
  const e = s.dealLog.get(a.d)
  return e !== undefined && s.signed.has(proposalKey(e.proposal))
})
/** TLA+ `VoucherRaises(d, a)`. */
export const VoucherRaises = check("VoucherRaises", "a voucher's amount is above what the client signed for the deal before",
  "state and args", (_, s, a: ActionArgs["SignVoucher"]) => a.a > VoucherAuthorised(s, a.d))
/** TLA+ `SenderCanPay(who, amount)` (mutant Overdraw: always). */
export const SenderCanPay = check("SenderCanPay", "the sender can pay the value it sends", "state and args",
  (p, s, a: ActionArgs["AddBalance"]) => broken(p, "Overdraw") || CanPay(s, a.who, a.amount))
/** TLA+ `AmountPositive(amount)`. */
export const AmountPositive = check("AmountPositive", "the balance to add is above zero", "args", (_, a: AmountArgs) => a.amount > 0n)
/** TLA+ `AmountNonNegative(amount)`. */
export const AmountNonNegative = check("AmountNonNegative", "the amount to withdraw is not negative", "args", (_, a: AmountArgs) => a.amount >= 0n)
/** TLA+ `CallerIsRecipient(who, caller)`. */
export const CallerIsRecipient = check("CallerIsRecipient", "only the party itself withdraws its escrow", "args",
  (_, a: ActionArgs["WithdrawBalance"]) => a.caller === a.who)
/** TLA+ `CallerControlsProvider(caller)`. */
export const CallerControlsProvider = check("CallerControlsProvider", "the caller is the provider's worker or control address", "args", (_, a: CallerArgs) => a.caller === "Provider")
/** TLA+ `ProposalSignedByClient(sig)` (mutant SkipSignatureCheck: always). */
export const ProposalSignedByClient = check("ProposalSignedByClient", "the client signed the proposal", "args",
  (p, a: { readonly sig: Signature }) => broken(p, "SkipSignatureCheck") || a.sig === "Client")
/** TLA+ `ProposalWellFormed(form)`. */
export const ProposalWellFormed = check("ProposalWellFormed", "label, piece size, piece CID, duration, price and collaterals pass validate_deal",
  "args", (_, a: { readonly form: Form }) => a.form === "Valid")
/** TLA+ `EndAfterStart(p)`. */
export const EndAfterStart = check("EndAfterStart", "the proposal ends after it starts", "args", (_, a: PArgs) => a.p.end > a.p.start)
/** TLA+ `StartNotElapsed(p)`. */
export const StartNotElapsed = check("StartNotElapsed", "the proposal's start epoch has not passed", "state and args", (_, s, a: PArgs) => s.epoch <= a.p.start)
/** TLA+ `ClientBalanceCovered(p)`. */
export const ClientBalanceCovered = check("ClientBalanceCovered", "the client's unlocked escrow covers the total price and its collateral",
  "state and args", (_, s, a: PArgs) => s.locked.Client + ClientLock(a.p) <= s.escrow.Client)
/** TLA+ `ProviderBalanceCovered(p)`. */
export const ProviderBalanceCovered = check("ProviderBalanceCovered", "the provider's unlocked escrow covers its collateral",
  "state and args", (_, s, a: PArgs) => s.locked.Provider + a.p.providerCollateral <= s.escrow.Provider)
/** TLA+ `NotPendingDuplicate(p)`. */
export const NotPendingDuplicate = check("NotPendingDuplicate", "the same proposal is not pending already", "state and args", (_, s, a: PArgs) => !s.pending.has(proposalKey(a.p)))
/** TLA+ `DealIdsLeft`: the model's bound on deal ids. */
export const DealIdsLeft = check("DealIdsLeft", "nextId < MaxDeals (the model's bound)", "state", (p, s) => s.nextId < p.MaxDeals)
/** TLA+ `CallerIsMiner(caller)`. */
export const CallerIsMiner = check("CallerIsMiner", "the caller is a storage miner actor", "args", (_, a: CallerArgs) => a.caller === "Provider" || a.caller === "OtherMiner")
/** TLA+ `DealPublished(d)`. */
export const DealPublished = check("DealPublished", "the deal's proposal exists", "state and args", (_, s, a: DArgs) => s.proposals.has(a.d))
/** TLA+ `CallerIsDealProvider(caller)`. */
export const CallerIsDealProvider = check("CallerIsDealProvider", "the caller is the deal's provider", "args", (_, a: CallerArgs) => a.caller === "Provider")
/** TLA+ `StartNotPassed(d)`. */
export const StartNotPassed = check("StartNotPassed", "the deal's start epoch has not passed", "state and args", (_, s, a: DArgs) => s.epoch <= s.proposals.get(a.d)!.start)
/** TLA+ `NotYetActivated(d)`. */
export const NotYetActivated = check("NotYetActivated", "the deal is not activated already", "state and args", (_, s, a: DArgs) => !s.dealStates.has(a.d))
/** TLA+ `DealPending(d)`. */
export const DealPending = check("DealPending", "the deal's proposal is in the pending set", "state and args", (_, s, a: DArgs) => s.pending.has(proposalKey(s.proposals.get(a.d)!)))
/** TLA+ `SettlementDue(d)`: activated, or its start reached (else TooEarly: a success that changes nothing). */
export const SettlementDue = check("SettlementDue", "the deal is activated or its start epoch is reached", "state and args",
  (_, s, a: DArgs) => s.dealStates.has(a.d) || s.epoch >= s.proposals.get(a.d)!.start)
/** TLA+ `StartReached(d)`. */
export const StartReached = check("StartReached", "cron reaches a deal at or after its start epoch", "state and args", (_, s, a: DArgs) => s.epoch >= s.proposals.get(a.d)!.start)
/** TLA+ `CronScheduled(d)`: cron does not schedule again an activated deal it took out of the pending set. */
export const CronScheduled = check("CronScheduled", "cron still has an entry for the deal", "state and args", (_, s, a: DArgs) => {
  const st = s.dealStates.get(a.d)
  return st === undefined || st.updated || s.pending.has(proposalKey(s.proposals.get(a.d)!))
})
/** TLA+ `DealExists(v)`. */
export const DealExists = check("DealExists", "the voucher's deal exists", "state and args", (_, s, a: VArgs) => s.proposals.has(a.v.deal))
/** TLA+ `VoucherSignedByClient(v)` (mutant SkipVoucherSignatureCheck: always). */
export const VoucherSignedByClient = check("VoucherSignedByClient", "the deal's client signed the voucher", "args",
  (p, a: VArgs) => broken(p, "SkipVoucherSignatureCheck") || a.v.signer === "Client")
/** TLA+ `DealActive(v)`. */
export const DealActive = check("DealActive", "the voucher's deal is activated and not terminated", "state and args", (_, s, a: VArgs) => s.dealStates.has(a.v.deal))
/** TLA+ `PipForDealPiece(v, pip)`. */
export const PipForDealPiece = check("PipForDealPiece", "the PIP proves the deal's piece", "state and args",
  (_, s, a: ActionArgs["RedeemVoucher"]) => a.pip.piece === s.proposals.get(a.v.deal)!.piece)
/** TLA+ `PipForDealSector(v, pip)`. */
export const PipForDealSector = check("PipForDealSector", "the PIP is against the CommD of the deal's sector", "state and args",
  (_, s, a: ActionArgs["RedeemVoucher"]) => a.pip.sector === s.dealStates.get(a.v.deal)!.sector)
/** TLA+ `VoucherAbovePaid(v)` (mutant SkipVoucherAmountCheck: always). */
export const VoucherAbovePaid = check("VoucherAbovePaid", "the voucher's amount is above what the deal has paid", "state and args",
  (p, s, a: VArgs) => broken(p, "SkipVoucherAmountCheck") || a.v.amount > s.dealStates.get(a.v.deal)!.paid)
/** TLA+ `VoucherWithinTotalPrice(v)` (mutant VoucherUncapped: always). */
export const VoucherWithinTotalPrice = check("VoucherWithinTotalPrice", "the voucher's amount is at most the deal's total price", "state and args",
  (p, s, a: VArgs) => broken(p, "VoucherUncapped") || a.v.amount <= TotalPrice(s.proposals.get(a.v.deal)!))

// ---------------------------------------------------------------------------------------------
// Effects shared by several actions
// ---------------------------------------------------------------------------------------------

const withoutKey = <K, V>(m: ReadonlyMap<K, V>, k: K): ReadonlyMap<K, V> => {
  const out = new Map<K, V>()
  for (const [j, w] of m) if (j !== k) out.set(j, w)
  return out
}

const logPaid = (s: State, d: number, pay: bigint): State["dealLog"] => {
  const e = s.dealLog.get(d)!
  return updated(s.dealLog, d, { ...e, paid: e.paid + pay })
}

/** TLA+ `TimeOut(d)`: process_deal_init_timed_out (mutants TimeoutPaysProvider, TimeoutKeepsClientLocked, PenaltyNotBurnt). */
const TimeOut = (p: Params, s: State, d: number): State => {
  const prop = s.proposals.get(d)!
  const pay = broken(p, "TimeoutPaysProvider") ? Earned(prop, s.epoch) : 0n
  const unlock = broken(p, "TimeoutKeepsClientLocked") ? 0n : ClientLock(prop)
  const burn = broken(p, "PenaltyNotBurnt") ? 0n : prop.providerCollateral
  return {
    ...s,
    escrow: { Client: s.escrow.Client - pay, Provider: s.escrow.Provider + pay - prop.providerCollateral },
    locked: { Client: s.locked.Client - unlock, Provider: s.locked.Provider - prop.providerCollateral },
    balance: Transfer(s.balance, "Market", "Burnt", burn),
    proposals: withoutKey(s.proposals, d),
    pending: excluding(s.pending, proposalKey(prop)),
    dealLog: logPaid(s, d, pay)
  }
}

/** TLA+ `Settle(d)`: process_deal_update of an active deal, completing it at its end (mutant RemoveProposalOnly). */
const Settle = (p: Params, s: State, d: number): State => {
  const prop = s.proposals.get(d)!
  const st = s.dealStates.get(d)!
  const pay = SettlePay(s, d)
  const base = { ...s, escrow: PayEscrow(s.escrow, pay), pending: st.updated ? s.pending : excluding(s.pending, proposalKey(prop)), dealLog: logPaid(s, d, pay) }
  if (s.epoch >= prop.end) {
    return {
      ...base,
      locked: { Client: s.locked.Client - (TotalPrice(prop) - st.paid) - prop.clientCollateral, Provider: s.locked.Provider - prop.providerCollateral },
      proposals: withoutKey(s.proposals, d),
      dealStates: broken(p, "RemoveProposalOnly") ? s.dealStates : withoutKey(s.dealStates, d)
    }
  }
  return { ...base, locked: { ...s.locked, Client: s.locked.Client - pay }, dealStates: updated(s.dealStates, d, { ...st, updated: true, paid: st.paid + pay }) }
}

/** TLA+ `OnMinerSectorsTerminate`'s effect: slash every deal of `Slashable(s, caller)` (mutant TerminateKeepsDeal). */
const Terminate = (p: Params, s: State, sector: number, caller: Caller): State => {
  const T = Slashable(s, sector, caller)
  // nothing to slash: every sum below is 0 and every map is copied unchanged, so the state is `s`
  if (T.length === 0) return s
  const kept = broken(p, "TerminateKeepsDeal")
  let pays = 0n, burnt = 0n, released = 0n
  const proposals = new Map(s.proposals), dealStates = new Map(s.dealStates), dealLog = new Map(s.dealLog)
  const pending = new Set(s.pending)
  for (const d of T) {
    const prop = s.proposals.get(d)!, st = s.dealStates.get(d)!, pay = SettlePay(s, d)
    pays += pay
    burnt += prop.providerCollateral
    released += ClientLock(prop) - st.paid
    if (!st.updated) pending.delete(proposalKey(prop))
    const e = s.dealLog.get(d)!
    dealLog.set(d, { ...e, slashedAt: s.epoch, paid: e.paid + pay })
    if (kept) dealStates.set(d, { ...st, paid: st.paid + pay })
    else {
      proposals.delete(d)
      dealStates.delete(d)
    }
  }
  return {
    ...s,
    escrow: { Client: s.escrow.Client - pays, Provider: s.escrow.Provider + pays - burnt },
    locked: { Client: s.locked.Client - released, Provider: s.locked.Provider - burnt },
    balance: Transfer(s.balance, "Market", "Burnt", burnt),
    proposals, dealStates, pending, dealLog
  }
}

/** TLA+ `Withdrawn(who, amount)`: subtract_with_minimum (mutant WithdrawIgnoresLocked). */
const Withdrawn = (p: Params, s: State, who: Party, amount: bigint): bigint => {
  const available = broken(p, "WithdrawIgnoresLocked") ? s.escrow[who] : max0(s.escrow[who] - s.locked[who])
  return amount < available ? amount : available
}

/** TLA+ `VoucherPay(v)` (mutant PayWholeVoucher: the whole amount). */
const VoucherPay = (p: Params, s: State, v: Voucher): bigint => (broken(p, "PayWholeVoucher") ? v.amount : v.amount - s.dealStates.get(v.deal)!.paid)

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/**
 * The TLA+ actions, each with its conjuncts in the actor's order (see the boxed comment of each
 * in StorageMarket.tla).
 *
 * @category actions
 * @since 0.3.0
 */
export const Actions = {
  ProposeDeal: action<Params, State, ActionArgs["ProposeDeal"]>()("ProposeDeal", [NotYetProposed],
    (_, s, { p }) => ({ ...s, signed: including(s.signed, proposalKey(p)) })),
  RespondToProposal: action<Params, State, ActionArgs["RespondToProposal"]>()("RespondToProposal", [ProposalReceived, NotYetAnswered],
    (_, s, { p, accept }) => ({ ...s, decisions: updated(s.decisions, proposalKey(p), accept ? "Accepted" : "Rejected") })),
  AddBalance: action<Params, State, ActionArgs["AddBalance"]>()("AddBalance", [SenderCanPay, AmountPositive], (_, s, { who, amount }) => ({
    ...s, balance: Transfer(s.balance, who, "Market", amount), escrow: { ...s.escrow, [who]: s.escrow[who] + amount }
  })),
  WithdrawBalance: action<Params, State, ActionArgs["WithdrawBalance"]>()("WithdrawBalance", [AmountNonNegative, CallerIsRecipient], (p, s, { who, amount }) => {
    const x = Withdrawn(p, s, who, amount)
    return { ...s, balance: Transfer(s.balance, "Market", who, x), escrow: { ...s.escrow, [who]: s.escrow[who] - x } }
  }),
  PublishStorageDeals: action<Params, State, ActionArgs["PublishStorageDeals"]>()("PublishStorageDeals", [
    CallerControlsProvider, ProposalSignedByClient, ProposalWellFormed, EndAfterStart, StartNotElapsed, ClientBalanceCovered,
    ProviderBalanceCovered, NotPendingDuplicate, DealIdsLeft
  ], (_, s, { p }) => ({
    ...s,
    locked: { Client: s.locked.Client + ClientLock(p), Provider: s.locked.Provider + p.providerCollateral },
    proposals: updated(s.proposals, s.nextId, p),
    pending: including(s.pending, proposalKey(p)),
    nextId: s.nextId + 1,
    dealLog: updated(s.dealLog, s.nextId, { proposal: p, activated: false, slashedAt: NoEpoch, paid: 0n })
  })),
  ActivateDeals: action<Params, State, ActionArgs["ActivateDeals"]>()("ActivateDeals", [
    CallerIsMiner, DealPublished, CallerIsDealProvider, StartNotPassed, NotYetActivated, DealPending
  ], (_, s, { d, s: sector }) => ({
    ...s,
    dealStates: updated(s.dealStates, d, { sector, updated: false, paid: 0n }),
    dealLog: updated(s.dealLog, d, { ...s.dealLog.get(d)!, activated: true })
  })),
  SettleDealPayments: action<Params, State, ActionArgs["SettleDealPayments"]>()("SettleDealPayments", [DealPublished, SettlementDue],
    (p, s, { d }) => (s.dealStates.has(d) ? Settle(p, s, d) : TimeOut(p, s, d))),
  CronTick: action<Params, State, ActionArgs["CronTick"]>()("CronTick", [DealPublished, StartReached, CronScheduled], (p, s, { d }) => {
    const st = s.dealStates.get(d)
    if (st === undefined) return TimeOut(p, s, d)
    return st.updated ? Settle(p, s, d) : { ...s, pending: excluding(s.pending, proposalKey(s.proposals.get(d)!)) }
  }),
  OnMinerSectorsTerminate: action<Params, State, ActionArgs["OnMinerSectorsTerminate"]>()("OnMinerSectorsTerminate", [CallerIsMiner],
    (p, s, { s: sector, caller }) => Terminate(p, s, sector, caller)),
  SignVoucher: action<Params, State, ActionArgs["SignVoucher"]>()("SignVoucher", [DealOfClient, VoucherRaises],
    (_, s, { d, a }) => ({ ...s, vouchersSigned: updated(s.vouchersSigned, d, a) })),
  RedeemVoucher: action<Params, State, ActionArgs["RedeemVoucher"]>()("RedeemVoucher", [
    DealExists, CallerIsDealProvider, VoucherSignedByClient, DealActive, PipForDealPiece, PipForDealSector, VoucherAbovePaid, VoucherWithinTotalPrice
  ], (p, s, { v }) => {
    const pay = VoucherPay(p, s, v)
    const k = voucherKey(v.deal, v.amount)
    return {
      ...s,
      escrow: PayEscrow(s.escrow, pay),
      locked: { ...s.locked, Client: s.locked.Client - pay },
      dealStates: updated(s.dealStates, v.deal, { ...s.dealStates.get(v.deal)!, paid: v.amount }),
      dealLog: logPaid(s, v.deal, pay),
      redemptions: updated(s.redemptions, k, (s.redemptions.get(k) ?? 0) + 1)
    }
  }),
  Tick: ChainTick<Params, State>()
} as const

/** The TLA+ actions of StorageMarket. */
export type Action = keyof typeof Actions
/** The conjuncts of each action, as types: an action's `NotEnabled` is the union of their errors. */
export type ActionOperators = { readonly [K in Action]: OperatorsOf<(typeof Actions)[K]> }
/** The name of an enabling conjunct (a TLA+ operator) that can fail. */
export type Operator = ActionOperators[Action]
/** Why a storage-market action is not enabled: the union of the conjunct errors. */
export type StorageMarketNotEnabled = NotEnabled<Operator>

/** Each action's enabling conjuncts, by TLA+ operator name, in order (checked against the .tla text by the tests). */
export const Conjuncts: { readonly [K in Action]: ReadonlyArray<ActionOperators[K]> } = conjunctNamesOf(Actions)

/** Every operator name, each once, in the order the actions list them. */
export const Operators: ReadonlyArray<Operator> = [...new Set(Object.values(Conjuncts).flat())]
