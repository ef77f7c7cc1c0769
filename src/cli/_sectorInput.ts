/**
 * The option values of `filflow seal` and `filflow post`, checked: the sector size, the miner's ID
 * address, the sector number, the 32-byte ticket or randomness, the seal proof version.  Each bad
 * value is a typed error naming the option and what was wrong with it; the commands print it and
 * exit 1 (a usage error — an unknown option, a missing one — exits 2 before any of this runs).
 *
 * - Sector sizes: the three small sizes of the registered seal proofs, 2 KiB, 8 MiB and 512 MiB
 *   (filecoin-project/rust-filecoin-proofs-api src/registry.rs @ v19.0.0 `RegisteredSealProof`;
 *   `src/proofs/sdr/porepId.ts`). 32 GiB and 64 GiB exist on chain but are not offered here.
 * - Miner: an ID address, `f0<id>` or `t0<id>` with a decimal actor id up to 2^63 − 1, parsed as
 *   go-address parses it (`src/impl/address/address.ts`). The prover ID is derived from the id
 *   (filecoin-project/filecoin-ffi proofs.go @ v1.36.1 `toProverID`: the ID address's payload, the
 *   LEB128 of the id, zero-filled to 32 bytes).
 * - Sector number: a decimal integer 0 … 2^63 − 1 (filecoin-project/go-state-types abi/sector.go
 *   @ v0.18.0 `MaxSectorNumber = math.MaxInt64`).
 * - Ticket and PoSt randomness: 32 bytes, 64 hex digits (filecoin-project/filecoin-ffi cgo/proofs.go @ v1.36.1:
 *   `SealPreCommitPhase1` and `VerifyWindowPoSt` take the ticket and the randomness as
 *   `*ByteArray32`).
 * - Proof version: `V1` (API version 1.0.0) or `V1_1` (1.1.0, the default; what the chain accepts
 *   for new sectors) — `src/proofs/sdr/porepId.ts`.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { AddressProtocol, addressId, parseAddress } from "../impl/address/address.js"
import { fromHex } from "../impl/encoding/hex.js"
import { paddedPieceSize, toUnpadded } from "../proofs/piece.js"
import { type ApiVersion, SECTOR_SIZES, type SealProofInfo, sealProofFor } from "../proofs/sdr/porepId.js"

// ---------------------------------------------------------------------------------------------
// errors

/**
 * A `--sector-size` that is not one of the sizes the command seals.
 *
 * @category errors
 * @since 0.3.0
 */
export class UnknownSectorSize extends Data.TaggedError("UnknownSectorSize")<{
  readonly given: string
  readonly accepted: ReadonlyArray<string>
}> {}

/**
 * A `--miner` that is not an ID address `f0<id>` / `t0<id>`.
 *
 * @category errors
 * @since 0.3.0
 */
export class InvalidMinerAddress extends Data.TaggedError("InvalidMinerAddress")<{
  readonly given: string
  readonly reason: string
}> {}

/**
 * A `--sector` that is not a decimal integer in 0 … 2^63 − 1.
 *
 * @category errors
 * @since 0.3.0
 */
export class SectorNumberOutOfRange extends Data.TaggedError("SectorNumberOutOfRange")<{
  readonly given: string
  readonly reason: string
}> {}

/**
 * A 32-byte value (`--ticket`, `--randomness`) that is not 64 hex digits.
 *
 * @category errors
 * @since 0.3.0
 */
export class InvalidBytes32 extends Data.TaggedError("InvalidBytes32")<{
  /** The option, without `--`: `ticket` or `randomness`. */
  readonly option: string
  readonly given: string
  readonly reason: string
}> {}

/**
 * A `--proof` that is neither `V1` nor `V1_1`.
 *
 * @category errors
 * @since 0.3.0
 */
export class UnknownProofVersion extends Data.TaggedError("UnknownProofVersion")<{
  readonly given: string
}> {}

