/**
 * The Storage Market actor (f05): escrow (AddBalance, WithdrawBalance, GetBalance), deals
 * (PublishStorageDeals, VerifyDealsForActivation, BatchActivateDeals), their settlement and end
 * (CronTick, SettleDealPayments, OnMinerSectorsTerminate), and the seed's RedeemVoucher.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/lib.rs` @ v18.0.0: the method table
 * (`Method` :70-101, dispatch :1824-1841), `constructor` (:109-115), `add_balance` (:118-139),
 * `withdraw_balance` (:143-170), `get_balance` (:173-192), `escrow_address` (:1750-1773). Each
 * method checks its caller first, fails early on each guard with its own tag (the model's conjunct
 * where there is one) and exit code, writes the state in one `rt.transaction`, and sends after.
 * The GetDeal* queries are in ./queries.ts. Not ported: SectorContentChanged, verified deals (DataCap).
 *
 * @see TLA+ spec/tla/StorageMarket.tla
 * @module
 */
import { Result } from "effect"
import { type Address, addressToString, idAddress } from "../../address/address.js"
import { actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorError, ActorId, Runtime, Sends } from "../../vm/interface.js"
import { actorDispatch, type MethodResult, noParams, withParams } from "../dispatch.js"
import { frc42MethodNumber } from "../frc42.js"
import { extractSendResult, validateCallerIs } from "../shared.js"
import { batchActivateDeals, verifyDealsForActivation } from "./activate.js"
import { MINER_KIND, minerControlAddresses, SYSTEM_ACTOR_ID } from "./ext.js"
import { inDraft } from "./ledger.js"
import {
  decodeAddressParam, decodeBatchActivateDealsParams, decodeOnMinerSectorsTerminateParams, decodePublishStorageDealsParams,
  decodeRedeemVoucherParams, decodeSettleDealPaymentsParams, decodeVerifyDealsForActivationParams, decodeWithdrawBalanceParams,
  encodeGetBalanceReturn, encodeTokenAmount, type WithdrawBalanceParams
} from "./params.js"
import { type MarketParams, PRODUCTION_MARKET_PARAMS } from "./policy.js"
import { publishStorageDeals } from "./publish.js"
import { DEAL_QUERIES, decodeDealQueryParams } from "./queries.js"
import { redeemVoucher } from "./redeem.js"
import { cronTick, onMinerSectorsTerminate, settleDealPayments } from "./settle.js"
import { escrowOf, lockedOf, type MarketState, newMarketState } from "./state.js"

/**
 * Method numbers (builtin-actors `Method`; FRC-0042 numbers for the exported ones; RedeemVoucher is ours).
 *
 * @category constants
 * @since 0.1.0
 */
export const MarketMethod = {
  Constructor: 1n,
  AddBalance: 2n,
  WithdrawBalance: 3n,
  PublishStorageDeals: 4n,
  VerifyDealsForActivation: 5n,
  BatchActivateDeals: 6n,
  OnMinerSectorsTerminate: 7n,
  CronTick: 9n,
  AddBalanceExported: frc42MethodNumber("AddBalance"),
  WithdrawBalanceExported: frc42MethodNumber("WithdrawBalance"),
  PublishStorageDealsExported: frc42MethodNumber("PublishStorageDeals"),
  GetBalanceExported: frc42MethodNumber("GetBalance"),
  SettleDealPaymentsExported: frc42MethodNumber("SettleDealPayments"),
  RedeemVoucherExported: frc42MethodNumber("RedeemVoucher"),
  ...Object.fromEntries(Object.keys(DEAL_QUERIES).map((name) => [`${name}Exported`, frc42MethodNumber(name)])) as
    { readonly [K in keyof typeof DEAL_QUERIES as `${K}Exported`]: bigint }
} as const

/** The market's code name in the registry (the builtin-actors manifest's "storagemarket"). @since 0.1.0 */
export const MARKET_KIND = "storagemarket"

type Rt = Runtime<MarketState>
type R = MethodResult
const done = (written: Result.Result<unknown, ActorError>): R => Result.map(written, () => ({}))

/** Constructor (lib.rs:109-115): only the System actor (at genesis). */
function* constructor(rt: Rt): Sends<R> {
  // CallerIsSystem
  const caller = validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  return done(rt.create(newMarketState()))
}

/** Where a party's escrow is held, where its withdrawals go, and who may withdraw (`escrow_address`). */
interface EscrowAddress {
  readonly nominal: ActorId
  readonly recipient: Address
  readonly approved: ReadonlyArray<Address>
}

/**
 * `escrow_address` (lib.rs:1750-1773): the party's id (16 if it does not resolve or has no code);
 * for a miner, withdrawals go to its owner and the owner or worker may withdraw; otherwise the
 * party itself.
 */
