/**
 * Market vector cases for the miner's calls: VerifyDealsForActivation, BatchActivateDeals and
 * OnMinerSectorsTerminate (builtin-actors `actors/market/src/lib.rs` @ v18.0.0
 * `verify_deals_for_activation`:502-540, `batch_activate_deals`:549-666, `preactivate_deal`
 * :1442-1481, `validate_deal_can_activate`:1582-1614, `on_miner_sectors_terminate`:790-888).
 * The miner's calls are implicit messages from f0104 (see ./market-world.ts).
 *
 * @module
 */
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import {
  encodeOnMinerSectorsTerminateParams, encodeSettleDealPaymentsParams, encodeVerifyDealsForActivationParams, type SectorDeals
} from "../../src/impl/actors/market/params.js"
import type { Address } from "../../src/impl/address/address.js"
import { bitFieldFromIndices } from "../../src/impl/encoding/bitfield.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { type MarketCase, type MarketStep, ok, rejected } from "./market-build.js"
import {
  activate, createOtherMiner, END, fromMiner, funded, MINER, type Msg, OTHER_MINER, piece, proposal, publish, sector, START, toMarket
} from "./market-world.js"

const { USR_ILLEGAL_ARGUMENT: E16, USR_NOT_FOUND: E17, USR_FORBIDDEN: E18, USR_SERIALIZATION: E21 } = ExitCode
const E32 = 32

/** Setup: deals 0 (piece 1) and 1 (piece 2) published at epoch 0. */
export const published: ReadonlyArray<MarketStep> = [...funded, (w) => publish(w, [proposal(w), proposal(w, { pieceCid: piece(2).cid })])]
/** Setup: as {@link published}, deal 0 active in sector 1 (activated at epoch 0). */
export const active: ReadonlyArray<MarketStep> = [...published, () => activate([sector()])]
/** Setup: deal 0 timed out (settled at its start without activation) and removed. */
export const timedOut: ReadonlyArray<MarketStep> = [...published, { epoch: START }, (w) => toMarket(w.stranger.address, MarketMethod.SettleDealPaymentsExported, encodeSettleDealPaymentsParams(bitFieldFromIndices([0n])))]

/** The same call as a signed message from the account `from`. */
const explicit = (m: Msg, from: Address): Msg => ({ from, to: m.to, value: m.value, method: m.method, params: m.params })

const verify = (sectors: ReadonlyArray<SectorDeals>, miner: Address = MINER) =>
  fromMiner(MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams(sectors), miner)

const V = "verify_deals_for_activation"
const verifyCases: ReadonlyArray<MarketCase> = [
  { method: V, name: "valid_one_deal", expect: ok(), setup: published, step: () => verify([sector()]),
    description: "The miner (implicit message from f0104) verifies sector 1 (2 KiB) holding deal 0: returns [[unsealed CID]], the CommD of the 2 KiB sector with deal 0's 128-byte piece at offset 0 and zero pieces after it (compute_unsealed_sector_cid). Changes nothing." },
  { method: V, name: "valid_order_matters", expect: ok(), setup: published, step: () => verify([sector({ dealIds: [1n, 0n] })]),
    description: "Deals 1 then 0: the pieces are laid out in the order given, so the CID differs from deals 0 then 1." },
  { method: V, name: "valid_no_deals", expect: ok(), setup: published, step: () => verify([sector({ dealIds: [] })]),
    description: "A sector with no deals: its unsealed CID is null." },
  { method: V, name: "valid_no_sectors", expect: ok(), setup: published, step: () => verify([]),
    description: "No sectors: returns [[]]." },
  { method: V, name: "invalid_caller_not_miner", expect: rejected(E18, "CallerIsMiner"), setup: published,
    step: (w) => toMarket(w.worker.address, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector()])),
    description: "The worker account calls it: only a miner actor may (validate_immediate_caller_type MINER): 18." },
  { method: V, name: "invalid_duplicate_deal", expect: rejected(E16, "DealIdsUnique"), setup: published, step: () => verify([sector({ dealIds: [0n, 0n] })]),
    description: "Deal 0 twice in one sector: \"duplicate deal ID\" (get_proposals): 16." },
  { method: V, name: "invalid_deal_not_published", expect: rejected(E17, "DealPublished"), setup: published, step: () => verify([sector({ dealIds: [7n] })]),
    description: "Deal 7 was never published (7 ≥ next id 2): 17 USR_NOT_FOUND." },
  { method: V, name: "invalid_deal_expired", expect: rejected(E32, "DealPublished"), setup: timedOut, step: () => verify([sector()]),
    description: "Deal 0 was published and has since been removed (timed out): 32 EX_DEAL_EXPIRED (get_proposal: id < next id)." },
  { method: V, name: "invalid_sector_type_unknown", expect: rejected(E16, "SectorTypeKnown"), setup: published, step: () => verify([sector({ sectorType: 20n })]),
    description: "Seal proof type 20 is not a registered proof: \"sector size unknown\": 16." },
  { method: V, name: "invalid_other_provider", expect: rejected(E18, "CallerIsDealProvider"), setup: [...published, createOtherMiner],
    step: () => verify([sector()], OTHER_MINER),
    description: "Another miner (f0106) verifies deal 0, which is f0104's: 18 (validate_deal_can_activate)." },
  { method: V, name: "invalid_start_passed", expect: rejected(E32, "StartNotPassed"), setup: [...published, { epoch: START + 1n }], step: () => verify([sector()]),
    description: "At epoch 101, after deal 0's start (100): 32 EX_DEAL_EXPIRED." },
  { method: V, name: "invalid_end_after_expiry", expect: rejected(E16, "EndWithinSectorExpiry"), setup: published, step: () => verify([sector({ sectorExpiry: END - 1n })]),
    description: "The sector expires one epoch before deal 0 ends: 16." },
  { method: V, name: "invalid_deals_too_large", expect: rejected(E16, "DealsFitSector"),
    setup: [...published, (w) => publish(w, [proposal(w, { pieceCid: piece(3).cid, pieceSize: 2048n })])],
    step: () => verify([sector({ dealIds: [0n, 2n] })]),
    description: "Deals of 128 + 2048 bytes in a 2 KiB sector: \"deals too large to fit in sector\": 16." },
  { method: V, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: published,
    step: () => fromMiner(MarketMethod.VerifyDealsForActivation, Uint8Array.of(0x81, 0x81, 0x80)),
    description: "A sector that is an empty array instead of [number, type, expiry, deals]: 21." },
  { method: V, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: published,
    step: () => fromMiner(MarketMethod.VerifyDealsForActivation, new Uint8Array()),
    description: "No params: 16." }
]