/**
 * A file with more payload bytes than the sector holds (its unpadded size).
 *
 * @category errors
 * @since 0.3.0
 */
export class FileTooLarge extends Data.TaggedError("FileTooLarge")<{
  readonly path: string
  readonly size: number
  readonly capacity: number
  readonly sectorSize: SealSectorSize
}> {}

/**
 * Every bad option value of `filflow seal` / `filflow post`.
 *
 * @category errors
 * @since 0.3.0
 */
export type SectorInputError =
  | UnknownSectorSize | InvalidMinerAddress | SectorNumberOutOfRange | InvalidBytes32 | UnknownProofVersion | FileTooLarge

// ---------------------------------------------------------------------------------------------
// values

/** The sector sizes the command seals. @since 0.3.0 */
export const SEAL_SECTOR_SIZES = ["2KiB", "8MiB", "512MiB"] as const

/** One of {@link SEAL_SECTOR_SIZES}. */
export type SealSectorSize = (typeof SEAL_SECTOR_SIZES)[number]

/** Largest sector number: 2^63 − 1 (go-state-types abi/sector.go @ v0.18.0 `MaxSectorNumber`). @since 0.3.0 */
export const MAX_SECTOR_NUMBER: bigint = (1n << 63n) - 1n

/**
 * The sector size named by `--sector-size`.
 *
 * @example
 * parseSectorSize("2KiB") // => Success("2KiB")
 * parseSectorSize("4KiB") // => Failure(UnknownSectorSize)
 * @category parsing
 * @since 0.3.0
 */
export const parseSectorSize = (text: string): Result.Result<SealSectorSize, UnknownSectorSize> => {
  const size = SEAL_SECTOR_SIZES.find((s) => s === text)
  return size === undefined ? Result.fail(new UnknownSectorSize({ given: text, accepted: SEAL_SECTOR_SIZES })) : Result.succeed(size)
}

/**
 * The sector's size in bytes (padded) and its capacity: the payload bytes it holds, the unpadded
 * size `padded − padded / 128` (go-state-types abi/piece.go @ v0.18.0 `Unpadded()`) — 2032 for
 * 2 KiB.
 *
 * @example
 * sectorCapacity("2KiB") // => { sectorSize: 2048, capacity: 2032 }
 * @category parsing
 * @since 0.3.0
 */
export const sectorCapacity = (size: SealSectorSize): { readonly sectorSize: number; readonly capacity: number } => {
  const padded = Result.getOrThrow(paddedPieceSize(SECTOR_SIZES[size]))
  return { sectorSize: Number(padded), capacity: Number(toUnpadded(padded)) }
}

/**
 * The name of a sector size in bytes, if the command seals that size.
 *
 * @example
 * sectorSizeName(2048) // => "2KiB"
 * sectorSizeName(4096) // => undefined
 * @category parsing
 * @since 0.3.0
 */
export const sectorSizeName = (bytes: number): SealSectorSize | undefined => SEAL_SECTOR_SIZES.find((s) => SECTOR_SIZES[s] === bytes)

/**
 * The miner of `--miner`: an ID address (either network) and its actor id.
 *
 * @example
 * parseMinerAddress("t01000") // => Success({ address: "t01000", actorId: 1000n })
 * parseMinerAddress("f1abc")  // => Failure(InvalidMinerAddress)
 * @category parsing
 * @since 0.3.0
 */
export const parseMinerAddress = (text: string): Result.Result<{ readonly address: string; readonly actorId: bigint }, InvalidMinerAddress> => {
  // an ID address: network f or t, protocol 0
  if (!/^[ft]0/.test(text)) {
    return Result.fail(new InvalidMinerAddress({ given: text, reason: "not an ID address (f0<actor id> or t0<actor id>)" }))
  }
  const parsed = parseAddress(text)
  if (Result.isFailure(parsed)) return Result.fail(new InvalidMinerAddress({ given: text, reason: parsed.failure.message }))
  const id = parsed.success.protocol === AddressProtocol.ID ? addressId(parsed.success) : undefined
  if (id === undefined) return Result.fail(new InvalidMinerAddress({ given: text, reason: "not an ID address" }))
  return Result.succeed({ address: text, actorId: id })
}

