/**
 * Vector cases for the rest of a channel's life: the Constructor (through Init's Exec), Settle,
 * Collect, adding funds (a method-0 send of value), and a method the actor does not have.
 *
 * @module
 */
import { codeCid, encodeExecParams } from "../../src/impl/actors/init/index.js"
import { PaychMethod } from "../../src/impl/actors/paych/index.js"
import { Result } from "effect"
import { collectMessage, createChannelMessage, settleMessage } from "../../src/impl/actors/paych/messages.js"
import { encodeConstructorParams } from "../../src/impl/actors/paych/types.js"
import { idAddress, newActorAddress, newDelegatedAddress } from "../../src/impl/address/address.js"
import { keyFromSeed } from "../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import type { Case, Expect, Step } from "./build.js"
import { addFundsStep, CHANNEL_FUNDS, collectStep, FIL, redeem, settleStep, type World } from "./world.js"

const ok: Expect = "ok"
const tag = (exitCode: number, t: string): Expect => ({ exitCode, tag: t })
const SETTLED_AT = 1000n + 1440n
const settled: ReadonlyArray<Step> = [{ model: settleStep("From") }]
const redeemed3: Step = { model: redeem({ lane: 0, nonce: 1, amount: FIL(3n) }) }
const collected: ReadonlyArray<Step> = [...settled, { epoch: SETTLED_AT }, { model: collectStep("To") }]
/** Channel f0104 from the payer to channel f0103; both settle; f0103 is collected (all by raw messages). */
const payeeDeleted: ReadonlyArray<Step> = [
  { raw: (w) => createChannelMessage(w.from.address, w.channel, FIL(2n)) },
  { raw: (w) => settleMessage(w.from.address, w.channel) },
  { raw: (w) => settleMessage(w.from.address, idAddress(104n)) },
  { epoch: SETTLED_AT },
  { raw: (w) => collectMessage(w.from.address, w.channel) }
]
/** An f4 address in `namespace` with a fixed 20-byte sub-address. */
const f4 = (namespace: bigint) => Result.getOrThrow(newDelegatedAddress(namespace, new Uint8Array(20).fill(0x42)))

/** Exec with the payment channel's code and the given constructor params bytes. */
const exec = (w: World, ctorParams: Uint8Array, value = CHANNEL_FUNDS) =>
  ({ ...createChannelMessage(w.from.address, w.to.address, value), params: encodeExecParams(codeCid("paymentchannel"), ctorParams) })

