/**
 * The Payment Channel actor: Constructor (1), UpdateChannelState (2), Settle (3), Collect (4).
 * Each method checks the caller first, then fails early on each guard with its own tag and exit
 * code, and only then computes the new state, which the VM stores in one step.
 *
 * Port of filecoin-project/builtin-actors `actors/paych/src/lib.rs` (itself "updated to
 * specs-actors commit f47f461b (v3.0.2)"), with signature checks through the signer account's
 * AuthenticateMessage as in current builtin-actors.  Mirrors spec/tla/PaymentChannel.tla: each tag
 * is the name of the TLA+ operator the check implements.
 *
 * @module
 */
import { Result } from "effect"
import { blake2b } from "@noble/hashes/blake2.js"
import { addressEquals, idAddress } from "../../address/address.js"
import type { Address } from "../../address/interface.js"
import { bytesEqual } from "../../encoding/hex.js"
import { encodeCbor } from "../../encoding/cbor.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorCode, ActorError, Outcome, Runtime } from "../../vm/interface.js"
import { AccountMethod } from "../account/index.js"
import { type LaneState, type PaychParams, type PaychState, PRODUCTION_PARAMS, newPaychState } from "./state.js"
import { decodeConstructorParams, decodeUpdateChannelStateParams, voucherSigningBytes, type UpdateChannelStateParams } from "./types.js"

/** Method numbers (builtin-actors `Method`). */
export const PaychMethod = { Constructor: 1n, UpdateChannelState: 2n, Settle: 3n, Collect: 4n } as const

type R = Result.Result<Outcome<PaychState>, ActorError>
const fail = (tag: string, exitCode: number, message: string): R => Result.fail({ tag, exitCode, message })

/**
 * Constructor: only the Init actor.  Each party (`to` first, then `from`) is resolved to an actor
 * id; an unknown public-key address gets its account created, as builtin-actors'
 * `resolve_to_actor_id(check_existence = true)` does by sending it 0 FIL; any other unknown
 * address is 17.  Current builtin-actors no longer requires the parties to be accounts (any actor
 * that answers AuthenticateMessage can sign vouchers).
 * @see TLA+ Init (the state just after it)
 */
const constructor = (rt: Runtime, params: Uint8Array): R => {
  // Params are decoded before the method runs (builtin-actors dispatch), so 21 comes before 18.
  const decoded = decodeConstructorParams(params)
  if (Result.isFailure(decoded)) return fail("MalformedParams", ExitCode.USR_SERIALIZATION, decoded.failure.message)
  if (rt.callerKind !== "init") return fail("CallerIsInit", ExitCode.USR_FORBIDDEN, "only the Init actor creates payment channels")
  const ids: Array<bigint> = []
  const createAccounts: Array<{ id: bigint; address: Address }> = []
  for (const [role, address] of [["to", decoded.success.to], ["from", decoded.success.from]] as const) {
    const known = rt.resolveAddress(address)
    const id = known ?? rt.accountFor(address)
    if (id === undefined) return fail("PartyExists", ExitCode.USR_NOT_FOUND, `${role} address does not name an actor and is not a public-key address`)
    if (known === undefined && !createAccounts.some((a) => a.id === id)) createAccounts.push({ id, address })
    ids.push(id)
  }
  return Result.succeed({ state: newPaychState(ids[1]!, ids[0]!), createAccounts })
}

const callerIsParty = (rt: Runtime, st: PaychState): boolean => rt.caller === st.from || rt.caller === st.to

/**
 * UpdateChannelState: redeem a voucher signed by the other party.
 * @see TLA+ UpdateChannelState(by, v, secret); every tag below is one of its conjuncts.
 */
