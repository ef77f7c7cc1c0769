/**
 * The work of `filflow post` (see `./post.ts`): read the sealed-sector directories, check they
 * belong to one miner and one proof, prove a Window (or Winning) PoSt over them for the
 * randomness, verify it against the sectors' CommR alone, print.
 *
 * The prover holds the replicas (each directory's `sealed` file as tree_r_last's leaves, its
 * upper levels from `sc-02-data-tree-r-last.dat`, comm_c and comm_r_last from `p_aux`); the
 * verifier is given only what the chain knows: the miner's prover ID, the sector numbers and
 * their CommR (`meta.json`), and the randomness.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { toHex } from "../impl/encoding/hex.js"
import { describeFailure, type PostBackend, type PostChallenges } from "./_backend.js"
import { readSectorDir, type SealedSectorFiles } from "./_sectorDir.js"
import { describeInputError, parseBytes32 } from "./_sectorInput.js"
import type { PostArgs } from "./post.js"
import type { SectorIo } from "./seal.js"

/**
 * Sectors that cannot be proved together: of different miners or seal proofs, or one sector twice.
 *
 * @category errors
 * @since 0.3.0
 */
export class IncompatibleSectors extends Data.TaggedError("IncompatibleSectors")<{
  readonly dirs: ReadonlyArray<string>
  readonly reason: string
}> {}

/**
 * What `filflow post --json` prints.
 *
 * @category models
 * @since 0.3.0
 */
export interface PostReport {
  readonly kind: "window" | "winning"
  readonly verified: boolean
  /** Why verification failed (absent when verified). */
  readonly failure?: string
  readonly miner: string
  /** The sectors' seal proof. */
  readonly proof: string
  /** The registered PoSt proof (`StackedDrgWindow2KiBV1_1`, `StackedDrgWinning2KiBV1`). */
  readonly postProof: string
  /** The randomness as used: the given bytes with the top two bits cleared (a field element). */
  readonly randomness: string
  /** The sectors given, decimal, ascending. */
  readonly sectors: ReadonlyArray<string>
  /** The proof's size in bytes, DAG-CBOR (absent when the prover made none). */
  readonly proofBytes?: number
  /** The challenged sectors, each with the tree_r_last leaves opened. */
  readonly challenges: ReadonlyArray<{ readonly sector: string; readonly leaves: ReadonlyArray<number> }>
}

/**
 * The sectors checked to be provable together: one miner (prover ID), one seal proof, no sector twice.
 *
 * @category commands
 * @since 0.3.0
 */
export const compatibleSectors = (sectors: ReadonlyArray<SealedSectorFiles>): Result.Result<ReadonlyArray<SealedSectorFiles>, IncompatibleSectors> => {
  const dirs = sectors.map((s) => s.dir)
  const [first] = sectors
  if (first === undefined) return Result.fail(new IncompatibleSectors({ dirs, reason: "no sectors" }))
  // one miner
  const other = sectors.find((s) => toHex(s.proverId) !== toHex(first.proverId))
  if (other !== undefined) return Result.fail(new IncompatibleSectors({ dirs, reason: `${other.dir} is miner ${other.meta.miner}'s, ${first.dir} is ${first.meta.miner}'s` }))
  // one seal proof
  const proof = sectors.find((s) => s.proof.id !== first.proof.id)
  if (proof !== undefined) return Result.fail(new IncompatibleSectors({ dirs, reason: `${proof.dir} is ${proof.proof.name}, ${first.dir} is ${first.proof.name}` }))
  // each sector once
  const seen = new Map<bigint, string>()
  for (const s of sectors) {
    const before = seen.get(s.sectorNumber)
    if (before !== undefined) return Result.fail(new IncompatibleSectors({ dirs, reason: `${before} and ${s.dir} are both sector ${s.sectorNumber}` }))
    seen.set(s.sectorNumber, s.dir)
  }
  return Result.succeed(sectors)
}

/**
 * Proves and verifies the PoSt of `args`; returns the exit code (0 verified, 1 otherwise). The
 * prover reads its openings from the files without hashing them, so a changed replica byte that
 * a challenge opens is caught by the verifier (the opening no longer hashes to comm_r_last); a
 * prover that refuses a sector (upstream's `FaultySectors`: tree_r_last not of the sector's shape
 * or not rooted at comm_r_last) makes no proof, which is reported as not verified too.
 *
 * @category commands
 * @since 0.3.0
 */
