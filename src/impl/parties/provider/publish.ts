/**
 * The provider's one chain message: PublishStorageDeals to the market actor (f05, method 4), and
 * the deal ID read back from its return (builtin-actors `actors/market/src/lib.rs` and
 * `types.rs` @ v18.0.0: `PublishStorageDealsParams{deals}`, `PublishStorageDealsReturn{ids,
 * valid_deals}`, the i-th ID belonging to the i-th valid deal).  The encodings are the market
 * actor's (`../../actors/market/params.ts`).  The provider publishes one deal per message, so a
 * successful return holds exactly one ID, for deal 0 of the batch.
 *
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, idAddress } from "../../address/address.js"
import { STORAGE_MARKET_ACTOR_ID } from "../../actors/market/ext.js"
import { MarketMethod } from "../../actors/market/index.js"
import { decodePublishStorageDealsReturn, encodePublishStorageDealsParams } from "../../actors/market/params.js"
import type { ClientDealProposal } from "../../actors/market/types.js"
import type { ChainMessage } from "../interface.js"

export { STORAGE_MARKET_ACTOR_ID }

/** PublishStorageDeals' method number (builtin-actors market `Method::PublishStorageDeals = 4`). */
export const PUBLISH_STORAGE_DEALS_METHOD = MarketMethod.PublishStorageDeals

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
    params: encodePublishStorageDealsParams([cdp])
  }
})

/**
 * The one deal ID of a successful one-deal publish's return, or what was wrong with it: the
 * return must decode, hold exactly one ID, and mark deal 0 of the batch valid.
 *
 * @category messages
 * @since 0.2.0
 */
export const readPublishedDealId = (ret: Uint8Array): Result.Result<bigint, string> => {
  const decoded = decodePublishStorageDealsReturn(ret)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure.message)
  const { ids, validDeals } = decoded.success
  if (ids.length !== 1) return Result.fail(`PublishStorageDealsReturn.ids: expected 1 deal ID for a one-deal publish, got ${ids.length}`)
  if (!validDeals.some((r) => r.start <= 0n && 0n < r.end)) return Result.fail("PublishStorageDealsReturn.valid_deals: deal 0 of the batch is not marked valid")
  return Result.succeed(ids[0]!)
}
