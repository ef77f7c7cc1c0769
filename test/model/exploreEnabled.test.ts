/**
 * `planEnabled` (src/model/_enabled.ts) on a small voucher-like specification written twice: its
 * `Next` checking every conjunct of every candidate as TLA+ reads (building the arguments per
 * candidate), and its `Next` through the plan.  Both must yield the very same steps from every
 * reachable state, and the plan must check each kind of conjunct only as often as it promises.
 */
import { describe, expect, it } from "vitest"
import { type Conjunct, planEnabled } from "../../src/model/_enabled.js"
import { exploreByKey } from "../../src/model/_exploreReference.js"
import { explore } from "../../src/model/explore.js"
import type { Specification, Step } from "../../src/model/interface.js"

type Party = "A" | "B"
interface Params { readonly MaxLane: number; readonly Funds: number; readonly MaxEpoch: number }
interface State { readonly epoch: number; readonly open: boolean; readonly redeemed: ReadonlyArray<number> }
interface Voucher { readonly signer: Party; readonly lane: number; readonly amount: number; readonly timeLock: number }
interface Args { readonly by: Party; readonly v: Voucher }

const P: Params = { MaxLane: 1, Funds: 3, MaxEpoch: 2 }
const parties: ReadonlyArray<Party> = ["A", "B"]
/** Every (by, voucher) the bounds allow: 2 callers × 2 signers × lanes 0..2 (2 beyond MaxLane) × amounts 0..3 × time locks 0..2 = 144. */
const candidates: ReadonlyArray<Args> = parties.flatMap((by) => parties.flatMap((signer) => [0, 1, 2].flatMap((lane) =>
  [0, 1, 2, 3].flatMap((amount) => [0, 1, 2].map((timeLock) => ({ by, v: { signer, lane, amount, timeLock } }))))))

const sum = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)
/** Redeem(by, v)'s conjuncts, in the TLA+ order, each with what it reads. */
const redeemConjuncts = (count: Record<"args" | "state" | "both", number>): ReadonlyArray<Conjunct<Params, State, Args>> => [
  { reads: "state", holds: (_, s) => (count.state++, s.open) },
  { reads: "args", holds: (_, a) => (count.args++, a.v.signer !== a.by) },
  { reads: "args", holds: (p, a) => (count.args++, a.v.lane <= p.MaxLane) },
  { reads: "state and args", holds: (_, s, a) => (count.both++, s.epoch >= a.v.timeLock) },
  { reads: "state and args", holds: (_, s, a) => (count.both++, a.v.amount > s.redeemed[a.v.lane]!) },
  { reads: "state and args", holds: (p, s, a) => (count.both++, sum(s.redeemed) - s.redeemed[a.v.lane]! + a.v.amount <= p.Funds) }
]
const redeem = (s: State, a: Args): State => ({ ...s, redeemed: s.redeemed.map((r, l) => (l === a.v.lane ? a.v.amount : r)) })
const tick = (s: State): State => ({ ...s, epoch: s.epoch + 1 })

const spec = (Next: (s: State) => Iterable<Step<State, Args | object>>): Specification<State, Args | object> => ({
  name: "Vouchers", Init: [{ epoch: 0, open: true, redeemed: [0, 0] }], Next,
  key: (s) => `${s.epoch}|${s.open}|${s.redeemed.join(",")}`,
  invariants: { WithinFunds: (s) => sum(s.redeemed) <= P.Funds }, properties: {}
})

/** Next as TLA+ reads it: every candidate built and every conjunct checked. */
const naive = (conjuncts: ReadonlyArray<Conjunct<Params, State, Args>>) => function* (s: State): Generator<Step<State, Args | object>> {
  for (const by of parties) for (const signer of parties) for (const lane of [0, 1, 2]) for (const amount of [0, 1, 2, 3]) for (const timeLock of [0, 1, 2]) {
    const a: Args = { by, v: { signer, lane, amount, timeLock } }
    const on = conjuncts.every((c) => c.reads === "args" ? c.holds(P, a) : c.reads === "state" ? c.holds(P, s) : c.holds(P, s, a))
    if (on) yield { action: "Redeem", args: a, state: redeem(s, a) }
  }
  if (s.open) yield { action: "Close", args: {}, state: { ...s, open: false } }
  if (s.epoch < P.MaxEpoch) yield { action: "Tick", args: {}, state: tick(s) }
}

/** The same Next through the plan. */
const planned = (conjuncts: ReadonlyArray<Conjunct<Params, State, Args>>) => {
  const plan = planEnabled(P, conjuncts, candidates)
  return function* (s: State): Generator<Step<State, Args | object>> {
    for (const a of plan.enabled(s)) yield { action: "Redeem", args: a, state: redeem(s, a) }
    if (s.open) yield { action: "Close", args: {}, state: { ...s, open: false } }
    if (s.epoch < P.MaxEpoch) yield { action: "Tick", args: {}, state: tick(s) }
  }
}

const counter = () => ({ args: 0, state: 0, both: 0 })

describe("planEnabled", () => {
  it("yields the same steps as checking every conjunct of every candidate, from every reachable state", () => {
    const reference = naive(redeemConjuncts(counter()))
    const fast = planned(redeemConjuncts(counter()))
    const reached = new Map<string, State>()
    const s0 = spec(reference)
    const pending: Array<State> = [...s0.Init]
    let withRedeem = 0
    let openWithoutRedeem = 0
    while (pending.length > 0) {
      const s = pending.pop()!
      if (reached.has(s0.key(s))) continue
      reached.set(s0.key(s), s)
      const steps = [...reference(s)]
      expect([...fast(s)]).toEqual(steps)
      const redeems = steps.filter((t) => t.action === "Redeem").length
      if (redeems > 0) withRedeem++
      else if (s.open) openWithoutRedeem++
      for (const t of steps) pending.push(t.state)
    }
    // The comparison means something only if the conjuncts both enable and disable Redeem in open
    // states: e.g. redeemed (0, 0) enables it, redeemed (3, 0) at epoch 0 does not (funds spent).
    expect(withRedeem).toBeGreaterThan(0)
    expect(openWithoutRedeem).toBeGreaterThan(0)
    expect(explore(spec(fast))).toEqual(exploreByKey(spec(reference)))
  })

  it("checks argument conjuncts once per candidate, state conjuncts once per state, the others only for the candidates left", () => {
    const count = counter()
    const plan = planEnabled(P, redeemConjuncts(count), candidates)
    // Of the 144 candidates, the signer must differ from the caller (half: 72) and the lane be ≤ 1
    // (two thirds of those: 48); the second conjunct is checked only for the 72 that pass the
    // first: 144 + 72 checks (hand count).
    expect(count.args).toBe(144 + 72)
    expect(plan.candidates).toHaveLength(48)
    const argsChecks = count.args

    const closed: State = { epoch: 2, open: false, redeemed: [0, 0] }
    expect([...plan.enabled(closed)]).toEqual([])
    expect(count).toEqual({ args: argsChecks, state: 1, both: 0 })

    const open: State = { epoch: 0, open: true, redeemed: [0, 0] }
    const enabled = [...plan.enabled(open)]
    expect(count.args).toBe(argsChecks)
    expect(count.state).toBe(2)
    // At epoch 0 only time lock 0 passes (16 of the 48); of those, amounts 1..3 exceed the lane's 0
    // (12), and all 12 fit the funds: 12 enabled, after 48 + 16 + 12 checks (hand count).
    expect(enabled).toHaveLength(12)
    expect(count.both).toBe(48 + 16 + 12)
  })
})
