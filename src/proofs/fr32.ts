/**
 * Fr32 padding: every 127 bytes of payload (1016 bits = 4 × 254) become 128 bytes, four 32-byte
 * little-endian nodes whose top two bits are zero, so that each node is an element of the
 * BLS12-381 scalar field (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
 *
 * Bit order: read a 127-byte block as a little-endian integer `n`; node i is
 * `(n >> 254·i) & (2^254 − 1)` written as 32 bytes little-endian. Node i starts at bit 254·i
 * of the block: byte 0 bit 0, byte 31 bit 6, byte 63 bit 4, byte 95 bit 2 — so each node's
 * bytes are the block's bytes shifted right by 0, 6, 4 and 2 bits (left by 0, 2, 4, 6 into the
 * next byte).
 *
 * Functions here pad and unpad whole blocks (multiples of 127 / 128 bytes) and streams of
 * arbitrary chunks, carrying a partial block from one chunk to the next.
 *
 * Sources: filecoin-project/specs content/systems/filecoin_files/piece/_index.md @ v2.1.1 ("Fr32 padding");
 * filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"

/** Payload bytes per Fr32 block: 127 (= 4 × 254 bits / 8 = 1016 / 8). @since 0.1.0 */
export const FR32_UNPADDED_BLOCK = 127
/** Padded bytes per Fr32 block: 128 (= 4 nodes × 32 bytes). @since 0.1.0 */
export const FR32_PADDED_BLOCK = 128
/** Mask of the valid bits of a node's last byte: 0x3f (= 0b0011_1111; bits 254 and 255 must be zero). */
const TOP_BITS_CLEAR = 0x3f

// ---------------------------------------------------------------------------------------------
// errors

/**
 * Input whose length is not a whole number of blocks (127 bytes to pad, 128 to unpad).
 *
 * @category errors
 * @since 0.1.0
 */
export class Fr32InvalidLength extends Data.TaggedError("Fr32InvalidLength")<{
  readonly length: number
  readonly blockSize: number
}> {}

/**
 * A padded node whose top two bits are set: not an Fr32 encoding of any payload.
 *
 * @category errors
 * @since 0.1.0
 */
export class Fr32NodeOverflow extends Data.TaggedError("Fr32NodeOverflow")<{
  /** Index of the 32-byte node (in the whole stream for a streaming unpadder). */
  readonly node: number
}> {}

// ---------------------------------------------------------------------------------------------
// blocks

/**
 * Pads `blocks` whole blocks: 127·blocks bytes of `src` from `srcOff` → 128·blocks bytes of
 * `dst` from `dstOff`. No checks; the low-level loop under {@link fr32Pad} and the streams.
 *
 * @example
 * fr32PadBlocks(payload, 0, padded, 0, payload.length / 127)
 * @category padding
 * @since 0.1.0
 */
export const fr32PadBlocks = (src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, blocks: number): void => {
  for (let b = 0; b < blocks; b++) {
    const i = srcOff + FR32_UNPADDED_BLOCK * b
    const o = dstOff + FR32_PADDED_BLOCK * b
    // node 0 = bits 0 … 253: bytes 0 … 31, top two bits cleared
    for (let j = 0; j < 32; j++) dst[o + j] = src[i + j]!
    dst[o + 31]! &= TOP_BITS_CLEAR
    // node 1 = bits 254 … 507: starts at byte 31 bit 6 — shift left by 2
    for (let j = 0; j < 32; j++) dst[o + 32 + j] = (src[i + 31 + j]! >>> 6) | (src[i + 32 + j]! << 2)
    dst[o + 63]! &= TOP_BITS_CLEAR
    // node 2 = bits 508 … 761: starts at byte 63 bit 4 — shift left by 4
    for (let j = 0; j < 32; j++) dst[o + 64 + j] = (src[i + 63 + j]! >>> 4) | (src[i + 64 + j]! << 4)
    dst[o + 95]! &= TOP_BITS_CLEAR
    // node 3 = bits 762 … 1015: starts at byte 95 bit 2 — shift left by 6; byte 126 is the last
    for (let j = 0; j < 31; j++) dst[o + 96 + j] = (src[i + 95 + j]! >>> 2) | (src[i + 96 + j]! << 6)
    dst[o + 127] = src[i + 126]! >>> 2
  }
}

/**
 * Unpads `blocks` whole blocks: 128·blocks bytes of `src` → 127·blocks bytes of `dst`.
 * Returns the index (within these blocks) of the first node with a top bit set, or −1; the
 * output is written either way.
 *
 * @example
 * fr32UnpadBlocks(padded, 0, payload, 0, padded.length / 128) // => -1
 * @category padding
 * @since 0.1.0
 */
