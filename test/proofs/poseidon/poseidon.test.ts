import { fc, test } from "@fast-check/vitest"
import { bls12_381_Fr } from "@noble/curves/bls12-381.js"
import { poseidon as noblePoseidon, splitConstants } from "@noble/curves/abstract/poseidon.js"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { poseidonConstants } from "../../../src/proofs/poseidon/constants.js"
import { FR_MODULUS, frFromU64s, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonHash, poseidonHashNodes, poseidonPermutation } from "../../../src/proofs/poseidon/poseidon.js"

type Limbs = readonly [bigint, bigint, bigint, bigint]

/**
 * argumentcomputer/neptune src/poseidon.rs @ v11.0.0, test `hash_values` (`hash_values_aux`,
 * `Strength::Standard`): `PoseidonConstants::<Fr, A>::new()` (MerkleTree), inputs 0, 1, …, A − 1,
 * expected digest as `scalar_from_u64s([…])` (four 64-bit limbs, least significant first).
 * neptune asserts the same digest for its Correct, OptimizedDynamic and OptimizedStatic modes.
 */
const NEPTUNE_HASH_VALUES: ReadonlyArray<readonly [number, Limbs]> = [
  [2, [0x2e203c369a02e7ffn, 0xa6fba9339d05a69dn, 0x739e0fd902efe161n, 0x396508d75e76a56bn]],
  [4, [0x019814ff6662075dn, 0xfb6b4605bf1327ecn, 0x00db3c6579229399n, 0x58a54b10a9e5848an]],
  [8, [0x2a9934f56d38a5e6n, 0x4b682e9d9cc4aed9n, 0x1201004211677077n, 0x2394611da3a5de55n]],
  [11, [0xcee3bbc32b693163n, 0x09f3dcd8ccb08fc1n, 0x6ca537e232ebe87an, 0x0c0fc1b2e5227f28n]],
  [16, [0x1291c74060266d37n, 0x5b8dbc6d30680a6fn, 0xc1c2fb5a6f871e63n, 0x2d3ae2663381ae8an]],
  [24, [0xd7ef3569f585b321n, 0xc3e779f6468815b1n, 0x066f39bf783f3d9fn, 0x63beb8831f11ae15n]],
  [36, [0x4473606dfa4e8140n, 0x75cd368df8a8ac3cn, 0x540a30e03c10bbaan, 0x699303082a6e5d5fn]]
]

const iota = (n: number): Array<bigint> => Array.from({ length: n }, (_, i) => BigInt(i))

describe("known answers: neptune hash_values (src/poseidon.rs @ v11.0.0, Strength::Standard)", () => {
  for (const [arity, limbs] of NEPTUNE_HASH_VALUES) {
    it(`arity ${arity}: Poseidon(0, 1, …, ${arity - 1})`, () => {
      expect(Result.getOrThrow(poseidonHash(arity, iota(arity)))).toBe(frFromU64s(limbs))
    })
  }
})
