import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { FR_MODULUS, frFromU64s, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonHashNodes } from "../../../src/proofs/poseidon/poseidon.js"
import {
  bytesToLeaves, columnHash, commRFromRoots, poseidonTreeLayers, poseidonTreeRoot, treeCLeaves
} from "../../../src/proofs/poseidon/tree.js"
import { failureOf } from "../_helpers.js"

type Limbs = readonly [bigint, bigint, bigint, bigint]
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const node = (x: bigint): Uint8Array => frToRepr(x)
const limbs = (l: Limbs): Uint8Array => frToRepr(frFromU64s(l))
const iota = (n: number): Array<Uint8Array> => Array.from({ length: n }, (_, i) => node(BigInt(i)))

/**
 * argumentcomputer/neptune src/poseidon.rs @ v11.0.0, test `hash_values` (Strength::Standard,
 * `HashType::MerkleTree`): Poseidon(0, 1, …, A − 1) for arity A, as four 64-bit limbs, least
 * significant first. A one-layer tree over leaves 0 … A − 1 has exactly this root, and a column
 * of labels 0 … A − 1 this hash.
 */
const NEPTUNE: ReadonlyMap<number, Limbs> = new Map<number, Limbs>([
  [2, [0x2e203c369a02e7ffn, 0xa6fba9339d05a69dn, 0x739e0fd902efe161n, 0x396508d75e76a56bn]],
  [4, [0x019814ff6662075dn, 0xfb6b4605bf1327ecn, 0x00db3c6579229399n, 0x58a54b10a9e5848an]],
  [8, [0x2a9934f56d38a5e6n, 0x4b682e9d9cc4aed9n, 0x1201004211677077n, 0x2394611da3a5de55n]],
  [11, [0xcee3bbc32b693163n, 0x09f3dcd8ccb08fc1n, 0x6ca537e232ebe87an, 0x0c0fc1b2e5227f28n]],
  [16, [0x1291c74060266d37n, 0x5b8dbc6d30680a6fn, 0xc1c2fb5a6f871e63n, 0x2d3ae2663381ae8an]]
])

describe("known answers", () => {
  it("filecoin-hashers test_poseidon_hasher (rust-fil-proofs filecoin-hashers/src/poseidon.rs @ filecoin-hashers-v14.1.0): merkletree U2 over [1, 0, 0, 1]", () => {
    // MerkleTree::<PoseidonDomain, PoseidonFunction, VecStore<_>, U2>::new(leaves); read_at(4) = H(1, 0), read_at(6) = root
    const layers = ok(poseidonTreeLayers(2, [node(1n), node(0n), node(0n), node(1n)]))
    expect(layers.map((l) => l.length)).toEqual([4, 2, 1])
    expect(layers[1]![0]).toEqual(limbs([0xb339ff6079800b5en, 0xec5907b3dc3094afn, 0x93c003cc74a24f26n, 0x042f94ffbe786bc3n]))
    expect(layers[2]![0]).toEqual(limbs([0xefbb8be3e291e671n, 0x77cc72b8cb2b5ad2n, 0x30eb6385ae6b74aen, 0x1effebb7b26ad9ebn]))
  })

  for (const arity of [2, 4, 8, 16]) {
    it(`a one-layer ${arity}-ary tree over leaves 0 … ${arity - 1} has neptune's hash_values digest as root`, () => {
      expect(ok(poseidonTreeRoot(arity, iota(arity)))).toEqual(limbs(NEPTUNE.get(arity)!))
    })
  }

  for (const size of [2, 11]) {
    it(`column hash of ${size} labels 0 … ${size - 1} is neptune's hash_values digest (hash_single_column uses POSEIDON_CONSTANTS_${size})`, () => {
      expect(ok(columnHash(iota(size)))).toEqual(limbs(NEPTUNE.get(size)!))
    })
  }
})

describe("tree_c leaves and CommR", () => {
  const H10 = limbs([0xb339ff6079800b5en, 0xec5907b3dc3094afn, 0x93c003cc74a24f26n, 0x042f94ffbe786bc3n])
  it("CommR = hash2(comm_c, comm_r_last): hash2 and node share POSEIDON_CONSTANTS_2, so hash2(1, 0) is test_poseidon_hasher's H(1, 0)", () => {
    expect(ok(commRFromRoots(node(1n), node(0n)))).toEqual(H10)
  })
  it("broken variant: comm_r_last first misses it", () => {
    expect(ok(commRFromRoots(node(0n), node(1n)))).not.toEqual(H10)
  })
  it("column 0 of layers whose node 0 labels are 0 and 1 hashes to neptune's arity-2 digest; column j reads node j of each layer", () => {
    const layer1 = new Uint8Array(2048)
    const layer2 = new Uint8Array(2048)
    layer2[0] = 1
    layer1[32 * 5] = 1 // column 5 = (1, 0)
    const leaves = ok(treeCLeaves([layer1, layer2]))
    expect(leaves.length).toBe(64)
    expect(leaves[0]).toEqual(limbs(NEPTUNE.get(2)!))
    expect(leaves[5]).toEqual(H10)
    expect(leaves[1]).toEqual(ok(columnHash([node(0n), node(0n)])))
  })
  it("bad layers: a typed error", () => {
    expect(failureOf(treeCLeaves([new Uint8Array(64)]))).toMatchObject({ _tag: "UnsupportedColumnSize", size: 1 })
    expect(failureOf(treeCLeaves([new Uint8Array(33), new Uint8Array(33)]))).toMatchObject({ _tag: "InvalidTreeDataLength", length: 33 })
    expect(failureOf(treeCLeaves([new Uint8Array(64), new Uint8Array(32)]))).toMatchObject({ _tag: "LayerLengthMismatch", layer: 2, length: 32, expected: 64 })
    expect(failureOf(commRFromRoots(new Uint8Array(31), node(0n)))).toMatchObject({ _tag: "FrNonCanonical", index: 0, length: 31 })
  })
})

