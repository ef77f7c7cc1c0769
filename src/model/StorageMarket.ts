/**
 * The storage market, as pure state transitions: the TypeScript mirror of
 * `spec/tla/StorageMarket.tla` (which EXTENDS `Chain.tla`) — the seed's StorageDealMake between
 * one client and one provider and the StorageMarketActor of builtin-actors v18.0.0, with the
 * seed's RedeemVoucher(Voucher, PIP).  Same constants, variables, actions (enabling conjuncts in
 * the same order), `Init`, `Next`, invariants and action property, under the same names.  The
 * conjuncts and actions are in `StorageMarketActions.ts`, the invariants in
 * `StorageMarketInvariants.ts`, the broken variants in `StorageMarketMutants.ts`; this module adds
 * `Init`, the argument domains, `Next` and the specification the explorer walks.
 *
 * Source: filecoin-project/builtin-actors `actors/market/src` @ v18.0.0; the seed's storage flow.
 *
 * @module
 */
import { type Disjunct, disjunct, nextOf } from "./_action.js"
import type { Specification, Step } from "./interface.js"
import {
  type Action, type ActionArgs, Actions, type Constants, type DealState, type LogEntry, type Params, type Pip, type Proposal,
  proposalKey, PublishPresentable, type State, type Voucher, VoucherPresentable
} from "./StorageMarketActions.js"
import { stateEncoding } from "./StorageMarketEncoding.js"
import { Invariants, Properties } from "./StorageMarketInvariants.js"

export * from "./StorageMarketActions.js"
export * from "./StorageMarketInvariants.js"
export * from "./StorageMarketMutants.js"

/**
 * TLA+ `Init`: the parties hold their funds, the market is empty, nothing is signed.
 *
 * @category actions
 * @since 0.3.0
 */
export const Init = (c: Pick<Constants, "ClientFunds" | "ProviderFunds">): State => ({
  epoch: 0,
  balance: { Client: c.ClientFunds, Provider: c.ProviderFunds, Market: 0n, Burnt: 0n },
  escrow: { Client: 0n, Provider: 0n },
  locked: { Client: 0n, Provider: 0n },
  proposals: new Map(),
  dealStates: new Map(),
  pending: new Set(),
  nextId: 0,
  signed: new Set(),
  decisions: new Map(),
  vouchersSigned: new Map(),
  redemptions: new Map(),
  dealLog: new Map()
})

// ---------------------------------------------------------------------------------------------
// Argument domains, Next and the specification
// ---------------------------------------------------------------------------------------------

/** TLA+ `Proposal`: every proposal the bounds allow. */
export const Proposals = (c: Constants): Array<Proposal> => {
  const out: Array<Proposal> = []
  for (const piece of c.Pieces) for (const start of c.Starts) for (const end of c.Ends) for (const price of c.Prices)
    for (const clientCollateral of c.ClientCollaterals) for (const providerCollateral of c.ProviderCollaterals)
      out.push({ piece, start, end, price, clientCollateral, providerCollateral })
  return out
}

/** TLA+ `DealIds`: 0..MaxDeals−1. */
export const DealIds = (c: Pick<Constants, "MaxDeals">): Array<number> => Array.from({ length: c.MaxDeals }, (_, i) => i)

/** TLA+ `Voucher`: every voucher the bounds allow. */
export const Vouchers = (c: Constants): Array<Voucher> =>
  DealIds(c).flatMap((deal) => c.VoucherAmounts.flatMap((amount) => c.VoucherSigners.map((signer) => ({ deal, amount, signer }))))

/** TLA+ `Pip`: every proof the bounds allow. */
export const Pips = (c: Constants): Array<Pip> => c.ProofPieces.flatMap((piece) => c.Sectors.map((sector) => ({ piece, sector })))

const PARTIES = ["Client", "Provider"] as const

/**
 * TLA+ `Next`'s disjuncts, in order, with the argument domains of the constants; the provider
 * publishes with the client's signature only what it accepted and presents only vouchers the
 * client signed (forged ones always).
 *
 * @category actions
 * @since 0.3.0
 */
