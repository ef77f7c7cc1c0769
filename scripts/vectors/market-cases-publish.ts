/**
 * Market vector cases for PublishStorageDeals (builtin-actors `actors/market/src/lib.rs` @
 * v18.0.0 `publish_storage_deals`:196-498, `validate_deal`:1616-1688,
 * `deal_proposal_is_internally_valid`:1690-1716; bounds in `policy.rs`): every check, the valid /
 * invalid split of a batch (the return's `valid_deals` bitfield), and the first invalid deal's
 * reason when every deal fails (16 "All deal proposals invalid").
 *
 * @module
 */
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { Result } from "effect"
import { bitFieldIndices } from "../../src/impl/encoding/bitfield.js"
import { decodePublishStorageDealsReturn, encodePublishStorageDealsParams } from "../../src/impl/actors/market/params.js"
import { TOTAL_FILECOIN } from "../../src/impl/actors/market/policy.js"
import { dealProposalCid, labelFromBytes, labelFromString, signDealProposal } from "../../src/impl/actors/market/types.js"
import { idAddress } from "../../src/impl/address/address.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { type MarketCase, ok, rejected } from "./market-build.js"
import {
  CLIENT_ID, createOtherMiner, DURATION, funded, MINER_ID, OTHER_MINER, piece, proposal, publish, START, toMarket
} from "./market-world.js"

const { USR_ILLEGAL_ARGUMENT: E16, USR_NOT_FOUND: E17, USR_FORBIDDEN: E18, USR_SERIALIZATION: E21 } = ExitCode
const P = "publish_storage_deals"

/** Checks the return: the deal ids given and the batch entries valid. */
const returns = (ids: ReadonlyArray<number>, valid: ReadonlyArray<number>) => (ret: Uint8Array): string | undefined => {
  const r = decodePublishStorageDealsReturn(ret)
  if (Result.isFailure(r)) return `return does not decode: ${r.failure.message}`
  const got = { ids: r.success.ids.map(Number), valid: bitFieldIndices(r.success.validDeals).map(Number) }
  return JSON.stringify(got) === JSON.stringify({ ids, valid }) ? undefined : `expected ids ${ids} valid ${valid}, got ${JSON.stringify(got)}`
}

/** A case whose one deal fails `tag` with 16. */
const oneInvalid = (name: string, tag: string, change: Parameters<typeof proposal>[1], description: string, epoch?: bigint): MarketCase => ({
  method: P, name, expect: rejected(E16, tag), setup: epoch === undefined ? funded : [...funded, { epoch }],
  step: (w) => publish(w, [proposal(w, change)]),
  description: `${description} The batch's only deal is invalid: 16 "All deal proposals invalid" (lib.rs:422-424).`
})