const C = "constructor"
/** A payee whose address has no actor on chain. */
const NEW_PAYEE = keyFromSeed(2, "filflow vectors new payee")
const constructorCases: ReadonlyArray<Case> = [
  { action: C, name: "valid_secp256k1_payer_bls_payee", expect: ok, world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, CHANNEL_FUNDS) },
    description: "The payer (secp256k1) creates a channel to the payee (BLS) through Init.Exec with 10 FIL: actor f0103 with a new robust f2 address; the receipt returns [id address, robust address]." },
  { action: C, name: "valid_bls_payer_secp256k1_payee", expect: ok, world: { noChannel: true, keys: [2, 1] },
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, CHANNEL_FUNDS) },
    description: "As valid_secp256k1_payer_bls_payee with the key types swapped." },
  { action: C, name: "valid_id_address_parties", expect: ok, world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: idAddress(100n), to: idAddress(101n) })) },
    description: "Constructor params naming the parties by ID address (f0100, f0101); the state stores ID addresses either way." },
  { action: C, name: "valid_zero_funds", expect: ok, world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, 0n) },
    description: "A channel created with no funds." },
  { action: C, name: "valid_second_channel", expect: ok,
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, FIL(2n)) },
    description: "A second channel between the same parties: the next id (f0104) and a robust address derived from the payer's next nonce (1)." },
  { action: C, name: "valid_ids_not_reused", expect: ok, setup: collected,
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, FIL(2n)) },
    description: "After f0103 was collected (deleted), a new channel gets f0104: Init's nextId never goes back." },
  { action: C, name: "valid_payee_not_on_chain", expect: ok, world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(w.from.address, NEW_PAYEE.address, CHANNEL_FUNDS) },
    description: "The payee is a BLS address with no actor yet: the constructor has its account created (as builtin-actors' resolve_to_actor_id with check_existence sends it 0 FIL), then stores its new id." },
  { action: C, name: "invalid_to_unknown", expect: tag(ExitCode.USR_NOT_FOUND, "PartyExists"), world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: w.from.address, to: idAddress(999n) })) },
    description: "The payee f0999 is no actor: 17 USR_NOT_FOUND." },
  { action: C, name: "invalid_from_unknown", expect: tag(ExitCode.USR_NOT_FOUND, "PartyExists"), world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: idAddress(999n), to: w.to.address })) },
    description: "The payer f0999 is no actor (the payee is checked first and exists): 17." },
  { action: C, name: "invalid_to_unknown_actor_address", expect: tag(ExitCode.USR_UNSPECIFIED, "PartyExists"), world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: w.from.address, to: newActorAddress(new TextEncoder().encode("no such actor")) })) },
    description: "The payee is an actor (f2) address that names no actor: resolve_to_actor_id sends it 0 FIL (builtin-actors runtime/src/builtin/shared.rs:28-38 @ v18.0.0), which ref-fvm cannot deliver (fvm/src/call_manager/default.rs:641-643 @ fvm@v4.8.2: NotFound), which the actor reports as 23 USR_UNSPECIFIED \"receiver not found\" (shared.rs:112-114)." },
  { action: C, name: "invalid_to_f4_other_namespace", expect: tag(ExitCode.USR_UNSPECIFIED, "PartyExists"), world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: w.from.address, to: f4(32n) })) },
    description: "The payee is an f4 address in namespace 32, not the EAM's (10): nothing can be created there (fvm/src/call_manager/default.rs:641-643): 23." },
  { action: C, name: "valid_payee_f4_placeholder", expect: ok, world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(w.from.address, f4(10n), CHANNEL_FUNDS) },
    description: "The payee is a new f4 address in the EAM's namespace (10): the constructor's send of 0 FIL creates a placeholder actor for it (fvm/src/call_manager/default.rs:635-640, 600-606), f0104, whose id the channel f0103 stores." },
  { action: C, name: "valid_sender_by_id_address", expect: ok, world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(idAddress(100n), w.to.address, CHANNEL_FUNDS) },
    description: "The payer sends Exec from its ID address f0100: the robust address is derived from the message's from as written, CBOR(f0100) ‖ nonce ‖ actors created (fvm/src/call_manager/default.rs:339-354), not from the payer's key address." },
  { action: C, name: "invalid_exec_params_empty", expect: tag(ExitCode.USR_ILLEGAL_ARGUMENT, "ExpectsArguments"), world: { noChannel: true },
    step: { raw: (w) => ({ ...exec(w, new Uint8Array()), params: new Uint8Array() }) },
    description: "Init.Exec with no params (empty message params are no params, fvm/src/executor/default.rs:122): Exec takes params: 16 (runtime/src/dispatch.rs:244-245)." },
  { action: C, name: "invalid_constructor_params_empty", expect: tag(ExitCode.USR_ILLEGAL_ARGUMENT, "ExpectsArguments"), world: { noChannel: true },
    step: { raw: (w) => exec(w, new Uint8Array()) },
    description: "Exec with empty constructor params: Init sends them as no params (fvm_ipld_encoding From<RawBytes> for Option<IpldBlock>, ref-fvm ipld/encoding/src/ipld_block.rs:83-90), and the constructor takes params: 16; no actor is created." },
  { action: C, name: "invalid_caller_not_init", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsInit"),
    step: { raw: (w) => ({ from: w.from.address, to: w.channel, value: 0n, method: PaychMethod.Constructor, params: encodeConstructorParams({ from: w.from.address, to: w.to.address }) }) },
    description: "An account calls the Constructor (method 1) of an existing channel directly: only Init may: 18." },
  { action: C, name: "invalid_exec_other_code", expect: tag(ExitCode.USR_FORBIDDEN, "CallerMayExec"), world: { noChannel: true },
    step: { raw: (w) => ({ ...exec(w, new Uint8Array()), params: encodeExecParams(codeCid("account"), new Uint8Array()) }) },
    description: "Init.Exec of the account code: accounts cannot create accounts through Exec: 18." },
  { action: C, name: "invalid_exec_params_malformed", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"), world: { noChannel: true },
    step: { raw: (w) => ({ ...exec(w, new Uint8Array()), params: Uint8Array.of(0x00) }) },
    description: "Init.Exec params are the integer 0, not [code, params]: 21 USR_SERIALIZATION." },
  { action: C, name: "invalid_constructor_params_malformed", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"), world: { noChannel: true },
    step: { raw: (w) => exec(w, Uint8Array.of(0x82, 0x42, 0x00, 0x64)) },
    description: "The constructor params inside Exec are a truncated [from, to]: 21, and no actor is created." },
  { action: C, name: "invalid_insufficient_funds", expect: tag(ExitCode.SYS_INSUFFICIENT_FUNDS, "InsufficientFunds"), world: { noChannel: true },
    step: { raw: (w) => createChannelMessage(w.from.address, w.to.address, FIL(100n) + 1n) },
    description: "The payer holds 100 FIL and sends 100 FIL + 1 attoFIL: 6 SYS_INSUFFICIENT_FUNDS; the message is included (nonce advances)." },
  { action: C, name: "invalid_init_constructor", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsSystem"), world: { noChannel: true },
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 1n, params: encodeCbor(["mainnet"]) }) },
    description: "An account calls Init's Constructor (method 1) with well-formed ConstructorParams [network_name]: only the System actor may: 18 (builtin-actors actors/init/src/lib.rs:41-48 @ v18.0.0)." },
  { action: C, name: "invalid_init_constructor_params", expect: tag(ExitCode.USR_SERIALIZATION, "MalformedParams"), world: { noChannel: true },
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 1n }) },
    description: "Init's Constructor given ExecParams, which are no ConstructorParams: the params are decoded before the caller is checked (runtime/src/dispatch.rs:244-246): 21." },
  { action: C, name: "invalid_init_exec4", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsEam"), world: { noChannel: true },
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 3n, params: encodeCbor([codeCid("paymentchannel"), new Uint8Array(), Uint8Array.of(1)]) }) },
    description: "Init's Exec4 (method 3) is for the Ethereum Address Manager (f010) only (lib.rs:111-112): an account gets 18." },
  { action: C, name: "invalid_init_method", expect: tag(ExitCode.USR_UNHANDLED_MESSAGE, "UnhandledMessage"), world: { noChannel: true },
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 4n }) },
    description: "Init has methods 1-3 only; method 4: 22 USR_UNHANDLED_MESSAGE." }
]