export const fr32UnpadBlocks = (src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, blocks: number): number => {
  let overflow = -1
  for (let b = 0; b < blocks; b++) {
    const i = srcOff + FR32_PADDED_BLOCK * b
    const o = dstOff + FR32_UNPADDED_BLOCK * b
    // every node's byte 31 must have bits 6 and 7 clear
    for (let k = 0; k < 4; k++) {
      if (overflow < 0 && (src[i + 32 * k + 31]! & ~TOP_BITS_CLEAR) !== 0) overflow = 4 * b + k
    }
    // bytes 0 … 30 from node 0; byte 31 = node 0's 6 bits ‖ node 1's low 2 bits
    for (let j = 0; j < 31; j++) dst[o + j] = src[i + j]!
    dst[o + 31] = (src[i + 31]! & TOP_BITS_CLEAR) | (src[i + 32]! << 6)
    // bytes 32 … 62 from node 1 (shift right by 2); byte 63 = node 1's last 4 bits ‖ node 2's low 4
    for (let j = 32; j < 63; j++) dst[o + j] = (src[i + j]! >>> 2) | (src[i + j + 1]! << 6)
    dst[o + 63] = ((src[i + 63]! >>> 2) & 0x0f) | (src[i + 64]! << 4)
    // bytes 64 … 94 from node 2 (shift right by 4); byte 95 = node 2's last 2 bits ‖ node 3's low 6
    for (let j = 64; j < 95; j++) dst[o + j] = (src[i + j]! >>> 4) | (src[i + j + 1]! << 4)
    dst[o + 95] = ((src[i + 95]! >>> 4) & 0x03) | (src[i + 96]! << 2)
    // bytes 96 … 126 from node 3 (shift right by 6)
    for (let j = 96; j < 127; j++) dst[o + j] = (src[i + j]! >>> 6) | (src[i + j + 1]! << 2)
  }
  return overflow
}

/**
 * Fr32-pads a payload that is a whole number of 127-byte blocks.
 *
 * @example
 * fr32Pad(new Uint8Array(254)) // => Success(Uint8Array(256))
 * fr32Pad(new Uint8Array(100)) // => Failure(Fr32InvalidLength { length: 100, blockSize: 127 })
 * @category padding
 * @since 0.1.0
 */
export const fr32Pad = (payload: Uint8Array): Result.Result<Uint8Array, Fr32InvalidLength> => {
  // the payload is a whole number of 127-byte blocks
  if (payload.length % FR32_UNPADDED_BLOCK !== 0) {
    return Result.fail(new Fr32InvalidLength({ length: payload.length, blockSize: FR32_UNPADDED_BLOCK }))
  }
  const blocks = payload.length / FR32_UNPADDED_BLOCK
  const out = new Uint8Array(blocks * FR32_PADDED_BLOCK)
  fr32PadBlocks(payload, 0, out, 0, blocks)
  return Result.succeed(out)
}

/**
 * Inverse of {@link fr32Pad}: a whole number of 128-byte blocks, every node's top two bits zero.
 *
 * @example
 * fr32Unpad(Result.getOrThrow(fr32Pad(bytes))) // => Success(bytes)
 * @category padding
 * @since 0.1.0
 */
export const fr32Unpad = (padded: Uint8Array): Result.Result<Uint8Array, Fr32InvalidLength | Fr32NodeOverflow> => {
  // the input is a whole number of 128-byte blocks
  if (padded.length % FR32_PADDED_BLOCK !== 0) {
    return Result.fail(new Fr32InvalidLength({ length: padded.length, blockSize: FR32_PADDED_BLOCK }))
  }
  const blocks = padded.length / FR32_PADDED_BLOCK
  const out = new Uint8Array(blocks * FR32_UNPADDED_BLOCK)
  const overflow = fr32UnpadBlocks(padded, 0, out, 0, blocks)
  // every node is a 254-bit value
  if (overflow >= 0) return Result.fail(new Fr32NodeOverflow({ node: overflow }))
  return Result.succeed(out)
}

// ---------------------------------------------------------------------------------------------
// streams

/**
 * A streaming Fr32 transform: feed chunks of any size, get the whole blocks completed so far.
 *
 * @category padding
 * @since 0.1.0
 */
