/**
 * The Payment Channel actor: Constructor (1), UpdateChannelState (2), Settle (3), Collect (4).
 * Each method checks the caller first, then fails early on each guard with its own tag and exit
 * code; it writes its state as builtin-actors does — `rt.create` in the Constructor,
 * `rt.transaction` in UpdateChannelState (after its sends) and Settle — and Collect deletes the
 * actor after paying out.
 *
 * Port of filecoin-project/builtin-actors `actors/paych/src/lib.rs` @ v18.0.0 (itself "updated to
 * specs-actors commit f47f461b (v3.0.2)"): the Constructor and UpdateChannelState take params,
 * Settle and Collect take none (lib.rs:52, 72, 267, 284; dispatch in `../dispatch.ts`).  The
 * signature is checked by a read-only send of AuthenticateMessage to the signer (lib.rs:107-122),
 * the voucher's `extra` is an ordinary send whose changes persist (lib.rs:158-166), Collect pays
 * out by two sends and deletes the actor (lib.rs:292-300).  Mirrors spec/tla/PaymentChannel.tla:
 * each tag is the name of the TLA+ operator the check implements.
 *
 * @module
 */
import { Result } from "effect"
import { blake2b } from "@noble/hashes/blake2.js"
import { addressEquals, addressToString, idAddress } from "../../address/address.js"
import { bytesEqual } from "../../encoding/hex.js"
import { encodeCbor, readBool } from "../../encoding/cbor.js"
import { actorError, actorFailure as fail, ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorError, Runtime, Sends } from "../../vm/interface.js"
import { AccountMethod } from "../account/index.js"
import { actorDispatch, type MethodResult, noParams, withParams } from "../dispatch.js"
import { deserializeReturn, extractSendResult, resolveToActorId, validateCallerType, wrapError } from "../shared.js"
import { type LaneState, type PaychParams, type PaychState, PRODUCTION_PARAMS, newPaychState } from "./state.js"
import {
  type ConstructorParams, decodeConstructorParams, decodeUpdateChannelStateParams, voucherSigningBytes, type UpdateChannelStateParams
} from "./types.js"

/** Method numbers (builtin-actors `Method`). */
export const PaychMethod = { Constructor: 1n, UpdateChannelState: 2n, Settle: 3n, Collect: 4n } as const

type R = MethodResult
type Rt = Runtime<PaychState>
const failWith = (e: ActorError): R => Result.fail(e)
const done = (written: Result.Result<unknown, ActorError>): R => Result.map(written, () => ({}))

/**
 * Constructor (lib.rs:52-70): only the Init actor.  Each party (`to` first, then `from`) is
 * resolved with `resolve_to_actor_id(check_existence = true)`: an unknown key address gets its
 * account and an unknown EAM f4 address its placeholder (both by a send of 0 FIL), an unknown
 * actor address fails 23 (the send finds no receiver), an ID address with no actor 17.  Current
 * builtin-actors no longer requires the parties to be accounts (any actor that answers
 * AuthenticateMessage can sign vouchers).
 * @see TLA+ Init (the state just after it)
 */
function* constructor(rt: Rt, _: PaychState, params: ConstructorParams): Sends<R> {
  const caller = validateCallerType(rt, "init", "CallerIsInit")
  if (Result.isFailure(caller)) return failWith(caller.failure)
  const to = yield* resolveToActorId(rt, params.to, true)
  if (Result.isFailure(to)) return failWith(wrapError(to.failure, "to", "PartyExists"))
  const from = yield* resolveToActorId(rt, params.from, true)
  if (Result.isFailure(from)) return failWith(wrapError(from.failure, "from", "PartyExists"))
  return done(rt.create(newPaychState(from.success, to.success)))
}

const callerIsParty = (rt: Rt, st: PaychState): boolean => rt.caller === st.from || rt.caller === st.to

/**
 * UpdateChannelState: redeem a voucher signed by the other party.
 * @see TLA+ UpdateChannelState(by, v, secret); every tag below is one of its conjuncts.
 */
