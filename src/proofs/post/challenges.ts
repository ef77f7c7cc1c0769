/**
 * PoSt challenge derivation: which sector a Winning PoSt proves, and which leaves of tree_r_last
 * each proven sector opens, as filecoin-project/rust-fil-proofs derives them
 * (storage-proofs-post/src/fallback/vanilla.rs @ storage-proofs-post-v19.1.0
 * `generate_sector_challenge(s)`, `generate_leaf_challenge(s)`, `generate_leaf_challenge_inner`;
 * fallback/utils.rs `get_challenge_index`; filecoin-proofs/src/api/post_util.rs @
 * filecoin-proofs-v19.1.0 `generate_fallback_sector_challenges`, api/winning_post.rs
 * `generate_winning_post_sector_challenge`).
 *
 *     sector challenge n:  u64_le(sha256(prover_id ‖ randomness ‖ n as u64 LE)[0..8]) mod sector_set_len
 *     leaf challenge:      u64_le(sha256(randomness ‖ sector_id as u64 LE ‖ challenge_index as u64 LE)[0..8])
 *                            mod (sector_size / 32)
 *     challenge_index:     sector_index · challenge_count + n   (API 1.0.0, 1.1.0)
 *                          n                                     (API 1.2.0)
 *
 * where sector_index is the sector's position among the proven sectors (partition j, position i:
 * j · sector_count + i, i.e. its position in the whole list).
 *
 * The randomness.  rust-fil-proofs does not truncate it: `as_safe_commitment` (filecoin-proofs
 * src/api/util.rs @ filecoin-proofs-v19.1.0) rejects randomness and prover ID unless they are
 * canonical field elements (`bytes_into_fr`).  Its callers clear the two top bits first, which
 * makes any 32 bytes canonical: "Necessary to be valid bls12 381 element. randomness[31] &= 0x3f"
 * (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2 `verify_post`).
 * {@link postRandomness} is that step; the derivations here take the already-safe value, as the
 * library does.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { Data, Result } from "effect"
import { frFromRepr } from "../poseidon/field.js"
import type { PoStApiVersion, PoStProofInfo } from "./params.js"

/**
 * 32 bytes that are not a canonical BLS12-381 scalar (`as_safe_commitment` fails), or not 32 bytes.
 *
 * @category errors
 */
export class NotAFieldElement extends Data.TaggedError("NotAFieldElement")<{
  /** `"randomness"` or `"proverId"`. */
  readonly what: string
  readonly length: number
}> {}

/**
 * A challenge request the library refuses: an empty sector set, a PoSt of the other type, or a
 * sector number that is not a u64.
 *
 * @category errors
 */
export class InvalidPoStChallengeInput extends Data.TaggedError("InvalidPoStChallengeInput")<{
  readonly reason: string
}> {}

const U64 = (1n << 64n) - 1n

/**
 * The chain's randomness made a field element the way the FVM does before verifying a PoSt:
 * a copy with the top two bits of byte 31 cleared (`randomness[31] &= 0x3f`).
 *
 * @example
 * postRandomness(new Uint8Array(32).fill(0xff))[31] // => 63
 * @category randomness
 */
export const postRandomness = (raw: Uint8Array): Uint8Array => {
  const out = raw.slice()
  if (out.length === 32) out[31] = out[31]! & 0x3f
  return out
}

/**
 * `as_safe_commitment`: the bytes if they are a canonical field element, else a typed error.
 *
 * @example
 * asSafeCommitment(new Uint8Array(32).fill(0xff), "randomness") // => Failure(NotAFieldElement { what: "randomness", length: 32 })
 * @category randomness
 */
export const asSafeCommitment = (bytes: Uint8Array, what: string): Result.Result<Uint8Array, NotAFieldElement> => {
  if (Result.isFailure(frFromRepr(bytes))) return Result.fail(new NotAFieldElement({ what, length: bytes.length }))
  return Result.succeed(bytes)
}

/**
 * Sector challenge n (`generate_sector_challenge`): an index into the sector set, 0 … len − 1.
 * No checks: randomness and prover ID are 32 bytes, `sectorSetLen` ≥ 1.
 *
 * @example
 * generateSectorChallenge(randomness, 0, 5n, proverId) // => 0n … 4n
 * @category challenges
 */
export const generateSectorChallenge = (randomness: Uint8Array, n: number, sectorSetLen: bigint, proverId: Uint8Array): bigint => {
  const buf = new Uint8Array(72)
  buf.set(proverId, 0)
  buf.set(randomness, 32)
  new DataView(buf.buffer).setBigUint64(64, BigInt(n), true)
  return firstU64(sha256(buf)) % sectorSetLen
}

