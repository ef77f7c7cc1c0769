/**
 * Public types of the proofs layer (no code here): piece sizes, 32-byte nodes, the node
 * {@link Hasher} that a native binding can implement, pieces placed in a sector, and piece
 * inclusion proofs.
 *
 * Sources: filecoin-project/go-state-types abi/piece.go @ v0.18.0 (`PaddedPieceSize`, `UnpaddedPieceSize`,
 * `PieceInfo`);
 * filecoin-project/rust-fil-proofs filecoin-proofs/src/pieces.rs @ filecoin-proofs-v19.1.0 (CommD);
 * filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1 (plain PIP);
 * filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 (piece CID v2).
 *
 * @module
 */

declare const PaddedPieceSizeBrand: unique symbol
declare const UnpaddedPieceSizeBrand: unique symbol

/**
 * Size in bytes of a piece after Fr32 padding: a power of two, at least 128 (go-state-types
 * `abi.PaddedPieceSize`, a `uint64`); build one with `paddedPieceSize` (`./piece.ts`). A `bigint`,
 * not a `number`: the chain type is a `uint64` (a CBOR integer), sizes and offsets go beyond
 * 2^53 (a 2^63-byte piece is valid), and a `bigint` cannot lose precision silently nor mix with a
 * `number` by mistake. The hot paths never see it: they count nodes of in-memory buffers.
 *
 * @category models
 * @since 0.1.0
 */
export type PaddedPieceSize = bigint & { readonly [PaddedPieceSizeBrand]: true }

/**
 * Size in bytes of a piece's payload before Fr32 padding: `127 · 2^k` (go-state-types
 * `abi.UnpaddedPieceSize`). Build one with `unpaddedPieceSize` (`./piece.ts`).
 *
 * @category models
 * @since 0.1.0
 */
export type UnpaddedPieceSize = bigint & { readonly [UnpaddedPieceSizeBrand]: true }

/**
 * A 32-byte tree node: a little-endian field element whose top two bits are zero
 * (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0).
 *
 * @category models
 * @since 0.1.0
 */
export type Node = Uint8Array

/**
 * The node hash over many pairs at once — the hot path of every commitment.
 *
 * `H(l, r) = sha256(l ‖ r)` with the last byte masked `d[31] &= 0x3f` (sha2-256-trunc254-padded,
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0). The pure
 * TypeScript implementation (`./hasher.ts`) is the reference; a native
 * N-API binding implements the same two methods and is checked against it byte for byte.
 *
 * @category models
 * @since 0.1.0
 */
export interface Hasher {
  /** A short name for reports ("ts", "native"). */
  readonly name: string
  /**
   * `out[32i, 32i + 32) = H(input[64i, 64i + 64))` for every pair i < n, where
   * `input.length = 64n` and `out.length = 32n`. `out` may be `input.subarray(0, 32n)`
   * (in-place halving).
   */
  hashPairs(input: Uint8Array, out: Uint8Array): void
  /**
   * Builds `levels` tree levels at once: `nodes` holds `m · 2^levels` contiguous 32-byte nodes,
   * and `out` (`32m` bytes) receives the `m` roots of the consecutive subtrees of `2^levels`
   * nodes. `out` may be `nodes.subarray(0, 32m)`. `levels = 0` copies.
   */
  reduce(nodes: Uint8Array, levels: number, out: Uint8Array): void
}

/**
 * A binary Merkle tree whose leaves past the data are zero: `levels[k]` stores the `⌈n / 2^k⌉`
 * nodes covering n data leaves; the rest are zero-subtree roots (`./zerocomm.ts`).
 *
 * @category models
 * @since 0.1.0
 */
export interface MerkleTree {
  /** Number of levels above the leaves (the root is at level `height`). */
  readonly height: number
  /** `levels[0]` = the leaves, …, `levels[height]` = the root; each a run of 32-byte nodes. */
  readonly levels: ReadonlyArray<Uint8Array>
}

/**
 * The result of a CommP computation (`./commp.ts`, `./stream.ts`).
 *
 * @category models
 * @since 0.1.0
 */
export interface CommPResult {
  /** CommP: the root of the piece's tree (32 bytes). */
  readonly commP: Node
  /** Padded size of the piece. */
  readonly size: PaddedPieceSize
  /** Height of the piece's tree (`log2(size / 32)`). */
  readonly height: number
  /** Number of payload bytes hashed. */
  readonly payloadSize: bigint
  /** Zero bytes appended to the payload to fill the tree (FRC-0069 "padding"). */
  readonly padding: bigint
}

/**
 * A piece as the chain sees it: its padded size and its commitment (go-state-types
 * `abi.PieceInfo`, with the raw 32-byte CommP instead of its CID).
 *
 * @category models
 * @since 0.1.0
 */
export interface PieceInfo {
  /** Padded size of the piece. */
  readonly size: PaddedPieceSize
  /** CommP: the root of the piece's tree (32 bytes). */
  readonly commP: Node
}

/**
 * A piece placed in a sector: where it starts and whether it is a zero piece the layout
 * inserted to align the next piece or fill the tail
 * (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2
 * `get_required_padding`).
 *
 * @category models
 * @since 0.1.0
 */
export interface PlacedPiece extends PieceInfo {
  /** Byte offset in the padded sector, a multiple of `size`. */
  readonly offset: bigint
  /** `true` for a zero (padding) piece, `false` for a deal's piece. */
  readonly filler: boolean
  /** Index of the piece in the caller's list (`-1` for a filler). */
  readonly pieceIndex: number
}

/**
 * The layout of a sector: every piece and filler in order, covering `[0, sectorSize)` exactly.
 *
 * @category models
 * @since 0.1.0
 */
export interface SectorLayout {
  /** Padded size of the sector. */
  readonly sectorSize: PaddedPieceSize
  /** The caller's pieces and the zero pieces between them, in offset order. */
  readonly pieces: ReadonlyArray<PlacedPiece>
}

/**
 * A piece inclusion proof (filecoin-project/go-data-segment merkletree/proof.go @ v0.0.1):
 * the claim "a piece with commitment `pieceCommP` and
 * padded size `pieceSize` sits at `offset` in a sector of `sectorSize` whose root is CommD",
 * with its Merkle authentication path.
 *
 * @category models
 * @since 0.1.0
 */
export interface Pip {
  /** CommP of the piece (32 bytes). */
  readonly pieceCommP: Node
  /** Padded size of the piece. */
  readonly pieceSize: PaddedPieceSize
  /** Byte offset of the piece in the padded sector (a multiple of `pieceSize`). */
  readonly offset: bigint
  /** Siblings from the piece's level up to the root, 32 bytes each: `log2(sectorSize / pieceSize)`. */
  readonly path: ReadonlyArray<Node>
  /** Padded size of the sector. */
  readonly sectorSize: PaddedPieceSize
}

/**
 * Called with the number of payload bytes consumed so far.
 *
 * @category models
 * @since 0.1.0
 */
export type ProgressCallback = (bytesRead: number) => void
