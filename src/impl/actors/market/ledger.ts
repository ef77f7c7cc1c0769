/**
 * The market's state operations, on a mutable draft of {@link MarketState} that one transaction
 * owns: escrow and locked balances, deal settlement, time-outs, slashing and the sector index.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/state.rs` @ v18.0.0 (line numbers
 * below) and `balance_table.rs` (`add` :48-66, `subtract_with_minimum` :70-84, `must_subtract`
 * :87-101). Every operation that upstream can fail fails here with the same exit code: a check
 * fails by throwing {@link Abort}, which {@link inDraft} turns back into a failed `Result` — the
 * draft is then dropped, so the state is unchanged (upstream's transaction aborts likewise). The
 * exception never leaves this module's `inDraft`.
 *
 * @module
 */
import { Result } from "effect"
import { addressId, addressToString } from "../../address/address.js"
import type { Address } from "../../address/interface.js"
import { actorError, ExitCode } from "../../vm/exitcode.js"
import type { ActorError, ActorId } from "../../vm/interface.js"
import { collateralPenaltyForDealActivationMissed, MarketExitCode } from "./policy.js"
import { EPOCH_UNDEFINED, type DealState, type MarketState } from "./state.js"
import { clientBalanceRequirement, type DealProposal, dealProposalCid, providerBalanceRequirement, totalStorageFee } from "./types.js"

/** A failed check inside a draft: carries the actor error. Internal to {@link inDraft}. */
export class Abort {
  constructor(readonly error: ActorError) {}
}

/** Throws an {@link Abort} with the given error. */
export const abort = (tag: string, exitCode: number, message: string): never => {
  throw new Abort(actorError(tag, exitCode, message))
}

/**
 * Runs `f` on a draft of `st`: its result and the new state, or the error `f` aborted with.
 *
 * @category state
 * @since 0.1.0
 */
export const inDraft = <A>(st: MarketState, f: (d: Draft) => A): Result.Result<{ readonly value: A; readonly state: MarketState }, ActorError> => {
  const d = new Draft(st)
  try {
    const value = f(d)
    return Result.succeed({ value, state: d.freeze() })
  } catch (e) {
    if (e instanceof Abort) return Result.fail(e.error)
    throw e
  }
}

/** Why an amount is locked, for the totals (`Reason`). */
export type Reason = "ClientCollateral" | "ClientStorageFee" | "ProviderCollateral"

/** What loading a deal for settlement found (`LoadDealState`). */
export type LoadDealState =
  | { readonly kind: "TooEarly" }
  | { readonly kind: "ProposalExpired"; readonly slashed: bigint }
  | { readonly kind: "Loaded"; readonly state: DealState }

/** The id of an ID address stored in a proposal (the market stores only ID addresses). */
export const idOf = (a: Address): ActorId => {
  const id = addressId(a)
  return id ?? abort("NotIdAddress", ExitCode.USR_ILLEGAL_STATE, `address ${addressToString(a)} is not an ID address`)
}

/** The pending-proposals key of a proposal: its CID as a string. */
export const dealCidKey = (p: DealProposal): string => dealProposalCid(p).toString()

/**
 * A mutable copy of the market state for one transaction.
 *
 * @category state
 * @since 0.1.0
 */
export class Draft {
  readonly proposals: Map<bigint, DealProposal>
  readonly states: Map<bigint, DealState>
  readonly pending: Set<string>
  readonly escrow: Map<ActorId, bigint>
  readonly locked: Map<ActorId, bigint>
  nextId: bigint
  readonly dealOps: Map<bigint, ReadonlyArray<bigint>>
  lastCron: bigint
  totalClientLockedCollateral: bigint
  totalProviderLockedCollateral: bigint
  totalClientStorageFee: bigint
  readonly providerSectors: Map<ActorId, Map<bigint, ReadonlyArray<bigint>>>