/**
 * The sector number of `--sector`: decimal, 0 … 2^63 − 1.
 *
 * @example
 * parseSectorNumber("7")  // => Success(7n)
 * parseSectorNumber("-1") // => Failure(SectorNumberOutOfRange)
 * @category parsing
 * @since 0.3.0
 */
export const parseSectorNumber = (text: string): Result.Result<bigint, SectorNumberOutOfRange> => {
  // decimal digits only
  if (!/^[0-9]+$/.test(text)) return Result.fail(new SectorNumberOutOfRange({ given: text, reason: "not a decimal integer" }))
  // at most MaxSectorNumber
  const n = BigInt(text)
  if (n > MAX_SECTOR_NUMBER) return Result.fail(new SectorNumberOutOfRange({ given: text, reason: "above 2^63 − 1, the largest sector number" }))
  return Result.succeed(n)
}

/**
 * 32 bytes from 64 hex digits (either case, no `0x`), for `--ticket` and `--randomness`.
 *
 * @example
 * parseBytes32("ticket", "00".repeat(32)) // => Success(Uint8Array(32))
 * parseBytes32("ticket", "abc")           // => Failure(InvalidBytes32)
 * @category parsing
 * @since 0.3.0
 */
export const parseBytes32 = (option: string, text: string): Result.Result<Uint8Array, InvalidBytes32> => {
  // exactly 64 characters
  if (text.length !== 64) {
    return Result.fail(new InvalidBytes32({ option, given: text, reason: `${text.length} characters, expected 64 hex digits (32 bytes)` }))
  }
  // all hex digits
  const bytes = fromHex(text)
  if (Result.isFailure(bytes)) return Result.fail(new InvalidBytes32({ option, given: text, reason: bytes.failure.message }))
  return Result.succeed(bytes.success)
}

/**
 * The seal proof of a sector size and `--proof` version (`V1_1` when not given).
 *
 * @example
 * parseSealProof("2KiB", undefined) // => Success(StackedDrg2KiBV1_1, id 5)
 * parseSealProof("2KiB", "V2")      // => Failure(UnknownProofVersion)
 * @category parsing
 * @since 0.3.0
 */
export const parseSealProof = (size: SealSectorSize, version: string | undefined): Result.Result<SealProofInfo, UnknownProofVersion> => {
  const api: ApiVersion | undefined = version === undefined || version === "V1_1" ? "V1_1_0" : version === "V1" ? "V1_0_0" : undefined
  return api === undefined ? Result.fail(new UnknownProofVersion({ given: version ?? "" })) : Result.succeed(sealProofFor(size, api))
}

/**
 * The message of a bad value, as the commands print it after `filflow <command>: `.
 *
 * @example
 * describeInputError(new SectorNumberOutOfRange({ given: "x", reason: "not a decimal integer" }))
 * // => "--sector x: not a decimal integer"
 * @category errors
 * @since 0.3.0
 */
export const describeInputError = (e: SectorInputError): string => {
  switch (e._tag) {
    case "UnknownSectorSize":
      return `--sector-size ${e.given}: unknown sector size (one of ${e.accepted.join(", ")})`
    case "InvalidMinerAddress":
      return `--miner ${e.given}: ${e.reason}`
    case "SectorNumberOutOfRange":
      return `--sector ${e.given}: ${e.reason}`
    case "InvalidBytes32":
      return `--${e.option} ${e.given}: ${e.reason}`
    case "UnknownProofVersion":
      return `--proof ${e.given}: unknown proof version (V1 or V1_1)`
    case "FileTooLarge":
      return `${e.path}: ${e.size} bytes, larger than a ${e.sectorSize} sector holds (${e.capacity} bytes of payload)`
  }
}
