/**
 * Market vector cases for a deal's payments: CronTick (implicit messages from the cron actor
 * f03), SettleDealPayments, and the seed's RedeemVoucher(Voucher, PIP) (builtin-actors
 * `actors/market/src/lib.rs` @ v18.0.0 `cron_tick`:890-1040, `settle_deal_payments`:1220-1362;
 * RedeemVoucher: src/impl/actors/market/redeem.ts, spec/tla/StorageMarket.tla).
 *
 * @module
 */
import { Result } from "effect"
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { marketVoucher } from "../../src/impl/actors/market/redeem.js"
import { encodeRedeemVoucherParams, encodeSettleDealPaymentsParams } from "../../src/impl/actors/market/params.js"
import { signVoucher, type SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { type Address, idAddress } from "../../src/impl/address/address.js"
import type { KeyPair } from "../../src/impl/crypto/keys.js"
import { bitFieldFromIndices } from "../../src/impl/encoding/bitfield.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { sectorLayout } from "../../src/proofs/commd.js"
import type { Pip } from "../../src/proofs/interface.js"
import { makePip } from "../../src/proofs/pip.js"
import { type MarketCase, type MarketStep, ok, rejected } from "./market-build.js"
import { active, published, terminate } from "./market-cases-activate.js"
import { activate, CRON, DURATION, END, MARKET, type MarketWorld, type Msg, piece, PRICE, sector, START, toMarket } from "./market-world.js"

const { USR_ILLEGAL_ARGUMENT: E16, USR_NOT_FOUND: E17, USR_FORBIDDEN: E18, USR_SERIALIZATION: E21 } = ExitCode
const E32 = 32
const E33 = 33
/** Deal 0's scheduled cron epoch: next_update_epoch(0, 86400, 100) = 86400. */
const FIRST_CRON = 86400n

const settle = (w: MarketWorld, ids: ReadonlyArray<bigint>): Msg =>
  toMarket(w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices(ids)))
const cron = (params: Uint8Array = new Uint8Array()): Msg => ({ from: CRON, to: MARKET, value: 0n, method: MarketMethod.CronTick, params, implicit: true })

const K = "cron_tick"
const cronCases: ReadonlyArray<MarketCase> = [
  { method: K, name: "valid_nothing_due", expect: ok(), step: () => cron(),
    description: "The cron actor (implicit message from f03) ticks the market at epoch 0 with no deals: only last_cron moves from −1 to 0." },
  { method: K, name: "valid_timeout", expect: ok(), setup: [...published, { epoch: FIRST_CRON }], step: () => cron(),
    description: "At deal 0's scheduled epoch 86400 it was never activated: it times out — the client's lock is released, the provider's collateral (10^15) is burnt (sent to f099), the proposal leaves the pending set and the table (collateral_penalty_for_deal_activation_missed). Deal 1, scheduled at 86401, is not due." },
  { method: K, name: "valid_activated_leaves_pending", expect: ok(), setup: [...active, { epoch: FIRST_CRON }], step: () => cron(),
    description: "Deal 0 is active and never settled: cron takes it out of the pending set and does not reschedule it (it is settled by SettleDealPayments from now on; lib.rs:935-949); deal 1 is not due." },
  { method: K, name: "valid_settles_updated_deal", expect: ok(), setup: [...active, { epoch: START + 100n }, (w) => settle(w, [0n]), { epoch: FIRST_CRON }], step: () => cron(),
    description: "Deal 0 was settled once at epoch 200: at 86400 cron settles it again — the provider is paid 1000 × (86400 − 200) — and reschedules it at 172800 (upstream's path for deals updated before cron reached them)." },
  { method: K, name: "invalid_caller_not_cron", expect: rejected(E18, "CallerIsCron"), step: (w) => toMarket(w.client.address, MarketMethod.CronTick),
    description: "An account calls CronTick: only the cron actor f03 may: 18." },
  { method: K, name: "invalid_params_given", expect: rejected(E16, "ExpectsNoArguments"), step: () => cron(Uint8Array.of(0xf6)),
    description: "CronTick takes no params: 16." }
]

