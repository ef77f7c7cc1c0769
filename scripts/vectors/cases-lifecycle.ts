/**
 * Vector cases for the rest of a channel's life: the Constructor (through Init's Exec), Settle,
 * Collect, adding funds (a method-0 send of value), and a method the actor does not have.
 *
 * @module
 */
import { codeCid, encodeExecParams } from "../../src/impl/actors/init/index.js"
import { PaychMethod } from "../../src/impl/actors/paych/index.js"
import { createChannelMessage } from "../../src/impl/actors/paych/messages.js"
import { encodeConstructorParams } from "../../src/impl/actors/paych/types.js"
import { idAddress, newActorAddress } from "../../src/impl/address/address.js"
import { keyFromSeed } from "../../src/impl/crypto/keys.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import type { Case, Expect, Step } from "./build.js"
import { addFundsStep, CHANNEL_FUNDS, collectStep, FIL, redeem, settleStep, type World } from "./world.js"

const ok: Expect = "ok"
const tag = (exitCode: number, t: string): Expect => ({ exitCode, tag: t })
const SETTLED_AT = 1000n + 1440n
const settled: ReadonlyArray<Step> = [{ model: settleStep("From") }]
const redeemed3: Step = { model: redeem({ lane: 0, nonce: 1, amount: FIL(3n) }) }
const collected: ReadonlyArray<Step> = [...settled, { epoch: SETTLED_AT }, { model: collectStep("To") }]

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
  { action: C, name: "invalid_to_unknown_actor_address", expect: tag(ExitCode.USR_NOT_FOUND, "PartyExists"), world: { noChannel: true },
    step: { raw: (w) => exec(w, encodeConstructorParams({ from: w.from.address, to: newActorAddress(new TextEncoder().encode("no such actor")) })) },
    description: "The payee is an actor (f2) address that names no actor; only public-key addresses get an account created: 17." },
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
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 1n }) },
    description: "An account calls Init's Constructor (method 1): only the System actor may: 18." },
  { action: C, name: "invalid_init_method", expect: tag(ExitCode.USR_UNHANDLED_MESSAGE, "UnhandledMessage"), world: { noChannel: true },
    step: { raw: (w) => ({ ...createChannelMessage(w.from.address, w.to.address, 0n), method: 3n }) },
    description: "Init has no method 3: 22 USR_UNHANDLED_MESSAGE." }
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
    description: "ChannelExists: value sent to a collected channel's ID address: 5 SYS_INVALID_RECEIVER." }
]

const U = "unknown_method"
const unknownMethodCases: ReadonlyArray<Case> = [
  { action: U, name: "invalid_method_5", expect: tag(ExitCode.USR_UNHANDLED_MESSAGE, "UnhandledMessage"),
    step: { raw: (w) => ({ from: w.to.address, to: w.channel, value: 0n, method: 5n, params: new Uint8Array() }) },
    description: "The payment channel has methods 1-4 only; method 5: 22 USR_UNHANDLED_MESSAGE." }
]

/** Every case outside UpdateChannelState. */
export const lifecycleCases: ReadonlyArray<Case> = [...constructorCases, ...settleCases, ...collectCases, ...addFundsCases, ...unknownMethodCases]
