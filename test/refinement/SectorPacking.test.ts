/**
 * Refinement: sector indexing (real pieces, CommP, CommD and PIPs) against the SectorPacking
 * model, step by step: after every accepted step the abstracted index equals the model's state;
 * every refused step is refused by both with the same conjunct's name and changes nothing. Steps
 * the model has no counterpart for: malformed piece CIDs, and on the client side tampered proofs
 * and proofs checked against another sector.
 *
 * Coverage is certain by construction: one hand-built sequence per outcome (each conjunct of each
 * action failing, each action succeeding, each implementation-only refusal), whose last step must
 * have that outcome. Then seeded random sequences, in which every `Provoke` step picks, in the
 * state it meets, arguments whose first failing conjunct is the one it names.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { describe, expect, it } from "vitest"
import { UNIT, abstractSectorIndexing } from "../../src/impl/mining/abstraction.js"
import { type IndexingError, type PieceRef, type SectorIndexingState, addToSector, emptyIndex, packDealIntoSector, packSector } from "../../src/impl/mining/sectorIndexing.js"
import { CommP } from "../../src/proofs/commp.js"
import type { PaddedPieceSize } from "../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { verifyPip } from "../../src/proofs/pip.js"
import {
  type Action, AddToSector, type Constants, Conjuncts, Init, PackDealIntoSector, PackSector, type SectorPackingNotEnabled, Size, type State, key
} from "../../src/model/SectorPacking.js"
import { EveryPackedPieceHasValidPIP } from "../../src/model/SectorPackingInvariants.js"

/** Sectors of 4 units (512 bytes); deal 5's piece (8 units) can never fit. */
const c: Constants = { Sectors: [1, 2], SectorSize: 4, DealsOfSize1: [1, 2], DealsOfSize2: [3], DealsOfSize4: [4], DealsOfSize8: [5] }
const DEALS = [1, 2, 3, 4, 5] as const
const SECTORS = [1, 2] as const
/** Offsets 0–5: inside the sector, and past its end. */
const OFFSETS = [0, 1, 2, 3, 4, 5] as const

/** Each deal's real piece: a deterministic payload of 127 bytes per unit, its CommP and piece CID. */
const pieces = new Map<number, PieceRef>(
  DEALS.map((d) => {
    const payload = Uint8Array.from({ length: 127 * Size(c, d) }, (_, i) => (i * 31 + d * 7) & 0xff)
    const { commP, size } = CommP(payload)
    expect(size).toBe(BigInt(Size(c, d)) * UNIT)
    return [d, { pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(commP)), size }] as const
  })
)

type ModelStep =
  | { readonly kind: "AddToSector"; readonly d: number }
  | { readonly kind: "PackDealIntoSector"; readonly d: number; readonly s: number; readonly o: number }
  | { readonly kind: "PackSector"; readonly s: number }
type Step =
  | ModelStep
  | { readonly kind: "MalformedPiece"; readonly d: number }
  | { readonly kind: "TamperedPip"; readonly d: number; readonly node: number; readonly bit: number }
  | { readonly kind: "Provoke"; readonly action: Action; readonly conjunct: string }

interface World { readonly impl: SectorIndexingState; readonly model: State }
const start = (): World => ({ impl: emptyIndex((BigInt(c.SectorSize) * UNIT) as PaddedPieceSize), model: Init(c) })

const modelStep = (m: State, st: ModelStep): Result.Result<State, SectorPackingNotEnabled> =>
  st.kind === "AddToSector" ? AddToSector(c, m, { d: st.d })
  : st.kind === "PackDealIntoSector" ? PackDealIntoSector(c, m, { d: st.d, s: st.s, o: st.o })
  : PackSector(c, m, { s: st.s })

/** Every model step over the test's bounds, valid or not. */
const candidates: ReadonlyArray<ModelStep> = [
  ...DEALS.map((d) => ({ kind: "AddToSector" as const, d })),
  ...DEALS.flatMap((d) => SECTORS.flatMap((s) => OFFSETS.map((o) => ({ kind: "PackDealIntoSector" as const, d, s, o })))),
  ...SECTORS.map((s) => ({ kind: "PackSector" as const, s }))
]