describe("structure (hand-composed with poseidonHashNodes: a structural check, not an independent answer)", () => {
  const h = (arity: number, nodes: ReadonlyArray<Uint8Array>): Uint8Array => ok(poseidonHashNodes(arity, nodes))

  it("2 KiB tree_r_last shape: 64 leaves, 8-ary, root = H8(H8(leaves 0…7), …, H8(leaves 56…63))", () => {
    const leaves = Array.from({ length: 64 }, (_, i) => node(BigInt(i * i + 7)))
    const mids = Array.from({ length: 8 }, (_, j) => h(8, leaves.slice(8 * j, 8 * j + 8)))
    const layers = ok(poseidonTreeLayers(8, leaves))
    expect(layers.map((l) => l.length)).toEqual([64, 8, 1])
    expect(layers[1]).toEqual(mids)
    expect(ok(poseidonTreeRoot(8, leaves))).toEqual(h(8, mids))
  })

  it("bytesToLeaves reads node i from bytes 32i … 32i + 31 (2 KiB → 64 leaves)", () => {
    const bytes = new Uint8Array(2048)
    for (let i = 0; i < 64; i++) bytes[32 * i] = i
    const leaves = ok(bytesToLeaves(bytes))
    expect(leaves).toEqual(iota(64))
  })

  test.prop([fc.array(fc.bigInt({ min: 0n, max: FR_MODULUS - 1n }), { minLength: 16, maxLength: 16 })], { seed: 8801, numRuns: 20 })(
    "a 4-ary tree of 16 leaves is H4 of its four 4-leaf subtrees' roots", (xs) => {
      const leaves = xs.map(node)
      const subRoots = [0, 1, 2, 3].map((j) => ok(poseidonTreeRoot(4, leaves.slice(4 * j, 4 * j + 4))))
      expect(ok(poseidonTreeRoot(4, leaves))).toEqual(h(4, subRoots))
    })
})

describe("broken variants miss the known answer (the known-answer tests can fail)", () => {
  const expected = limbs([0xefbb8be3e291e671n, 0x77cc72b8cb2b5ad2n, 0x30eb6385ae6b74aen, 0x1effebb7b26ad9ebn])
  it("children swapped within each pair (leaves [0, 1, 1, 0])", () => {
    expect(ok(poseidonTreeRoot(2, [node(0n), node(1n), node(1n), node(0n)]))).not.toEqual(expected)
  })
  it("a 4-ary tree over the same leaves", () => {
    expect(ok(poseidonTreeRoot(4, [node(1n), node(0n), node(0n), node(1n)]))).not.toEqual(expected)
  })
  it("a column in reverse layer order", () => {
    expect(ok(columnHash(iota(2).reverse()))).not.toEqual(limbs(NEPTUNE.get(2)!))
  })
})

describe("bad input: a typed error, inputs untouched", () => {
  it("arities merkletree/multi_node do not build with (3, 11, 0)", () => {
    for (const a of [3, 11, 0]) expect(failureOf(poseidonTreeRoot(a, iota(9)))).toMatchObject({ _tag: "UnsupportedTreeArity", arity: a })
  })
  it("leaf counts that are not arity^k, k ≥ 1 (0, 1, 3, 16 and 63 for arity 8)", () => {
    for (const n of [0, 1, 3, 16, 63]) {
      expect(failureOf(poseidonTreeLayers(8, iota(n)))).toMatchObject({ _tag: "InvalidLeafCount", arity: 8, leaves: n })
    }
  })
  it("a non-canonical leaf (r itself) or a 31-byte leaf names its index", () => {
    const leaves = iota(8)
    const bad = new Uint8Array(32)
    let r = FR_MODULUS
    for (let i = 0; i < 32; i++, r >>= 8n) bad[i] = Number(r & 0xffn)
    leaves[5] = bad
    expect(failureOf(poseidonTreeRoot(8, leaves))).toMatchObject({ _tag: "FrNonCanonical", index: 5 })
    leaves[5] = new Uint8Array(31)
    expect(failureOf(poseidonTreeRoot(8, leaves))).toMatchObject({ _tag: "FrNonCanonical", index: 5, length: 31 })
    expect(failureOf(columnHash([node(0n), bad]))).toMatchObject({ _tag: "FrNonCanonical", index: 1 })
  })
  it("column sizes other than 2 or 11", () => {
    for (const n of [0, 1, 3, 8]) expect(failureOf(columnHash(iota(n)))).toMatchObject({ _tag: "UnsupportedColumnSize", size: n })
  })
  it("data that is not whole nodes", () => {
    expect(failureOf(bytesToLeaves(new Uint8Array(33)))).toMatchObject({ _tag: "InvalidTreeDataLength", length: 33 })
    expect(ok(bytesToLeaves(new Uint8Array(64))).length).toBe(2)
  })
  it("the leaves are not modified, and the layers do not alias them", () => {
    const leaves = iota(8)
    const copy = leaves.map((l) => l.slice())
    const layers = ok(poseidonTreeLayers(8, leaves))
    layers[0]![0]![0] = 42
    expect(leaves).toEqual(copy)
  })
})
