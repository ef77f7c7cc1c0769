/**
 * Native Fr and Poseidon (Montgomery limbs, optimised rounds) against the TypeScript reference
 * (`src/proofs/poseidon`, the plain permutation on `bigint`) and against neptune's own known
 * answers, on both Fr multiplication paths this machine can run (ADX assembly, portable C++).
 */
import { fc, test } from "@fast-check/vitest"
import * as Result from "effect/Result"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { NativeInvalidArgument, NativeNonCanonical } from "../../../src/proofs/native/index.js"
import { nativeColumnHashes, nativePoseidonHashNodes, nativePoseidonTreeLevels } from "../../../src/proofs/native/poseidonNative.js"
import { FR_MODULUS, frFromRepr, frFromU64s, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonHashNodes } from "../../../src/proofs/poseidon/poseidon.js"
import { poseidonTreeLayers, treeCLeaves } from "../../../src/proofs/poseidon/tree.js"
import { hex, native, skipReason } from "./_reference.js"

const paths = native === undefined ? ["none"] : ["portable", ...(native.setFrMulPath("adx") ? ["adx"] : [])]
native?.setFrMulPath("auto")

/** A field element: edge values (0, 1, r − 1, 2^254 − 1 mod r …) mixed with uniform ones. */
const element = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, FR_MODULUS - 1n, FR_MODULUS - 2n, (1n << 254n) % FR_MODULUS, (1n << 64n) - 1n),
  fc.bigInt({ min: 0n, max: FR_MODULUS - 1n })
)
const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) out.set(p, (o += p.length) - p.length)
  return out
}
const nodesOf = (xs: ReadonlyArray<bigint>): Uint8Array => concat(xs.map(frToRepr))
const split = (flat: Uint8Array): Array<Uint8Array> => Array.from({ length: flat.length / 32 }, (_, i) => flat.subarray(32 * i, 32 * i + 32))

/**
 * argumentcomputer/neptune src/poseidon.rs @ v11.0.0, test `hash_values` (Strength::Standard,
 * MerkleTree): Poseidon(0, 1, …, A − 1) as four 64-bit limbs, least significant first.
 */
const NEPTUNE_HASH_VALUES: ReadonlyArray<readonly [number, readonly [bigint, bigint, bigint, bigint]]> = [
  [2, [0x2e203c369a02e7ffn, 0xa6fba9339d05a69dn, 0x739e0fd902efe161n, 0x396508d75e76a56bn]],
  [4, [0x019814ff6662075dn, 0xfb6b4605bf1327ecn, 0x00db3c6579229399n, 0x58a54b10a9e5848an]],
  [8, [0x2a9934f56d38a5e6n, 0x4b682e9d9cc4aed9n, 0x1201004211677077n, 0x2394611da3a5de55n]],
  [11, [0xcee3bbc32b693163n, 0x09f3dcd8ccb08fc1n, 0x6ca537e232ebe87an, 0x0c0fc1b2e5227f28n]],
  [16, [0x1291c74060266d37n, 0x5b8dbc6d30680a6fn, 0xc1c2fb5a6f871e63n, 0x2d3ae2663381ae8an]]
]

