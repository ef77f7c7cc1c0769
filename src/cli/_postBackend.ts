/**
 * The PoSt library `filflow post` uses (see `./_backend.ts`). Placeholder until
 * `src/proofs/post/` is merged: every call fails with `PostUnavailable`.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { PostBackend } from "./_backend.js"

/** PoSt is not in this build. */
export class PostUnavailable extends Data.TaggedError("PostUnavailable")<{ readonly message: string }> {}

const unavailable = () => Result.fail(new PostUnavailable({ message: "src/proofs/post/ is not in this build" }))

/** The backend of `filflow post`. @since 0.3.0 */
export const postBackend: PostBackend = { prove: unavailable, verify: unavailable }
