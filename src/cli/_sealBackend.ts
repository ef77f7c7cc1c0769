/**
 * The sealing library the commands use (see `./_backend.ts`). Placeholder until
 * `src/proofs/sdr/seal.ts` is merged: every call fails with `SealingUnavailable`.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { SealBackend } from "./_backend.js"

/** Sealing is not in this build. */
export class SealingUnavailable extends Data.TaggedError("SealingUnavailable")<{ readonly message: string }> {}

const unavailable = () => Result.fail(new SealingUnavailable({ message: "src/proofs/sdr/seal.ts is not in this build" }))

/** The backend of the commands. @since 0.3.0 */
export const sealBackend: SealBackend = {
  engineName: () => "none",
  proverIdFromActorId: () => new Uint8Array(32),
  seal: unavailable,
  unseal: unavailable
}