const S = "settle_deal_payments"
const settleCases: ReadonlyArray<MarketCase> = [
  { method: S, name: "valid_active_payment", expect: ok([]), setup: [...active, { epoch: START + 100n }], step: (w) => settle(w, [0n]),
    description: "Anyone settles deal 0 at epoch 200: the provider is paid 1000 × (200 − 100) from the client's locked fee; last_updated_epoch = 200; deal 0 leaves the pending set. Returns [[1, []], [[100000, false]]]." },
  { method: S, name: "valid_completed", expect: ok([]), setup: [...active, { epoch: END }], step: (w) => settle(w, [0n]),
    description: "At the deal's end epoch: the whole price is paid, both collaterals unlock, the deal and its sector entry are removed; the summary says completed." },
  { method: S, name: "valid_too_early", expect: ok([]), setup: [...active, { epoch: 50n }], step: (w) => settle(w, [0n]),
    description: "Deal 0 is active but its start (100) has not come: a zero settlement, nothing changes." },
  { method: S, name: "valid_unactivated_before_start", expect: ok([]), setup: [...published, { epoch: 50n }], step: (w) => settle(w, [1n]),
    description: "Deal 1 is published, not active, before its start: a zero settlement." },
  { method: S, name: "valid_batch_timeout", expect: ok([[0, E32]]), setup: [...published, { epoch: START }], step: (w) => settle(w, [0n]),
    description: "Deal 0 was never activated and its start has come: it times out (provider collateral burnt, client unlocked, removed) and its batch entry is 32 EX_DEAL_EXPIRED — a failed entry that changes state." },
  { method: S, name: "valid_batch_unknown", expect: ok([[0, E32]]), setup: published, step: (w) => settle(w, [7n]),
    description: "Deal 7 does not exist: batch entry 32; nothing changes." },
  { method: S, name: "valid_batch_mixed", expect: ok([[1, E32], [2, E32]]), setup: [...active, { epoch: START + 100n }], step: (w) => settle(w, [0n, 1n, 7n]),
    description: "Deals 0 (active: paid), 1 (never activated: times out) and 7 (unknown): entries 1 and 2 fail 32." },
  { method: S, name: "valid_empty", expect: ok([]), setup: published, step: (w) => settle(w, []),
    description: "No deal ids: [[0, []], []]." },
  { method: S, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: published,
    step: (w) => toMarket(w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeCbor(Uint8Array.of(0xff))),
    description: "Deal ids whose RLE+ bytes are invalid (version bits 11): 21." },
  { method: S, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: published, step: (w) => toMarket(w.stranger.address, MarketMethod.SettleDealPaymentsExported),
    description: "No params: 16." }
]

// ---------------------------------------------------------------------------------------------
// RedeemVoucher

/** The PIP of piece `index` in a 2 KiB sector of 128-byte pieces of these fills, in order. */
const pipOf = (fills: ReadonlyArray<number>, index: number): Pip =>
  Result.getOrThrow(makePip(Result.getOrThrow(sectorLayout(2048n, fills.map((f) => ({ size: 128n, commP: piece(f).commP })))), index))
/** Deal 0's PIP: its piece alone at offset 0 of sector 1. */
const PIP = pipOf([1], 0)

const voucher = (v: Partial<SignedVoucher> = {}): SignedVoucher => ({ ...marketVoucher(0n, 5000n), ...v })
const redeem = (w: MarketWorld, v: Partial<SignedVoucher> = {}, o: { readonly pip?: Pip; readonly signer?: KeyPair | null; readonly by?: Address } = {}): Msg => {
  const signer = o.signer === undefined ? w.client : o.signer
  const sv = signer === null ? voucher(v) : signVoucher(signer, voucher(v))
  return toMarket(o.by ?? w.worker.address, MarketMethod.RedeemVoucherExported, encodeRedeemVoucherParams({ voucher: sv, pip: o.pip ?? PIP }))
}
const at50: ReadonlyArray<MarketStep> = [...active, { epoch: 50n }]

