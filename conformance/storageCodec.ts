/**
 * Between the storage actors' JSON (conformance/storageSchema.ts) and our implementation's states:
 * Reward, Cron, Power, the miner and the Storage Market, and the deal proposal.  Used by the chain
 * codec (`./codec.ts`) for those actor kinds, by our adapter and by the vector generator.
 *
 * Every list is written in the canonical order `storageSchema.ts` names; reading accepts any
 * order and refuses a key listed twice or a proposal whose `cid` is not the CID of its bytes.
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import type { CronState } from "../src/impl/actors/cron/index.js"
import type { DealState, MarketState } from "../src/impl/actors/market/state.js"
import { type DealLabel, type DealProposal, dealProposalCid, labelFromBytes, labelFromString } from "../src/impl/actors/market/types.js"
import type { MinerState } from "../src/impl/actors/miner/state.js"
import type { Claim, PowerState } from "../src/impl/actors/power/state.js"
import type { RewardState } from "../src/impl/actors/reward/state.js"
import { type Address, addressId, addressToString, parseAddress } from "../src/impl/address/address.js"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import type { ActorId } from "../src/impl/vm/interface.js"
import type {
  CronStateJson, DealProposalJson, MarketStateJson, MinerStateJson, PowerStateJson, RewardStateJson
} from "./storageSchema.js"

type R<A> = Result.Result<A, string>

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)
const s = (x: bigint): string => String(x)
const f0 = (id: ActorId): string => `f0${id}`
const addr = (a: Address): string => addressToString(a, "f")
const byKey = <V>(m: ReadonlyMap<bigint, V>): Array<[bigint, V]> => [...m].sort(([a], [b]) => cmp(a, b))

const parseAddr = (text: string, field: string): R<Address> => Result.mapError(parseAddress(text), (e) => `${field}: ${e.message}`)
const parseId = (text: string, field: string): R<ActorId> => Result.flatMap(parseAddr(text, field), (a) => {
  const id = addressId(a)
  return id === undefined ? Result.fail(`${field}: ${text} is not an ID address`) : Result.succeed(id)
})
const parseHex = (text: string, field: string): R<Uint8Array> => Result.mapError(fromHex(text), (e) => `${field}: ${e.message}`)
const parseCid = (text: string, field: string): R<CID> => {
  try {
    return Result.succeed(CID.parse(text))
  } catch (e) {
    return Result.fail(`${field}: ${JSON.stringify(text)} is not a CID (${e instanceof Error ? e.message : String(e)})`)
  }
}
/** A map from a list, refusing a key listed twice. */
const uniqueMap = <V>(entries: ReadonlyArray<readonly [bigint, V]>, field: string): R<Map<bigint, V>> => {
  const m = new Map<bigint, V>()
  for (const [k, v] of [...entries].sort(([a], [b]) => cmp(a, b))) {
    if (m.has(k)) return Result.fail(`${field}: ${k} is listed twice`)
    m.set(k, v)
  }
  return Result.succeed(m)
}

// ---------------------------------------------------------------------------------------------
// deal proposals

const labelJson = (l: DealLabel): DealProposalJson["label"] =>
  l.kind === "string" ? { kind: "string", value: l.value } : { kind: "bytes", value: toHex(l.value) }

/** The JSON form of a proposal. */
export const encodeDealProposal = (p: DealProposal): DealProposalJson => ({
  pieceCid: p.pieceCid.toString(), pieceSize: s(p.pieceSize), verifiedDeal: p.verifiedDeal, client: addr(p.client), provider: addr(p.provider),
  label: labelJson(p.label), startEpoch: s(p.startEpoch), endEpoch: s(p.endEpoch), storagePricePerEpoch: s(p.storagePricePerEpoch),
  providerCollateral: s(p.providerCollateral), clientCollateral: s(p.clientCollateral)
})