const S = "settle"
const settleCases: ReadonlyArray<Case> = [
  { action: S, name: "valid_by_payer", expect: ok, step: { model: settleStep("From") },
    description: "The payer settles at epoch 1000: settlingAt = 1000 + SETTLE_DELAY (1440) = 2440." },
  { action: S, name: "valid_by_payee", expect: ok, setup: [redeemed3], step: { model: settleStep("To") },
    description: "The payee settles after redeeming 3 FIL: settlingAt 2440." },
  { action: S, name: "valid_min_settle_height_later", expect: ok, setup: [{ model: redeem({ lane: 0, nonce: 1, minSettleHeight: 5000 }) }],
    step: { model: settleStep("From") },
    description: "minSettleHeight 5000 is later than 1000 + 1440: settlingAt = 5000." },
  { action: S, name: "valid_robust_address", expect: ok, step: { model: settleStep("To"), knobs: { robustTo: true } },
    description: "Settle sent to the channel's robust (f2) address." },
  { action: S, name: "invalid_caller_stranger", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsParty"), step: { model: settleStep("Stranger") },
    description: "CallerIsParty: a third account settles: 18." },
  { action: S, name: "invalid_already_settling", expect: tag(ExitCode.USR_ILLEGAL_STATE, "NotSettling"), setup: settled, step: { model: settleStep("To") },
    description: "NotSettling: Settle a second time: 20 USR_ILLEGAL_STATE." },
  { action: S, name: "invalid_channel_collected", expect: tag(ExitCode.SYS_INVALID_RECEIVER, "InvalidReceiver"), setup: collected, step: { model: settleStep("From") },
    description: "ChannelExists: Settle sent to a collected channel: 5 SYS_INVALID_RECEIVER." },
  { action: S, name: "invalid_sender_is_channel", expect: tag(ExitCode.SYS_SENDER_INVALID, "SenderInvalid"),
    step: { raw: (w) => ({ from: w.channel, to: w.channel, value: 0n, method: PaychMethod.Settle, params: new Uint8Array(), nonce: 0n }) },
    description: "A message whose sender is the channel (not an account): 1 SYS_SENDER_INVALID; not included." },
  { action: S, name: "invalid_params_given", expect: tag(ExitCode.USR_ILLEGAL_ARGUMENT, "ExpectsNoArguments"),
    step: { raw: (w) => ({ ...settleMessage(w.from.address, w.channel), params: Uint8Array.of(0xf6) }) },
    description: "Settle takes no params (builtin-actors actors/paych/src/lib.rs:267 @ v18.0.0); params given (CBOR null) are refused: 16 \"method expects no arguments\" (runtime/src/dispatch.rs:207-209)." },
  { action: S, name: "invalid_nonce_too_low", expect: tag(ExitCode.SYS_SENDER_STATE_INVALID, "SenderStateInvalid"), setup: [redeemed3],
    step: { raw: (w) => ({ from: w.to.address, to: w.channel, value: 0n, method: PaychMethod.Settle, params: new Uint8Array(), nonce: 0n }) },
    description: "The payee's nonce is 1 and the message reuses 0: 2 SYS_SENDER_STATE_INVALID; not included." }
]