describe.skipIf(native === undefined).each(paths)(`native Fr and Poseidon, multiplication %s${skipReason}`, (path) => {
  beforeAll(() => {
    expect(native!.setFrMulPath(path as "auto")).toBe(true)
    expect(native!.frMulPath()).toBe(path)
  })
  afterAll(() => {
    native!.setFrMulPath("auto")
  })

  test.prop([fc.array(fc.tuple(element, element), { minLength: 1, maxLength: 40 })], { seed: 20001, numRuns: 60 })(
    "frOp add, sub, mul equal bigint arithmetic mod r",
    (pairs) => {
      const a = nodesOf(pairs.map(([x]) => x))
      const b = nodesOf(pairs.map(([, y]) => y))
      const out = new Uint8Array(a.length)
      const expected: ReadonlyArray<(x: bigint, y: bigint) => bigint> = [
        (x, y) => (x + y) % FR_MODULUS,
        (x, y) => (x - y + FR_MODULUS) % FR_MODULUS,
        (x, y) => (x * y) % FR_MODULUS
      ]
      for (const op of [0, 1, 2] as const) {
        native!.frOp(op, a, b, out)
        expect(hex(out)).toBe(hex(nodesOf(pairs.map(([x, y]) => expected[op]!(x, y)))))
      }
    }
  )

  for (const [arity, limbs] of NEPTUNE_HASH_VALUES) {
    it(`arity ${arity}: Poseidon(0, 1, …, ${arity - 1}) equals neptune's hash_values`, () => {
      const input = nodesOf(Array.from({ length: arity }, (_, i) => BigInt(i)))
      expect(hex(Result.getOrThrow(nativePoseidonHashNodes(native!, arity, input)))).toBe(hex(frToRepr(frFromU64s(limbs))))
    })
  }

  test.prop(
    [fc.constantFrom(2, 4, 8, 11, 16).chain((a) => fc.tuple(fc.constant(a), fc.array(element, { minLength: a, maxLength: 5 * a })))],
    { seed: 20002, numRuns: 40 }
  )("hash of each arity-group equals the TypeScript permutation", ([arity, xs]) => {
    const groups = Math.floor(xs.length / arity)
    const input = nodesOf(xs.slice(0, groups * arity))
    const got = Result.getOrThrow(nativePoseidonHashNodes(native!, arity, input))
    const want = split(input).reduce<Array<Uint8Array>>((acc, _, i, all) => {
      if (i % arity === 0) acc.push(Result.getOrThrow(poseidonHashNodes(arity, all.slice(i, i + arity))))
      return acc
    }, [])
    expect(hex(got)).toBe(hex(concat(want)))
  })

  test.prop([fc.constantFrom(2, 8), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 ** 31 })], { seed: 20003, numRuns: 8 })(
    "tree levels equal poseidonTreeLayers (leaves first, root last)",
    (arity, depth, seed) => {
      const leaves = nodesOf(Array.from({ length: arity ** depth }, (_, i) => (BigInt(seed) * 7919n + BigInt(i) * 0x1234567n ** 5n) % FR_MODULUS))
      const got = Result.getOrThrow(nativePoseidonTreeLevels(native!, arity, leaves, 2))
      const want = Result.getOrThrow(poseidonTreeLayers(arity, split(leaves)))
      expect(got.map(hex)).toEqual(want.map((level) => hex(concat(level))))
    }
  )

  test.prop([fc.constantFrom(2, 11), fc.array(element, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2 ** 31 })], {
    seed: 20004,
    numRuns: 20
  })("column hashes equal treeCLeaves", (layerCount, column0, seed) => {
    const layers = Array.from({ length: layerCount }, (_, l) =>
      nodesOf(column0.map((x, j) => (x + BigInt(seed + l * 31 + j)) % FR_MODULUS)))
    const got = Result.getOrThrow(nativeColumnHashes(native!, layers, 2))
    expect(hex(got)).toBe(hex(concat(Result.getOrThrow(treeCLeaves(layers)))))
  })
})

describe.skipIf(native === undefined)(`native Poseidon on many nodes and threads${skipReason}`, () => {
  it("2 threads give the same 8-ary levels as 1 thread over 8^5 leaves (crossing the parallel threshold)", () => {
    const leaves = nodesOf(Array.from({ length: 8 ** 5 }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n) % FR_MODULUS))
    const one = Result.getOrThrow(nativePoseidonTreeLevels(native!, 8, leaves, 1))
    const two = Result.getOrThrow(nativePoseidonTreeLevels(native!, 8, leaves, 2))
    expect(two.map(hex)).toEqual(one.map(hex))
    // and the top levels agree with the reference built from level 2 (8^3 nodes) up
    const want = Result.getOrThrow(poseidonTreeLayers(8, split(one[2]!)))
    expect(one.slice(2).map(hex)).toEqual(want.map((l) => hex(concat(l))))
  })
})

