/**
 * Vector cases for `UpdateChannelState` (method 2): the valid redemptions, and a rejection for
 * every conjunct of TLA+ `UpdateChannelState` plus the malformed inputs the model has no word for.
 * Each case names the conjunct it exercises; the generator checks the model agrees.
 *
 * @module
 */
import { codeCid, encodeExecParams, InitMethod } from "../../src/impl/actors/init/index.js"
import { updateChannelStateMessage } from "../../src/impl/actors/paych/messages.js"
import {
  encodeConstructorParams, encodeUpdateChannelStateParams, type ModVerifyParams, type SignedVoucher, signVoucher
} from "../../src/impl/actors/paych/types.js"
import { idAddress } from "../../src/impl/address/address.js"
import { keyFromSeed } from "../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { encodeSignature } from "../../src/impl/crypto/signature.js"
import { concatBytes } from "../../src/impl/encoding/hex.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { PRODUCTION_NETWORK } from "../../src/impl/actors/builtin.js"
import type { Case, Expect } from "./build.js"
import { concreteMessage, concreteVoucher, FIL, type Knobs, redeem, settleStep, collectStep, voucher, type World } from "./world.js"

const A = "update_channel_state"
const ok: Expect = "ok"
const e16 = (tag: string): Expect => ({ exitCode: ExitCode.USR_ILLEGAL_ARGUMENT, tag })
const tag = (exitCode: number, t: string): Expect => ({ exitCode, tag: t })

/** Production parameters except MAX_LANE = 3, for the lane-bound conjuncts in the model's terms. */
export const SMALL_MAX_LANE = { network: { paych: { ...PRODUCTION_NETWORK.paych, maxLane: 3n } } } as const
const SETTLED_AT = 1000n + 1440n

const first = { model: redeem({ lane: 0, nonce: 1, amount: FIL(1n) }) }
const settled = [{ model: settleStep("From") }] as const

/** The first voucher's message with concrete changes the model cannot express. */
const rawVoucher = (change: (w: World) => Knobs) => (w: World) => concreteMessage(w, redeem({ lane: 0, nonce: 1, amount: FIL(1n) }), change(w))

/** Params bytes with the voucher's signature slot replaced by `sig` (raw signature bytes). */
const withSignatureBytes = (w: World, sig: Uint8Array): Uint8Array => {
  const sv: SignedVoucher = concreteVoucher(w, voucher())
  const unsigned = encodeUpdateChannelStateParams({ sv: { ...sv, signature: null }, secret: new Uint8Array() })
  // the unsigned params end with `f6 40` (null signature, empty secret): splice the new signature in
  return concatBytes(unsigned.slice(0, unsigned.length - 2), encodeCbor(sig), Uint8Array.of(0x40))
}

