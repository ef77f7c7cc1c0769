/**
 * The storage actors' part of the vector format `filflow-vector/1` (`vectors/README.md`,
 * "Storage actors"; `vectors/market/README.md`): the JSON state of the Reward (f02), Cron (f03),
 * Power (f04), Storage Market (f05) and miner actors, the deal proposal as JSON, and the deal
 * protocol's messages (`src/impl/parties/messages.ts`) for the function vectors of `vectors/parties/`.
 *
 * Every collection the chain keeps as an AMT or HAMT is a list here, in a canonical order named at
 * its definition; amounts, epochs, ids and sizes are decimal strings, bytes lowercase hex, CIDs
 * their base32 strings.
 *
 * @module
 */
import { Schema } from "effect"
import { AddressString, CidString, Decimal, Hex, IdAddressString } from "./scalars.js"

// ---------------------------------------------------------------------------------------------
// deal proposals

/** A deal label: text, or bytes as hex (builtin-actors `Label`, deal.rs). */
export const DealLabelJson = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("string"), value: Schema.String }),
  Schema.Struct({ kind: Schema.Literal("bytes"), value: Hex })
]).annotate({ identifier: "DealLabel" })

/** A deal proposal field by field (builtin-actors `DealProposal`, deal.rs, in tuple order). */
export const DealProposalJson = Schema.Struct({
  pieceCid: CidString, pieceSize: Decimal, verifiedDeal: Schema.Boolean, client: AddressString, provider: AddressString,
  label: DealLabelJson, startEpoch: Decimal, endEpoch: Decimal, storagePricePerEpoch: Decimal,
  providerCollateral: Decimal, clientCollateral: Decimal
}).annotate({ identifier: "DealProposal" })

/** A signature: its type (1 secp256k1, 2 BLS) and its data without the type byte. */
export const SignatureJson = Schema.Struct({ type: Schema.Literals([1, 2]), data: Hex }).annotate({ identifier: "Signature" })

/** A proposal with the client's signature over its bytes (`ClientDealProposal`). */
export const ClientDealProposalJson = Schema.Struct({ proposal: DealProposalJson, clientSignature: SignatureJson })
  .annotate({ identifier: "ClientDealProposal" })

/** A sector's deals, as the miner gives them to the market (`SectorDeals`). */
export const SectorDealsJson = Schema.Struct({ sectorNumber: Decimal, sectorType: Decimal, sectorExpiry: Decimal, dealIds: Schema.Array(Decimal) })
  .annotate({ identifier: "SectorDeals" })

// ---------------------------------------------------------------------------------------------
// actor states

const Smoothed = Schema.Struct({ position: Decimal, velocity: Decimal }).annotate({ identifier: "FilterEstimate" })

/** The Reward actor's state (builtin-actors `actors/reward/src/state.rs`). */
export const RewardStateJson = Schema.Struct({
  cumsumBaseline: Decimal, cumsumRealized: Decimal, effectiveNetworkTime: Decimal, effectiveBaselinePower: Decimal,
  thisEpochReward: Decimal, thisEpochRewardSmoothed: Smoothed, thisEpochBaselinePower: Decimal, epoch: Decimal,
  totalStoragePowerReward: Decimal, simpleTotal: Decimal, baselineTotal: Decimal
}).annotate({ identifier: "RewardState" })

/** The Cron actor's state: its entries, in the order it calls them. */
export const CronStateJson = Schema.Struct({
  entries: Schema.Array(Schema.Struct({ receiver: AddressString, methodNum: Decimal }))
}).annotate({ identifier: "CronState" })

/** The Power actor's state (builtin-actors `actors/power/src/state.rs`); claims by increasing miner id. */
export const PowerStateJson = Schema.Struct({
  totalRawBytePower: Decimal, totalBytesCommitted: Decimal, totalQualityAdjPower: Decimal, totalQaBytesCommitted: Decimal,
  totalPledgeCollateral: Decimal, thisEpochRawBytePower: Decimal, thisEpochQualityAdjPower: Decimal,
  thisEpochPledgeCollateral: Decimal, thisEpochQaPowerSmoothed: Smoothed, minerCount: Decimal, minerAboveMinPowerCount: Decimal,
  rampStartEpoch: Decimal, rampDurationEpochs: Decimal, firstCronEpoch: Decimal,
  claims: Schema.Array(Schema.Struct({ miner: IdAddressString, windowPoStProofType: Decimal, rawBytePower: Decimal, qualityAdjPower: Decimal }))
}).annotate({ identifier: "PowerState" })

/** The miner's info (builtin-actors `MinerInfo`): every address an ID address. */
export const MinerInfoJson = Schema.Struct({
  owner: IdAddressString, worker: IdAddressString, controlAddresses: Schema.Array(IdAddressString),
  pendingWorkerKey: Schema.NullOr(Schema.Struct({ newWorker: IdAddressString, effectiveAt: Decimal })),
  peerId: Hex, multiaddrs: Schema.Array(Hex), windowPoStProofType: Decimal, sectorSize: Decimal,
  windowPoStPartitionSectors: Decimal, consensusFaultElapsed: Decimal, pendingOwnerAddress: Schema.NullOr(IdAddressString),
  beneficiary: IdAddressString
}).annotate({ identifier: "MinerInfo" })

