/**
 * Market vector cases for the constructor, escrow (AddBalance, WithdrawBalance, GetBalance), and
 * method numbers the market does not have.  Sources of the checks: builtin-actors
 * `actors/market/src/lib.rs` @ v18.0.0 (`constructor`:109-115, `add_balance`:118-139,
 * `withdraw_balance`:143-170, `get_balance`:173-192, `escrow_address`:1750-1773), the dispatch of
 * `runtime/src/dispatch.rs` (16 / 21 for missing or malformed params, 22 for an unknown method).
 *
 * @module
 */
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { encodeAddressParam, encodeWithdrawBalanceParams } from "../../src/impl/actors/market/params.js"
import { frc42MethodNumber } from "../../src/impl/actors/frc42.js"
import { type Address, idAddress } from "../../src/impl/address/address.js"
import { keyFromSeed } from "../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { ATTO_PER_FIL } from "../../src/impl/token/amount.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import { withActor } from "../../src/impl/vm/state.js"
import { type MarketCase, ok, rejected } from "./market-build.js"
import { addBalance, CLIENT_ID, funded, MARKET, MINER, proposal, publish, SYSTEM, toMarket } from "./market-world.js"

const { USR_ILLEGAL_ARGUMENT: E16, USR_FORBIDDEN: E18, USR_ILLEGAL_STATE: E20, USR_SERIALIZATION: E21, USR_UNHANDLED_MESSAGE: E22 } = ExitCode
/** A secp256k1 address no actor has. */
const NOBODY = keyFromSeed(1, "filflow vectors market nobody").address
const MALFORMED = Uint8Array.of(0x82, 0x01)
const FIL = ATTO_PER_FIL

const C = "constructor"
const constructorCases: ReadonlyArray<MarketCase> = [
  { method: C, name: "valid_by_system", expect: ok(),
    pre: (w) => withActor(w.vm, 5n, { ...w.vm.actors.get(5n)!, state: undefined }),
    step: () => ({ from: SYSTEM, to: MARKET, value: 0n, method: MarketMethod.Constructor, params: new Uint8Array(), implicit: true }),
    description: "The System actor (f00) constructs the market, as genesis does (an implicit message): f05's state goes from null (created, not constructed) to State::new — empty tables, next id 0, last cron −1 (lib.rs:109-115, state.rs State::new)." },
  { method: C, name: "invalid_caller_not_system", expect: rejected(E18, "CallerIsSystem"),
    step: (w) => toMarket(w.client.address, MarketMethod.Constructor),
    description: "An account calls the Constructor: only the System actor may (validate_immediate_caller_is SYSTEM_ACTOR_ADDR): 18 USR_FORBIDDEN." },
  { method: C, name: "invalid_already_constructed", expect: rejected(E20, "StateExists"),
    step: () => ({ from: SYSTEM, to: MARKET, value: 0n, method: MarketMethod.Constructor, params: new Uint8Array(), implicit: true }),
    description: "The System actor constructs the market a second time: the actor has state, so `create` fails: 20 USR_ILLEGAL_STATE (builtin-actors runtime/src/runtime/fvm.rs create; ref-fvm set_root on a non-empty root)." },
  { method: C, name: "invalid_params_given", expect: rejected(E16, "ExpectsNoArguments"),
    step: () => ({ from: SYSTEM, to: MARKET, value: 0n, method: MarketMethod.Constructor, params: Uint8Array.of(0xf6), implicit: true }),
    description: "The Constructor takes no params; CBOR null given: 16 \"method expects no arguments\" (runtime/src/dispatch.rs)." }
]