function* updateChannelState(p: PaychParams, rt: Rt, st: PaychState, { sv, secret }: UpdateChannelStateParams): Sends<R> {
  // CallerIsParty: only From or To may redeem
  if (!callerIsParty(rt, st)) return fail("CallerIsParty", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is neither from nor to`)
  const signer = rt.caller === st.from ? st.to : st.from
  // VoucherSigned: the voucher carries a signature
  if (sv.signature === null) return fail("VoucherSigned", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher has no signature")
  // NotSettled: no voucher is processed from settlingAt on
  if (st.settlingAt !== 0n && rt.epoch >= st.settlingAt) {
    return fail("NotSettled", ExitCode.ERR_CHANNEL_STATE_UPDATE_AFTER_SETTLED, `no vouchers can be processed after settling at epoch ${st.settlingAt}`)
  }
  // SecretWithinSize: the secret is at most MAX_SECRET_SIZE bytes
  if (secret.length > p.maxSecretSize) return fail("SecretWithinSize", ExitCode.USR_ILLEGAL_ARGUMENT, `secret must be at most ${p.maxSecretSize} bytes long, is ${secret.length}`)
  // SignedByCounterparty: the signer authenticates the signing bytes, in a read-only send whose
  // exit code reaches us through `extract_send_result` (an account answers 16 to a bad signature)
  const authParams = encodeCbor([sv.signature.data, voucherSigningBytes(sv)])
  const auth = Result.flatMap(
    Result.flatMap(extractSendResult(yield* rt.send(idAddress(signer), AccountMethod.AuthenticateMessage, authParams, 0n, { readOnly: true })), deserializeReturn),
    (v) => Result.mapError(readBool(v, "AuthenticateMessageReturn"), (e) => actorError("MalformedReturn", ExitCode.USR_SERIALIZATION, e.message))
  )
  if (Result.isFailure(auth)) return failWith(wrapError(auth.failure, "proposal authentication failed", "SignedByCounterparty"))
  if (!auth.success) return fail("SignedByCounterparty", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher sig authentication failed")
  // VoucherForThisChannel: the voucher's channel address resolves to this actor
  const channel = rt.resolveAddress(sv.channelAddr)
  if (channel === undefined) {
    return fail("VoucherForThisChannel", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher payment channel address ${addressToString(sv.channelAddr)} does not resolve to an ID address`)
  }
  if (channel !== rt.receiver) return fail("VoucherForThisChannel", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher payment channel f0${channel} does not match receiver f0${rt.receiver}`)
  // TimeLockMinReached
  if (rt.epoch < sv.timeLockMin) return fail("TimeLockMinReached", ExitCode.USR_ILLEGAL_ARGUMENT, `cannot use this voucher yet: epoch ${rt.epoch} < timeLockMin ${sv.timeLockMin}`)
  // TimeLockMaxNotPassed
  if (sv.timeLockMax !== 0n && rt.epoch > sv.timeLockMax) return fail("TimeLockMaxNotPassed", ExitCode.USR_ILLEGAL_ARGUMENT, `this voucher has expired: epoch ${rt.epoch} > timeLockMax ${sv.timeLockMax}`)
  // AmountNonNegative
  if (sv.amount < 0n) return fail("AmountNonNegative", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher amount must be non-negative, was ${sv.amount}`)
  // SecretMatches: blake2b-256(secret) equals the voucher's pre-image, if it has one
  if (sv.secretPreImage.length > 0 && !bytesEqual(blake2b(secret, { dkLen: 32 }), sv.secretPreImage)) {
    return fail("SecretMatches", ExitCode.USR_ILLEGAL_ARGUMENT, "incorrect secret")
  }
  // ExtraVerified: the extra call succeeds.  It is an ordinary send (value 0, not read-only): the
  // callee's changes persist; its params are always a block, even when `data` is empty
  // (lib.rs:159-165); its exit code reaches us through `extract_send_result`.
  if (sv.extra !== null) {
    const extra = extractSendResult(yield* rt.send(sv.extra.actor, sv.extra.method, sv.extra.data, 0n))
    if (Result.isFailure(extra)) return failWith(wrapError(extra.failure, "spend voucher verification failed", "ExtraVerified"))
  }
  // The rest is `rt.transaction` (lib.rs:168): it reads the state again, after the sends, and
  // writes what the lane arithmetic leaves.
  return done(rt.transaction((now) => redeem(p, rt, now, sv)))
}

