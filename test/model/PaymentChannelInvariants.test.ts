/**
 * The invariant and property predicates themselves, on hand-built states: each is false on a
 * state (or step) that violates it and true on a close one that does not, so that weakening a
 * predicate fails here even where no action of the model reaches the violating state.  Each
 * state is derived by hand from Init(wide): From 5 − 3 = 2, To 0, channel 3.
 */
import { describe, expect, it } from "vitest"
import { Init, Invariants, Properties, type State } from "../../src/model/PaymentChannel.js"
import { wide } from "./_arbitraries.js"

const at = (s: Partial<State> = {}): State => ({ ...Init(wide), ...s })
const balance = (From: bigint, To: bigint, Channel: bigint) => ({ From, To, Channel })
const signed = (entries: Array<[number, bigint]>) => new Map(entries)
const lanes = (entries: Array<[number, bigint, number]>) => new Map(entries.map(([l, redeemed, nonce]) => [l, { redeemed, nonce }]))

type Case = readonly [name: keyof typeof Invariants, broken: State, holds: State, why: string]
const invariantCases: ReadonlyArray<Case> = [
  ["TypeOK", at({ balance: balance(-1n, 0n, 6n) }), at({ balance: balance(0n, 0n, 5n) }), "a negative balance"],
  ["TypeOK", at({ epoch: 5 }), at({ epoch: 4 }), "the epoch beyond MaxEpoch 4"],
  ["TypeOK", at({ laneStates: lanes([[2, 0n, 1]]) }), at({ laneStates: lanes([[1, 0n, 1]]) }), "a lane beyond MaxLane 1"],
  ["PaidWithinAuthorised", at({ toSend: 2n, authorised: signed([[0, 1n]]) }), at({ toSend: 2n, authorised: signed([[0, 1n], [1, 1n]]) }), "owed 2, signed 1 (2 on two lanes)"],
  ["PaidWithinAuthorised", at({ balance: balance(2n, 1n, 2n), toSend: 1n, authorised: signed([[0, 1n]]) }), at({ balance: balance(2n, 1n, 2n), authorised: signed([[0, 1n]]) }), "paid 1 and owed 1 more, signed 1"],
  ["RedeemedWithinBalance", at({ toSend: 4n }), at({ toSend: 3n }), "owing 4 with 3 in the channel"],
  ["RedeemedWithinBalance", at({ toSend: -1n }), at({ toSend: 0n }), "owing a negative amount"],
  ["FundsConserved", at({ balance: balance(2n, 1n, 3n) }), at({ balance: balance(1n, 1n, 3n) }), "6 FIL where 5 were"],
  ["NothingAfterCollect", at({ collected: true, balance: balance(4n, 1n, 0n), laneStates: lanes([[0, 1n, 1]]) }), at({ collected: true, balance: balance(4n, 1n, 0n) }), "a lane left after Collect"],
  ["NothingAfterCollect", at({ collected: true }), at({ collected: true, balance: balance(5n, 0n, 0n) }), "funds left in a collected channel"],
  ["SettleNotBeforeMinHeight", at({ settlingAt: 3, minSettleHeight: 6 }), at({ settlingAt: 6, minSettleHeight: 6 }), "settling before the min-settle height"]
]

describe("invariants are false exactly on the states that break them", () => {
  it.each(invariantCases)("%s: false with %#, true on the corrected state", (name, broken, holds) => {
    expect(Invariants[name](wide, broken)).toBe(false)
    expect(Invariants[name](wide, holds)).toBe(true)
  })
  it("every invariant is provoked above", () => {
    expect(new Set(invariantCases.map(([n]) => n))).toEqual(new Set(Object.keys(Invariants)))
  })
})

type StepCase = readonly [name: keyof typeof Properties, from: State, broken: State, holds: State, why: string]
const settling = at({ epoch: 1, settlingAt: 3 })
const beforeCollect = at({ epoch: 3, settlingAt: 3, toSend: 1n })
const stepCases: ReadonlyArray<StepCase> = [
  ["NoDoubleRedemption", at({ laneStates: lanes([[0, 1n, 1]]) }), at({ laneStates: lanes([[0, 2n, 1]]) }), at({ laneStates: lanes([[0, 2n, 2]]) }), "a lane paid again at the same nonce"],
  ["PayeeWindowKept", at({ epoch: 1 }), at({ epoch: 1, settlingAt: 2 }), at({ epoch: 1, settlingAt: 3 }), "Settle at 1 with SettleDelay 2 closing the window at 2"],
  ["PayeeWindowKept", settling, { ...settling, settlingAt: 2 }, { ...settling, settlingAt: 4 }, "a step moving the window's end earlier"],
  ["PayeeWindowKept", at({ epoch: 2, settlingAt: 3 }), at({ epoch: 2, collected: true, balance: balance(5n, 0n, 0n) }), at({ epoch: 2, settlingAt: 3 }), "collected inside the window"],
  ["CollectPaysOut", beforeCollect, { ...beforeCollect, collected: true, toSend: 0n, settlingAt: 0, balance: balance(2n, 3n, 0n) }, { ...beforeCollect, collected: true, toSend: 0n, settlingAt: 0, balance: balance(4n, 1n, 0n) }, "To paid the whole balance instead of toSend 1"],
  ["CollectPaysOut", beforeCollect, { ...beforeCollect, collected: true, toSend: 0n, settlingAt: 0, balance: balance(5n, 1n, 0n) }, { ...beforeCollect, collected: true, toSend: 0n, settlingAt: 0, balance: balance(4n, 1n, 0n) }, "From refunded 3 instead of 3 − 1"]
]

describe("action properties are false exactly on the steps that break them", () => {
  it.each(stepCases)("%s: false with %#, true on the corrected step", (name, from, broken, holds) => {
    expect(Properties[name](wide, from, broken)).toBe(false)
    expect(Properties[name](wide, from, holds)).toBe(true)
  })
  it("every property is provoked above", () => {
    expect(new Set(stepCases.map(([n]) => n))).toEqual(new Set(Object.keys(Properties)))
  })
})
