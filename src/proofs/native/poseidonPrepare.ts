/**
 * The "optimised" constants of a Poseidon instance, derived from the plain ones, for the native
 * binding: the same permutation with fewer multiplications in the partial rounds.
 *
 * Plain permutation (row vectors, `s × M` as neptune multiplies; `S₀` = x⁵ on element 0 only):
 * full rounds `s ← S(s + c_r) M`, partial rounds `s ← S₀(s + c_r) M`.
 *
 * 1. **Partial-round constants onto element 0.** `S₀` leaves elements 1…A alone, so with
 *    `c_r = a_r e₀ + ρ_r` (ρ_r zero at 0): `S₀(s + c_r) M = S₀(s + a_r e₀) M + ρ_r M`. The
 *    vector `ρ_r M` is carried into the next round's constant, partial round after partial round,
 *    and what is left after the last partial round is added to the first full round after them.
 * 2. **Sparse matrices.** Any `N` with an invertible lower-right block `N̂` factors as
 *    `N = M' · S` with `M' = diag(1, N̂)` and `S = [[n₀₀, v], [w, I]]`, `v = N[0][1…]`,
 *    `w = N̂⁻¹ · N[1…][0]`. `M'` keeps element 0 and does not mix it into the others, so it
 *    commutes with `S₀` and with adding `a e₀`: `S₀(x + a e₀) M' = S₀(x M' + a e₀)`. Going from
 *    the last partial round backwards, round k uses `S_k` and hands `M'_k` to the round before,
 *    whose matrix becomes `M · M'_k`; partial round 0 keeps the dense `N₀ = M · M'_1`.
 *    `x × S`: `y₀ = x₀ n₀₀ + Σ x_i w_i`, `y_j = x₀ v_j + x_j` — 2t − 1 products instead of t².
 *
 * This is the form neptune hashes with (argumentcomputer/neptune src/preprocessing.rs
 * `compress_round_constants`, src/mds.rs `factor_to_sparse_matrixes`, src/poseidon.rs
 * `hash_optimized_static` @ v11.0.0; neptune moves the constants backwards with M⁻¹ where this
 * moves them forwards, which gives other constants and the same permutation). The native tests
 * check the outputs against the plain permutation of `../poseidon/poseidon.ts`.
 *
 * @module
 */
import { FR_MODULUS, frInv, frToRepr } from "../poseidon/field.js"
import type { PoseidonConstants } from "../poseidon/interface.js"

type Matrix = ReadonlyArray<ReadonlyArray<bigint>>

const mod = (x: bigint): bigint => x % FR_MODULUS

/** (A × B)[i][j] = Σ_k A[i][k] B[k][j]. */
const matMul = (a: Matrix, b: Matrix): Array<Array<bigint>> =>
  a.map((row) => b[0]!.map((_, j) => mod(row.reduce((acc, x, k) => acc + x * b[k]![j]!, 0n))))

/** x × M (row vector). */
const vecMat = (x: ReadonlyArray<bigint>, m: Matrix): Array<bigint> =>
  m[0]!.map((_, j) => mod(x.reduce((acc, xi, i) => acc + xi * m[i]![j]!, 0n)))

/** Solves N̂ · w = b by Gauss–Jordan elimination over Fr; throws if N̂ is singular (never for neptune's matrices). */
const solve = (n: Matrix, b: ReadonlyArray<bigint>): Array<bigint> => {
  const size = b.length
  const a = n.map((row, i) => [...row, b[i]!])
  for (let col = 0; col < size; col++) {
    const pivot = a.findIndex((row, i) => i >= col && row[col]! !== 0n)
    if (pivot < 0) throw new Error("poseidonPrepare: singular block")
    ;[a[col], a[pivot]] = [a[pivot]!, a[col]!]
    const inv = frInv(a[col]![col]!)
    a[col] = a[col]!.map((x) => mod(x * inv))
    for (let i = 0; i < size; i++) {
      if (i === col || a[i]![col]! === 0n) continue
      const f = a[i]![col]!
      a[i] = a[i]!.map((x, k) => mod(x - f * a[col]![k]! + FR_MODULUS * FR_MODULUS))
    }
  }
  return a.map((row) => row[size]!)
}

/**
 * The prepared elements in the order the binding reads them (poseidon.h
 * `poseidon_prepared_elements`): domain tag; MDS (t × t); the first R_F/2 full rounds' constants;
 * R_P partial-round scalars; the dense matrix of partial round 0 (t × t); for partial rounds
 * 1…R_P − 1, `[n₀₀, v_1…v_A, w_1…w_A]`; the last R_F/2 full rounds' constants.
 *
 * @since 0.1.0
 */
export const preparePoseidon = (c: PoseidonConstants): ReadonlyArray<bigint> => {
  const t = c.width
  const half = c.fullRounds / 2
  const rc = (round: number): Array<bigint> => c.roundConstants.slice(round * t, round * t + t)
  const m = c.mds
  // 1. constants
  const pre = Array.from({ length: half }, (_, r) => rc(r)).flat()
  const scalars: Array<bigint> = []
  let carry: Array<bigint> = new Array<bigint>(t).fill(0n)
  for (let r = 0; r < c.partialRounds; r++) {
    const cr = rc(half + r).map((x, i) => mod(x + carry[i]!))
    scalars.push(cr[0]!)
    carry = vecMat([0n, ...cr.slice(1)], m)
  }
  const post = Array.from({ length: half }, (_, r) => rc(half + c.partialRounds + r))
  post[0] = post[0]!.map((x, i) => mod(x + carry[i]!))
  // 2. matrices, from the last partial round back to round 1
  const sparse: Array<ReadonlyArray<bigint>> = []
  let n: Matrix = m
  for (let r = c.partialRounds - 1; r >= 1; r--) {
    const hat = n.slice(1).map((row) => row.slice(1))
    const w = solve(hat, n.slice(1).map((row) => row[0]!))
    sparse.unshift([n[0]![0]!, ...n[0]!.slice(1), ...w])
    const mPrime = Array.from({ length: t }, (_, i) =>
      Array.from({ length: t }, (_, j) => (i === 0 || j === 0 ? (i === j ? 1n : 0n) : hat[i - 1]![j - 1]!)))
    n = matMul(m, mPrime)
  }
  return [c.domainTag, ...m.flat(), ...pre, ...scalars, ...n.flat(), ...sparse.flat(), ...post.flat()]
}

/** {@link preparePoseidon} as canonical 32-byte reprs, concatenated (what `poseidonRegister` takes). @since 0.1.0 */
export const preparePoseidonBytes = (c: PoseidonConstants): Uint8Array => {
  const elements = preparePoseidon(c)
  const out = new Uint8Array(32 * elements.length)
  elements.forEach((e, i) => out.set(frToRepr(e), 32 * i))
  return out
}
