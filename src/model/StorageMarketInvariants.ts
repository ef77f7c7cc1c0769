/**
 * The storage market's invariants and action property: the TypeScript mirror of the invariants of
 * `spec/tla/StorageMarket.tla`, under the same names.  The safety claims are stated against what
 * the parties authorised and against each deal's history (the ghost variables `signed`,
 * `vouchersSigned`, `redemptions`, `dealLog`), not against the actor's checks.
 *
 * @module
 */
import { ChainTypeOK, ValueConserved } from "./Chain.js"
import {
  ClientLock, type Constants, Earned, NoEpoch, type Party, proposalKey, type State, TotalPrice, VoucherAuthorised
} from "./StorageMarketActions.js"

const PARTIES: ReadonlyArray<Party> = ["Client", "Provider"]
const isNat = (x: bigint): boolean => x >= 0n
const isEpoch = (n: number): boolean => Number.isInteger(n) && n >= 0
const bigMax = (a: bigint, b: bigint): bigint => (a >= b ? a : b)
/*
 * TLA+ `\A x \in xs : ok(x)` over a map's entries, keys or values or a set's elements, without
 * copying them: one helper per kind of collection, so that each loop meets one kind of iterator.
 */
const everyEntry = <K, V>(m: ReadonlyMap<K, V>, ok: (k: K, v: V) => boolean): boolean => {
  for (const [k, v] of m) if (!ok(k, v)) return false
  return true
}
const everyKey = <K>(m: ReadonlyMap<K, unknown>, ok: (k: K) => boolean): boolean => {
  for (const k of m.keys()) if (!ok(k)) return false
  return true
}
const everyValue = <V>(m: ReadonlyMap<unknown, V>, ok: (v: V) => boolean): boolean => {
  for (const v of m.values()) if (!ok(v)) return false
  return true
}
const everyElement = <T>(xs: ReadonlySet<T>, ok: (x: T) => boolean): boolean => {
  for (const x of xs) if (!ok(x)) return false
  return true
}

/** TLA+ `Proposal` membership: a proposal drawn from the constants' domains. */
const inProposal = (c: Constants, key: string): boolean => proposalKeys(c).has(key)
const cache = new WeakMap<Constants, ReadonlySet<string>>()
const proposalKeys = (c: Constants): ReadonlySet<string> => {
  let keys = cache.get(c)
  if (keys === undefined) {
    keys = new Set<string>()
    for (const piece of c.Pieces) for (const start of c.Starts) for (const end of c.Ends) for (const price of c.Prices)
      for (const clientCollateral of c.ClientCollaterals) for (const providerCollateral of c.ProviderCollaterals)
        (keys as Set<string>).add(proposalKey({ piece, start, end, price, clientCollateral, providerCollateral }))
    cache.set(c, keys)
  }
  return keys
}
const isDealId = (c: Constants, d: number): boolean => Number.isInteger(d) && d >= 0 && d < c.MaxDeals

/** TLA+ `Paid(d)`: what active deal d has paid (0 when not active). */
const Paid = (s: State, d: number): bigint => s.dealStates.get(d)?.paid ?? 0n

/** TLA+ `EarnedSoFar(d)`: what time has earned on deal d up to now, or up to its termination. */
const EarnedSoFar = (s: State, d: number): bigint => {
  const e = s.dealLog.get(d)!
  return Earned(e.proposal, e.slashedAt === NoEpoch ? s.epoch : e.slashedAt)
}

/**
 * The TLA+ invariants, by name.
 *
 * @category invariants
 * @since 0.3.0
 */
