/**
 * The models' compact state encodings (`encode`/`decode`, what the explorer stores): over every
 * reachable state of the Tiny and focused configurations, two states have equal encodings exactly
 * when their canonical keys are equal, and decoding an encoding gives back a state with the same
 * key.  Plus hand-built states outside the configurations' bounds (huge and negative amounts,
 * chunk indices past 7, keys inserted out of order, proposals and voucher keys outside the
 * constants' domains, more than 31 of them), where the encodings take their escape paths.
 */
import { describe, expect, it } from "vitest"
import { encoderOf } from "../../src/model/explore.js"
import type { Specification } from "../../src/model/interface.js"
import * as PC from "../../src/model/PaymentChannel.js"
import * as SP from "../../src/model/SectorPacking.js"
import { specification as sectorPacking } from "../../src/model/SectorPackingInvariants.js"
import * as SM from "../../src/model/StorageMarket.js"
import { paymentChannelConstants, sectorPackingConstants, storageMarketConstants } from "./_checkConfigs.js"

const reachable = <S>(spec: Specification<S, unknown>): Array<S> => {
  const seen = new Set<string>()
  const out: Array<S> = []
  const add = (s: S) => { if (!seen.has(spec.key(s))) { seen.add(spec.key(s)); out.push(s) } }
  spec.Init.forEach(add)
  for (let i = 0; i < out.length; i++) for (const step of spec.Next(out[i]!)) add(step.state)
  return out
}

/** Encodings equal exactly when keys are equal; decode inverts encode (by key). */
const checkEncoding = <S>(spec: Specification<S, unknown>, states: ReadonlyArray<S>): void => {
  const { encode, buffer } = encoderOf(spec)
  const byWords = new Map<string, string>()
  for (const s of states) {
    const n = encode(s)
    const words = Array.from(buffer().subarray(0, n))
    const k = spec.key(s)
    const other = byWords.get(words.join(","))
    expect(other === undefined || other === k, `two keys, one encoding: ${k} and ${other}`).toBe(true)
    byWords.set(words.join(","), k)
    expect(spec.key(spec.decode!(Int32Array.from(words)))).toBe(k)
  }
  // as many distinct encodings as distinct keys
  expect(byWords.size).toBe(new Set(states.map(spec.key)).size)
}

describe("PaymentChannel encoding", () => {
  it.each(["MCPaymentChannel_Tiny", "MCPaymentChannel_Signers", "MCPaymentChannel_Locks", "MCPaymentChannel_Merges"])("%s: every reachable state", (name) => {
    const spec = PC.specification(paymentChannelConstants(name))
    const states = reachable(spec)
    expect(states.length).toBeGreaterThan(20)
    checkEncoding(spec, states)
  })
  it("states outside the bounds: bigints past 32 bits, negative values, lanes inserted out of order", () => {
    const c = paymentChannelConstants("MCPaymentChannel_Tiny")
    const spec = PC.specification(c)
    const base = PC.Init(c)
    const huge = 2n ** 70n
    const states: Array<PC.State> = [
      base,
      { ...base, balance: { From: -huge, To: huge, Channel: 2n ** 31n } },
      { ...base, toSend: -(2n ** 31n) },
      { ...base, toSend: -(2n ** 31n) + 1n },
      { ...base, laneStates: new Map([[5, { redeemed: huge, nonce: 2 }], [1, { redeemed: 0n, nonce: 3 }]]) },
      { ...base, laneStates: new Map([[1, { redeemed: 0n, nonce: 3 }], [5, { redeemed: huge, nonce: 2 }]]) },
      { ...base, laneStates: new Map([[1, { redeemed: 0n, nonce: 2 }], [5, { redeemed: huge, nonce: 3 }]]) },
      { ...base, authorised: new Map([[3, 1n], [0, huge]]) },
      { ...base, authorised: new Map([[0, huge], [3, 1n]]) },
      { ...base, epoch: 2 ** 40, collected: true },
      // lanes outside 0..30: the maps' general form
      { ...base, laneStates: new Map([[40, { redeemed: 1n, nonce: 1 }], [3, { redeemed: 1n, nonce: 1 }]]) },
      { ...base, laneStates: new Map([[3, { redeemed: 1n, nonce: 1 }], [40, { redeemed: 1n, nonce: 1 }]]), authorised: new Map([[-1, 2n]]) },
      { ...base, laneStates: new Map([[30, { redeemed: 1n, nonce: 1 }]]) },
      { ...base, laneStates: new Map([[31, { redeemed: 1n, nonce: 1 }]]) },
      { ...base, authorised: new Map([[-1, 2n], [0, 2n]]) }
    ]
    checkEncoding(spec, states)
  })
})