const R = "redeem_voucher"
const redeemCases: ReadonlyArray<MarketCase> = [
  { method: R, name: "valid_first_voucher", expect: ok(), setup: at50, step: (w) => redeem(w),
    description: "The worker redeems the client's voucher for deal 0 (lane = deal id, amount 5000 cumulative) with the PIP of deal 0's piece in sector 1's CommD: 5000 moves from the client's locked fee to the miner's escrow; deal 0's paid = 5000. Returns 5000. RedeemVoucher is this project's extension (FRC-0042 number of \"RedeemVoucher\"), not a builtin-actors method." },
  { method: R, name: "valid_higher_voucher", expect: ok(), setup: [...at50, (w) => redeem(w)], step: (w) => redeem(w, { amount: 8000n }),
    description: "After 5000, a voucher for 8000 pays the difference, 3000." },
  { method: R, name: "valid_whole_price", expect: ok(), setup: at50, step: (w) => redeem(w, { amount: PRICE * DURATION }),
    description: "A voucher for the deal's whole price (1000 × 518400) is allowed (VoucherWithinTotalPrice is ≤)." },
  { method: R, name: "valid_by_owner", expect: ok(), setup: at50, step: (w) => redeem(w, {}, { by: w.owner.address }),
    description: "The miner's owner redeems: any address controlling the deal's provider may." },
  { method: R, name: "valid_after_sector_terminated", expect: ok(), setup: [...active, { epoch: END + 1n }, () => terminate(END, [1n])], step: (w) => redeem(w),
    description: "Sector 1 was terminated at deal 0's end epoch: the deal, past its end, was not slashed and stays to be settled, though the sector's provider_sectors entry is gone; the PIP is checked against the CommD kept in deal 0's state, so the voucher pays 5000." },
  { method: R, name: "valid_second_activation_same_sector", expect: ok(), setup: [...active, () => activate([sector({ dealIds: [1n] })]), { epoch: 50n }],
    step: (w) => redeem(w, { lane: 1n }, { pip: pipOf([2], 0) }),
    description: "Deal 1 was activated into sector 1 by a second call: its PIP — piece 2 alone at offset 0 of a 2 KiB sector, the CommD recorded with deal 1 — verifies; the voucher pays 5000." },
  { method: R, name: "invalid_channel_not_market", expect: rejected(E16, "VoucherForMarket"), setup: at50, step: (w) => redeem(w, { channelAddr: idAddress(104n) }),
    description: "The voucher names f0104, not the market: 16." },
  { method: R, name: "invalid_voucher_time_lock", expect: rejected(E16, "VoucherForMarket"), setup: at50, step: (w) => redeem(w, { timeLockMax: 10n }),
    description: "A market voucher has none of the payment channel's conditions; time_lock_max 10: 16." },
  { method: R, name: "invalid_deal_not_published", expect: rejected(E17, "DealExists"), setup: at50, step: (w) => redeem(w, { lane: 7n }),
    description: "Deal 7 was never published: 17." },
  { method: R, name: "invalid_deal_expired", expect: rejected(E32, "DealExists"), setup: [...active, { epoch: END }, (w) => settle(w, [0n])], step: (w) => redeem(w),
    description: "Deal 0 completed and was removed: 32 EX_DEAL_EXPIRED." },
  { method: R, name: "invalid_caller_not_provider", expect: rejected(E18, "CallerIsDealProvider"), setup: at50, step: (w) => redeem(w, {}, { by: w.stranger.address }),
    description: "The stranger redeems: the caller must control the deal's provider: 18." },
  { method: R, name: "invalid_unsigned", expect: rejected(E16, "VoucherSignedByClient"), setup: at50, step: (w) => redeem(w, {}, { signer: null }),
    description: "A voucher with no signature: 16." },
  { method: R, name: "invalid_forged", expect: rejected(E16, "VoucherSignedByClient"), setup: at50, step: (w) => redeem(w, {}, { signer: w.stranger }),
    description: "A voucher signed by the stranger: the client's AuthenticateMessage fails: 16." },
  { method: R, name: "invalid_not_activated", expect: rejected(E33, "DealActive"), setup: at50, step: (w) => redeem(w, { lane: 1n }, { pip: pipOf([2], 0) }),
    description: "Deal 1 is published, not active: 33 EX_DEAL_NOT_ACTIVATED." },
  { method: R, name: "invalid_pip_other_piece", expect: rejected(E16, "PipForDealPiece"), setup: at50, step: (w) => redeem(w, {}, { pip: pipOf([2], 0) }),
    description: "The PIP proves another piece (piece 2): 16." },
  { method: R, name: "invalid_pip_other_sector", expect: rejected(E16, "PipForDealSector"), setup: at50, step: (w) => redeem(w, {}, { pip: pipOf([2, 1], 1) }),
    description: "The PIP proves deal 0's piece in another sector layout (after piece 2): it does not verify against sector 1's CommD: 16." },
  { method: R, name: "invalid_not_above_paid", expect: rejected(E16, "VoucherAbovePaid"), setup: [...at50, (w) => redeem(w)], step: (w) => redeem(w),
    description: "The same voucher (5000) a second time: the amount must rise above what was paid: 16." },
  { method: R, name: "invalid_above_total_price", expect: rejected(E16, "VoucherWithinTotalPrice"), setup: at50, step: (w) => redeem(w, { amount: PRICE * DURATION + 1n }),
    description: "One attoFIL above the deal's total price: 16." },
  { method: R, name: "invalid_pip_malformed", expect: rejected(E21, "MalformedParams"), setup: at50,
    step: (w) => toMarket(w.worker.address, MarketMethod.RedeemVoucherExported, encodeCbor([encodeCbor(0), Uint8Array.of(0xff)])),
    description: "Params whose voucher and PIP do not decode: 21." },
  { method: R, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: at50, step: (w) => toMarket(w.worker.address, MarketMethod.RedeemVoucherExported),
    description: "No params: 16." }
]

/** Cron, settlement and voucher cases. */
export const paymentCases: ReadonlyArray<MarketCase> = [...cronCases, ...settleCases, ...redeemCases]