  constructor(st: MarketState) {
    this.proposals = new Map(st.proposals)
    this.states = new Map(st.states)
    this.pending = new Set(st.pendingProposals)
    this.escrow = new Map(st.escrowTable)
    this.locked = new Map(st.lockedTable)
    this.nextId = st.nextId
    this.dealOps = new Map(st.dealOpsByEpoch)
    this.lastCron = st.lastCron
    this.totalClientLockedCollateral = st.totalClientLockedCollateral
    this.totalProviderLockedCollateral = st.totalProviderLockedCollateral
    this.totalClientStorageFee = st.totalClientStorageFee
    this.providerSectors = new Map([...st.providerSectors].map(([k, v]) => [k, new Map(v)]))
  }

  /** The immutable state, maps ordered by key so equal states compare equal. */
  freeze(): MarketState {
    const sectors = new Map<ActorId, ReadonlyMap<bigint, ReadonlyArray<bigint>>>()
    for (const [k, v] of sorted(this.providerSectors)) if (v.size > 0) sectors.set(k, new Map(sorted(v)))
    return {
      proposals: new Map(sorted(this.proposals)),
      states: new Map(sorted(this.states)),
      pendingProposals: new Set([...this.pending].sort()),
      escrowTable: new Map(sorted(this.escrow)),
      lockedTable: new Map(sorted(this.locked)),
      nextId: this.nextId,
      dealOpsByEpoch: new Map(sorted(this.dealOps)),
      lastCron: this.lastCron,
      totalClientLockedCollateral: this.totalClientLockedCollateral,
      totalProviderLockedCollateral: this.totalProviderLockedCollateral,
      totalClientStorageFee: this.totalClientStorageFee,
      providerSectors: sectors
    }
  }

  // -------------------------------------------------------------------------------------------
  // balance tables (balance_table.rs)

  /** `BalanceTable::add` on `table`: a negative sum fails 16; a zero sum deletes the entry. */
  private add(table: Map<ActorId, bigint>, name: string, id: ActorId, value: bigint): void {
    const prev = table.get(id) ?? 0n
    const sum = prev + value
    if (sum < 0n) abort("NegativeBalance", ExitCode.USR_ILLEGAL_ARGUMENT, `negative balance for f0${id} adding ${value} to ${prev} in ${name}`)
    if (sum === 0n) table.delete(id)
    else table.set(id, sum)
  }

  /** `BalanceTable::must_subtract`: fails 16 if `req` exceeds the balance. */
  private mustSubtract(table: Map<ActorId, bigint>, name: string, id: ActorId, req: bigint): void {
    const prev = table.get(id) ?? 0n
    if (req > prev) abort("NegativeBalance", ExitCode.USR_ILLEGAL_ARGUMENT, `negative balance for f0${id} subtracting ${req} from ${prev} in ${name}`)
    this.add(table, name, id, -req)
  }

  /** `add_balance_to_escrow_table` (state.rs:470-483). */
  addBalanceToEscrow(id: ActorId, amount: bigint): void {
    this.add(this.escrow, "escrow table", id, amount)
  }

  /** `withdraw_balance_from_escrow_table` (state.rs:485-502): up to `amount`, never below the locked amount; what was taken. */
  withdrawBalanceFromEscrow(id: ActorId, amount: bigint): bigint {
    const prev = this.escrow.get(id) ?? 0n
    const floor = this.locked.get(id) ?? 0n
    const available = prev - floor > 0n ? prev - floor : 0n
    const sub = available < amount ? available : amount
    if (sub > 0n) this.add(this.escrow, "escrow table", id, -sub)
    return sub
  }

  /** `balance_covered` (state.rs:1034-1049): locked + `amount` ≤ escrow. */
  balanceCovered(id: ActorId, amount: bigint): boolean {
    return (this.locked.get(id) ?? 0n) + amount <= (this.escrow.get(id) ?? 0n)
  }

  /** `maybe_lock_balance` (state.rs:1051-1079). */
  private lockBalance(id: ActorId, amount: bigint, context: string): void {
    if (amount < 0n) abort("LockNegative", ExitCode.USR_ILLEGAL_STATE, `${context}: cannot lock negative amount ${amount}`)
    const prev = this.locked.get(id) ?? 0n
    const escrow = this.escrow.get(id) ?? 0n
    if (prev + amount > escrow) {
      abort("InsufficientEscrow", ExitCode.USR_INSUFFICIENT_FUNDS, `${context}: not enough balance to lock for f0${id}: escrow balance ${escrow} < prev locked ${prev} + amount ${amount}`)
    }
    this.add(this.locked, "locked table", id, amount)
  }