const B = "batch_activate_deals"
const activateCases: ReadonlyArray<MarketCase> = [
  { method: B, name: "valid_one_deal", expect: ok([]), setup: published, step: () => activate([sector()]),
    description: "The miner activates sector 1 holding deal 0 with compute_cid: deal 0 gets its state (sector 1, start epoch 0, never updated, not slashed), and, our extension, the CommD of sector 1 as activated with it (unsealed: the returned CID, 2048); provider_sectors[f0104][1] = [0]; returns [[1, []], [[[client, 0, piece CID, 128]], unsealed CID]]." },
  { method: B, name: "valid_without_cid", expect: ok([]), setup: published, step: () => activate([sector()], false),
    description: "As valid_one_deal without compute_cid: the return's unsealed CID is null (deal 0's state still records the sector's CommD, our extension)." },
  { method: B, name: "valid_second_call_same_sector", expect: ok([]), setup: active, step: () => activate([sector({ dealIds: [1n] })]),
    description: "Deal 0 is active in sector 1; a second call activates deal 1 into sector 1: deal 1's state records the CommD of this call's deals of the sector — a 2 KiB sector holding only deal 1's piece at offset 0 (our extension; deal 0's record is unchanged); provider_sectors[f0104][1] = [0, 1] (put_sector_deal_ids, state.rs:574-603, merges and sorts)." },
  { method: B, name: "valid_two_sectors", expect: ok([]), setup: published, step: () => activate([sector(), sector({ sectorNumber: 2n, dealIds: [1n] })]),
    description: "Sectors 1 (deal 0) and 2 (deal 1) in one call." },
  { method: B, name: "valid_sector_no_deals", expect: ok([]), setup: published, step: () => activate([sector({ dealIds: [] })]),
    description: "A sector with no deals activates nothing and succeeds." },
  { method: B, name: "valid_batch_duplicate_in_sector", expect: ok([[0, E16]]), setup: published, step: () => activate([sector({ dealIds: [0n, 0n] })]),
    description: "Deal 0 twice in a sector: that sector fails 16 in the batch return; nothing changes; the message succeeds." },
  { method: B, name: "valid_batch_duplicate_across_sectors", expect: ok([[1, E16]]), setup: published,
    step: () => activate([sector(), sector({ sectorNumber: 2n })]),
    description: "Deal 0 in sectors 1 and 2: sector 1 activates it, sector 2 fails 16." },
  { method: B, name: "valid_batch_not_published", expect: ok([[1, E17]]), setup: published, step: () => activate([sector(), sector({ sectorNumber: 2n, dealIds: [7n] })]),
    description: "Sector 2 names deal 7, never published: 17 for that sector; sector 1 activates deal 0." },
  { method: B, name: "valid_batch_expired", expect: ok([[0, E32]]), setup: timedOut, step: () => activate([sector()]),
    description: "Deal 0 timed out and was removed: 32 for its sector." },
  { method: B, name: "valid_batch_start_passed", expect: ok([[0, E32]]), setup: [...published, { epoch: START + 1n }], step: () => activate([sector()]),
    description: "At epoch 101, after deal 0's start: 32 for its sector." },
  { method: B, name: "valid_batch_other_provider", expect: ok([[0, E18]]), setup: [...published, createOtherMiner], step: () => activate([sector()], true, OTHER_MINER),
    description: "Miner f0106 activates f0104's deal 0: 18 for the sector." },
  { method: B, name: "valid_batch_end_after_expiry", expect: ok([[0, E16]]), setup: published, step: () => activate([sector({ sectorExpiry: START })]),
    description: "The sector expires before the deal ends: 16 for the sector." },
  { method: B, name: "valid_batch_already_active", expect: ok([[0, E16]]), setup: active, step: () => activate([sector({ sectorNumber: 2n })]),
    description: "Deal 0 is already active (in sector 1): 16 for sector 2 (preactivate_deal: \"deal already activated\")." },
  { method: B, name: "invalid_caller_not_miner", expect: rejected(E18, "CallerIsMiner"), setup: published,
    step: (w) => explicit(activate([sector()]), w.worker.address),
    description: "The worker account calls BatchActivateDeals: only a miner actor may: 18." },
  { method: B, name: "invalid_sector_type_unknown", expect: rejected(E16, "DataCommitment"), setup: published, step: () => activate([sector({ sectorType: 20n })]),
    description: "Seal proof 20 with compute_cid: the unsealed CID cannot be computed, which fails the whole message: 16 (batch_activate_deals: compute_data_commitment \"failed to compute unsealed sector CID\")." },
  { method: B, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: published,
    step: () => fromMiner(MarketMethod.BatchActivateDeals, Uint8Array.of(0x81, 0x80)),
    description: "[[]] without compute_cid: 21." },
  { method: B, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: published, step: () => fromMiner(MarketMethod.BatchActivateDeals, new Uint8Array()),
    description: "No params: 16." }
]

