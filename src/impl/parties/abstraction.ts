/**
 * The abstraction functions from the parties' states to the negotiation part of the model
 * (spec/tla/StorageMarket.tla, src/model/StorageMarket.ts): `signed`, the proposals the client
 * signed and sent (ProposeDeal), and `decisions`, the provider's DealResponse per proposal
 * (RespondToProposal).
 *
 * A concrete proposal maps to the model's `Proposal` record `[piece, start, end, price,
 * clientCollateral, providerCollateral]`; piece CIDs map to the model's pieces ("P1", "P2") by a
 * table the caller keeps, as the payment channel's refinement keeps its table of parties.  The
 * client's `signed` is every proposal it made; the provider's `decisions` are its answers:
 * "Accepted" for a deal it accepted (whether its publish is pending, landed or failed on chain —
 * the decision was made), "Rejected" for one its policy turned down.
 *
 * @module
 */
import type { Decision, Piece, Proposal, State } from "../../model/StorageMarket.js"
import { proposalKey } from "../../model/StorageMarket.js"
import type { DealProposal } from "../actors/market/types.js"
import type { ClientState } from "./client/index.js"
import type { ProviderState } from "./provider/index.js"

/**
 * The model's record of a concrete proposal; `undefined` if its piece has no name in `pieces`.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractProposal = (p: DealProposal, pieces: ReadonlyMap<string, Piece>): Proposal | undefined => {
  const piece = pieces.get(p.pieceCid.toString())
  return piece === undefined ? undefined : {
    piece, start: Number(p.startEpoch), end: Number(p.endEpoch), price: p.storagePricePerEpoch,
    clientCollateral: p.clientCollateral, providerCollateral: p.providerCollateral
  }
}

/**
 * `signed`: the keys of the client's proposals.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractClient = (s: ClientState, pieces: ReadonlyMap<string, Piece>): ReadonlySet<string> =>
  new Set([...s.deals.values()].flatMap((d) => {
    const a = abstractProposal(d.proposal.proposal, pieces)
    return a === undefined ? [] : [proposalKey(a)]
  }))

/**
 * `decisions`: the provider's answers by proposal key.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractProvider = (s: ProviderState, pieces: ReadonlyMap<string, Piece>): ReadonlyMap<string, Decision> =>
  new Map([...s.deals.values()].flatMap((d) => {
    const a = abstractProposal(d.proposal.proposal, pieces)
    return a === undefined ? [] : [[proposalKey(a), d.status === "Rejected" ? "Rejected" : "Accepted"] as const]
  }))

/**
 * Both parties' part of the model state.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractNegotiation = (client: ClientState, provider: ProviderState, pieces: ReadonlyMap<string, Piece>): Pick<State, "signed" | "decisions"> => ({
  signed: abstractClient(client, pieces),
  decisions: abstractProvider(provider, pieces)
})
