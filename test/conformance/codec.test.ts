/**
 * The JSON ↔ implementation codec: every state, message and voucher in the committed vectors
 * survives decoding into our values and encoding back; malformed states are refused with the
 * field named.
 */
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { circulatingSupplyOf, decodeChainState, decodeMessage, decodeVoucher, encodeChainState, encodeMessage, encodeVoucher } from "../../conformance/codec.js"
import { canonicalState } from "../../conformance/compare.js"
import { loadVectors } from "../../conformance/runner.js"
import type { ChainStateJson, MessageVector } from "../../conformance/schema.js"
import { CORE_SINGLETONS, genesis as fullGenesis, type NetworkParams, networkOf, PRODUCTION_NETWORK } from "../../src/impl/actors/builtin.js"

/** The vectors' genesis: only System and Init (the vector format lists only the actors a payment channel uses). */
const genesis = (network: NetworkParams = PRODUCTION_NETWORK) => fullGenesis(network, { singletons: CORE_SINGLETONS })

const messageVectors = loadVectors(fileURLToPath(new URL("../../vectors", import.meta.url)))
  .flatMap((v) => ("vector" in v && !("encoding" in v.vector) && !("function" in v.vector) ? [[v.id, v.vector] as const] : [])) as Array<readonly [string, MessageVector]>

/** Decoded and encoded back; the circulating supply is the machine's, carried beside the state. */
const roundTrip = (s: ChainStateJson) =>
  encodeChainState(Result.getOrThrow(decodeChainState(s)), s.network.circulatingSupply === undefined ? {} : { circulatingSupply: circulatingSupplyOf(s) })

describe("chain state, message and voucher round trips", () => {
  it.each(messageVectors)("%s", (_, v) => {
    expect(roundTrip(v.pre)).toEqual(canonicalState(v.pre))
    if ("post" in v) {
      const { receipt: _r, ...post } = v.post
      expect(roundTrip(post)).toEqual(canonicalState(post))
    }
    const { decoded, implicit: _i, ...message } = v.action
    expect(encodeMessage(Result.getOrThrow(decodeMessage(v.action)))).toEqual(message)
    if (decoded?.type === "UpdateChannelStateParams") expect(encodeVoucher(Result.getOrThrow(decodeVoucher(decoded.sv)))).toEqual(decoded.sv)
  })

  it("production parameters decode to the production network object (the VM's fast path)", () => {
    expect(networkOf(Result.getOrThrow(decodeChainState(encodeChainState(genesis()))).registry)).toBe(PRODUCTION_NETWORK)
    const small = encodeChainState(genesis({ paych: { ...PRODUCTION_NETWORK.paych, maxLane: 3n } }))
    expect(networkOf(Result.getOrThrow(decodeChainState(small)).registry)?.paych.maxLane).toBe(3n)
  })
})

describe("malformed states are refused, naming the field", () => {
  const g = encodeChainState(genesis())
  it.each<[string, ChainStateJson, string]>([
    ["no Init actor", { ...g, actors: g.actors.filter((a) => a.kind !== "init") }, "no Init actor"],
    ["an actor listed twice", { ...g, actors: [...g.actors, g.actors[0]!] }, "f00 is listed twice"],
    ["a bad robust address", { ...g, actors: [{ ...g.actors[0]!, robust: "f1abc" }, g.actors[1]!] }, "f00.robust"],
    ["an account whose state is not an address", { ...g, actors: [...g.actors, { id: "f0100", kind: "account", balance: "0", robust: null, sequence: "0", state: "f9x" }] }, "f0100.state"],
    ["a channel whose payer is not an ID address", {
      ...g, actors: [...g.actors, { id: "f0100", kind: "paymentchannel", balance: "0", robust: null, sequence: "0",
        state: { from: "f1737ungv75tjr5qtwqqmzuq4mh22pybtctcgcrvy", to: "f0101", toSend: "0", settlingAt: "0", minSettleHeight: "0", laneStates: [] } }]
    }, "f0100.state.from"]
  ])("%s", (_, s, message) => {
    const r = decodeChainState(s)
    expect(Result.isFailure(r) ? r.failure.message : "").toContain(message)
  })
})

describe("inconsistent states are refused with a typed error", () => {
  const secp = "f1737ungv75tjr5qtwqqmzuq4mh22pybtctcgcrvy"
  const other = "f1wnhjmfj2qubzfgt3isx4vsofhfejdwkeqgqzr4y"
  const g = encodeChainState(genesis())
  const [system, init] = [g.actors[0]!, g.actors[1]!]
  const account = (id: string, address: string, robust: string | null = address) =>
    ({ id, kind: "account" as const, balance: "5", robust, sequence: "0", state: address })
  const withNextId = (n: string) => ({ ...init, kind: "init" as const, state: { nextId: n } })
  const channel = (lanes: ReadonlyArray<string>) => ({
    id: "f0101", kind: "paymentchannel" as const, balance: "10", robust: null, sequence: "0",
    state: { from: "f0100", to: "f0100", toSend: "0", settlingAt: "0", minSettleHeight: "0", laneStates: lanes.map((lane) => ({ lane, redeemed: "0", nonce: "1" })) }
  })
  const state = (...actors: ChainStateJson["actors"]) => ({ ...g, actors: [system, ...actors] })
  it.each<[string, ChainStateJson, string]>([
    // the next account created would take f0100, which exists
    ["Init's nextId equal to an existing id", state(withNextId("100"), account("f0100", secp)), "NextIdNotAbove"],
    ["Init's nextId below an existing id", state(withNextId("100"), account("f0100", secp), account("f0150", other)), "NextIdNotAbove"],
    ["an actor id listed twice", state(withNextId("101"), account("f0100", secp), account("f0100", other)), "DuplicateActor"],
    ["one robust address for two actors", state(withNextId("102"), account("f0100", secp), account("f0101", secp)), "DuplicateAddress"],
    ["a lane listed twice", state(withNextId("102"), account("f0100", secp), channel(["0", "0"])), "DuplicateLane"],
    ["an account whose robust address is not its key", state(withNextId("101"), account("f0100", secp, other)), "AccountAddress"],
    // only an account whose address is its own ID address (genesis's Burnt Funds f099) has none
    ["a key account with no robust address", state(withNextId("101"), account("f0100", secp, null)), "AccountAddress"],
    ["an account with no robust address whose address is another id", state(withNextId("101"), account("f0100", "f099", null)), "AccountAddress"],
    ["no Init actor", state(account("f0100", secp)), "NoInit"]
  ])("%s → %s", (_, s, reason) => {
    const r = decodeChainState(s)
    expect(Result.isFailure(r) ? [r.failure._tag, r.failure.reason] : "decoded").toEqual(["InvalidChainState", reason])
  })

  it("the same states made consistent decode", () => {
    expect(Result.isSuccess(decodeChainState(state(withNextId("101"), account("f0100", secp))))).toBe(true)
    expect(Result.isSuccess(decodeChainState(state(withNextId("101"), account("f099", "f099", null))))).toBe(true)
    expect(Result.isSuccess(decodeChainState(state(withNextId("102"), account("f0100", secp), channel(["0", "1"]))))).toBe(true)
  })
})