const K = "collect"
const collectCases: ReadonlyArray<Case> = [
  { action: K, name: "valid_by_payee_at_settling_at", expect: ok, setup: [redeemed3, ...settled, { epoch: SETTLED_AT }], step: { model: collectStep("To") },
    description: "At settlingAt the payee collects: it receives toSend (3 FIL), the payer the rest (7 FIL), and the actor is deleted." },
  { action: K, name: "valid_by_payer_later", expect: ok, setup: [redeemed3, ...settled, { epoch: 5000n }], step: { model: collectStep("From") },
    description: "The payer collects long after settlingAt: the same payout." },
  { action: K, name: "valid_nothing_redeemed", expect: ok, setup: [...settled, { epoch: SETTLED_AT }], step: { model: collectStep("From") },
    description: "No voucher was redeemed: all 10 FIL return to the payer." },
  { action: K, name: "valid_everything_redeemed", expect: ok,
    setup: [{ model: redeem({ lane: 0, nonce: 1, amount: CHANNEL_FUNDS }) }, ...settled, { epoch: SETTLED_AT }], step: { model: collectStep("To") },
    description: "The whole balance was redeemed: all 10 FIL go to the payee, none to the payer." },
  { action: K, name: "invalid_caller_stranger", expect: tag(ExitCode.USR_FORBIDDEN, "CallerIsParty"), setup: [...settled, { epoch: SETTLED_AT }],
    step: { model: collectStep("Stranger") },
    description: "CallerIsParty: a third account collects a settled channel: 18." },
  { action: K, name: "invalid_not_settling", expect: tag(ExitCode.USR_FORBIDDEN, "SettlingReached"), setup: [redeemed3], step: { model: collectStep("To") },
    description: "SettlingReached: Collect before anyone settled: 18 USR_FORBIDDEN." },
  { action: K, name: "invalid_before_settling_at", expect: tag(ExitCode.USR_FORBIDDEN, "SettlingReached"), setup: [...settled, { epoch: SETTLED_AT - 1n }],
    step: { model: collectStep("To") },
    description: "SettlingReached: Collect one epoch before settlingAt (2439): 18." },
  { action: K, name: "invalid_params_given", expect: tag(ExitCode.USR_ILLEGAL_ARGUMENT, "ExpectsNoArguments"), setup: [...settled, { epoch: SETTLED_AT }],
    step: { raw: (w) => ({ ...collectMessage(w.to.address, w.channel), params: Uint8Array.of(0x80) }) },
    description: "Collect takes no params (lib.rs:284); params given (an empty CBOR array) are refused: 16 \"method expects no arguments\"." },
  { action: K, name: "invalid_payee_deleted", expect: tag(ExitCode.USR_UNSPECIFIED, "PayTo"), setup: payeeDeleted,
    step: { raw: (w) => collectMessage(w.from.address, idAddress(104n)) },
    description: "Channel f0104 pays the channel f0103, which was collected (deleted). Collecting f0104 sends its toSend, 0, to f0103: ref-fvm looks the receiver up before any transfer, even of zero (fvm/src/call_manager/default.rs:669-671), finds none, and the actor reports 23 \"receiver not found\"; f0104 stays. Concrete only." },
  { action: K, name: "invalid_already_collected", expect: tag(ExitCode.SYS_INVALID_RECEIVER, "InvalidReceiver"), setup: collected, step: { model: collectStep("From") },
    description: "ChannelExists: Collect again after the channel was collected and deleted: 5." }
]

