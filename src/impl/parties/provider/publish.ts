/**
 * The provider's one chain message: PublishStorageDeals to the market actor (f05, method 4), and
 * the deal ID read back from its return (builtin-actors `actors/market/src/lib.rs` and
 * `types.rs` @ v18.0.0: `PublishStorageDealsParams{deals}`, `PublishStorageDealsReturn{ids,
 * valid_deals}`, the i-th ID belonging to the i-th valid deal).  The provider publishes one deal
 * per message, so a successful return holds exactly one ID.
 *
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, idAddress } from "../../address/address.js"
import { type ClientDealProposal, clientDealProposalTuple } from "../../actors/market/types.js"
import { decodeCbor, encodeCbor, readTuple, readUint } from "../../encoding/cbor.js"
import type { ChainMessage } from "../interface.js"

/** The storage market actor's ID, f05. */
export const STORAGE_MARKET_ACTOR_ID = 5n
/** PublishStorageDeals' method number (builtin-actors market `Method::PublishStorageDeals = 4`). */
export const PUBLISH_STORAGE_DEALS_METHOD = 4n

/**
 * The PublishStorageDeals message for one signed proposal, sent by the provider's worker.
 *
 * @category messages
 * @since 0.2.0
 */
export const publishStorageDealsMessage = (worker: Address, proposalCid: CID, cdp: ClientDealProposal): ChainMessage => ({
  purpose: { _tag: "PublishStorageDeals", proposalCid },
  message: {
    from: worker, to: idAddress(STORAGE_MARKET_ACTOR_ID), value: 0n, method: PUBLISH_STORAGE_DEALS_METHOD,
    params: encodeCbor([[clientDealProposalTuple(cdp)]])
  }
})

/**
 * The one deal ID of a successful one-deal publish's return, or what was wrong with it.
 *
 * @category messages
 * @since 0.2.0
 */
export const readPublishedDealId = (ret: Uint8Array): Result.Result<bigint, string> => {
  const value = decodeCbor(ret)
  if (Result.isFailure(value)) return Result.fail(`PublishStorageDealsReturn: ${value.failure.message}`)
  const read = Result.gen(function* () {
    const [ids] = yield* readTuple(value.success, 2, "PublishStorageDealsReturn")
    const list = yield* readTuple(ids, 1, "PublishStorageDealsReturn.ids")
    return yield* readUint(list[0], "PublishStorageDealsReturn.ids[0]")
  })
  return Result.mapError(read, (e) => e.message)
}
