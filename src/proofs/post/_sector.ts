/**
 * Proving and verifying one sector of a PoSt: the part Window and Winning PoSt share
 * (filecoin-project/rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0: the per-sector body of `prove_all_partitions` and of `verify`).
 *
 * @module
 */
import { Result } from "effect"
import { bytesEqual } from "../../impl/encoding/hex.js"
import {
  checkTreeLevels, type OpeningError, poseidonOpening, type PoseidonOpening, verifyPoseidonOpening
} from "../poseidon/opening.js"
import { commRFromRoots } from "../poseidon/tree.js"
import { sdrParams } from "../sdr/params.js"
import { SEAL_PROOFS } from "../sdr/porepId.js"
import { FaultySectors, WrongCommR, WrongOpeningCount, WrongPoStType } from "./errors.js"
import type { PublicSector, SealedReplica, SectorProof } from "./interface.js"
import type { PoStProofInfo, PoStType } from "./params.js"

/** Arity of tree_r_last: 8 for every registered proof (params.ts `treeArity`). */
export const TREE_R_LAST_ARITY = 8

/** Whether sectors of this size have a tree_r_last that is one 8-ary tree (no sub- or top-trees: params.ts). */
const singleTree = (sectorSize: number): boolean => {
  const seal = SEAL_PROOFS.find((p) => p.sectorSize === sectorSize)
  if (seal === undefined) return false
  const p = sdrParams(seal)
  return p.treeArity === TREE_R_LAST_ARITY && p.subTreeArity === 0 && p.topTreeArity === 0
}

/** The proof if it is of `type` and of a size with a single-tree shape, else {@link WrongPoStType}. */
export const _checkPoStProof = (proof: PoStProofInfo, type: PoStType): Result.Result<PoStProofInfo, WrongPoStType> => {
  // a PoSt of the kind asked for
  if (proof.type !== type) return Result.fail(new WrongPoStType({ proofId: proof.id, reason: `${proof.name} is not a ${type} PoSt` }))
  // tree_r_last is a single 8-ary tree
  if (!singleTree(proof.sectorSize)) {
    return Result.fail(new WrongPoStType({ proofId: proof.id, reason: `${proof.name}: sectors of ${proof.sectorSize} bytes have sub-trees, not supported` }))
  }
  return Result.succeed(proof)
}

/** The sector numbers in ascending order if they are distinct u64s, else the reason they are not. */
export const _sortedSectorNumbers = (numbers: ReadonlyArray<bigint>): Result.Result<ReadonlyArray<bigint>, string> => {
  if (numbers.length === 0) return Result.fail("the sector set is empty")
  const sorted = [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]! < 0n || sorted[i]! >= 1n << 64n) return Result.fail(`sector number ${sorted[i]} is not a u64`)
    if (i > 0 && sorted[i] === sorted[i - 1]) return Result.fail(`sector ${sorted[i]} appears twice`)
  }
  return Result.succeed(sorted)
}

/**
 * The proof of one sector at the given leaves, or why the sector is faulty: tree_r_last is not a
 * tree of the sector's size, its root is not comm_r_last, or Poseidon(comm_c, comm_r_last) is
 * not CommR.  The openings are read from the levels without hashing; the verifier hashes them.
 */
export const _proveSector = (
  replica: SealedReplica, sectorNodes: number, leaves: ReadonlyArray<number>
): Result.Result<SectorProof, FaultySectors> => {
  const faulty = (reason: string) => Result.fail(new FaultySectors({ sectors: [replica.sectorNumber], reason }))
  const n = checkTreeLevels(replica.treeRLast, TREE_R_LAST_ARITY)
  // tree_r_last is an 8-ary tree over the sector's nodes
  if (Result.isFailure(n)) return faulty(`tree_r_last: ${n.failure.reason}`)
  if (n.success !== sectorNodes) return faulty(`tree_r_last has ${n.success} leaves, the sector ${sectorNodes} nodes`)
  // its root is comm_r_last
  if (!bytesEqual(replica.treeRLast[replica.treeRLast.length - 1]!, replica.commRLast)) return faulty("tree_r_last's root is not comm_r_last")
  // CommR = H(comm_c, comm_r_last)
  const commR = commRFromRoots(replica.commC, replica.commRLast)
  if (Result.isFailure(commR) || !bytesEqual(commR.success, replica.commR)) return faulty("Poseidon(comm_c, comm_r_last) is not CommR")
  const openings: Array<PoseidonOpening> = []
  for (const leaf of leaves) {
    const o = poseidonOpening(replica.treeRLast, TREE_R_LAST_ARITY, leaf)
    if (Result.isFailure(o)) return faulty(`no opening of leaf ${leaf}`)
    openings.push(o.success)
  }
  return Result.succeed({ commC: replica.commC.slice(), commRLast: replica.commRLast.slice(), openings })
}

/**
 * Verifies one sector's proof against its public CommR and challenged leaves: CommR =
 * Poseidon(comm_c, comm_r_last), one opening per challenge, each opening of comm_r_last at the
 * challenged leaf with a path of the right length.
 */
export const _verifySector = (
  sector: PublicSector, proof: SectorProof, sectorNodes: number, leaves: ReadonlyArray<number>
): Result.Result<void, WrongCommR | WrongOpeningCount | OpeningError> => {
  // H(comm_c || comm_r_last) == comm_r
  const commR = commRFromRoots(proof.commC, proof.commRLast)
  if (Result.isFailure(commR) || !bytesEqual(commR.success, sector.commR)) return Result.fail(new WrongCommR({ sectorNumber: sector.sectorNumber }))
  // one inclusion proof per challenge
  if (proof.openings.length !== leaves.length) {
    return Result.fail(new WrongOpeningCount({ sectorNumber: sector.sectorNumber, expected: leaves.length, actual: proof.openings.length }))
  }
  for (let n = 0; n < leaves.length; n++) {
    // each opens comm_r_last at the challenged leaf
    const ok = verifyPoseidonOpening(proof.openings[n]!, {
      arity: TREE_R_LAST_ARITY, leaves: sectorNodes, index: leaves[n]!, root: proof.commRLast,
      at: `sector ${sector.sectorNumber}, challenge ${n} (leaf ${leaves[n]})`
    })
    if (Result.isFailure(ok)) return Result.fail(ok.failure)
  }
  return Result.succeed(undefined)
}