/** The proposal a JSON proposal describes. */
export const decodeDealProposal = (p: DealProposalJson, field = "proposal"): R<DealProposal> => Result.gen(function* () {
  return {
    pieceCid: yield* parseCid(p.pieceCid, `${field}.pieceCid`), pieceSize: BigInt(p.pieceSize), verifiedDeal: p.verifiedDeal,
    client: yield* parseAddr(p.client, `${field}.client`), provider: yield* parseAddr(p.provider, `${field}.provider`),
    label: p.label.kind === "string" ? labelFromString(p.label.value) : labelFromBytes(yield* parseHex(p.label.value, `${field}.label`)),
    startEpoch: BigInt(p.startEpoch), endEpoch: BigInt(p.endEpoch), storagePricePerEpoch: BigInt(p.storagePricePerEpoch),
    providerCollateral: BigInt(p.providerCollateral), clientCollateral: BigInt(p.clientCollateral)
  }
})

// ---------------------------------------------------------------------------------------------
// reward, cron, power, miner

/** Reward state ↔ JSON. */
export const encodeRewardState = (r: RewardState): RewardStateJson => ({
  cumsumBaseline: s(r.cumsumBaseline), cumsumRealized: s(r.cumsumRealized), effectiveNetworkTime: s(r.effectiveNetworkTime),
  effectiveBaselinePower: s(r.effectiveBaselinePower), thisEpochReward: s(r.thisEpochReward),
  thisEpochRewardSmoothed: { position: s(r.thisEpochRewardSmoothed.position), velocity: s(r.thisEpochRewardSmoothed.velocity) },
  thisEpochBaselinePower: s(r.thisEpochBaselinePower), epoch: s(r.epoch), totalStoragePowerReward: s(r.totalStoragePowerReward),
  simpleTotal: s(r.simpleTotal), baselineTotal: s(r.baselineTotal)
})
export const decodeRewardState = (r: RewardStateJson): RewardState => ({
  cumsumBaseline: BigInt(r.cumsumBaseline), cumsumRealized: BigInt(r.cumsumRealized), effectiveNetworkTime: BigInt(r.effectiveNetworkTime),
  effectiveBaselinePower: BigInt(r.effectiveBaselinePower), thisEpochReward: BigInt(r.thisEpochReward),
  thisEpochRewardSmoothed: { position: BigInt(r.thisEpochRewardSmoothed.position), velocity: BigInt(r.thisEpochRewardSmoothed.velocity) },
  thisEpochBaselinePower: BigInt(r.thisEpochBaselinePower), epoch: BigInt(r.epoch), totalStoragePowerReward: BigInt(r.totalStoragePowerReward),
  simpleTotal: BigInt(r.simpleTotal), baselineTotal: BigInt(r.baselineTotal)
})

/** Cron state ↔ JSON. */
export const encodeCronState = (c: CronState): CronStateJson => ({ entries: c.entries.map((e) => ({ receiver: addr(e.receiver), methodNum: s(e.methodNum) })) })
export const decodeCronState = (c: CronStateJson, field: string): R<CronState> => Result.gen(function* () {
  const entries = []
  for (const [i, e] of c.entries.entries()) entries.push({ receiver: yield* parseAddr(e.receiver, `${field}.entries[${i}].receiver`), methodNum: BigInt(e.methodNum) })
  return { entries }
})