const F = "add_funds"
const addFundsCases: ReadonlyArray<Case> = [
  { action: F, name: "valid_payer_adds", expect: ok, step: { model: addFundsStep(FIL(2n)) },
    description: "The payer sends 2 FIL to the channel with method 0: the balance rises to 12 FIL; the state is unchanged." },
  { action: F, name: "valid_robust_address", expect: ok, step: { model: addFundsStep(FIL(2n)), knobs: { robustTo: true } },
    description: "The payer sends 2 FIL to the channel's robust (f2) address." },
  { action: F, name: "valid_while_settling", expect: ok, setup: settled, step: { model: addFundsStep(FIL(1n)) },
    description: "Funds may be added while settling." },
  { action: F, name: "valid_stranger_adds", expect: ok,
    step: { raw: (w) => ({ from: w.stranger.address, to: w.channel, value: FIL(1n), method: 0n, params: new Uint8Array() }) },
    description: "Anyone may send value to a channel: a third account adds 1 FIL. Concrete only (the model's AddFunds is the payer's)." },
  { action: F, name: "invalid_insufficient_funds", expect: tag(ExitCode.SYS_INSUFFICIENT_FUNDS, "InsufficientFunds"), step: { model: addFundsStep(FIL(90n) + 1n) },
    description: "FromHasFunds: the payer holds 90 FIL and sends 90 FIL + 1 attoFIL: 6 SYS_INSUFFICIENT_FUNDS; the nonce advances." },
  { action: F, name: "invalid_channel_collected", expect: tag(ExitCode.SYS_INVALID_RECEIVER, "InvalidReceiver"), setup: collected, step: { model: addFundsStep(FIL(1n)) },
    description: "ChannelExists: value sent to a collected channel's ID address: 5 SYS_INVALID_RECEIVER." },
  { action: F, name: "invalid_zero_to_collected", expect: tag(ExitCode.SYS_INVALID_RECEIVER, "InvalidReceiver"), setup: collected,
    step: { raw: (w) => ({ from: w.from.address, to: w.channel, value: 0n, method: 0n, params: new Uint8Array() }) },
    description: "Zero value sent to a collected channel: ref-fvm looks the receiver up before the transfer, even for zero (fvm/src/call_manager/default.rs:669-671 @ fvm@v4.8.2): 5." },
  { action: F, name: "valid_f4_placeholder", expect: ok, world: { noChannel: true },
    step: { raw: (w) => ({ from: w.from.address, to: f4(10n), value: FIL(1n), method: 0n, params: new Uint8Array() }) },
    description: "1 FIL sent to a new f4 address in the EAM's namespace (10): a placeholder actor f0103 is created for it and holds the value (fvm/src/call_manager/default.rs:635-640)." }
]

const U = "unknown_method"
const unknownMethodCases: ReadonlyArray<Case> = [
  { action: U, name: "invalid_method_5", expect: tag(ExitCode.USR_UNHANDLED_MESSAGE, "UnhandledMessage"),
    step: { raw: (w) => ({ from: w.to.address, to: w.channel, value: 0n, method: 5n, params: new Uint8Array() }) },
    description: "The payment channel has methods 1-4 only; method 5: 22 USR_UNHANDLED_MESSAGE." }
]

/** Every case outside UpdateChannelState. */
export const lifecycleCases: ReadonlyArray<Case> = [...constructorCases, ...settleCases, ...collectCases, ...addFundsCases, ...unknownMethodCases]
