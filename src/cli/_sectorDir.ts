/**
 * The sealed-sector directory that `filflow seal` writes and `filflow unseal` / `filflow post`
 * read.  Its files are named after rust-fil-proofs' sealed file and cache directory where they
 * hold the same thing:
 *
 * | file | contents |
 * |---|---|
 * | `sealed` | the replica, sector size bytes (Lotus's `sealed/s-t0<miner>-<n>`) |
 * | `p_aux` | comm_c ‖ comm_r_last, 64 bytes: `PersistentAux` as bincode writes two 32-byte domains |
 * | `sc-02-data-tree-r-last.dat` | tree_r_last's levels above the leaves, bottom first, root last, 32 bytes a node |
 * | `meta.json` | what the sector is: proof, miner, sector number, ticket, replica ID, CommD, CommR, CIDs, the piece and the file's length |
 *
 * Sources: filecoin-project/rust-fil-proofs storage-proofs-core/src/cache_key.rs @
 * storage-proofs-core-v19.1.0 (`p_aux`, `tree-r-last`) (merkletree 0.23.0,
 * the version it pins in Cargo.toml); filecoin-project/merkletree src/store/mod.rs @ v0.23.0
 * `StoreConfig::data_path` (`sc-02-data-<id>.dat`); storage-proofs-porep/src/stacked/vanilla/params.rs
 * @ storage-proofs-porep-v19.1.0 `PersistentAux { comm_c, comm_r_last }`.
 *
 * Differences, on purpose: upstream's tree-r-last store (merkletree `LevelCacheStore`) also
 * drops the lowest cached rows (`rows_to_discard`) and rebuilds them from the replica when
 * proving; here every level above the leaves is kept. Both read the leaves from the replica file
 * — so a changed replica byte is seen by a PoSt that opens that leaf. `t_aux` (store configs) is
 * not written: `meta.json` says what it would. No tree_d, tree_c or layers are kept, as after
 * upstream's `clear_cache`; `filflow unseal` regenerates the layers from the replica ID.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import { mkdir, readFile, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { bytesEqual, fromHex, toHex } from "../impl/encoding/hex.js"
import { cidToPieceCommitmentV1 } from "../proofs/piececid.js"
import { commRFromRoots } from "../proofs/poseidon/tree.js"
import { porepId, SEAL_PROOFS, type SealProofInfo } from "../proofs/sdr/porepId.js"
import { sdrParams } from "../proofs/sdr/params.js"
import { replicaIdChecked } from "../proofs/sdr/replicaId.js"
import { cidToReplicaCommitmentV1 } from "../proofs/sealedCid.js"
import { MAX_SECTOR_NUMBER } from "./_sectorInput.js"

/** File names in a sealed-sector directory. @since 0.3.0 */
export const SECTOR_FILES = {
  replica: "sealed",
  pAux: "p_aux",
  treeRLast: "sc-02-data-tree-r-last.dat",
  meta: "meta.json"
} as const

/** `meta.json`'s `format`. @since 0.3.0 */
export const SECTOR_DIR_FORMAT = "filflow-sealed-sector/1"

/**
 * `meta.json`: hex for bytes, decimal strings for numbers that may pass 2^53.
 *
 * @category models
 * @since 0.3.0
 */
export interface SectorMeta {
  readonly format: typeof SECTOR_DIR_FORMAT
  /** Registered seal proof name and id (`StackedDrg2KiBV1_1`, 5). */
  readonly proof: string
  readonly proofId: number
  readonly sectorSize: number
  readonly miner: string
  readonly proverId: string
  readonly sectorNumber: string
  readonly ticket: string
  readonly replicaId: string
  readonly commD: string
  readonly commR: string
  readonly sealedCid: string
  readonly unsealedCid: string
  readonly pieceCid: string
  readonly pieceSize: number
  /** The sealed file's length in bytes. */
  readonly payloadSize: number
}

/**
 * A sealed sector read back from its directory; the byte fields decoded.
 *
 * @category models
 * @since 0.3.0
 */
export interface SealedSectorFiles {
  readonly dir: string
  readonly meta: SectorMeta
  readonly proof: SealProofInfo
  readonly sectorNumber: bigint
  readonly proverId: Uint8Array
  readonly ticket: Uint8Array
  readonly replicaId: Uint8Array
  readonly commD: Uint8Array
  readonly commR: Uint8Array
  readonly commC: Uint8Array
  readonly commRLast: Uint8Array
  readonly replica: Uint8Array
  /** tree_r_last's levels, the replica as the leaves first, the root last. */
  readonly treeRLast: ReadonlyArray<Uint8Array>
}

/**
 * A directory that is not a sealed sector this command wrote (or one whose files disagree).
 *
 * @category errors
 * @since 0.3.0
 */
export class NotASealedSector extends Data.TaggedError("NotASealedSector")<{
  readonly dir: string
  readonly reason: string
}> {}