/** Power state ↔ JSON (claims by miner id). */
export const encodePowerState = (p: PowerState): PowerStateJson => ({
  totalRawBytePower: s(p.totalRawBytePower), totalBytesCommitted: s(p.totalBytesCommitted), totalQualityAdjPower: s(p.totalQualityAdjPower),
  totalQaBytesCommitted: s(p.totalQaBytesCommitted), totalPledgeCollateral: s(p.totalPledgeCollateral),
  thisEpochRawBytePower: s(p.thisEpochRawBytePower), thisEpochQualityAdjPower: s(p.thisEpochQualityAdjPower),
  thisEpochPledgeCollateral: s(p.thisEpochPledgeCollateral),
  thisEpochQaPowerSmoothed: { position: s(p.thisEpochQaPowerSmoothed.position), velocity: s(p.thisEpochQaPowerSmoothed.velocity) },
  minerCount: s(p.minerCount), minerAboveMinPowerCount: s(p.minerAboveMinPowerCount), rampStartEpoch: s(p.rampStartEpoch),
  rampDurationEpochs: s(p.rampDurationEpochs), firstCronEpoch: s(p.firstCronEpoch),
  claims: byKey(p.claims).map(([id, c]) => ({ miner: f0(id), windowPoStProofType: s(c.windowPoStProofType), rawBytePower: s(c.rawBytePower), qualityAdjPower: s(c.qualityAdjPower) }))
})
export const decodePowerState = (p: PowerStateJson, field: string): R<PowerState> => Result.gen(function* () {
  const claims: Array<[bigint, Claim]> = []
  for (const [i, c] of p.claims.entries()) {
    claims.push([yield* parseId(c.miner, `${field}.claims[${i}].miner`), { windowPoStProofType: BigInt(c.windowPoStProofType), rawBytePower: BigInt(c.rawBytePower), qualityAdjPower: BigInt(c.qualityAdjPower) }])
  }
  return {
    totalRawBytePower: BigInt(p.totalRawBytePower), totalBytesCommitted: BigInt(p.totalBytesCommitted), totalQualityAdjPower: BigInt(p.totalQualityAdjPower),
    totalQaBytesCommitted: BigInt(p.totalQaBytesCommitted), totalPledgeCollateral: BigInt(p.totalPledgeCollateral),
    thisEpochRawBytePower: BigInt(p.thisEpochRawBytePower), thisEpochQualityAdjPower: BigInt(p.thisEpochQualityAdjPower),
    thisEpochPledgeCollateral: BigInt(p.thisEpochPledgeCollateral),
    thisEpochQaPowerSmoothed: { position: BigInt(p.thisEpochQaPowerSmoothed.position), velocity: BigInt(p.thisEpochQaPowerSmoothed.velocity) },
    minerCount: BigInt(p.minerCount), minerAboveMinPowerCount: BigInt(p.minerAboveMinPowerCount), rampStartEpoch: BigInt(p.rampStartEpoch),
    rampDurationEpochs: BigInt(p.rampDurationEpochs), firstCronEpoch: BigInt(p.firstCronEpoch),
    claims: yield* uniqueMap(claims, `${field}.claims`)
  }
})

