/**
 * The PoSt part of the vector format `filflow-vector/1` (`vectors/proofs/README.md`, "post/"):
 * the inputs and outputs of the function vectors of `src/proofs/post/` — challenge derivation,
 * proving and verifying Window and Winning PoSt over 2 KiB replicas.
 *
 * Registered PoSt proof ids (`postProof`: 0–4 Winning, 5–9 Window V1, 10–14 Window V1_1), sector
 * numbers and counts are decimal strings, leaf indices JSON integers, bytes lowercase hex; a proof
 * is its DAG-CBOR bytes (`src/proofs/post/cbor.ts`).
 *
 * @module
 */
import { Schema } from "effect"
import { Decimal, Hex } from "./scalars.js"
import { ValidJson } from "./sdrSchema.js"

const Int = Schema.Number.check(Schema.isInt())

/** A sealed sector as the prover holds it: its number, CommR, comm_c and the replica's bytes (tree_r_last's leaves). */
export const PostReplicaJson = Schema.Struct({ sectorNumber: Decimal, commR: Hex, commC: Hex, replica: Hex }).annotate({ identifier: "PostReplica" })

/** A sector as the chain knows it. */
export const PublicSectorJson = Schema.Struct({ sectorNumber: Decimal, commR: Hex }).annotate({ identifier: "PublicSector" })

const ProofOut = Schema.Struct({ proof: Hex }).annotate({ identifier: "PoStProofOutput" })

/** `postLeafChallenges`: the challenged leaves of each sector, in the order given. */
export const PostLeafChallengesIO = {
  input: Schema.Struct({ postProof: Decimal, randomness: Hex, sectors: Schema.Array(Decimal) }),
  output: Schema.Struct({ leaves: Schema.Array(Schema.Array(Int)) }).annotate({ identifier: "PostLeafChallengesOutput" })
} as const

/** `postWinningSectorChallenge`: the indices, among the eligible sectors, a Winning PoSt proves. */
export const PostWinningSectorChallengeIO = {
  input: Schema.Struct({ postProof: Decimal, randomness: Hex, proverId: Hex, eligibleCount: Decimal }),
  output: Schema.Struct({ indices: Schema.Array(Decimal) }).annotate({ identifier: "PostWinningSectorChallengeOutput" })
} as const

/** `postProveWindow`: a Window PoSt over the replicas. */
export const PostProveWindowIO = {
  input: Schema.Struct({ postProof: Decimal, randomness: Hex, proverId: Hex, replicas: Schema.Array(PostReplicaJson) }),
  output: ProofOut
} as const

/** `postVerifyWindow`: a Window PoSt against the sectors' CommRs. */
export const PostVerifyWindowIO = {
  input: Schema.Struct({ randomness: Hex, proverId: Hex, sectors: Schema.Array(PublicSectorJson), proof: Hex }),
  output: ValidJson
} as const

/** `postProveWinning`: a Winning PoSt of one replica. */
export const PostProveWinningIO = {
  input: Schema.Struct({ postProof: Decimal, randomness: Hex, proverId: Hex, replica: PostReplicaJson }),
  output: ProofOut
} as const

/** `postVerifyWinning`: a Winning PoSt against its sector's CommR (exactly one sector). */
export const PostVerifyWinningIO = {
  input: Schema.Struct({ randomness: Hex, proverId: Hex, sectors: Schema.Array(PublicSectorJson), proof: Hex }),
  output: ValidJson
} as const
