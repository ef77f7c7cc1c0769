/**
 * The option values of `filflow seal` / `filflow post` (src/cli/_sectorInput.ts): each bad value
 * a typed error naming the option and what was wrong; the good ones parse to what they say.
 *
 * Independent expectations: ID addresses are `f0`/`t0` + a decimal id ≤ 2^63 − 1 (go-address
 * address.go @ v1.2.0); sector numbers ≤ 2^63 − 1 = 9223372036854775807 (go-state-types
 * abi/sector.go @ v0.18.0 `MaxSectorNumber = math.MaxInt64`); tickets are 32 bytes; the
 * registered seal proof ids are 0/5 (2 KiB V1/V1_1), 1/6 (8 MiB), 2/7 (512 MiB) (ref-fvm
 * shared/src/sector/registered_proof.rs @ fvm_shared@v4.8.2).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  describeInputError, parseBytes32, parseMinerAddress, parseSealProof, parseSectorNumber, parseSectorSize, type SectorInputError
} from "../../src/cli/_sectorInput.js"

const failure = <A>(r: Result.Result<A, SectorInputError>): string => (Result.isFailure(r) ? describeInputError(r.failure) : "parsed")

describe("sector sizes", () => {
  it("2KiB, 8MiB, 512MiB; anything else is UnknownSectorSize listing the accepted ones", () => {
    for (const s of ["2KiB", "8MiB", "512MiB"]) expect(Result.getOrThrow(parseSectorSize(s))).toBe(s)
    for (const s of ["32GiB", "2kib", "2048", ""]) {
      const r = parseSectorSize(s)
      expect(Result.isFailure(r) && r.failure._tag).toBe("UnknownSectorSize")
      expect(failure(r)).toBe(`--sector-size ${s}: unknown sector size (one of 2KiB, 8MiB, 512MiB)`)
    }
  })
})

describe("miner addresses", () => {
  it("f0/t0 ID addresses parse to their actor id", () => {
    expect(Result.getOrThrow(parseMinerAddress("t01000"))).toStrictEqual({ address: "t01000", actorId: 1000n })
    expect(Result.getOrThrow(parseMinerAddress("f00"))).toStrictEqual({ address: "f00", actorId: 0n })
    expect(Result.getOrThrow(parseMinerAddress("f09223372036854775807")).actorId).toBe((1n << 63n) - 1n)
  })

  it.each([
    ["f1abcdefghijklmnopqrstuvwxyz", "not an ID address"],
    ["x01000", "not an ID address"],
    ["1000", "not an ID address"],
    ["f0", "address string must be"],
    ["f0-1", "is not a decimal number"],
    ["f012a", "is not a decimal number"],
    ["f09223372036854775808", "exceeds 2^63-1"]
  ])("%s → InvalidMinerAddress (%s)", (given, reason) => {
    const r = parseMinerAddress(given)
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidMinerAddress")
    expect(failure(r)).toContain(`--miner ${given}: `)
    expect(failure(r)).toContain(reason)
  })
})

describe("sector numbers", () => {
  it("0 … 2^63 − 1; anything else SectorNumberOutOfRange", () => {
    expect(Result.getOrThrow(parseSectorNumber("0"))).toBe(0n)
    expect(Result.getOrThrow(parseSectorNumber("9223372036854775807"))).toBe(9223372036854775807n)
    for (const s of ["9223372036854775808", "-1", "1.5", "0x10", "", " 1"]) {
      const r = parseSectorNumber(s)
      expect(Result.isFailure(r) && r.failure._tag, s).toBe("SectorNumberOutOfRange")
      expect(failure(r)).toMatch(new RegExp(`^--sector ${s.replace(/[.+]/g, "\\$&")}: `))
    }
  })
})

describe("tickets and randomness", () => {
  it("64 hex digits, either case → 32 bytes", () => {
    expect(Result.getOrThrow(parseBytes32("ticket", "aB".repeat(32)))).toStrictEqual(new Uint8Array(32).fill(0xab))
  })

  it.each([
    ["ab".repeat(31), "62 characters, expected 64 hex digits"],
    ["ab".repeat(33), "66 characters"],
    [`0x${"ab".repeat(31)}`, "invalid hex digit \"x\""],
    [`${"ab".repeat(31)}zz`, "invalid hex digit \"z\""],
    ["", "0 characters"]
  ])("%s → InvalidBytes32 (%s)", (given, reason) => {
    const r = parseBytes32("ticket", given)
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidBytes32")
    expect(failure(r)).toContain(`--ticket ${given}: `)
    expect(failure(r)).toContain(reason)
    expect(failure(parseBytes32("randomness", given))).toContain(`--randomness ${given}: `)
  })
})

describe("proof versions", () => {
  it("V1_1 by default, V1 on request; the registered ids", () => {
    expect(Result.getOrThrow(parseSealProof("2KiB", undefined)).id).toBe(5)
    expect(Result.getOrThrow(parseSealProof("2KiB", "V1")).id).toBe(0)
    expect(Result.getOrThrow(parseSealProof("8MiB", "V1_1")).id).toBe(6)
    expect(Result.getOrThrow(parseSealProof("512MiB", "V1")).id).toBe(2)
    expect(failure(parseSealProof("2KiB", "V2"))).toBe("--proof V2: unknown proof version (V1 or V1_1)")
  })
})
