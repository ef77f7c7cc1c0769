/**
 * The work of `filflow deal` (see `./deal.ts`, which parses the arguments and loads this module
 * only when the command runs): the file's CommP (src/proofs), the deal world and the deal
 * (src/impl/parties/world.ts), and the printing.
 *
 * @module
 */
import * as Result from "effect/Result"
import { addressToString } from "../impl/address/address.js"
import { type ClientDealProposal, labelFromString } from "../impl/actors/market/types.js"
import { type DealOutcome, type DealParties, dealWorld, DEFAULT_WORLD, type Escrow, makeDeal, minimumProviderCollateral } from "../impl/parties/world.js"
import type { FileReadFailed, NotAFile } from "../proofs/fileErrors.js"
import { commPOfFileNativeFirst } from "../proofs/nativeFile.js"
import { pieceCommitmentV1ToCID } from "../proofs/piececid.js"
import type { DealIo } from "./deal.js"

/** The options of one run. */
export interface DealOptions {
  readonly json: boolean
  readonly seed: string | undefined
  readonly price: bigint
  readonly duration: bigint
}

/**
 * Makes a deal for the file at `path` and prints it; returns the exit code (0 published, 1 a file
 * error or a deal that did not make it on chain).
 *
 * @category commands
 * @since 0.2.0
 */
export const makeFileDeal = async (path: string, options: DealOptions, io: DealIo): Promise<number> => {
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
    endEpoch: start + options.duration, storagePricePerEpoch: options.price,
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

/** attoFIL with thousands separators. */
const fil = (atto: string): string => `${atto.replace(/\B(?=(\d{3})+(?!\d))/g, ",")} attoFIL`

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
  "market escrow          before                                 after",
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