describe("SectorPacking encoding", () => {
  it("MCSectorPacking_Tiny: every reachable state", () => {
    const spec = sectorPacking(sectorPackingConstants("MCSectorPacking_Tiny"))
    const states = reachable(spec)
    expect(states.length).toBe(352)
    checkEncoding(spec, states)
  })
  it("states outside the bounds: chunk indices past 7, deals past 2^27 or negative, sets and maps inserted out of order", () => {
    const c = sectorPackingConstants("MCSectorPacking_Tiny")
    const spec = sectorPacking(c)
    const base = SP.Init(c)
    const sector = c.Sectors[0]!
    const units = (chunk: SP.Chunk): SP.Units => base.data.get(sector)!.map((z, u) => (u === 0 ? chunk : z))
    const withChunk = (chunk: SP.Chunk): SP.State => ({ ...base, data: new Map([...base.data, [sector, units(chunk)]]) })
    const states: Array<SP.State> = [
      base,
      withChunk([1, 7]), withChunk([1, 8]), withChunk([0, 15]), withChunk([2, 0]),
      withChunk([2 ** 27, 0]), withChunk([2 ** 27 - 1, 7]), withChunk([-1, 0]), withChunk([-1, 7]),
      { ...base, given: new Set([3, 1, 2]), queue: new Set([2, 1]) },
      { ...base, given: new Set([1, 2, 3]), queue: new Set([1, 2]) },
      { ...base, given: new Set([1, 2]), queue: new Set([1, 2, 3]) },
      { ...base, placed: new Map([[2, { sector, offset: 1 }], [1, { sector, offset: 0 }]]), packed: new Set([sector]) },
      { ...base, pips: new Map([[1, { sector, offset: 0, size: 128, root: units([1, 0]) }]]) },
      { ...base, pips: new Map([[1, { sector, offset: 0, size: 1, root: units([1, 0]) }]]) },
      // a root that is the sector's data, and an equal copy of it: one value, one encoding
      { ...withChunk([1, 0]), pips: new Map([[1, { sector, offset: 0, size: 1, root: units([1, 0]) }]]) },
      // deals and sectors outside 0..30: the sets' and maps' general form
      { ...base, given: new Set([40, 1]), queue: new Set([-2]) },
      { ...base, given: new Set([1, 40]), queue: new Set([-2]) },
      { ...base, given: new Set([30]), queue: new Set([31]) },
      { ...base, placed: new Map([[40, { sector, offset: 0 }]]), packed: new Set([sector, 99]) },
      { ...base, pips: new Map([[-3, { sector: 77, offset: 0, size: 1, root: units([1, 0]) }]]) }
    ]
    checkEncoding(spec, states)
  })
})

