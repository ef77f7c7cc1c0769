/**
 * `nextOf` and `planDisjunct` (src/model/_action.ts) on a small voucher-like specification written
 * twice: its `Next` checking every conjunct of every candidate as TLA+ reads (building the
 * arguments per candidate), and its `Next` derived by `nextOf`.  Both must yield the very same
 * steps from every reachable state, and the plan must check each kind of conjunct only as often
 * as it promises.
 */
import { describe, expect, it } from "vitest"
import { action, type Conjunct, conjunctsOver, disjunct, nextOf, planDisjunct } from "../../src/model/_action.js"
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
const conjunct = conjunctsOver<Params, State>()
/** Redeem(by, v)'s conjuncts, in the TLA+ order, each with what it reads, counting its checks. */
const redeemConjuncts = (count: Record<"args" | "state" | "both", number>) => [
  conjunct("Open", "the channel is open", "state", (_, s) => (count.state++, s.open)),
  conjunct("Counterparty", "the other party signed", "args", (_, a: Args) => (count.args++, a.v.signer !== a.by)),
  conjunct("LaneWithinMax", "lane <= MaxLane", "args", (p, a: Args) => (count.args++, a.v.lane <= p.MaxLane)),
  conjunct("TimeLockReached", "epoch >= timeLock", "state and args", (_, s, a: Args) => (count.both++, s.epoch >= a.v.timeLock)),
  conjunct("AmountRaised", "the amount is above the lane's", "state and args", (_, s, a: Args) => (count.both++, a.v.amount > s.redeemed[a.v.lane]!)),
  conjunct("WithinFunds", "the lanes stay within the funds", "state and args",
    (p, s, a: Args) => (count.both++, sum(s.redeemed) - s.redeemed[a.v.lane]! + a.v.amount <= p.Funds))
] as const
/** The same conjuncts with AmountRaised first among the per-candidate ones, reading the state and only the voucher's (lane, amount). */
const partConjuncts = (count: Record<"args" | "state" | "both" | "part", number>) => {
  const [open, counterparty, laneWithinMax, timeLock, , withinFunds] = redeemConjuncts(count)
  const amountRaised = conjunct("AmountRaised", "the amount is above the lane's", "state and part of args",
    (a: Args) => [a.v.lane, a.v.amount] as const, (_, s, [lane, amount]) => (count.part++, amount > s.redeemed[lane]!))
  return [open, counterparty, laneWithinMax, amountRaised, timeLock, withinFunds] as const
}
const redeem = (s: State, a: Args): State => ({ ...s, redeemed: s.redeemed.map((r, l) => (l === a.v.lane ? a.v.amount : r)) })
const tick = (s: State): State => ({ ...s, epoch: s.epoch + 1 })
const Redeem = (conjuncts: ReturnType<typeof redeemConjuncts> | ReturnType<typeof partConjuncts>) => action<Params, State, Args>()("Redeem", conjuncts, (_, s, a) => redeem(s, a))
const Close = action<Params, State, object>()("Close", [conjunct("Open", "the channel is open", "state", (_, s) => s.open)], (_, s) => ({ ...s, open: false }))
const Tick = action<Params, State, object>()("Tick", [conjunct("ClockRunning", "epoch < MaxEpoch", "state", (p, s) => s.epoch < p.MaxEpoch)], (_, s) => tick(s))

const spec = (Next: (s: State) => Iterable<Step<State, Args | object>>): Specification<State, Args | object> => ({
  name: "Vouchers", Init: [{ epoch: 0, open: true, redeemed: [0, 0] }], Next,
  key: (s) => `${s.epoch}|${s.open}|${s.redeemed.join(",")}`,
  invariants: { WithinFunds: (s) => sum(s.redeemed) <= P.Funds }, properties: {}
})