/** Miner state ↔ JSON (vesting funds by epoch). */
export const encodeMinerState = (m: MinerState): MinerStateJson => {
  const i = m.info
  return {
    info: {
      owner: f0(i.owner), worker: f0(i.worker), controlAddresses: i.controlAddresses.map(f0),
      pendingWorkerKey: i.pendingWorkerKey === null ? null : { newWorker: f0(i.pendingWorkerKey.newWorker), effectiveAt: s(i.pendingWorkerKey.effectiveAt) },
      peerId: toHex(i.peerId), multiaddrs: i.multiaddrs.map(toHex), windowPoStProofType: s(i.windowPoStProofType), sectorSize: s(i.sectorSize),
      windowPoStPartitionSectors: s(i.windowPoStPartitionSectors), consensusFaultElapsed: s(i.consensusFaultElapsed),
      pendingOwnerAddress: i.pendingOwnerAddress === null ? null : f0(i.pendingOwnerAddress), beneficiary: f0(i.beneficiary)
    },
    preCommitDeposits: s(m.preCommitDeposits), lockedFunds: s(m.lockedFunds),
    vestingFunds: [...m.vestingFunds].sort((a, b) => cmp(a.epoch, b.epoch)).map((v) => ({ epoch: s(v.epoch), amount: s(v.amount) })),
    feeDebt: s(m.feeDebt), initialPledge: s(m.initialPledge), provingPeriodStart: s(m.provingPeriodStart), currentDeadline: s(m.currentDeadline)
  }
}
export const decodeMinerState = (m: MinerStateJson, field: string): R<MinerState> => Result.gen(function* () {
  const i = m.info
  const controls: Array<ActorId> = []
  for (const [k, c] of i.controlAddresses.entries()) controls.push(yield* parseId(c, `${field}.info.controlAddresses[${k}]`))
  const multiaddrs: Array<Uint8Array> = []
  for (const [k, a] of i.multiaddrs.entries()) multiaddrs.push(yield* parseHex(a, `${field}.info.multiaddrs[${k}]`))
  return {
    info: {
      owner: yield* parseId(i.owner, `${field}.info.owner`), worker: yield* parseId(i.worker, `${field}.info.worker`), controlAddresses: controls,
      pendingWorkerKey: i.pendingWorkerKey === null ? null
        : { newWorker: yield* parseId(i.pendingWorkerKey.newWorker, `${field}.info.pendingWorkerKey.newWorker`), effectiveAt: BigInt(i.pendingWorkerKey.effectiveAt) },
      peerId: yield* parseHex(i.peerId, `${field}.info.peerId`), multiaddrs, windowPoStProofType: BigInt(i.windowPoStProofType),
      sectorSize: BigInt(i.sectorSize), windowPoStPartitionSectors: BigInt(i.windowPoStPartitionSectors),
      consensusFaultElapsed: BigInt(i.consensusFaultElapsed),
      pendingOwnerAddress: i.pendingOwnerAddress === null ? null : yield* parseId(i.pendingOwnerAddress, `${field}.info.pendingOwnerAddress`),
      beneficiary: yield* parseId(i.beneficiary, `${field}.info.beneficiary`)
    },
    preCommitDeposits: BigInt(m.preCommitDeposits), lockedFunds: BigInt(m.lockedFunds),
    vestingFunds: [...m.vestingFunds].map((v) => ({ epoch: BigInt(v.epoch), amount: BigInt(v.amount) })).sort((a, b) => cmp(a.epoch, b.epoch)),
    feeDebt: BigInt(m.feeDebt), initialPledge: BigInt(m.initialPledge), provingPeriodStart: BigInt(m.provingPeriodStart), currentDeadline: BigInt(m.currentDeadline)
  }
})

// ---------------------------------------------------------------------------------------------
// market

const balances = (m: ReadonlyMap<ActorId, bigint>) => byKey(m).map(([id, amount]) => ({ actor: f0(id), amount: s(amount) }))

/** The JSON form of the market's state (canonical order, see storageSchema.ts). */
export const encodeMarketState = (m: MarketState): MarketStateJson => ({
  proposals: byKey(m.proposals).map(([deal, p]) => ({ deal: s(deal), cid: dealProposalCid(p).toString(), proposal: encodeDealProposal(p) })),
  states: byKey(m.states).map(([deal, d]) => ({
    deal: s(deal), sectorNumber: s(d.sectorNumber), sectorStartEpoch: s(d.sectorStartEpoch), lastUpdatedEpoch: s(d.lastUpdatedEpoch),
    slashEpoch: s(d.slashEpoch), paid: s(d.paid),
    unsealed: d.unsealed === null ? null : { cid: d.unsealed.cid.toString(), sectorSize: s(d.unsealed.sectorSize) }
  })),
  pendingProposals: [...m.pendingProposals].sort(),
  escrowTable: balances(m.escrowTable),
  lockedTable: balances(m.lockedTable),
  nextId: s(m.nextId),
  dealOpsByEpoch: byKey(m.dealOpsByEpoch).map(([epoch, deals]) => ({ epoch: s(epoch), deals: [...deals].sort(cmp).map(s) })),
  lastCron: s(m.lastCron),
  totalClientLockedCollateral: s(m.totalClientLockedCollateral),
  totalProviderLockedCollateral: s(m.totalProviderLockedCollateral),
  totalClientStorageFee: s(m.totalClientStorageFee),
  providerSectors: byKey(m.providerSectors).map(([provider, sectors]) => ({
    provider: f0(provider),
    sectors: byKey(sectors).map(([sector, deals]) => ({ sector: s(sector), deals: deals.map(s) }))
  }))
})

