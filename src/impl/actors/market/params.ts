/**
 * The market's method params and returns, with their DAG-CBOR encodings.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/types.rs` @ v18.0.0 (`AddBalanceParams`
 * … `SettleDealPaymentsReturn`; `#[serde(transparent)]` types are their one field, not a
 * 1-tuple), `runtime/src/util/batch_return.rs` (`BatchReturn` = `[success_count, [[idx, code]…]]`),
 * and the miner's seal proof table (`../miner/policy.ts`) for sector sizes. `RedeemVoucherParams` is our extension: `[voucher, pip]`, the voucher in the
 * payment channel's `SignedVoucher` tuple, the PIP in `src/proofs/pip.ts`'s byte form.
 *
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, addressToBytes, readAddress } from "../../address/address.js"
import { type BitField, encodeBitField, readBitField } from "../../encoding/bitfield.js"
import {
  encodeCbor, type InvalidCborField, readArray, readBool, readInt, readNullable, readTuple, readUint
} from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"
import { decodeParams, MalformedParams } from "../params.js"
import { decodePip, encodePip, type Pip } from "../../../proofs/pip.js"
import { sealProofInfo } from "../miner/policy.js"
import { decodeUpdateChannelStateParams, encodeUpdateChannelStateParams, type SignedVoucher } from "../paych/types.js"
import { type ClientDealProposal, clientDealProposalTuple, readCid, readClientDealProposal } from "./types.js"

type Decoded<A> = Result.Result<A, MalformedParams>

// ---------------------------------------------------------------------------------------------
// escrow

/** AddBalance / GetBalance params: the address (transparent). */
export const encodeAddressParam = (a: Address): Uint8Array => encodeCbor(addressToBytes(a))
/** Parses AddBalance / GetBalance params. */
export const decodeAddressParam = (bytes: Uint8Array): Decoded<Address> =>
  decodeParams("AddressParams", bytes, (v) => readAddress(v, "provider_or_client"))

/** WithdrawBalance params. */
export interface WithdrawBalanceParams {
  readonly providerOrClient: Address
  readonly amount: bigint
}
/** `[provider_or_client, amount]`. */
export const encodeWithdrawBalanceParams = (p: WithdrawBalanceParams): Uint8Array =>
  encodeCbor([addressToBytes(p.providerOrClient), encodeBigInt(p.amount)])
/** Parses WithdrawBalance params. */
export const decodeWithdrawBalanceParams = (bytes: Uint8Array): Decoded<WithdrawBalanceParams> =>
  decodeParams("WithdrawBalanceParams", bytes, (v) => Result.gen(function* () {
    const [a, amount] = yield* readTuple(v, 2, "WithdrawBalanceParams")
    return {
      providerOrClient: yield* readAddress(a, "WithdrawBalanceParams.provider_or_client"),
      amount: yield* readBigInt(amount, "WithdrawBalanceParams.amount")
    }
  }))

/** A TokenAmount return (transparent BigInt bytes): WithdrawBalance, RedeemVoucher. */
export const encodeTokenAmount = (x: bigint): Uint8Array => encodeCbor(encodeBigInt(x))
/** Parses a TokenAmount return. */
export const decodeTokenAmount = (bytes: Uint8Array): Decoded<bigint> =>
  decodeParams("TokenAmount", bytes, (v) => readBigInt(v, "TokenAmount"))

/** GetBalance return. */
export interface GetBalanceReturn {
  readonly balance: bigint
  readonly locked: bigint
}
/** `[balance, locked]`. */
export const encodeGetBalanceReturn = (r: GetBalanceReturn): Uint8Array => encodeCbor([encodeBigInt(r.balance), encodeBigInt(r.locked)])
/** Parses a GetBalance return. */
export const decodeGetBalanceReturn = (bytes: Uint8Array): Decoded<GetBalanceReturn> =>
  decodeParams("GetBalanceReturn", bytes, (v) => Result.gen(function* () {
    const [b, l] = yield* readTuple(v, 2, "GetBalanceReturn")
    return { balance: yield* readBigInt(b, "GetBalanceReturn.balance"), locked: yield* readBigInt(l, "GetBalanceReturn.locked") }
  }))

