/**
 * The fixed-point arithmetic the reward, power and miner actors share: Q.128 numbers, polynomial
 * evaluation, the alpha-beta filter's estimate, the natural logarithm and the extrapolated
 * cumulative sum of a ratio of two estimates.
 *
 * Source: filecoin-project/builtin-actors @ v18.0.0, `runtime/src/builtin/reward/math.rs`
 * (PRECISION = 128, `poly_val`:12-19) and `runtime/src/builtin/reward/smooth/` (`FilterEstimate`
 * with `new`/`estimate`, alpha_beta_filter.rs:12-30; `extrapolated_cum_sum_of_ratio`,
 * `ln` and `ln_between_one_and_two` and their coefficients, smooth_func.rs).  Rust's `>>` on a
 * `BigInt` and `div_floor` round toward −∞: `>>` on a JS bigint does too, division goes through
 * {@link divFloor}.
 *
 * @module
 */
import { Result } from "effect"
import { InvalidCborField, readTuple } from "../../encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../token/amount.js"

/** Bits after the binary point of a Q.128 number (math.rs `PRECISION`). */
export const PRECISION = 128n

/**
 * `a / b` rounded toward −∞ (num-integer `div_floor`).
 *
 * @example
 * divFloor(-7n, 2n) // => -4n
 * @category math
 * @since 0.1.0
 */
export const divFloor = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q
}

/** Horner evaluation of a Q.128 polynomial (math.rs `poly_val`): coefficients from the highest power. */
export const polyVal = (poly: ReadonlyArray<bigint>, x: bigint): bigint => {
  let res = 0n
  for (const coeff of poly) res = ((res * x) >> PRECISION) + coeff
  return res
}

/**
 * An alpha-beta filter's estimate: position and velocity, both Q.128 (`FilterEstimate`; on chain
 * the tuple `[position, velocity]` of BigInt bytes).
 *
 * @category models
 * @since 0.1.0
 */
export interface FilterEstimate {
  readonly position: bigint
  readonly velocity: bigint
}

/** `FilterEstimate::new`: integer position and velocity, shifted to Q.128. */
export const filterEstimate = (position: bigint, velocity: bigint): FilterEstimate =>
  ({ position: position << PRECISION, velocity: velocity << PRECISION })

/** `FilterEstimate::estimate`: the position's integer part. */
export const estimateOf = (e: FilterEstimate): bigint => e.position >> PRECISION

/** The CBOR value of a FilterEstimate: `[position, velocity]` as BigInt bytes. */
export const filterEstimateCbor = (e: FilterEstimate): ReadonlyArray<Uint8Array> => [encodeBigInt(e.position), encodeBigInt(e.velocity)]

/** A FilterEstimate from its CBOR value. */
export const readFilterEstimate = (value: unknown, field: string): Result.Result<FilterEstimate, InvalidCborField> =>
  Result.gen(function* () {
    const [p, v] = yield* readTuple(value, 2, field)
    return { position: yield* readBigInt(p, `${field}.position`), velocity: yield* readBigInt(v, `${field}.velocity`) }
  })

// smooth_func.rs: the coefficients of ln(x) on [1, 2) as a ratio of two Q.128 polynomials.
const LN_NUM = [
  261417938209272870992496419296200268025n, 7266615505142943436908456158054846846897n,
  32458783941900493142649393804518050491988n, 17078670566130897220338060387082146864806n,
  -35150353308172866634071793531642638290419n, -20351202052858059355702509232125230498980n,
  -1563932590352680681114104005183375350999n
]
const LN_DENOM = [
  49928077726659937662124949977867279384n, 2508163877009111928787629628566491583994n,
  21757751789594546643737445330202599887121n, 53400635271583923415775576342898617051826n,
  41248834748603606604000911015235164348839n, 9015227820322455780436733526367238305537n,
  340282366920938463463374607431768211456n
]
const LN_2 = 235865763225513294137944142764154484399n
const EPSILON = 302231454903657293676544n

/** The number of bits of |z| (num-bigint `bits`). */
const bitLength = (z: bigint): bigint => BigInt((z < 0n ? -z : z).toString(2).length) - (z === 0n ? 1n : 0n)

/** ln(z) for z in Q.128 (smooth_func.rs `ln`): z = 2^k·x with x in [1, 2). */
export const ln = (z: bigint): bigint => {
  const k = bitLength(z) - 1n - PRECISION
  const x = k > 0n ? z >> k : z << -k
  return k * LN_2 + divFloor(polyVal(LN_NUM, x) << PRECISION, polyVal(LN_DENOM, x))
}

/**
 * ∫ num(t)/denom(t) dt over `[relativeStart, relativeStart + delta]` for two linear estimates,
 * in Q.128 (smooth_func.rs `extrapolated_cum_sum_of_ratio`).
 *
 * @category math
 * @since 0.1.0
 */
export const extrapolatedCumSumOfRatio = (delta: bigint, relativeStart: bigint, num: FilterEstimate, denom: FilterEstimate): bigint => {
  const deltaT = delta << PRECISION
  const t0 = relativeStart << PRECISION
  const squaredVelo2 = (denom.velocity * denom.velocity) >> PRECISION
  if (squaredVelo2 > EPSILON) {
    const x2aRaw = ((denom.velocity * t0) >> PRECISION) + denom.position
    const x2bRaw = ((denom.velocity * deltaT) >> PRECISION) + x2aRaw
    const x2a = ln(x2aRaw)
    const x2b = ln(x2bRaw)
    const m1 = ((x2b - x2a) * num.position * denom.velocity) >> PRECISION
    const m2 = (((x2a - x2b) * denom.position + denom.velocity * deltaT) * num.velocity) >> PRECISION
    return divFloor(m2 + m1, squaredVelo2)
  }
  const x1m = ((num.velocity * (t0 + (deltaT >> 1n))) >> PRECISION) + num.position
  return divFloor(x1m * deltaT, denom.position)
}