const A = "add_balance"
const addCases: ReadonlyArray<MarketCase> = [
  { method: A, name: "valid_client", expect: ok(), step: (w) => addBalance(w.client.address, w.client.address, FIL),
    description: "The client deposits 1 FIL into its own escrow, naming itself by its secp256k1 address: escrow_table[f0105] = 1 FIL; f05's balance rises by 1 FIL." },
  { method: A, name: "valid_client_by_id_address", expect: ok(), step: (w) => addBalance(w.client.address, idAddress(CLIENT_ID), FIL),
    description: "As valid_client, the party named by its ID address f0105." },
  { method: A, name: "valid_provider_by_owner", expect: ok(), step: (w) => addBalance(w.owner.address, MINER, FIL / 100n),
    description: "The miner's owner deposits 0.01 FIL into the miner's escrow (escrow_address of a miner: the miner's id, lib.rs:1750-1773)." },
  { method: A, name: "valid_by_stranger", expect: ok(), step: (w) => addBalance(w.stranger.address, w.client.address, FIL),
    description: "Anyone may deposit into anyone's escrow: the stranger adds 1 FIL for the client." },
  { method: A, name: "valid_exported", expect: ok(), step: (w) => addBalance(w.client.address, w.client.address, FIL, MarketMethod.AddBalanceExported),
    description: `AddBalance by its FRC-0042 exported number ${MarketMethod.AddBalanceExported}: the same as method 2.` },
  { method: A, name: "valid_second_deposit", expect: ok(), setup: funded, step: (w) => addBalance(w.client.address, w.client.address, 2n * FIL),
    description: "A second deposit adds to the first: the client's escrow 1 FIL → 3 FIL." },
  { method: A, name: "invalid_zero_value", expect: rejected(E16, "AmountPositive"), step: (w) => addBalance(w.client.address, w.client.address, 0n),
    description: "AddBalance with no value: \"balance to add must be greater than zero\" (lib.rs:121-126): 16." },
  { method: A, name: "invalid_party_unknown_key_address", expect: rejected(E16, "PartyResolvable"), step: (w) => addBalance(w.client.address, NOBODY, FIL),
    description: "The party is a secp256k1 address with no actor: escrow_address cannot resolve it (lib.rs:1755-1758): 16; the value returns to the sender." },
  { method: A, name: "invalid_party_unknown_id_address", expect: rejected(E16, "PartyResolvable"), step: (w) => addBalance(w.client.address, idAddress(999n), FIL),
    description: "The party is f0999, an ID address with no actor: it has no code (lib.rs:1760-1762): 16." },
  { method: A, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"),
    step: (w) => toMarket(w.client.address, MarketMethod.AddBalance, MALFORMED, FIL),
    description: "The params are a truncated CBOR array, not an address: 21 USR_SERIALIZATION." },
  { method: A, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"),
    step: (w) => toMarket(w.client.address, MarketMethod.AddBalance, new Uint8Array(), FIL),
    description: "AddBalance with no params: 16 \"method expects arguments\"." },
  { method: A, name: "invalid_insufficient_funds", expect: rejected(ExitCode.SYS_INSUFFICIENT_FUNDS, "InsufficientFunds"),
    step: (w) => addBalance(w.client.address, w.client.address, 1000n * FIL + 1n),
    description: "The client holds 1000 FIL and sends 1000 FIL + 1 attoFIL: the transfer fails, 6 SYS_INSUFFICIENT_FUNDS; the message is included (nonce advances)." },
  { method: A, name: "invalid_nonce", expect: rejected(ExitCode.SYS_SENDER_STATE_INVALID, "SenderStateInvalid"),
    step: (w) => ({ ...addBalance(w.client.address, w.client.address, FIL), nonce: 5n }),
    description: "The client's nonce is 0 and the message says 5: 2 SYS_SENDER_STATE_INVALID; not included." },
  { method: A, name: "invalid_sender_not_account", expect: rejected(ExitCode.SYS_SENDER_INVALID, "SenderInvalid"),
    step: () => ({ ...addBalance(MINER, MINER, 1n), nonce: 0n }),
    description: "A (signed) message from the miner actor f0104, which is not an account: 1 SYS_SENDER_INVALID; not included." }
]

const W = "withdraw_balance"
const withdraw = (from: Address, party: Address, amount: bigint, method: bigint = MarketMethod.WithdrawBalance) =>
  toMarket(from, method, encodeWithdrawBalanceParams({ providerOrClient: party, amount }))