// ---------------------------------------------------------------------------------------------
// PublishStorageDeals

/** `[[ClientDealProposal…]]`. */
export const encodePublishStorageDealsParams = (deals: ReadonlyArray<ClientDealProposal>): Uint8Array =>
  encodeCbor([deals.map(clientDealProposalTuple)])
/** Parses PublishStorageDeals params. */
export const decodePublishStorageDealsParams = (bytes: Uint8Array): Decoded<ReadonlyArray<ClientDealProposal>> =>
  decodeParams("PublishStorageDealsParams", bytes, (v) => Result.gen(function* () {
    const [deals] = yield* readTuple(v, 1, "PublishStorageDealsParams")
    const items = yield* readArray(deals, "PublishStorageDealsParams.deals")
    const out: Array<ClientDealProposal> = []
    for (const [i, d] of items.entries()) out.push(yield* readClientDealProposal(d, `PublishStorageDealsParams.deals[${i}]`))
    return out
  }))

/** PublishStorageDeals return: the new deal ids and which inputs were valid. */
export interface PublishStorageDealsReturn {
  readonly ids: ReadonlyArray<bigint>
  readonly validDeals: BitField
}
/** `[ids, valid_deals]`. */
export const encodePublishStorageDealsReturn = (r: PublishStorageDealsReturn): Uint8Array =>
  encodeCbor([r.ids, encodeBitField(r.validDeals)])
/** Parses a PublishStorageDeals return. */
export const decodePublishStorageDealsReturn = (bytes: Uint8Array): Decoded<PublishStorageDealsReturn> =>
  decodeParams("PublishStorageDealsReturn", bytes, (v) => Result.gen(function* () {
    const [ids, bf] = yield* readTuple(v, 2, "PublishStorageDealsReturn")
    return { ids: yield* readUints(ids, "PublishStorageDealsReturn.ids"), validDeals: yield* readBitField(bf, "PublishStorageDealsReturn.valid_deals") }
  }))

// ---------------------------------------------------------------------------------------------
// activation

/** The sector size of a RegisteredSealProof number (0–19, fvm_shared), or undefined. */
export const sealProofSectorSize = (proof: bigint): bigint | undefined => sealProofInfo(proof)?.sectorSize

/** A sector's deals, to verify or activate (`SectorDeals`). */
export interface SectorDeals {
  readonly sectorNumber: bigint
  /** RegisteredSealProof number (i64). */
  readonly sectorType: bigint
  readonly sectorExpiry: bigint
  readonly dealIds: ReadonlyArray<bigint>
}
const sectorDealsTuple = (s: SectorDeals) => [s.sectorNumber, s.sectorType, s.sectorExpiry, s.dealIds]
const readSectorDeals = (v: unknown, path: string): Result.Result<SectorDeals, InvalidCborField> => Result.gen(function* () {
  const [n, t, e, ids] = yield* readTuple(v, 4, path)
  return {
    sectorNumber: yield* readUint(n, `${path}.sector_number`),
    sectorType: yield* readInt(t, `${path}.sector_type`),
    sectorExpiry: yield* readInt(e, `${path}.sector_expiry`),
    dealIds: yield* readUints(ids, `${path}.deal_ids`)
  }
})
const readSectors = (v: unknown, path: string) => Result.gen(function* () {
  const items = yield* readArray(v, path)
  const out: Array<SectorDeals> = []
  for (const [i, s] of items.entries()) out.push(yield* readSectorDeals(s, `${path}[${i}]`))
  return out
})

/** `[[SectorDeals…]]` (VerifyDealsForActivation). */
export const encodeVerifyDealsForActivationParams = (sectors: ReadonlyArray<SectorDeals>): Uint8Array =>
  encodeCbor([sectors.map(sectorDealsTuple)])
/** Parses VerifyDealsForActivation params. */
export const decodeVerifyDealsForActivationParams = (bytes: Uint8Array): Decoded<ReadonlyArray<SectorDeals>> =>
  decodeParams("VerifyDealsForActivationParams", bytes, (v) =>
    Result.flatMap(readTuple(v, 1, "VerifyDealsForActivationParams"), ([s]) => readSectors(s, "VerifyDealsForActivationParams.sectors")))

