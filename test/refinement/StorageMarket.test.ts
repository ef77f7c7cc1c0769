/**
 * Refinement: the implementation — the StorageMarketActor on the in-process VM with real keys,
 * DealProposal bytes, signatures and PIPs, and the client's and provider's reducers for the
 * negotiation — against the model (src/model/StorageMarket.ts), step by step over sequences that
 * include bad steps.  At every step either both accept and the abstraction of the
 * implementation's new state (_abstractMarket.ts) is the model's new state; or the model's action
 * is not enabled and the implementation rejects with the failing conjunct's tag and exit code
 * (for the batch methods, BatchActivateDeals and SettleDealPayments, the item's exit code),
 * leaving every actor as it was but for the sender's nonce; the parties refuse with their tag and
 * keep their state.  Inputs with no model counterpart (undecodable params, a voucher for another
 * channel, malformed party messages, a proposal for another provider) are refused with nothing
 * changed, without consulting the model.  Over every step the chain's total FIL (every actor's
 * balance, burnt funds included) is conserved.
 *
 * The concretization (_concretizeMarket.ts): "Forged" proposals are signed by a stranger, carry an
 * empty signature, or the client's signature over other bytes; "Malformed" ones have a piece size
 * that is not a power of two or below 128, a label too long, or a piece CID that is not a piece
 * commitment; "OtherMiner" is a second miner actor and its accounts; the miner-only methods are
 * sent by the miner (the test miner's forwarding method, the worker's real message).  A PIP
 * [piece, sector] is a real PIP of the piece at offset 0 of a sector of that sector number's size
 * (sector 1: 2 KiB, sector 2: 8 MiB) — so a PIP for another piece or another sector is a PIP the
 * market's CommD of the deal's sector does not verify.
 *
 * The environment's choices the model leaves free: the provider's acceptance policy (the harness
 * gives it one that accepts, or one that refuses, before each proposal it delivers); the client's
 * voucher signing (the harness signs with the client's key where the model's SignVoucher is
 * enabled); the chain's cron (CronTick(d) is the implicit cron tick when d is due — see `cron` in
 * _runMarket.ts — and, as the cron tick ends its epoch on chain, no deal is published after the
 * cron of its start epoch ran).
 *
 * Coverage is certain, not left to chance: besides seeded random sequences (most steps chosen
 * among the enabled ones, the later steps of a deal's life weighing more, so that deals get
 * published, activated and paid), the test replays, for every conjunct and every action, the
 * shortest sequence of the coverage configurations MCStorageMarket_Tiny and _Inputs that fails
 * that conjunct or takes that action (`conjunctCoverage` witnesses), two fixed lives (the issue's
 * bad steps; the cron tick's three ways with a deal), and checks at the end that every outcome
 * was exercised.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { conjunctCoverage } from "../../src/model/_coverage.js"
import { constantsFromConfig } from "../../src/model/_StorageMarketConstants.js"
import { type Constants, Conjuncts, disjuncts, Init, specification, type State } from "../../src/model/StorageMarket.js"
import { loadConfig } from "../model/_checkConfigs.js"
import type { Concrete } from "./_concretizeMarket.js"
import { DIRECT } from "./_concretizeMarket.js"
import { type Malformed, type ModelStep, type RStep, runSequence, seen, takeModel } from "./_runMarket.js"

/**
 * Conjuncts not checked here: the model's clock and deal-id bounds and the client's own signing
 * policy have no chain counterpart; DealPending (upstream's defensive check that an unactivated
 * deal is pending) never fails in the model, where every published deal not activated is pending.
 */
const NO_COUNTERPART = new Set(["Tick", "DealIdsLeft", "DealOfClient", "VoucherRaises", "DealPending"])

const MALFORMED_KINDS: ReadonlyArray<Malformed["kind"]> = ["garbage", "truncatedPublish", "voucherNotForMarket", "partyGarbage", "proposalForAnotherProvider"]

/** Every outcome the runs together must exercise. */
const WANTED = [
  ...Object.entries(Conjuncts).flatMap(([action, cs]) =>
    action === "Tick" ? [] : [`${action}:ok`, ...cs.filter((n) => !NO_COUNTERPART.has(n)).map((n) => `${action}.${n}`)]),
  ...MALFORMED_KINDS.map((k) => `malformed:${k}`)
]

