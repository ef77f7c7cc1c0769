/**
 * A deal's life after publication: settlement of payments (SettleDealPayments, and the cron tick
 * for deals scheduled by epoch), time-out of deals never activated, termination with slashing
 * (OnMinerSectorsTerminate). Slashed collateral is burnt by a send to f099 after the state is written.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/lib.rs` @ v18.0.0:
 * `on_miner_sectors_terminate` (:790-888), `cron_tick` (:890-1040), `settle_deal_payments`
 * (:1220-1362); the state operations are in `./ledger.ts`.
 *
 * @see TLA+ spec/tla/StorageMarket.tla › SettleDealPayments(d), CronTick(d), OnMinerSectorsTerminate(s, caller)
 * @module
 */
import { Result } from "effect"
import { addressEquals, addressToString, idAddress } from "../../address/address.js"
import { type BitField, bitFieldIndices } from "../../encoding/bitfield.js"
import { ExitCode } from "../../vm/exitcode.js"
import type { ActorError, Runtime, Sends } from "../../vm/interface.js"
import type { MethodResult } from "../dispatch.js"
import { extractSendResult, validateCallerIs, validateCallerType } from "../shared.js"
import { BURNT_FUNDS_ACTOR_ID, CRON_ACTOR_ID, MINER_KIND } from "./ext.js"
import { abort, Abort, dealCidKey, type Draft, idOf, inDraft } from "./ledger.js"
import { batchReturnOf, type DealSettlementSummary, encodeSettleDealPaymentsReturn, type OnMinerSectorsTerminateParams } from "./params.js"
import { MarketExitCode, type MarketParams, nextUpdateEpoch } from "./policy.js"
import { EPOCH_UNDEFINED, type MarketState } from "./state.js"

type Rt = Runtime<MarketState>

/** Burns `amount` (a send to f099) if positive. */
function* burn(rt: Rt, amount: bigint): Sends<MethodResult> {
  if (amount > 0n) {
    const sent = extractSendResult(yield* rt.send(idAddress(BURNT_FUNDS_ACTOR_ID), 0n, undefined, amount))
    if (Result.isFailure(sent)) return Result.fail(sent.failure)
  }
  return Result.succeed({})
}

/**
 * OnMinerSectorsTerminate (method 7): only a miner; every deal of the terminated sectors that has
 * not ended by `epoch` pays the provider up to `epoch`, unlocks the client, loses the provider's
 * collateral (burnt) and is removed.
 * @see TLA+ OnMinerSectorsTerminate
 */
