import { readFileSync } from "node:fs"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  AddFunds, Collect, Conjuncts, type Constants, FundsConserved, Init, Next, NoDoubleRedemption,
  NothingAfterCollect, Operators, RedeemedWithinBalance, Settle, SettleNotBeforeMinHeight, type State,
  Tick, TypeOK, UpdateChannelState, type Voucher, key, specification
} from "../../src/model/PaymentChannel.js"
import { explore } from "../../src/model/explore.js"
import { loadConfig, paymentChannelConstants } from "./_checkConfigs.js"
import { anyStep, takeStep, wide } from "./_arbitraries.js"

const tiny = paymentChannelConstants("MCPaymentChannel_Tiny")

const voucher = (v: Partial<Voucher> = {}): Voucher => ({
  channel: "This", signer: "From", lane: 0, nonce: 1, amount: 1n, timeLockMin: 0, timeLockMax: 0,
  minSettleHeight: 0, merges: [], hashLocked: false, extra: "None", ...v
})

const lanes = (entries: Array<[number, bigint, number]>) => new Map(entries.map(([l, redeemed, nonce]) => [l, { redeemed, nonce }]))
const start = (s: Partial<State> = {}): State => ({ ...Init(wide), ...s })
const deepFreeze = <T>(s: T): T => Object.freeze(s)

describe("TLC configurations", () => {
  it("Tiny: the explorer reproduces TLC's distinct states, states generated and depth", () => {
    const { expected } = loadConfig("MCPaymentChannel_Tiny")
    const r = explore(specification(tiny))
    expect(r.violation).toBeUndefined()
    expect({ distinctStates: r.distinctStates, statesGenerated: r.statesGenerated, depth: r.depth })
      .toEqual({ distinctStates: expected.distinctStates, statesGenerated: expected.statesGenerated, depth: expected.depth })
  })

  it.each(["MCPaymentChannel_Tiny", "MCPaymentChannel_Large"])("%s checks exactly the invariants and properties the model defines", (name) => {
    const { cfg, expected } = loadConfig(name)
    const spec = specification(tiny)
    expect([...cfg.invariants].sort()).toEqual(Object.keys(spec.invariants).sort())
    expect([...cfg.properties].sort()).toEqual(Object.keys(spec.properties).sort())
    expect(expected.invariants).toEqual(cfg.invariants)
    expect(expected.workers).toBe(1)
  })
})

