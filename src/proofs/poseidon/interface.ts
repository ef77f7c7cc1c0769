/**
 * Public types of Filecoin's Poseidon (no code here): the round numbers and the constants of one
 * instance, as neptune's `PoseidonConstants` holds them for `Strength::Standard` and
 * `HashType::MerkleTree`.
 *
 * Source: argumentcomputer/neptune src/poseidon.rs @ v11.0.0 (`PoseidonConstants`).
 *
 * @module
 */

/** Full and partial round counts of one Poseidon instance. @since 0.1.0 */
export interface RoundNumbers {
  /** R_F: full rounds, half before the partial rounds and half after. */
  readonly fullRounds: number
  /** R_P: partial rounds (one S-box each). */
  readonly partialRounds: number
}

/** Everything one Poseidon permutation of a given arity needs. @since 0.1.0 */
export interface PoseidonConstants extends RoundNumbers {
  readonly arity: number
  /** t = arity + 1. */
  readonly width: number
  /** t · (R_F + R_P) constants, t per round, in round order. */
  readonly roundConstants: ReadonlyArray<bigint>
  /** t × t, row i column j. */
  readonly mds: ReadonlyArray<ReadonlyArray<bigint>>
  /** Element 0 of the state: 2^arity − 1 (`HashType::MerkleTree`). */
  readonly domainTag: bigint
}
