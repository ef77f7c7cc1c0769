/**
 * The Stacked DRG parameters of each registered seal proof: node count, layer count, the shape
 * of tree_r_last, PoRep partitions and interactive challenges per partition.
 *
 * Sources (filecoin-project/rust-fil-proofs @ filecoin-proofs-v19.1.0):
 * - filecoin-proofs/src/constants.rs lines 64–98: `POREP_PARTITIONS` (1 for 2 KiB, 8 MiB,
 *   512 MiB; 10 for 32 GiB and 64 GiB) and `LAYERS` (2 for the three small sizes; 11 for
 *   32 GiB and 64 GiB);
 * - constants.rs lines 121–130 `get_porep_interactive_minimum_challenges` (2 for the small
 *   sizes, 176 for 32/64 GiB) and line 171 `MAX_CHALLENGES_PER_PARTITION` (= 18);
 * - constants.rs lines 192–210: the sector shapes `SectorShape2KiB`, `SectorShape8MiB`,
 *   `SectorShape512MiB` = `SectorShapeBase` = `LCTree<Poseidon, U8, U0, U0>`,
 *   `SectorShape32GiB` = `SectorShapeSub8` = `LCTree<_, U8, U8, U0>`, `SectorShape64GiB` =
 *   `SectorShapeTop2` = `LCTree<_, U8, U8, U2>`;
 * - filecoin-proofs/src/parameters.rs lines 71–128 `setup_params`, `select_challenges`: nodes =
 *   sector bytes / 32, challenges per partition = ⌈minimum / partitions⌉ (interactive PoRep, no
 *   API features: `Challenges::new_interactive`).
 *
 * @module
 */
import { BASE_DEGREE } from "./drg.js"
import { EXP_DEGREE } from "./expander.js"
import type { SealProofInfo } from "./porepId.js"

/** Bytes of one node: 32 (storage-proofs-core/src/util.rs `NODE_SIZE`). @since 0.1.0 */
export const NODE_BYTES = 32

/** The most challenges a partition's circuit takes: 18 (constants.rs `MAX_CHALLENGES_PER_PARTITION`). @since 0.1.0 */
export const MAX_CHALLENGES_PER_PARTITION = 18

/** Everything sealing and proving need to know about one seal proof's graph and trees. @since 0.1.0 */
export interface SdrParams {
  readonly proof: SealProofInfo
  /** Nodes of the graph = sector bytes / 32 (parameters.rs `setup_params`). */
  readonly nodes: number
  /** Layers of labels (constants.rs `LAYERS`). */
  readonly layers: number
  /** DRG base degree: 6 (drgraph.rs `BASE_DEGREE`). */
  readonly baseDegree: number
  /** Expander degree: 8 (graph.rs `EXP_DEGREE`). */
  readonly expansionDegree: number
  /** tree_r_last (and tree_c) base arity: 8 for every registered proof. */
  readonly treeArity: number
  /** Sub-tree arity of the LCTree shape: 0 (none) for the small sizes. */
  readonly subTreeArity: number
  /** Top-tree arity of the LCTree shape: 0 (none) for the small sizes. */
  readonly topTreeArity: number
  /** Number of base trees tree_r_last is split into (sub × top, at least 1). */
  readonly baseTreeCount: number
  /** Nodes in each base tree. */
  readonly baseTreeNodes: number
  /** PoRep proof partitions (constants.rs `POREP_PARTITIONS`). */
  readonly partitions: number
  /** Minimum interactive PoRep challenges over all partitions (`get_porep_interactive_minimum_challenges`). */
  readonly minimumChallenges: number
  /** Interactive challenges per partition: ⌈minimum / partitions⌉ (parameters.rs `select_challenges`). */
  readonly challengesPerPartition: number
}

interface SizeRow {
  readonly layers: number
  readonly partitions: number
  readonly minimumChallenges: number
  readonly subTreeArity: number
  readonly topTreeArity: number
}

// constants.rs @ filecoin-proofs-v19.1.0: LAYERS, POREP_PARTITIONS, interactive minimum challenges, shapes
const SMALL: SizeRow = { layers: 2, partitions: 1, minimumChallenges: 2, subTreeArity: 0, topTreeArity: 0 }
const ROWS: ReadonlyMap<number, SizeRow> = new Map([
  [2048, SMALL],
  [8 << 20, SMALL],
  [512 << 20, SMALL],
  [32 * 2 ** 30, { layers: 11, partitions: 10, minimumChallenges: 176, subTreeArity: 8, topTreeArity: 0 }],
  [64 * 2 ** 30, { layers: 11, partitions: 10, minimumChallenges: 176, subTreeArity: 8, topTreeArity: 2 }]
])

/**
 * The SDR parameters of a registered seal proof (constants.rs, parameters.rs `setup_params`).
 *
 * @throws {RangeError} for a sector size that is not one of the registered proofs' (a
 *   {@link SealProofInfo} from `SEAL_PROOFS` never is).
 * @example
 * sdrParams(sealProofFor("2KiB", "V1_1_0")).layers // => 2
 * sdrParams(sealProofFor("2KiB", "V1_1_0")).nodes  // => 64
 * @category parameters
 * @since 0.1.0
 */
export const sdrParams = (proof: SealProofInfo): SdrParams => {
  const row = ROWS.get(proof.sectorSize)
  if (row === undefined) throw new RangeError(`no SDR parameters for sector size ${proof.sectorSize}`)
  const nodes = proof.sectorSize / NODE_BYTES
  const baseTreeCount = Math.max(1, row.subTreeArity) * Math.max(1, row.topTreeArity)
  return {
    proof,
    nodes,
    layers: row.layers,
    baseDegree: BASE_DEGREE,
    expansionDegree: EXP_DEGREE,
    treeArity: 8,
    subTreeArity: row.subTreeArity,
    topTreeArity: row.topTreeArity,
    baseTreeCount,
    baseTreeNodes: nodes / baseTreeCount,
    partitions: row.partitions,
    minimumChallenges: row.minimumChallenges,
    challengesPerPartition: Math.ceil(row.minimumChallenges / row.partitions)
  }
}