const withDeal: MarketCase["setup"] = [...funded, (w) => publish(w, [proposal(w)])]
const withdrawCases: ReadonlyArray<MarketCase> = [
  { method: W, name: "valid_client_partial", expect: ok(), setup: funded, step: (w) => withdraw(w.client.address, w.client.address, 4n * FIL / 10n),
    description: "The client withdraws 0.4 FIL of its 1 FIL escrow: sent to the client; returns the amount (TokenAmount)." },
  { method: W, name: "valid_capped_at_available", expect: ok(), setup: funded, step: (w) => withdraw(w.client.address, w.client.address, 10n * FIL),
    description: "The client asks for 10 FIL and has 1 FIL: it gets min(amount, escrow − locked) = 1 FIL (BalanceTable::subtract_with_minimum)." },
  { method: W, name: "valid_locked_stays", expect: ok(), setup: withDeal, step: (w) => withdraw(w.client.address, w.client.address, 10n * FIL),
    description: "After publishing a deal the client's escrow has price × duration + client collateral locked: a withdrawal of everything gets only the unlocked rest." },
  { method: W, name: "valid_provider_by_owner", expect: ok(), setup: funded, step: (w) => withdraw(w.owner.address, MINER, FIL / 200n),
    description: "The owner withdraws 0.005 FIL from the miner's escrow: sent to the owner (escrow_address: recipient = owner)." },
  { method: W, name: "valid_provider_by_worker", expect: ok(), setup: funded, step: (w) => withdraw(w.worker.address, MINER, FIL / 200n),
    description: "The worker may withdraw the miner's escrow too (approved: owner and worker); the funds still go to the owner." },
  { method: W, name: "valid_zero_amount", expect: ok(), setup: funded, step: (w) => withdraw(w.client.address, w.client.address, 0n),
    description: "A withdrawal of 0: nothing moves (a send of 0 to the client), returns 0." },
  { method: W, name: "valid_exported", expect: ok(), setup: funded, step: (w) => withdraw(w.client.address, w.client.address, FIL / 10n, MarketMethod.WithdrawBalanceExported),
    description: `WithdrawBalance by its FRC-0042 exported number ${MarketMethod.WithdrawBalanceExported}.` },
  { method: W, name: "invalid_negative_amount", expect: rejected(E16, "AmountNonNegative"), setup: funded, step: (w) => withdraw(w.client.address, w.client.address, -1n),
    description: "A negative amount: \"negative amount\" (lib.rs:148-150): 16." },
  { method: W, name: "invalid_party_unknown", expect: rejected(E16, "PartyResolvable"), setup: funded, step: (w) => withdraw(w.client.address, NOBODY, 1n),
    description: "The party is an address with no actor: 16." },
  { method: W, name: "invalid_caller_not_party", expect: rejected(E18, "CallerIsRecipient"), setup: funded, step: (w) => withdraw(w.stranger.address, w.client.address, 1n),
    description: "The stranger withdraws the client's escrow: the caller must be the party (validate_immediate_caller_is approved): 18." },
  { method: W, name: "invalid_control_for_provider", expect: rejected(E18, "CallerIsRecipient"), setup: funded, step: (w) => withdraw(w.control.address, MINER, 1n),
    description: "A control address of the miner may not withdraw its escrow (only owner or worker): 18." },
  { method: W, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), setup: funded,
    step: (w) => toMarket(w.client.address, MarketMethod.WithdrawBalance, encodeCbor([new Uint8Array([0, 105])])),
    description: "WithdrawBalanceParams of one element instead of [provider_or_client, amount]: 21." },
  { method: W, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), setup: funded, step: (w) => toMarket(w.client.address, MarketMethod.WithdrawBalance),
    description: "WithdrawBalance with no params: 16." }
]

const G = "get_balance"
const get = (from: Address, party: Address) => toMarket(from, MarketMethod.GetBalanceExported, encodeAddressParam(party))
const getCases: ReadonlyArray<MarketCase> = [
  { method: G, name: "valid_client", expect: ok(), setup: withDeal, step: (w) => get(w.stranger.address, w.client.address),
    description: "GetBalance (exported, any caller) of the client after a deal: returns [escrow, locked] as two BigInts (lib.rs:173-192)." },
  { method: G, name: "valid_miner", expect: ok(), setup: withDeal, step: (w) => get(w.stranger.address, MINER),
    description: "GetBalance of the miner: its escrow and the provider collateral locked." },
  { method: G, name: "valid_no_escrow", expect: ok(), step: (w) => get(w.client.address, w.stranger.address),
    description: "GetBalance of an account with no escrow: [0, 0]." },
  { method: G, name: "valid_unknown_id_address", expect: ok(), step: (w) => get(w.client.address, idAddress(999n)),
    description: "GetBalance of f0999: an ID address resolves to itself whether or not the actor exists, so the answer is [0, 0]." },
  { method: G, name: "invalid_party_unknown_key_address", expect: rejected(E16, "PartyResolvable"), step: (w) => get(w.client.address, NOBODY),
    description: "GetBalance of a secp256k1 address with no actor: \"failed to resolve address\": 16." },
  { method: G, name: "invalid_params_malformed", expect: rejected(E21, "MalformedParams"), step: (w) => toMarket(w.client.address, MarketMethod.GetBalanceExported, MALFORMED),
    description: "Params that are not an address: 21." },
  { method: G, name: "invalid_no_params", expect: rejected(E16, "ExpectsArguments"), step: (w) => toMarket(w.client.address, MarketMethod.GetBalanceExported),
    description: "GetBalance with no params: 16." }
]

const U = "unknown_method"
const unknownCases: ReadonlyArray<MarketCase> = [
  { method: U, name: "invalid_method_8", expect: rejected(E22, "UnhandledMessage"), step: (w) => toMarket(w.client.address, 8n),
    description: "Method 8 (upstream's removed ComputeDataCommitment) is not in the market's table: 22 USR_UNHANDLED_MESSAGE." },
  { method: U, name: "invalid_sector_content_changed", expect: rejected(E22, "UnhandledMessage"), step: (w) => toMarket(w.client.address, frc42MethodNumber("SectorContentChanged")),
    description: "SectorContentChanged (builtin-actors' FRC-0042-numbered miner callback, lib.rs:672) is not ported here: 22." },
  { method: U, name: "invalid_value_refunded", expect: rejected(E22, "UnhandledMessage"), step: (w) => toMarket(w.client.address, 10n, new Uint8Array(), FIL),
    description: "Method 10 with 1 FIL: 22, and the value goes back to the sender (only the nonce advances)." }
]

/** Constructor, escrow and unknown-method cases. */
export const escrowCases: ReadonlyArray<MarketCase> = [...constructorCases, ...addCases, ...withdrawCases, ...getCases, ...unknownCases]

