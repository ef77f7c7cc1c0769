/**
 * The function vectors of the vanilla PoSt (`vectors/proofs/post/`): Window and Winning challenge
 * derivation, proofs over 2 KiB sectors sealed by `sdrSeal` (one of them the lotus-bench sector,
 * whose CommR is Filecoin's), and verification of valid and tampered proofs.  Expected values
 * come from our implementation (`conformance/post.ts`), except the challenge known answers, a
 * hand derivation with Python's hashlib of the formulas of rust-fil-proofs
 * storage-proofs-post/src/fallback/vanilla.rs (the values test/proofs/post/challenges.test.ts
 * states).  Tampered proofs are our valid proofs decoded, changed in one place and re-encoded.
 *
 * @module
 */
import { Result } from "effect"
import { callFunction } from "../../conformance/proofs.js"
import type { FunctionCall } from "../../conformance/schema.js"
import { fromHex, toHex } from "../../src/impl/encoding/hex.js"
import {
  decodeWindowPostProof, decodeWinningPostProof, encodeWindowPostProof, encodeWinningPostProof, type SectorProof, type WindowPostProof,
  type WinningPostProof
} from "../../src/proofs/post/index.js"
import { type FunctionCase, pattern } from "./proofs.js"
import { SEAL_INPUTS } from "./sdr.js"

const ok = "ok" as const
const err = (error: string) => ({ error })
const P = (name: string) => `proofs/post/${name}`
const run = <A>(call: FunctionCall): A => Result.getOrThrow(callFunction(call)) as A
const hexOf = (s: string): Uint8Array => Result.getOrThrow(fromHex(s))

const PYTHON = "derivation by hand with Python's hashlib of filecoin-project/rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @ storage-proofs-post-v19.1.0 (generate_sector_challenge: sha256(prover_id ‖ randomness ‖ n u64 LE), first 8 bytes LE mod the sector count; generate_leaf_challenge: sha256(randomness ‖ sector u64 LE ‖ index u64 LE), first 8 bytes LE mod nodes; index n under API 1.2.0, position · count + n under 1.0.0), randomness = bytes 0…31, prover_id = 1000 as u64 LE ‖ 24 zeros (the values of test/proofs/post/challenges.test.ts)"

// ---------------------------------------------------------------------------------------------
// challenges

const R0 = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0")).join("")
const PID1000LE = "e803" + "00".repeat(30)
const S3 = [40, 30, 29, 25, 36, 33, 8, 21, 5, 19]
const S7_FIRST = [33, 37, 45, 53, 36, 46, 51, 23, 4, 31]
const S7_SECOND = [12, 48, 20, 17, 57, 62, 17, 44, 19, 29]
const WINNING_66 = [33, 37, 45, 53, 36, 46, 51, 23, 4, 31, 12, 48, 20, 17, 57, 62, 17, 44, 19, 29, 54, 1, 40, 39, 52, 18, 55, 12, 38, 39, 54,
  3, 20, 49, 6, 26, 59, 60, 21, 46, 36, 52, 61, 42, 7, 47, 27, 20, 3, 11, 33, 34, 6, 19, 45, 35, 32, 18, 18, 24, 38, 5, 4, 4, 26, 25]
const NOT_FR = "ff".repeat(32)

const leaves = (name: string, description: string, postProof: string, sectors: ReadonlyArray<string>, expect: FunctionCase["expect"], known?: ReadonlyArray<ReadonlyArray<number>>, randomness = R0): FunctionCase => ({
  path: P(name), description, call: { function: "postLeafChallenges", input: { postProof, randomness, sectors } }, expect,
  ...(known === undefined ? {} : { source: PYTHON, known: { leaves: known } })
})
const sectorChallenge = (name: string, description: string, postProof: string, eligibleCount: string, expect: FunctionCase["expect"], known?: ReadonlyArray<string>, randomness = R0, proverId = PID1000LE): FunctionCase => ({
  path: P(name), description, call: { function: "postWinningSectorChallenge", input: { postProof, randomness, proverId, eligibleCount } }, expect,
  ...(known === undefined ? {} : { source: PYTHON, known: { indices: known } })
})

