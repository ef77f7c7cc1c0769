/**
 * Public types of the native N-API binding (no code here): the SHA-256 paths it can use and the
 * typed functions the loader (`./index.ts`) hands out.
 *
 * The binding implements the hot paths of CommP in C++ (this folder's `*.cc`): the node hash
 * `H(l, r) = sha256(l ‖ r)` with `d[31] &= 0x3f` (FIPS 180-4;
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
 * subtree roots, and Fr32 padding + subtree roots
 * (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
 * The pure TypeScript code in `src/proofs` is the
 * reference; tests check the two agree byte for byte.
 *
 * @module
 */

/**
 * The SHA-256 implementation behind the node hash: `"sha-ni"` (x86 SHA extensions, several
 * nodes interleaved), `"openssl"` (OpenSSL's `SHA256_Transform` from the node binary) or
 * `"portable"` (plain C++). The best available one is chosen at load time.
 *
 * @category models
 * @since 0.1.0
 */
export type ShaPath = "sha-ni" | "openssl" | "portable"

/**
 * The Fr multiplication behind Poseidon: `"adx"` (MULX with ADCX/ADOX carry chains, inline
 * assembly) or `"portable"` (C++); the best available is chosen at load time.
 *
 * @category models
 * @since 0.1.0
 */
export type FrMulPath = "adx" | "portable"

/**
 * What {@link NativeBinding.fr32FileSubtreeRootAsync} resolves with.
 *
 * @category models
 * @since 0.1.0
 */
export interface FileSubtreeRoot {
  /** The 32-byte root. */
  readonly root: Uint8Array
  /** Bytes read from the file (fewer than asked at the end of the file; the rest counted as zeros). */
  readonly bytesRead: number
}

/**
 * The loaded binding with typed wrappers. Every function checks its arguments in C++ and throws
 * (or rejects with) one of the errors of `./index.ts` (`NativeInvalidLength`, …).
 *
 * @category models
 * @since 0.1.0
 */