/** `[[cid | null…]]` (VerifyDealsForActivation return: one unsealed CID per sector, null for none). */
export const encodeUnsealedCids = (cids: ReadonlyArray<CID | null>): Uint8Array => encodeCbor([cids])
/** Parses a VerifyDealsForActivation return. */
export const decodeUnsealedCids = (bytes: Uint8Array): Decoded<ReadonlyArray<CID | null>> =>
  decodeParams("VerifyDealsForActivationReturn", bytes, (v) => Result.gen(function* () {
    const [cids] = yield* readTuple(v, 1, "VerifyDealsForActivationReturn")
    const items = yield* readArray(cids, "VerifyDealsForActivationReturn.unsealed_cids")
    const out: Array<CID | null> = []
    for (const [i, c] of items.entries()) out.push(yield* readNullable(c, `VerifyDealsForActivationReturn.unsealed_cids[${i}]`, readCid))
    return out
  }))

/** BatchActivateDeals params. */
export interface BatchActivateDealsParams {
  readonly sectors: ReadonlyArray<SectorDeals>
  readonly computeCid: boolean
}
/** `[[SectorDeals…], compute_cid]`. */
export const encodeBatchActivateDealsParams = (p: BatchActivateDealsParams): Uint8Array =>
  encodeCbor([p.sectors.map(sectorDealsTuple), p.computeCid])
/** Parses BatchActivateDeals params. */
export const decodeBatchActivateDealsParams = (bytes: Uint8Array): Decoded<BatchActivateDealsParams> =>
  decodeParams("BatchActivateDealsParams", bytes, (v) => Result.gen(function* () {
    const [s, c] = yield* readTuple(v, 2, "BatchActivateDealsParams")
    return { sectors: yield* readSectors(s, "BatchActivateDealsParams.sectors"), computeCid: yield* readBool(c, "BatchActivateDealsParams.compute_cid") }
  }))

/** Per-item outcome of a batch: how many succeeded, and the failures by index. */
export interface BatchReturn {
  readonly successCount: number
  readonly failCodes: ReadonlyArray<{ readonly idx: number; readonly code: number }>
}
/** The batch return of per-item exit codes (0 = success), as `BatchReturnGen` builds it. */
export const batchReturnOf = (codes: ReadonlyArray<number>): BatchReturn => ({
  successCount: codes.filter((c) => c === 0).length,
  failCodes: codes.flatMap((code, idx) => (code === 0 ? [] : [{ idx, code }]))
})
const batchReturnTuple = (b: BatchReturn) => [b.successCount, b.failCodes.map((f) => [f.idx, f.code])]

/** An activated deal (`ActivatedDeal`). */
export interface ActivatedDeal {
  readonly client: bigint
  readonly allocationId: bigint
  readonly data: CID
  readonly size: bigint
}
/** A sector's activation (`SectorDealActivation`). */
export interface SectorDealActivation {
  readonly activated: ReadonlyArray<ActivatedDeal>
  readonly unsealedCid: CID | null
}
/** BatchActivateDeals return (`BatchActivateDealsResult` = `[activation_results, activations]`). */
export interface BatchActivateDealsResult {
  readonly activationResults: BatchReturn
  readonly activations: ReadonlyArray<SectorDealActivation>
}
/** `[BatchReturn, [[[client, allocation_id, data, size]…], unsealed_cid]…]`. */
export const encodeBatchActivateDealsResult = (r: BatchActivateDealsResult): Uint8Array =>
  encodeCbor([
    batchReturnTuple(r.activationResults),
    r.activations.map((a) => [a.activated.map((d) => [d.client, d.allocationId, d.data, d.size]), a.unsealedCid])
  ])

// ---------------------------------------------------------------------------------------------
// termination, settlement

/** OnMinerSectorsTerminate params. */
export interface OnMinerSectorsTerminateParams {
  readonly epoch: bigint
  readonly sectors: BitField
}
/** `[epoch, sectors]`. */
export const encodeOnMinerSectorsTerminateParams = (p: OnMinerSectorsTerminateParams): Uint8Array =>
  encodeCbor([p.epoch, encodeBitField(p.sectors)])
