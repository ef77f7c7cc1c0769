import { bls12_381_Fr } from "@noble/curves/bls12-381.js"
import { grainGenConstants } from "@noble/curves/abstract/poseidon.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { poseidonConstants } from "../../../src/proofs/poseidon/constants.js"
import { FR_MODULUS, frMul, frSub } from "../../../src/proofs/poseidon/field.js"
import { grainRoundConstants } from "../../../src/proofs/poseidon/grain.js"
import { cauchyMds } from "../../../src/proofs/poseidon/mds.js"
import { roundNumbers } from "../../../src/proofs/poseidon/roundNumbers.js"

const constantsOf = (arity: number) => Result.getOrThrow(poseidonConstants(arity))
const hex0x = (x: bigint): string => `0x${x.toString(16).padStart(64, "0")}`

describe("round numbers", () => {
  /**
   * argumentcomputer/neptune src/round_numbers.rs @ v11.0.0, test
   * `test_round_numbers_against_known_values`: (t, R_P) with R_F = 8 for every t.
   */
  const KNOWN: ReadonlyArray<readonly [number, number]> = [
    [2, 55], [3, 55], [4, 56], [5, 56], [6, 56], [7, 56], [8, 57], [9, 57], [10, 57], [11, 57], [12, 57],
    [13, 57], [14, 57], [15, 57], [16, 59], [17, 59], [25, 59], [37, 60], [65, 61]
  ]
  for (const [t, rp] of KNOWN) {
    it(`t = ${t}: R_F = 8, R_P = ${rp}`, () => expect(roundNumbers(t - 1)).toEqual({ fullRounds: 8, partialRounds: rp }))
  }
})

describe("round constants from the Grain LFSR", () => {
  /**
   * argumentcomputer/neptune parameters/round_constants-1-1-255-9-8-57-73EDA753…00000001.txt @ v11.0.0
   * (output of the Poseidon authors' `create_rcs_grain.sage 1 1 255 9 8 57 <r>`, which neptune's
   * test `test_round_constants` compares with): 585 constants for t = 9 (arity 8), R_F = 8,
   * R_P = 57. First, second and last as printed; the digest is SHA-256 of all 585 as printed
   * (lowercase, `0x`, 64 digits) joined by ",", computed from that file with
   *   git show v11.0.0:parameters/round_constants-…txt | sed -n 9p | python3 -c "import sys,ast,hashlib;
   *   print(hashlib.sha256(','.join(ast.literal_eval(sys.stdin.read())).encode()).hexdigest())"
   */
  it("t = 9: the 585 constants of neptune's parameters file", () => {
    const rc = grainRoundConstants(9, 8, 57).map(hex0x)
    expect(rc.length).toBe(585)
    expect(rc[0]).toBe("0x6ce90d12c4045fe08c3caddb776dd84ac52b4ae7e48cd49443984154f2f4c2f9")
    expect(rc[1]).toBe("0x0ccd9b480c84022b25a75b52c8e89d80b4fa6378d32e58f3a175504940bcec39")
    expect(rc[584]).toBe("0x3b3a75eb91b0f723bcc4ab7e449e4a011b8960063efe74670c05e545519d9a8c")
    expect(Buffer.from(sha256(new TextEncoder().encode(rc.join(",")))).toString("hex"))
      .toBe("e759a5dd9fe522fc928f9cfbd14c3ac04b59eab013b62f1db811bfcd315cb483")
  })

  /** @noble/curves' `grainGenConstants` is an independent Grain implementation (S-box bits 1 = its `isSboxInverse`). */
  for (const arity of [2, 4, 11, 16]) {
    it(`arity ${arity}: equal to @noble/curves' grainGenConstants`, () => {
      const c = constantsOf(arity)
      const noble = grainGenConstants({
        Fp: bls12_381_Fr, t: c.width, roundsFull: c.fullRounds, roundsPartial: c.partialRounds, isSboxInverse: true
      })
      expect(noble.roundConstants.flat()).toEqual(c.roundConstants)
    })
  }
})

describe("MDS matrix (Cauchy, x_i = i, y_j = t + j)", () => {
  for (const width of [3, 9, 12]) {
    it(`t = ${width}: M[i][j] · (i + j + t) = 1, symmetric, every 2 × 2 minor non-zero`, () => {
      const m = cauchyMds(width)
      for (let i = 0; i < width; i++) {
        for (let j = 0; j < width; j++) {
          expect(frMul(m[i]![j]!, BigInt(i + j + width))).toBe(1n)
          expect(m[i]![j]).toBe(m[j]![i])
        }
      }
      for (let a = 0; a < width; a++) for (let b = a + 1; b < width; b++) {
        for (let c = 0; c < width; c++) for (let d = c + 1; d < width; d++) {
          expect(frSub(frMul(m[a]![c]!, m[b]![d]!), frMul(m[a]![d]!, m[b]![c]!))).not.toBe(0n)
        }
      }
    })
  }
  it("t = 3, by hand: first row 1/3, 1/4, 1/5", () => {
    const m = cauchyMds(3)
    // 1/d in Fr is (1 + k·r) / d for the one k in [0, d) that makes the numerator divisible by d
    const inverseByHand = (d: bigint): bigint => {
      for (let k = 0n; k < d; k++) if ((1n + k * FR_MODULUS) % d === 0n) return (1n + k * FR_MODULUS) / d
      throw new Error("no k")
    }
    expect(m[0]).toEqual([3n, 4n, 5n].map(inverseByHand))
  })
})

describe("domain tag of HashType::MerkleTree: 2^arity − 1 (neptune src/hash_type.rs, src/poseidon.rs `Arity::tag` @ v11.0.0)", () => {
  it("arity 8: 0xff, neptune's test_domain_tags (src/hash_type.rs @ v11.0.0: MerkleTree for U8 is scalar_from_u64s([0xff, 0, 0, 0]))", () => {
    expect(constantsOf(8).domainTag).toBe(0xffn)
  })
  it("arities 2, 4, 8, 11, 16, 36", () => {
    expect([2, 4, 8, 11, 16, 36].map((a) => constantsOf(a).domainTag)).toEqual([3n, 15n, 255n, 2047n, 65535n, 68719476735n])
  })
  it("width arity + 1 and t · (R_F + R_P) constants", () => {
    const c = constantsOf(11)
    expect([c.width, c.roundConstants.length, c.mds.length]).toEqual([12, 12 * (8 + 57), 12])
  })
})
