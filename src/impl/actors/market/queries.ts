/**
 * The market's exported deal queries: any caller may ask about a deal by id.
 *
 * Port of filecoin-project/builtin-actors `actors/market/src/lib.rs` @ v18.0.0 (`get_deal_*`,
 * :1042-1218) and `types.rs` (their params: the deal id, transparent; their returns). A deal never
 * published fails 17, one published and since removed 32 (EX_DEAL_EXPIRED); GetDealActivation
 * and GetDealSector also fail 32 for a deal marked terminated, and GetDealSector 33
 * (EX_DEAL_NOT_ACTIVATED) for a deal published but not activated.
 *
 * @module
 */
import { Result } from "effect"
import { encodeCbor, readUint } from "../../encoding/cbor.js"
import { actorError } from "../../vm/exitcode.js"
import type { ActorError, Runtime, Sends } from "../../vm/interface.js"
import { encodeBigInt } from "../../token/amount.js"
import type { MethodResult } from "../dispatch.js"
import { decodeParams, type MalformedParams } from "../params.js"
import { Abort, Draft, idOf } from "./ledger.js"
import { MarketExitCode } from "./policy.js"
import { EPOCH_UNDEFINED, type MarketState } from "./state.js"
import { dealDuration, type DealProposal, totalStorageFee } from "./types.js"

/** A deal query's params: the deal id (transparent u64). */
export const encodeDealQueryParams = (id: bigint): Uint8Array => encodeCbor(id)
/** Parses a deal query's params. */
export const decodeDealQueryParams = (bytes: Uint8Array): Result.Result<bigint, MalformedParams> =>
  decodeParams("DealQueryParams", bytes, (v) => readUint(v, "DealQueryParams.id"))

/** `get_proposal` as a Result (17 never published, 32 removed). */
const proposalOf = (st: MarketState, id: bigint): Result.Result<DealProposal, ActorError> => {
  try {
    return Result.succeed(new Draft(st).getProposal(id))
  } catch (e) {
    if (e instanceof Abort) return Result.fail(e.error)
    throw e
  }
}

/** A query answering from the deal's proposal. */
const fromProposal = (answer: (p: DealProposal) => unknown) =>
  function* (_: Runtime<MarketState>, st: MarketState, id: bigint): Sends<MethodResult> {
    return Result.map(proposalOf(st, id), (p) => ({ return: encodeCbor(answer(p)) }))
  }

/** The queries by exported name, each with its answer (types.rs return shapes). */
export const DEAL_QUERIES = {
  GetDealDataCommitment: fromProposal((p) => [p.pieceCid, p.pieceSize]),
  GetDealClient: fromProposal((p) => idOf(p.client)),
  GetDealProvider: fromProposal((p) => idOf(p.provider)),
  GetDealLabel: fromProposal((p) => p.label.value),
  GetDealTerm: fromProposal((p) => [p.startEpoch, dealDuration(p)]),
  GetDealTotalPrice: fromProposal((p) => encodeBigInt(totalStorageFee(p))),
  GetDealClientCollateral: fromProposal((p) => encodeBigInt(p.clientCollateral)),
  GetDealProviderCollateral: fromProposal((p) => encodeBigInt(p.providerCollateral)),
  GetDealVerified: fromProposal((p) => p.verifiedDeal),
  /** `[activated, terminated]`: −1 −1 if published but not activated. */
  GetDealActivation: function* (_: Runtime<MarketState>, st: MarketState, id: bigint): Sends<MethodResult> {
    const state = st.states.get(id)
    if (state === undefined) return Result.map(proposalOf(st, id), () => ({ return: encodeCbor([EPOCH_UNDEFINED, EPOCH_UNDEFINED]) }))
    if (state.slashEpoch !== EPOCH_UNDEFINED) return Result.fail(actorError("DealExpired", MarketExitCode.EX_DEAL_EXPIRED, `deal ${id} expired`))
    return Result.succeed({ return: encodeCbor([state.sectorStartEpoch, state.slashEpoch]) })
  },
  /** The sector number; 33 if published but not activated. */
  GetDealSector: function* (_: Runtime<MarketState>, st: MarketState, id: bigint): Sends<MethodResult> {
    const state = st.states.get(id)
    if (state === undefined) {
      return Result.flatMap(proposalOf(st, id), () => Result.fail(actorError("DealNotActivated", MarketExitCode.EX_DEAL_NOT_ACTIVATED, `deal ${id} not yet activated`)))
    }
    if (state.slashEpoch !== EPOCH_UNDEFINED) return Result.fail(actorError("DealExpired", MarketExitCode.EX_DEAL_EXPIRED, `deal ${id} expired`))
    return Result.succeed({ return: encodeCbor(state.sectorNumber) })
  }
} as const

