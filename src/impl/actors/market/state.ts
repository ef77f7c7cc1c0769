/**
 * The market actor's state, as plain immutable data.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/state.rs` @ v18.0.0 (`State`, :22-90)
 * and `deal.rs` (`DealState`, :137-147). On chain the collections are AMTs and HAMTs behind CIDs;
 * here they are immutable maps and sets with the same keys and values:
 * - `proposals`: deal id → proposal (client and provider as ID addresses, as the market stores them);
 * - `states`: deal id → deal state, for activated deals (keys ⊆ keys of `proposals`);
 * - `pendingProposals`: the CIDs (as strings) of published proposals not yet activated-and-settled
 *   or timed out, which makes a proposal publishable only once;
 * - `escrowTable` / `lockedTable`: actor id → attoFIL held / locked (zero entries are absent, as
 *   `BalanceTable::add` deletes them);
 * - `dealOpsByEpoch`: epoch → deal ids cron must look at then;
 * - `providerSectors`: provider → sector number → the sector's deal ids (sorted, deduplicated), as
 *   upstream's `provider_sectors` (state.rs:82-88, `HAMT[ActorID]HAMT[SectorNumber][]DealID`);
 * and, our extension, each deal state's `paid` and `unsealed` (see {@link DealState}).
 * Verified deals (DataCap allocations) are not supported, so `pending_deal_allocation_ids` is not
 * kept.
 *
 * @module
 */
import type { CID } from "multiformats/cid"
import type { ActorId } from "../../vm/interface.js"
import type { DealProposal } from "./types.js"

/** Epoch "not set" (fvm_shared `EPOCH_UNDEFINED` = −1). @since 0.1.0 */
export const EPOCH_UNDEFINED = -1n

/**
 * An activated deal (builtin-actors `DealState`).
 *
 * @category models
 * @since 0.1.0
 */
export interface DealState {
  /** The sector holding the deal. */
  readonly sectorNumber: bigint
  /** Epoch of activation. */
  readonly sectorStartEpoch: bigint
  /** Epoch payments were last settled to; −1 if never. */
  readonly lastUpdatedEpoch: bigint
  /** Epoch the deal was terminated; −1 if never. */
  readonly slashEpoch: bigint
  /**
   * Extension: attoFIL paid to the provider for this deal so far, by settlement and by
   * RedeemVoucher together. Settlement pays what the elapsed epochs earned beyond it; with no
   * voucher it is `price × (max(start, lastUpdated) − start)` and settlement pays exactly what
   * builtin-actors pays.
   */
  readonly paid: bigint
  /**
   * Extension: the unsealed CID (CommD) and size of the deal's sector as BatchActivateDeals
   * activated it with this deal — computed from that call's deals of the sector, in their order
   * (`compute_data_commitment`, lib.rs:1382-1398), as the call returns it with `compute_cid`; null
   * if it could not be computed (an unknown seal proof without `compute_cid`). RedeemVoucher checks
   * a piece inclusion proof against it. Deviation: upstream keeps no CommD (it returns it to the
   * miner, which checks it against the sector's); it is kept with the deal, not the sector, so that
   * it lives exactly as long as the deal (OnMinerSectorsTerminate drops the sector's index entry
   * while a deal that ended stays to be settled) and each activation into a sector number keeps
   * its own.
   */
  readonly unsealed: UnsealedSector | null
}

/**
 * A sector's unsealed CID (CommD as a v1 piece-commitment CID) and the sector's size in bytes.
 *
 * @category models
 * @since 0.1.0
 */
export interface UnsealedSector {
  readonly cid: CID
  readonly sectorSize: bigint
}

/**
 * The market's state (builtin-actors `State`, field for field but for the collections' form and the
 * additions named in the module notes).
 *
 * @category models
 * @since 0.1.0
 */
export interface MarketState {
  readonly proposals: ReadonlyMap<bigint, DealProposal>
  readonly states: ReadonlyMap<bigint, DealState>
  readonly pendingProposals: ReadonlySet<string>
  readonly escrowTable: ReadonlyMap<ActorId, bigint>
  readonly lockedTable: ReadonlyMap<ActorId, bigint>
  readonly nextId: bigint
  readonly dealOpsByEpoch: ReadonlyMap<bigint, ReadonlyArray<bigint>>
  readonly lastCron: bigint
  readonly totalClientLockedCollateral: bigint
  readonly totalProviderLockedCollateral: bigint
  readonly totalClientStorageFee: bigint
  readonly providerSectors: ReadonlyMap<ActorId, ReadonlyMap<bigint, ReadonlyArray<bigint>>>
}

/**
 * The state the Constructor creates (`State::new`): everything empty, `next_id` 0, `last_cron` −1.
 *
 * @example
 * newMarketState().lastCron // => -1n
 * @category constructors
 * @since 0.1.0
 */
export const newMarketState = (): MarketState => ({
  proposals: new Map(),
  states: new Map(),
  pendingProposals: new Set(),
  escrowTable: new Map(),
  lockedTable: new Map(),
  nextId: 0n,
  dealOpsByEpoch: new Map(),
  lastCron: EPOCH_UNDEFINED,
  totalClientLockedCollateral: 0n,
  totalProviderLockedCollateral: 0n,
  totalClientStorageFee: 0n,
  providerSectors: new Map()
})

/**
 * Escrow held for an actor (0 if none).
 *
 * @category getters
 * @since 0.1.0
 */
export const escrowOf = (st: MarketState, id: ActorId): bigint => st.escrowTable.get(id) ?? 0n

/**
 * Amount locked for an actor (0 if none).
 *
 * @category getters
 * @since 0.1.0
 */
export const lockedOf = (st: MarketState, id: ActorId): bigint => st.lockedTable.get(id) ?? 0n

/**
 * Total locked, `client collateral + provider collateral + client storage fee` (`get_total_locked`).
 *
 * @category getters
 * @since 0.1.0
 */
export const totalLocked = (st: MarketState): bigint =>
  st.totalClientLockedCollateral + st.totalProviderLockedCollateral + st.totalClientStorageFee