function* escrowAddress(rt: Rt, a: Address): Sends<Result.Result<EscrowAddress, ActorError>> {
  const nominal = rt.resolveAddress(a)
  if (nominal === undefined) return fail("PartyResolvable", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to resolve address ${addressToString(a)}`)
  const kind = rt.actorKind(nominal)
  if (kind === undefined) return fail("PartyResolvable", ExitCode.USR_ILLEGAL_ARGUMENT, `no code for address f0${nominal}`)
  if (kind === MINER_KIND) {
    const control = yield* minerControlAddresses(rt, nominal)
    if (Result.isFailure(control)) return Result.fail(control.failure)
    return Result.succeed({ nominal, recipient: control.success.owner, approved: [control.success.owner, control.success.worker] })
  }
  return Result.succeed({ nominal, recipient: idAddress(nominal), approved: [idAddress(nominal)] })
}

/**
 * AddBalance (method 2 and exported; lib.rs:118-139): deposits the value received into `party`'s escrow.
 * @see TLA+ AddBalance(who, amount)
 */
function* addBalance(rt: Rt, _: MarketState, party: Address): Sends<R> {
  // AmountPositive
  if (rt.valueReceived <= 0n) return fail("AmountPositive", ExitCode.USR_ILLEGAL_ARGUMENT, `balance to add must be greater than zero was: ${rt.valueReceived}`)
  const escrow = yield* escrowAddress(rt, party)
  if (Result.isFailure(escrow)) return Result.fail(escrow.failure)
  return done(rt.transaction((st) => Result.map(inDraft(st, (d) => d.addBalanceToEscrow(escrow.success.nominal, rt.valueReceived)), (r) => r.state)))
}

/**
 * WithdrawBalance (method 3 and exported; lib.rs:143-170): up to `amount` of what is not locked,
 * sent to the party (a miner's owner); only the party (a miner's owner or worker) may ask.
 * @see TLA+ WithdrawBalance(who, caller, amount)
 */
function* withdrawBalance(rt: Rt, _: MarketState, params: WithdrawBalanceParams): Sends<R> {
  // AmountNonNegative
  if (params.amount < 0n) return fail("AmountNonNegative", ExitCode.USR_ILLEGAL_ARGUMENT, `negative amount: ${params.amount}`)
  const escrow = yield* escrowAddress(rt, params.providerOrClient)
  if (Result.isFailure(escrow)) return Result.fail(escrow.failure)
  // CallerIsRecipient: the caller is one of the approved addresses
  const approvedIds = escrow.success.approved.map((a) => rt.resolveAddress(a))
  if (!approvedIds.includes(rt.caller)) {
    return fail("CallerIsRecipient", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is not one of ${escrow.success.approved.map((a) => addressToString(a)).join(", ")}`)
  }
  let extracted = 0n
  const written = rt.transaction((st) => Result.map(inDraft(st, (d) => {
    extracted = d.withdrawBalanceFromEscrow(escrow.success.nominal, params.amount)
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  const sent = extractSendResult(yield* rt.send(escrow.success.recipient, 0n, undefined, extracted))
  if (Result.isFailure(sent)) return Result.fail(sent.failure)
  return Result.succeed({ return: encodeTokenAmount(extracted) })
}

/** GetBalance (exported; lib.rs:173-192): the escrow and locked amounts of an address (16 if it does not resolve). */
function* getBalance(rt: Rt, st: MarketState, account: Address): Sends<R> {
  const id = rt.resolveAddress(account)
  if (id === undefined) return fail("PartyResolvable", ExitCode.USR_ILLEGAL_ARGUMENT, `failed to resolve address ${addressToString(account)}`)
  return Result.succeed({ return: encodeGetBalanceReturn({ balance: escrowOf(st, id), locked: lockedOf(st, id) }) })
}

/**
 * The Storage Market actor with the given parameters (production ones by default).
 *
 * @category actors
 * @since 0.1.0
 */
export const storageMarketActor = (p: MarketParams = PRODUCTION_MARKET_PARAMS): ActorCode<MarketState> => {
  const add = withParams(decodeAddressParam, addBalance)
  const withdraw = withParams(decodeWithdrawBalanceParams, withdrawBalance)
  const publish = withParams(decodePublishStorageDealsParams, (rt: Rt, st: MarketState, deals) => publishStorageDeals(p, rt, st, deals))
  return actorDispatch<MarketState>(MARKET_KIND, [
    [MarketMethod.Constructor, noParams(constructor)],
    [MarketMethod.AddBalance, add],
    [MarketMethod.AddBalanceExported, add],
    [MarketMethod.WithdrawBalance, withdraw],
    [MarketMethod.WithdrawBalanceExported, withdraw],
    [MarketMethod.PublishStorageDeals, publish],
    [MarketMethod.PublishStorageDealsExported, publish],
    [MarketMethod.VerifyDealsForActivation, withParams(decodeVerifyDealsForActivationParams, verifyDealsForActivation)],
    [MarketMethod.BatchActivateDeals, withParams(decodeBatchActivateDealsParams, batchActivateDeals)],
    [MarketMethod.OnMinerSectorsTerminate, withParams(decodeOnMinerSectorsTerminateParams, onMinerSectorsTerminate)],
    [MarketMethod.CronTick, noParams((rt: Rt) => cronTick(p, rt))],
    [MarketMethod.GetBalanceExported, withParams(decodeAddressParam, getBalance)],
    [MarketMethod.SettleDealPaymentsExported, withParams(decodeSettleDealPaymentsParams, settleDealPayments)],
    [MarketMethod.RedeemVoucherExported, withParams(decodeRedeemVoucherParams, redeemVoucher)],
    ...Object.entries(DEAL_QUERIES).map(([name, run]) => [frc42MethodNumber(name), withParams(decodeDealQueryParams, run)] as const)
  ])
}

/** The Storage Market actor with production parameters. @since 0.1.0 */
export const StorageMarketActor = storageMarketActor()

