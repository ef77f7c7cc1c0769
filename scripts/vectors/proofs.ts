/**
 * The function vectors of the proofs (`vectors/proofs/`): Fr32, CommP and piece CIDs, zero-piece
 * commitments, CommD and unsealed CIDs, piece inclusion proofs.  Every expected value comes from
 * running our implementation (`conformance/proofs.ts`), except the known answers, which carry a
 * `source` and are checked by the generator.
 *
 * @module
 */
import { Result } from "effect"
import { toHex } from "../../src/impl/encoding/hex.js"
import { callFunction } from "../../conformance/proofs.js"
import type { FunctionCall, PipJson } from "../../conformance/schema.js"

/** One function vector to generate: where, what it calls, and what it must give. */
export interface FunctionCase {
  /** The path under `vectors/`, without `.json`. */
  readonly path: string
  readonly description: string
  readonly call: FunctionCall
  /** `"ok"`, or the tag of the error the call must fail with. */
  readonly expect: "ok" | { readonly error: string }
  /** Known answers: where they come from, and output fields the generator checks. */
  readonly source?: string
  readonly known?: Readonly<Record<string, unknown>>
}

/** `n` deterministic bytes (a fixed linear pattern, `seed` selects it), as hex. */
export const pattern = (n: number, seed = 1): string =>
  toHex(Uint8Array.from({ length: n }, (_, i) => (i * (2 * seed + 29) + seed * 17 + 7) & 0xff))

const ok = "ok" as const
const err = (error: string) => ({ error })

const ZERO_COMM_TABLES = "zero-piece commitment tables: filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0 PieceComms; filecoin-project/builtin-actors actors/miner/src/commd.rs @ v18.0.0 ZERO_COMMD_HASH (sector sizes)"
const FRC69 = "FRC-0069 test vector (FIPs FRCs/frc-0069.md): 127×0x00 ‖ 127×0x01 ‖ 127×0x02 ‖ 127×0x03"

/** CommP of a deterministic payload filling a piece of `size` padded bytes, as hex. */
export const commPOf = (size: number, seed = 1): string => {
  const out = Result.getOrThrow(callFunction({ function: "commP", input: { payload: pattern((size / 128) * 127, seed) } }))
  return (out as { readonly commP: string }).commP
}
/** The v1 piece CID of {@link commPOf}. */
export const pieceCidOf = (size: number, seed = 1): string => {
  const out = Result.getOrThrow(callFunction({ function: "commP", input: { payload: pattern((size / 128) * 127, seed) } }))
  return (out as { readonly pieceCidV1: string }).pieceCidV1
}

// ---------------------------------------------------------------------------------------------
// fr32

