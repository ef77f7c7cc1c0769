/**
 * `filflow seal <file> --sector-size 2KiB|8MiB|512MiB --miner f0…|t0… --sector N --ticket HEX
 * [--proof V1|V1_1] [--out DIR] [--json]`: the seed's SealingSector step on a real file.  The file
 * is packed into a sector as one piece (`./_pack.ts`), sealed with Stacked DRG as rust-fil-proofs
 * seals it (`src/proofs/sdr/seal.ts`), and written as a sealed-sector directory
 * (`./_sectorDir.ts`, default `<file>.sealed`); the command prints CommD, CommR, the sealed and
 * unsealed CIDs and the replica ID, with a progress bar on a terminal.
 *
 * This file parses the command line; `./_seal.ts` (loaded only when the command runs, so that the
 * other commands do not pay for loading the sealing code) checks the values and does the work.
 *
 * Exit codes: 0 sealed; 1 a bad value (unknown sector size, malformed miner, sector number,
 * ticket or proof version), a file that is missing or larger than the sector, or a failed seal —
 * each a typed error named on stderr; 2 a usage error (unknown option, missing option or file).
 *
 * @module
 */
import * as Result from "effect/Result"
import { type ArgSpec, parseArgs } from "./_args.js"
import type { SealBackend } from "./_backend.js"

/** Usage text of `filflow seal`. */
export const SEAL_USAGE = "usage: filflow seal <file> --sector-size 2KiB|8MiB|512MiB --miner <f0…|t0…> --sector <n> --ticket <64 hex>\n" +
  "                   [--proof V1|V1_1] [--out <dir>] [--json]\n" +
  "  packs the file into a sector (one Fr32-padded piece at offset 0, zeros after), seals it with\n" +
  "  Stacked DRG and writes the sealed-sector directory; prints CommD, CommR, the sealed and\n" +
  "  unsealed CIDs and the replica ID\n" +
  "  --proof  seal proof version (default V1_1)\n" +
  "  --out    the directory to write (default <file>.sealed)\n" +
  "  --json   one JSON object {commD, commR, sealedCid, unsealedCid, replicaId, …} on stdout, nothing else"

const SEAL_ARGS = {
  options: { "sector-size": "value", miner: "value", sector: "value", ticket: "value", proof: "value", out: "value", json: "flag" },
  positionals: { min: 1, max: 1, name: "<file>" }
} as const satisfies ArgSpec<{
  "sector-size": "value"; miner: "value"; sector: "value"; ticket: "value"; proof: "value"; out: "value"; json: "flag"
}>

/**
 * The command line of `filflow seal`, its values not yet checked.
 *
 * @category models
 * @since 0.3.0
 */
export interface SealArgs {
  readonly path: string
  readonly sectorSize: string
  readonly miner: string
  readonly sector: string
  readonly ticket: string
  readonly proof: string | undefined
  readonly out: string | undefined
  readonly json: boolean
}

/**
 * Where the command writes, and whether stderr is a terminal (for the progress bar).
 *
 * @category models
 * @since 0.3.0
 */
export interface SectorIo {
  readonly stdout: (text: string) => void
  /** Raw bytes on stdout (`filflow unseal --out -`). */
  readonly stdoutBytes: (bytes: Uint8Array) => void
  readonly stderr: (text: string) => void
  readonly stderrIsTTY: boolean
  /** Terminal width for the progress bar (default 80). */
  readonly columns?: number
}

/** The process's streams. @since 0.3.0 */
export const sectorProcessIo = (): SectorIo => ({
  stdout: (text) => process.stdout.write(text),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  // a terminal of unknown size (under `script`, some CI) reports 0 columns
  columns: (process.stderr.columns ?? 0) > 0 ? process.stderr.columns : 80
})

/**
 * Parses the arguments after `seal`: one file and the four required options; a missing one is a
 * usage error.
 *
 * @example
 * parseSealArgs(["a.bin", "--sector-size", "2KiB", "--miner", "t01000", "--sector", "1", "--ticket", "00".repeat(32)])
 * // => Success({ path: "a.bin", sectorSize: "2KiB", … })
 * parseSealArgs(["a.bin"]) // => Failure("missing --sector-size")
 * @category commands
 * @since 0.3.0
 */
export const parseSealArgs = (args: ReadonlyArray<string>): Result.Result<SealArgs | "help", string> => {
  const parsed = parseArgs(SEAL_ARGS, args)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure.message)
  if (parsed.success === "help") return Result.succeed("help")
  const { options: o, positionals } = parsed.success
  // the required options, in the usage's order
  const sectorSize = o["sector-size"]
  if (sectorSize === undefined) return Result.fail("missing --sector-size")
  if (o.miner === undefined) return Result.fail("missing --miner")
  if (o.sector === undefined) return Result.fail("missing --sector")
  if (o.ticket === undefined) return Result.fail("missing --ticket")
  return Result.succeed({
    path: positionals[0]!, sectorSize, miner: o.miner, sector: o.sector, ticket: o.ticket, proof: o.proof, out: o.out, json: o.json
  })
}

/**
 * Runs `filflow seal` with the arguments after `seal`; returns the exit code.
 *
 * @example
 * await runSeal(["a.bin", "--sector-size", "2KiB", "--miner", "t01000", "--sector", "1", "--ticket", "00".repeat(32), "--json"])
 * // prints {"commD": "…", "commR": "…", "sealedCid": "bagboea4b5abc…", …}; => 0
 * @category commands
 * @since 0.3.0
 */
export const runSeal = async (
  args: ReadonlyArray<string>, io: SectorIo = sectorProcessIo(), backend?: SealBackend
): Promise<number> => {
  const parsed = parseSealArgs(args)
  if (Result.isFailure(parsed)) {
    io.stderr(`filflow seal: ${parsed.failure}\n${SEAL_USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${SEAL_USAGE}\n`)
    return 0
  }
  const { sealFile } = await import("./_seal.js")
  return sealFile(parsed.success, io, backend)
}
