/**
 * The typed failures of proving and verifying a vanilla PoSt, each naming what failed.  Failures
 * of single openings are the opening module's (`OpeningBadPath`, `OpeningWrongIndex`,
 * `OpeningWrongRoot`, `OpeningWrongPathLength`, `OpeningMalformed`), carrying the sector and
 * challenge in `at`.
 *
 * The checks follow `FallbackPoSt::verify` and `prove_all_partitions` in
 * filecoin-project/rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0.
 *
 * @module
 */
import { Data } from "effect"

/**
 * A sector set the PoSt cannot be over: empty, a sector number repeated or not a u64, more or
 * fewer sectors than a Winning PoSt proves, or a proof's sector count that does not match.
 *
 * @category errors
 */
export class WrongSectorSet extends Data.TaggedError("WrongSectorSet")<{
  readonly reason: string
}> {}

/**
 * A PoSt proof type used for the other kind of PoSt, or one whose sector size has a tree shape
 * other than a single 8-ary tree (32 and 64 GiB sectors have sub-trees, not supported here).
 *
 * @category errors
 */
export class WrongPoStType extends Data.TaggedError("WrongPoStType")<{
  readonly proofId: number
  readonly reason: string
}> {}

/**
 * A Window PoSt with another number of partitions than ⌈sectors / sectors per partition⌉.
 *
 * @category errors
 */
export class WrongPartitionCount extends Data.TaggedError("WrongPartitionCount")<{
  readonly expected: number
  readonly actual: number
}> {}

/**
 * A partition with other than `sectorCount` sector proofs ("invalid number of sectors in the
 * partition proof").
 *
 * @category errors
 */
export class WrongSectorProofCount extends Data.TaggedError("WrongSectorProofCount")<{
  readonly partition: number
  readonly expected: number
  readonly actual: number
}> {}

/**
 * A sector proof whose Poseidon(comm_c, comm_r_last) is not the sector's CommR
 * ("hash(comm_c || comm_r_last) != comm_r").
 *
 * @category errors
 */
export class WrongCommR extends Data.TaggedError("WrongCommR")<{
  readonly sectorNumber: bigint
}> {}

/**
 * A sector proof with another number of openings than challenges ("unexpected number of
 * inclusion proofs").
 *
 * @category errors
 */
export class WrongOpeningCount extends Data.TaggedError("WrongOpeningCount")<{
  readonly sectorNumber: bigint
  readonly expected: number
  readonly actual: number
}> {}

/**
 * Sectors the prover cannot prove (`Error::FaultySectors`): tree_r_last's levels are not a tree,
 * their root is not comm_r_last, or Poseidon(comm_c, comm_r_last) is not CommR.
 *
 * @category errors
 */
export class FaultySectors extends Data.TaggedError("FaultySectors")<{
  readonly sectors: ReadonlyArray<bigint>
  readonly reason: string
}> {}
