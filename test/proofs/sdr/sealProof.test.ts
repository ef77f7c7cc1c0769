/**
 * The vanilla seal proof over real 2 KiB seals.
 *
 * The anchor: the sector lotus-bench seals in its documented example (filecoin-project/lotus
 * cmd/lotus-bench/simple.go @ e14866315: miner t01000, sector 1, zero ticket, 2048 zero bytes,
 * StackedDrg2KiBV1_1), whose sealed CID `bagboea4b5abcbrshx…` is Filecoin's own output: the proof
 * is checked against that CommR.  The rest shows each check of `verifySeal`
 * (storage-proofs-porep/src/stacked/vanilla/params.rs `Proof::verify`, proof_scheme.rs
 * `verify_all_partitions` @ storage-proofs-porep-v19.1.0) able to fail: every mutant is rejected
 * with the failure naming what is wrong.  Forged sectors (a wrong label, a wrong replica node)
 * have consistent trees and CommR, so only the label / encoding checks can catch them.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { commRFromRoots } from "../../../src/proofs/poseidon/tree.js"
import { porepChallenges } from "../../../src/proofs/sdr/challenges.js"
import { tsEngine } from "../../../src/proofs/sdr/engine.js"
import { sdrParams } from "../../../src/proofs/sdr/params.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { seal, type SealOutput } from "../../../src/proofs/sdr/seal.js"
import { type LabelingProof, proveSeal, type SealChallengeProof, type SealProof } from "../../../src/proofs/sdr/sealProof.js"
import { columnHashes, poseidonTreeLevels } from "../../../src/proofs/sdr/treeFlat.js"
import { type SealPublicInputs, verifySeal } from "../../../src/proofs/sdr/verifySeal.js"
import { tagOf } from "../_helpers.js"

const V1_1 = sealProofFor("2KiB", "V1_1_0")
const V1 = sealProofFor("2KiB", "V1_0_0")
const lotusBench = Result.getOrThrow(seal({
  proof: V1_1, proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine
}))
const seed = Uint8Array.from({ length: 32 }, (_, i) => 200 - i)
const pubOf = (o: SealOutput, s = seed): SealPublicInputs => ({ replicaId: o.replicaId, commD: o.commD, commR: o.commR, seed: s })
const flip = (b: Uint8Array, at = 0) => { const c = b.slice(); c[at] = c[at]! ^ 1; return c }
const proof = Result.getOrThrow(proveSeal(lotusBench, seed))
const pub = pubOf(lotusBench)

/** The proof with challenge i of partition 0 replaced by `f` of it. */
const editChallenge = (p: SealProof, i: number, f: (c: SealChallengeProof) => SealChallengeProof): SealProof =>
  ({ ...p, partitions: [p.partitions[0]!.map((c, j) => (j === i ? f(c) : c))] })
const editLabeling = (lp: LabelingProof, f: (l: LabelingProof) => LabelingProof) => f(lp)

/** A seal output whose `layer` label of node `node` (or replica node, for layer 0) is changed, with trees and CommR rebuilt to match. */
const forge = (o: SealOutput, layer: number, node: number): SealOutput => {
  const layers = o.layers.map((l, i) => (i === layer - 1 ? flip(l, 32 * node) : l))
  const replica = layer === 0 ? flip(o.replica, 32 * node) : o.replica
  const treeC = poseidonTreeLevels(8, columnHashes(layers))
  const treeRLast = poseidonTreeLevels(8, replica)
  const commC = treeC[treeC.length - 1]!
  const commRLast = treeRLast[treeRLast.length - 1]!
  return { ...o, layers, replica, treeC, treeRLast, commC, commRLast, commR: Result.getOrThrow(commRFromRoots(commC, commRLast)) }
}