const valid: ReadonlyArray<Case> = [
  { action: A, name: "valid_first_voucher_secp256k1", expect: ok, step: first,
    description: "The payee redeems the payer's first voucher on lane 0 (1 FIL, nonce 1); the payer's key is secp256k1. Lane 0 is created, toSend becomes 1 FIL." },
  { action: A, name: "valid_first_voucher_bls", expect: ok, world: { keys: [2, 1] }, step: first,
    description: "As valid_first_voucher_secp256k1, but the payer's key is BLS (f3 address, 96-byte G2 signature)." },
  { action: A, name: "valid_second_voucher_higher_nonce", expect: ok, setup: [first],
    step: { model: redeem({ lane: 0, nonce: 2, amount: FIL(3n) }) },
    description: "A second voucher on lane 0 with a higher nonce and a larger cumulative amount (3 FIL): toSend rises by the difference, 2 FIL." },
  { action: A, name: "valid_nonce_gap", expect: ok, setup: [first],
    step: { model: redeem({ lane: 0, nonce: 7, amount: FIL(2n) }) },
    description: "Nonces need only increase: nonce 7 after nonce 1 is accepted." },
  { action: A, name: "valid_lower_amount", expect: ok, setup: [{ model: redeem({ lane: 0, nonce: 1, amount: FIL(3n) }) }],
    step: { model: redeem({ lane: 0, nonce: 2, amount: FIL(1n) }) },
    description: "A later voucher may lower a lane's cumulative amount (3 FIL, then 1 FIL): toSend falls by 2 FIL, which stays non-negative." },
  { action: A, name: "valid_zero_amount", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, amount: 0n }) },
    description: "A voucher for 0 attoFIL creates its lane with redeemed 0; toSend is unchanged." },
  { action: A, name: "valid_second_lane", expect: ok, setup: [first],
    step: { model: redeem({ lane: 1, nonce: 1, amount: FIL(2n) }) },
    description: "A voucher on a new lane 1 (2 FIL) beside lane 0 (1 FIL): toSend becomes 3 FIL." },
  { action: A, name: "valid_merge_lane", expect: ok, setup: [first, { model: redeem({ lane: 1, nonce: 1, amount: FIL(2n) }) }],
    step: { model: redeem({ lane: 0, nonce: 2, amount: FIL(4n), merges: [{ lane: 1, nonce: 2 }] }) },
    description: "Lane 0 (1 FIL) merges lane 1 (2 FIL) at nonce 2 with a voucher for 4 FIL: delta = 4 − (2 + 1) = 1 FIL; lane 1 keeps its redeemed amount and takes nonce 2." },
  { action: A, name: "valid_merge_two_lanes", expect: ok,
    setup: [first, { model: redeem({ lane: 1, nonce: 1, amount: FIL(2n) }) }, { model: redeem({ lane: 2, nonce: 4, amount: FIL(1n) }) }],
    step: { model: redeem({ lane: 0, nonce: 2, amount: FIL(5n), merges: [{ lane: 1, nonce: 3 }, { lane: 2, nonce: 5 }] }) },
    description: "Lane 0 merges lanes 1 and 2 in one voucher: delta = 5 − (2 + 1 + 1) = 1 FIL." },
  { action: A, name: "valid_min_settle_height_raised", expect: ok,
    step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(1n), minSettleHeight: 5000 }) },
    description: "A voucher with minSettleHeight 5000 on a channel not settling raises the channel's minSettleHeight to 5000; settlingAt stays 0." },
  { action: A, name: "valid_min_settle_height_not_lowered", expect: ok,
    setup: [{ model: redeem({ lane: 0, nonce: 1, amount: FIL(1n), minSettleHeight: 5000 }) }],
    step: { model: redeem({ lane: 0, nonce: 2, amount: FIL(2n), minSettleHeight: 3000 }) },
    description: "A lower minSettleHeight (3000 after 5000) leaves the channel's minSettleHeight as it was." },
  { action: A, name: "valid_min_settle_height_raises_settling_at", expect: ok, setup: [...settled, { epoch: 1500n }],
    step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(1n), minSettleHeight: 3000 }) },
    description: "While settling (settlingAt 2440), a voucher with minSettleHeight 3000 moves settlingAt to 3000 and minSettleHeight to 3000." },
  { action: A, name: "valid_while_settling", expect: ok, setup: [...settled, { epoch: SETTLED_AT - 1n }], step: first,
    description: "The payee redeems a voucher one epoch before settlingAt (2439 < 2440): still accepted." },
  { action: A, name: "valid_hash_locked", expect: ok,
    step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(1n), hashLocked: true }) },
    description: "A hash-locked voucher (secretPreImage = blake2b-256 of the secret) redeemed with the right secret." },
  { action: A, name: "valid_payee_to_payer", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(1n) }, "From") },
    description: "The payer redeems a voucher signed by the payee (BLS): the signer is always the party that did not send the message." },
  { action: A, name: "valid_robust_addresses", expect: ok, step: { model: first.model, knobs: { robustTo: true, robustVoucherChannel: true } },
    description: "The message is sent to the channel's robust (f2) address and the voucher names the channel by it too." },
  { action: A, name: "valid_amount_equals_balance", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(10n) }) },
    description: "A voucher for the whole balance (10 FIL): toSend may equal the balance." },
  { action: A, name: "valid_time_lock_min_equals_epoch", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, timeLockMin: 1000 }) },
    description: "timeLockMin = the current epoch (1000): usable from that epoch on." },
  { action: A, name: "valid_time_lock_max_equals_epoch", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, timeLockMax: 1000 }) },
    description: "timeLockMax = the current epoch (1000): usable up to and including that epoch." },
  { action: A, name: "valid_secret_256_bytes", expect: ok, step: { model: first.model, knobs: { secret: new Uint8Array(256).fill(1) } },
    description: "A 256-byte secret (MAX_SECRET_SIZE) with a voucher that has no hash lock: accepted, the secret is not used." },
  { action: A, name: "valid_extra_passes", expect: ok, step: { model: redeem({ lane: 0, nonce: 1, extra: "Passes" }) },
    description: "A voucher with extra = AuthenticateMessage on the payee's account with the payee's signature: the extra call succeeds." },
  { action: A, name: "valid_lane_max", expect: ok, step: { raw: rawVoucher(() => ({ voucher: { lane: (1n << 63n) - 1n } })) },
    description: "Lane 2^63 − 1 (MAX_LANE) is a valid lane. Concrete only: the model's lanes are small integers." },
  { action: A, name: "valid_extra_exec_creates_actor", expect: ok, step: { raw: (w) => extraMessage(w, FIL(1n), execExtra(w)) },
    description: "The voucher's extra calls Init.Exec (a payment channel payer → payee, no value): the extra is an ordinary send whose changes persist (builtin-actors actors/paych/src/lib.rs:158-166 @ v18.0.0), so after the redemption the new channel f0104 exists. Concrete only." }
]

