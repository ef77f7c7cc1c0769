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
 * This file parses the arguments and prints; the work lives in src/.
 *
 * Exit codes: 0 the deal was published; 1 a file error, or a deal that did not make it on chain
 * (printed with the reason); 2 a usage error.
 *
 * @module
 */
import * as Result from "effect/Result"
import { addressToString } from "../impl/address/address.js"
import type { ClientDealProposal } from "../impl/actors/market/types.js"
import { labelFromString } from "../impl/actors/market/types.js"
import { formatFil } from "../impl/token/amount.js"
import { type DealParties, dealWorld, DEFAULT_WORLD, type DealOutcome, type Escrow, makeDeal, minimumProviderCollateral } from "../impl/parties/world.js"
import type { FileReadFailed, NotAFile } from "../proofs/fileErrors.js"
import { commPOfFileNativeFirst } from "../proofs/nativeFile.js"
import { pieceCommitmentV1ToCID } from "../proofs/piececid.js"
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
  const commP = await commPOfFileNativeFirst(path)
  if (Result.isFailure(commP)) {
    io.stderr(`filflow deal: ${describeFileError(commP.failure)}\n`)
    return 1
  }
  const { result } = commP.success
  const pieceCid = Result.getOrThrow(pieceCommitmentV1ToCID(result.commP))
  const world = dealWorld({ ...DEFAULT_WORLD, seed: options.seed ?? DEFAULT_WORLD.seed })
  if (Result.isFailure(world)) {
    io.stderr(`filflow deal: setting up the chain failed at ${world.failure.step}: exit ${world.failure.receipt.exitCode} ${world.failure.receipt.message ?? ""}\n`)
    return 1
  }
  const start = world.success.net.vm.epoch + DEFAULT_WORLD.policy.minStartDelay
  const outcome = makeDeal(world.success, { pieceCid, payloadSize: result.payloadSize }, {
    pieceSize: result.size, label: labelFromString(pieceCid.toString()), startEpoch: start,
    endEpoch: start + Result.getOrThrow(duration), storagePricePerEpoch: Result.getOrThrow(price),
    providerCollateral: minimumProviderCollateral(world.success.net.vm, result.size), clientCollateral: 0n
  })
  if (Result.isFailure(outcome)) {
    io.stderr(`filflow deal: the client refused to propose: ${outcome.failure.tag}: ${outcome.failure.message}\n`)
    return 1
  }
  const report = dealReport(path, result.payloadSize, world.success.parties, outcome.success)
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${humanLines(report).join("\n")}\n`)
  return outcome.success.status === "Published" ? 0 : 1
}

// ---------------------------------------------------------------------------------------------
// the report

/** Amounts and sizes as decimal strings (exact at any size). */
type EscrowReport = { readonly balance: string; readonly locked: string }

/**
 * What `filflow deal` reports, as `--json` prints it.
 *
 * @category models
 * @since 0.2.0
 */
export interface DealReport {
  readonly file: string
  readonly payloadSize: string
  readonly client: string
  readonly provider: string
  readonly worker: string
  readonly proposal: Readonly<Record<string, string | boolean>>
  readonly proposalCid: string
  readonly status: string
  readonly rejection: string | null
  readonly publishMessageCid: string | null
  readonly publishExitCode: number | null
  readonly dealId: string | null
  readonly escrow: {
    readonly before: { readonly client: EscrowReport; readonly provider: EscrowReport }
    readonly after: { readonly client: EscrowReport; readonly provider: EscrowReport }
  }
}

const escrowReport = (e: Escrow): EscrowReport => ({ balance: e.balance.toString(), locked: e.locked.toString() })

const proposalFields = (cdp: ClientDealProposal): Readonly<Record<string, string | boolean>> => {
  const p = cdp.proposal
  return {
    pieceCid: p.pieceCid.toString(), pieceSize: p.pieceSize.toString(), verifiedDeal: p.verifiedDeal,
    client: addressToString(p.client), provider: addressToString(p.provider),
    label: p.label.kind === "string" ? p.label.value : `0x${Buffer.from(p.label.value).toString("hex")}`,
    startEpoch: p.startEpoch.toString(), endEpoch: p.endEpoch.toString(), storagePricePerEpoch: p.storagePricePerEpoch.toString(),
    providerCollateral: p.providerCollateral.toString(), clientCollateral: p.clientCollateral.toString()
  }
}

const dealReport = (
  file: string, payloadSize: bigint, parties: DealParties, o: DealOutcome
): DealReport => ({
  file, payloadSize: payloadSize.toString(), client: addressToString(parties.client.address), provider: addressToString(parties.miner),
  worker: addressToString(parties.worker.address), proposal: proposalFields(o.proposal), proposalCid: o.proposalCid.toString(),
  status: o.status, rejection: o.rejection, publishMessageCid: o.publish?.messageCid.toString() ?? null,
  publishExitCode: o.publish?.exitCode ?? null, dealId: o.dealId?.toString() ?? null,
  escrow: {
    before: { client: escrowReport(o.escrowBefore.client), provider: escrowReport(o.escrowBefore.provider) },
    after: { client: escrowReport(o.escrowAfter.client), provider: escrowReport(o.escrowAfter.provider) }
  }
})

const fil = (atto: string): string => formatFil(BigInt(atto))

const humanLines = (r: DealReport): Array<string> => [
  `file                   ${r.file} (${r.payloadSize} bytes)`,
  `client                 ${r.client}`,
  `provider               ${r.provider} (worker ${r.worker})`,
  "proposal (signed by the client)",
  ...Object.entries(r.proposal).map(([k, v]) => `  ${k.padEnd(21)}${String(v)}`),
  `proposal CID           ${r.proposalCid}`,
  `provider's answer      ${r.status === "Rejected" ? `rejected: ${r.rejection}` : "accepted"}`,
  `PublishStorageDeals    ${r.publishMessageCid === null ? "not sent" : `${r.publishMessageCid} (exit code ${r.publishExitCode})`}`,
  `deal ID                ${r.dealId ?? "none"}`,
  "escrow                 before                                 after",
  `  client   balance     ${fil(r.escrow.before.client.balance).padEnd(39)}${fil(r.escrow.after.client.balance)}`,
  `           locked      ${fil(r.escrow.before.client.locked).padEnd(39)}${fil(r.escrow.after.client.locked)}`,
  `  provider balance     ${fil(r.escrow.before.provider.balance).padEnd(39)}${fil(r.escrow.after.provider.balance)}`,
  `           locked      ${fil(r.escrow.before.provider.locked).padEnd(39)}${fil(r.escrow.after.provider.locked)}`
]

const describeFileError = (e: NotAFile | FileReadFailed): string => {
  if (e._tag === "NotAFile") return e.reason === "no such file" ? `${e.path}: no such file` : `${e.path}: ${e.reason}, not a file`
  const cause = e.cause instanceof Error ? e.cause.message : String(e.cause)
  return `cannot read ${e.path}: ${cause}`
}
