/**
 * CommP, the piece commitment of an in-memory payload: Fr32-pad the payload (zero-filled up to
 * the piece's unpadded size), then take the root of the binary tree over its 32-byte nodes.
 *
 * 1. The piece size is the next `128 · 2^k` holding the payload (`pieceSizeOfPayload`;
 *    filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7).
 * 2. The payload is zero-filled to a whole 127-byte block and Fr32-padded (`./fr32.ts`).
 * 3. CommP = the root of the tree of height `log2(size / 32)` over the padded nodes; the zero
 *    blocks filling the rest of the piece are zero subtrees and are not hashed (`./merkle.ts`).
 *
 * Steps 2 and 3 run a batch of 4096 blocks at a time through one 512 KiB buffer, each batch
 * reduced to its subtree root while it is in cache; the roots are folded left to right.
 *
 * For streams and files in constant memory see `./stream.ts`; for piece CIDs, `./piececid.ts`.
 *
 * Sources: filecoin-project/go-state-types abi/piece.go @ v0.18.0;
 * filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0;
 * filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0;
 * filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 (padding, height);
 * filecoin-project/go-fil-commp-hashhash commp.go @ v0.2.0.
 *
 * @module
 */
import * as Result from "effect/Result"
import { _PendingNodes } from "./_stack.js"
import { FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK, fr32PadBlocks } from "./fr32.js"
import { defaultHasher } from "./hasher.js"
import type { CommPResult, Hasher } from "./interface.js"
import { _pushLeafRuns, _REDUCE_LEVELS } from "./merkle.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "./piece.js"

/**
 * Fr32 blocks padded at a time: 4096 (= 2^14 leaves / 4 = 512 KiB padded), the largest run the
 * tree builder hands to the hasher at once.
 */
const BATCH_BLOCKS = 2 ** _REDUCE_LEVELS / 4

export type { CommPResult } from "./interface.js"

/**
 * CommP of `payload`, with its piece size, tree height and FRC-0069 padding.
 *
 * Every length is accepted, 0 included: a payload shorter than 127 bytes is zero-filled to 127,
 * i.e. it is a 128-byte piece
 * (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7, test cases for 0,
 * 127 and 128 bytes).
 *
 * @example
 * // FRC-0069 test case: 127 × 0x00 ‖ 127 × 0x01 ‖ 127 × 0x02 ‖ 127 × 0x03
 * const r = CommP(payload)
 * toHex(r.commP) // => "496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605"
 * r.size         // => 512n
 * @category commitments
 * @since 0.1.0
 */
export const CommP = (payload: Uint8Array, hasher: Hasher = defaultHasher): CommPResult => {
  // the piece holding the payload (a Uint8Array is far below the largest payload)
  const size = Result.getOrThrow(pieceSizeOfPayload(payload.length))
  const height = treeHeight(size)
  const stack = new _PendingNodes(hasher)
  // whole 127-byte blocks, Fr32-padded a batch at a time into one reused buffer (kept in cache)
  const full = Math.floor(payload.length / FR32_UNPADDED_BLOCK)
  const buffer = new Uint8Array(Math.min(full, BATCH_BLOCKS) * FR32_PADDED_BLOCK)
  for (let b = 0; b < full; b += BATCH_BLOCKS) {
    const n = Math.min(BATCH_BLOCKS, full - b)
    fr32PadBlocks(payload, b * FR32_UNPADDED_BLOCK, buffer, 0, n)
    _pushLeafRuns(stack, buffer.subarray(0, n * FR32_PADDED_BLOCK), hasher)
  }
  // the last partial block zero-filled (or one zero block for an empty payload)
  if (full * FR32_UNPADDED_BLOCK < payload.length || payload.length === 0) {
    const last = new Uint8Array(FR32_UNPADDED_BLOCK)
    last.set(payload.subarray(full * FR32_UNPADDED_BLOCK))
    const leaves = new Uint8Array(FR32_PADDED_BLOCK)
    fr32PadBlocks(last, 0, leaves, 0, 1)
    _pushLeafRuns(stack, leaves, hasher)
  }
  // zero subtrees for the rest of the piece
  const payloadSize = BigInt(payload.length)
  return { commP: stack.root(height), size, height, payloadSize, padding: toUnpadded(size) - payloadSize }
}
