/**
 * The function vectors of the vanilla seal proof (`vectors/proofs/sdr/*seal_proof*`): proofs of
 * 2 KiB sectors sealed as in `./sdr.ts` (one of them the lotus-bench sector: its CommR is a known
 * answer, read from Filecoin's sealed CID), and verification of valid, tampered and forged proofs.
 * Expected values come from our implementation (`conformance/sdr.ts`).  Tampered proofs are valid
 * proofs decoded, changed in one place and re-encoded; forged ones are proofs of sectors whose
 * label or replica node was changed with tree_c, tree_r_last and CommR rebuilt to match, so only
 * the labelling and encoding checks can catch them.
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { callFunction } from "../../conformance/proofs.js"
import type { FunctionCall } from "../../conformance/schema.js"
import { fromHex, toHex } from "../../src/impl/encoding/hex.js"
import { commRFromRoots } from "../../src/proofs/poseidon/tree.js"
import { sealProofFor } from "../../src/proofs/sdr/porepId.js"
import { seal, type SealOutput } from "../../src/proofs/sdr/seal.js"
import { proveSeal, type SealChallengeProof, type SealProof } from "../../src/proofs/sdr/sealProof.js"
import { decodeSealProof, encodeSealProof } from "../../src/proofs/sdr/sealProofCbor.js"
import { columnHashes, poseidonTreeLevels } from "../../src/proofs/sdr/treeFlat.js"
import { type FunctionCase, pattern } from "./proofs.js"
import { SEAL_INPUTS } from "./sdr.js"

const ok = "ok" as const
const err = (error: string) => ({ error })
const P = (name: string) => `proofs/sdr/${name}`
const run = <A>(call: FunctionCall): A => Result.getOrThrow(callFunction(call)) as A
const hexOf = (s: string): Uint8Array => Result.getOrThrow(fromHex(s))
const flip = (b: Uint8Array, at = 0): Uint8Array => { const c = b.slice(); c[at] = c[at]! ^ 1; return c }

const LOTUS_BENCH_SEALED = "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c"
/** CommR is the sealed CID's multihash digest (go-fil-commcid; parsed here with multiformats). */
const commROfCid = (cid: string): string => toHex(CID.parse(cid).multihash.digest)

const SEED = pattern(31, 13) + "11"
type Proved = { readonly replicaId: string; readonly commD: string; readonly commR: string; readonly proof: string }
const prove = (input: typeof SEAL_INPUTS.bench, seed = SEED): Proved => run<Proved>({ function: "sdrProveSeal", input: { ...input, seed } })
const BENCH = prove(SEAL_INPUTS.bench)
const V1 = prove(SEAL_INPUTS.v1)

const proveCase = (name: string, description: string, input: typeof SEAL_INPUTS.bench, expect: FunctionCase["expect"], seed = SEED, known?: Record<string, unknown>): FunctionCase => ({
  path: P(name), description, call: { function: "sdrProveSeal", input: { ...input, seed } }, expect,
  ...(known === undefined ? {} : { source: `filecoin-project/lotus cmd/lotus-bench/simple.go @ e14866315: the sealed CID of this sector, ${LOTUS_BENCH_SEALED}, whose multihash digest is CommR`, known })
})
const verify = (name: string, description: string, pub: Proved, proof: string, expect: FunctionCase["expect"], seed = SEED): FunctionCase => ({
  path: P(name), description, call: { function: "sdrVerifySeal", input: { replicaId: pub.replicaId, commD: pub.commD, commR: pub.commR, seed, proof } }, expect
})

const edit = (proof: string, f: (p: SealProof) => SealProof): string => toHex(encodeSealProof(f(Result.getOrThrow(decodeSealProof(hexOf(proof))))))
const editChallenge = (proof: string, i: number, f: (c: SealChallengeProof) => SealChallengeProof): string =>
  edit(proof, (p) => ({ ...p, partitions: [p.partitions[0]!.map((c, j) => (j === i ? f(c) : c))] }))