describe("StorageMarket encoding", () => {
  it.each(["MCStorageMarket_Tiny", "MCStorageMarket_Inputs"])("%s: every reachable state", (name) => {
    const spec = SM.specification(storageMarketConstants(name))
    const states = reachable(spec)
    expect(states.length).toBeGreaterThan(300)
    checkEncoding(spec, states)
  })
  it("states outside the bounds: bigints past 32 bits, negative values, unknown proposals and voucher keys, more than 31 keys, maps inserted out of order", () => {
    const c = storageMarketConstants("MCStorageMarket_Tiny")
    const spec = SM.specification(c)
    const base = SM.Init(c)
    const huge = 2n ** 70n
    const known = SM.Proposals(c)[0]!
    // equal to `known` by value, another object: one proposal, one encoding
    const copy: SM.Proposal = { ...known }
    const other: SM.Proposal = { ...known, price: huge, start: 7 }
    const many = Array.from({ length: 40 }, (_, i): SM.Proposal => ({ ...known, end: 100 + i }))
    const keys = (ps: ReadonlyArray<SM.Proposal>) => ps.map(SM.proposalKey)
    const entry = (proposal: SM.Proposal, paid: bigint): SM.LogEntry => ({ proposal, activated: true, slashedAt: SM.NoEpoch, paid })
    const states: Array<SM.State> = [
      base,
      { ...base, balance: { ...base.balance, Market: huge, Burnt: -huge }, escrow: { Client: -(2n ** 31n), Provider: 2n ** 31n - 1n } },
      { ...base, epoch: 2 ** 40, nextId: -1 },
      { ...base, proposals: new Map([[0, known]]) },
      { ...base, proposals: new Map([[0, copy]]) },
      { ...base, proposals: new Map([[0, other]]) },
      { ...base, proposals: new Map([[1, known], [0, other]]) },
      { ...base, proposals: new Map([[0, other], [1, known]]) },
      { ...base, proposals: new Map([[40, known], [0, other]]) },
      { ...base, signed: new Set(keys([known, other])), pending: new Set(keys([other])) },
      { ...base, signed: new Set(keys([other, known])), pending: new Set(keys([other])) },
      { ...base, signed: new Set(keys([other])), pending: new Set(keys([known, other])) },
      { ...base, signed: new Set(["not a proposal key"]) },
      { ...base, signed: new Set(keys(many)) },
      { ...base, signed: new Set(keys([...many].reverse())) },
      { ...base, signed: new Set(keys(many.slice(1))) },
      { ...base, decisions: new Map([[SM.proposalKey(known), "Accepted"], [SM.proposalKey(other), "Rejected"]]) },
      { ...base, decisions: new Map([[SM.proposalKey(other), "Rejected"], [SM.proposalKey(known), "Accepted"]]) },
      { ...base, decisions: new Map([[SM.proposalKey(known), "Rejected"], [SM.proposalKey(other), "Accepted"]]) },
      { ...base, decisions: new Map(keys(many).map((k, i) => [k, i % 3 === 0 ? "Accepted" : "Rejected"])) },
      { ...base, decisions: new Map(keys(many).reverse().map((k, i) => [k, i % 3 === 0 ? "Accepted" : "Rejected"])) },
      { ...base, vouchersSigned: new Map([[0, huge], [3, 1n]]) },
      { ...base, vouchersSigned: new Map([[3, 1n], [0, huge]]) },
      { ...base, redemptions: new Map([[SM.voucherKey(0, 1n), 1], [SM.voucherKey(5, huge), 2]]) },
      { ...base, redemptions: new Map([[SM.voucherKey(5, huge), 2], [SM.voucherKey(0, 1n), 1]]) },
      { ...base, redemptions: new Map(Array.from({ length: 35 }, (_, i) => [SM.voucherKey(i, 1n), i])) },
      { ...base, dealStates: new Map([[0, { sector: 1, updated: true, paid: huge }], [31, { sector: -4, updated: false, paid: 0n }]]) },
      { ...base, dealStates: new Map([[31, { sector: -4, updated: false, paid: 0n }], [0, { sector: 1, updated: true, paid: huge }]]) },
      { ...base, dealLog: new Map([[0, entry(known, 1n)], [1, { ...entry(other, huge), slashedAt: 2, activated: false }]]) },
      { ...base, dealLog: new Map([[0, entry(copy, 1n)], [1, { ...entry(other, huge), slashedAt: 2, activated: false }]]) },
      { ...base, dealLog: new Map([[0, entry(other, 1n)], [1, { ...entry(known, huge), slashedAt: 2, activated: false }]]) }
    ]
    checkEncoding(spec, states)
  })
})