describe.skipIf(native === undefined)(`native Poseidon errors${skipReason}`, () => {
  const r = frToRepr(FR_MODULUS - 1n)
  const bad = new Uint8Array(32).fill(0xff)

  it("a non-canonical node is FrNonCanonical with its index, as the reference reports it", () => {
    const input = concat([r, r, r, bad, r, r, r, r])
    const got = nativePoseidonHashNodes(native!, 2, input)
    expect(Result.isFailure(got) && got.failure).toMatchObject({ _tag: "FrNonCanonical", index: 3 })
    const tree = nativePoseidonTreeLevels(native!, 8, input)
    expect(Result.isFailure(tree) && tree.failure).toMatchObject({ _tag: "FrNonCanonical", index: 3 })
    // the reference: poseidonTreeLayers reports the leaf index too
    const ref = poseidonTreeLayers(8, split(input))
    expect(Result.isFailure(ref) && ref.failure).toMatchObject({ _tag: "FrNonCanonical", index: 3 })
  })

  it("r itself (the smallest non-canonical repr) is rejected, r − 1 accepted", () => {
    expect(Result.isSuccess(frFromRepr(r))).toBe(true)
    const rBytes = new Uint8Array(32)
    for (let i = 0, x = FR_MODULUS; i < 32; i++, x >>= 8n) rBytes[i] = Number(x & 0xffn)
    expect(Result.isFailure(nativePoseidonHashNodes(native!, 2, concat([r, rBytes])))).toBe(true)
    expect(Result.isSuccess(nativePoseidonHashNodes(native!, 2, concat([r, r])))).toBe(true)
  })

  it("a bad label in a column names the layer within the column, as columnHash does", () => {
    const l1 = concat([r, r, r])
    const l2 = concat([r, bad, r])
    const got = nativeColumnHashes(native!, [l1, l2])
    expect(Result.isFailure(got) && got.failure).toMatchObject({ _tag: "FrNonCanonical", index: 1 })
    const ref = treeCLeaves([l1, l2])
    expect(Result.isFailure(ref) && ref.failure).toMatchObject({ _tag: "FrNonCanonical", index: 1 })
  })

  it("shapes: arity, leaf count, column size and layer lengths fail with the reference's errors", () => {
    const leaves = new Uint8Array(32 * 16)
    expect(nativePoseidonTreeLevels(native!, 3, leaves)).toMatchObject({ failure: { _tag: "UnsupportedTreeArity", arity: 3 } })
    expect(nativePoseidonTreeLevels(native!, 8, leaves)).toMatchObject({ failure: { _tag: "InvalidLeafCount", arity: 8, leaves: 16 } })
    expect(nativePoseidonTreeLevels(native!, 2, leaves.subarray(1))).toMatchObject({ failure: { _tag: "InvalidTreeDataLength" } })
    expect(nativeColumnHashes(native!, [leaves])).toMatchObject({ failure: { _tag: "UnsupportedColumnSize", size: 1 } })
    expect(nativeColumnHashes(native!, [leaves, leaves.subarray(32)])).toMatchObject({
      failure: { _tag: "LayerLengthMismatch", layer: 2, length: 32 * 15, expected: 32 * 16 }
    })
    expect(nativePoseidonHashNodes(native!, 8, leaves.subarray(32))).toMatchObject({ failure: { _tag: "InvalidTreeDataLength" } })
  })

  it("the raw binding: unregistered arity, overlapping buffers, other constants for a registered arity", () => {
    const input = new Uint8Array(64)
    expect(() => native!.poseidonHashNodes(23, new Uint8Array(32 * 23), new Uint8Array(32), 1)).toThrow(NativeInvalidArgument)
    expect(() => native!.poseidonHashNodes(2, input, input.subarray(16, 48), 1)).toThrow(/overlap/)
    expect(() => native!.poseidonRegister(2, 8, 55, new Uint8Array(10))).toThrow(NativeInvalidArgument)
    // arity 2 is registered by the tests above; a same-length but different table is refused
    Result.getOrThrow(nativePoseidonHashNodes(native!, 2, input))
    const elements = 1 + 9 + 4 * 3 + 55 + 9 + 54 * 5 + 4 * 3
    expect(() => native!.poseidonRegister(2, 8, 55, new Uint8Array(32 * elements))).toThrow(/already registered/)
    expect(() => native!.frOp(2, bad, r, new Uint8Array(32))).toThrow(NativeNonCanonical)
  })
})
