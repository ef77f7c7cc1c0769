/**
 * Refinement: sector indexing (real pieces, CommP, CommD and PIPs) against the SectorPacking
 * model, step by step over random sequences with bad steps: pieces too large for the sector,
 * full sectors, misaligned and out-of-range offsets, packed sectors, unknown deals; malformed
 * piece CIDs (no model counterpart); and, on the client side, tampered proofs and proofs checked
 * against the wrong sector.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { afterAll, describe, expect } from "vitest"
import { UNIT, abstractSectorIndexing } from "../../src/impl/mining/abstraction.js"
import { type IndexingError, type PieceRef, type SectorIndexingState, addToSector, emptyIndex, packDealIntoSector, packSector } from "../../src/impl/mining/sectorIndexing.js"
import { CommP } from "../../src/proofs/commp.js"
import type { PaddedPieceSize } from "../../src/proofs/interface.js"
import { pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { verifyPip } from "../../src/proofs/pip.js"
import {
  AddToSector, type Constants, Conjuncts, Init, PackDealIntoSector, PackSector, type SectorPackingNotEnabled, Size, type State, key
} from "../../src/model/SectorPacking.js"
import { EveryPackedPieceHasValidPIP } from "../../src/model/SectorPackingInvariants.js"

/** Sectors of 4 units (512 bytes); deal 5's piece (8 units) can never fit. */
const c: Constants = { Sectors: [1, 2], SectorSize: 4, DealsOfSize1: [1, 2], DealsOfSize2: [3], DealsOfSize4: [4], DealsOfSize8: [5] }

/** Each deal's real piece: a deterministic payload of 127 bytes per unit, its CommP and piece CID. */
const pieces = new Map<number, PieceRef>(
  [1, 2, 3, 4, 5].map((d) => {
    const payload = Uint8Array.from({ length: 127 * Size(c, d) }, (_, i) => (i * 31 + d * 7) & 0xff)
    const { commP, size } = CommP(payload)
    expect(size).toBe(BigInt(Size(c, d)) * UNIT)
    return [d, { pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(commP)), size }] as const
  })
)

const step = fc.oneof(
  fc.record({ kind: fc.constant("AddToSector" as const), d: fc.constantFrom(1, 2, 3, 4, 5) }),
  fc.record({ kind: fc.constant("PackDealIntoSector" as const), d: fc.constantFrom(1, 2, 3, 4, 5), s: fc.constantFrom(1, 2), o: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("PackSector" as const), s: fc.constantFrom(1, 2) }),
  fc.record({ kind: fc.constant("MalformedPiece" as const), d: fc.constantFrom(1, 2, 3) }),
  fc.record({ kind: fc.constant("TamperedPip" as const), d: fc.constantFrom(1, 2, 3, 4), node: fc.nat(), bit: fc.integer({ min: 0, max: 255 }) })
)
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

/** Run first: both sectors packed, then proofs tampered with and checked against the other sector. */
const EXAMPLES: Array<[Array<Step>]> = [[[
  { kind: "AddToSector", d: 1 }, { kind: "AddToSector", d: 3 }, { kind: "AddToSector", d: 4 }, { kind: "AddToSector", d: 5 },
  { kind: "PackDealIntoSector", d: 3, s: 1, o: 2 }, { kind: "PackDealIntoSector", d: 1, s: 1, o: 1 },
  { kind: "AddToSector", d: 2 }, { kind: "PackDealIntoSector", d: 2, s: 1, o: 1 }, { kind: "PackDealIntoSector", d: 2, s: 1, o: 3 },
  { kind: "PackDealIntoSector", d: 2, s: 1, o: 0 },
  { kind: "PackDealIntoSector", d: 4, s: 2, o: 0 }, { kind: "PackDealIntoSector", d: 5, s: 2, o: 0 },
  { kind: "PackSector", s: 1 }, { kind: "PackSector", s: 2 },
  { kind: "TamperedPip", d: 3, node: 0, bit: 3 }, { kind: "TamperedPip", d: 1, node: 2, bit: 255 }, { kind: "TamperedPip", d: 4, node: 0, bit: 0 }
]]]

const seen = new Set<string>()