/** The miner actor's state as far as this chain keeps it; vesting funds by increasing epoch. */
export const MinerStateJson = Schema.Struct({
  info: MinerInfoJson, preCommitDeposits: Decimal, lockedFunds: Decimal,
  vestingFunds: Schema.Array(Schema.Struct({ epoch: Decimal, amount: Decimal })),
  feeDebt: Decimal, initialPledge: Decimal, provingPeriodStart: Decimal, currentDeadline: Decimal
}).annotate({ identifier: "MinerState" })

/**
 * An activated deal's state (builtin-actors `DealState`, plus our `paid` and `unsealed`: the CommD
 * and size of the deal's sector as BatchActivateDeals activated it with this deal, null if it could
 * not be computed).
 */
export const DealStateJson = Schema.Struct({
  deal: Decimal, sectorNumber: Decimal, sectorStartEpoch: Decimal, lastUpdatedEpoch: Decimal, slashEpoch: Decimal, paid: Decimal,
  unsealed: Schema.NullOr(Schema.Struct({ cid: CidString, sectorSize: Decimal }))
}).annotate({ identifier: "DealState" })

const Balance = Schema.Struct({ actor: IdAddressString, amount: Decimal })

/**
 * The Storage Market actor's state (builtin-actors `actors/market/src/state.rs`), every collection
 * a list: `proposals` and `states` by deal id, `pendingProposals` by CID string, the balance tables
 * by actor id (no zero entries), `dealOpsByEpoch` by epoch with its deal ids increasing,
 * `providerSectors` by provider then sector number, each sector's deal ids as the market keeps
 * them (sorted).
 * A proposal's `cid` is the CID of its DAG-CBOR bytes, the key of `pendingProposals`: a loader
 * checks it.
 */
export const MarketStateJson = Schema.Struct({
  proposals: Schema.Array(Schema.Struct({ deal: Decimal, cid: CidString, proposal: DealProposalJson })),
  states: Schema.Array(DealStateJson),
  pendingProposals: Schema.Array(CidString),
  escrowTable: Schema.Array(Balance),
  lockedTable: Schema.Array(Balance),
  nextId: Decimal,
  dealOpsByEpoch: Schema.Array(Schema.Struct({ epoch: Decimal, deals: Schema.Array(Decimal) })),
  lastCron: Decimal,
  totalClientLockedCollateral: Decimal,
  totalProviderLockedCollateral: Decimal,
  totalClientStorageFee: Decimal,
  providerSectors: Schema.Array(Schema.Struct({
    provider: IdAddressString,
    sectors: Schema.Array(Schema.Struct({ sector: Decimal, deals: Schema.Array(Decimal) }))
  }))
}).annotate({ identifier: "MarketState" })

// ---------------------------------------------------------------------------------------------
// the deal protocol's messages (src/impl/parties/messages.ts)

const DealRefJson = Schema.Union([
  Schema.Struct({ byProposalCid: CidString }),
  Schema.Struct({ byDealId: Decimal })
]).annotate({ identifier: "DealRef" })

/** One deal-protocol message, field by field (`src/impl/parties/interface.ts`). */
export const DealMessageJson = Schema.Union([
  Schema.Struct({ type: Schema.Literal("DealProposal"), proposal: ClientDealProposalJson, piece: Schema.Struct({ pieceCid: CidString, payloadSize: Decimal }) }),
  Schema.Struct({
    type: Schema.Literal("DealResponse"), proposalCid: CidString,
    verdict: Schema.Union([
      Schema.Struct({ status: Schema.Literal("Accepted") }),
      Schema.Struct({
        status: Schema.Literal("Rejected"),
        reason: Schema.Literals(["PriceBelowAsk", "PieceSizeOutOfBounds", "DurationOutOfBounds", "ProviderCollateralAboveLimit", "StartEpochTooSoon", "PublishFailed"]),
        message: Schema.String
      })
    ])
  }),
  Schema.Struct({ type: Schema.Literal("DealAccepted"), proposalCid: CidString, dealId: Decimal, publishMessageCid: CidString }),
  Schema.Struct({
    type: Schema.Literal("Deal"), proposalCid: CidString, status: Schema.Literals(["Publishing", "Published", "Rejected", "Failed"]),
    dealId: Schema.NullOr(Decimal), publishMessageCid: Schema.NullOr(CidString), proposal: ClientDealProposalJson
  }),
  Schema.Struct({ type: Schema.Literal("StorageDealQuery"), ref: DealRefJson }),
  Schema.Struct({ type: Schema.Literal("NoSuchDeal"), ref: DealRefJson })
]).annotate({ identifier: "DealMessage" })

/** A deal-protocol message with its envelope signature (`null` on client messages). */
export const SignedDealMessageJson = Schema.Struct({ message: DealMessageJson, signature: Schema.NullOr(SignatureJson) })
  .annotate({ identifier: "SignedDealMessage" })

export type DealProposalJson = typeof DealProposalJson.Type
export type ClientDealProposalJson = typeof ClientDealProposalJson.Type
export type MarketStateJson = typeof MarketStateJson.Type
export type MinerStateJson = typeof MinerStateJson.Type
export type PowerStateJson = typeof PowerStateJson.Type
export type RewardStateJson = typeof RewardStateJson.Type
export type CronStateJson = typeof CronStateJson.Type
export type DealMessageJson = typeof DealMessageJson.Type
export type SignedDealMessageJson = typeof SignedDealMessageJson.Type
