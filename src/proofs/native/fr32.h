// Fr32 padding of whole 127-byte blocks
// (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
#pragma once
#include <cstddef>
#include <cstdint>

namespace filflow {

// Payload bytes per Fr32 block (4 × 254 bits = 1016 bits = 127 bytes) and padded bytes (4 × 32).
constexpr size_t FR32_UNPADDED_BLOCK = 127;
constexpr size_t FR32_PADDED_BLOCK = 128;

// Pads `blocks` blocks: in[127b, 127b + 127) → out[128b, 128b + 128). Reads no byte outside
// in[0, 127 · blocks); `out` must not overlap `in`.
void fr32_pad(const uint8_t* in, uint8_t* out, size_t blocks);

}  // namespace filflow
