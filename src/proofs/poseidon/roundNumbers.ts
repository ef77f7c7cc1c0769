/**
 * Poseidon's round numbers (R_F full rounds, R_P partial rounds) for `Strength::Standard`, as
 * neptune computes them: the smallest S-box count `t·R_F + R_P` whose rounds satisfy the Poseidon
 * paper's security inequalities for a 256-bit prime and 128-bit security, then a margin of two more
 * full rounds and 7.5 % more partial rounds.
 *
 * neptune does this arithmetic in `f32`; so does this port (`Math.fround` after every operation),
 * because a rounding difference could move a bound across an integer.
 *
 * Source: argumentcomputer/neptune src/round_numbers.rs @ v11.0.0 (`calc_round_numbers`,
 * `round_numbers_are_secure`; `PRIME_BITLEN = 256`, `M = 128`), and src/lib.rs @ v11.0.0
 * (`round_numbers`: `Strength::Standard` uses `round_numbers_base(arity)` with `t = arity + 1`).
 *
 * @module
 */
import type { RoundNumbers } from "./interface.js"

/** Bits of the prime neptune assumes for round numbers (`PRIME_BITLEN`): 256. */
const PRIME_BITLEN = 256
/** Security level in bits (`M`): 128. */
const SECURITY_BITS = 128

const f32 = Math.fround

/** neptune's `round_numbers_are_secure(t, rf, rp)`, in f32. */
const roundNumbersAreSecure = (width: number, rf: number, rpInt: number): boolean => {
  const rp = f32(rpInt)
  const t = f32(width)
  const n = f32(PRIME_BITLEN)
  const m = f32(SECURITY_BITS)
  // rf_stat = if m <= (n - 3) * (t + 1) { 6 } else { 10 }
  const rfStat = m <= f32(f32(n - 3) * f32(t + 1)) ? 6 : 10
  // rf_interp = 0.43 * m + log2(t) - rp
  const rfInterp = f32(f32(f32(f32(0.43) * m) + f32(Math.log2(t))) - rp)
  // rf_grob_1 = 0.21 * n - rp
  const rfGrob1 = f32(f32(f32(0.21) * n) - rp)
  // rf_grob_2 = (0.14 * n - 1 - rp) / (t - 1)
  const rfGrob2 = f32(f32(f32(f32(f32(0.14) * n) - 1) - rp) / f32(t - 1))
  // `.ceil() as usize` saturates negative values at 0
  const rfMax = Math.max(...[rfStat, rfInterp, rfGrob1, rfGrob2].map((x) => Math.max(0, Math.ceil(x))))
  return rf >= rfMax
}

/** neptune's `calc_round_numbers(t, security_margin = true)`. */
const calcRoundNumbers = (width: number): RoundNumbers => {
  let rf = 0
  let rp = 0
  let minSboxes = Number.MAX_SAFE_INTEGER
  for (let rfTest0 = 2; rfTest0 <= 1000; rfTest0 += 2) {
    for (let rpTest0 = 4; rpTest0 < 200; rpTest0++) {
      if (!roundNumbersAreSecure(width, rfTest0, rpTest0)) continue
      // security margin: rf + 2, rp · 1.075 rounded up (in f32)
      const rfTest = rfTest0 + 2
      const rpTest = Math.ceil(f32(f32(1.075) * f32(rpTest0)))
      const sboxes = width * rfTest + rpTest
      if (sboxes < minSboxes || (sboxes === minSboxes && rfTest < rf)) {
        rf = rfTest
        rp = rpTest
        minSboxes = sboxes
      }
    }
  }
  return { fullRounds: rf, partialRounds: rp }
}

const cache = new Map<number, RoundNumbers>()

/**
 * R_F and R_P for a Poseidon of `arity` inputs (width `t = arity + 1`) at `Strength::Standard`.
 * Computed once per arity (about 10⁵ inequality checks) and kept.
 *
 * @example
 * ```ts
 * import { roundNumbers } from "./roundNumbers.js"
 * roundNumbers(8) // => { fullRounds: 8, partialRounds: 57 }
 * ```
 * @since 0.1.0
 */
export const roundNumbers = (arity: number): RoundNumbers => {
  const known = cache.get(arity)
  if (known !== undefined) return known
  const computed = calcRoundNumbers(arity + 1)
  cache.set(arity, computed)
  return computed
}