const challenges: Array<FunctionCase> = [
  leaves("valid_leaves_window_v1_1", "StackedDrgWindow2KiBV1_1 (API 1.2.0), sectors 3 and 7: each sector's 10 leaves use challenge indices 0…9", "10", ["3", "7"], ok, [S3, S7_FIRST]),
  leaves("valid_leaves_window_v1", "StackedDrgWindow2KiBV1 (API 1.0.0), sectors 3 and 7: sector 7, second, uses indices 10…19", "5", ["3", "7"], ok, [S3, S7_SECOND]),
  leaves("valid_leaves_winning", "StackedDrgWinning2KiBV1, sector 7: 66 leaves", "0", ["7"], ok, [WINNING_66]),
  leaves("valid_leaves_window_v1_1_order", "StackedDrgWindow2KiBV1_1, sectors 7 then 3: under API 1.2.0 the order does not change a sector's leaves", "10", ["7", "3"], ok, [S7_FIRST, S3]),
  leaves("valid_leaves_window_512mib", "StackedDrgWindow512MiBV1_1, sectors 7 and 2^64 − 1 (the largest u64)", "12", ["7", "18446744073709551615"], ok),
  leaves("invalid_leaves_randomness_not_in_field", "randomness 32 × 0xff: not a field element (the chain clears its top two bits first)", "10", ["3"], err("NotAFieldElement"), undefined, NOT_FR),
  leaves("invalid_leaves_sector_2_64", "sector number 2^64: not a u64", "10", ["18446744073709551616"], err("InvalidPoStChallengeInput")),
  leaves("invalid_leaves_sector_negative", "sector number −1", "10", ["-1"], err("InvalidPoStChallengeInput")),
  leaves("invalid_leaves_unknown_proof", "PoSt proof 15 does not exist", "15", ["3"], err("UnknownPoStProof")),
  sectorChallenge("valid_winning_sector_10", "StackedDrgWinning2KiBV1 among 10 eligible sectors: index 4", "0", "10", ok, ["4"]),
  sectorChallenge("valid_winning_sector_1000", "among 1000 eligible sectors: index 684", "0", "1000", ok, ["684"]),
  sectorChallenge("valid_winning_sector_one", "one eligible sector: index 0", "0", "1", ok, ["0"]),
  sectorChallenge("valid_winning_sector_512mib", "StackedDrgWinning512MiBV1 among 2^64 − 1 sectors", "2", "18446744073709551615", ok),
  sectorChallenge("invalid_winning_sector_none", "no eligible sector", "0", "0", err("InvalidPoStChallengeInput")),
  sectorChallenge("invalid_winning_sector_window_proof", "a Window PoSt proof type", "10", "10", err("InvalidPoStChallengeInput")),
  sectorChallenge("invalid_winning_sector_randomness", "randomness not a field element", "0", "10", err("NotAFieldElement"), undefined, NOT_FR),
  sectorChallenge("invalid_winning_sector_prover_id", "a prover id of 32 × 0xff: not a field element", "0", "10", err("NotAFieldElement"), undefined, R0, NOT_FR),
  sectorChallenge("invalid_winning_sector_unknown_proof", "PoSt proof 99", "99", "10", err("UnknownPoStProof"))
]

// ---------------------------------------------------------------------------------------------
// sealed replicas

interface Replica { readonly sectorNumber: string; readonly commR: string; readonly commC: string; readonly replica: string }
const sealed = (input: typeof SEAL_INPUTS.bench): Replica => {
  const out = run<{ commR: string; commC: string; replica: string }>({ function: "sdrSeal", input })
  return { sectorNumber: input.sectorNumber, commR: out.commR, commC: out.commC, replica: out.replica }
}
const S1 = sealed(SEAL_INPUTS.bench)
const S42 = sealed(SEAL_INPUTS.v11)
const S7 = sealed({ ...SEAL_INPUTS.v11, sectorNumber: "7", ticket: pattern(32, 8) })
const pub = (r: Replica) => ({ sectorNumber: r.sectorNumber, commR: r.commR })
const RAND = pattern(31, 11) + "2a"
const PID = "8f03" + "00".repeat(30)
const REPLICAS = "2 KiB sectors sealed by proofs/sdr: sector 1 is valid_seal_lotus_bench's (t01000; its CommR is Filecoin's), 42 valid_seal_v1_1_data's, 7 the same data with another ticket"

