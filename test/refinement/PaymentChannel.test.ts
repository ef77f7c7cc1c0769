/**
 * Refinement: the implementation (VM + PaymentChannel actor, real keys and bytes) against the
 * model (src/model/PaymentChannel.ts), step by step over action sequences that include bad
 * steps.  At every step both accept and the abstraction of the implementation's new state is
 * the model's new state; or the model's action is not enabled and the implementation rejects with
 * the tag and exit code of the failing conjunct, leaving every actor and balance as it was (only
 * the sender's nonce advances, as on chain).  Inputs with no model counterpart (malformed bytes,
 * wrong nonces) are rejected with nothing changed, without consulting the model.
 *
 * The model's `Sign(lane, amount)` is the test's client signing a real voucher with its key; the
 * vouchers it signed are its wallet, which the abstraction maps to the ghost record `authorised`.
 * Vouchers standing for From's consent are presented only within what the client signed.
 *
 * Coverage is certain, not left to chance: besides the seeded random sequences, the test replays,
 * for every conjunct and every action, the shortest sequence the coverage configurations
 * (MCPaymentChannel_Tiny, _Signers, _Locks, _Merges) have that fails that conjunct or takes that
 * action (`conjunctCoverage` witnesses), with that configuration's constants.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { IMPL_FAILURE, abstractPaymentChannel } from "../../src/impl/actors/paych/abstraction.js"
import { PaychMethod } from "../../src/impl/actors/paych/index.js"
import { encodeUpdateChannelStateParams, type SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { encodeCbor } from "../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import type { VmState } from "../../src/impl/vm/interface.js"
import { applyMessage, resolveAddress, send } from "../../src/impl/vm/vm.js"
import { conjunctCoverage } from "../../src/model/_coverage.js"
import { type Constants, Conjuncts, disjuncts, Init, Presentable, type State, type Voucher, specification } from "../../src/model/PaymentChannel.js"
import { paymentChannelConstants } from "../model/_checkConfigs.js"
import { type AnyStep, anyStep, signedFirst, takeStep, wide } from "../model/_arbitraries.js"
import { applyChainStep, type Concrete, concreteStep, concreteVoucher, type KeyTypes, makeWorld, type World } from "./_concretize.js"

/** The chain with the sender's nonce advanced: what a rejected but included message leaves. */
const withNonceBumped = (vm: VmState, sender: World["from"]["address"]): VmState => {
  const id = resolveAddress(vm, sender)!
  const actors = new Map(vm.actors)
  const entry = actors.get(id)!
  actors.set(id, { ...entry, sequence: entry.sequence + 1n })
  return { ...vm, actors }
}

/** Bad inputs with no model counterpart: each must be rejected with nothing changed but the nonce. */
const malformed = fc.oneof(
  fc.record({ kind: fc.constant("garbage" as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant("truncated" as const), cut: fc.nat() }),
  fc.record({ kind: fc.constant("badSigType" as const) }),
  fc.record({ kind: fc.constant("wrongTupleLength" as const) })
)
type Malformed = typeof malformed extends fc.Arbitrary<infer T> ? T : never

/** One step of a sequence: a model step, malformed params, or a message with a wrong nonce. */
type RStep =
  | { readonly kind: "model"; readonly step: AnyStep; readonly concrete: Concrete }
  | { readonly kind: "malformed"; readonly bad: Malformed; readonly concrete: Concrete }
  | { readonly kind: "wrongNonce"; readonly offset: number }

const keyTypes = fc.constantFrom<KeyTypes>([1, 1], [1, 2], [2, 1], [2, 2])
const concrete = fc.record({ robustChannel: fc.boolean(), otherChannelIsAccount: fc.boolean() })
const step: fc.Arbitrary<RStep> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("model" as const), step: anyStep(wide), concrete }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("malformed" as const), bad: malformed, concrete }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrongNonce" as const), offset: fc.integer({ min: -2, max: 3 }).filter((n) => n !== 0) }) }
)

const direct: Concrete = { robustChannel: false, otherChannelIsAccount: false }
const voucher = (v: Partial<Voucher>): Voucher => ({
  channel: "This", signer: "From", lane: 0, nonce: 1, amount: 0n, timeLockMin: 0, timeLockMax: 0,
  minSettleHeight: 0, merges: [], hashLocked: false, extra: "None", ...v
})
const act = (s: AnyStep): RStep => ({ kind: "model", concrete: direct, step: s })
const redeem = (v: Partial<Voucher>): RStep => act({ action: "UpdateChannelState", args: { by: "To", v: voucher(v), secret: "Correct" } })

/**
 * Sequences run first.  (1) Merging the same lane twice counts its redeemed amount twice (the
 * actor stores the merged lane between merges), which can drive toSend below zero: lane 1
 * redeems 1, then lane 0 asks for 0 merging lane 1 twice: 1 + (0 − (1 + 1 + 0)) = −1.  (2) The
 * whole life of a channel, with malformed params and a wrong nonce on the way.
 */