/** Runs one step through both sides; returns its outcome: `Action:ok`, `Action.Conjunct`, or an implementation-only one. */
const runStep = (w: World, st: Step): { world: World; outcome: string | undefined } => {
  if (st.kind === "MalformedPiece") {
    // a dag-cbor CID is not a piece CID
    const bad = CID.createV1(0x71, identity.digest(Uint8Array.of(1, 2, 3)))
    const r = addToSector(w.impl, { deal: BigInt(st.d), piece: { ...pieces.get(st.d)!, pieceCid: bad } })
    expect(Result.isFailure(r) && r.failure.tag).toBe("InvalidPieceCid")
    return { world: w, outcome: "InvalidPieceCid" }
  }
  if (st.kind === "TamperedPip") return { world: w, outcome: clientChecks(w.impl, st) }
  if (st.kind === "Provoke") {
    const chosen = candidates.find((m) => m.kind === st.action && Result.isFailure(modelStep(w.model, m)) &&
      (modelStep(w.model, m) as Result.Failure<State, SectorPackingNotEnabled>).failure._tag === st.conjunct)
    return chosen === undefined ? { world: w, outcome: undefined } : runStep(w, chosen)
  }
  const expected = modelStep(w.model, st)
  const got: Result.Result<SectorIndexingState, IndexingError> =
    st.kind === "AddToSector" ? addToSector(w.impl, { deal: BigInt(st.d), piece: pieces.get(st.d)! })
    : st.kind === "PackDealIntoSector" ? packDealIntoSector(w.impl, { deal: BigInt(st.d), sector: BigInt(st.s), offset: BigInt(st.o) * UNIT })
    : packSector(w.impl, { sector: BigInt(st.s) })
  if (Result.isSuccess(expected)) {
    expect(Result.isSuccess(got) ? "ok" : got.failure.message).toBe("ok")
    const impl = Result.getOrThrow(got)
    const abstracted = abstractSectorIndexing(impl, c.Sectors)
    expect(key(abstracted)).toBe(key(expected.success))
    expect(EveryPackedPieceHasValidPIP(c, abstracted)).toBe(true)
    return { world: { impl, model: expected.success }, outcome: `${st.kind}:ok` }
  }
  expect(Result.isFailure(got) && got.failure.tag, `${st.kind}: the model says ${expected.failure._tag}`).toBe(expected.failure._tag)
  // the refused step left the index as it was: it still abstracts to the model's state
  expect(key(abstractSectorIndexing(w.impl, c.Sectors))).toBe(key(w.model))
  return { world: w, outcome: `${st.kind}.${expected.failure._tag}` }
}

/** Client side (VerifyPIP): a tampered proof, or a proof checked against another sector, fails. */
const clientChecks = (impl: SectorIndexingState, st: Extract<Step, { kind: "TamperedPip" }>): string | undefined => {
  const home = [...impl.sectors].find(([, e]) => e.packed?.pips.has(BigInt(st.d)))
  if (home === undefined) return undefined
  const [sector, entry] = home
  const pip = entry.packed!.pips.get(BigInt(st.d))!
  expect(Result.isSuccess(verifyPip(entry.packed!.commD, impl.sectorSize, pip))).toBe(true)
  // flip one bit of one node (the CommP or a path node)
  const nodes = [pip.pieceCommP, ...pip.path]
  const which = st.node % nodes.length
  const flipped = nodes.map((n, i) => {
    if (i !== which) return n
    const copy = n.slice()
    copy[st.bit >> 3] = copy[st.bit >> 3]! ^ (1 << (st.bit & 7))
    return copy
  })
  const tampered = { ...pip, pieceCommP: flipped[0]!, path: flipped.slice(1) }
  expect(Result.isFailure(verifyPip(entry.packed!.commD, impl.sectorSize, tampered))).toBe(true)
  // the same proof against another packed sector whose CommD differs
  let outcome = "tampered"
  for (const [other, e] of impl.sectors) {
    if (other === sector || e.packed === undefined || e.packed.commD.every((b, i) => b === entry.packed!.commD[i])) continue
    const r = verifyPip(e.packed.commD, impl.sectorSize, pip)
    expect(Result.isFailure(r) && r.failure._tag).toBe("PipRootMismatch")
    outcome = "wrongSector"
  }
  return outcome
}

