/**
 * The sealing library the commands use (see `./_backend.ts`): `src/proofs/sdr/seal.ts` `seal` and
 * `unseal` on the default engine (native when the binding provides one and `FILFLOW_NO_NATIVE`
 * is unset, else TypeScript), `src/proofs/sdr/replicaId.ts` `proverIdFromActorId`.
 *
 * @module
 */
import type { SealBackend } from "./_backend.js"
import { defaultEngine } from "../proofs/sdr/engine.js"
import { proverIdFromActorId } from "../proofs/sdr/replicaId.js"
import { seal, unseal } from "../proofs/sdr/seal.js"

/** The backend of `filflow seal` / `filflow unseal`. @since 0.3.0 */
export const sealBackend: SealBackend = {
  engineName: () => defaultEngine().name,
  proverIdFromActorId,
  seal: (input) => seal(input),
  unseal: (input) => unseal(input)
}
