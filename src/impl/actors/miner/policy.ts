/**
 * The proof types a miner names and the policy the miner and power actors run with.
 *
 * Proof types: filecoin-project/ref-fvm `shared/src/sector/registered_proof.rs` @ fvm@v4.8.2
 * (`i64_conversion!` numbering: RegisteredPoStProof winning 0–4, window V1P1 10–14, the V1
 * window types 5–9 removed; RegisteredSealProof V1 0–4, V1P1 5–9, V1P1_Feat_SyntheticPoRep 10–14,
 * V1P2_Feat_NiPoRep 15–19; `sector_size` and `window_post_partition_sectors` of both).
 *
 * Policy: builtin-actors `runtime/src/runtime/policy.rs` @ v18.0.0 (`policy_constants`:
 * WPOST_PROVING_PERIOD = 2880, WPOST_CHALLENGE_WINDOW = 60, WPOST_PERIOD_DEADLINES = 48,
 * MAX_CONTROL_ADDRESSES = 10, MAX_PEER_ID_LENGTH = 128, MAX_MULTIADDR_DATA = 1024,
 * MINIMUM_CONSENSUS_POWER, CREATE_MINER_DEPOSIT_POWER = MINIMUM_CONSENSUS_POWER / 10;
 * `ProofSet::default_post_proofs`).  Which sector sizes are valid and the minimum consensus power
 * are build features; `runtime/build.rs` names each network's features.  This chain runs the
 * "testing" network's: every sector size (2 KiB, 8 MiB, 512 MiB, 32 GiB, 64 GiB: `sector-*`)
 * and `min-power-2k` (MINIMUM_CONSENSUS_POWER = 2 << 10 bytes), so real 2 KiB sectors from
 * src/proofs can be sealed and proven on it.
 *
 * @module
 */

/** Sector sizes, bytes. */
export const SectorSize = {
  _2KiB: 2n << 10n, _8MiB: 8n << 20n, _512MiB: 512n << 20n, _32GiB: 32n << 30n, _64GiB: 64n << 30n
} as const

/** A proof type's sector size and the sectors in a Window PoSt partition. */
export interface ProofInfo {
  readonly sectorSize: bigint
  readonly windowPoStPartitionSectors: bigint
}

const sizes = [
  { sectorSize: SectorSize._2KiB, windowPoStPartitionSectors: 2n },
  { sectorSize: SectorSize._8MiB, windowPoStPartitionSectors: 2n },
  { sectorSize: SectorSize._512MiB, windowPoStPartitionSectors: 2n },
  { sectorSize: SectorSize._32GiB, windowPoStPartitionSectors: 2349n },
  { sectorSize: SectorSize._64GiB, windowPoStPartitionSectors: 2300n }
] as const

/** RegisteredPoStProof numbers (registered_proof.rs `i64_conversion!`). */
export const RegisteredPoStProof = {
  StackedDRGWinning2KiBV1: 0n, StackedDRGWinning8MiBV1: 1n, StackedDRGWinning512MiBV1: 2n,
  StackedDRGWinning32GiBV1: 3n, StackedDRGWinning64GiBV1: 4n,
  StackedDRGWindow2KiBV1P1: 10n, StackedDRGWindow8MiBV1P1: 11n, StackedDRGWindow512MiBV1P1: 12n,
  StackedDRGWindow32GiBV1P1: 13n, StackedDRGWindow64GiBV1P1: 14n
} as const

/** RegisteredSealProof numbers (registered_proof.rs `i64_conversion!`). */
export const RegisteredSealProof = {
  StackedDRG2KiBV1: 0n, StackedDRG8MiBV1: 1n, StackedDRG512MiBV1: 2n, StackedDRG32GiBV1: 3n, StackedDRG64GiBV1: 4n,
  StackedDRG2KiBV1P1: 5n, StackedDRG8MiBV1P1: 6n, StackedDRG512MiBV1P1: 7n, StackedDRG32GiBV1P1: 8n, StackedDRG64GiBV1P1: 9n,
  StackedDRG2KiBV1P1_Feat_SyntheticPoRep: 10n, StackedDRG8MiBV1P1_Feat_SyntheticPoRep: 11n,
  StackedDRG512MiBV1P1_Feat_SyntheticPoRep: 12n, StackedDRG32GiBV1P1_Feat_SyntheticPoRep: 13n,
  StackedDRG64GiBV1P1_Feat_SyntheticPoRep: 14n,
  StackedDRG2KiBV1P2_Feat_NiPoRep: 15n, StackedDRG8MiBV1P2_Feat_NiPoRep: 16n, StackedDRG512MiBV1P2_Feat_NiPoRep: 17n,
  StackedDRG32GiBV1P2_Feat_NiPoRep: 18n, StackedDRG64GiBV1P2_Feat_NiPoRep: 19n
} as const

/**
 * Sector size and partition size of a PoSt proof type (winning 0–4, window 10–14), or
 * `undefined` for any other number (`Invalid`: "unsupported proof type").
 *
 * @example
 * postProofInfo(10n)?.sectorSize // => 2048n
 * @category constants
 * @since 0.1.0
 */
export const postProofInfo = (proof: bigint): ProofInfo | undefined =>
  proof >= 0n && proof <= 4n ? sizes[Number(proof)] : proof >= 10n && proof <= 14n ? sizes[Number(proof - 10n)] : undefined

/**
 * Sector size and partition size of a seal proof type (0–19: V1, V1P1, SyntheticPoRep,
 * NiPoRep, each for the five sizes), or `undefined` for any other number.
 *
 * @example
 * sealProofInfo(RegisteredSealProof.StackedDRG2KiBV1P1)?.sectorSize // => 2048n
 * @category constants
 * @since 0.1.0
 */
export const sealProofInfo = (proof: bigint): ProofInfo | undefined =>
  proof >= 0n && proof <= 19n ? sizes[Number(proof % 5n)] : undefined

/**
 * The miner and power actors' policy (the fields of builtin-actors `Policy` they use here).
 *
 * @category constants
 * @since 0.1.0
 */
export interface MinerPolicy {
  readonly wpostProvingPeriod: bigint
  readonly wpostChallengeWindow: bigint
  readonly wpostPeriodDeadlines: bigint
  readonly maxControlAddresses: number
  readonly maxPeerIdLength: number
  readonly maxMultiaddrData: number
  /** The window PoSt proof types a new miner may use (`valid_post_proof_type`). */
  readonly validPoStProofTypes: ReadonlyArray<bigint>
  /** Bytes of raw power a miner needs for consensus (`minimum_consensus_power`). */
  readonly minimumConsensusPower: bigint
}

/** EPOCHS_IN_DAY: 30-second epochs (policy.rs). */
export const EPOCHS_IN_DAY = 2880n
/** EPOCHS_IN_HOUR. */
export const EPOCHS_IN_HOUR = 120n

/** The policy of this chain: v18's constants with the "testing" network's features (see the module comment). */
export const MINER_POLICY: MinerPolicy = {
  wpostProvingPeriod: EPOCHS_IN_DAY,
  wpostChallengeWindow: 60n,
  wpostPeriodDeadlines: 48n,
  maxControlAddresses: 10,
  maxPeerIdLength: 128,
  maxMultiaddrData: 1024,
  validPoStProofTypes: [10n, 11n, 12n, 13n, 14n],
  minimumConsensusPower: 2n << 10n
}

/** CREATE_MINER_DEPOSIT_POWER = MINIMUM_CONSENSUS_POWER / 10 (policy.rs). */
export const createMinerDepositPower = (p: MinerPolicy): bigint => p.minimumConsensusPower / 10n