/** Next as TLA+ reads it: every candidate built and every conjunct checked. */
const naive = (conjuncts: ReadonlyArray<Conjunct<Params, State, Args, string>>) => function* (s: State): Generator<Step<State, Args | object>> {
  for (const by of parties) for (const signer of parties) for (const lane of [0, 1, 2]) for (const amount of [0, 1, 2, 3]) for (const timeLock of [0, 1, 2]) {
    const a: Args = { by, v: { signer, lane, amount, timeLock } }
    const on = conjuncts.every((c) => c.failing(P, s, a) === undefined)
    if (on) yield { action: "Redeem", args: a, state: redeem(s, a) }
  }
  if (s.open) yield { action: "Close", args: {}, state: { ...s, open: false } }
  if (s.epoch < P.MaxEpoch) yield { action: "Tick", args: {}, state: tick(s) }
}

/** The same Next derived by nextOf. */
const planned = (conjuncts: ReturnType<typeof redeemConjuncts> | ReturnType<typeof partConjuncts>) =>
  nextOf(P, [disjunct(Redeem(conjuncts), candidates), disjunct(Close, [{}]), disjunct(Tick, [{}])]) as (s: State) => Iterable<Step<State, Args | object>>

const counter = () => ({ args: 0, state: 0, both: 0, part: 0 })

describe("nextOf and planDisjunct", () => {
  it("yields the same steps as checking every conjunct of every candidate, from every reachable state", () => {
    const reference = naive(redeemConjuncts(counter()))
    const fast = planned(redeemConjuncts(counter()))
    const byPart = planned(partConjuncts(counter()))
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
      expect([...byPart(s)]).toEqual(steps)
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
    const plan = planDisjunct(P, disjunct(Redeem(redeemConjuncts(count)), candidates))
    // Of the 144 candidates, the signer must differ from the caller (half: 72) and the lane be ≤ 1
    // (two thirds of those: 48); the second conjunct is checked only for the 72 that pass the
    // first: 144 + 72 checks (hand count).
    expect(count.args).toBe(144 + 72)
    expect(plan.candidates).toHaveLength(48)
    const argsChecks = count.args

    const closed: State = { epoch: 2, open: false, redeemed: [0, 0] }
    expect([...plan.enabled(closed)]).toEqual([])
    expect(count).toEqual({ args: argsChecks, state: 1, both: 0, part: 0 })

    const open: State = { epoch: 0, open: true, redeemed: [0, 0] }
    const enabled = [...plan.enabled(open)]
    expect(count.args).toBe(argsChecks)
    expect(count.state).toBe(2)
    // At epoch 0 only time lock 0 passes (16 of the 48); of those, amounts 1..3 exceed the lane's 0
    // (12), and all 12 fit the funds: 12 enabled, after 48 + 16 + 12 checks (hand count).
    expect(enabled).toHaveLength(12)
    expect(count.both).toBe(48 + 16 + 12)
  })

  it("checks a conjunct on a part of the arguments once per run of candidates that agree on it, and skips a run where it fails", () => {
    const count = counter()
    const plan = planDisjunct(P, disjunct(Redeem(partConjuncts(count)), candidates))
    expect(plan.candidates).toHaveLength(48)
    const open: State = { epoch: 0, open: true, redeemed: [0, 0] }
    const enabled = plan.enabled(open)
    // Hand count: the 48 candidates run (by, signer, lane, amount) then time lock 0..2, so they
    // form 16 runs of 3 with equal (lane, amount). AmountRaised is checked once per run (16) and
    // fails for amount 0 (4 runs, skipped whole); TimeLockReached is checked on the other 36 and
    // holds for time lock 0 (12), where WithinFunds is checked and holds: 12 enabled, the same
    // 12 as checking every conjunct of every candidate.
    expect(count.part).toBe(16)
    expect(count.both).toBe(36 + 12)
    expect(enabled).toEqual(planDisjunct(P, disjunct(Redeem(redeemConjuncts(counter())), candidates)).enabled(open))
    expect(enabled).toHaveLength(12)
  })
})