export function* onMinerSectorsTerminate(rt: Rt, _: MarketState, params: OnMinerSectorsTerminateParams): Sends<MethodResult> {
  // CallerIsMiner
  const caller = validateCallerType(rt, MINER_KIND, "CallerIsMiner")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  const miner = rt.caller
  let burnt = 0n
  const written = rt.transaction((st) => Result.map(inDraft(st, (d) => {
    for (const id of d.popSectorDealIds(miner, bitFieldIndices(params.sectors))) {
      // the deal may have expired and been removed already
      const p = d.proposals.get(id)
      if (p === undefined) continue
      if (!addressEquals(p.provider, idAddress(miner))) {
        abort("CallerIsDealProvider", ExitCode.USR_ILLEGAL_STATE, `caller f0${miner} is not the provider ${addressToString(p.provider)} of deal ${id}`)
      }
      // deals past their end are not slashed
      if (p.endEpoch <= params.epoch) continue
      const state = d.states.get(id) ?? abort("DealActive", ExitCode.USR_ILLEGAL_ARGUMENT, `no state for deal ${id}`)
      // a deal never settled may still be pending
      if (state.lastUpdatedEpoch === EPOCH_UNDEFINED) d.pending.delete(dealCidKey(p))
      burnt += d.processSlashedDeal(p, { ...state, slashEpoch: params.epoch })
      d.removeCompletedDeal(id)
    }
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  return yield* burn(rt, burnt)
}

/**
 * CronTick (method 9): only the cron actor; for each epoch since the last tick, each deal scheduled
 * then: a deal never activated whose start has come times out (collateral burnt); a newly active
 * deal leaves the pending set and is not rescheduled (it is settled by SettleDealPayments); a deal
 * already settled once (upstream's legacy deals) is settled and rescheduled.
 * @see TLA+ CronTick
 */
export function* cronTick(p: MarketParams, rt: Rt): Sends<MethodResult> {
  // CallerIsCron
  const caller = validateCallerIs(rt, [CRON_ACTOR_ID], "CallerIsCron")
  if (Result.isFailure(caller)) return Result.fail(caller.failure)
  const epoch = rt.epoch
  let slashed = 0n
  const written = rt.transaction((st) => Result.map(inDraft(st, (d) => {
    const rescheduled = new Map<bigint, Array<bigint>>()
    for (let i = d.lastCron + 1n; i <= epoch; i++) {
      for (const id of d.dealOps.get(i) ?? []) {
        const proposal = d.proposals.get(id)
        // settled or terminated before this tick
        if (proposal === undefined) continue
        const cid = dealCidKey(proposal)
        const loaded = d.getActiveDealOrProcessTimeout(epoch, id, proposal, cid)
        if (loaded.kind === "ProposalExpired") {
          slashed += loaded.slashed
          continue
        }
        if (loaded.kind === "TooEarly") abort("TooEarly", ExitCode.USR_ILLEGAL_STATE, `deal ${id} processed before start epoch ${proposal.startEpoch}`)
        const state = loaded.kind === "Loaded" ? loaded.state : abort("Unreachable", ExitCode.USR_ILLEGAL_STATE, "")
        if (state.lastUpdatedEpoch === EPOCH_UNDEFINED) {
          if (!d.pending.delete(cid)) abort("PendingProposalMissing", ExitCode.USR_ILLEGAL_STATE, "failed to delete pending proposal: does not exist")
          continue
        }
        const u = d.processDealUpdate(state, proposal, cid, epoch)
        if (u.remove) {
          slashed += u.slashed
          d.removeCompletedDeal(id)
          d.removeSectorDealIds(idOf(proposal.provider), state.sectorNumber, [id])
        } else {
          if (u.slashed !== 0n) abort("ContinuingDealSlashed", ExitCode.USR_ILLEGAL_STATE, `continuing deal ${id} should not be slashed`)
          d.states.set(id, { ...state, lastUpdatedEpoch: epoch, paid: state.paid + u.payment })
          const next = nextUpdateEpoch(id, p.dealUpdatesInterval, epoch + 1n)
          rescheduled.set(next, [...(rescheduled.get(next) ?? []), id])
        }
      }
      d.dealOps.delete(i)
    }
    for (const [e, ids] of rescheduled) for (const id of ids) d.putDealOp(e, id)
    d.lastCron = epoch
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  return yield* burn(rt, slashed)
}

/** Runs `f` on the draft, turning its abort into the item's exit code (a per-deal failure in a batch). */
const tryItem = <A>(f: () => A): A | ActorError => {
  try {
    return f()
  } catch (e) {
    if (e instanceof Abort) return e.error
    throw e
  }
}

/**
 * SettleDealPayments (exported): any caller; for each deal, pays the provider what has elapsed
 * (completing deals past their end), times out deals never activated whose start has come (batch
 * code 32, collateral burnt), and reports deals gone as 32; a deal not yet started is a zero
 * settlement.
 * @see TLA+ SettleDealPayments
 */
export function* settleDealPayments(rt: Rt, _: MarketState, ids: BitField): Sends<MethodResult> {
  const epoch = rt.epoch
  const codes: Array<number> = []
  const settlements: Array<DealSettlementSummary> = []
  let slashed = 0n
  const written = rt.transaction((st) => Result.map(inDraft(st, (d: Draft) => {
    for (const id of bitFieldIndices(ids)) {
      // DealPublished: a deal never published or already gone is a failed item, 32
      const proposal = d.proposals.get(id)
      if (proposal === undefined) {
        codes.push(MarketExitCode.EX_DEAL_EXPIRED)
        continue
      }
      const cid = dealCidKey(proposal)
      const loaded = tryItem(() => d.getActiveDealOrProcessTimeout(epoch, id, proposal, cid))
      if ("exitCode" in loaded) {
        codes.push(loaded.exitCode)
        continue
      }
      // SettlementDue: not active and not started — a zero settlement
      if (loaded.kind === "TooEarly") {
        settlements.push({ completed: false, payment: 0n })
        codes.push(ExitCode.OK)
        continue
      }
      // a deal never activated by its start: timed out
      if (loaded.kind === "ProposalExpired") {
        slashed += loaded.slashed
        codes.push(MarketExitCode.EX_DEAL_EXPIRED)
        continue
      }
      const state = loaded.state
      if (state.slashEpoch !== EPOCH_UNDEFINED) abort("NotSlashed", ExitCode.USR_ILLEGAL_ARGUMENT, `deal ${id} is marked for termination and cannot be settled`)
      const u = tryItem(() => d.processDealUpdate(state, proposal, cid, epoch))
      if ("exitCode" in u) {
        codes.push(u.exitCode)
        continue
      }
      if (u.remove) {
        d.removeCompletedDeal(id)
        d.removeSectorDealIds(idOf(proposal.provider), state.sectorNumber, [id])
      } else {
        d.states.set(id, { ...state, lastUpdatedEpoch: epoch, paid: state.paid + u.payment })
      }
      settlements.push({ completed: u.remove, payment: u.payment })
      codes.push(ExitCode.OK)
    }
  }), (r) => r.state))
  if (Result.isFailure(written)) return Result.fail(written.failure)
  const burnt = yield* burn(rt, slashed)
  if (Result.isFailure(burnt)) return burnt
  return Result.succeed({ return: encodeSettleDealPaymentsReturn({ results: batchReturnOf(codes), settlements }) })
}