/**
 * The number of nodes of each tree_r_last level above the leaves, bottom first, for a sealed
 * sector of `proof`: one tree of arity `sdrParams(proof).treeArity` (8) over the sector's nodes
 * (the small sizes have no sub- or top-trees; src/proofs/sdr/params.ts).
 *
 * @example
 * upperLevelNodes(sealProofFor("2KiB", "V1_1_0")) // => [8, 1]
 * @category sectors
 * @since 0.3.0
 */
export const upperLevelNodes = (proof: SealProofInfo): ReadonlyArray<number> => {
  const { nodes, treeArity } = sdrParams(proof)
  const out: Array<number> = []
  for (let n = nodes / treeArity; n >= 1; n /= treeArity) out.push(n)
  return out
}

/**
 * Writes the directory (created if missing); `meta.json` last, so that an interrupted write
 * leaves no directory that reads as a sealed sector.
 *
 * @category sectors
 * @since 0.3.0
 */
export const writeSectorDir = async (
  dir: string,
  sector: { readonly meta: SectorMeta; readonly replica: Uint8Array; readonly commC: Uint8Array; readonly commRLast: Uint8Array; readonly treeRLast: ReadonlyArray<Uint8Array> }
): Promise<void> => {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, SECTOR_FILES.replica), sector.replica)
  const pAux = new Uint8Array(64)
  pAux.set(sector.commC, 0)
  pAux.set(sector.commRLast, 32)
  await writeFile(join(dir, SECTOR_FILES.pAux), pAux)
  await writeFile(join(dir, SECTOR_FILES.treeRLast), Buffer.concat(sector.treeRLast.slice(1)))
  await writeFile(join(dir, SECTOR_FILES.meta), `${JSON.stringify(sector.meta, null, 2)}\n`)
}

/**
 * Reads and checks a sealed-sector directory: `meta.json`'s fields, the replica ID against its
 * inputs, the files' lengths, the CIDs against CommR and CommD, CommR = Poseidon(comm_c, comm_r_last), and tree_r_last's root =
 * comm_r_last. The replica's bytes are not checked (that is what a PoSt does).
 *
 * @category sectors
 * @since 0.3.0
 */
export const readSectorDir = async (dir: string): Promise<Result.Result<SealedSectorFiles, NotASealedSector>> => {
  const fail = (reason: string) => Result.fail(new NotASealedSector({ dir, reason }))
  // a directory
  try {
    if (!(await stat(dir)).isDirectory()) return fail("not a directory")
  } catch {
    return fail("no such directory")
  }
  const read = async (name: string): Promise<Uint8Array | undefined> => {
    try {
      return await readFile(join(dir, name)) // a Buffer is a Uint8Array: no copy of a 512 MiB replica
    } catch {
      return undefined
    }
  }
  // meta.json: present, JSON, this format
  const metaBytes = await read(SECTOR_FILES.meta)
  if (metaBytes === undefined) return fail(`no ${SECTOR_FILES.meta}`)
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(metaBytes).toString("utf8"))
  } catch {
    return fail(`${SECTOR_FILES.meta} is not JSON`)
  }
  const meta = checkMeta(json)
  if (typeof meta === "string") return fail(`${SECTOR_FILES.meta}: ${meta}`)
  const proof = SEAL_PROOFS.find((p) => p.name === meta.proof && p.id === meta.proofId && p.sectorSize === meta.sectorSize)
  if (proof === undefined) return fail(`${SECTOR_FILES.meta}: unknown proof ${meta.proof} (id ${meta.proofId}, ${meta.sectorSize} bytes)`)
  const bytes = (field: "proverId" | "ticket" | "replicaId" | "commD" | "commR") => {
    const b = fromHex(meta[field])
    return Result.isSuccess(b) && b.success.length === 32 ? b.success : undefined
  }
  const [proverId, ticket, replicaId, commD, commR] = (["proverId", "ticket", "replicaId", "commD", "commR"] as const).map(bytes)
  if (proverId === undefined || ticket === undefined || replicaId === undefined || commD === undefined || commR === undefined) {
    return fail(`${SECTOR_FILES.meta}: proverId, ticket, replicaId, commD and commR must be 64 hex digits`)
  }
  // the replica ID follows from the prover, sector, ticket, CommD and proof (params.rs generate_replica_id)
  const rid = replicaIdChecked({ proverId, sectorNumber: BigInt(meta.sectorNumber), ticket, commD, porepId: porepId(proof) })
  if (Result.isFailure(rid) || !bytesEqual(rid.success, replicaId)) {
    return fail(`${SECTOR_FILES.meta}: replicaId is not the one of its proverId, sectorNumber, ticket, commD and proof`)
  }
  // the CIDs carry CommR and CommD
  const sealed = cidToReplicaCommitmentV1(meta.sealedCid)
  if (Result.isFailure(sealed) || !bytesEqual(sealed.success, commR)) return fail(`${SECTOR_FILES.meta}: sealedCid does not carry commR`)
  const unsealed = cidToPieceCommitmentV1(meta.unsealedCid)
  if (Result.isFailure(unsealed) || !bytesEqual(unsealed.success, commD)) return fail(`${SECTOR_FILES.meta}: unsealedCid does not carry commD`)
  // the replica: one sector
  const replica = await read(SECTOR_FILES.replica)
  if (replica === undefined) return fail(`no ${SECTOR_FILES.replica}`)
  if (replica.length !== proof.sectorSize) return fail(`${SECTOR_FILES.replica} is ${replica.length} bytes, not the sector size ${proof.sectorSize}`)
  // p_aux: comm_c ‖ comm_r_last, and CommR = Poseidon(comm_c, comm_r_last)
  const pAux = await read(SECTOR_FILES.pAux)
  if (pAux === undefined || pAux.length !== 64) return fail(`${SECTOR_FILES.pAux} missing or not 64 bytes`)
  const commC = pAux.slice(0, 32)
  const commRLast = pAux.slice(32, 64)
  const r = commRFromRoots(commC, commRLast)
  if (Result.isFailure(r) || !bytesEqual(r.success, commR)) return fail(`${SECTOR_FILES.pAux} does not hash to commR`)
  // tree_r_last's upper levels, their root comm_r_last
  const tree = await read(SECTOR_FILES.treeRLast)
  const counts = upperLevelNodes(proof)
  const expected = 32 * counts.reduce((a, b) => a + b, 0)
  if (tree === undefined || tree.length !== expected) return fail(`${SECTOR_FILES.treeRLast} missing or not ${expected} bytes`)
  const levels: Array<Uint8Array> = [replica]
  let at = 0
  for (const n of counts) {
    levels.push(tree.subarray(at, at + 32 * n))
    at += 32 * n
  }
  if (!bytesEqual(levels[levels.length - 1]!, commRLast)) return fail(`${SECTOR_FILES.treeRLast}'s root is not comm_r_last`)
  return Result.succeed({
    dir, meta, proof, sectorNumber: BigInt(meta.sectorNumber), proverId, ticket, replicaId, commD, commR, commC, commRLast, replica, treeRLast: levels
  })
}

