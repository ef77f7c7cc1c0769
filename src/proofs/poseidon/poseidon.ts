/**
 * The Poseidon hash as Filecoin computes it (neptune, BLS12-381 Fr, `Strength::Standard`,
 * `HashType::MerkleTree`), written as the plain permutation — neptune's `HashMode::Correct`:
 *
 *     state = [domain tag, x_1, …, x_A]
 *     R_F/2 full rounds:   add t round constants, x^5 on every element, state × MDS
 *     R_P partial rounds:  add t round constants, x^5 on element 0 only, state × MDS
 *     R_F/2 full rounds
 *     output state[1]
 *
 * neptune hashes with its optimised mode (`OptimizedStatic`: round constants folded forward,
 * sparse matrices in the partial rounds); its test `hash_values` checks that mode against this one,
 * so the outputs are the same.
 *
 * Sources: argumentcomputer/neptune src/poseidon_alt.rs @ v11.0.0 (`hash_correct`, `full_round`,
 * `partial_round`, `add_round_constants`), src/poseidon.rs @ v11.0.0 (`new_with_preimage`: for
 * `MerkleTree` exactly A inputs after the tag; `extract_output` = `elements[1]`), src/lib.rs @
 * v11.0.0 (`quintic_s_box`); filecoin-project/rust-fil-proofs filecoin-hashers/src/poseidon.rs @
 * filecoin-hashers-v14.1.0 (`shared_hash_frs`, `hash2`, `hash_md`, nodes as `to_repr` bytes).
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { poseidonConstants, type PoseidonUnsupportedArity } from "./constants.js"
import { FR_MODULUS, frFromRepr, type FrNonCanonical, frToRepr } from "./field.js"
import type { PoseidonConstants } from "./interface.js"
import { mdsMultiply } from "./mds.js"

/**
 * A hash given a number of inputs other than its arity (`HashType::MerkleTree` takes exactly A).
 *
 * @category errors
 * @since 0.1.0
 */
export class PoseidonWrongInputCount extends Data.TaggedError("PoseidonWrongInputCount")<{
  readonly arity: number
  readonly count: number
}> {}

/**
 * An input that is not a field element (a `bigint` outside [0, r)).
 *
 * @category errors
 * @since 0.1.0
 */
export class PoseidonInputOutOfField extends Data.TaggedError("PoseidonInputOutOfField")<{
  readonly index: number
}> {}

/** x^5 mod r: x², x⁴, x⁴ · x (neptune's `quintic_s_box`). */
const quinticSBox = (x: bigint): bigint => {
  const x2 = (x * x) % FR_MODULUS
  const x4 = (x2 * x2) % FR_MODULUS
  return (x4 * x) % FR_MODULUS
}

/**
 * The Poseidon permutation of a full state (length t, elements in [0, r)), as a new array.
 * Exposed for tests and for the native binding's cross-checks.
 *
 * @since 0.1.0
 */
export const poseidonPermutation = (c: PoseidonConstants, initial: ReadonlyArray<bigint>): Array<bigint> => {
  const t = c.width
  const half = c.fullRounds / 2
  let state = initial.slice()
  let offset = 0
  const addRoundConstants = (): void => {
    for (let i = 0; i < t; i++) state[i] = (state[i]! + c.roundConstants[offset + i]!) % FR_MODULUS
    offset += t
  }
  const fullRound = (): void => {
    addRoundConstants()
    state = state.map(quinticSBox)
    state = mdsMultiply(c.mds, state)
  }
  const partialRound = (): void => {
    addRoundConstants()
    state[0] = quinticSBox(state[0]!)
    state = mdsMultiply(c.mds, state)
  }
  for (let r = 0; r < half; r++) fullRound()
  for (let r = 0; r < c.partialRounds; r++) partialRound()
  for (let r = 0; r < half; r++) fullRound()
  return state
}

/**
 * Poseidon of exactly `arity` field elements with the `HashType::MerkleTree` domain tag, as
 * neptune's `Poseidon::new_with_preimage(inputs, &PoseidonConstants::new()).hash()`.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { poseidonHash } from "./poseidon.js"
 * // neptune src/poseidon.rs @ v11.0.0, test `hash_values`, Strength::Standard, arity 2, inputs [0, 1]
 * Result.getOrThrow(poseidonHash(2, [0n, 1n])) // => 0x396508d75e76a56b739e0fd902efe161a6fba9339d05a69d2e203c369a02e7ffn
 * ```
 * @since 0.1.0
 */
export const poseidonHash = (
  arity: number,
  inputs: ReadonlyArray<bigint>
): Result.Result<bigint, PoseidonUnsupportedArity | PoseidonWrongInputCount | PoseidonInputOutOfField> =>
  Result.flatMap(poseidonConstants(arity), (c): Result.Result<bigint, PoseidonWrongInputCount | PoseidonInputOutOfField> => {
    if (inputs.length !== arity) return Result.fail(new PoseidonWrongInputCount({ arity, count: inputs.length }))
    const bad = inputs.findIndex((x) => x < 0n || x >= FR_MODULUS)
    if (bad >= 0) return Result.fail(new PoseidonInputOutOfField({ index: bad }))
    return Result.succeed(poseidonPermutation(c, [c.domainTag, ...inputs])[1]!)
  })

/**
 * Poseidon over 32-byte nodes (canonical little-endian reprs), giving a 32-byte node: the form
 * filecoin-hashers' `PoseidonFunction` hashes Merkle nodes in (`multi_node`, `hash2`).
 *
 * @since 0.1.0
 */
export const poseidonHashNodes = (
  arity: number,
  nodes: ReadonlyArray<Uint8Array>
): Result.Result<Uint8Array, PoseidonUnsupportedArity | PoseidonWrongInputCount | PoseidonInputOutOfField | FrNonCanonical> => {
  const elements: Array<bigint> = []
  for (let i = 0; i < nodes.length; i++) {
    const e = frFromRepr(nodes[i]!, i)
    if (Result.isFailure(e)) return Result.fail(e.failure)
    elements.push(e.success)
  }
  return Result.map(poseidonHash(arity, elements), frToRepr)
}