const runAll = (steps: ReadonlyArray<Step>): Array<string | undefined> => {
  let w = start()
  return steps.map((st) => {
    const r = runStep(w, st)
    w = r.world
    return r.outcome
  })
}

const add = (d: number): Step => ({ kind: "AddToSector", d })
const place = (d: number, s: number, o: number): Step => ({ kind: "PackDealIntoSector", d, s, o })
const pack = (s: number): Step => ({ kind: "PackSector", s })

/** One sequence per outcome, built by hand so that its last step has that outcome. */
const TARGETED: Readonly<Record<string, ReadonlyArray<Step>>> = {
  "AddToSector:ok": [add(1)],
  "AddToSector.DealNotYetAdded": [add(1), place(1, 1, 0), add(1)],
  "PackDealIntoSector:ok": [add(3), place(3, 2, 2)],
  "PackDealIntoSector.DealQueued": [place(1, 1, 0)],
  "PackDealIntoSector.SectorOpen": [add(1), add(2), place(1, 1, 0), pack(1), place(2, 1, 1)],
  "PackDealIntoSector.OffsetAligned": [add(3), place(3, 1, 1)],
  "PackDealIntoSector.PieceFits": [add(5), place(5, 1, 0)],
  "PackDealIntoSector.NoOverlapWith": [add(1), add(4), place(1, 1, 3), place(4, 1, 0)],
  "PackSector:ok": [add(1), place(1, 2, 3), pack(2)],
  "PackSector.SectorOpen": [add(1), place(1, 1, 0), pack(1), pack(1)],
  "PackSector.SectorNotEmpty": [add(1), place(1, 1, 0), pack(2)],
  InvalidPieceCid: [{ kind: "MalformedPiece", d: 2 }],
  tampered: [add(3), place(3, 1, 2), pack(1), { kind: "TamperedPip", d: 3, node: 1, bit: 200 }],
  wrongSector: [add(1), add(2), place(1, 1, 0), place(2, 2, 1), pack(1), pack(2), { kind: "TamperedPip", d: 2, node: 0, bit: 3 }]
}

describe("SectorPacking: sector indexing refines the model", () => {
  it("the targeted sequences cover every conjunct of every action, every action's success and every implementation-only outcome", () => {
    const wanted = [
      ...Object.entries(Conjuncts).flatMap(([a, cs]) => [`${a}:ok`, ...cs.map((x) => `${a}.${x}`)]),
      "InvalidPieceCid", "tampered", "wrongSector"
    ]
    expect(Object.keys(TARGETED).sort()).toEqual(wanted.sort())
  })

  it.each(Object.entries(TARGETED))("%s: the last step has this outcome, and every step agrees with the model", (outcome, steps) => {
    expect(runAll(steps).at(-1)).toBe(outcome)
  })

  const model = fc.oneof(
    fc.record({ kind: fc.constant("AddToSector" as const), d: fc.constantFrom(...DEALS) }),
    fc.record({ kind: fc.constant("PackDealIntoSector" as const), d: fc.constantFrom(...DEALS), s: fc.constantFrom(...SECTORS), o: fc.constantFrom(...OFFSETS) }),
    fc.record({ kind: fc.constant("PackSector" as const), s: fc.constantFrom(...SECTORS) })
  )
  const provoke = fc.constantFrom(...Object.entries(Conjuncts).flatMap(([action, cs]) => cs.map((conjunct) => ({ kind: "Provoke" as const, action: action as Action, conjunct }))))
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: model },
    { weight: 3, arbitrary: provoke },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("MalformedPiece" as const), d: fc.constantFrom(1, 2, 3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("TamperedPip" as const), d: fc.constantFrom(1, 2, 3, 4), node: fc.nat(), bit: fc.integer({ min: 0, max: 255 }) }) }
  )
  test.prop([fc.array(step, { minLength: 5, maxLength: 50 })], { seed: 20_260_101, numRuns: 150 })(
    "seeded random sequences with provoked refusals: every step agrees with the model; every refused step changes nothing",
    (steps) => { runAll(steps) }
  )
})