const fr32: Array<FunctionCase> = [
  { path: "proofs/fr32/valid_pad_empty", description: "no bytes pad to no bytes (zero blocks)", call: { function: "fr32Pad", input: { bytes: "" } }, expect: ok },
  {
    path: "proofs/fr32/valid_pad_127_ones", description: "127 × 0xff: four 254-bit nodes of ones, each with its top two bits cleared",
    call: { function: "fr32Pad", input: { bytes: "ff".repeat(127) } }, expect: ok,
    source: "derivation by hand from the Fr32 layout of filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0 (the block is 1016 one bits; node i = bits 254i…254i+253, little-endian)",
    known: { bytes: ("ff".repeat(31) + "3f").repeat(4) }
  },
  { path: "proofs/fr32/valid_pad_127_zeros", description: "127 zero bytes pad to 128 zero bytes", call: { function: "fr32Pad", input: { bytes: "00".repeat(127) } }, expect: ok,
    source: "derivation by hand (zero bits stay zero)", known: { bytes: "00".repeat(128) } },
  ...[127, 254, 508, 1016, 2032].map((n): FunctionCase => ({
    path: `proofs/fr32/valid_pad_${n}`, description: `${n} bytes (${n / 127} block${n === 127 ? "" : "s"}) of a fixed pattern pad to ${(n / 127) * 128}`,
    call: { function: "fr32Pad", input: { bytes: pattern(n) } }, expect: ok
  })),
  ...[1, 126, 128, 255].map((n): FunctionCase => ({
    path: `proofs/fr32/invalid_pad_${n}`, description: `${n} bytes is not a whole number of 127-byte blocks`,
    call: { function: "fr32Pad", input: { bytes: pattern(n) } }, expect: err("Fr32InvalidLength")
  })),
  ...[127, 254, 1016].map((n): FunctionCase => {
    const padded = (Result.getOrThrow(callFunction({ function: "fr32Pad", input: { bytes: pattern(n) } })) as { readonly bytes: string }).bytes
    return {
      path: `proofs/fr32/valid_unpad_${(n / 127) * 128}`, description: `unpadding the ${(n / 127) * 128} bytes of valid_pad_${n} gives its ${n} input bytes back`,
      call: { function: "fr32Unpad", input: { bytes: padded } }, expect: ok, source: `the input of proofs/fr32/valid_pad_${n} (round trip)`, known: { bytes: pattern(n) }
    }
  }),
  ...[127, 129, 1].map((n): FunctionCase => ({
    path: `proofs/fr32/invalid_unpad_${n}`, description: `${n} bytes is not a whole number of 128-byte blocks`,
    call: { function: "fr32Unpad", input: { bytes: "00".repeat(n) } }, expect: err("Fr32InvalidLength")
  })),
  {
    path: "proofs/fr32/invalid_unpad_node_overflow", description: "128 × 0xff: the first node has its top two bits set, not a 254-bit value",
    call: { function: "fr32Unpad", input: { bytes: "ff".repeat(128) } }, expect: err("Fr32NodeOverflow")
  },
  {
    path: "proofs/fr32/invalid_unpad_last_node_overflow", description: "a valid block except that the last byte of its fourth node is 0x40",
    call: { function: "fr32Unpad", input: { bytes: "00".repeat(127) + "40" } }, expect: err("Fr32NodeOverflow")
  }
]

// ---------------------------------------------------------------------------------------------
// commp

const frc69 = [0, 1, 2, 3].map((b) => toHex(Uint8Array.of(b)).repeat(127)).join("")
const commp: Array<FunctionCase> = [
  ...[0, 1, 126, 127, 128, 200, 254, 255, 508, 1000, 1016, 2032, 3000, 4064].map((n): FunctionCase => ({
    path: `proofs/commp/valid_payload_${n}`,
    description: `CommP, piece size, FRC-0069 padding and v1/v2 piece CIDs of ${n} bytes of a fixed pattern${n % 127 === 0 ? "" : " (not a multiple of 127: zero-filled before Fr32)"}`,
    call: { function: "commP", input: { payload: pattern(n) } }, expect: ok
  })),
  {
    path: "proofs/commp/valid_frc0069", description: "the FRC-0069 test vector: 508 bytes → a 512-byte piece", call: { function: "commP", input: { payload: frc69 } }, expect: ok,
    source: FRC69,
    known: {
      commP: "496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605", size: "512", height: 4, padding: "0",
      pieceCidV1: "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi",
      pieceCidV2: "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"
    }
  },
  {
    path: "proofs/commp/valid_zeros_127", description: "127 zero bytes: the zero commitment of a 128-byte piece", call: { function: "commP", input: { payload: "00".repeat(127) } }, expect: ok,
    source: ZERO_COMM_TABLES, known: { commP: "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333", size: "128" }
  },
  {
    path: "proofs/commp/valid_zeros_2032", description: "2032 zero bytes: the zero commitment of a 2 KiB piece", call: { function: "commP", input: { payload: "00".repeat(2032) } }, expect: ok,
    source: ZERO_COMM_TABLES, known: { commP: "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833", size: "2048" }
  },
  ...([
    ["128", "128", "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333", undefined],
    ["256", "256", "642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f", undefined],
    ["2kib", "2048", "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833", undefined],
    ["8mib", String(8n << 20n), "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c", undefined],
    ["512mib", String(512n << 20n), "39560e7b13a93b07a243fd2720ffa7cb3e1d2e505ab3629e79f46313512cda06", undefined],
    ["32gib", String(32n << 30n), "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e", "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"],
    ["64gib", String(64n << 30n), "e64005a6bfe3777953b8ad6ef93f0fca1049b2041654f2a411f7702799cece02", "baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq"]
  ] as const).map(([name, size, commP, cid]): FunctionCase => ({
    path: `proofs/commp/valid_zero_piece_${name}`, description: `the commitment of an all-zero piece of ${size} padded bytes (the empty sector's CommD for sector sizes)`,
    call: { function: "zeroPieceCommitment", input: { size } }, expect: ok, source: ZERO_COMM_TABLES,
    known: cid === undefined ? { commP } : { commP, pieceCidV1: cid }
  })),
  ...([["100", "not a power of two"], ["64", "below 128"], ["0", "zero"]] as const).map(([size, why]): FunctionCase => ({
    path: `proofs/commp/invalid_zero_piece_size_${size}`, description: `${size} is not a padded piece size (${why})`,
    call: { function: "zeroPieceCommitment", input: { size } }, expect: err("InvalidPaddedPieceSize")
  }))
]