export const terminate = (epoch: bigint, sectors: ReadonlyArray<bigint>, miner: Address = MINER) =>
  fromMiner(MarketMethod.OnMinerSectorsTerminate, encodeOnMinerSectorsTerminateParams({ epoch, sectors: bitFieldFromIndices(sectors) }), miner)
const T = "on_miner_sectors_terminate"
const terminateCases: ReadonlyArray<MarketCase> = [
  { method: T, name: "valid_before_start", expect: ok(), setup: [...active, { epoch: 50n }], step: () => terminate(50n, [1n]),
    description: "Sector 1 terminated at epoch 50, before deal 0's start: nothing earned; the client's fee and collateral unlock; the provider's collateral (10^15) is slashed — burnt by a send to f099; the deal is removed (also from the pending set, never settled)." },
  { method: T, name: "valid_after_start", expect: ok(), setup: [...active, { epoch: START + 100n }], step: () => terminate(START + 100n, [1n]),
    description: "Terminated at epoch 200: the provider is paid 100 epochs × 1000 attoFIL, the rest of the client's fee unlocks, the provider's collateral is burnt." },
  { method: T, name: "valid_no_deals", expect: ok(), setup: active, step: () => terminate(0n, [9n]),
    description: "Sector 9 holds no deals: nothing changes." },
  { method: T, name: "valid_deal_past_end", expect: ok(), setup: [...active, { epoch: END + 1n }], step: () => terminate(END, [1n]),
    description: "Terminated at the deal's end epoch: deals that have ended are not slashed (lib.rs:838-842); the sector's entry is removed." },
  { method: T, name: "valid_other_miner", expect: ok(), setup: [...active, createOtherMiner], step: () => terminate(0n, [1n], OTHER_MINER),
    description: "Miner f0106 terminates its sector 1, which holds none of f0104's deals: nothing changes." },
  { method: T, name: "invalid_caller_not_miner", expect: rejected(E18, "CallerIsMiner"), setup: active,
    step: (w) => explicit(terminate(0n, [1n]), w.worker.address),
    description: "The worker account calls it: only a miner actor may: 18." },
  { method: T, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: active,
    step: () => fromMiner(MarketMethod.OnMinerSectorsTerminate, Uint8Array.of(0x82, 0x00, 0x41, 0xff)),
    description: "A sectors bitfield whose RLE+ bytes are not valid (version bits 11): 21." },
  { method: T, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: active, step: () => fromMiner(MarketMethod.OnMinerSectorsTerminate, new Uint8Array()),
    description: "No params: 16." }
]

/** Activation and termination cases. */
export const activateTerminateCases: ReadonlyArray<MarketCase> = [...verifyCases, ...activateCases, ...terminateCases]
