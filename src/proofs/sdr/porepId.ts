/**
 * porep_id: the 32 bytes that name a seal proof's graph, and the API version that decides the
 * graph's parent order.
 *
 * `porep_id[0..8] = registered proof id (u64 LE)`, `porep_id[8..16] = nonce (u64 LE, always 0)`,
 * `porep_id[16..32] = 0` (filecoin-project/rust-filecoin-proofs-api src/registry.rs @ v19.0.0
 * `REGISTERED_PROOF_IDS`, `nonce`, `porep_id`, `version`, `as_v1_config`). The ids are the same
 * numbers as the chain's RegisteredSealProof (filecoin-project/ref-fvm
 * shared/src/sector/registered_proof.rs @ fvm_shared@v4.8.2 `i64_conversion!`): V1 0–4, V1_1 5–9,
 * in the order 2 KiB, 8 MiB, 512 MiB, 32 GiB, 64 GiB.  V1 proofs run API version 1.0.0, V1_1
 * proofs 1.1.0.
 *
 * @module
 */
import { Data, Result } from "effect"

/** The proofs API version (rust-fil-proofs storage-proofs-core/src/api_version.rs @ storage-proofs-core-v19.1.0). */
export type ApiVersion = "V1_0_0" | "V1_1_0"

/** The sector sizes of the seal proofs listed here, in bytes. */
export const SECTOR_SIZES = {
  "2KiB": 2048,
  "8MiB": 8 << 20,
  "512MiB": 512 << 20,
  "32GiB": 32 * 2 ** 30,
  "64GiB": 64 * 2 ** 30
} as const

export type SectorSizeName = keyof typeof SECTOR_SIZES

/** One registered seal proof: its id, sector size and API version. */
export interface SealProofInfo {
  readonly name: string
  readonly id: number
  readonly sectorSize: number
  readonly apiVersion: ApiVersion
}

const SIZES: ReadonlyArray<SectorSizeName> = ["2KiB", "8MiB", "512MiB", "32GiB", "64GiB"]

/** The V1 (ids 0–4) and V1_1 (ids 5–9) seal proofs (registry.rs @ v19.0.0 `REGISTERED_PROOF_IDS`). */
export const SEAL_PROOFS: ReadonlyArray<SealProofInfo> = SIZES.flatMap((size, i) => [
  { name: `StackedDrg${size}V1`, id: i, sectorSize: SECTOR_SIZES[size], apiVersion: "V1_0_0" as const },
  { name: `StackedDrg${size}V1_1`, id: 5 + i, sectorSize: SECTOR_SIZES[size], apiVersion: "V1_1_0" as const }
]).sort((a, b) => a.id - b.id)

/** A seal proof id outside the V1 / V1_1 range. */
export class UnknownSealProof extends Data.TaggedError("UnknownSealProof")<{
  readonly id: number
  readonly reason: string
}> {}

/** The seal proof with registered id `id` (0–9). */
export const sealProof = (id: number): Result.Result<SealProofInfo, UnknownSealProof> => {
  const p = SEAL_PROOFS.find((s) => s.id === id)
  return p === undefined
    ? Result.fail(new UnknownSealProof({ id, reason: "not a V1 or V1_1 seal proof id (0–9)" }))
    : Result.succeed(p)
}

/** The seal proof for a sector size and API version. */
export const sealProofFor = (size: SectorSizeName, apiVersion: ApiVersion): SealProofInfo => {
  const p = SEAL_PROOFS.find((s) => s.sectorSize === SECTOR_SIZES[size] && s.apiVersion === apiVersion)
  if (p === undefined) throw new Error("unreachable: every size has a V1 and a V1_1 proof")
  return p
}

/** Nonce of every registered seal proof: 0 (registry.rs @ v19.0.0 `nonce`). */
export const POREP_NONCE = 0

/** porep_id = id u64 LE ‖ nonce u64 LE ‖ 16 zero bytes (registry.rs @ v19.0.0 `porep_id`). */
export const porepId = (proof: SealProofInfo): Uint8Array => {
  const out = new Uint8Array(32)
  const view = new DataView(out.buffer)
  view.setBigUint64(0, BigInt(proof.id), true)
  view.setBigUint64(8, BigInt(POREP_NONCE), true)
  return out
}