  /** `lock_client_and_provider_balances` (state.rs:1081-1098). */
  lockClientAndProviderBalances(p: DealProposal): void {
    this.lockBalance(idOf(p.client), clientBalanceRequirement(p), "locking client funds")
    this.lockBalance(idOf(p.provider), p.providerCollateral, "locking provider funds")
    this.totalClientLockedCollateral += p.clientCollateral
    this.totalClientStorageFee += totalStorageFee(p)
    this.totalProviderLockedCollateral += p.providerCollateral
  }

  /** `unlock_balance` (state.rs:1100-1132). */
  unlockBalance(id: ActorId, amount: bigint, reason: Reason): void {
    if (amount < 0n) abort("UnlockNegative", ExitCode.USR_ILLEGAL_STATE, `unlock negative amount: ${amount}`)
    this.mustSubtract(this.locked, "locked table", id, amount)
    if (reason === "ClientCollateral") this.totalClientLockedCollateral -= amount
    else if (reason === "ClientStorageFee") this.totalClientStorageFee -= amount
    else this.totalProviderLockedCollateral -= amount
  }

  /** `transfer_balance` (state.rs:1134-1159): from `from`'s locked fee to `to`'s available escrow. */
  transferBalance(from: ActorId, to: ActorId, amount: bigint): void {
    if (amount < 0n) abort("TransferNegative", ExitCode.USR_ILLEGAL_STATE, `transfer negative amount: ${amount}`)
    this.mustSubtract(this.escrow, "escrow table", from, amount)
    this.unlockBalance(from, amount, "ClientStorageFee")
    this.add(this.escrow, "escrow table", to, amount)
  }

  /** `slash_balance` (state.rs:1161-1183): out of escrow and locked, to be burnt by the caller. */
  slashBalance(id: ActorId, amount: bigint, reason: Reason): void {
    if (amount < 0n) abort("SlashNegative", ExitCode.USR_ILLEGAL_STATE, `negative amount to slash: ${amount}`)
    this.mustSubtract(this.escrow, "escrow table", id, amount)
    this.unlockBalance(id, amount, reason)
  }

  // -------------------------------------------------------------------------------------------
  // proposals, deal states, pending proposals, deal ops

  /** `get_proposal` (state.rs:1218-1233): missing → 32 if the id was used, 17 if never published. */
  getProposal(id: bigint): DealProposal {
    const p = this.proposals.get(id)
    if (p !== undefined) return p
    if (id < this.nextId) return abort("DealExpired", MarketExitCode.EX_DEAL_EXPIRED, `deal ${id} expired`)
    return abort("NoSuchDeal", ExitCode.USR_NOT_FOUND, `no such deal ${id}`)
  }

  /** `remove_completed_deal` (state.rs:719-740): proposal and state together; both must exist. */
  removeCompletedDeal(id: bigint): void {
    if (!this.states.delete(id)) abort("DealStateMissing", ExitCode.USR_ILLEGAL_STATE, "failed to delete deal state: does not exist")
    if (!this.proposals.delete(id)) abort("DealProposalMissing", ExitCode.USR_ILLEGAL_STATE, "failed to delete deal proposal: does not exist")
  }

  /** `put_deals_by_epoch` / `put_batch_deals_by_epoch` (state.rs:398-432): a set per epoch. */
  putDealOp(epoch: bigint, id: bigint): void {
    const ids = this.dealOps.get(epoch) ?? []
    if (!ids.includes(id)) this.dealOps.set(epoch, [...ids, id].sort(cmp))
  }

  /** `generate_storage_deal_id` (state.rs:1027-1031). */
  generateStorageDealId(): bigint {
    const id = this.nextId
    this.nextId += 1n
    return id
  }

  // -------------------------------------------------------------------------------------------
  // provider sectors (state.rs:574-693)