/** An extra that has Init create a payment channel from the payer to the payee. */
const execExtra = (w: World): ModVerifyParams => ({
  actor: idAddress(1n), method: InitMethod.Exec,
  data: encodeExecParams(codeCid("paymentchannel"), encodeConstructorParams({ from: w.from.address, to: w.to.address }))
})

/** The payee redeems a payer-signed voucher for `amount` on lane 0 with `extra`. */
const extraMessage = (w: World, amount: bigint, extra: ModVerifyParams) => {
  const sv = signVoucher(w.from, { ...concreteVoucher(w, voucher({ amount })), signature: null, extra })
  return updateChannelStateMessage(w.to.address, w.channel, sv)
}

const invalid: ReadonlyArray<Case> = [
  { action: A, name: "invalid_caller_stranger", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsParty"),
    step: { model: redeem({ lane: 0, nonce: 1, signer: "From" }, "Stranger") },
    description: "CallerIsParty: a third account redeems a voucher signed by the payer: 18 USR_FORBIDDEN." },
  { action: A, name: "invalid_unsigned", expect: e16("VoucherSigned"), step: { model: redeem({ signer: "Unsigned" }) },
    description: "VoucherSigned: a voucher with a null signature: 16." },
  { action: A, name: "invalid_after_settled", expect: tag(ExitCode.ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED, "NotSettled"),
    setup: [...settled, { epoch: SETTLED_AT }], step: first,
    description: "NotSettled: at settlingAt (2440) no voucher is processed any more: 32 ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED." },
  { action: A, name: "invalid_secret_too_long", expect: e16("SecretWithinSize"), step: { model: redeem({}, "To", "TooLong") },
    description: "SecretWithinSize: a 257-byte secret (MAX_SECRET_SIZE is 256): 16." },
  { action: A, name: "invalid_signed_by_caller", expect: e16("SignedByCounterparty"), step: { model: redeem({ signer: "To" }) },
    description: "SignedByCounterparty: the payee redeems a voucher it signed itself: 16." },
  { action: A, name: "invalid_payer_redeems_own_voucher", expect: e16("SignedByCounterparty"), step: { model: redeem({ signer: "From" }, "From") },
    description: "SignedByCounterparty: the payer redeems a voucher it signed: 16." },
  { action: A, name: "invalid_forged_signature", expect: e16("SignedByCounterparty"), step: { model: redeem({ signer: "Forged" }) },
    description: "SignedByCounterparty: a voucher signed by a third key: 16." },
  { action: A, name: "invalid_corrupted_signature", expect: e16("SignedByCounterparty"), step: { model: redeem({ signer: "Forged" }), knobs: { forgery: "corrupted" } },
    description: "SignedByCounterparty: the payer's signature with the last bit flipped (secp256k1 recovery id): 16." },
  { action: A, name: "invalid_channel_unknown", expect: e16("VoucherForThisChannel"), step: { model: redeem({ channel: "Other" }), knobs: { otherChannel: "unknown" } },
    description: "VoucherForThisChannel: the voucher names f0999, which is no actor: 16." },
  { action: A, name: "invalid_channel_other_actor", expect: e16("VoucherForThisChannel"), step: { model: redeem({ channel: "Other" }), knobs: { otherChannel: "account" } },
    description: "VoucherForThisChannel: the voucher names another actor (the payer's account): 16." },
  { action: A, name: "invalid_time_lock_min", expect: e16("TimeLockMinReached"), step: { model: redeem({ timeLockMin: 1001 }) },
    description: "TimeLockMinReached: timeLockMin 1001 at epoch 1000: 16." },
  { action: A, name: "invalid_time_lock_max", expect: e16("TimeLockMaxNotPassed"), step: { model: redeem({ timeLockMax: 999 }) },
    description: "TimeLockMaxNotPassed: timeLockMax 999 at epoch 1000: 16." },
  { action: A, name: "invalid_negative_amount", expect: e16("AmountNonNegative"), step: { model: redeem({ amount: -1n }) },
    description: "AmountNonNegative: amount −1 attoFIL: 16." },
  { action: A, name: "invalid_wrong_secret", expect: e16("SecretMatches"), step: { model: redeem({ hashLocked: true }, "To", "Wrong") },
    description: "SecretMatches: a hash-locked voucher with the wrong secret: 16." },
  { action: A, name: "invalid_missing_secret", expect: e16("SecretMatches"), step: { model: redeem({ hashLocked: true }, "To", "Wrong"), knobs: { secret: new Uint8Array() } },
    description: "SecretMatches: a hash-locked voucher with an empty secret: 16." },
  { action: A, name: "invalid_extra_fails", expect: e16("ExtraVerified"), step: { model: redeem({ extra: "Fails" }) },
    description: "ExtraVerified: the extra call (AuthenticateMessage on the payee's account with a third key's signature) fails with 16, which propagates." },
  { action: A, name: "invalid_extra_exec_rolled_back", expect: e16("ToSendWithinBalance"), step: { raw: (w) => extraMessage(w, FIL(11n), execExtra(w)) },
    description: "The extra calls Init.Exec, which creates channel f0104; then ToSendWithinBalance fails (11 FIL on a 10 FIL channel): the whole message is undone, the channel the extra created with it: 16, no f0104. Concrete only." },
  { action: A, name: "invalid_extra_params_to_method_without_params", expect: e16("ExtraVerified"),
    step: { raw: (w) => extraMessage(w, FIL(1n), { actor: w.channel, method: 3n, data: new Uint8Array() }) },
    description: "The extra calls Settle (which takes no params) on the channel with empty data: the extra's params are always a block, even empty (lib.rs:162), so the callee answers 16 \"method expects no arguments\" (runtime/src/dispatch.rs:207-209), which propagates. Concrete only." },
  { action: A, name: "invalid_lane_above_max_small_params", expect: e16("LaneWithinMax"), world: SMALL_MAX_LANE, step: { model: redeem({ lane: 4 }) },
    description: "LaneWithinMax: lane 4 on a chain whose MAX_LANE is 3 (small parameter, so the model can state it): 16." },
  { action: A, name: "invalid_lane_2_pow_63", expect: e16("LaneWithinMax"), step: { raw: rawVoucher(() => ({ voucher: { lane: 1n << 63n } })) },
    description: "LaneWithinMax: lane 2^63 with production MAX_LANE = 2^63 − 1: 16. Concrete only." },
  { action: A, name: "invalid_nonce_replayed", expect: e16("LaneNonceFresh"), setup: [first], step: first,
    description: "LaneNonceFresh: the same voucher (nonce 1) redeemed twice: 16." },
  { action: A, name: "invalid_nonce_stale", expect: e16("LaneNonceFresh"), setup: [{ model: redeem({ lane: 0, nonce: 2 }) }], step: first,
    description: "LaneNonceFresh: nonce 1 after nonce 2: 16." },
  { action: A, name: "invalid_merge_self", expect: e16("MergeNotSelf"), setup: [first],
    step: { model: redeem({ lane: 0, nonce: 2, merges: [{ lane: 0, nonce: 3 }] }) },
    description: "MergeNotSelf: lane 0 merges lane 0: 16." },
  { action: A, name: "invalid_merge_lane_above_max_small_params", expect: e16("MergeLaneWithinMax"), world: SMALL_MAX_LANE,
    step: { model: redeem({ lane: 0, nonce: 1, merges: [{ lane: 4, nonce: 1 }] }) },
    description: "MergeLaneWithinMax: a merge of lane 4 on a chain whose MAX_LANE is 3 (small parameter): 16." },
  { action: A, name: "invalid_merge_lane_2_pow_63", expect: e16("MergeLaneWithinMax"),
    step: { raw: (w) => concreteMessage(w, redeem({ lane: 0, nonce: 1, merges: [{ lane: 1, nonce: 1 }] }), { voucher: { mergeLane: 1n << 63n } }) },
    description: "MergeLaneWithinMax: a merge of lane 2^63 with production MAX_LANE: 16. Concrete only." },
  { action: A, name: "invalid_merge_lane_missing", expect: e16("MergeLaneExists"), step: { model: redeem({ lane: 0, nonce: 1, merges: [{ lane: 1, nonce: 1 }] }) },
    description: "MergeLaneExists: a merge of lane 1, which does not exist: 16." },
  { action: A, name: "invalid_merge_nonce_stale", expect: e16("MergeNonceFresh"), setup: [{ model: redeem({ lane: 1, nonce: 3 }) }],
    step: { model: redeem({ lane: 0, nonce: 1, amount: FIL(2n), merges: [{ lane: 1, nonce: 3 }] }) },
    description: "MergeNonceFresh: lane 1 is at nonce 3 and the merge asks for nonce 3: 16." },
  { action: A, name: "invalid_to_send_negative", expect: e16("ToSendNonNegative"), setup: [{ model: redeem({ lane: 1, nonce: 1, amount: 1n }) }],
    step: { model: redeem({ lane: 0, nonce: 1, amount: 0n, merges: [{ lane: 1, nonce: 2 }, { lane: 1, nonce: 3 }] }) },
    description: "ToSendNonNegative: lane 1 redeemed 1 attoFIL; lane 0 asks for 0 merging lane 1 twice, which counts its amount twice: 1 + (0 − 2) = −1: 16." },
  { action: A, name: "invalid_over_balance", expect: e16("ToSendWithinBalance"), step: { model: redeem({ amount: FIL(10n) + 1n }) },
    description: "ToSendWithinBalance: a voucher for 10 FIL + 1 attoFIL on a channel holding 10 FIL: 16." },
  { action: A, name: "invalid_channel_collected", expect: tag(ExitCode.SYS_INVALID_RECEIVER, "InvalidReceiver"),
    setup: [...settled, { epoch: SETTLED_AT }, { model: collectStep("To") }], step: first,
    description: "ChannelExists: a voucher sent to a channel that was collected (the actor is deleted): 5 SYS_INVALID_RECEIVER." },
  // inputs the model has no word for
  { action: A, name: "invalid_params_not_cbor", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), params: Uint8Array.of(0xff) }) },
    description: "Params bytes ff are not CBOR: 21 USR_SERIALIZATION." },
  { action: A, name: "invalid_params_empty", expect: tag(ExitCode.USR_ILLEGAL_ARGUMENT, "ExpectsArguments"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), params: new Uint8Array() }) },
    description: "No params at all: empty message params reach the actor as no params (ref-fvm fvm/src/executor/default.rs:122 @ fvm@v4.8.2), and UpdateChannelState takes params: 16 USR_ILLEGAL_ARGUMENT \"method expects arguments\" (builtin-actors runtime/src/dispatch.rs:244-245 @ v18.0.0)." },
  { action: A, name: "invalid_params_truncated", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"),
    step: { raw: (w) => { const m = concreteMessage(w, first.model); return { ...m, params: m.params.slice(0, m.params.length - 1) } } },
    description: "Valid params with the last byte cut off: 21." },
  { action: A, name: "invalid_params_three_elements", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"),
    step: { raw: (w) => { const m = concreteMessage(w, first.model); return { ...m, params: concatBytes(Uint8Array.of(0x83), m.params.slice(1), Uint8Array.of(0x40)) } } },
    description: "Params as a 3-element tuple [sv, secret, proof] (the pre-v2 form): 21." },
  { action: A, name: "invalid_signature_type_byte", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), params: withSignatureBytes(w, concatBytes(Uint8Array.of(9), encodeSignature(concreteVoucher(w, voucher()).signature!).slice(1))) }) },
    description: "The voucher's signature bytes start with type byte 9 (the FVM knows 1 and 2 only): 21." },
  { action: A, name: "invalid_signature_type_delegated", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), params: withSignatureBytes(w, concatBytes(Uint8Array.of(3), encodeSignature(concreteVoucher(w, voucher()).signature!).slice(1))) }) },
    description: "The voucher's signature bytes start with type byte 3, go-state-types' delegated type, which the FVM's SignatureType lacks (ref-fvm shared/src/crypto/signature.rs:33-36, 70-71 @ fvm_shared@v4.8.2): the params do not decode: 21." },
  { action: A, name: "invalid_signature_300_bytes", expect: e16("SignedByCounterparty"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), params: withSignatureBytes(w, Uint8Array.of(1, ...new Uint8Array(299).fill(7))) }) },
    description: "A 300-byte secp256k1-typed signature: the FVM has no length limit (the 200-byte cap is Lotus's), so the params decode and the signature fails verification: 16." },
  { action: A, name: "invalid_sender_not_on_chain", expect: tag(ExitCode.SYS_SENDER_INVALID, "SenderInvalid"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), from: keyFromSeed(1, "filflow vectors nobody").address, nonce: 0n }) },
    description: "The sender's address has no actor: 1 SYS_SENDER_INVALID; the message is not included, so no nonce changes." },
  { action: A, name: "invalid_nonce_too_high", expect: tag(ExitCode.SYS_SENDER_STATE_INVALID, "SenderStateInvalid"),
    step: { raw: (w) => ({ ...concreteMessage(w, first.model), nonce: 5n }) },
    description: "The sender's nonce is 0 and the message says 5: 2 SYS_SENDER_STATE_INVALID; not included." }
]

/** Every UpdateChannelState case. */
export const updateChannelStateCases: ReadonlyArray<Case> = [...valid, ...invalid]