const EXAMPLES: Array<[KeyTypes, Array<RStep>]> = [
  [[1, 1], [
    redeem({ lane: 1, nonce: 1, amount: 1n }),
    redeem({ lane: 0, nonce: 1, amount: 0n, merges: [{ lane: 1, nonce: 2 }, { lane: 1, nonce: 3 }] })
  ]],
  [[1, 2], [
    redeem({ lane: 0, nonce: 1, amount: 1n }),
    { kind: "malformed", bad: { kind: "badSigType" }, concrete: direct },
    redeem({ lane: 1, nonce: 1, amount: 1n }),
    { kind: "wrongNonce", offset: 2 },
    redeem({ lane: 0, nonce: 2, amount: 3n, merges: [{ lane: 1, nonce: 2 }] }),
    act({ action: "Settle", args: { by: "From" } }),
    redeem({ lane: 0, nonce: 3, amount: 3n, minSettleHeight: 3 }),
    act({ action: "Tick", args: {} }), act({ action: "Tick", args: {} }), act({ action: "Tick", args: {} }),
    act({ action: "Collect", args: { by: "To" } }),
    redeem({ lane: 0, nonce: 4, amount: 3n }),
    act({ action: "AddFunds", args: { amount: 1n } })
  ]]
]

/** What the sequences exercised, over all runs: checked at the end so the test cannot pass vacuously. */
const seen = new Set<string>()
/** The outcomes every run together must exercise: each conjunct's failure, each message action's success, the two non-model inputs. */
const WANTED = [
  ...Object.keys(IMPL_FAILURE),
  ...Object.keys(Conjuncts).filter((a) => a !== "Tick").map((a) => `${a}:ok`),
  "malformed", "wrongNonce"
]

/**
 * Runs `steps` from a fresh chain with constants `c`: each model step (preceded by the client
 * signing, where it presents a voucher beyond what the client signed) on the chain and in the
 * model side by side.
 */
const runSequence = (c: Constants, types: KeyTypes, steps: ReadonlyArray<RStep>): void => {
  const w = makeWorld(c, types)
  const wallet: Array<SignedVoucher> = []
  let vm = w.vm
  let model: State = Init(c)
  const abstract = (v: VmState) => abstractPaymentChannel(v, { channel: w.channel, from: w.from.address, to: w.to.address }, wallet)
  expect(abstract(vm)).toEqual(model)

  for (const s of steps) {
    if (s.kind === "wrongNonce") {
      const id = resolveAddress(vm, w.to.address)!
      const nonce = vm.actors.get(id)!.sequence + BigInt(s.offset)
      const r = applyMessage(vm, { from: w.to.address, to: w.channel, nonce: nonce < 0n ? 99n : nonce, value: 0n, method: PaychMethod.Settle, params: new Uint8Array() })
      expect(r.receipt).toMatchObject({ exitCode: ExitCode.SYS_SENDER_STATE_INVALID, tag: "SenderStateInvalid" })
      expect(r.vm).toEqual(vm)
      seen.add("wrongNonce")
      continue
    }
    if (s.kind === "malformed") {
      const params = malformedParams(w, s.bad, s.concrete)
      const r = send(vm, { from: w.to.address, to: w.channel, value: 0n, method: PaychMethod.UpdateChannelState, params })
      if (model.collected) expect(r.receipt.exitCode).toBe(ExitCode.SYS_INVALID_RECEIVER)
      // empty params reach the actor as none (ref-fvm executor/default.rs:122 @ fvm@v4.8.2): 16 (builtin-actors dispatch.rs:244-245 @ v18.0.0)
      else if (params.length === 0) expect(r.receipt).toMatchObject({ exitCode: ExitCode.USR_ILLEGAL_ARGUMENT, tag: "ExpectsArguments" })
      else expect(r.receipt).toMatchObject({ exitCode: ExitCode.USR_SERIALIZATION, tag: "MalformedParams" })
      expect(r.vm).toEqual(withNonceBumped(vm, w.to.address))
      seen.add("malformed")
      vm = r.vm
      continue
    }
    for (const m of signedFirst(c, model, s.step)) {
      // the environment presents only vouchers within what the client signed (and forgeries); once
      // the channel is collected the client signs nothing more, so such a voucher is not presented
      if (m.action === "UpdateChannelState" && !Presentable(c, model, m.args)) continue
      const expected = takeStep(c, model, m)
      // the model's clock bound, and the client re-signing no more than before: no chain step
      if ((m.action === "Tick" || m.action === "Sign") && Result.isFailure(expected)) continue
      const chainStep = concreteStep(w, m, s.concrete)
      if (chainStep.kind === "sign") wallet.push(chainStep.voucher)
      const r = applyChainStep(vm, chainStep)
      if (Result.isSuccess(expected)) {
        expect(r.receipt, `${m.action} should succeed: ${"message" in r.receipt ? r.receipt.message : ""}`).toMatchObject({ exitCode: 0 })
        expect(abstract(r.vm)).toEqual(expected.success)
        model = expected.success
        seen.add(`${m.action}:ok`)
      } else {
        const tag = expected.failure._tag
        seen.add(tag)
        const want = IMPL_FAILURE[tag as keyof typeof IMPL_FAILURE]
        const got = r.receipt as { readonly tag?: string; readonly exitCode: number; readonly message?: string }
        expect({ tag: got.tag, exitCode: got.exitCode }, `${m.action}: model says ${tag}; impl says ${got.message}`).toEqual(want)
        if (chainStep.kind === "message") expect(r.vm).toEqual(withNonceBumped(vm, chainStep.message.from))
        expect(abstract(r.vm)).toEqual(model)
      }
      vm = r.vm
    }
  }
}

