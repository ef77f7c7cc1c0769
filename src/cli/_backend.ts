/**
 * What `filflow seal` / `filflow unseal` need of the sealing library (`src/proofs/sdr/`): the
 * prover ID of an actor, `seal` and `unseal`.  The commands take it as a parameter so that the
 * work (`./_seal.ts`, `./_unseal.ts`) is written against this one seam; `./_sealBackend.ts` binds
 * it to `src/proofs/sdr/seal.ts` and `replicaId.ts`.  Only types here.
 *
 * @module
 */
import type * as Result from "effect/Result"
import type { SealedReplica } from "../proofs/post/interface.js"
import type { SealProofInfo } from "../proofs/sdr/porepId.js"
import type { SealOutput } from "../proofs/sdr/seal.js"

/**
 * A failure of the library, printed by its tag and fields.
 *
 * @category models
 * @since 0.3.0
 */
export interface TaggedFailure {
  readonly _tag: string
}

/**
 * The parts of a seal's output the commands use (`src/proofs/sdr/seal.ts` `SealOutput`).
 *
 * @category models
 * @since 0.3.0
 */
export type SealOutputView = Pick<
  SealOutput,
  "replicaId" | "commD" | "commC" | "commRLast" | "commR" | "sealedCid" | "unsealedCid" | "replica" | "treeRLast"
>

/**
 * The sealing library as the commands call it.
 *
 * @category models
 * @since 0.3.0
 */
export interface SealBackend {
  /** "ts" or "native": which engine seals (printed). */
  readonly engineName: () => string
  readonly proverIdFromActorId: (id: bigint) => Uint8Array
  readonly seal: (input: {
    readonly proof: SealProofInfo
    readonly proverId: Uint8Array
    readonly sectorNumber: bigint
    readonly ticket: Uint8Array
    readonly unsealed: Uint8Array
    readonly onProgress?: (stage: string, done: number, total: number) => void
  }) => Result.Result<SealOutputView, TaggedFailure>
  readonly unseal: (input: {
    readonly proof: SealProofInfo
    readonly replicaId: Uint8Array
    readonly replica: Uint8Array
    readonly onProgress?: (stage: string, done: number, total: number) => void
  }) => Result.Result<Uint8Array, TaggedFailure>
}

/**
 * A library failure as one line: its tag, then its fields (`message` first).
 *
 * @example
 * describeFailure({ _tag: "BadTicket", length: 31 }) // => "BadTicket (length 31)"
 * @category models
 * @since 0.3.0
 */
export const describeFailure = (e: TaggedFailure): string => {
  const fields = Object.entries(e).filter(([k]) => k !== "_tag" && k !== "stack" && k !== "name")
  const text = fields.map(([k, v]) => `${k} ${v instanceof Uint8Array ? Buffer.from(v).toString("hex") : String(v)}`)
  return text.length === 0 ? e._tag : `${e._tag} (${text.join(", ")})`
}

/**
 * One sealed sector as a PoSt prover holds it.
 *
 * @category models
 * @since 0.3.0
 */
export type PostReplica = SealedReplica

/**
 * The challenged leaves of one sector of a PoSt.
 *
 * @category models
 * @since 0.3.0
 */
export interface PostChallenges {
  readonly sectorNumber: bigint
  readonly leaves: ReadonlyArray<number>
}

/**
 * What anyone knows of a PoSt: the sectors' seal proof, the miner's prover ID, the randomness
 * (already a field element, see {@link PostBackend.randomness}).
 *
 * @category models
 * @since 0.3.0
 */
export interface PostPublic {
  readonly proof: SealProofInfo
  readonly proverId: Uint8Array
  readonly randomness: Uint8Array
}

/**
 * The PoSt library as `filflow post` calls it (`src/proofs/post/`): the registered PoSt proof,
 * the challenges, prove over the replicas, verify against the sectors' CommR alone. A Winning
 * PoSt draws its sector from the given ones, for the prover and the verifier alike. `P` is the
 * proof.
 *
 * @category models
 * @since 0.3.0
 */
export interface PostBackend<P> {
  /** The registered PoSt proof's name for sectors of `proof`. */
  readonly postProofName: (kind: "window" | "winning", proof: SealProofInfo) => string
  /** The proof's bytes (its DAG-CBOR form). */
  readonly encode: (proof: P) => Uint8Array
  /** The chain's 32 random bytes as the field element the PoSt uses. */
  readonly randomness: (raw: Uint8Array) => Uint8Array
  readonly challenges: (kind: "window" | "winning", input: PostPublic & {
    readonly sectorNumbers: ReadonlyArray<bigint>
  }) => Result.Result<ReadonlyArray<PostChallenges>, TaggedFailure>
  readonly prove: (kind: "window" | "winning", input: PostPublic & {
    readonly replicas: ReadonlyArray<PostReplica>
  }) => Result.Result<P, TaggedFailure>
  readonly verify: (kind: "window" | "winning", input: PostPublic & {
    readonly sectors: ReadonlyArray<{ readonly sectorNumber: bigint; readonly commR: Uint8Array }>
  }, proof: P) => Result.Result<void, TaggedFailure>
}