  /** `put_sector_deal_ids`: adds deal ids to a sector's (sorted, deduplicated). */
  putSectorDealIds(provider: ActorId, sector: bigint, dealIds: ReadonlyArray<bigint>): void {
    const sectors = this.providerSectors.get(provider) ?? new Map<bigint, ReadonlyArray<bigint>>()
    sectors.set(sector, [...new Set([...dealIds, ...(sectors.get(sector) ?? [])])].sort(cmp))
    this.providerSectors.set(provider, sectors)
  }

  /** `pop_sector_deal_ids`: the deal ids of `sectors`, removed from the index. */
  popSectorDealIds(provider: ActorId, sectors: ReadonlyArray<bigint>): ReadonlyArray<bigint> {
    const map = this.providerSectors.get(provider)
    if (map === undefined) return []
    const out: Array<bigint> = []
    for (const s of sectors) {
      const deals = map.get(s)
      if (deals !== undefined) {
        out.push(...deals)
        map.delete(s)
      }
    }
    return out
  }

  /** `remove_sector_deal_ids`: removes deal ids from their sectors; a sector left empty is removed. */
  removeSectorDealIds(provider: ActorId, sector: bigint, dealIds: ReadonlyArray<bigint>): void {
    const map = this.providerSectors.get(provider)
    const existing = map?.get(sector)
    if (map === undefined || existing === undefined) return
    const left = existing.filter((d) => !dealIds.includes(d))
    if (left.length === 0) map.delete(sector)
    else map.set(sector, left)
  }

  // -------------------------------------------------------------------------------------------
  // settlement (state.rs:743-1025)

  /**
   * `get_active_deal_or_process_timeout` (state.rs:743-797): the deal's state; or, if it was never
   * activated and its start epoch has come, the time-out: collateral penalty, proposal and pending
   * entry removed.
   */
  getActiveDealOrProcessTimeout(epoch: bigint, id: bigint, p: DealProposal, cid: string): LoadDealState {
    const state = this.states.get(id)
    if (state !== undefined) return { kind: "Loaded", state }
    if (epoch < p.startEpoch) return { kind: "TooEarly" }
    const slashed = this.processDealInitTimedOut(p)
    if (!this.proposals.delete(id)) abort("DealProposalMissing", ExitCode.USR_ILLEGAL_STATE, `failed to delete deal ${id} proposal ${cid}: does not exist`)
    if (!this.pending.delete(cid)) abort("PendingProposalMissing", ExitCode.USR_ILLEGAL_STATE, `failed to delete pending deal ${id}: cid ${cid} does not exist`)
    return { kind: "ProposalExpired", slashed }
  }

  /** `process_deal_init_timed_out` (state.rs:967-998): unlock the client; slash the provider's collateral. */
  processDealInitTimedOut(p: DealProposal): bigint {
    const client = idOf(p.client)
    const provider = idOf(p.provider)
    this.unlockBalance(client, totalStorageFee(p), "ClientStorageFee")
    this.unlockBalance(client, p.clientCollateral, "ClientCollateral")
    const slashed = collateralPenaltyForDealActivationMissed(p.providerCollateral)
    const remaining = providerBalanceRequirement(p) - slashed
    this.slashBalance(provider, slashed, "ProviderCollateral")
    this.unlockBalance(provider, remaining, "ProviderCollateral")
    return slashed
  }

  /** `process_deal_expired` (state.rs:1000-1025): unlock both collaterals. */
  private processDealExpired(p: DealProposal, state: DealState): void {
    if (state.sectorStartEpoch === EPOCH_UNDEFINED) abort("StartSectorEpochUndefined", ExitCode.USR_ILLEGAL_STATE, "start sector epoch undefined")
    this.unlockBalance(idOf(p.provider), p.providerCollateral, "ProviderCollateral")
    this.unlockBalance(idOf(p.client), p.clientCollateral, "ClientCollateral")
  }