/** The bench sector with one label (layer ≥ 1) or replica node (layer 0) changed at the first challenge, trees and CommR rebuilt; its proof. */
const forged = (layer: number): Proved => {
  const out = Result.getOrThrow(seal({ proof: sealProofFor("2KiB", "V1_1_0"), proverId: hexOf(SEAL_INPUTS.bench.proverId), sectorNumber: 1n, ticket: hexOf(SEAL_INPUTS.bench.ticket), unsealed: hexOf(SEAL_INPUTS.bench.unsealed) }))
  const honest = Result.getOrThrow(proveSeal(out, hexOf(SEED)))
  const node = honest.partitions[0]![0]!.labelingProofs[0]!.node
  const layers = out.layers.map((l, i) => (i === layer - 1 ? flip(l, 32 * node) : l))
  const replica = layer === 0 ? flip(out.replica, 32 * node) : out.replica
  const treeC = poseidonTreeLevels(8, columnHashes(layers))
  const treeRLast = poseidonTreeLevels(8, replica)
  const commC = treeC[treeC.length - 1]!
  const commRLast = treeRLast[treeRLast.length - 1]!
  const commR = Result.getOrThrow(commRFromRoots(commC, commRLast))
  const f: SealOutput = { ...out, layers, replica, treeC, treeRLast, commC, commRLast, commR }
  return { replicaId: toHex(out.replicaId), commD: toHex(out.commD), commR: toHex(commR), proof: toHex(encodeSealProof(Result.getOrThrow(proveSeal(f, hexOf(SEED))))) }
}
const FORGED_LABEL = forged(1)
const FORGED_LABEL_2 = forged(2)
const FORGED_REPLICA = forged(0)
const OTHER = prove({ ...SEAL_INPUTS.bench, sectorNumber: "2" })

