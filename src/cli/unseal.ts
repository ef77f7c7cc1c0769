/**
 * `filflow unseal <dir> [--out FILE]`: the file back from a sealed-sector directory that
 * `filflow seal` wrote.  The layers are regenerated from the replica ID, the replica decoded
 * (`src/proofs/sdr/seal.ts` `unseal`), the piece Fr32-unpadded and trimmed to the file's
 * recorded length; the unsealed sector's CommD and its piece's CID must be the sector's (a damaged
 * replica does not unseal to the sealed file, and the command says so).
 *
 * This file parses the command line; `./_unseal.ts` (loaded only when the command runs) does the
 * work.
 *
 * Exit codes: 0 unsealed; 1 a directory that is not a sealed sector, a replica that does not
 * unseal to what was sealed, or a file that cannot be written; 2 a usage error.
 *
 * @module
 */
import * as Result from "effect/Result"
import { type ArgSpec, parseArgs } from "./_args.js"
import type { SealBackend } from "./_backend.js"
import { type SectorIo, sectorProcessIo } from "./seal.js"

/** Usage text of `filflow unseal`. */
export const UNSEAL_USAGE = "usage: filflow unseal <dir> [--out <file>]\n" +
  "  regenerates the layers of a sealed-sector directory from its replica ID, decodes the replica\n" +
  "  and writes the sealed file's bytes back, checked against the sector's CommD and piece CID\n" +
  "  --out    the file to write (default: the directory's name without .sealed, plus .unsealed;\n" +
  "           - for stdout)"

const UNSEAL_ARGS = {
  options: { out: "value" },
  positionals: { min: 1, max: 1, name: "<dir>" }
} as const satisfies ArgSpec<{ out: "value" }>

/**
 * The file `filflow unseal` writes by default: `a.bin.sealed` → `a.bin.unsealed`, any other
 * directory `<dir>.unsealed` — never the sealed file's own name.
 *
 * @example
 * defaultUnsealedPath("a.bin.sealed")  // => "a.bin.unsealed"
 * defaultUnsealedPath("sectors/s-7/")  // => "sectors/s-7.unsealed"
 * @category commands
 * @since 0.3.0
 */
export const defaultUnsealedPath = (dir: string): string => {
  const trimmed = dir.replace(/\/+$/, "")
  return `${trimmed.endsWith(".sealed") ? trimmed.slice(0, -".sealed".length) : trimmed}.unsealed`
}

/**
 * Runs `filflow unseal` with the arguments after `unseal`; returns the exit code.
 *
 * @example
 * await runUnseal(["a.bin.sealed"]) // writes a.bin.unsealed; => 0
 * @category commands
 * @since 0.3.0
 */
export const runUnseal = async (
  args: ReadonlyArray<string>, io: SectorIo = sectorProcessIo(), backend?: SealBackend
): Promise<number> => {
  const parsed = parseArgs(UNSEAL_ARGS, args)
  if (Result.isFailure(parsed)) {
    io.stderr(`filflow unseal: ${parsed.failure.message}\n${UNSEAL_USAGE}\n`)
    return 2
  }
  if (parsed.success === "help") {
    io.stdout(`${UNSEAL_USAGE}\n`)
    return 0
  }
  const dir = parsed.success.positionals[0]!
  const { unsealDir } = await import("./_unseal.js")
  return unsealDir(dir, parsed.success.options.out ?? defaultUnsealedPath(dir), io, backend)
}
