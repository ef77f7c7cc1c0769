/**
 * The PoSt library `filflow post` uses (see `./_backend.ts`): `src/proofs/post/` — Window PoSt
 * V1_1 (API 1.2.0) or Winning PoSt V1 of the sectors' size (`postProofsFor`), the randomness made
 * a field element as the FVM does (`postRandomness`), the challenged leaves
 * (`postLeafChallenges`) and, for a Winning PoSt, the sector drawn from the given ones in
 * ascending sector number (`winningPostSectorChallenge`; filecoin-project/rust-fil-proofs
 * filecoin-proofs/src/api/winning_post.rs @ filecoin-proofs-v19.1.0
 * `generate_winning_post_sector_challenge` returns indices into the eligible set); the proof's
 * bytes are its DAG-CBOR form (`src/proofs/post/cbor.ts`).
 *
 * @module
 */
import * as Result from "effect/Result"
import {
  encodeWindowPostProof, encodeWinningPostProof, postLeafChallenges, type PoStProofInfo, postProofsFor, postRandomness, proveWindowPost, proveWinningPost, verifyWindowPost,
  verifyWinningPost, type WindowPostProof, type WinningPostProof, winningPostSectorChallenge
} from "../proofs/post/index.js"
import { SECTOR_SIZES, type SealProofInfo, type SectorSizeName } from "../proofs/sdr/porepId.js"
import type { PostBackend, PostPublic, TaggedFailure } from "./_backend.js"

/** A proof of either kind, tagged. @since 0.3.0 */
export type PostProof =
  | { readonly kind: "window"; readonly proof: WindowPostProof }
  | { readonly kind: "winning"; readonly proof: WinningPostProof }

const postProofOf = (kind: "window" | "winning", proof: SealProofInfo): PoStProofInfo => {
  const size = (Object.keys(SECTOR_SIZES) as Array<SectorSizeName>).find((s) => SECTOR_SIZES[s] === proof.sectorSize)!
  return postProofsFor(size)[kind]
}

const ascending = <T extends { readonly sectorNumber: bigint }>(xs: ReadonlyArray<T>): ReadonlyArray<T> =>
  [...xs].sort((a, b) => (a.sectorNumber < b.sectorNumber ? -1 : a.sectorNumber > b.sectorNumber ? 1 : 0))

/** The sectors a PoSt of `kind` proves: all of them (Window), the one drawn (Winning). */
const proven = <T extends { readonly sectorNumber: bigint }>(
  kind: "window" | "winning", input: PostPublic, sectors: ReadonlyArray<T>
): Result.Result<ReadonlyArray<T>, TaggedFailure> => {
  const sorted = ascending(sectors)
  if (kind === "window") return Result.succeed(sorted)
  return Result.map(
    winningPostSectorChallenge(postProofOf("winning", input.proof), input.randomness, BigInt(sorted.length), input.proverId),
    (indices) => indices.map((i) => sorted[Number(i)]!)
  )
}

/** The backend of `filflow post`. @since 0.3.0 */
export const postBackend: PostBackend<PostProof> = {
  postProofName: (kind, proof) => postProofOf(kind, proof).name,
  encode: (p) => (p.kind === "window" ? encodeWindowPostProof(p.proof) : encodeWinningPostProof(p.proof)),
  randomness: postRandomness,
  challenges: (kind, input) =>
    Result.flatMap(proven(kind, input, input.sectorNumbers.map((sectorNumber) => ({ sectorNumber }))), (sectors) =>
      Result.map(postLeafChallenges(postProofOf(kind, input.proof), input.randomness, sectors.map((s) => s.sectorNumber)), (leaves) =>
        sectors.map((s, i) => ({ sectorNumber: s.sectorNumber, leaves: leaves[i]! })))),
  prove: (kind, input) => {
    const post = postProofOf(kind, input.proof)
    const { proverId, randomness } = input
    return Result.flatMap(proven(kind, input, input.replicas), (replicas): Result.Result<PostProof, TaggedFailure> =>
      kind === "window"
        ? Result.map(proveWindowPost({ proof: post, randomness, proverId, replicas }), (proof) => ({ kind, proof }))
        : Result.map(proveWinningPost({ proof: post, randomness, proverId, replica: replicas[0]! }), (proof) => ({ kind, proof })))
  },
  verify: (kind, input, proof) => {
    const { proverId, randomness } = input
    return Result.flatMap(proven(kind, input, input.sectors), (sectors): Result.Result<void, TaggedFailure> =>
      proof.kind === "window"
        ? verifyWindowPost({ randomness, proverId, sectors }, proof.proof)
        : verifyWinningPost({ randomness, proverId, sectors }, proof.proof))
  }
}