describe("proveSeal", () => {
  it("the lotus-bench 2 KiB sector: one partition of two challenges, 6 + 8 parent columns, 2 labelling proofs of 37 labels", () => {
    expect(lotusBench.sealedCid.toString()).toBe("bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c")
    const challenges = Result.getOrThrow(porepChallenges(sdrParams(V1_1), lotusBench.replicaId, seed, 0))
    expect(proof.proofId).toBe(5)
    expect(proof.partitions.length).toBe(1)
    expect(proof.partitions[0]!.map((c) => c.labelingProofs[0]!.node)).toEqual(challenges)
    for (const c of proof.partitions[0]!) {
      expect([c.columns.drgParents.length, c.columns.expParents.length, c.labelingProofs.length]).toEqual([6, 8, 2])
      expect(c.labelingProofs.every((l) => l.parents.length === 37)).toBe(true)
      expect(c.commDOpening.siblings.length).toBe(6)
      expect(c.commRLastOpening.path.length).toBe(2)
    }
  })
})

describe("verifySeal", () => {
  it("the proof of the lotus-bench sector verifies against Filecoin's CommR", () => {
    expect(Result.isSuccess(verifySeal(pub, proof))).toBe(true)
  })

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }).map((t) => { t[31]! &= 0x3f; return t }), fc.boolean(), fc.bigInt({ min: 0n, max: 1n << 40n })],
    { seed: 6143, numRuns: 4 })("random tickets, both API versions (parent orders): prove then verify", (ticket, v1, sectorNumber) => {
    const unsealed = new Uint8Array(2048)
    for (let i = 0; i < 2048; i++) unsealed[i] = (i * 31 + ticket[i % 32]!) & (i % 32 === 31 ? 0x3f : 0xff)
    const out = Result.getOrThrow(seal({ proof: v1 ? V1 : V1_1, proverId: proverIdFromActorId(1234n), sectorNumber, ticket, unsealed, engine: tsEngine }))
    const p = Result.getOrThrow(proveSeal(out, ticket))
    expect(Result.isSuccess(verifySeal(pubOf(out, ticket), p))).toBe(true)
    // a proof made under the other API version's graph is another proof id; relabelled, its parents are wrong
    if (v1) expect(Result.isFailure(verifySeal(pubOf(out, ticket), { ...p, proofId: V1_1.id }))).toBe(true)
  })

  it("forged sectors with consistent trees: a wrong label, a wrong replica node", () => {
    const [c0] = Result.getOrThrow(porepChallenges(sdrParams(V1_1), lotusBench.replicaId, seed, 0))
    const badLabel = forge(lotusBench, 1, c0!)
    expect(tagOf(verifySeal(pubOf(badLabel), Result.getOrThrow(proveSeal(badLabel, seed))))).toBe("WrongLabel")
    const badLayer2 = forge(lotusBench, 2, c0!)
    expect(tagOf(verifySeal(pubOf(badLayer2), Result.getOrThrow(proveSeal(badLayer2, seed))))).toBe("WrongLabel")
    const badReplica = forge(lotusBench, 0, c0!)
    expect(tagOf(verifySeal(pubOf(badReplica), Result.getOrThrow(proveSeal(badReplica, seed))))).toBe("WrongEncoding")
  })

  it("mutants of the proof and of the public inputs", () => {
    const c = proof.partitions[0]![0]!
    const other = Result.getOrThrow(seal({
      proof: V1_1, proverId: proverIdFromActorId(1000n), sectorNumber: 2n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine
    }))
    const dataSector = Result.getOrThrow(seal({
      proof: V1_1, proverId: proverIdFromActorId(1000n), sectorNumber: 3n, ticket: seed, engine: tsEngine,
      unsealed: Uint8Array.from({ length: 2048 }, (_, i) => (i % 32 === 31 ? i & 0x3f : (i * 7) & 0xff))
    }))
    const dataProof = Result.getOrThrow(proveSeal(dataSector, seed))
    const cases: Array<[string, SealPublicInputs, SealProof, string]> = [
      ["wrong CommR", { ...pub, commR: flip(pub.commR) }, proof, "WrongSealCommR"],
      ["wrong CommD", { ...pub, commD: flip(pub.commD) }, proof, "OpeningWrongRoot"],
      // the lotus-bench data is all zero, so every tree_d path is valid at every position: tree_c's catches it
      ["other seed: the openings are of other nodes", { ...pub, seed: flip(seed) }, proof, "OpeningWrongIndex"],
      ["other seed, a sector of non-zero data: tree_d's path fails", { ...pubOf(dataSector), seed: flip(seed) }, dataProof, "OpeningBadPath"],
      ["a proof of another sector (sector 2)", pub, Result.getOrThrow(proveSeal(other, seed)), "WrongSealCommR"],
      ["changed unsealed leaf", pub, editChallenge(proof, 0, (x) => ({ ...x, commDOpening: { ...x.commDOpening, leaf: flip(x.commDOpening.leaf) } })), "OpeningBadPath"],
      ["changed replica leaf", pub, editChallenge(proof, 1, (x) => ({ ...x, commRLastOpening: { ...x.commRLastOpening, leaf: flip(x.commRLastOpening.leaf) } })), "OpeningBadPath"],
      ["changed label in the challenged column", pub, editChallenge(proof, 0, (x) => ({
        ...x, columns: { ...x.columns, challenge: { ...x.columns.challenge, rows: [flip(x.columns.challenge.rows[0]!), x.columns.challenge.rows[1]!] } }
      })), "OpeningWrongLeaf"],
      ["DRG parent columns swapped", pub, editChallenge(proof, 0, (x) => ({
        ...x, columns: { ...x.columns, drgParents: [x.columns.drgParents[1]!, x.columns.drgParents[0]!, ...x.columns.drgParents.slice(2)] }
      })), "OpeningWrongIndex"],
      ["an expander parent column missing", pub, editChallenge(proof, 0, (x) => ({ ...x, columns: { ...x.columns, expParents: x.columns.expParents.slice(1) } })), "WrongSealProofShape"],
      ["a labelling proof's parent label changed", pub, editChallenge(proof, 1, (x) => ({
        ...x, labelingProofs: [x.labelingProofs[0]!, editLabeling(x.labelingProofs[1]!, (l) => ({ ...l, parents: [flip(l.parents[0]!), ...l.parents.slice(1)] }))]
      })), "WrongLabelingProof"],
      ["labelling proofs of layers 1 and 2 swapped", pub, editChallenge(proof, 0, (x) => ({ ...x, labelingProofs: [x.labelingProofs[1]!, x.labelingProofs[0]!] })), "WrongLabelingProof"],
      ["an encoding proof for another node", pub, editChallenge(proof, 0, (x) => ({ ...x, encodingProof: { ...x.encodingProof, node: x.encodingProof.node + 1 } })), "WrongLabelingProof"],
      ["a third challenge proof", pub, { ...proof, partitions: [[...proof.partitions[0]!, c]] }, "WrongSealProofShape"],
      ["no partition", pub, { ...proof, partitions: [] }, "WrongSealProofShape"],
      ["challenge proofs in the other order", pub, { ...proof, partitions: [[...proof.partitions[0]!].reverse()] }, "OpeningWrongIndex"],
      ["the second proof under other roots", pub, editChallenge(proof, 1, () => Result.getOrThrow(proveSeal(other, seed)).partitions[0]![1]!), "WrongSealCommR"],
      ["a 32 GiB proof id", pub, { ...proof, proofId: 8 }, "UnsupportedSealProof"],
      ["an unknown proof id", pub, { ...proof, proofId: 42 }, "UnknownSealProof"],
      ["a 31-byte seed", { ...pub, seed: seed.subarray(1) }, proof, "InvalidSealPublicInput"],
      ["a replica ID with its top bits set", { ...pub, replicaId: flip(pub.replicaId, 31).map((b, i) => (i === 31 ? b | 0xc0 : b)) }, proof, "InvalidSealPublicInput"]
    ]
    const got = cases.map(([name, inputs, p]) => `${name}: ${tagOf(verifySeal(inputs, p))}`)
    expect(got).toEqual(cases.map(([name, , , tag]) => `${name}: ${tag}`))
  })
})