/** The lane arithmetic of UpdateChannelState (lib.rs:168-264), on the state read after the sends: the new state. */
const redeem = (p: PaychParams, rt: Rt, st: PaychState, sv: UpdateChannelStateParams["sv"]): Result.Result<PaychState, ActorError> => {
  // LaneWithinMax
  if (sv.lane > p.maxLane) return fail("LaneWithinMax", ExitCode.USR_ILLEGAL_ARGUMENT, `maximum lane ID is ${p.maxLane}, voucher lane is ${sv.lane}`)
  // LaneNonceFresh: an existing lane's nonce is below the voucher's
  const existing = st.laneStates.get(sv.lane)
  if (existing !== undefined && existing.nonce >= sv.nonce) {
    return fail("LaneNonceFresh", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher has an outdated nonce, existing: ${existing.nonce}, voucher: ${sv.nonce}, cannot redeem`)
  }
  const lanes = new Map(st.laneStates)
  let redeemedFromOthers = 0n
  for (const merge of sv.merges) {
    // MergeNotSelf
    if (merge.lane === sv.lane) return fail("MergeNotSelf", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher cannot merge lanes into its own lane")
    // MergeLaneWithinMax
    if (merge.lane > p.maxLane) return fail("MergeLaneWithinMax", ExitCode.USR_ILLEGAL_ARGUMENT, `maximum lane ID is ${p.maxLane}, merge lane is ${merge.lane}`)
    // MergeLaneExists
    const other = lanes.get(merge.lane)
    if (other === undefined) return fail("MergeLaneExists", ExitCode.USR_ILLEGAL_ARGUMENT, `voucher specifies invalid merge lane ${merge.lane}`)
    // MergeNonceFresh (against the nonce earlier merges in this voucher set)
    if (other.nonce >= merge.nonce) return fail("MergeNonceFresh", ExitCode.USR_ILLEGAL_ARGUMENT, `merged lane ${merge.lane} has nonce ${other.nonce} >= merge nonce ${merge.nonce}, cannot redeem`)
    redeemedFromOthers += other.redeemed
    lanes.set(merge.lane, { redeemed: other.redeemed, nonce: merge.nonce })
  }
  // 1–3. the voucher's amount replaces what its lane and the merged lanes had redeemed
  const laneBefore: LaneState = existing ?? { redeemed: 0n, nonce: 0n }
  const newToSend = st.toSend + (sv.amount - (redeemedFromOthers + laneBefore.redeemed))
  // ToSendNonNegative
  if (newToSend < 0n) return fail("ToSendNonNegative", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher would leave channel balance negative")
  // ToSendWithinBalance
  if (newToSend > rt.currentBalance()) return fail("ToSendWithinBalance", ExitCode.USR_ILLEGAL_ARGUMENT, `not enough funds in channel to cover voucher: needs ${newToSend}, has ${rt.currentBalance()}`)
  lanes.set(sv.lane, { redeemed: sv.amount, nonce: sv.nonce })
  const msh = sv.minSettleHeight
  return Result.succeed({
    ...st,
    toSend: newToSend,
    laneStates: new Map([...lanes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    settlingAt: msh !== 0n && st.settlingAt !== 0n && st.settlingAt < msh ? msh : st.settlingAt,
    minSettleHeight: msh !== 0n && st.minSettleHeight < msh ? msh : st.minSettleHeight
  })
}

/** Settle: start the settle delay, in one `rt.transaction` (lib.rs:267-282).  @see TLA+ Settle(by) */
const settle = (p: PaychParams, rt: Rt): R => done(rt.transaction((st) => {
  // CallerIsParty
  if (!callerIsParty(rt, st)) return fail("CallerIsParty", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is neither from nor to`)
  // NotSettling
  if (st.settlingAt !== 0n) return fail("NotSettling", ExitCode.USR_ILLEGAL_STATE, "channel already settling")
  const at = rt.epoch + p.settleDelay
  return Result.succeed({ ...st, settlingAt: at < st.minSettleHeight ? st.minSettleHeight : at })
}))

/**
 * Collect: send toSend to `to`, then the whole remaining balance to `from`, then delete the actor
 * (lib.rs:284-303); a failed send fails Collect with the send's code.  @see TLA+ Collect(by)
 */
function* collect(rt: Rt, st: PaychState): Sends<R> {
  // CallerIsParty
  if (!callerIsParty(rt, st)) return fail("CallerIsParty", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is neither from nor to`)
  // SettlingReached
  if (st.settlingAt === 0n || rt.epoch < st.settlingAt) return fail("SettlingReached", ExitCode.USR_FORBIDDEN, "payment channel not settling or settled")
  const paid = extractSendResult(yield* rt.send(idAddress(st.to), 0n, undefined, st.toSend))
  if (Result.isFailure(paid)) return failWith(wrapError(paid.failure, "Failed to send funds to `to` address", "PayTo"))
  const refunded = extractSendResult(yield* rt.send(idAddress(st.from), 0n, undefined, rt.currentBalance()))
  if (Result.isFailure(refunded)) return failWith(wrapError(refunded.failure, "Failed to send funds to `from` address", "PayFrom"))
  return done(rt.deleteActor())
}

/**
 * The Payment Channel actor with the given parameters (production ones by default).
 *
 * @category actors
 * @since 0.1.0
 */
export const paymentChannelActor = (p: PaychParams = PRODUCTION_PARAMS): ActorCode<PaychState> =>
  actorDispatch<PaychState>("paymentchannel", [
    [PaychMethod.Constructor, withParams(decodeConstructorParams, constructor)],
    [PaychMethod.UpdateChannelState, withParams(decodeUpdateChannelStateParams, (rt, st, params) => updateChannelState(p, rt, st, params))],
    [PaychMethod.Settle, noParams(function* (rt) {
      return settle(p, rt)
    })],
    [PaychMethod.Collect, noParams(collect)]
  ])

/** The Payment Channel actor with production parameters. */
export const PaymentChannelActor = paymentChannelActor()

export { addressEquals }