export interface Fr32Stream<E> {
  /** Transforms the blocks completed by `chunk` (a partial block is carried to the next call). */
  push(chunk: Uint8Array): Result.Result<Uint8Array, E>
  /** Ends the stream: the last partial block, zero-filled when padding; an error when unpadding. */
  end(): Result.Result<Uint8Array, E>
}

/**
 * Streaming Fr32 transform: a block buffer carried across chunks, the whole blocks transformed.
 * `transform(src, srcOff, dst, dstOff, blocks, firstBlock)` returns an error or undefined.
 */
const stream = <E>(
  inBlock: number, outBlock: number,
  transform: (src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, blocks: number, first: number) => E | undefined,
  onEnd: (partial: Uint8Array) => Result.Result<Uint8Array, E>
): Fr32Stream<E> => {
  const carry = new Uint8Array(inBlock)
  let carried = 0
  let blocksDone = 0
  return {
    push(chunk) {
      const total = carried + chunk.length
      const blocks = Math.floor(total / inBlock)
      const out = new Uint8Array(blocks * outBlock)
      let pos = 0
      let b = 0
      if (carried > 0 && blocks > 0) {
        // complete the carried block first
        pos = inBlock - carried
        carry.set(chunk.subarray(0, pos), carried)
        const e = transform(carry, 0, out, 0, 1, blocksDone)
        if (e !== undefined) return Result.fail(e)
        carried = 0
        b = 1
      }
      const e = transform(chunk, pos, out, b * outBlock, blocks - b, blocksDone + b)
      if (e !== undefined) return Result.fail(e)
      pos += (blocks - b) * inBlock
      // keep the partial block
      carry.set(chunk.subarray(pos), carried)
      carried += chunk.length - pos
      blocksDone += blocks
      return Result.succeed(out)
    },
    end() {
      const partial = carry.slice(0, carried)
      carried = 0
      return onEnd(partial)
    }
  }
}

/**
 * A streaming Fr32 padder: 127-byte blocks are padded as they complete; `end()` zero-fills and
 * pads the last partial block (nothing if the stream ended on a block boundary).
 *
 * @example
 * const s = fr32PadStream()
 * s.push(new Uint8Array(100)) // => Success(Uint8Array(0))
 * s.push(new Uint8Array(100)) // => Success(Uint8Array(128))
 * s.end()                     // => Success(Uint8Array(128)) (73 bytes + 54 zeros, padded)
 * @category padding
 * @since 0.1.0
 */
export const fr32PadStream = (): Fr32Stream<never> =>
  stream<never>(FR32_UNPADDED_BLOCK, FR32_PADDED_BLOCK, (src, srcOff, dst, dstOff, blocks) => {
    fr32PadBlocks(src, srcOff, dst, dstOff, blocks)
    return undefined
  }, (partial) => {
    if (partial.length === 0) return Result.succeed(new Uint8Array(0))
    const block = new Uint8Array(FR32_UNPADDED_BLOCK)
    block.set(partial)
    const out = new Uint8Array(FR32_PADDED_BLOCK)
    fr32PadBlocks(block, 0, out, 0, 1)
    return Result.succeed(out)
  })

/**
 * A streaming Fr32 unpadder: 128-byte blocks are unpadded as they complete; a node with a top
 * bit set fails with {@link Fr32NodeOverflow} (its index counted from the stream's start), and
 * `end()` fails with {@link Fr32InvalidLength} if the stream stopped inside a block.
 *
 * @example
 * const s = fr32UnpadStream()
 * s.push(padded.subarray(0, 200)) // => Success(Uint8Array(127))
 * s.push(padded.subarray(200))    // => Success(the rest)
 * s.end()                         // => Success(Uint8Array(0))
 * @category padding
 * @since 0.1.0
 */
export const fr32UnpadStream = (): Fr32Stream<Fr32InvalidLength | Fr32NodeOverflow> => {
  let total = 0
  return stream<Fr32InvalidLength | Fr32NodeOverflow>(FR32_PADDED_BLOCK, FR32_UNPADDED_BLOCK,
    (src, srcOff, dst, dstOff, blocks, first) => {
      total += blocks * FR32_PADDED_BLOCK
      const overflow = fr32UnpadBlocks(src, srcOff, dst, dstOff, blocks)
      return overflow >= 0 ? new Fr32NodeOverflow({ node: 4 * first + overflow }) : undefined
    }, (partial) =>
      partial.length === 0
        ? Result.succeed(new Uint8Array(0))
        : Result.fail(new Fr32InvalidLength({ length: total + partial.length, blockSize: FR32_PADDED_BLOCK })))
}
