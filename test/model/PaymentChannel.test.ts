import { readFileSync } from "node:fs"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  AddFunds, Collect, Conjuncts, Init, Invariants, Mutants, Next, Operators, Properties, Settle, Sign, type State, Tick,
  UpdateChannelState, type Voucher, key, specification
} from "../../src/model/PaymentChannel.js"
import { anyStep, signedFirst, takeStep, wide } from "./_arbitraries.js"
import { paymentChannelConstants } from "./_checkConfigs.js"
import { describeMirror, describeTlcConfigurations } from "./_mirrorSuite.js"
import { explore } from "../../src/model/explore.js"

const tiny = paymentChannelConstants("MCPaymentChannel_Tiny")

const voucher = (v: Partial<Voucher> = {}): Voucher => ({
  channel: "This", signer: "From", lane: 0, nonce: 1, amount: 1n, timeLockMin: 0, timeLockMax: 0,
  minSettleHeight: 0, merges: [], hashLocked: false, extra: "None", ...v
})

const lanes = (entries: Array<[number, bigint, number]>) => new Map(entries.map(([l, redeemed, nonce]) => [l, { redeemed, nonce }]))
const start = (s: Partial<State> = {}): State => ({ ...Init(wide), ...s })
/** Init(wide): From 5 − 3 = 2, To 0, channel 3. */
const funds = (From: bigint, To: bigint, Channel: bigint) => ({ balance: { From, To, Channel } })

/** The configurations fast enough for every run; MCPaymentChannel_Large is replayed by test/model.slow.test.ts. */
const FAST = ["MCPaymentChannel_Tiny", "MCPaymentChannel_Signers", "MCPaymentChannel_Locks", "MCPaymentChannel_Merges"]

const mirrored = { module: "PaymentChannel", specificationOf: (config: string) => specification(paymentChannelConstants(config)), mutantOf: (config: string) => paymentChannelConstants(config).Mutant,
  Conjuncts, Operators, Invariants, Properties, Mutants }
describeTlcConfigurations(mirrored, FAST, ["MCPaymentChannel_Large"])
describeMirror(mirrored)

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
    ["ChannelExists", { collected: true, ...funds(2n, 0n, 0n) }, { by: "To", v: voucher(), secret: "Correct" }],
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
    ["ToSendWithinBalance", {}, { by: "To", v: voucher({ amount: 4n }), secret: "Correct" }]
  ]
  it.each(cases)("fails with %s and leaves the state as it was", (tag, pre, args) => {
    const s = Object.freeze(start(pre))
    const before = key(s)
    const r = UpdateChannelState(wide, s, args)
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
    expect(Result.isFailure(r) && r.failure.action).toBe("UpdateChannelState")
    expect(Result.isFailure(r) && r.failure.reason).toContain(tag)
    expect(key(s)).toBe(before)
  })
  it("every UpdateChannelState conjunct is provoked above", () => {
    expect(new Set(cases.map(([tag]) => tag))).toEqual(new Set(Conjuncts.UpdateChannelState))
  })
})

describe("Settle, Collect, AddFunds, Sign, Tick", () => {
  it("Settle: settlingAt = max(epoch + SettleDelay, minSettleHeight)", () => {
    expect(Result.getOrThrow(Settle(wide, start({ epoch: 1 }), { by: "From" })).settlingAt).toBe(3)
    expect(Result.getOrThrow(Settle(wide, start({ epoch: 1, minSettleHeight: 6 }), { by: "To" })).settlingAt).toBe(6)
  })
  it("Collect pays toSend to To and the rest to From", () => {
    const t = Result.getOrThrow(Collect(wide, start({ epoch: 3, settlingAt: 3, toSend: 1n }), { by: "To" }))
    // Init(wide): From 5 - 3 = 2, channel 3; collect with toSend 1 → To 1, From 2 + (3 - 1) = 4.
    expect([t.balance, t.collected]).toEqual([{ From: 4n, To: 1n, Channel: 0n }, true])
  })
  it("AddFunds moves the amount from From to the channel", () => {
    expect(Result.getOrThrow(AddFunds(wide, start(), { amount: 2n })).balance).toEqual({ From: 0n, To: 0n, Channel: 5n })
  })
  it("Sign records the highest amount From signed on the lane, and only raises it", () => {
    const t = Result.getOrThrow(Sign(wide, start(), { lane: 1, amount: 2n }))
    expect([...t.authorised]).toEqual([[1, 2n]])
    expect(Result.getOrThrow(Sign(wide, t, { lane: 0, amount: 1n })).authorised).toEqual(new Map([[1, 2n], [0, 1n]]))
  })
  it.each([
    ["Settle", () => Settle(wide, start({ settlingAt: 2 }), { by: "From" }), "NotSettling"],
    ["Settle", () => Settle(wide, start(), { by: "Stranger" }), "CallerIsParty"],
    ["Collect", () => Collect(wide, start({ epoch: 1, settlingAt: 2 }), { by: "To" }), "SettlingReached"],
    ["Collect", () => Collect(wide, start(), { by: "To" }), "SettlingReached"],
    ["Collect", () => Collect(wide, start({ collected: true, ...funds(2n, 0n, 0n) }), { by: "To" }), "ChannelExists"],
    ["AddFunds", () => AddFunds(wide, start(), { amount: 3n }), "FromHasFunds"],
    ["Sign", () => Sign(wide, start({ authorised: new Map([[0, 2n]]) }), { lane: 0, amount: 2n }), "SignsMore"],
    ["Sign", () => Sign(wide, start({ collected: true }), { lane: 0, amount: 2n }), "ChannelExists"],
    ["Tick", () => Tick(wide, start({ epoch: 4 }), {}), "ClockRunning"]
  ] as const)("%s fails with the named conjunct", (_, run, tag) => {
    const r: Result.Result<State, { readonly _tag: string }> = run()
    expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
  })
})

describe("invariants hold on random action sequences over wide bounds (the properties TLC checks)", () => {
  const invariantsHold = (s: State) => Object.entries(Invariants).filter(([, inv]) => !inv(wide, s)).map(([n]) => n)
  const propertiesHold = (s: State, t: State) => Object.entries(Properties).filter(([, p]) => !p(wide, s, t)).map(([n]) => n)
  test.prop([fc.array(anyStep(wide), { maxLength: 60 })], { seed: 7, numRuns: 200 })("every offered step either preserves them or is not enabled, naming one of its conjuncts", (steps) => {
    let s = Init(wide)
    for (const step of steps.flatMap((x) => signedFirst(wide, s, x))) {
      const r = takeStep(wide, s, step)
      if (Result.isFailure(r)) {
        expect(Conjuncts[step.action] as ReadonlyArray<string>).toContain(r.failure._tag)
        continue
      }
      expect(propertiesHold(s, r.success)).toEqual([])
      s = r.success
      expect(invariantsHold(s)).toEqual([])
    }
  })

  test.prop([fc.array(anyStep(tiny), { maxLength: 30 })], { seed: 11, numRuns: 100 })("within Tiny's bounds, an offered action succeeds exactly when Next lists it", (steps) => {
    const next = Next(tiny)
    let s = Init(tiny)
    for (const step of steps) {
      const r = takeStep(tiny, s, step)
      const listed = [...next(s)].filter((n) => n.action === step.action && JSON.stringify(n.args, big) === JSON.stringify(step.args, big))
      const offered = step.action !== "UpdateChannelState" || signedFirst(tiny, s, step).length === 1
      expect(listed.length).toBe(Result.isSuccess(r) && offered ? 1 : 0)
      if (Result.isSuccess(r) && offered) s = r.success
    }
  })
})

const big = (_: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)