const balanceTable = (rows: MarketStateJson["escrowTable"], field: string): R<Map<ActorId, bigint>> => Result.gen(function* () {
  const entries: Array<[bigint, bigint]> = []
  for (const [i, r] of rows.entries()) entries.push([yield* parseId(r.actor, `${field}[${i}].actor`), BigInt(r.amount)])
  return yield* uniqueMap(entries, field)
})

/** The market state a JSON state describes (`field` names it in errors). */
export const decodeMarketState = (m: MarketStateJson, field: string): R<MarketState> => Result.gen(function* () {
  const proposals: Array<[bigint, DealProposal]> = []
  for (const [i, e] of m.proposals.entries()) {
    const p = yield* decodeDealProposal(e.proposal, `${field}.proposals[${i}].proposal`)
    if (dealProposalCid(p).toString() !== e.cid) return yield* Result.fail(`${field}.proposals[${i}].cid: ${e.cid} is not the CID of the proposal's bytes (${dealProposalCid(p).toString()})`)
    proposals.push([BigInt(e.deal), p])
  }
  const states: Array<[bigint, DealState]> = []
  for (const [i, d] of m.states.entries()) {
    const unsealed = d.unsealed === null ? null
      : { cid: yield* parseCid(d.unsealed.cid, `${field}.states[${i}].unsealed.cid`), sectorSize: BigInt(d.unsealed.sectorSize) }
    states.push([BigInt(d.deal), {
      sectorNumber: BigInt(d.sectorNumber), sectorStartEpoch: BigInt(d.sectorStartEpoch), lastUpdatedEpoch: BigInt(d.lastUpdatedEpoch),
      slashEpoch: BigInt(d.slashEpoch), paid: BigInt(d.paid), unsealed
    }])
  }
  const pending = new Set<string>()
  for (const [i, c] of m.pendingProposals.entries()) {
    const cid = (yield* parseCid(c, `${field}.pendingProposals[${i}]`)).toString()
    if (pending.has(cid)) return yield* Result.fail(`${field}.pendingProposals: ${c} is listed twice`)
    pending.add(cid)
  }
  const ops: Array<[bigint, ReadonlyArray<bigint>]> = m.dealOpsByEpoch.map((o) => [BigInt(o.epoch), o.deals.map((d) => BigInt(d)).sort(cmp)])
  const providers: Array<[bigint, ReadonlyMap<bigint, ReadonlyArray<bigint>>]> = []
  for (const [i, ps] of m.providerSectors.entries()) {
    const sectors: Array<[bigint, ReadonlyArray<bigint>]> = ps.sectors.map((sec) => [BigInt(sec.sector), sec.deals.map((d) => BigInt(d))])
    providers.push([yield* parseId(ps.provider, `${field}.providerSectors[${i}].provider`), yield* uniqueMap(sectors, `${field}.providerSectors[${i}].sectors`)])
  }
  return {
    proposals: yield* uniqueMap(proposals, `${field}.proposals`),
    states: yield* uniqueMap(states, `${field}.states`),
    pendingProposals: pending,
    escrowTable: yield* balanceTable(m.escrowTable, `${field}.escrowTable`),
    lockedTable: yield* balanceTable(m.lockedTable, `${field}.lockedTable`),
    nextId: BigInt(m.nextId),
    dealOpsByEpoch: yield* uniqueMap(ops, `${field}.dealOpsByEpoch`),
    lastCron: BigInt(m.lastCron),
    totalClientLockedCollateral: BigInt(m.totalClientLockedCollateral),
    totalProviderLockedCollateral: BigInt(m.totalProviderLockedCollateral),
    totalClientStorageFee: BigInt(m.totalClientStorageFee),
    providerSectors: yield* uniqueMap(providers, `${field}.providerSectors`)
  }
})
