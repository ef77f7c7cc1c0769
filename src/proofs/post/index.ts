/**
 * Vanilla Window and Winning PoSt: challenge derivation, proving and verifying over sealed
 * replicas, and the proofs' DAG-CBOR form.  See the modules for the upstream sources.
 *
 * @module
 */
export * from "./challenges.js"
export * from "./errors.js"
export type * from "./interface.js"
export * from "./params.js"
export * from "./windowPost.js"
export * from "./winningPost.js"
export * from "./cbor.js"
export type { PoseidonOpening, PoseidonPathElement } from "../poseidon/opening.js"
