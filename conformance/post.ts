/**
 * Function vectors of the vanilla PoSt (`vectors/proofs/post/`) through our implementation
 * (`src/proofs/post/`): Window and Winning challenge derivation, proving over replicas given as
 * bytes (tree_r_last is rebuilt from them, 8-ary Poseidon), and verifying proofs given as their
 * DAG-CBOR bytes.  Each call answers its output as JSON or the tag of the typed error it fails
 * with: the library's own, the proof decoder's (`MalformedCbor`, `InvalidCborField`), or, for a
 * replica the prover cannot hold, `InvalidReplica` (not one sector of the proof's size) and
 * `NodeNotInField` (a node above r); `InvalidInput` for bad hex.
 *
 * @module
 */
import { Result } from "effect"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import {
  decodeWindowPostProof, decodeWinningPostProof, encodeWindowPostProof, encodeWinningPostProof, postLeafChallenges, postProof,
  type PoStProofInfo, proveWindowPost, proveWinningPost, type SealedReplica, verifyWindowPost, verifyWinningPost, winningPostSectorChallenge
} from "../src/proofs/post/index.js"
import { firstNonCanonicalNode, NodeNotInField } from "../src/proofs/sdr/encode.js"
import { defaultEngine } from "../src/proofs/sdr/engine.js"
import type { FunctionCall, FunctionOutput } from "./schema.js"
import { typed } from "./typedError.js"

/** Why a call failed: the tag (compared) and a message. */
export interface PostFailure {
  readonly tag: string
  readonly message: string
}
type R<A> = Result.Result<A, PostFailure>

const bytes = (hex: string, field: string): R<Uint8Array> => Result.mapError(fromHex(hex), (e) => ({ tag: "InvalidInput", message: `${field}: ${e.message}` }))

/** Sector sizes whose tree_r_last is one 8-ary tree (the sizes proven here). */
const SINGLE_TREE_SIZES: ReadonlyArray<number> = [2048, 8 << 20, 512 << 20]

type ReplicaJson = { readonly sectorNumber: string; readonly commR: string; readonly commC: string; readonly replica: string }

/**
 * The prover's view of a replica: tree_r_last rebuilt from its bytes.  For a proof type of
 * another tree shape nothing is built (the library refuses the proof type first).
 */
const replicaOf = (j: ReplicaJson, proof: PoStProofInfo, field: string): R<SealedReplica> => Result.gen(function* () {
  const replica = yield* bytes(j.replica, `${field}.replica`)
  const base = { sectorNumber: BigInt(j.sectorNumber), commR: yield* bytes(j.commR, `${field}.commR`), commC: yield* bytes(j.commC, `${field}.commC`) }
  if (!SINGLE_TREE_SIZES.includes(proof.sectorSize)) return { ...base, commRLast: new Uint8Array(32), treeRLast: [] }
  // one whole sector of the proof's size, every node a field element
  if (replica.length !== proof.sectorSize) {
    return yield* Result.fail({ tag: "InvalidReplica", message: `${field}: ${replica.length} bytes, the sector ${proof.sectorSize}` })
  }
  const bad = firstNonCanonicalNode(replica)
  if (bad >= 0) return yield* typed(Result.fail(new NodeNotInField({ what: "replica", node: bad })))
  // the native engine when loaded (byte-equal to the TypeScript, test/proofs/native)
  const treeRLast = defaultEngine().poseidonTreeLevels(8, replica)
  return { ...base, commRLast: treeRLast[treeRLast.length - 1]!, treeRLast }
})

const publicSectors = (sectors: ReadonlyArray<{ readonly sectorNumber: string; readonly commR: string }>): R<ReadonlyArray<{ sectorNumber: bigint; commR: Uint8Array }>> =>
  Result.gen(function* () {
    const out: Array<{ sectorNumber: bigint; commR: Uint8Array }> = []
    for (const [i, s] of sectors.entries()) out.push({ sectorNumber: BigInt(s.sectorNumber), commR: yield* bytes(s.commR, `sectors[${i}].commR`) })
    return out
  })

/** A call of a PoSt function (its name starts with `post`). */
export type PostCall = Extract<FunctionCall, { readonly function: `post${string}` }>

/** Whether `call` is a PoSt function call. */
export const isPostCall = (call: FunctionCall): call is PostCall => call.function.startsWith("post")

/**
 * Runs one PoSt function call with our implementation.  Never throws for a well-formed call.
 *
 * @example
 * postCall({ function: "postWinningSectorChallenge", input: { postProof: "0", randomness, proverId, eligibleCount: "10" } }) // => Success({ indices: ["4"] })
 * @category adapter
 * @since 0.1.0
 */
export const postCall = (call: PostCall): R<FunctionOutput> => Result.gen(function* () {
  switch (call.function) {
    case "postLeafChallenges": {
      const proof = yield* typed(postProof(Number(call.input.postProof)))
      const leaves = yield* typed(postLeafChallenges(proof, yield* bytes(call.input.randomness, "randomness"), call.input.sectors.map((s) => BigInt(s))))
      return { leaves: leaves.map((l) => [...l]) }
    }
    case "postWinningSectorChallenge": {
      const { input } = call
      const proof = yield* typed(postProof(Number(input.postProof)))
      const indices = yield* typed(winningPostSectorChallenge(proof, yield* bytes(input.randomness, "randomness"), BigInt(input.eligibleCount), yield* bytes(input.proverId, "proverId")))
      return { indices: indices.map(String) }
    }
    case "postProveWindow": {
      const { input } = call
      const proof = yield* typed(postProof(Number(input.postProof)))
      const replicas: Array<SealedReplica> = []
      for (const [i, r] of input.replicas.entries()) replicas.push(yield* replicaOf(r, proof, `replicas[${i}]`))
      const p = yield* typed(proveWindowPost({ proof, randomness: yield* bytes(input.randomness, "randomness"), proverId: yield* bytes(input.proverId, "proverId"), replicas }))
      return { proof: toHex(encodeWindowPostProof(p)) }
    }
    case "postVerifyWindow": {
      const { input } = call
      const p = yield* typed(decodeWindowPostProof(yield* bytes(input.proof, "proof")))
      yield* typed(verifyWindowPost({ randomness: yield* bytes(input.randomness, "randomness"), proverId: yield* bytes(input.proverId, "proverId"), sectors: yield* publicSectors(input.sectors) }, p))
      return { valid: true }
    }
    case "postProveWinning": {
      const { input } = call
      const proof = yield* typed(postProof(Number(input.postProof)))
      const replica = yield* replicaOf(input.replica, proof, "replica")
      const p = yield* typed(proveWinningPost({ proof, randomness: yield* bytes(input.randomness, "randomness"), proverId: yield* bytes(input.proverId, "proverId"), replica }))
      return { proof: toHex(encodeWinningPostProof(p)) }
    }
    case "postVerifyWinning": {
      const { input } = call
      const p = yield* typed(decodeWinningPostProof(yield* bytes(input.proof, "proof")))
      yield* typed(verifyWinningPost({ randomness: yield* bytes(input.randomness, "randomness"), proverId: yield* bytes(input.proverId, "proverId"), sectors: yield* publicSectors(input.sectors) }, p))
      return { valid: true }
    }
  }
})