/** Wide bounds for the random sequences: two pieces and sectors, three deals, every bad input. */
const wide: Constants = {
  MaxEpoch: 10, ClientFunds: 60n, ProviderFunds: 10n, Pieces: ["P1", "P2"], ProofPieces: ["P1", "P2"], Starts: [3, 6], Ends: [6, 8],
  Prices: [1n, 2n], ClientCollaterals: [0n, 1n], ProviderCollaterals: [1n], Sectors: [1, 2], MaxDeals: 3,
  Callers: ["Client", "Provider", "OtherMiner"], Signatures: ["Client", "Forged"], Forms: ["Valid", "Malformed"],
  VoucherAmounts: [1n, 2n, 3n, 5n], VoucherSigners: ["Client", "Forged"], AddAmounts: [0n, 5n, 20n, 100n], WithdrawAmounts: [-1n, 2n]
}

const concrete: fc.Arbitrary<Concrete> = fc.record({
  malformation: fc.constantFrom("PieceSizeNotPowerOfTwo", "PieceSizeTooSmall", "LabelTooLong", "NotAPieceCommitment"),
  forgery: fc.constantFrom("Stranger", "Empty", "OtherProposal"),
  providerSender: fc.constantFrom("Worker", "Owner", "Control"),
  voucherForgery: fc.constantFrom("Stranger", "Unsigned")
})
const malformed: fc.Arbitrary<Malformed> = fc.oneof(
  fc.record({ kind: fc.constant("garbage" as const), target: fc.constantFrom("Publish", "Redeem", "Withdraw", "Settle", "AddBalance"), bytes: fc.uint8Array({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant("truncatedPublish" as const), cut: fc.nat() }),
  fc.record({ kind: fc.constant("voucherNotForMarket" as const) }),
  fc.record({ kind: fc.constant("partyGarbage" as const), toProvider: fc.boolean(), bytes: fc.uint8Array({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant("proposalForAnotherProvider" as const) })
)
const pick = (guided: boolean): fc.Arbitrary<RStep> =>
  fc.record({ kind: fc.constant("pick" as const), pick: fc.record({ guided: fc.constant(guided), action: fc.nat(), arg: fc.nat() }), concrete })
const tick: RStep = { kind: "step", step: { action: "Tick", args: {} }, concrete: DIRECT }
const step: fc.Arbitrary<RStep> = fc.oneof(
  { weight: 12, arbitrary: pick(true) },
  { weight: 8, arbitrary: pick(false) },
  { weight: 1, arbitrary: fc.constant(tick) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("malformed" as const), bad: malformed }) }
)

/**
 * The bad steps, each in a deal's life, with the conjunct the model says fails (checked on
 * the model first, so that each step is the bad step it is named for): insufficient escrow, an
 * unsigned and a wrongly signed proposal, a piece size that is not a power of two, end before
 * start, activation of an unpublished deal, withdrawal of locked funds (only the unlocked part
 * leaves), PIPs for another piece and another sector, the same voucher twice, start in the past,
 * payment after slashing (a voucher, a settlement).
 */
const p = { piece: "P1", start: 3, end: 6, price: 2n, clientCollateral: 1n, providerCollateral: 1n } as const
const endBeforeStart = { ...p, end: 2 }
const late = { ...p, piece: "P2" } as const
const voucher = (amount: bigint) => ({ deal: 0, amount, signer: "Client" as const })
const LIFE: ReadonlyArray<readonly [ModelStep, Partial<Concrete>, string]> = [
  [{ action: "ProposeDeal", args: { p } }, {}, "ok"],
  [{ action: "RespondToProposal", args: { p, accept: true } }, {}, "ok"],
  [{ action: "AddBalance", args: { who: "Provider", amount: 5n } }, {}, "ok"],
  [{ action: "PublishStorageDeals", args: { p, sig: "Client", form: "Valid", caller: "Provider" } }, {}, "ClientBalanceCovered"],
  [{ action: "AddBalance", args: { who: "Client", amount: 20n } }, {}, "ok"],
  [{ action: "PublishStorageDeals", args: { p, sig: "Forged", form: "Valid", caller: "Provider" } }, { forgery: "Empty" }, "ProposalSignedByClient"],
  [{ action: "PublishStorageDeals", args: { p, sig: "Forged", form: "Valid", caller: "Provider" } }, { forgery: "Stranger" }, "ProposalSignedByClient"],
  [{ action: "PublishStorageDeals", args: { p, sig: "Client", form: "Malformed", caller: "Provider" } }, { malformation: "PieceSizeNotPowerOfTwo" }, "ProposalWellFormed"],
  [{ action: "ProposeDeal", args: { p: endBeforeStart } }, {}, "ok"],
  [{ action: "RespondToProposal", args: { p: endBeforeStart, accept: true } }, {}, "ok"],
  [{ action: "PublishStorageDeals", args: { p: endBeforeStart, sig: "Client", form: "Valid", caller: "Provider" } }, {}, "EndAfterStart"],
  [{ action: "ActivateDeals", args: { d: 0, s: 1, caller: "Provider" } }, {}, "DealPublished"],
  [{ action: "PublishStorageDeals", args: { p, sig: "Client", form: "Valid", caller: "Provider" } }, { providerSender: "Control" }, "ok"],
  [{ action: "WithdrawBalance", args: { who: "Client", caller: "Client", amount: 20n } }, {}, "ok"],
  [{ action: "ActivateDeals", args: { d: 0, s: 1, caller: "Provider" } }, {}, "ok"],
  [{ action: "SignVoucher", args: { d: 0, a: 2n } }, {}, "ok"],
  [{ action: "RedeemVoucher", args: { v: voucher(2n), pip: { piece: "P2", sector: 1 }, caller: "Provider" } }, {}, "PipForDealPiece"],
  [{ action: "RedeemVoucher", args: { v: voucher(2n), pip: { piece: "P1", sector: 2 }, caller: "Provider" } }, {}, "PipForDealSector"],
  [{ action: "RedeemVoucher", args: { v: voucher(2n), pip: { piece: "P1", sector: 1 }, caller: "Provider" } }, {}, "ok"],
  [{ action: "RedeemVoucher", args: { v: voucher(2n), pip: { piece: "P1", sector: 1 }, caller: "Provider" } }, {}, "VoucherAbovePaid"],
  ...Array.from({ length: 4 }, () => [{ action: "Tick", args: {} }, {}, "ok"] as const),
  [{ action: "ProposeDeal", args: { p: late } }, {}, "ok"],
  [{ action: "RespondToProposal", args: { p: late, accept: true } }, {}, "ok"],
  [{ action: "PublishStorageDeals", args: { p: late, sig: "Client", form: "Valid", caller: "Provider" } }, {}, "StartNotElapsed"],
  [{ action: "OnMinerSectorsTerminate", args: { s: 1, caller: "Provider" } }, {}, "ok"],
  [{ action: "SignVoucher", args: { d: 0, a: 3n } }, {}, "ok"],
  [{ action: "RedeemVoucher", args: { v: voucher(3n), pip: { piece: "P1", sector: 1 }, caller: "Provider" } }, {}, "DealExists"],
  [{ action: "SettleDealPayments", args: { d: 0 } }, {}, "DealPublished"]
]

/**
 * The cron tick's three ways with a deal, in one tick at the deals' start epoch 3: deal 0 never
 * activated times out (its collateral burnt), deal 1 activated leaves the pending set, deal 2
 * activated and settled once is settled again (upstream's legacy path) and rescheduled, and paid
 * by the next epoch's tick.
 */
const qA = { piece: "P1", start: 3, end: 6, price: 1n, clientCollateral: 0n, providerCollateral: 1n } as const
const qB = { ...qA, piece: "P2" } as const
const qC = { ...qA, end: 8 } as const
const publish = (q: typeof qA | typeof qB | typeof qC): ReadonlyArray<readonly [ModelStep, Partial<Concrete>, string]> => [
  [{ action: "ProposeDeal", args: { p: q } }, {}, "ok"],
  [{ action: "RespondToProposal", args: { p: q, accept: true } }, {}, "ok"],
  [{ action: "PublishStorageDeals", args: { p: q, sig: "Client", form: "Valid", caller: "Provider" } }, {}, "ok"]
]
const CRON: ReadonlyArray<readonly [ModelStep, Partial<Concrete>, string]> = [
  [{ action: "AddBalance", args: { who: "Client", amount: 20n } }, {}, "ok"],
  [{ action: "AddBalance", args: { who: "Provider", amount: 5n } }, {}, "ok"],
  ...publish(qA), ...publish(qB), ...publish(qC),
  [{ action: "ActivateDeals", args: { d: 1, s: 1, caller: "Provider" } }, {}, "ok"],
  [{ action: "ActivateDeals", args: { d: 2, s: 2, caller: "Provider" } }, {}, "ok"],
  ...Array.from({ length: 3 }, () => [{ action: "Tick", args: {} }, {}, "ok"] as const),
  [{ action: "SettleDealPayments", args: { d: 2 } }, {}, "ok"],
  // one chain cron tick: the first step runs it for all three deals, the model's other two are then no chain step
  [{ action: "CronTick", args: { d: 0 } }, {}, "ok"],
  [{ action: "CronTick", args: { d: 1 } }, {}, "ok"],
  [{ action: "CronTick", args: { d: 2 } }, {}, "ok"],
  [{ action: "Tick", args: {} }, {}, "ok"],
  [{ action: "CronTick", args: { d: 2 } }, {}, "ok"]
]

/** Checks that the model takes or refuses each step of `steps` as stated, and returns its last state. */
const onModel = (steps: ReadonlyArray<readonly [ModelStep, Partial<Concrete>, string]>, check: (st: ModelStep, s: State) => void = () => {}): State => {
  let model = Init(wide)
  for (const [st, , want] of steps) {
    const next = takeModel(wide, model, st)
    expect(Result.isSuccess(next) ? "ok" : next.failure, `${st.action}`).toBe(want)
    if (Result.isSuccess(next)) model = next.success
    check(st, model)
  }
  return model
}
const asRun = (steps: ReadonlyArray<readonly [ModelStep, Partial<Concrete>, string]>): Array<RStep> =>
  steps.map(([st, k]) => ({ kind: "step", step: st, concrete: { ...DIRECT, ...k } }))

/** For each wanted outcome, the shortest sequence of the coverage configurations that reaches it. */
const COVERAGE_CONFIGS = ["MCStorageMarket_Tiny", "MCStorageMarket_Inputs"]
const witnessRuns = (): Array<[string, string, Constants, Array<RStep>]> => {
  const runs = new Map<string, [string, string, Constants, Array<RStep>]>()
  for (const name of COVERAGE_CONFIGS) {
    const c = Result.getOrThrow(constantsFromConfig(loadConfig(name).cfg))
    for (const [outcome, wit] of conjunctCoverage(c, specification(c), disjuncts(c)).witnesses) {
      const [action, conjunct] = outcome.split(".") as [string, string | undefined]
      const want = conjunct === undefined ? `${action}:ok` : outcome
      if (!WANTED.includes(want) || runs.has(want)) continue
      const steps = [...wit.trace, { action: wit.action, args: wit.args }]
        .map((x): RStep => ({ kind: "step", step: { action: x.action, args: x.args } as ModelStep, concrete: DIRECT }))
      runs.set(want, [want, name, c, steps])
    }
  }
  return [...runs.values()]
}

describe("StorageMarket: the actor and the parties refine the model", () => {
  afterAll(() => {
    expect(WANTED.filter((w) => !seen.has(w)), "never exercised").toEqual([])
  })

  const witnesses = witnessRuns()
  it("the coverage configurations have a witness of every conjunct failing and every action taken", () => {
    expect(WANTED.filter((w) => !w.startsWith("malformed:") && !witnesses.some(([want]) => want === w))).toEqual([])
  })

  it("the issue's bad steps in a deal's life: the model names each, the implementation agrees", () => {
    const model = onModel(LIFE, (st, m) => {
      // the withdrawal of 20 leaves the 7 locked (total price 2 × 3 epochs + client collateral 1)
      if (st.action === "WithdrawBalance") expect(m.escrow.Client).toBe(7n)
    })
    expect(model.dealLog.get(0)?.slashedAt).toBe(4)
    runSequence(wide, asRun(LIFE))
  })

  it("the cron tick's three ways with a deal (time-out, out of the pending set, legacy settlement) agree with the model", () => {
    const model = onModel(CRON)
    // deal 0 timed out (gone, its collateral 1 burnt), deal 2 paid 1 for epoch 3 → 4
    expect([model.proposals.has(0), model.balance.Burnt, model.dealStates.get(2)?.paid]).toEqual([false, 1n, 1n])
    runSequence(wide, asRun(CRON))
  })

  // OnMinerSectorsTerminate pops the sector from the market's sector index (upstream's
  // pop_sector_deal_ids) even where its deal has ended and is kept, unslashed, for settlement; the
  // CommD RedeemVoucher checks the PIP against is the deal's own (DealState.unsealed), so the
  // client's voucher for the ended deal still pays, as in the model.
  it("a voucher for a deal whose sector was terminated after the deal ended pays, as in the model", () => {
    const q = { piece: "P1", start: 1, end: 2, price: 1n, clientCollateral: 0n, providerCollateral: 1n } as const
    const steps: Array<ModelStep> = [
      { action: "ProposeDeal", args: { p: q } }, { action: "RespondToProposal", args: { p: q, accept: true } },
      { action: "AddBalance", args: { who: "Client", amount: 5n } }, { action: "AddBalance", args: { who: "Provider", amount: 5n } },
      { action: "PublishStorageDeals", args: { p: q, sig: "Client", form: "Valid", caller: "Provider" } },
      { action: "ActivateDeals", args: { d: 0, s: 1, caller: "Provider" } },
      { action: "Tick", args: {} }, { action: "Tick", args: {} },
      { action: "OnMinerSectorsTerminate", args: { s: 1, caller: "Provider" } },
      { action: "SignVoucher", args: { d: 0, a: 1n } },
      { action: "RedeemVoucher", args: { v: { deal: 0, amount: 1n, signer: "Client" }, pip: { piece: "P1", sector: 1 }, caller: "Provider" } }
    ]
    const model = onModel(steps.map((st) => [st, {}, "ok"] as const))
    expect([model.dealStates.has(0), model.dealLog.get(0)?.slashedAt, model.dealLog.get(0)?.paid]).toEqual([true, -1, 1n])
    runSequence(wide, steps.map((st) => ({ kind: "step", step: st, concrete: DIRECT })))
  })

  // Two BatchActivateDeals calls into one sector number: each deal keeps the CommD of its own call,
  // so each deal's PIP (its piece alone at offset 0 of the sector) verifies, as in the model, and
  // terminating the sector slashes both.
  it("two deals activated into one sector number by separate calls: each voucher pays, the termination slashes both", () => {
    const q1 = { piece: "P1", start: 3, end: 6, price: 1n, clientCollateral: 0n, providerCollateral: 1n } as const
    const q2 = { ...q1, piece: "P2" } as const
    const steps: Array<ModelStep> = [
      { action: "AddBalance", args: { who: "Client", amount: 20n } }, { action: "AddBalance", args: { who: "Provider", amount: 5n } },
      ...[q1, q2].flatMap((q): Array<ModelStep> => [
        { action: "ProposeDeal", args: { p: q } }, { action: "RespondToProposal", args: { p: q, accept: true } },
        { action: "PublishStorageDeals", args: { p: q, sig: "Client", form: "Valid", caller: "Provider" } }
      ]),
      { action: "ActivateDeals", args: { d: 0, s: 1, caller: "Provider" } },
      { action: "ActivateDeals", args: { d: 1, s: 1, caller: "Provider" } },
      { action: "SignVoucher", args: { d: 0, a: 1n } }, { action: "SignVoucher", args: { d: 1, a: 2n } },
      { action: "RedeemVoucher", args: { v: { deal: 1, amount: 2n, signer: "Client" }, pip: { piece: "P2", sector: 1 }, caller: "Provider" } },
      { action: "RedeemVoucher", args: { v: { deal: 0, amount: 1n, signer: "Client" }, pip: { piece: "P1", sector: 1 }, caller: "Provider" } },
      ...Array.from({ length: 4 }, (): ModelStep => ({ action: "Tick", args: {} })),
      { action: "OnMinerSectorsTerminate", args: { s: 1, caller: "Provider" } }
    ]
    const model = onModel(steps.map((st) => [st, {}, "ok"] as const))
    // both deals slashed at epoch 4, before their end 6: their provider collateral 1 each burnt
    expect([model.dealLog.get(0)?.slashedAt, model.dealLog.get(1)?.slashedAt, model.balance.Burnt]).toEqual([4, 4, 2n])
    runSequence(wide, steps.map((st) => ({ kind: "step", step: st, concrete: DIRECT })))
  })

  it.each(witnesses.map(([want, name, c, steps], i) => [want, name, c, steps, i] as const))(
    "%s: the shortest sequence of %s agrees with the model",
    // a BLS client in every fourth (its signatures cost ~0.1 s each), secp256k1 in the others
    (_, __, c, steps, i) => runSequence(c, steps, i % 4 === 3 ? 2 : 1)
  )

  test.prop([fc.constantFrom<1 | 2>(1, 1, 1, 1, 1, 1, 1, 2), fc.array(step, { minLength: 20, maxLength: 60 })], { numRuns: 30, seed: 20261126 })(
    "every step of seeded random sequences agrees with the model, and every rejected step changes nothing",
    (keyType, steps) => runSequence(wide, steps, keyType)
  )
})
