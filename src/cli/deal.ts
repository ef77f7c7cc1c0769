/**
 * `filflow deal <file> [--json] [--seed <text>] [--price <attoFIL>] [--duration <epochs>]`:
 * StorageDealMake for a real file on the in-process chain.  The file's CommP and piece CID come
 * from src/proofs; the chain, the client and the provider from `src/impl/parties/world.ts`
 * (deterministic keys from the seed; the provider's miner made by Power.CreateMiner; both parties'
 * escrow funded by AddBalance); the deal from the parties' reducers on the deterministic network:
 * the client's signed DealProposal, the provider's DealResponse by its policy, PublishStorageDeals
 * on chain, DealAccepted with the deal ID.  It prints the proposal's fields, its CID, the deal ID
 * and the escrow (balance / locked) of the client and the provider before and after; `--json`
 * prints the same as one JSON object.
 *
 * This file parses the arguments; `./_deal.ts` (loaded only when the command runs, so that other
 * commands do not pay for loading the chain) runs the deal from src/ and prints it.
 *
 * Exit codes: 0 the deal was published; 1 a file error, or a deal that did not make it on chain
 * (printed with the reason); 2 a usage error.
 *
 * @module
 */
import * as Result from "effect/Result"
import { type ArgSpec, parseArgs } from "./_args.js"

/** Usage text of `filflow deal`. */
export const DEAL_USAGE = "usage: filflow deal <file> [--json] [--seed <text>] [--price <attoFIL per epoch>] [--duration <epochs>]\n" +
  "  proposes, accepts and publishes a storage deal for the file on the in-process chain;\n" +
  "  prints the proposal, its CID, the deal ID and both parties' escrow before and after\n" +
  "  --json      one JSON object on stdout, nothing else\n" +
  "  --seed      the seed of the parties' keys (default \"filflow\")\n" +
  "  --price     storage price per epoch, attoFIL (default 1000)\n" +
  "  --duration  deal duration, epochs (default 518400, the chain's minimum of 180 days)"

const DEAL_ARGS = {
  options: { json: "flag", seed: "value", price: "value", duration: "value" },
  positionals: { min: 1, max: 1, name: "<file>" }
} as const satisfies ArgSpec<{ json: "flag"; seed: "value"; price: "value"; duration: "value" }>

/** Where the command writes. */
export interface DealIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

const processIo = (): DealIo => ({ stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })

const natural = (text: string | undefined, fallback: bigint, name: string): Result.Result<bigint, string> => {
  if (text === undefined) return Result.succeed(fallback)
  return /^\d+$/.test(text) ? Result.succeed(BigInt(text)) : Result.fail(`--${name}: expected a whole number, got ${JSON.stringify(text)}`)
}

/**
 * Runs `filflow deal` with the arguments after `deal`; returns the exit code.
 *
 * @example
 * await runDeal(["deal.car", "--json"]) // prints {"file": "deal.car", "pieceCid": "baga6ea4seaq…", …}; => 0
 * @category commands
 * @since 0.2.0
 */
export const runDeal = async (args: ReadonlyArray<string>, io: DealIo = processIo()): Promise<number> => {
  const parsed = parseArgs(DEAL_ARGS, args)
  if (Result.isFailure(parsed)) {
    io.stderr(`filflow deal: ${parsed.failure.message}\n${DEAL_USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${DEAL_USAGE}\n`)
    return 0
  }
  const { options, positionals } = parsed.success
  const path = positionals[0]!
  const price = natural(options.price, 1000n, "price")
  const duration = natural(options.duration, 518_400n, "duration")
  for (const r of [price, duration]) {
    if (Result.isFailure(r)) {
      io.stderr(`filflow deal: ${r.failure}\n${DEAL_USAGE}\n`)
      return 2
    }
  }
  const { makeFileDeal } = await import("./_deal.js")
  return makeFileDeal(path, { json: options.json, seed: options.seed, price: Result.getOrThrow(price), duration: Result.getOrThrow(duration) }, io)
}