  /**
   * `process_deal_update` (state.rs:805-920): pays the provider what the epochs up to `epoch` (or
   * the deal's end, or its slash epoch) earned beyond what it was already paid (`paid`: our
   * extension, shared with RedeemVoucher; with no voucher the payment is upstream's
   * `price × (end − max(start, last_updated))`); at the end unlocks the collaterals.
   */
  processDealUpdate(state: DealState, p: DealProposal, cid: string, epoch: bigint): DealUpdate {
    const everUpdated = state.lastUpdatedEpoch !== EPOCH_UNDEFINED
    const everSlashed = state.slashEpoch !== EPOCH_UNDEFINED
    // the pending entry may already be gone (settled by cron or by hand)
    if (!everUpdated) this.pending.delete(cid)
    if (everUpdated && state.lastUpdatedEpoch > epoch) abort("UpdatedInFuture", ExitCode.USR_ILLEGAL_STATE, `deal updated at future epoch ${state.lastUpdatedEpoch}`)
    // too early: a no-op
    if (p.startEpoch > epoch) return { slashed: 0n, payment: 0n, completed: false, remove: false }
    let paymentEnd: bigint
    if (everSlashed) {
      if (epoch < state.slashEpoch) abort("BeforeSlash", ExitCode.USR_ILLEGAL_STATE, `current epoch less than deal slash epoch ${state.slashEpoch}`)
      if (state.slashEpoch > p.endEpoch) abort("SlashAfterEnd", ExitCode.USR_ILLEGAL_STATE, `deal slash epoch ${state.slashEpoch} after deal end ${p.endEpoch}`)
      paymentEnd = state.slashEpoch
    } else {
      paymentEnd = p.endEpoch < epoch ? p.endEpoch : epoch
    }
    const payment = this.payEarned(p, state, paymentEnd)
    if (everSlashed) {
      this.unlockBalance(idOf(p.client), totalStorageFee(p) - state.paid - payment, "ClientStorageFee")
      this.unlockBalance(idOf(p.client), p.clientCollateral, "ClientCollateral")
      this.slashBalance(idOf(p.provider), p.providerCollateral, "ProviderCollateral")
      return { slashed: p.providerCollateral, payment, completed: false, remove: true }
    }
    if (epoch >= p.endEpoch) {
      this.processDealExpired(p, state)
      return { slashed: 0n, payment, completed: true, remove: true }
    }
    return { slashed: 0n, payment, completed: false, remove: false }
  }

  /**
   * `process_slashed_deal` (state.rs:922-962): pays what the deal earned up to the termination
   * beyond `paid`, unlocks the client's remaining fee and collateral, slashes the provider's
   * collateral; returns the amount slashed.
   */
  processSlashedDeal(p: DealProposal, state: DealState): bigint {
    if (state.slashEpoch > p.endEpoch) abort("SlashAfterEnd", ExitCode.USR_ILLEGAL_STATE, `deal slash epoch ${state.slashEpoch} after end epoch ${p.endEpoch}`)
    const payment = this.payEarned(p, state, p.endEpoch < state.slashEpoch ? p.endEpoch : state.slashEpoch)
    this.unlockBalance(idOf(p.client), totalStorageFee(p) - state.paid - payment, "ClientStorageFee")
    this.unlockBalance(idOf(p.client), p.clientCollateral, "ClientCollateral")
    this.slashBalance(idOf(p.provider), p.providerCollateral, "ProviderCollateral")
    return p.providerCollateral
  }

  /**
   * Pays the provider `price × (until − start) − paid` if positive (what the deal earned up to
   * `until` beyond what it was paid), from the client's locked fee; returns the payment.
   */
  payEarned(p: DealProposal, state: DealState, until: bigint): bigint {
    const earned = until > p.startEpoch ? p.storagePricePerEpoch * (until - p.startEpoch) : 0n
    const payment = earned > state.paid ? earned - state.paid : 0n
    if (payment > 0n) this.transferBalance(idOf(p.client), idOf(p.provider), payment)
    return payment
  }
}

/** What settling a deal did (`process_deal_update`'s four results). */
export interface DealUpdate {
  readonly slashed: bigint
  readonly payment: bigint
  /** The deal reached its end. */
  readonly completed: boolean
  /** The deal is to be removed (completed or slashed). */
  readonly remove: boolean
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)
const sorted = <V>(m: ReadonlyMap<bigint, V>): Array<[bigint, V]> => [...m].sort(([a], [b]) => cmp(a, b))