const validCases: ReadonlyArray<MarketCase> = [
  { method: P, name: "valid_one_deal", expect: ok(), returns: returns([0], [0]), setup: funded, step: (w) => publish(w, [proposal(w)]),
    description: "The worker publishes one deal signed by the client (128-byte piece, start 100, 180 days, 1000 attoFIL/epoch): deal 0; the client locks 1000 × 518400 + 100, the miner 10^15; the proposal's CID joins the pending set; the deal is scheduled for cron at next_update_epoch(0, 86400, 100) = 86400. Returns [[0], valid_deals = {0}]." },
  { method: P, name: "valid_two_deals", expect: ok(), returns: returns([0, 1], [0, 1]), setup: funded, step: (w) => publish(w, [proposal(w), proposal(w, { pieceCid: piece(2).cid })]),
    description: "Two deals in one message: deals 0 and 1, both locked; valid_deals = {0, 1}." },
  { method: P, name: "valid_partial_batch", expect: ok(), returns: returns([0, 1], [0, 2]), setup: funded,
    step: (w) => publish(w, [proposal(w), proposal(w, { endEpoch: START }), proposal(w, { pieceCid: piece(3).cid })]),
    description: "A batch of three whose second deal ends at its start: the valid/invalid split — deals 0 and 1 for batch entries 0 and 2; valid_deals = {0, 2} (lib.rs:270-371, 434-499)." },
  { method: P, name: "valid_duplicate_in_batch", expect: ok(), returns: returns([0], [0]), setup: funded, step: (w) => publish(w, [proposal(w), proposal(w)]),
    description: "The same proposal twice in one batch: the second is a duplicate of the first (the batch's own CIDs, lib.rs:350-356); valid_deals = {0}." },
  { method: P, name: "valid_other_provider_in_batch", expect: ok(), returns: returns([0], [0]), setup: [...funded, createOtherMiner],
    step: (w) => publish(w, [proposal(w), proposal(w, { provider: OTHER_MINER, pieceCid: piece(2).cid })]),
    description: "The second deal names another miner (f0106): all deals must have the first deal's provider (lib.rs:286-296); valid_deals = {0}." },
  { method: P, name: "valid_balance_for_first_only", expect: ok(), returns: returns([0], [0]), setup: funded,
    step: (w) => publish(w, [proposal(w, { clientCollateral: 6n * 10n ** 17n }), proposal(w, { pieceCid: piece(2).cid, clientCollateral: 6n * 10n ** 17n })]),
    description: "Two deals each locking 0.6 FIL + 518 400 000 attoFIL of the client's 1 FIL: the second does not fit beside the first (the batch's running lockup, lib.rs:309-335); valid_deals = {0}." },
  { method: P, name: "valid_by_control_address", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w)], w.control),
    description: "A control address of the miner publishes: IsControllingAddress (FRC-0042, miner lib.rs:289-304) answers true." },
  { method: P, name: "valid_by_owner", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w)], w.owner),
    description: "The miner's owner publishes: the owner controls the miner too." },
  { method: P, name: "valid_exported", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w)], w.worker, MarketMethod.PublishStorageDealsExported),
    description: `PublishStorageDeals by its FRC-0042 exported number ${MarketMethod.PublishStorageDealsExported}.` },
  { method: P, name: "valid_bytes_label", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w, { label: labelFromBytes(Uint8Array.of(0xca, 0xfe, 0xb0, 0x0a)) })]),
    description: "A label of bytes (the chain's string-or-bytes union, deal.rs Label): stored as given." },
  { method: P, name: "valid_label_256_bytes", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w, { label: labelFromString("x".repeat(256)) })]),
    description: "A 256-byte label: DEAL_MAX_LABEL_SIZE is inclusive (policy.rs:16-19)." },
  { method: P, name: "valid_client_by_id_address", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w, { client: idAddress(CLIENT_ID) })]),
    description: "The proposal names the client by its ID address f0105 (signed as such)." },
  { method: P, name: "valid_provider_robust_address", expect: ok(), setup: funded,
    step: (w) => publish(w, [proposal(w, { provider: w.vm.actors.get(MINER_ID)!.robust! })]),
    description: "The proposal names the miner by its robust (f2) address: the client signs those bytes; the market stores the proposal with ID addresses (so its CID is of the normalised proposal)." },
  { method: P, name: "valid_start_now", expect: ok(), setup: [...funded, { epoch: START }], step: (w) => publish(w, [proposal(w)]),
    description: "Published at epoch 100 = the start epoch: allowed (the start must not have passed)." },
  { method: P, name: "valid_zero_price", expect: ok(), setup: funded, step: (w) => publish(w, [proposal(w, { storagePricePerEpoch: 0n })]),
    description: "A free deal: price 0 is within [0, TOTAL_FILECOIN]; the client locks only its collateral." }
]