const updateChannelState = (p: PaychParams, rt: Runtime, st: PaychState, raw: Uint8Array): R => {
  const decoded = decodeUpdateChannelStateParams(raw)
  if (Result.isFailure(decoded)) return fail("MalformedParams", ExitCode.USR_SERIALIZATION, decoded.failure.message)
  const { sv, secret }: UpdateChannelStateParams = decoded.success
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
  // SignedByCounterparty: the signer's account authenticates the signing bytes
  const auth = rt.call(idAddress(signer), AccountMethod.AuthenticateMessage, encodeCbor([sv.signature.data, voucherSigningBytes(sv)]))
  // (the callee's exit code propagates, as builtin-actors' send does; an account answers 16)
  if (Result.isFailure(auth)) return fail("SignedByCounterparty", auth.failure.exitCode, `voucher signature invalid: ${auth.failure.message}`)
  // VoucherForThisChannel: the voucher's channel address resolves to this actor
  const channel = rt.resolveAddress(sv.channelAddr)
  if (channel === undefined) return fail("VoucherForThisChannel", ExitCode.USR_ILLEGAL_ARGUMENT, "voucher payment channel address does not resolve to an ID address")
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
  // ExtraVerified: the extra call succeeds (its exit code propagates)
  if (sv.extra !== null) {
    const extra = rt.call(sv.extra.actor, sv.extra.method, sv.extra.data)
    if (Result.isFailure(extra)) return fail("ExtraVerified", extra.failure.exitCode, `spend voucher verification failed: ${extra.failure.message}`)
  }
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
  if (newToSend > rt.currentBalance) return fail("ToSendWithinBalance", ExitCode.USR_ILLEGAL_ARGUMENT, `not enough funds in channel to cover voucher: needs ${newToSend}, has ${rt.currentBalance}`)
  lanes.set(sv.lane, { redeemed: sv.amount, nonce: sv.nonce })
  const msh = sv.minSettleHeight
  return Result.succeed({
    state: {
      ...st,
      toSend: newToSend,
      laneStates: new Map([...lanes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      settlingAt: msh !== 0n && st.settlingAt !== 0n && st.settlingAt < msh ? msh : st.settlingAt,
      minSettleHeight: msh !== 0n && st.minSettleHeight < msh ? msh : st.minSettleHeight
    }
  })
}

/** Settle: start the settle delay.  @see TLA+ Settle(by) */
const settle = (p: PaychParams, rt: Runtime, st: PaychState): R => {
  // CallerIsParty
  if (!callerIsParty(rt, st)) return fail("CallerIsParty", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is neither from nor to`)
  // NotSettling
  if (st.settlingAt !== 0n) return fail("NotSettling", ExitCode.USR_ILLEGAL_STATE, "channel already settling")
  const at = rt.epoch + p.settleDelay
  return Result.succeed({ state: { ...st, settlingAt: at < st.minSettleHeight ? st.minSettleHeight : at } })
}

/** Collect: pay toSend to `to`, the rest to `from`, delete the actor.  @see TLA+ Collect(by) */
const collect = (rt: Runtime, st: PaychState): R => {
  // CallerIsParty
  if (!callerIsParty(rt, st)) return fail("CallerIsParty", ExitCode.USR_FORBIDDEN, `caller f0${rt.caller} is neither from nor to`)
  // SettlingReached
  if (st.settlingAt === 0n || rt.epoch < st.settlingAt) return fail("SettlingReached", ExitCode.USR_FORBIDDEN, "payment channel not settling or settled")
  return Result.succeed({ state: st, transfers: [{ to: st.to, value: st.toSend }], deleteTo: st.from })
}

/**
 * The Payment Channel actor with the given parameters (production ones by default).
 *
 * @category actors
 * @since 0.1.0
 */
export const paymentChannelActor = (p: PaychParams = PRODUCTION_PARAMS): ActorCode<PaychState> => ({
  kind: "paymentchannel",
  invoke: (rt, st, method, params) => {
    switch (method) {
      case PaychMethod.Constructor: return constructor(rt, params)
      case PaychMethod.UpdateChannelState: return updateChannelState(p, rt, st, params)
      case PaychMethod.Settle: return settle(p, rt, st)
      case PaychMethod.Collect: return collect(rt, st)
      default: return fail("UnhandledMessage", ExitCode.USR_UNHANDLED_MESSAGE, `payment channel has no method ${method}`)
    }
  }
})

/** The Payment Channel actor with production parameters. */
export const PaymentChannelActor = paymentChannelActor()

export { addressEquals }
