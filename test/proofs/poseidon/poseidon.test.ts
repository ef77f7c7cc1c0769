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

/** A node as filecoin-hashers' `PoseidonDomain`: the element's `to_repr` bytes. */
const node = (x: bigint): Uint8Array => frToRepr(x)
const hashNodes = (arity: number, nodes: ReadonlyArray<Uint8Array>): Uint8Array => Result.getOrThrow(poseidonHashNodes(arity, nodes))
/** filecoin-hashers' `u64s_to_u8s`: four limbs, each little-endian, least significant first. */
const u64sToU8s = (limbs: Limbs): Uint8Array => {
  const out = new Uint8Array(32)
  const view = new DataView(out.buffer)
  limbs.forEach((l, k) => view.setBigUint64(8 * k, l, true))
  return out
}

describe("known answers: filecoin-hashers (filecoin-project/rust-fil-proofs filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0)", () => {
  it("test_poseidon_hasher: binary tree over leaves [1, 0, 0, 1]; node 4 = H(1, 0), root = H(H(1, 0), H(0, 1))", () => {
    // the tree's leaves are the nodes themselves (`leaf(leaf) = leaf`); inner nodes are
    // `node(left, right)` = `shared_hash_frs([left, right])` = Poseidon arity 2 (MerkleTree)
    const leaves = [node(1n), node(0n), node(0n), node(1n)]
    const i1 = hashNodes(2, [leaves[0]!, leaves[1]!])
    const i2 = hashNodes(2, [leaves[2]!, leaves[3]!])
    expect(i1).toEqual(u64sToU8s([0xb339ff6079800b5en, 0xec5907b3dc3094afn, 0x93c003cc74a24f26n, 0x042f94ffbe786bc3n]))
    expect(hashNodes(2, [i1, i2])).toEqual(
      u64sToU8s([0xefbb8be3e291e671n, 0x77cc72b8cb2b5ad2n, 0x30eb6385ae6b74aen, 0x1effebb7b26ad9ebn]))
  })

  it("test_hash_md: 71 ones folded with arity 36 (PoseidonMDArity = U36 in filecoin-hashers/src/types.rs)", () => {
    // hash_md: acc = x_0; for each chunk of 35 more: acc = Poseidon36(acc, chunk…) — 70 / 35 = 2 hashes
    const ones = Array.from({ length: 71 }, () => 1n)
    let acc = ones[0]!
    for (let i = 1; i < ones.length; i += 35) acc = Result.getOrThrow(poseidonHash(36, [acc, ...ones.slice(i, i + 35)]))
    expect(frToRepr(acc)).toEqual(u64sToU8s([0x351c54133b332c90n, 0xc26f6d625f4e8195n, 0x5fd9623643ed9622n, 0x59f42220e09ff6f7n]))
  })
})

/**
 * An independent permutation: @noble/curves' `poseidon` (its own round loop, matrix × vector) run
 * with our constants. It checks the round structure (which elements get S-boxes, where constants
 * are added, the MDS orientation) on random states; the constants themselves are checked in
 * constants.test.ts.
 */
describe("the permutation against @noble/curves' poseidon with the same constants", () => {
  for (const arity of [2, 8, 11]) {
    const c = Result.getOrThrow(poseidonConstants(arity))
    const oracle = noblePoseidon({
      Fp: bls12_381_Fr, t: c.width, roundsFull: c.fullRounds, roundsPartial: c.partialRounds, sboxPower: 5,
      mds: c.mds.map((row) => row.slice()), roundConstants: splitConstants(c.roundConstants.slice(), c.width)
    })
    const state = fc.array(fc.bigInt({ min: 0n, max: FR_MODULUS - 1n }), { minLength: c.width, maxLength: c.width })
    test.prop([state], { seed: 9100 + arity, numRuns: 10 })(`arity ${arity}`, (s) => {
      expect(poseidonPermutation(c, s)).toEqual(oracle(s))
    })
  }
})

describe("broken variants miss the known answer (the known-answer test can fail)", () => {
  const c = Result.getOrThrow(poseidonConstants(2))
  const expected = frFromU64s(NEPTUNE_HASH_VALUES[0]![1])
  const run = (variant: typeof c, tag: bigint): bigint => poseidonPermutation(variant, [tag, 0n, 1n])[1]!
  it("the right constants give it", () => expect(run(c, c.domainTag)).toBe(expected))
  it("domain tag 2^arity instead of 2^arity − 1", () => expect(run(c, 4n)).not.toBe(expected))
  it("one partial round fewer", () => expect(run({ ...c, partialRounds: c.partialRounds - 1 }, c.domainTag)).not.toBe(expected))
  it("MDS transposed-and-shifted (row i taken from row i + 1)", () => {
    const mds = c.mds.map((_, i) => c.mds[(i + 1) % c.width]!)
    expect(run({ ...c, mds }, c.domainTag)).not.toBe(expected)
  })
  it("output element 0 instead of element 1", () => expect(poseidonPermutation(c, [c.domainTag, 0n, 1n])[0]).not.toBe(expected))
})

describe("bad input: a typed error, inputs untouched", () => {
  it("wrong number of inputs", () => {
    const inputs = [1n, 2n, 3n]
    const r = poseidonHash(2, inputs)
    expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "PoseidonWrongInputCount", arity: 2, count: 3 })
    expect(inputs).toEqual([1n, 2n, 3n])
  })
  it("unsupported arity (0, 37, 2.5)", () => {
    for (const arity of [0, 37, 2.5]) {
      const r = poseidonHash(arity, [])
      expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "PoseidonUnsupportedArity", arity })
    }
  })
  it("an input outside [0, r) names its index", () => {
    for (const bad of [FR_MODULUS, -1n]) {
      const r = poseidonHash(2, [0n, bad])
      expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "PoseidonInputOutOfField", index: 1 })
    }
  })
  it("a non-canonical node (≥ r) names its index", () => {
    const nodes = [node(0n), new Uint8Array(32).fill(0xff)]
    const r = poseidonHashNodes(2, nodes)
    expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "FrNonCanonical", index: 1 })
    expect(nodes[1]).toEqual(new Uint8Array(32).fill(0xff))
  })
})