const flip = (b: Uint8Array, at = 0): Uint8Array => { const c = b.slice(); c[at] = c[at]! ^ 1; return c }

// ---------------------------------------------------------------------------------------------
// Window PoSt

const proveW = (name: string, description: string, postProof: string, replicas: ReadonlyArray<Replica>, expect: FunctionCase["expect"], randomness = RAND, proverId = PID): FunctionCase => ({
  path: P(name), description, call: { function: "postProveWindow", input: { postProof, randomness, proverId, replicas } }, expect
})
const windowProof = (postProof: string, replicas: ReadonlyArray<Replica>): string =>
  run<{ proof: string }>({ function: "postProveWindow", input: { postProof, randomness: RAND, proverId: PID, replicas } }).proof
const W2 = windowProof("10", [S1, S42])
const W3 = windowProof("10", [S42, S7, S1])
const WV1 = windowProof("5", [S7])
/** A proof of "sector 1" made over sector 42's replica: openings of sector 1's leaves in another tree. */
const OTHER_TREE = Result.getOrThrow(decodeWindowPostProof(hexOf(windowProof("10", [{ ...S42, sectorNumber: "1" }]))))
const verifyW = (name: string, description: string, proof: string, sectors: ReadonlyArray<{ sectorNumber: string; commR: string }>, expect: FunctionCase["expect"], randomness = RAND, proverId = PID): FunctionCase => ({
  path: P(name), description, call: { function: "postVerifyWindow", input: { randomness, proverId, sectors, proof } }, expect
})
const editW = (proof: string, f: (p: WindowPostProof) => WindowPostProof): string =>
  toHex(encodeWindowPostProof(f(Result.getOrThrow(decodeWindowPostProof(hexOf(proof))))))
const editSector = (p: WindowPostProof, part: number, i: number, f: (s: SectorProof) => SectorProof): WindowPostProof =>
  ({ ...p, partitions: p.partitions.map((ps, j) => (j === part ? ps.map((s, k) => (k === i ? f(s) : s)) : ps)) })
const editOpening = (s: SectorProof, n: number, f: (o: SectorProof["openings"][number]) => SectorProof["openings"][number]): SectorProof =>
  ({ ...s, openings: s.openings.map((o, k) => (k === n ? f(o) : o)) })

