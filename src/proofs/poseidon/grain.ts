/**
 * Poseidon's round constants from the Grain LFSR in self-shrinking mode, as neptune generates them
 * (the Poseidon paper, §"round constants"; the reference script `generate_parameters_grain.sage`).
 *
 * 1. An 80-bit state: field (2 bits), S-box (4 bits), field size n (12 bits), width t (12 bits),
 *    R_F (10 bits), R_P (10 bits), then 30 ones — each number written most significant bit first.
 * 2. Each new bit is b[i+80] = b[i+62] ⊕ b[i+51] ⊕ b[i+38] ⊕ b[i+23] ⊕ b[i+13] ⊕ b[i].
 * 3. The first 160 bits are discarded.
 * 4. Bits are taken in pairs: if the first is 1 the second is output, otherwise both are dropped.
 * 5. A constant is n output bits read as a big-endian integer; one that is ≥ p is dropped and the
 *    next n bits are tried. (t · (R_F + R_P)) constants are made, in order.
 *
 * neptune's parameters (src/lib.rs `round_constants`): field = 1 (GF(p)), S-box = 1, n =
 * `Fr::NUM_BITS` = 255. Its `get_next_bytes` puts the 255 % 8 = 7 first bits in the top byte and
 * then whole bytes, big-endian, which is the same integer as reading the 255 bits in order.
 *
 * Source: argumentcomputer/neptune src/round_constants.rs @ v11.0.0 (`generate_constants`,
 * `Grain`), src/lib.rs @ v11.0.0 (`FIELD`, `SBOX`, `round_constants`).
 *
 * @module
 */
import { FR_MODULUS, FR_NUM_BITS } from "./field.js"

/** GF(p): neptune's `FIELD = 1`. */
const FIELD = 1
/** neptune's `SBOX = 1` (the value it passes for its x^5 S-box). */
const SBOX = 1

/** The Grain LFSR: 80 bits in a ring, `head` the index of b[i]. */
class Grain {
  private readonly state: Uint8Array
  private head = 0

  constructor(init: ReadonlyArray<number>) {
    this.state = Uint8Array.from(init)
    // 3. discard the first 160 bits
    for (let i = 0; i < 160; i++) this.step()
  }

  /** b[i+80] = b[i+62] ⊕ b[i+51] ⊕ b[i+38] ⊕ b[i+23] ⊕ b[i+13] ⊕ b[i]; the state slides by one. */
  private step(): number {
    const s = this.state
    const h = this.head
    const bit = s[(h + 62) % 80]! ^ s[(h + 51) % 80]! ^ s[(h + 38) % 80]! ^ s[(h + 23) % 80]! ^ s[(h + 13) % 80]! ^ s[h]!
    s[h] = bit
    this.head = (h + 1) % 80
    return bit
  }

  /** 4. self-shrinking: pairs (1, x) output x; pairs (0, x) are dropped. */
  nextBit(): number {
    for (;;) {
      const first = this.step()
      const second = this.step()
      if (first === 1) return second
    }
  }

  /** `bits` output bits as a big-endian integer. */
  nextInteger(bits: number): bigint {
    let n = 0n
    for (let i = 0; i < bits; i++) n = (n << 1n) | BigInt(this.nextBit())
    return n
  }
}

/** `value` as `width` bits, most significant first (neptune's `append_bits`). */
const bitsOf = (value: number, width: number): Array<number> =>
  Array.from({ length: width }, (_, i) => (value >> (width - 1 - i)) & 1)

/**
 * The t · (R_F + R_P) round constants of the Poseidon instance of width `width` over the
 * BLS12-381 scalar field, in the order the rounds consume them (`width` per round).
 *
 * @since 0.1.0
 */
export const grainRoundConstants = (width: number, fullRounds: number, partialRounds: number): Array<bigint> => {
  // 1. the initial state: field, S-box, n, t, R_F, R_P, then thirty ones
  const init = [
    ...bitsOf(FIELD, 2),
    ...bitsOf(SBOX, 4),
    ...bitsOf(FR_NUM_BITS, 12),
    ...bitsOf(width, 12),
    ...bitsOf(fullRounds, 10),
    ...bitsOf(partialRounds, 10),
    ...bitsOf(0x3fffffff, 30)
  ]
  const grain = new Grain(init)
  const constants: Array<bigint> = []
  const count = width * (fullRounds + partialRounds)
  while (constants.length < count) {
    // 5. n bits big-endian; a value ≥ p is dropped and the next one tried
    const candidate = grain.nextInteger(FR_NUM_BITS)
    if (candidate < FR_MODULUS) constants.push(candidate)
  }
  return constants
}
