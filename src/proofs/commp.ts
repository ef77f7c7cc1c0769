/**
 * CommP, the piece commitment of an in-memory payload: Fr32-pad the payload (zero-filled up to
 * the piece's unpadded size), then take the root of the binary tree over its 32-byte nodes.
 *
 * 1. The piece size is the next `128 · 2^k` holding the payload (`pieceSizeOfPayload`, facts §5.1).
 * 2. The payload is zero-filled to a whole 127-byte block and Fr32-padded (`./fr32.ts`).
 * 3. CommP = the root of the tree of height `log2(size / 32)` over the padded nodes; the zero
 *    blocks filling the rest of the piece are zero subtrees and are not hashed (`./merkle.ts`).
 *
 * For streams and files in constant memory see `./stream.ts`; for piece CIDs, `./piececid.ts`.
 *
 * Sources: filecoin-facts §5.1, §5.2; FRC-0069 (padding, height); go-fil-commp-hashhash.
 *
 * @module
 */
import { Result } from "effect"
import { FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK, fr32PadBlocks } from "./fr32.js"
import { defaultHasher } from "./hasher.js"
import type { CommPResult, Hasher } from "./interface.js"
import { _merkleRoot } from "./merkle.js"
import { pieceSizeOfPayload, toUnpadded, treeHeight } from "./piece.js"

export type { CommPResult } from "./interface.js"

/**
 * CommP of `payload`, with its piece size, tree height and FRC-0069 padding.
 *
 * Every length is accepted, 0 included: a payload shorter than 127 bytes is zero-filled to 127,
 * i.e. it is a 128-byte piece (facts §5.1; FRC-0069 test cases for 0, 127 and 128 bytes).
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
  // the payload zero-filled to whole 127-byte blocks (at least one), then Fr32-padded
  const blocks = Math.max(1, Math.ceil(payload.length / FR32_UNPADDED_BLOCK))
  const full = Math.floor(payload.length / FR32_UNPADDED_BLOCK)
  const leaves = new Uint8Array(blocks * FR32_PADDED_BLOCK)
  fr32PadBlocks(payload, 0, leaves, 0, full)
  if (full < blocks) {
    const last = new Uint8Array(FR32_UNPADDED_BLOCK)
    last.set(payload.subarray(full * FR32_UNPADDED_BLOCK))
    fr32PadBlocks(last, 0, leaves, full * FR32_PADDED_BLOCK, 1)
  }
  // the root over the padded nodes, zero subtrees for the rest of the piece
  const commP = _merkleRoot(leaves, height, hasher)
  const payloadSize = BigInt(payload.length)
  return { commP, size, height, payloadSize, padding: toUnpadded(size) - payloadSize }
}
