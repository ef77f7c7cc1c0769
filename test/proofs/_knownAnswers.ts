/**
 * Known answers for `src/proofs`, each with its source. Only values copied from external
 * sources are written here; nothing is computed with the code under test.
 *
 * @module
 */

/**
 * Published zero-piece commitments: filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0
 * `PieceComms`
 * and filecoin-project/builtin-actors actors/miner/src/commd.rs @ v18.0.0 `ZERO_COMMD_HASH` (the sector
 * sizes).
 * Their CIDs (32 GiB, 64 GiB) are checked in `piececid.test.ts`.
 */
export const PUBLISHED_ZERO_COMMS: ReadonlyArray<readonly [string, bigint, string]> = [
  ["128 B", 128n, "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333"],
  ["256 B", 256n, "642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f"],
  ["2 KiB", 2048n, "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833"],
  ["8 MiB", 8n << 20n, "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c"],
  ["512 MiB", 512n << 20n, "39560e7b13a93b07a243fd2720ffa7cb3e1d2e505ab3629e79f46313512cda06"],
  ["32 GiB", 32n << 30n, "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e"],
  ["64 GiB", 64n << 30n, "e64005a6bfe3777953b8ad6ef93f0fca1049b2041654f2a411f7702799cece02"]
]


/**
 * FRC-0069 test cases (FIPs `FRCs/frc-0069.md`, stored commit 0b74ac73dc4c2c17ad07094b6a7ce59ddaeb5e8e,
 * "Test Cases"; the 508-byte one is the first). `payload` names how the
 * payload is built; `padding` and `height` are stated by the FRC where given. The other stored
 * revision of the FRC (dd3a658e13c47d36af601870934fb9c9d8e5caa6) gives the 1016-byte case's v2
 * CID as `bafkzcibcauan42av…`, whose digest starts `05 00` (padding 5, height 0: the two bytes
 * swapped) where the text says padding 0 and height 5; this revision's `bafkzcibcaac542av…`
 * (digest `00 05 …`) is what `@web3-storage/data-segment` 5.3.0 computes too.
 */
export const FRC69_CASES: ReadonlyArray<{
  readonly name: string
  readonly payload: "frc69" | "frc69+508zeros" | "frc69+4zeros" | "frc69+5zeros" | "zeros"
  readonly length: number
  /** The v1 CID, where the FRC states it. */
  readonly v1?: string
  readonly v2: string
  readonly padding?: bigint
  readonly height?: number
}> = [
  {
    name: "127 × 0, 127 × 1, 127 × 2, 127 × 3 (508 bytes)", payload: "frc69", length: 508,
    v1: "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi",
    v2: "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi", padding: 0n, height: 4
  },
  {
    name: "0 bytes", payload: "zeros", length: 0,
    v2: "bafkzcibcp4bdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy", padding: 127n
  },
  {
    name: "127 zero bytes", payload: "zeros", length: 127,
    v2: "bafkzcibcaabdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy", padding: 0n, height: 2
  },
  {
    name: "128 zero bytes", payload: "zeros", length: 128,
    v2: "bafkzcibcpybwiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy", padding: 126n, height: 3
  },
  {
    name: "the 508 bytes then 127 × 4 zeros (1016 bytes)", payload: "frc69+508zeros", length: 1016,
    v1: "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa",
    v2: "bafkzcibcaac542av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa", padding: 0n
  },
  {
    name: "the 508 bytes then 4 zeros (512 bytes)", payload: "frc69+4zeros", length: 512,
    v1: "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa",
    v2: "bafkzcibd7abqlxticxolgseegik2stpfgkkuwyf6kufex3doorkvmzpjuxwe4dz4", padding: 504n
  },
  {
    name: "the 508 bytes then 5 zeros (513 bytes)", payload: "frc69+5zeros", length: 513,
    v1: "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa",
    v2: "bafkzcibd64bqlxticxolgseegik2stpfgkkuwyf6kufex3doorkvmzpjuxwe4dz4", padding: 503n
  }
]

/** The FRC-0069 CommP of the 508-byte case as hex (the FRC's base16 CID ends with it). */
export const FRC69_COMMP_508 = "496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605"

/** The FRC-0069 base16 form of the 508-byte case's v2 CID. */
export const FRC69_V2_508_BASE16 = "f01559120220004496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605"

/** FRC-0069: v1 CIDs of the empty 32 GiB and 64 GiB pieces and their v2 forms (padding 0). */
export const FRC69_EMPTY_SECTORS: ReadonlyArray<readonly [bigint, string, string]> = [
  [32n << 30n, "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq",
    "bafkzcibcaapao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"],
  [64n << 30n, "baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq",
    "bafkzcibcaap6mqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq"]
]
