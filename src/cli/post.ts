/**
 * `filflow post <dir>… --randomness HEX [--winning] [--json]`: a proof of storage over sealed
 * sectors that `filflow seal` wrote — a Window PoSt over all of them (or, with `--winning`, a
 * Winning PoSt, which draws the sectors it challenges from them) for the given randomness, proved
 * and then verified against each sector's CommR alone (`src/proofs/post/`).  It prints the
 * challenged sectors and leaves and "verified"; a replica byte changed after sealing that a
 * challenge opens makes verification fail.  Vanilla proofs: no SNARK is made of them.
 *
 * This file parses the command line; `./_post.ts` (loaded only when the command runs) does the
 * work.
 *
 * Exit codes: 0 verified; 1 a bad value (randomness), a directory that is not a sealed sector,
 * sectors of different miners or proofs, or a proof that does not verify; 2 a usage error.
 *
 * @module
 */
import * as Result from "effect/Result"
import { type ArgSpec, parseArgs } from "./_args.js"
import type { PostBackend } from "./_backend.js"
import { type SectorIo, sectorProcessIo } from "./seal.js"

/** Usage text of `filflow post`. */
export const POST_USAGE = "usage: filflow post <dir>… --randomness <64 hex> [--winning] [--json]\n" +
  "  proves and verifies a Window PoSt (vanilla, no SNARK) over the sealed-sector directories for\n" +
  "  the randomness; prints the challenged sectors and leaves and whether the proof verified\n" +
  "  --winning  a Winning PoSt instead\n" +
  "  --json     one JSON object {kind, verified, postProof, sectors, challenges, proofBytes, …} on stdout, nothing else"

const POST_ARGS = {
  options: { randomness: "value", winning: "flag", json: "flag" },
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER, name: "<dir>" }
} as const satisfies ArgSpec<{ randomness: "value"; winning: "flag"; json: "flag" }>

/**
 * The command line of `filflow post`, its values not yet checked.
 *
 * @category models
 * @since 0.3.0
 */
export interface PostArgs {
  readonly dirs: ReadonlyArray<string>
  readonly randomness: string
  readonly winning: boolean
  readonly json: boolean
}

/**
 * Parses the arguments after `post`: one or more directories and `--randomness`.
 *
 * @example
 * parsePostArgs(["a.sealed", "--randomness", "00".repeat(32)]) // => Success({ dirs: ["a.sealed"], … })
 * parsePostArgs(["a.sealed"])                                  // => Failure("missing --randomness")
 * @category commands
 * @since 0.3.0
 */
export const parsePostArgs = (args: ReadonlyArray<string>): Result.Result<PostArgs | "help", string> => {
  const parsed = parseArgs(POST_ARGS, args)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure.message)
  if (parsed.success === "help") return Result.succeed("help")
  const { options: o, positionals } = parsed.success
  if (o.randomness === undefined) return Result.fail("missing --randomness")
  return Result.succeed({ dirs: positionals, randomness: o.randomness, winning: o.winning, json: o.json })
}

/**
 * Runs `filflow post` with the arguments after `post`; returns the exit code.
 *
 * @example
 * await runPost(["a.bin.sealed", "--randomness", "00".repeat(32)]) // prints the challenges and "verified"; => 0
 * @category commands
 * @since 0.3.0
 */
export const runPost = async <P>(
  args: ReadonlyArray<string>, io: SectorIo = sectorProcessIo(), backend?: PostBackend<P>
): Promise<number> => {
  const parsed = parsePostArgs(args)
  if (Result.isFailure(parsed)) {
    io.stderr(`filflow post: ${parsed.failure}\n${POST_USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${POST_USAGE}\n`)
    return 0
  }
  const { provePost } = await import("./_post.js")
  return provePost(parsed.success, io, backend)
}