describe("SectorPacking: sector indexing refines the model", () => {
  afterAll(() => {
    const wanted = [...new Set(Object.values(Conjuncts).flat()), "AddToSector:ok", "PackDealIntoSector:ok", "PackSector:ok", "InvalidPieceCid", "tampered", "wrongSector"]
    expect(wanted.filter((w) => !seen.has(w)).join(", "), "never exercised").toBe("")
  })

  test.prop([fc.array(step, { minLength: 5, maxLength: 50 })], { numRuns: 150, examples: EXAMPLES })("every step agrees with the model; every rejected step changes nothing", (steps) => {
    let impl: SectorIndexingState = emptyIndex((BigInt(c.SectorSize) * UNIT) as PaddedPieceSize)
    let model: State = Init(c)
    for (const st of steps) {
      if (st.kind === "MalformedPiece") {
        // a dag-cbor CID is not a piece CID
        const bad = CID.createV1(0x71, identity.digest(Uint8Array.of(1, 2, 3)))
        const r = addToSector(impl, { deal: BigInt(st.d), piece: { ...pieces.get(st.d)!, pieceCid: bad } })
        expect(Result.isFailure(r) && r.failure.tag).toBe("InvalidPieceCid")
        seen.add("InvalidPieceCid")
        continue
      }
      if (st.kind === "TamperedPip") {
        clientChecks(impl, st)
        continue
      }
      const [expected, got]: readonly [Result.Result<State, SectorPackingNotEnabled>, Result.Result<SectorIndexingState, IndexingError>] =
        st.kind === "AddToSector" ? [AddToSector(c, model, { d: st.d }), addToSector(impl, { deal: BigInt(st.d), piece: pieces.get(st.d)! })]
        : st.kind === "PackDealIntoSector" ? [PackDealIntoSector(c, model, { d: st.d, s: st.s, o: st.o }), packDealIntoSector(impl, { deal: BigInt(st.d), sector: BigInt(st.s), offset: BigInt(st.o) * UNIT })]
        : [PackSector(c, model, { s: st.s }), packSector(impl, { sector: BigInt(st.s) })]
      if (Result.isSuccess(expected)) {
        expect(Result.isSuccess(got) ? "ok" : got.failure.message).toBe("ok")
        impl = Result.getOrThrow(got)
        model = expected.success
        expect(key(abstractSectorIndexing(impl, c.Sectors))).toBe(key(model))
        expect(EveryPackedPieceHasValidPIP(c, abstractSectorIndexing(impl, c.Sectors))).toBe(true)
        seen.add(`${st.kind}:ok`)
      } else {
        expect(Result.isFailure(got) && got.failure.tag, `${st.kind}: the model says ${expected.failure._tag}`).toBe(expected.failure._tag)
        seen.add(expected.failure._tag)
      }
    }
  })
})

/** Client side (VerifyPIP): a tampered proof, or a proof checked against another sector, fails. */
const clientChecks = (impl: SectorIndexingState, st: Extract<Step, { kind: "TamperedPip" }>) => {
  const home = [...impl.sectors].find(([, e]) => e.packed?.pips.has(BigInt(st.d)))
  if (home === undefined) return
  const [sector, entry] = home
  const pip = entry.packed!.pips.get(BigInt(st.d))!
  expect(Result.isSuccess(verifyPip(entry.packed!.commD, impl.sectorSize, pip))).toBe(true)
  // flip one bit of one node (the CommP or a path node)
  const nodes = [pip.pieceCommP, ...pip.path]
  const which = st.node % nodes.length
  const flipped = nodes.map((n, i) => {
    if (i !== which) return n
    const copy = n.slice()
    copy[st.bit >> 3] = (copy[st.bit >> 3] ?? 0) ^ (1 << (st.bit & 7))
    return copy
  })
  const tampered = { ...pip, pieceCommP: flipped[0]!, path: flipped.slice(1) }
  expect(Result.isFailure(verifyPip(entry.packed!.commD, impl.sectorSize, tampered))).toBe(true)
  seen.add("tampered")
  // the same proof against another packed sector whose CommD differs
  for (const [other, e] of impl.sectors) {
    if (other === sector || e.packed === undefined || e.packed.commD.every((b, i) => b === entry.packed!.commD[i])) continue
    const r = verifyPip(e.packed.commD, impl.sectorSize, pip)
    expect(Result.isFailure(r) && r.failure._tag).toBe("PipRootMismatch")
    seen.add("wrongSector")
  }
}