const window: Array<FunctionCase> = [
  proveW("valid_prove_window_two_sectors", `StackedDrgWindow2KiBV1_1 over sectors 1 and 42: one partition of 2 sector proofs, 10 openings each (${REPLICAS})`, "10", [S1, S42], ok),
  proveW("valid_prove_window_three_sectors", "sectors 42, 7, 1 (given unsorted): two partitions, sectors by number, the second padded with a copy of its last proof", "10", [S42, S7, S1], ok),
  proveW("valid_prove_window_v1", "StackedDrgWindow2KiBV1 (API 1.0.0) over sector 7: one partition, the sector's proof twice", "5", [S7], ok),
  proveW("invalid_prove_window_winning_proof", "a Winning PoSt proof type", "0", [S1], err("WrongPoStType")),
  proveW("invalid_prove_window_32gib", "StackedDrgWindow32GiBV1_1: sub-trees, not proven here", "13", [S1], err("WrongPoStType")),
  proveW("invalid_prove_window_unknown_proof", "PoSt proof 15", "15", [S1], err("UnknownPoStProof")),
  proveW("invalid_prove_window_no_sectors", "no sectors", "10", [], err("WrongSectorSet")),
  proveW("invalid_prove_window_duplicate_sector", "sector 1 twice", "10", [S1, S1], err("WrongSectorSet")),
  proveW("invalid_prove_window_wrong_comm_r", "sector 42 with sector 1's CommR: Poseidon(comm_c, root of its replica) is not its CommR", "10", [S1, { ...S42, commR: S1.commR }], err("FaultySectors")),
  proveW("invalid_prove_window_tampered_replica", "sector 42's replica with one byte changed: its tree_r_last no longer gives its CommR", "10", [S1, { ...S42, replica: toHex(flip(hexOf(S42.replica), 100)) }], err("FaultySectors")),
  proveW("invalid_prove_window_randomness", "randomness not a field element", "10", [S1], err("NotAFieldElement"), NOT_FR),
  proveW("invalid_prove_window_prover_id", "a prover id not a field element", "10", [S1], err("NotAFieldElement"), RAND, NOT_FR),
  proveW("invalid_prove_window_short_replica", "a replica of 2016 bytes", "10", [{ ...S1, replica: S1.replica.slice(64) }], err("InvalidReplica")),
  proveW("invalid_prove_window_replica_node_not_in_field", "replica node 3 is 32 × 0xff", "10", [{ ...S1, replica: S1.replica.slice(0, 192) + NOT_FR + S1.replica.slice(256) }], err("NodeNotInField")),

  verifyW("valid_verify_window_two_sectors", "the proof of valid_prove_window_two_sectors against sectors 1 and 42", W2, [pub(S1), pub(S42)], ok),
  verifyW("valid_verify_window_three_sectors", "the proof of valid_prove_window_three_sectors (two partitions)", W3, [pub(S1), pub(S7), pub(S42)], ok),
  verifyW("valid_verify_window_unsorted_sectors", "the same, the sectors listed 42, 1, 7: the verifier sorts them", W3, [pub(S42), pub(S1), pub(S7)], ok),
  verifyW("valid_verify_window_v1", "the proof of valid_prove_window_v1", WV1, [pub(S7)], ok),
  verifyW("invalid_verify_window_tampered_sibling", "one bit of a sibling in sector 42's third opening flipped", editW(W2, (p) => editSector(p, 0, 1, (s) => editOpening(s, 2, (o) => ({ ...o, path: o.path.map((e, h) => (h === 0 ? { ...e, siblings: e.siblings.map((x, k) => (k === 3 ? flip(x) : x)) } : e)) })))), [pub(S1), pub(S42)], err("OpeningBadPath")),
  verifyW("invalid_verify_window_tampered_leaf", "the replica node opened first for sector 1 changed (a replica byte the prover lost)", editW(W2, (p) => editSector(p, 0, 0, (s) => editOpening(s, 0, (o) => ({ ...o, leaf: flip(o.leaf) })))), [pub(S1), pub(S42)], err("OpeningBadPath")),
  verifyW("invalid_verify_window_tampered_root", "an opening's root changed (its path no longer hashes to it)", editW(W2, (p) => editSector(p, 0, 0, (s) => editOpening(s, 4, (o) => ({ ...o, root: flip(o.root) })))), [pub(S1), pub(S42)], err("OpeningBadPath")),
  verifyW("invalid_verify_window_other_tree", "sector 1's openings replaced by openings of the same leaves in sector 42's tree_r_last: sound paths to another root", editW(W2, (p) =>
    editSector(p, 0, 0, (s) => ({ ...s, openings: OTHER_TREE.partitions[0]![0]!.openings }))), [pub(S1), pub(S42)], err("OpeningWrongRoot")),
  verifyW("invalid_verify_window_wrong_position", "an opening's position in its first group changed (the path no longer hashes to the root)", editW(W2, (p) => editSector(p, 0, 1, (s) => editOpening(s, 0, (o) => ({ ...o, path: o.path.map((e, h) => (h === 0 ? { ...e, index: (e.index + 1) % 8 } : e)) })))), [pub(S1), pub(S42)], err("OpeningBadPath")),
  verifyW("invalid_verify_window_short_path", "an opening missing its top path element", editW(W2, (p) => editSector(p, 0, 0, (s) => editOpening(s, 1, (o) => ({ ...o, path: o.path.slice(0, -1) })))), [pub(S1), pub(S42)], err("OpeningWrongPathLength")),
  verifyW("invalid_verify_window_wrong_comm_c", "sector 1's comm_c changed: Poseidon(comm_c, comm_r_last) is not its CommR", editW(W2, (p) => editSector(p, 0, 0, (s) => ({ ...s, commC: flip(s.commC) }))), [pub(S1), pub(S42)], err("WrongCommR")),
  verifyW("invalid_verify_window_wrong_comm_r", "a valid proof checked against another CommR for sector 42 (sector 7's)", W2, [pub(S1), { ...pub(S42), commR: S7.commR }], err("WrongCommR")),
  verifyW("invalid_verify_window_wrong_sector", "a valid proof of sectors 1 and 42 checked for sectors 1 and 43 (same CommR): other leaves are challenged", W2, [pub(S1), { ...pub(S42), sectorNumber: "43" }], err("OpeningWrongIndex")),
  verifyW("invalid_verify_window_other_randomness", "a valid proof checked with other randomness", W2, [pub(S1), pub(S42)], err("OpeningWrongIndex"), pattern(31, 12) + "2a"),
  verifyW("invalid_verify_window_swapped_sector_proofs", "the two sector proofs of the partition swapped", editW(W2, (p) => ({ ...p, partitions: [[p.partitions[0]![1]!, p.partitions[0]![0]!]] })), [pub(S1), pub(S42)], err("WrongCommR")),
  verifyW("invalid_verify_window_missing_opening", "sector 1's proof with 9 openings", editW(W2, (p) => editSector(p, 0, 0, (s) => ({ ...s, openings: s.openings.slice(1) }))), [pub(S1), pub(S42)], err("WrongOpeningCount")),
  verifyW("invalid_verify_window_missing_partition", "the three-sector proof without its second partition", editW(W3, (p) => ({ ...p, partitions: p.partitions.slice(0, 1) })), [pub(S1), pub(S7), pub(S42)], err("WrongPartitionCount")),
  verifyW("invalid_verify_window_short_partition", "a partition of one sector proof (the padding dropped)", editW(W3, (p) => ({ ...p, partitions: [p.partitions[0]!, p.partitions[1]!.slice(0, 1)] })), [pub(S1), pub(S7), pub(S42)], err("WrongSectorProofCount")),
  verifyW("invalid_verify_window_extra_sector", "a proof of sectors 1 and 42 checked for 1, 7 and 42", W2, [pub(S1), pub(S7), pub(S42)], err("WrongPartitionCount")),
  verifyW("invalid_verify_window_winning_proof_id", "the proof's type changed to a Winning PoSt (0)", editW(W2, (p) => ({ ...p, proofId: 0 })), [pub(S1), pub(S42)], err("WrongPoStType")),
  verifyW("invalid_verify_window_v1_proof_id", "the V1_1 proof relabelled V1 (API 1.0.0: sector 42 at position 1 gets other leaves)", editW(W2, (p) => ({ ...p, proofId: 5 })), [pub(S1), pub(S42)], err("OpeningWrongIndex")),
  verifyW("invalid_verify_window_unknown_proof_id", "proof type 15", editW(W2, (p) => ({ ...p, proofId: 15 })), [pub(S1), pub(S42)], err("UnknownPoStProof")),
  verifyW("invalid_verify_window_no_sectors", "no sectors", W2, [], err("WrongSectorSet")),
  verifyW("invalid_verify_window_duplicate_sector", "sector 1 listed twice", W2, [pub(S1), pub(S1)], err("WrongSectorSet")),
  verifyW("invalid_verify_window_randomness", "randomness not a field element", W2, [pub(S1), pub(S42)], err("NotAFieldElement"), NOT_FR),
  verifyW("invalid_verify_window_malformed_cbor", "the proof's bytes cut short", W2.slice(0, -2), [pub(S1), pub(S42)], err("MalformedCbor")),
  verifyW("invalid_verify_window_not_a_proof", "a CBOR array of one unsigned integer, [10]", "810a", [pub(S1), pub(S42)], err("InvalidCborField"))
]

