/**
 * The replica ID of a sector and the prover ID of a miner actor.
 *
 * - replica_id = sha256(prover_id ‖ sector_id as u64 BIG-endian ‖ ticket ‖ comm_d ‖ porep_seed)
 *   with the top two bits of byte 31 cleared, so that the 32 bytes read little-endian are an
 *   element of Fr (filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/params.rs
 *   @ storage-proofs-porep-v19.1.0 lines 1266–1282 `generate_replica_id`; fr32/src/convert.rs
 *   @ the same tag lines 33–41 `bytes_into_fr_repr_safe`: `repr[31] &= 0b0011_1111`).
 *   porep_seed is the seal proof's porep_id (filecoin-proofs/src/api/seal.rs @
 *   filecoin-proofs-v19.1.0 `seal_pre_commit_phase1`: `&porep_config.porep_id`).
 * - prover_id = the payload of the miner's ID address — the actor id as an unsigned LEB128
 *   varint — right-padded with zeros to 32 bytes (filecoin-project/ref-fvm
 *   fvm/src/kernel/filecoin.rs @ fvm@v4.8.2 line 382 `prover_id_from_u64`;
 *   filecoin-project/filecoin-ffi proofs.go @ c79524871f06c11358f3e6069ada93ad14cb3bf1
 *   `toProverID`: `address.NewIDAddress(minerID).Payload()` copied into 32 bytes).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { encodeUvarint, MAX_UVARINT } from "../uvarint.js"

/** Mask clearing the top two bits of the last byte: 0x3f (= 0b0011_1111; convert.rs `bytes_into_fr_repr_safe`). @since 0.1.0 */
export const FR_SAFE_MASK = 0x3f

/** Largest sector number: 2^63 − 1 (= 9223372036854775807; filecoin-project/builtin-actors runtime/src/runtime/policy.rs @ v18.0.0 `MAX_SECTOR_NUMBER` = i64::MAX). @since 0.1.0 */
export const MAX_SECTOR_NUMBER = (1n << 63n) - 1n

/**
 * One of replica ID's inputs with the wrong length or out of range.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidReplicaIdInput extends Data.TaggedError("InvalidReplicaIdInput")<{
  /** Which input: "proverId", "ticket", "commD", "porepId" or "sectorNumber". */
  readonly field: string
  readonly reason: string
}> {}

/** The inputs of {@link replicaId}. @since 0.1.0 */
export interface ReplicaIdInput {
  /** 32 bytes (see {@link proverIdFromActorId}). */
  readonly proverId: Uint8Array
  /** The sector number, 0 … 2^63 − 1, hashed as u64 big-endian. */
  readonly sectorNumber: bigint
  /** The sealing ticket (chain randomness), 32 bytes. */
  readonly ticket: Uint8Array
  /** CommD of the unsealed sector, 32 bytes. */
  readonly commD: Uint8Array
  /** The seal proof's porep_id, 32 bytes. */
  readonly porepId: Uint8Array
}

/** Clears the top two bits of byte 31 in place and returns the bytes (`bytes_into_fr_repr_safe`). */
export const frSafe = (bytes: Uint8Array): Uint8Array => {
  bytes[31] = bytes[31]! & FR_SAFE_MASK
  return bytes
}

/**
 * The checked form of {@link replicaId}: a typed error for an input of the wrong length or a
 * sector number outside 0 … 2^63 − 1.
 *
 * @example
 * replicaIdChecked({ ...input, ticket: new Uint8Array(31) }) // => Failure(InvalidReplicaIdInput { field: "ticket" })
 * @category replica id
 * @since 0.1.0
 */
export const replicaIdChecked = (input: ReplicaIdInput): Result.Result<Uint8Array, InvalidReplicaIdInput> => {
  // each byte input is 32 bytes
  for (const field of ["proverId", "ticket", "commD", "porepId"] as const) {
    const len = input[field].length
    if (len !== 32) return Result.fail(new InvalidReplicaIdInput({ field, reason: `${len} bytes, not 32` }))
  }
  // the sector number fits a sector number (u64, capped by the actors at i64::MAX)
  if (input.sectorNumber < 0n || input.sectorNumber > MAX_SECTOR_NUMBER) {
    return Result.fail(new InvalidReplicaIdInput({ field: "sectorNumber", reason: `${input.sectorNumber} is outside 0 … 2^63 − 1` }))
  }
  const sectorId = new Uint8Array(8)
  new DataView(sectorId.buffer).setBigUint64(0, input.sectorNumber, false)
  const h = sha256.create()
  h.update(input.proverId).update(sectorId).update(input.ticket).update(input.commD).update(input.porepId)
  return Result.succeed(frSafe(h.digest()))
}

/**
 * The replica ID (params.rs `generate_replica_id`): 32 bytes, a canonical Fr repr.
 *
 * @throws {RangeError} if an input has the wrong length (use {@link replicaIdChecked} for a typed error).
 * @example
 * replicaId({ proverId, sectorNumber: 1n, ticket, commD, porepId }) // => 32 bytes, byte 31 < 0x40
 * @category replica id
 * @since 0.1.0
 */
export const replicaId = (input: ReplicaIdInput): Uint8Array => {
  const r = replicaIdChecked(input)
  if (Result.isFailure(r)) throw new RangeError(`replica id: ${r.failure.field}: ${r.failure.reason}`)
  return r.success
}

/**
 * The prover ID of miner actor `id` (fvm `prover_id_from_u64`, filecoin-ffi `toProverID`): the
 * varint of the id, then zeros, 32 bytes.
 *
 * @throws {RangeError} for an id outside 0 … 2^63 − 1 (the ids an ID address carries here, see `uvarint.ts`).
 * @example
 * proverIdFromActorId(1000n).subarray(0, 3) // => Uint8Array [0xe8, 0x07, 0x00]
 * @category replica id
 * @since 0.1.0
 */
export const proverIdFromActorId = (id: bigint): Uint8Array => {
  if (id < 0n || id > MAX_UVARINT) throw new RangeError(`actor id out of range: ${id}`)
  const out = new Uint8Array(32)
  out.set(encodeUvarint(id), 0)
  return out
}