/** Parses OnMinerSectorsTerminate params. */
export const decodeOnMinerSectorsTerminateParams = (bytes: Uint8Array): Decoded<OnMinerSectorsTerminateParams> =>
  decodeParams("OnMinerSectorsTerminateParams", bytes, (v) => Result.gen(function* () {
    const [e, s] = yield* readTuple(v, 2, "OnMinerSectorsTerminateParams")
    return { epoch: yield* readInt(e, "OnMinerSectorsTerminateParams.epoch"), sectors: yield* readBitField(s, "OnMinerSectorsTerminateParams.sectors") }
  }))

/** SettleDealPayments params: the deal ids (transparent bitfield). */
export const encodeSettleDealPaymentsParams = (ids: BitField): Uint8Array => encodeCbor(encodeBitField(ids))
/** Parses SettleDealPayments params. */
export const decodeSettleDealPaymentsParams = (bytes: Uint8Array): Decoded<BitField> =>
  decodeParams("SettleDealPaymentsParams", bytes, (v) => readBitField(v, "SettleDealPaymentsParams.deal_ids"))

/** One deal's settlement (`DealSettlementSummary`). */
export interface DealSettlementSummary {
  readonly payment: bigint
  readonly completed: boolean
}
/** SettleDealPayments return. */
export interface SettleDealPaymentsReturn {
  readonly results: BatchReturn
  readonly settlements: ReadonlyArray<DealSettlementSummary>
}
/** `[BatchReturn, [[payment, completed]…]]`. */
export const encodeSettleDealPaymentsReturn = (r: SettleDealPaymentsReturn): Uint8Array =>
  encodeCbor([batchReturnTuple(r.results), r.settlements.map((s) => [encodeBigInt(s.payment), s.completed])])

// ---------------------------------------------------------------------------------------------
// RedeemVoucher (our extension)

/** RedeemVoucher params: the client's voucher for one deal and the piece inclusion proof. */
export interface RedeemVoucherParams {
  readonly voucher: SignedVoucher
  readonly pip: Pip
}
/**
 * `[SignedVoucher, pip bytes]` — the shape of the payment channel's `[sv, secret]`, the PIP in
 * `encodePip`'s form.
 *
 * @throws {RangeError} if the PIP is structurally invalid (it cannot be encoded).
 */
export const encodeRedeemVoucherParams = (p: RedeemVoucherParams): Uint8Array => {
  const pip = encodePip(p.pip)
  if (Result.isFailure(pip)) throw new RangeError(`RedeemVoucherParams.pip: ${pip.failure._tag}`)
  return encodeUpdateChannelStateParams({ sv: p.voucher, secret: pip.success })
}
/** Parses RedeemVoucher params; a PIP that does not decode is malformed params. */
export const decodeRedeemVoucherParams = (bytes: Uint8Array): Decoded<RedeemVoucherParams> =>
  Result.flatMap(
    Result.mapError(decodeUpdateChannelStateParams(bytes), (e) =>
      new MalformedParams({ params: "RedeemVoucherParams", field: e.field.replace("UpdateChannelStateParams.sv", "RedeemVoucherParams.voucher").replace("UpdateChannelStateParams.secret", "RedeemVoucherParams.pip"), message: e.message })),
    (p) => Result.match(decodePip(p.secret), {
      onSuccess: (pip) => Result.succeed({ voucher: p.sv, pip }),
      onFailure: (e) => Result.fail(new MalformedParams({ params: "RedeemVoucherParams", field: "RedeemVoucherParams.pip", message: `RedeemVoucherParams.pip: ${e._tag}` }))
    }))

// ---------------------------------------------------------------------------------------------
// internals

const readUints = (v: unknown, path: string): Result.Result<ReadonlyArray<bigint>, InvalidCborField> => Result.gen(function* () {
  const items = yield* readArray(v, path)
  const out: Array<bigint> = []
  for (const [i, x] of items.entries()) out.push(yield* readUint(x, `${path}[${i}]`))
  return out
})

