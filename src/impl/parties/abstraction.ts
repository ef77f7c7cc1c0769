/**
 * The abstraction functions from the parties' states to the negotiation part of the model
 * (spec/tla/StorageMarket.tla: `signed`, the proposals the client signed and sent — ProposeDeal —
 * and `decisions`, the provider's DealResponse per proposal — RespondToProposal).
 *
 * A concrete proposal maps to the model's record `[piece, start, end, price, clientCollateral,
 * providerCollateral]`; piece CIDs map to the model's abstract pieces ("P1", "P2", …) by a table
 * the caller keeps, as the refinement harness of the payment channel keeps its table of parties.
 * The client's `signed` is every proposal it made; the provider's `decisions` are its answers:
 * "Accepted" for a deal it accepted (whether its publish is pending, landed or failed on chain —
 * the decision was made), "Rejected" for one its policy turned down.
 *
 * @module
 */
import type { DealProposal } from "../actors/market/types.js"
import type { ClientState } from "./client/index.js"
import type { ProviderState } from "./provider/index.js"

/**
 * A proposal as the model sees it (StorageMarket.tla `Proposal`).
 *
 * @category refinement
 * @since 0.2.0
 */
export interface AbstractProposal {
  readonly piece: string
  readonly start: bigint
  readonly end: bigint
  readonly price: bigint
  readonly clientCollateral: bigint
  readonly providerCollateral: bigint
}

/**
 * The negotiation state: what the client signed, what the provider decided.
 *
 * @category refinement
 * @since 0.2.0
 */
export interface Negotiation {
  readonly signed: ReadonlyArray<AbstractProposal>
  readonly decisions: ReadonlyArray<readonly [AbstractProposal, "Accepted" | "Rejected"]>
}

/**
 * The model's record of a concrete proposal; `undefined` if its piece has no name in `pieces`.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractProposal = (p: DealProposal, pieces: ReadonlyMap<string, string>): AbstractProposal | undefined => {
  const piece = pieces.get(p.pieceCid.toString())
  return piece === undefined ? undefined : {
    piece, start: p.startEpoch, end: p.endEpoch, price: p.storagePricePerEpoch,
    clientCollateral: p.clientCollateral, providerCollateral: p.providerCollateral
  }
}

/**
 * `signed`: the client's proposals, in a canonical order (by the model record's key).
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractClient = (s: ClientState, pieces: ReadonlyMap<string, string>): ReadonlyArray<AbstractProposal> =>
  sortByKey([...s.deals.values()].flatMap((d) => {
    const a = abstractProposal(d.proposal.proposal, pieces)
    return a === undefined ? [] : [a]
  }))

/**
 * `decisions`: the provider's answers, in a canonical order.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractProvider = (s: ProviderState, pieces: ReadonlyMap<string, string>): Negotiation["decisions"] =>
  [...s.deals.values()].flatMap((d) => {
    const a = abstractProposal(d.proposal.proposal, pieces)
    return a === undefined ? [] : [[a, d.status === "Rejected" ? "Rejected" : "Accepted"] as const]
  }).sort((x, y) => compare(proposalKey(x[0]), proposalKey(y[0])))

/**
 * Both parties' part of the model state.
 *
 * @category refinement
 * @since 0.2.0
 */
export const abstractNegotiation = (client: ClientState, provider: ProviderState, pieces: ReadonlyMap<string, string>): Negotiation => ({
  signed: abstractClient(client, pieces),
  decisions: abstractProvider(provider, pieces)
})

/**
 * A text key of an abstract proposal (equal records, equal keys).
 *
 * @category refinement
 * @since 0.2.0
 */
export const proposalKey = (p: AbstractProposal): string =>
  `${p.piece}|${p.start}|${p.end}|${p.price}|${p.clientCollateral}|${p.providerCollateral}`

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const sortByKey = (ps: ReadonlyArray<AbstractProposal>): ReadonlyArray<AbstractProposal> =>
  [...ps].sort((x, y) => compare(proposalKey(x), proposalKey(y)))
