/**
 * The storage actors in the vector format (conformance/storageCodec.ts): a market state that is
 * no market state is refused naming the field — a proposal whose `cid` is not the CID of its
 * bytes, a key listed twice, a CID that does not parse — and a market not yet constructed
 * (`state: null`) loads as an actor with no state and encodes back to `null`.  The round trip of
 * every committed state is in codec.test.ts.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decodeChainState, encodeChainState } from "../../conformance/codec.js"
import type { ChainStateJson } from "../../conformance/schema.js"
import type { MarketStateJson } from "../../conformance/storageSchema.js"

const vector = JSON.parse(readFileSync(fileURLToPath(new URL("../../vectors/market/publish_storage_deals/valid_two_deals.json", import.meta.url)), "utf8")) as { post: ChainStateJson & { receipt: unknown } }
const { receipt: _, ...base } = vector.post
const market = (): MarketStateJson => {
  const a = base.actors.find((x) => x.kind === "storagemarket")!
  if (a.kind !== "storagemarket" || a.state === null) throw new Error("no market state")
  return a.state
}
const withMarket = (m: MarketStateJson | null): ChainStateJson =>
  ({ ...base, actors: base.actors.map((a) => (a.kind === "storagemarket" ? { ...a, state: m } : a)) })
const refusal = (s: ChainStateJson): string => {
  const r = decodeChainState(s)
  return Result.isFailure(r) ? `${r.failure.reason}: ${r.failure.message}` : "decoded"
}

describe("a market state that is no market state is refused, naming the field", () => {
  const m = market()
  // the two deals of valid_two_deals: deal 0 and deal 1, different pieces, so different CIDs
  it.each<[string, MarketStateJson, string]>([
    ["a proposal whose cid is another proposal's", { ...m, proposals: [m.proposals[0]!, { ...m.proposals[1]!, cid: m.proposals[0]!.cid }] }, "f05.state.proposals[1].cid"],
    ["a proposal whose price changed under its cid", { ...m, proposals: [{ ...m.proposals[0]!, proposal: { ...m.proposals[0]!.proposal, storagePricePerEpoch: "1" } }] }, "f05.state.proposals[0].cid"],
    ["a deal id listed twice", { ...m, proposals: [m.proposals[0]!, { ...m.proposals[1]!, deal: "0" }] }, "f05.state.proposals: 0 is listed twice"],
    ["an escrow entry listed twice", { ...m, escrowTable: [m.escrowTable[0]!, m.escrowTable[0]!] }, "f05.state.escrowTable: 104 is listed twice"],
    ["a pending CID listed twice", { ...m, pendingProposals: [m.pendingProposals[0]!, m.pendingProposals[0]!] }, "f05.state.pendingProposals"],
    ["a pending entry that is no CID", { ...m, pendingProposals: ["bnotacid"] }, "f05.state.pendingProposals[0]"],
    ["a piece CID that is no CID", { ...m, proposals: [{ ...m.proposals[0]!, proposal: { ...m.proposals[0]!.proposal, pieceCid: "bnotacid" } }] }, "f05.state.proposals[0].proposal.pieceCid"],
    ["an escrow holder that is not an ID address", { ...m, escrowTable: [{ actor: "f1737ungv75tjr5qtwqqmzuq4mh22pybtctcgcrvy", amount: "1" }] }, "f05.state.escrowTable[0].actor"]
  ])("%s", (_, bad, field) => {
    const why = refusal(withMarket(bad))
    expect(why).toMatch(/^Malformed: /)
    expect(why).toContain(field)
  })

  it("the state they were made from decodes", () => {
    expect(refusal(withMarket(market()))).toBe("decoded")
  })
})

describe("a deal state's unsealed record (our extension)", () => {
  const active = JSON.parse(readFileSync(fileURLToPath(new URL("../../vectors/market/batch_activate_deals/valid_one_deal.json", import.meta.url)), "utf8")) as { post: ChainStateJson & { receipt: unknown } }
  const { receipt: __, ...post } = active.post
  const m = post.actors.find((x) => x.kind === "storagemarket")!
  if (m.kind !== "storagemarket" || m.state === null) throw new Error("no market state")
  const st = m.state
  const withStates = (states: MarketStateJson["states"]): ChainStateJson =>
    ({ ...post, actors: post.actors.map((a) => (a.kind === "storagemarket" ? { ...a, state: { ...st, states } } : a)) })

  it("a CID that does not parse is refused, naming the field", () => {
    const why = refusal(withStates([{ ...st.states[0]!, unsealed: { cid: "bnotacid", sectorSize: "2048" } }]))
    expect(why).toMatch(/^Malformed: /)
    expect(why).toContain("f05.state.states[0].unsealed.cid")
  })

  it("null (no CommD could be computed) loads and encodes back to null", () => {
    const vm = Result.getOrThrow(decodeChainState(withStates([{ ...st.states[0]!, unsealed: null }])))
    const back = encodeChainState(vm).actors.find((a) => a.id === "f05")
    expect(back?.kind === "storagemarket" && back.state?.states[0]?.unsealed).toBeNull()
  })
})

describe("a market not yet constructed", () => {
  it("loads as an actor with no state and encodes back to null", () => {
    const vm = Result.getOrThrow(decodeChainState(withMarket(null)))
    expect(vm.actors.get(5n)?.state).toBeUndefined()
    expect(encodeChainState(vm).actors.find((a) => a.id === "f05")?.state).toBeNull()
  })
})