export const Invariants = {
  /** TLA+ `TypeOK` (with Chain's `ChainTypeOK`). */
  TypeOK: (c: Constants, s: State): boolean =>
    ChainTypeOK(c, s) &&
    PARTIES.every((x) => isNat(s.escrow[x]) && isNat(s.locked[x])) &&
    everyEntry(s.proposals, (d, p) => isDealId(c, d) && inProposal(c, proposalKey(p))) &&
    everyEntry(s.dealStates, (d, st) => isDealId(c, d) && c.Sectors.includes(st.sector) && isNat(st.paid)) &&
    everyElement(s.pending, (k) => inProposal(c, k)) &&
    Number.isInteger(s.nextId) && s.nextId >= 0 && s.nextId <= c.MaxDeals &&
    everyElement(s.signed, (k) => inProposal(c, k)) &&
    everyKey(s.decisions, (k) => inProposal(c, k)) &&
    everyEntry(s.vouchersSigned, (d, a) => isDealId(c, d) && isNat(a)) &&
    everyValue(s.redemptions, (n) => n >= 0) &&
    everyEntry(s.dealLog, (d, e) => isDealId(c, d) && inProposal(c, proposalKey(e.proposal)) && (e.slashedAt === NoEpoch || isEpoch(e.slashedAt)) && isNat(e.paid)),
  /** TLA+ `EscrowConserved`: the market holds exactly the escrow, and the total FIL is constant (burnt included). */
  EscrowConserved: (c: Constants, s: State): boolean =>
    s.escrow.Client + s.escrow.Provider === s.balance.Market && ValueConserved(s, c.ClientFunds + c.ProviderFunds),
  /** TLA+ `LockedWithinBalance`. */
  LockedWithinBalance: (_: Constants, s: State): boolean => PARTIES.every((x) => 0n <= s.locked[x] && s.locked[x] <= s.escrow[x]),
  /** TLA+ `LockedMatchesDeals`: locked is exactly what the existing deals still lock. */
  LockedMatchesDeals: (_: Constants, s: State): boolean => {
    let client = 0n, provider = 0n
    for (const [d, p] of s.proposals) {
      client += ClientLock(p) - Paid(s, d)
      provider += p.providerCollateral
    }
    return s.locked.Client === client && s.locked.Provider === provider
  },
  /** TLA+ `NoPaymentBeforeActivation`. */
  NoPaymentBeforeActivation: (_: Constants, s: State): boolean => everyValue(s.dealLog, (e) => e.activated || e.paid === 0n),
  /** TLA+ `PaidAtMostTotalPrice`. */
  PaidAtMostTotalPrice: (_: Constants, s: State): boolean => everyValue(s.dealLog, (e) => e.paid <= TotalPrice(e.proposal)),
  /** TLA+ `OnlyPublishedDealsActivate`. */
  OnlyPublishedDealsActivate: (_: Constants, s: State): boolean => everyKey(s.dealStates, (d) => s.proposals.has(d)),
  /** TLA+ `NoDoubleRedemption`: no voucher redeemed twice. */
  NoDoubleRedemption: (_: Constants, s: State): boolean => everyValue(s.redemptions, (n) => n <= 1),
  /** TLA+ `ClientChargedOnlyForSigned`: every deal that exists is one the client signed. */
  ClientChargedOnlyForSigned: (_: Constants, s: State): boolean => everyValue(s.proposals, (p) => s.signed.has(proposalKey(p))),
  /** TLA+ `PaidWithinVouchersAndTime`. */
  PaidWithinVouchersAndTime: (_: Constants, s: State): boolean =>
    everyEntry(s.dealLog, (d, e) => e.paid <= bigMax(EarnedSoFar(s, d), VoucherAuthorised(s, d)))
} as const

/**
 * The TLA+ action properties (`[][P]_vars`), by name: each holds of every step from `s` to `t`.
 *
 * @category invariants
 * @since 0.3.0
 */
export const Properties = {
  /** TLA+ `NoPaymentAfterSlash`: nothing is paid for a deal once it is slashed. */
  NoPaymentAfterSlash: (_: Constants, s: State, t: State): boolean =>
    s.dealLog === t.dealLog || everyEntry(s.dealLog, (d, e) => e.slashedAt === NoEpoch || t.dealLog.get(d)!.paid === e.paid)
} as const

/** The name of an invariant or action property. */
export type Claim = keyof typeof Invariants | keyof typeof Properties