export const provePost = async <P>(args: PostArgs, io: SectorIo, backend?: PostBackend<P>): Promise<number> => {
  const fail = (message: string) => {
    io.stderr(`filflow post: ${message}\n`)
    return 1
  }
  const raw = parseBytes32("randomness", args.randomness)
  if (Result.isFailure(raw)) return fail(describeInputError(raw.failure))
  const read: Array<SealedSectorFiles> = []
  for (const dir of args.dirs) {
    const sector = await readSectorDir(dir)
    if (Result.isFailure(sector)) return fail(`${sector.failure.dir}: not a sealed sector: ${sector.failure.reason}`)
    read.push(sector.success)
  }
  const sectors = compatibleSectors(read)
  if (Result.isFailure(sectors)) return fail(`these sectors cannot be proved together: ${sectors.failure.reason}`)
  // in ascending sector number, the order the PoSt proves them in
  const sorted = [...sectors.success].sort((x, y) => (x.sectorNumber < y.sectorNumber ? -1 : 1))
  const first = sorted[0]!
  const kind = args.winning ? "winning" : "window"
  if (backend !== undefined) return run(kind, args.json, sorted, raw.success, io, fail, backend, first)
  return run(kind, args.json, sorted, raw.success, io, fail, (await import("./_postBackend.js")).postBackend, first)
}

const run = <P>(
  kind: "window" | "winning", json: boolean, sectors: ReadonlyArray<SealedSectorFiles>, raw: Uint8Array, io: SectorIo,
  fail: (message: string) => number, b: PostBackend<P>, first: SealedSectorFiles
): number => {
  const common = { proof: first.proof, proverId: first.proverId, randomness: b.randomness(raw) }
  // the challenges: public, the same for prover and verifier
  const challenges = b.challenges(kind, { ...common, sectorNumbers: sectors.map((s) => s.sectorNumber) })
  if (Result.isFailure(challenges)) return fail(`no challenges: ${describeFailure(challenges.failure)}`)
  const proved = b.prove(kind, {
    ...common,
    replicas: sectors.map((s) => ({ sectorNumber: s.sectorNumber, commR: s.commR, commC: s.commC, commRLast: s.commRLast, treeRLast: s.treeRLast }))
  })
  // the verifier sees the chain's view only: sector numbers and CommR
  const verified = Result.isFailure(proved)
    ? Result.fail(`the prover made no proof: ${describeFailure(proved.failure)}`)
    : Result.mapError(b.verify(kind, { ...common, sectors: sectors.map((s) => ({ sectorNumber: s.sectorNumber, commR: s.commR })) }, proved.success), describeFailure)
  const report: PostReport = {
    kind, verified: Result.isSuccess(verified), ...(Result.isFailure(verified) ? { failure: verified.failure } : {}),
    ...(Result.isSuccess(proved) ? { proofBytes: b.encode(proved.success).length } : {}),
    miner: first.meta.miner, proof: first.proof.name, postProof: b.postProofName(kind, first.proof), randomness: toHex(common.randomness),
    sectors: sectors.map((s) => s.sectorNumber.toString()),
    challenges: challenges.success.map((c: PostChallenges) => ({ sector: c.sectorNumber.toString(), leaves: [...c.leaves] }))
  }
  io.stdout(json ? `${JSON.stringify(report)}\n` : `${humanLines(report).join("\n")}\n`)
  return report.verified ? 0 : 1
}

const humanLines = (r: PostReport): Array<string> => [
  `${r.postProof} (vanilla, no SNARK) over ${r.sectors.length} sector${r.sectors.length === 1 ? "" : "s"} of ${r.miner} (${r.proof})`,
  `randomness  ${r.randomness}`,
  ...r.challenges.map((c) => `  sector ${c.sector.padEnd(6)} leaves ${c.leaves.join(", ")}`),
  ...(r.proofBytes === undefined ? [] : [`proof       ${r.proofBytes} bytes (DAG-CBOR: comm_c, comm_r_last and the tree_r_last openings)`]),
  r.verified ? "verified" : `NOT verified: ${r.failure}`
]