const invalidCases: ReadonlyArray<MarketCase> = [
  { method: P, name: "invalid_empty", expect: rejected(E16, "DealsNotEmpty"), setup: funded, step: (w) => publish(w, []),
    description: "No deals: \"Empty deals parameter\" (lib.rs:200-202): 16." },
  { method: P, name: "invalid_provider_unknown", expect: rejected(E17, "ProviderResolvable"), setup: funded, step: (w) => publish(w, [proposal(w, { provider: idAddress(999n) })]),
    description: "The provider f0999 is no actor: \"no code ID for address\" (lib.rs:206-213): 17 USR_NOT_FOUND." },
  { method: P, name: "invalid_provider_not_miner", expect: rejected(E16, "ProviderIsMiner"), setup: funded, step: (w) => publish(w, [proposal(w, { provider: idAddress(CLIENT_ID) })]),
    description: "The provider is an account: \"deal provider is not a storage miner actor\" (lib.rs:214-219): 16." },
  { method: P, name: "invalid_caller_not_controlling", expect: rejected(E18, "CallerControlsProvider"), setup: funded, step: (w) => publish(w, [proposal(w)], w.stranger),
    description: "The stranger publishes for the miner: the miner says it is not a controlling address (lib.rs:221-236): 18 USR_FORBIDDEN." },
  { method: P, name: "invalid_signature_forged", expect: rejected(E16, "ProposalSignedByClient"), setup: funded,
    step: (w) => publish(w, [signDealProposal(w.stranger, proposal(w))]),
    description: "The proposal is signed by the stranger's key: the client account's AuthenticateMessage fails (lib.rs:1690-1716): the deal is invalid." },
  { method: P, name: "invalid_signature_other_proposal", expect: rejected(E16, "ProposalSignedByClient"), setup: funded,
    step: (w) => publish(w, [{ proposal: proposal(w), clientSignature: signDealProposal(w.client, proposal(w, { storagePricePerEpoch: 1n })).clientSignature }]),
    description: "The client's signature is over another proposal (price 1): the deal is invalid." },
  oneInvalid("invalid_label_too_long", "ProposalWellFormed", { label: labelFromString("x".repeat(257)) }, "A 257-byte label (DEAL_MAX_LABEL_SIZE = 256)."),
  oneInvalid("invalid_piece_size_not_power_of_two", "ProposalWellFormed", { pieceSize: 192n }, "Piece size 192 is not a power of two (PaddedPieceSize::validate)."),
  oneInvalid("invalid_piece_size_too_small", "ProposalWellFormed", { pieceSize: 64n }, "Piece size 64 is below the minimum padded piece size 128."),
  { ...oneInvalid("invalid_piece_cid_not_commitment", "ProposalWellFormed", {}, "The piece CID is a dag-cbor CID, not a piece commitment (is_piece_cid, deal.rs:18-25)."),
    step: (w) => publish(w, [proposal(w, { pieceCid: dealProposalCid(proposal(w)) })]) },
  oneInvalid("invalid_end_at_start", "EndAfterStart", { endEpoch: START }, "End epoch = start epoch: \"proposal end before proposal start\"."),
  oneInvalid("invalid_start_elapsed", "StartNotElapsed", {}, "Published at epoch 101, after the start epoch 100: \"Deal start epoch has already elapsed\".", START + 1n),
  oneInvalid("invalid_duration_too_short", "ProposalWellFormed", { endEpoch: START + DURATION - 1n }, "518399 epochs, one below the 180-day minimum."),
  oneInvalid("invalid_duration_too_long", "ProposalWellFormed", { endEpoch: START + 1278n * 2880n + 1n }, "1278 days + 1 epoch, one above the maximum."),
  oneInvalid("invalid_price_negative", "ProposalWellFormed", { storagePricePerEpoch: -1n }, "Price −1 (the wire's BigInt may be negative)."),
  oneInvalid("invalid_price_above_total", "ProposalWellFormed", { storagePricePerEpoch: TOTAL_FILECOIN + 1n }, "Price above TOTAL_FILECOIN (2·10^27 attoFIL)."),
  oneInvalid("invalid_provider_collateral_below_min", "ProposalWellFormed", { providerCollateral: 0n }, "Provider collateral 0, below the deal's share of 1% of the circulating supply (policy.rs:39-57; network.circulatingSupply, the baseline power of f02)."),
  oneInvalid("invalid_client_collateral_negative", "ProposalWellFormed", { clientCollateral: -1n }, "Client collateral −1."),
  { method: P, name: "invalid_client_balance", expect: rejected(E16, "ClientBalanceCovered"),
    setup: [funded[1]!], step: (w) => publish(w, [proposal(w)]),
    description: "The client has no escrow: \"insufficient client funds to cover proposal cost\" (lib.rs:309-320): 16." },
  { method: P, name: "invalid_provider_balance", expect: rejected(E16, "ProviderBalanceCovered"),
    setup: [funded[0]!], step: (w) => publish(w, [proposal(w)]),
    description: "The miner has no escrow: \"insufficient provider funds to cover proposal cost\": 16." },
  { method: P, name: "invalid_duplicate_pending", expect: rejected(E16, "NotPendingDuplicate"), setup: [...funded, (w) => publish(w, [proposal(w)])],
    step: (w) => publish(w, [proposal(w)]),
    description: "The same proposal published again while pending: \"cannot publish duplicate deal proposal\" (lib.rs:350-356): 16." },
  { method: P, name: "invalid_all_invalid_first_reason", expect: rejected(E16, "EndAfterStart"), setup: funded,
    step: (w) => publish(w, [proposal(w, { endEpoch: START }), signDealProposal(w.stranger, proposal(w, { pieceCid: piece(2).cid }))]),
    description: "Both deals are invalid (end at start; forged signature): 16, and our tag names the first deal's reason." },
  { method: P, name: "invalid_verified_deal", expect: rejected(E17, "DataCapUnavailable"), setup: funded, step: (w) => publish(w, [proposal(w, { verifiedDeal: true })]),
    description: "A verified deal: the market asks the DataCap actor for the client's balance; this chain has no DataCap actor (f07), so the call fails: 17 (lib.rs:359-367, as a send to a missing actor)." },
  { method: P, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: funded,
    step: (w) => toMarket(w.worker.address, MarketMethod.PublishStorageDeals, encodePublishStorageDealsParams([signDealProposal(w.client, proposal(w))]).slice(0, 40)),
    description: "PublishStorageDealsParams cut short: 21." },
  { method: P, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: funded, step: (w) => toMarket(w.worker.address, MarketMethod.PublishStorageDeals),
    description: "PublishStorageDeals with no params: 16." }
]

/** PublishStorageDeals cases. */
export const publishCases: ReadonlyArray<MarketCase> = [...validCases, ...invalidCases]