/** `meta` built from its parts (hex and decimal strings). @since 0.3.0 */
export const sectorMeta = (m: {
  readonly proof: SealProofInfo; readonly miner: string; readonly proverId: Uint8Array; readonly sectorNumber: bigint; readonly ticket: Uint8Array
  readonly replicaId: Uint8Array; readonly commD: Uint8Array; readonly commR: Uint8Array; readonly sealedCid: string; readonly unsealedCid: string
  readonly pieceCid: string; readonly pieceSize: bigint; readonly payloadSize: number
}): SectorMeta => ({
  format: SECTOR_DIR_FORMAT, proof: m.proof.name, proofId: m.proof.id, sectorSize: m.proof.sectorSize, miner: m.miner,
  proverId: toHex(m.proverId), sectorNumber: m.sectorNumber.toString(), ticket: toHex(m.ticket), replicaId: toHex(m.replicaId),
  commD: toHex(m.commD), commR: toHex(m.commR), sealedCid: m.sealedCid, unsealedCid: m.unsealedCid, pieceCid: m.pieceCid,
  pieceSize: Number(m.pieceSize), payloadSize: m.payloadSize
})

/** `json` as a {@link SectorMeta}, or what is wrong with it. */
const checkMeta = (json: unknown): SectorMeta | string => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not an object"
  const o = json as Record<string, unknown>
  if (o.format !== SECTOR_DIR_FORMAT) return `format is not ${JSON.stringify(SECTOR_DIR_FORMAT)}`
  for (const k of ["proof", "miner", "proverId", "sectorNumber", "ticket", "replicaId", "commD", "commR", "sealedCid", "unsealedCid", "pieceCid"]) {
    if (typeof o[k] !== "string") return `${k} is not a string`
  }
  for (const k of ["proofId", "sectorSize", "pieceSize", "payloadSize"]) {
    if (!Number.isSafeInteger(o[k]) || (o[k] as number) < 0) return `${k} is not a non-negative integer`
  }
  if (!/^[0-9]+$/.test(o.sectorNumber as string) || BigInt(o.sectorNumber as string) > MAX_SECTOR_NUMBER) return "sectorNumber out of range"
  // a padded piece size within the sector, holding the payload
  const piece = o.pieceSize as number
  if (piece < 128 || (piece & (piece - 1)) !== 0 || piece > (o.sectorSize as number)) return "pieceSize is not a piece size within the sector"
  if ((o.payloadSize as number) > piece - piece / 128) return "payloadSize is larger than the piece holds"
  return o as unknown as SectorMeta
}