describe("the TLA+ module and the TypeScript mirror", () => {
  const tla = readFileSync(new URL("../../spec/tla/PaymentChannel.tla", import.meta.url), "utf8")
  it.each(Object.keys(Conjuncts) as Array<keyof typeof Conjuncts>)("%s has the same enabling conjuncts in the same order", (action) => {
    const lines = tla.split("\n")
    const first = lines.findIndex((l) => new RegExp(`^${action}(\\(.*\\))? ==`).test(l))
    const rest = lines.slice(first + 1)
    const body = rest.slice(0, rest.findIndex((l) => /^\S/.test(l)))
    const names = body.map((l) => /^\s+\/\\ ([A-Z][A-Za-z]+)(\(|$)/.exec(l)?.[1]).filter((n): n is string => n !== undefined)
    expect(names).toEqual(Conjuncts[action])
  })
  it("every conjunct is a TLA+ operator of that name", () => {
    for (const op of Operators) expect(tla).toMatch(new RegExp(`^${op}(\\(|\\s*==)`, "m"))
  })
})

describe("UpdateChannelState", () => {
  it("pays the difference between the voucher's amount and what its lane had redeemed", () => {
    const s = start({ laneStates: lanes([[0, 1n, 1]]), toSend: 1n })
    const t = Result.getOrThrow(UpdateChannelState(wide, s, { by: "To", v: voucher({ nonce: 2, amount: 3n }), secret: "Correct" }))
    // Hand derivation: delta = 3 - 1 = 2, toSend = 1 + 2 = 3; the lane records amount 3, nonce 2.
    expect(t.toSend).toBe(3n)
    expect(t.laneStates.get(0)).toEqual({ redeemed: 3n, nonce: 2 })
  })

  it("merges: the merged lane takes the merge nonce and its redeemed amount counts as paid", () => {
    const s = start({ laneStates: lanes([[0, 1n, 1], [1, 1n, 1]]), toSend: 2n })
    const v = voucher({ lane: 0, nonce: 2, amount: 3n, merges: [{ lane: 1, nonce: 5 }] })
    const t = Result.getOrThrow(UpdateChannelState(wide, s, { by: "To", v, secret: "Correct" }))
    // delta = 3 - (1 + 1) = 1 → toSend 3; lane 1 keeps redeemed 1 with nonce 5 (builtin-actors paych lib.rs).
    expect(t.toSend).toBe(3n)
    expect(t.laneStates.get(1)).toEqual({ redeemed: 1n, nonce: 5 })
  })

  it("a voucher with a min-settle height raises minSettleHeight and a pending settlingAt", () => {
    const s = start({ settlingAt: 2, minSettleHeight: 1 })
    const t = Result.getOrThrow(UpdateChannelState(wide, s, { by: "To", v: voucher({ minSettleHeight: 6 }), secret: "Correct" }))
    expect([t.settlingAt, t.minSettleHeight]).toEqual([6, 6])
  })

  // One case per conjunct, each built so that exactly that conjunct is the first to fail.
  const cases: Array<[string, Partial<State>, Parameters<typeof UpdateChannelState>[2]]> = [
    ["ChannelExists", { collected: true, channelBalance: 0n }, { by: "To", v: voucher(), secret: "Correct" }],
    ["CallerIsParty", {}, { by: "Stranger", v: voucher(), secret: "Correct" }],
    ["VoucherSigned", {}, { by: "To", v: voucher({ signer: "Unsigned" }), secret: "Correct" }],
    ["NotSettled", { epoch: 2, settlingAt: 2 }, { by: "To", v: voucher(), secret: "Correct" }],
    ["SecretWithinSize", {}, { by: "To", v: voucher(), secret: "TooLong" }],
    ["SignedByCounterparty", {}, { by: "From", v: voucher({ signer: "From" }), secret: "Correct" }],
    ["SignedByCounterparty", {}, { by: "To", v: voucher({ signer: "Forged" }), secret: "Correct" }],
    ["VoucherForThisChannel", {}, { by: "To", v: voucher({ channel: "Other" }), secret: "Correct" }],
    ["TimeLockMinReached", { epoch: 0 }, { by: "To", v: voucher({ timeLockMin: 1 }), secret: "Correct" }],
    ["TimeLockMaxNotPassed", { epoch: 2 }, { by: "To", v: voucher({ timeLockMax: 1 }), secret: "Correct" }],
    ["AmountNonNegative", {}, { by: "To", v: voucher({ amount: -1n }), secret: "Correct" }],
    ["SecretMatches", {}, { by: "To", v: voucher({ hashLocked: true }), secret: "Wrong" }],
    ["ExtraVerified", {}, { by: "To", v: voucher({ extra: "Fails" }), secret: "Correct" }],
    ["LaneWithinMax", {}, { by: "To", v: voucher({ lane: 2 }), secret: "Correct" }],
    ["LaneNonceFresh", { laneStates: lanes([[0, 0n, 1]]) }, { by: "To", v: voucher({ nonce: 1 }), secret: "Correct" }],
    ["MergeNotSelf", {}, { by: "To", v: voucher({ merges: [{ lane: 0, nonce: 1 }] }), secret: "Correct" }],
    ["MergeLaneWithinMax", {}, { by: "To", v: voucher({ merges: [{ lane: 2, nonce: 1 }] }), secret: "Correct" }],
    ["MergeLaneExists", {}, { by: "To", v: voucher({ merges: [{ lane: 1, nonce: 1 }] }), secret: "Correct" }],
    ["MergeNonceFresh", { laneStates: lanes([[1, 0n, 2]]) }, { by: "To", v: voucher({ merges: [{ lane: 1, nonce: 2 }] }), secret: "Correct" }],
    // Two merges of the same lane: the second sees the nonce the first set (the actor stores it in between).
    ["MergeNonceFresh", { laneStates: lanes([[1, 0n, 0]]) }, { by: "To", v: voucher({ merges: [{ lane: 1, nonce: 2 }, { lane: 1, nonce: 2 }] }), secret: "Correct" }],
    ["ToSendNonNegative", { laneStates: lanes([[0, 2n, 1]]), toSend: 1n }, { by: "To", v: voucher({ nonce: 2, amount: 0n }), secret: "Correct" }],
    ["ToSendWithinBalance", { channelBalance: 3n }, { by: "To", v: voucher({ amount: 4n }), secret: "Correct" }]
  ]
  it.each(cases)("fails with %s and leaves the state as it was", (tag, pre, args) => {
    const s = deepFreeze(start(pre))
    const before = key(s)
    const r = UpdateChannelState(wide, s, args)
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
    expect(Result.isFailure(r) && r.failure.action).toBe("UpdateChannelState")
    expect(key(s)).toBe(before)
  })
  it("every UpdateChannelState conjunct is provoked above", () => {
    expect(new Set(cases.map(([tag]) => tag))).toEqual(new Set(Conjuncts.UpdateChannelState))
  })
})

describe("Settle, Collect, AddFunds, Tick", () => {
  it("Settle: settlingAt = max(epoch + SettleDelay, minSettleHeight)", () => {
    expect(Result.getOrThrow(Settle(wide, start({ epoch: 1 }), { by: "From" })).settlingAt).toBe(3)
    expect(Result.getOrThrow(Settle(wide, start({ epoch: 1, minSettleHeight: 6 }), { by: "To" })).settlingAt).toBe(6)
  })
  it("Collect pays toSend to To and the rest to From", () => {
    const t = Result.getOrThrow(Collect(wide, start({ epoch: 3, settlingAt: 3, toSend: 1n }), { by: "To" }))
    // Init(wide): From 5 - 3 = 2, channel 3; collect with toSend 1 → To 1, From 2 + (3 - 1) = 4.
    expect([t.fromBalance, t.toBalance, t.channelBalance, t.collected]).toEqual([4n, 1n, 0n, true])
  })
  it.each([
    ["Settle", () => Settle(wide, start({ settlingAt: 2 }), { by: "From" }), "NotSettling"],
    ["Settle", () => Settle(wide, start(), { by: "Stranger" }), "CallerIsParty"],
    ["Collect", () => Collect(wide, start({ epoch: 1, settlingAt: 2 }), { by: "To" }), "SettlingReached"],
    ["Collect", () => Collect(wide, start(), { by: "To" }), "SettlingReached"],
    ["Collect", () => Collect(wide, start({ collected: true, channelBalance: 0n }), { by: "To" }), "ChannelExists"],
    ["AddFunds", () => AddFunds(wide, start(), { amount: 3n }), "FromHasFunds"],
    ["Tick", () => Tick(wide, start({ epoch: 4 }), {}), "ClockRunning"]
  ] as const)("%s fails with the named conjunct", (_, run, tag) => {
    const r: Result.Result<State, { readonly _tag: string }> = run()
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
  })
})

describe("invariants hold on random action sequences over wide bounds (the properties TLC checks)", () => {
  test.prop([fc.array(anyStep(wide), { maxLength: 60 })])("every step either preserves them or is not enabled, naming one of its conjuncts", (steps) => {
    let s = Init(wide)
    for (const step of steps) {
      const r = takeStep(wide, s, step)
      if (Result.isFailure(r)) {
        expect(Conjuncts[step.action]).toContain(r.failure._tag)
        continue
      }
      expect(NoDoubleRedemption(s, r.success)).toBe(true)
      s = r.success
      expect([TypeOK(wide, s), RedeemedWithinBalance(s), FundsConserved(wide, s), NothingAfterCollect(s), SettleNotBeforeMinHeight(s)])
        .toEqual([true, true, true, true, true])
    }
  })

  test.prop([fc.array(anyStep(tiny), { maxLength: 30 })])("within Tiny's bounds, an action succeeds exactly when Next lists it", (steps) => {
    const next = Next(tiny)
    let s = Init(tiny)
    for (const step of steps) {
      const r = takeStep(tiny, s, step)
      const listed = [...next(s)].filter((n) => n.action === step.action && JSON.stringify(n.args, big) === JSON.stringify(step.args, big))
      expect(listed.length).toBe(Result.isSuccess(r) ? 1 : 0)
      if (Result.isSuccess(r)) s = r.success
    }
  })
})

const big = (_: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)