// ---------------------------------------------------------------------------------------------
// Winning PoSt

const proveWin = (name: string, description: string, postProof: string, replica: Replica, expect: FunctionCase["expect"]): FunctionCase => ({
  path: P(name), description, call: { function: "postProveWinning", input: { postProof, randomness: RAND, proverId: PID, replica } }, expect
})
const WIN = run<{ proof: string }>({ function: "postProveWinning", input: { postProof: "0", randomness: RAND, proverId: PID, replica: S1 } }).proof
const editWin = (f: (p: WinningPostProof) => WinningPostProof): string => toHex(encodeWinningPostProof(f(Result.getOrThrow(decodeWinningPostProof(hexOf(WIN))))))
const verifyWin = (name: string, description: string, proof: string, sectors: ReadonlyArray<{ sectorNumber: string; commR: string }>, expect: FunctionCase["expect"]): FunctionCase => ({
  path: P(name), description, call: { function: "postVerifyWinning", input: { randomness: RAND, proverId: PID, sectors, proof } }, expect
})
const winning: Array<FunctionCase> = [
  proveWin("valid_prove_winning", "StackedDrgWinning2KiBV1 over sector 1 (the lotus-bench sector): comm_c, comm_r_last and 66 openings", "0", S1, ok),
  proveWin("invalid_prove_winning_window_proof", "a Window PoSt proof type", "10", S1, err("WrongPoStType")),
  proveWin("invalid_prove_winning_wrong_comm_r", "sector 1 claimed with sector 42's CommR", "0", { ...S1, commR: S42.commR }, err("FaultySectors")),
  verifyWin("valid_verify_winning", "the proof of valid_prove_winning against sector 1's CommR", WIN, [pub(S1)], ok),
  verifyWin("invalid_verify_winning_tampered_sibling", "one bit of a sibling in opening 65 flipped", editWin((p) => ({ ...p, sector: editOpening(p.sector, 65, (o) => ({ ...o, path: o.path.map((e, h) => (h === 1 ? { ...e, siblings: e.siblings.map((x, k) => (k === 0 ? flip(x, 5) : x)) } : e)) })) })), [pub(S1)], err("OpeningBadPath")),
  verifyWin("invalid_verify_winning_tampered_leaf", "the replica node of opening 30 changed", editWin((p) => ({ ...p, sector: editOpening(p.sector, 30, (o) => ({ ...o, leaf: flip(o.leaf) })) })), [pub(S1)], err("OpeningBadPath")),
  verifyWin("invalid_verify_winning_wrong_comm_c", "comm_c changed", editWin((p) => ({ ...p, sector: { ...p.sector, commC: flip(p.sector.commC) } })), [pub(S1)], err("WrongCommR")),
  verifyWin("invalid_verify_winning_wrong_sector", "the proof of sector 1 checked as sector 2 with the same CommR: other leaves", WIN, [{ ...pub(S1), sectorNumber: "2" }], err("OpeningWrongIndex")),
  verifyWin("invalid_verify_winning_two_sectors", "two sectors: a Winning PoSt proves one", WIN, [pub(S1), pub(S42)], err("WrongSectorSet")),
  verifyWin("invalid_verify_winning_missing_opening", "65 openings", editWin((p) => ({ ...p, sector: { ...p.sector, openings: p.sector.openings.slice(0, 65) } })), [pub(S1)], err("WrongOpeningCount")),
  verifyWin("invalid_verify_winning_window_proof_id", "the proof's type changed to a Window PoSt (10)", editWin((p) => ({ ...p, proofId: 10 })), [pub(S1)], err("WrongPoStType")),
  verifyWin("invalid_verify_winning_window_proof", "a Window PoSt's bytes given as a Winning PoSt: another CBOR shape", W2, [pub(S1)], err("InvalidCborField"))
]

/** Every PoSt function case, in a fixed order. */
export const postCases: ReadonlyArray<FunctionCase> = [...challenges, ...window, ...winning]