// ---------------------------------------------------------------------------------------------
// commd

const piece = (size: number, seed = 1) => ({ size: String(size), commP: commPOf(size, seed) })
const commd: Array<FunctionCase> = [
  { path: "proofs/commd/valid_empty_2kib", description: "no pieces: the zero commitment of the 2 KiB sector", call: { function: "commD", input: { sectorSize: "2048", pieces: [] } }, expect: ok,
    source: ZERO_COMM_TABLES, known: { commD: "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833" } },
  { path: "proofs/commd/valid_empty_32gib", description: "no pieces: the empty 32 GiB sector (the miner's CommD when UnsealedCID is null)",
    call: { function: "commD", input: { sectorSize: String(32n << 30n), pieces: [] } }, expect: ok, source: ZERO_COMM_TABLES,
    known: { commD: "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e", unsealedCid: "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq" } },
  { path: "proofs/commd/valid_one_full_piece", description: "one 2 KiB piece fills the 2 KiB sector: CommD = its CommP", call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(2048)] } }, expect: ok,
    source: "CommD of a sector holding one piece of its size is that piece's CommP (filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0 compute_comm_d)", known: { commD: commPOf(2048) } },
  { path: "proofs/commd/valid_one_small_piece", description: "one 128-byte piece at 0, zero pieces of 128, 256, 512, 1024 after it", call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(128)] } }, expect: ok },
  { path: "proofs/commd/valid_aligned_after_padding", description: "128 then 256: a 128-byte zero piece aligns the second piece at 256", call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(128), piece(256, 2)] } }, expect: ok },
  { path: "proofs/commd/valid_order_matters", description: "the pieces of valid_aligned_after_padding in the other order (256 at 0, 128 at 256): a different CommD", call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(256, 2), piece(128)] } }, expect: ok },
  { path: "proofs/commd/valid_several_pieces", description: "128, 512, 128, 256 in a 2 KiB sector: at 0, 512, 1024, 1280; zero pieces before the 512 (128 + 256), before the 256 (128) and after it",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(128), piece(512, 2), piece(128, 3), piece(256, 4)] } }, expect: ok },
  { path: "proofs/commd/valid_exactly_full", description: "1024 + 512 + 256 + 128 + 128 fill the 2 KiB sector with no padding",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(1024), piece(512, 2), piece(256, 3), piece(128, 4), piece(128, 5)] } }, expect: ok },
  { path: "proofs/commd/valid_8mib_sector", description: "two pieces in an 8 MiB sector", call: { function: "commD", input: { sectorSize: String(8 << 20), pieces: [piece(2048), piece(1024, 2)] } }, expect: ok },
  { path: "proofs/commd/invalid_piece_larger_than_sector", description: "a 4 KiB piece in a 2 KiB sector",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(4096)] } }, expect: err("PieceLargerThanSector") },
  { path: "proofs/commd/invalid_pieces_exceed_sector", description: "1024, 128, then 1024: aligned at 2048 the third piece ends past the 2 KiB sector",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [piece(1024), piece(128, 2), piece(1024, 3)] } }, expect: err("PiecesExceedSector") },
  { path: "proofs/commd/invalid_piece_size", description: "a piece of 1000 bytes: not a padded piece size",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [{ size: "1000", commP: commPOf(1024) }] } }, expect: err("InvalidPieceSize") },
  { path: "proofs/commd/invalid_sector_size", description: "a sector of 3000 bytes: not a padded piece size",
    call: { function: "commD", input: { sectorSize: "3000", pieces: [] } }, expect: err("InvalidSectorSize") },
  { path: "proofs/commd/invalid_piece_commitment", description: "a CommP of 31 bytes",
    call: { function: "commD", input: { sectorSize: "2048", pieces: [{ size: "128", commP: commPOf(128).slice(2) }] } }, expect: err("InvalidPieceCommitment") }
]