export interface NativeBinding {
  /** `out[32i, 32i + 32) = H(input[64i, 64i + 64))` for every pair; `out` may be `input.subarray(0, input.length / 2)`. */
  readonly hashPairs: (input: Uint8Array, out: Uint8Array) => void
  /** The roots of the consecutive subtrees of `2^levels` nodes of `nodes` into `out` (`32` bytes per root); `out` may alias the start of `nodes`. */
  readonly reduce: (nodes: Uint8Array, levels: number, out: Uint8Array) => void
  /** The root of the full subtree over `leaves` (`32 · 2^k` bytes). */
  readonly subtreeRoot: (leaves: Uint8Array) => Uint8Array
  /**
   * {@link NativeBinding.subtreeRoot} on the libuv thread pool. The worker reads `leaves` in place
   * when they lie in an {@link NativeBinding.allocBuffer} buffer, else a copy taken at the call:
   * detaching or writing the caller's buffer afterwards does not change the result.
   */
  readonly subtreeRootAsync: (leaves: Uint8Array) => Promise<Uint8Array>
  /** Fr32-pads `payload` (`127 · b` bytes) into `out` (`128 · b` bytes, not overlapping). */
  readonly fr32Pad: (payload: Uint8Array, out: Uint8Array) => void
  /** The root of the tree over the Fr32 padding of `payload` (`127 · 2^k` bytes): CommP of a full piece. */
  readonly fr32SubtreeRoot: (payload: Uint8Array) => Uint8Array
  /** {@link NativeBinding.fr32SubtreeRoot} on the libuv thread pool (one core); `payload` is held as in {@link NativeBinding.subtreeRootAsync}. */
  readonly fr32SubtreeRootAsync: (payload: Uint8Array) => Promise<Uint8Array>
  /**
   * The root of the tree over the Fr32 padding of the `length` (`127 · 2^k`) bytes of the open
   * file `fd` from `offset`, read (`pread`) and hashed on the libuv thread pool in chunks of
   * 127 KiB; bytes past the end of the file count as zeros. Resolves with the root and the number
   * of bytes actually read; rejects with `NativeReadFailed` (its `errno`) if a read fails. `fd`
   * must stay open until the promise settles.
   */
  readonly fr32FileSubtreeRootAsync: (fd: number, offset: number, length: number) => Promise<FileSubtreeRoot>
  /** {@link NativeBinding.fr32SubtreeRoot} on `threads` threads (1 … 256), blocking the caller. */
  readonly fr32SubtreeRootParallel: (payload: Uint8Array, threads: number) => Uint8Array
  /**
   * A zeroed buffer of `length` bytes (0 … 2^32) in memory the binding owns: the async functions
   * read it without copying and keep it alive until they finish, even if the caller detaches
   * (transfers) it meanwhile. Writing to it during an async call changes what the call reads.
   */
  readonly allocBuffer: (length: number) => Uint8Array<ArrayBuffer>
  /** The SHA-256 path in use. */
  readonly shaPath: () => ShaPath
  /** The paths that can run on this machine, best first. */
  readonly shaPaths: () => ReadonlyArray<ShaPath>
  /** Selects a path for all later calls (`"auto"`: the best one); `false` if it cannot run here. */
  readonly setShaPath: (path: ShaPath | "auto") => boolean
  /** Leaves per chunk of the C++ tree builder (the unit of work of the parallel variant). */
  readonly chunkLeaves: number
  /**
   * Element-wise Fr arithmetic on canonical 32-byte reprs (`op` 0: add, 1: sub, 2: mul), in the
   * binding's Montgomery form (fr.h); for tests against the `bigint` field. Throws
   * `NativeNonCanonical` for an input ≥ r.
   */
  readonly frOp: (op: 0 | 1 | 2, a: Uint8Array, b: Uint8Array, out: Uint8Array) => void
  /** The Fr multiplication in use: `"adx"` (MULX/ADCX/ADOX assembly) when the CPU has BMI2 and ADX, else `"portable"`. */
  readonly frMulPath: () => FrMulPath
  /** Selects the Fr multiplication for all later calls (`"auto"`: the best); `false` if it cannot run here. */
  readonly setFrMulPath: (path: FrMulPath | "auto") => boolean
  /**
   * Registers the prepared Poseidon constants of `arity` (`./poseidonPrepare.ts`). Once per arity
   * and process; again with the same bytes is a no-op, with others a `NativeInvalidArgument`.
   */
  readonly poseidonRegister: (arity: number, fullRounds: number, partialRounds: number, constants: Uint8Array) => void
  /**
   * `out[32g, 32g + 32) = Poseidon_arity(input nodes arity·g … arity·g + arity − 1)` for every
   * group g, on `threads` threads (1 … 64); nodes are canonical reprs; `out` must not overlap
   * `input`. Throws `NativeNonCanonical` (`index`: the first bad node).
   */
  readonly poseidonHashNodes: (arity: number, input: Uint8Array, out: Uint8Array, threads: number) => void
  /**
   * tree_c's leaves: `out[32j, 32j + 32) = Poseidon_A(layers[0][j], …, layers[A − 1][j])`,
   * A = `layers.length`, each layer as long as `out`. `NativeNonCanonical` `index` is j·A + i.
   */
  readonly poseidonColumns: (layers: ReadonlyArray<Uint8Array>, out: Uint8Array, threads: number) => void
  /** The SHA-256 compression function on `state` (8 words, updated in place) over `blocks` (64n bytes). */
  readonly sha256Compress: (state: Uint32Array, blocks: Uint8Array) => void
  /**
   * SDR labels of nodes `begin … end − 1` of layer `layer` (1-based) into `out` (32 bytes per node;
   * the nodes before `begin` already labelled), from `parents` (the parent cache, 14 per node),
   * `prev` (the previous layer, or an empty array for layer 1) and the 32-byte replica ID.
   */
  readonly sdrLabelRange: (
    replicaId: Uint8Array, layer: number, parents: Uint32Array, prev: Uint8Array, out: Uint8Array, begin: number, end: number
  ) => void
  /**
   * The SDR parent-cache entries of nodes `begin … end − 1` (14 per node, node-major: 6 base, 8
   * expander) of a graph of `nodes` nodes (2 … 2^29) into `out` (`14·(end − begin)` entries), from
   * the 28-byte DRG seed, the 32-byte Feistel key digest (four u64 LE) and the parent order
   * (`api` 0 = 1.0.0, 1 = 1.1.0), split over `threads` threads (1 … 64).
   */
  readonly sdrParentRange: (
    drgSeed: Uint8Array, feistelKeys: Uint8Array, nodes: number, api: number, out: Uint32Array, begin: number, end: number,
    threads: number
  ) => void
}

/**
 * The node hasher the binding provides: the same shape as `Hasher` in `../interface.ts` (kept
 * structural, so this folder does not depend on the TypeScript implementation's files).
 *
 * @category models
 * @since 0.1.0
 */
export interface NativeHasher {
  /** `"native"`. */
  readonly name: string
  /** See {@link NativeBinding.hashPairs}. */
  hashPairs(input: Uint8Array, out: Uint8Array): void
  /** See {@link NativeBinding.reduce}. */
  reduce(nodes: Uint8Array, levels: number, out: Uint8Array): void
}
