/**
 * The constants of one Poseidon instance as Filecoin uses it: neptune's
 * `PoseidonConstants::<Fr, A>::new()` — `Strength::Standard`, `HashType::MerkleTree` — for an arity A.
 *
 * - width t = A + 1 (the domain tag takes element 0);
 * - round numbers R_F, R_P (`./roundNumbers.ts`);
 * - t · (R_F + R_P) round constants from the Grain LFSR (`./grain.ts`);
 * - the t × t Cauchy MDS matrix (`./mds.ts`);
 * - the domain tag of `HashType::MerkleTree`, 2^A − 1 (every leaf present).
 *
 * neptune also precomputes the "optimised" constants (compressed round constants, sparse matrices)
 * from these; they give the same hash (its test `hash_values` checks the three modes agree), so the
 * plain constants are all the reference needs.
 *
 * Sources: argumentcomputer/neptune src/poseidon.rs @ v11.0.0 (`PoseidonConstants::new`,
 * `new_with_strength_and_type`, `impl_arity!` / `Arity::tag`), src/hash_type.rs @ v11.0.0
 * (`HashType::domain_tag`: MerkleTree → `A::tag()` = 2^arity − 1); filecoin-project/rust-fil-proofs
 * filecoin-hashers/src/types.rs @ filecoin-hashers-v14.1.0 (`POSEIDON_CONSTANTS_{2,4,8,11,16,24,36}`
 * are all `PoseidonConstants::new()`).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { grainRoundConstants } from "./grain.js"
import { cauchyMds } from "./mds.js"
import type { PoseidonConstants } from "./interface.js"
import { roundNumbers } from "./roundNumbers.js"

/** Smallest arity neptune implements (`impl_arity!` starts at U1). @since 0.1.0 */
export const MIN_ARITY = 1
/** Largest arity neptune implements (`impl_arity!` ends at U36). @since 0.1.0 */
export const MAX_ARITY = 36

/**
 * An arity neptune has no constants for (not an integer in 1..36).
 *
 * @category errors
 * @since 0.1.0
 */
export class PoseidonUnsupportedArity extends Data.TaggedError("PoseidonUnsupportedArity")<{
  readonly arity: number
}> {}

const cache = new Map<number, PoseidonConstants>()

/**
 * The `Strength::Standard`, `HashType::MerkleTree` constants for `arity`, built once and kept
 * (the Grain LFSR and the round-number search take some milliseconds).
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { poseidonConstants } from "./constants.js"
 * const { width, fullRounds, partialRounds, roundConstants, domainTag } = Result.getOrThrow(poseidonConstants(2))
 * ;[width, fullRounds, partialRounds, roundConstants.length, domainTag] // => [3, 8, 55, 189, 3n]
 * ```
 * @since 0.1.0
 */
export const poseidonConstants = (arity: number): Result.Result<PoseidonConstants, PoseidonUnsupportedArity> => {
  if (!Number.isInteger(arity) || arity < MIN_ARITY || arity > MAX_ARITY) {
    return Result.fail(new PoseidonUnsupportedArity({ arity }))
  }
  const known = cache.get(arity)
  if (known !== undefined) return Result.succeed(known)
  const width = arity + 1
  const { fullRounds, partialRounds } = roundNumbers(arity)
  const built: PoseidonConstants = {
    arity,
    width,
    fullRounds,
    partialRounds,
    roundConstants: grainRoundConstants(width, fullRounds, partialRounds),
    mds: cauchyMds(width),
    // 2^arity − 1
    domainTag: (1n << BigInt(arity)) - 1n
  }
  cache.set(arity, built)
  return Result.succeed(built)
}