// ---------------------------------------------------------------------------------------------
// pip

const PIP_PIECES = [piece(128), piece(256, 2), piece(1024, 3)]
const made = (i: number) => Result.getOrThrow(callFunction({ function: "makePip", input: { sectorSize: "2048", pieces: PIP_PIECES, pieceIndex: i } })) as
  { readonly commD: string; readonly pip: PipJson; readonly encoded: string }
const flip = (hex: string, at = 0): string => hex.slice(0, at * 2) + ((parseInt(hex.slice(at * 2, at * 2 + 2), 16) ^ 1).toString(16).padStart(2, "0")) + hex.slice(at * 2 + 2)
const verify = (name: string, description: string, pip: PipJson, expect: FunctionCase["expect"], commD = made(1).commD, sectorSize = "2048"): FunctionCase =>
  ({ path: `proofs/pip/${name}`, description, call: { function: "verifyPip", input: { commD, sectorSize, pip } }, expect })
const other = Result.getOrThrow(callFunction({ function: "commD", input: { sectorSize: "2048", pieces: [piece(128, 7), piece(256, 2), piece(1024, 3)] } })) as { readonly commD: string }

const pip: Array<FunctionCase> = [
  ...[0, 1, 2].map((i): FunctionCase => ({
    path: `proofs/pip/valid_make_piece_${i}`, description: `the PIP of piece ${i} of [128, 256, 1024] in a 2 KiB sector (at ${["0", "256", "1024"][i]}), with its encoding`,
    call: { function: "makePip", input: { sectorSize: "2048", pieces: PIP_PIECES, pieceIndex: i } }, expect: ok
  })),
  { path: "proofs/pip/valid_make_full_sector", description: "a piece that is the whole sector: an empty path",
    call: { function: "makePip", input: { sectorSize: "2048", pieces: [piece(2048)], pieceIndex: 0 } }, expect: ok },
  { path: "proofs/pip/invalid_make_piece_not_in_layout", description: "there is no piece 3 among three pieces",
    call: { function: "makePip", input: { sectorSize: "2048", pieces: PIP_PIECES, pieceIndex: 3 } }, expect: err("PieceNotInLayout") },
  ...[0, 1, 2].map((i) => verify(`valid_verify_piece_${i}`, `the PIP of valid_make_piece_${i} against its sector's CommD`, made(i).pip, ok)),
  verify("invalid_verify_tampered_node", "one bit of the first path node flipped", { ...made(1).pip, path: made(1).pip.path.map((n, k) => (k === 0 ? flip(n) : n)) }, err("PipRootMismatch")),
  verify("invalid_verify_tampered_commp", "one bit of the piece's CommP flipped", { ...made(1).pip, pieceCommP: flip(made(1).pip.pieceCommP, 5) }, err("PipRootMismatch")),
  verify("invalid_verify_wrong_offset", "the PIP of the piece at 256 claiming offset 512 (aligned, wrong position)", { ...made(1).pip, offset: "512" }, err("PipRootMismatch")),
  verify("invalid_verify_misaligned_offset", "offset 128 is not a multiple of the 256-byte piece", { ...made(1).pip, offset: "128" }, err("PipOffsetNotAligned")),
  verify("invalid_verify_offset_outside_sector", "offset 2048: the piece would lie past the sector", { ...made(1).pip, offset: "2048" }, err("PipOffsetOutsideSector")),
  verify("invalid_verify_path_too_short", "the last path node dropped", { ...made(1).pip, path: made(1).pip.path.slice(0, -1) }, err("PipPathLengthMismatch")),
  verify("invalid_verify_path_too_long", "an extra path node", { ...made(1).pip, path: [...made(1).pip.path, made(1).pip.path[0]!] }, err("PipPathLengthMismatch")),
  verify("invalid_verify_short_node", "a path node of 31 bytes", { ...made(1).pip, path: made(1).pip.path.map((n, k) => (k === 1 ? n.slice(2) : n)) }, err("PipInvalidNodeLength")),
  verify("invalid_verify_wrong_sector", "a valid PIP checked against another sector's CommD (same size, a different first piece)", made(1).pip, err("PipRootMismatch"), other.commD),
  verify("invalid_verify_sector_size_mismatch", "a PIP for a 2 KiB sector checked against a 4 KiB sector", made(1).pip, err("PipSectorSizeMismatch"), made(1).commD, "4096"),
  verify("invalid_verify_piece_size", "a piece size of 200: not a padded piece size", { ...made(1).pip, pieceSize: "200" }, err("PipInvalidSize")),
  ...[0, 1, 2].map((i): FunctionCase => ({
    path: `proofs/pip/valid_decode_piece_${i}`, description: `decoding the encoding of valid_make_piece_${i}`,
    call: { function: "decodePip", input: { bytes: made(i).encoded } }, expect: ok, source: `proofs/pip/valid_make_piece_${i} (round trip)`, known: { pip: made(i).pip }
  })),
  { path: "proofs/pip/invalid_decode_version", description: "version byte 2", call: { function: "decodePip", input: { bytes: "02" + made(1).encoded.slice(2) } }, expect: err("PipEncodingVersion") },
  { path: "proofs/pip/invalid_decode_empty", description: "no bytes", call: { function: "decodePip", input: { bytes: "" } }, expect: err("PipEncodingVersion") },
  { path: "proofs/pip/invalid_decode_heights", description: "piece height 7 above sector height 6", call: { function: "decodePip", input: { bytes: "010607" + made(1).encoded.slice(6) } }, expect: err("PipEncodingHeights") },
  { path: "proofs/pip/invalid_decode_index", description: "position 8 in a tree of depth 3 (2 KiB sector, 256-byte piece)", call: { function: "decodePip", input: { bytes: "01060308" + made(1).encoded.slice(8) } }, expect: err("PipEncodingIndex") },
  { path: "proofs/pip/invalid_decode_truncated", description: "the last path node cut short by one byte", call: { function: "decodePip", input: { bytes: made(1).encoded.slice(0, -2) } }, expect: err("PipEncodingLength") },
  { path: "proofs/pip/invalid_decode_trailing", description: "one byte after the last path node", call: { function: "decodePip", input: { bytes: made(1).encoded + "00" } }, expect: err("PipEncodingLength") }
]

/** Every proofs function case, in a fixed order. */
export const proofCases: ReadonlyArray<FunctionCase> = [...fr32, ...commp, ...commd, ...pip]