/** For each wanted outcome, the shortest sequence of the coverage configurations that reaches it. */
const COVERAGE_CONFIGS = ["MCPaymentChannel_Tiny", "MCPaymentChannel_Signers", "MCPaymentChannel_Locks", "MCPaymentChannel_Merges"]
const witnessRuns = (): Array<[string, string, Constants, Array<RStep>]> => {
  const runs = new Map<string, [string, string, Constants, Array<RStep>]>()
  for (const name of COVERAGE_CONFIGS) {
    const c = paymentChannelConstants(name)
    for (const [outcome, wit] of conjunctCoverage(c, specification(c), disjuncts(c)).witnesses) {
      const [action, conjunct] = outcome.split(".") as [string, string | undefined]
      const want = conjunct ?? `${action}:ok`
      if (action === "Tick" || (action === "Sign" && conjunct !== undefined) || !WANTED.includes(want) || runs.has(want)) continue
      const steps = [...wit.trace, { action: wit.action, args: wit.args }].map((x) => act({ action: x.action, args: x.args } as AnyStep))
      runs.set(want, [want, name, c, steps])
    }
  }
  return [...runs.values()]
}

describe("PaymentChannel: implementation refines the model", () => {
  afterAll(() => {
    expect(WANTED.filter((w) => !seen.has(w)).join(", "), "never exercised").toBe("")
  })

  const witnesses = witnessRuns()
  it("the coverage configurations have a witness of every conjunct failing and every message action succeeding", () => {
    expect(WANTED.filter((w) => w !== "malformed" && w !== "wrongNonce" && !witnesses.some(([want]) => want === w))).toEqual([])
  })

  it.each(witnesses.map(([want, name, c, steps], i) => [want, name, c, steps, i] as const))(
    "%s: the shortest sequence of %s agrees with the model",
    (_, __, c, steps, i) => runSequence(c, (i % 2 === 0 ? [1, 2] : [2, 1]) as KeyTypes, steps)
  )

  test.prop([keyTypes, fc.array(step, { minLength: 10, maxLength: 60 })], { numRuns: 120, seed: 20260401, examples: EXAMPLES })(
    "every step of seeded random sequences agrees with the model, and every rejected step changes nothing",
    (types, steps) => runSequence(wide, types, steps)
  )
})

/** Params bytes that must not decode as UpdateChannelStateParams. */
const malformedParams = (w: World, bad: Malformed, k: Concrete): Uint8Array => {
  const sv = concreteVoucher(w, {
    channel: "This", signer: "From", lane: 0, nonce: 1, amount: 0n, timeLockMin: 0, timeLockMax: 0,
    minSettleHeight: 0, merges: [], hashLocked: false, extra: "None"
  }, k)
  const good = encodeUpdateChannelStateParams({ sv, secret: new Uint8Array() })
  switch (bad.kind) {
    case "garbage": {
      // 0x82 0x8b would start a valid params tuple; make sure random bytes never do.
      const bytes = bad.bytes
      return bytes.length >= 2 && bytes[0] === 0x82 ? Uint8Array.of(0x83, ...bytes.slice(1)) : bytes
    }
    case "truncated": return good.slice(0, bad.cut % good.length)
    case "badSigType": {
      // the signature's type byte (first byte of the last byte string of the voucher) set to 9
      const sig = sv.signature!
      const encodedSig = Uint8Array.of(sig.type, ...sig.data)
      const at = indexOfBytes(good, encodedSig)
      const out = good.slice()
      out[at] = 9
      return out
    }
    default: return encodeCbor([[1, 2, 3], new Uint8Array()])
  }
}

const indexOfBytes = (haystack: Uint8Array, needle: Uint8Array): number => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  throw new Error("signature bytes not found in params")
}
