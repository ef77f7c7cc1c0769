/**
 * The registered PoSt proofs and their counts: how many sectors a Window PoSt partition holds,
 * how many leaves each sector is challenged at, and which API version picks the challenge index.
 *
 * - Ids and names: filecoin-project/go-state-types abi/sector.go @ v0.18.0
 *   (`RegisteredPoStProof_StackedDrgWinning2KiBV1` = 0 … `StackedDrgWindow64GiBV1_1` = 14).  The
 *   chain's Window "V1_1" proofs (ids 10–14) are rust-filecoin-proofs-api's
 *   `StackedDrgWindow…V1_2` (filecoin-project/filecoin-ffi rust/src/proofs/types.rs, the
 *   `RegisteredPoStProof` conversion: "WindowPoStV1_1 here -> Proofs api_version WindowPoStV1_2").
 * - API versions: filecoin-project/rust-filecoin-proofs-api src/registry.rs @ v19.0.0
 *   `RegisteredPoStProof::version`: Winning and Window V1 run 1.0.0, Window V1_2 runs 1.2.0 ("to fix
 *   the grindability issue": the challenge index no longer depends on the sector's position,
 *   storage-proofs-post/src/fallback/utils.rs @ storage-proofs-post-v19.1.0 `get_challenge_index`).
 * - Counts: filecoin-project/rust-fil-proofs filecoin-proofs/src/constants.rs @
 *   filecoin-proofs-v19.1.0: `WINNING_POST_CHALLENGE_COUNT` = 66, `WINNING_POST_SECTOR_COUNT` = 1,
 *   `WINDOW_POST_CHALLENGE_COUNT` = 10, `WINDOW_POST_SECTOR_COUNT` = 2 for 2 KiB, 8 MiB and
 *   512 MiB, 2349 for 32 GiB and 2300 for 64 GiB (sectors per partition).
 *
 * | proof | ids | API | challenges per sector | sectors |
 * | --- | --- | --- | --- | --- |
 * | Winning V1 | 0–4 | 1.0.0 | 66 | 1 |
 * | Window V1 | 5–9 | 1.0.0 | 10 | 2 / 2 / 2 / 2349 / 2300 per partition |
 * | Window V1_1 (API V1_2) | 10–14 | 1.2.0 | 10 | as Window V1 |
 *
 * @module
 */
import { Data, Result } from "effect"
import { SECTOR_SIZES, type SectorSizeName } from "../sdr/porepId.js"

/** The proofs API versions a PoSt runs (storage-proofs-core/src/api_version.rs @ storage-proofs-core-v19.1.0). */
export type PoStApiVersion = "V1_0_0" | "V1_2_0"

/** Winning PoSt (block election) or Window PoSt (the daily proof of every sector). */
export type PoStType = "Winning" | "Window"

/** One registered PoSt proof. */
export interface PoStProofInfo {
  readonly name: string
  readonly id: number
  readonly type: PoStType
  readonly sectorSize: number
  readonly apiVersion: PoStApiVersion
  /** Leaf challenges per sector. */
  readonly challengeCount: number
  /** Sectors per partition (Window) or sectors proven (Winning). */
  readonly sectorCount: number
}

/** Leaf challenges of a Winning PoSt (constants.rs `WINNING_POST_CHALLENGE_COUNT` = 66). */
export const WINNING_POST_CHALLENGE_COUNT = 66
/** Sectors a Winning PoSt proves (constants.rs `WINNING_POST_SECTOR_COUNT` = 1). */
export const WINNING_POST_SECTOR_COUNT = 1
/** Leaf challenges per sector of a Window PoSt (constants.rs `WINDOW_POST_CHALLENGE_COUNT` = 10). */
export const WINDOW_POST_CHALLENGE_COUNT = 10

/** Sectors per Window PoSt partition by sector size (constants.rs `WINDOW_POST_SECTOR_COUNT`). */
export const WINDOW_POST_SECTOR_COUNT: Readonly<Record<SectorSizeName, number>> = {
  "2KiB": 2, "8MiB": 2, "512MiB": 2, "32GiB": 2349, "64GiB": 2300
}

const SIZES: ReadonlyArray<SectorSizeName> = ["2KiB", "8MiB", "512MiB", "32GiB", "64GiB"]

/** Every registered PoSt proof, by id (go-state-types abi/sector.go @ v0.18.0). */
export const POST_PROOFS: ReadonlyArray<PoStProofInfo> = [
  ...SIZES.map((s, i) => ({
    name: `StackedDrgWinning${s}V1`, id: i, type: "Winning" as const, sectorSize: SECTOR_SIZES[s], apiVersion: "V1_0_0" as const,
    challengeCount: WINNING_POST_CHALLENGE_COUNT, sectorCount: WINNING_POST_SECTOR_COUNT
  })),
  ...SIZES.map((s, i) => ({
    name: `StackedDrgWindow${s}V1`, id: 5 + i, type: "Window" as const, sectorSize: SECTOR_SIZES[s], apiVersion: "V1_0_0" as const,
    challengeCount: WINDOW_POST_CHALLENGE_COUNT, sectorCount: WINDOW_POST_SECTOR_COUNT[s]
  })),
  ...SIZES.map((s, i) => ({
    name: `StackedDrgWindow${s}V1_1`, id: 10 + i, type: "Window" as const, sectorSize: SECTOR_SIZES[s], apiVersion: "V1_2_0" as const,
    challengeCount: WINDOW_POST_CHALLENGE_COUNT, sectorCount: WINDOW_POST_SECTOR_COUNT[s]
  }))
]

/**
 * A PoSt proof id outside 0 … 14.
 *
 * @category errors
 */
export class UnknownPoStProof extends Data.TaggedError("UnknownPoStProof")<{
  readonly id: number
}> {}

/**
 * The registered PoSt proof with id `id`.
 *
 * @example
 * postProof(10) // => Success({ name: "StackedDrgWindow2KiBV1_1", id: 10, type: "Window", sectorSize: 2048, apiVersion: "V1_2_0", challengeCount: 10, sectorCount: 2 })
 * @category parameters
 */
export const postProof = (id: number): Result.Result<PoStProofInfo, UnknownPoStProof> => {
  const p = POST_PROOFS.find((x) => x.id === id)
  return p === undefined ? Result.fail(new UnknownPoStProof({ id })) : Result.succeed(p)
}

/**
 * The Winning and Window PoSt proofs of a sector size used here by default: Winning V1 (the only
 * Winning proof) and Window V1_1 (API 1.2.0, the Window PoSt without the grindability issue).
 *
 * @example
 * postProofsFor("2KiB").window.id // => 10
 * @category parameters
 */
export const postProofsFor = (size: SectorSizeName): { readonly winning: PoStProofInfo; readonly window: PoStProofInfo } => {
  const i = SIZES.indexOf(size)
  return { winning: POST_PROOFS[i]!, window: POST_PROOFS[10 + i]! }
}