/** Every seal proof case, in a fixed order. */
export const sealProofCases: ReadonlyArray<FunctionCase> = [
  proveCase("valid_seal_proof_lotus_bench", "the lotus-bench sector sealed, then its vanilla proof for a patterned seed: one partition of two challenges, each with its comm_d and comm_r_last openings, 1 + 6 + 8 columns, 2 labelling proofs and the encoding proof",
    SEAL_INPUTS.bench, ok, SEED, { commR: commROfCid(LOTUS_BENCH_SEALED) }),
  proveCase("valid_seal_proof_v1_data", "valid_seal_v1_data's sector (StackedDrg2KiBV1, API 1.0.0 parents) and its proof", SEAL_INPUTS.v1, ok),
  proveCase("invalid_seal_proof_seed_31", "a seed of 31 bytes", SEAL_INPUTS.bench, err("InvalidChallengeInput"), SEED.slice(2)),
  proveCase("invalid_seal_proof_sector_negative", "sector −1: the seal is refused first", { ...SEAL_INPUTS.bench, sectorNumber: "-1" }, err("InvalidSectorNumber")),
  verify("valid_verify_seal_proof_lotus_bench", "the proof of valid_seal_proof_lotus_bench against Filecoin's CommR", BENCH, BENCH.proof, ok),
  verify("valid_verify_seal_proof_v1_data", "the proof of valid_seal_proof_v1_data", V1, V1.proof, ok),
  verify("invalid_verify_seal_proof_wrong_comm_r", "CommR changed", { ...BENCH, commR: toHex(flip(hexOf(BENCH.commR))) }, BENCH.proof, err("WrongSealCommR")),
  verify("invalid_verify_seal_proof_wrong_comm_d", "CommD changed: the comm_d openings do not reach it", { ...BENCH, commD: toHex(flip(hexOf(BENCH.commD))) }, BENCH.proof, err("OpeningWrongRoot")),
  verify("invalid_verify_seal_proof_other_seed", "another seed: other nodes are challenged", BENCH, BENCH.proof, err("OpeningWrongIndex"), pattern(31, 14) + "11"),
  verify("invalid_verify_seal_proof_other_sector", "the proof of sector 2 (same miner, ticket, data) against sector 1's inputs", BENCH, OTHER.proof, err("WrongSealCommR")),
  verify("invalid_verify_seal_proof_tampered_data_leaf", "the unsealed node opened at challenge 0 changed", BENCH, editChallenge(BENCH.proof, 0, (c) => ({ ...c, commDOpening: { ...c.commDOpening, leaf: flip(c.commDOpening.leaf) } })), err("OpeningBadPath")),
  verify("invalid_verify_seal_proof_tampered_replica_leaf", "the replica node opened at challenge 1 changed", BENCH, editChallenge(BENCH.proof, 1, (c) => ({ ...c, commRLastOpening: { ...c.commRLastOpening, leaf: flip(c.commRLastOpening.leaf) } })), err("OpeningBadPath")),
  verify("invalid_verify_seal_proof_tampered_column", "a label in the challenged node's column changed: the column no longer hashes to its tree_c leaf", BENCH, editChallenge(BENCH.proof, 0, (c) => ({
    ...c, columns: { ...c.columns, challenge: { ...c.columns.challenge, rows: [flip(c.columns.challenge.rows[0]!), ...c.columns.challenge.rows.slice(1)] } }
  })), err("OpeningWrongLeaf")),
  verify("invalid_verify_seal_proof_swapped_parent_columns", "DRG parent column 0 swapped with the first DRG parent column of another node (parents may repeat: one whose opening differs)", BENCH, editChallenge(BENCH.proof, 0, (c) => {
    const d = c.columns.drgParents
    const k = d.findIndex((x) => toHex(x.opening.leaf) !== toHex(d[0]!.opening.leaf))
    return { ...c, columns: { ...c.columns, drgParents: d.map((x, j) => (j === 0 ? d[k]! : j === k ? d[0]! : x)) } }
  }), err("OpeningWrongIndex")),
  verify("invalid_verify_seal_proof_missing_expander_column", "an expander parent column missing", BENCH, editChallenge(BENCH.proof, 0, (c) => ({ ...c, columns: { ...c.columns, expParents: c.columns.expParents.slice(1) } })), err("WrongSealProofShape")),
  verify("invalid_verify_seal_proof_tampered_labeling_parent", "a parent label in the layer-2 labelling proof changed", BENCH, editChallenge(BENCH.proof, 1, (c) => ({
    ...c, labelingProofs: [c.labelingProofs[0]!, { ...c.labelingProofs[1]!, parents: [flip(c.labelingProofs[1]!.parents[0]!), ...c.labelingProofs[1]!.parents.slice(1)] }]
  })), err("WrongLabelingProof")),
  verify("invalid_verify_seal_proof_encoding_other_node", "the encoding proof claims another node", BENCH, editChallenge(BENCH.proof, 0, (c) => ({ ...c, encodingProof: { ...c.encodingProof, node: c.encodingProof.node + 1 } })), err("WrongLabelingProof")),
  verify("invalid_verify_seal_proof_three_challenges", "a third challenge proof", BENCH, edit(BENCH.proof, (p) => ({ ...p, partitions: [[...p.partitions[0]!, p.partitions[0]![0]!]] })), err("WrongSealProofShape")),
  verify("invalid_verify_seal_proof_reordered", "the two challenge proofs in the other order", BENCH, edit(BENCH.proof, (p) => ({ ...p, partitions: [[...p.partitions[0]!].reverse()] })), err("OpeningWrongIndex")),
  verify("invalid_verify_seal_proof_32gib_id", "the proof relabelled StackedDrg32GiBV1_1", BENCH, edit(BENCH.proof, (p) => ({ ...p, proofId: 8 })), err("UnsupportedSealProof")),
  verify("invalid_verify_seal_proof_unknown_id", "the proof relabelled 42", BENCH, edit(BENCH.proof, (p) => ({ ...p, proofId: 42 })), err("UnknownSealProof")),
  verify("invalid_verify_seal_proof_replica_id_top_bits", "a replica id with its top two bits set", { ...BENCH, replicaId: BENCH.replicaId.slice(0, 62) + "ff" }, BENCH.proof, err("InvalidSealPublicInput")),
  verify("invalid_verify_seal_proof_malformed", "the proof's bytes cut short", BENCH, BENCH.proof.slice(0, -2), err("MalformedCbor")),
  verify("invalid_verify_seal_proof_forged_label", "a sector whose layer-1 label at the first challenge is not its hash (tree_c and CommR rebuilt over it)", FORGED_LABEL, FORGED_LABEL.proof, err("WrongLabel")),
  verify("invalid_verify_seal_proof_forged_label_layer_2", "the same with the layer-2 label", FORGED_LABEL_2, FORGED_LABEL_2.proof, err("WrongLabel")),
  verify("invalid_verify_seal_proof_forged_replica", "a sector whose replica node at the first challenge is not data + key (tree_r_last and CommR rebuilt over it)", FORGED_REPLICA, FORGED_REPLICA.proof, err("WrongEncoding"))
]