/**
 * The sectors a Winning PoSt proves (`generate_winning_post_sector_challenge`): `sectorCount`
 * (= 1) indices into the eligible sector set, which has `sectorSetSize` sectors.
 *
 * @example
 * winningPostSectorChallenge(winning2KiB, randomness, 10n, proverId) // => Success([i]) with 0 ≤ i < 10
 * @category challenges
 */
export const winningPostSectorChallenge = (
  proof: PoStProofInfo, randomness: Uint8Array, sectorSetSize: bigint, proverId: Uint8Array
): Result.Result<ReadonlyArray<bigint>, NotAFieldElement | InvalidPoStChallengeInput> => {
  // ensure!(sector_set_size != 0, "empty sector set is invalid")
  if (sectorSetSize <= 0n || sectorSetSize > U64) return Result.fail(new InvalidPoStChallengeInput({ reason: `sector set size ${sectorSetSize} is not in 1 … 2^64 − 1` }))
  // ensure!(post_config.typ == PoStType::Winning)
  if (proof.type !== "Winning") return Result.fail(new InvalidPoStChallengeInput({ reason: `${proof.name} is not a Winning PoSt` }))
  return Result.flatMap(asSafeCommitment(proverId, "proverId"), () =>
    Result.map(asSafeCommitment(randomness, "randomness"), () =>
      Array.from({ length: proof.sectorCount }, (_, n) => generateSectorChallenge(randomness, n, sectorSetSize, proverId))))
}

/**
 * The challenge index of challenge n of the sector at position `sectorIndex` (`get_challenge_index`).
 *
 * @example
 * challengeIndex("V1_0_0", 1, 10, 3) // => 13n
 * challengeIndex("V1_2_0", 1, 10, 3) // => 3n
 * @category challenges
 */
export const challengeIndex = (apiVersion: PoStApiVersion, sectorIndex: number, challengeCount: number, n: number): bigint =>
  apiVersion === "V1_2_0" ? BigInt(n) : BigInt(sectorIndex) * BigInt(challengeCount) + BigInt(n)

/**
 * The challenged leaf (`generate_leaf_challenge`): a node index of tree_r_last, 0 … nodes − 1.
 * No checks: randomness is 32 bytes, the sector number and index are u64.
 *
 * @example
 * generateLeafChallenge(2048, randomness, 7n, 0n) // => 0 … 63
 * @category challenges
 */
export const generateLeafChallenge = (sectorSize: number, randomness: Uint8Array, sectorNumber: bigint, leafChallengeIndex: bigint): number => {
  const buf = new Uint8Array(48)
  buf.set(randomness, 0)
  const view = new DataView(buf.buffer)
  view.setBigUint64(32, sectorNumber, true)
  view.setBigUint64(40, leafChallengeIndex, true)
  return Number(firstU64(sha256(buf)) % BigInt(sectorSize / 32))
}

/**
 * The challenged leaves of each sector of a PoSt, the sectors in the order they are proven
 * (`generate_fallback_sector_challenges`): for the sector at position i, challenge n uses
 * challenge index {@link challengeIndex}(API, i, challenge count, n).
 *
 * @example
 * postLeafChallenges(window2KiB, randomness, [1n, 2n]) // => Success([[10 leaves of sector 1], [10 leaves of sector 2]])
 * @category challenges
 */
export const postLeafChallenges = (
  proof: PoStProofInfo, randomness: Uint8Array, sectorNumbers: ReadonlyArray<bigint>
): Result.Result<ReadonlyArray<ReadonlyArray<number>>, NotAFieldElement | InvalidPoStChallengeInput> => {
  // every sector number a u64
  const bad = sectorNumbers.find((s) => s < 0n || s > U64)
  if (bad !== undefined) return Result.fail(new InvalidPoStChallengeInput({ reason: `sector number ${bad} is not a u64` }))
  return Result.map(asSafeCommitment(randomness, "randomness"), () =>
    sectorNumbers.map((sector, i) => Array.from({ length: proof.challengeCount }, (_, n) =>
      generateLeafChallenge(proof.sectorSize, randomness, sector, challengeIndex(proof.apiVersion, i, proof.challengeCount, n)))))
}

/** `LittleEndian::read_u64(&hash[..8])`. */
const firstU64 = (digest: Uint8Array): bigint => new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0, true)