export const disjuncts = (c: Constants): ReadonlyArray<Disjunct<Params, State>> => {
  const proposals = Proposals(c)
  const ids = DealIds(c)
  return [
    disjunct(Actions.ProposeDeal, proposals.map((p) => ({ p }))),
    disjunct(Actions.RespondToProposal, proposals.flatMap((p) => [true, false].map((accept) => ({ p, accept })))),
    disjunct(Actions.AddBalance, PARTIES.flatMap((who) => c.AddAmounts.map((amount) => ({ who, amount })))),
    disjunct(Actions.WithdrawBalance, PARTIES.flatMap((who) => c.Callers.flatMap((caller) => c.WithdrawAmounts.map((amount) => ({ who, caller, amount }))))),
    disjunct(Actions.PublishStorageDeals, proposals.flatMap((p) => c.Signatures.flatMap((sig) => c.Forms.flatMap((form) => c.Callers.map((caller) => ({ p, sig, form, caller }))))),
      PublishPresentable),
    disjunct(Actions.ActivateDeals, ids.flatMap((d) => c.Sectors.flatMap((s) => c.Callers.map((caller) => ({ d, s, caller }))))),
    disjunct(Actions.SettleDealPayments, ids.map((d) => ({ d }))),
    disjunct(Actions.CronTick, ids.map((d) => ({ d }))),
    disjunct(Actions.OnMinerSectorsTerminate, c.Sectors.flatMap((s) => c.Callers.map((caller) => ({ s, caller })))),
    disjunct(Actions.SignVoucher, ids.flatMap((d) => c.VoucherAmounts.map((a) => ({ d, a })))),
    disjunct(Actions.RedeemVoucher, Vouchers(c).flatMap((v) => Pips(c).flatMap((pip) => c.Callers.map((caller) => ({ v, pip, caller })))), VoucherPresentable),
    disjunct(Actions.Tick, [{}])
  ]
}

/** An action name with its arguments, as `Next` yields them. */
export type StorageMarketStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/**
 * TLA+ `Next`: every enabled (action, arguments) from `s`, in the disjunction's order.
 *
 * @category actions
 * @since 0.3.0
 */
export const Next = (c: Constants): ((s: State) => Iterable<StorageMarketStep>) =>
  nextOf<Params, State>(c, disjuncts(c)) as (s: State) => Iterable<StorageMarketStep>

const sortedKeys = <K extends number | string>(xs: Iterable<K>): Array<K> => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
const dealStateKey = (st: DealState): string => `${st.sector}:${st.updated ? 1 : 0}:${st.paid}`
const logKey = (e: LogEntry): string => `${proposalKey(e.proposal)}:${e.activated ? 1 : 0}:${e.slashedAt}:${e.paid}`
const mapKey = <K extends number | string, V>(m: ReadonlyMap<K, V>, show: (v: V) => string): string =>
  sortedKeys(m.keys()).map((k) => `${k}=${show(m.get(k)!)}`).join(",")

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => [
  s.epoch, s.balance.Client, s.balance.Provider, s.balance.Market, s.balance.Burnt,
  s.escrow.Client, s.escrow.Provider, s.locked.Client, s.locked.Provider,
  mapKey(s.proposals, proposalKey), mapKey(s.dealStates, dealStateKey), sortedKeys(s.pending).join(","), s.nextId,
  sortedKeys(s.signed).join(","), mapKey(s.decisions, String), mapKey(s.vouchersSigned, String),
  mapKey(s.redemptions, String), mapKey(s.dealLog, logKey)
].join("|")

/**
 * The specification for the explorer: Init, Next, the invariants and the property by TLA+ name
 * (all of them, or those named in `check`, as a TLC configuration lists them).
 *
 * @category exploration
 * @since 0.3.0
 */
export const specification = (c: Constants, check?: ReadonlyArray<string>): Specification<State, StorageMarketStep["args"]> => {
  const wanted = (name: string) => check === undefined || check.includes(name)
  return {
    name: "StorageMarket",
    Init: [Init(c)],
    Next: Next(c),
    key,
    ...stateEncoding(c),
    invariants: Object.fromEntries(Object.entries(Invariants).filter(([n]) => wanted(n)).map(([n, inv]) => [n, (s: State) => inv(c, s)])),
    properties: Object.fromEntries(Object.entries(Properties).filter(([n]) => wanted(n)).map(([n, prop]) => [n, (s: State, t: State) => prop(c, s, t)]))
  }
}
