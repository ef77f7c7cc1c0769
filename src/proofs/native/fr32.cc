// Fr32 padding: 127 payload bytes → four 32-byte little-endian nodes of 254 bits each.
//
// Source: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
// Read a 127-byte block as a little-endian integer n; node i is
// (n >> 254·i) & (2^254 − 1) written as 32 bytes little-endian, i.e. its top two bits are zero.
// Node i starts at bit 254·i = byte 31.75·i: node 0 at byte 0 bit 0, node 1 at byte 31 bit 6,
// node 2 at byte 63 bit 4, node 3 at byte 95 bit 2.
#include "fr32.h"

#include <cstring>

namespace filflow {
namespace {

inline uint64_t load64le(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

inline void store64le(uint8_t* p, uint64_t v) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  std::memcpy(p, &v, 8);
}

// Bits 254..255 of a node, i.e. the top two bits of its last 64-bit word, must be zero.
constexpr uint64_t TOP_WORD_MASK = 0x3fffffffffffffffULL;

// Writes the node whose first bit is bit `shift` (0 < shift < 8) of byte `src[0]`: word k is
// (bytes src[8k, 8k + 8) >> shift) | (byte src[8k + 8] << (64 − shift)), and the top two bits of
// word 3 are cleared. For node 3 (shift = 2) byte src[32] is past the block and would only fill
// bits 62 and 63 of word 3, which are cleared anyway, so it is not read.
inline void shifted_node(const uint8_t* src, int shift, bool read_last_extra, uint8_t* out) {
  for (int k = 0; k < 4; ++k) {
    uint64_t w = load64le(src + 8 * k) >> shift;
    if (k < 3 || read_last_extra) w |= uint64_t{src[8 * k + 8]} << (64 - shift);
    if (k == 3) w &= TOP_WORD_MASK;
    store64le(out + 8 * k, w);
  }
}

inline void pad_block(const uint8_t* in, uint8_t* out) {
  // node 0: bits 0 … 253 = bytes 0 … 31, top two bits of byte 31 cleared
  std::memcpy(out, in, 32);
  out[31] &= 0x3f;
  // node 1: bits 254 … 507 = from byte 31 bit 6 (needs bytes 31 … 63)
  shifted_node(in + 31, 6, true, out + 32);
  // node 2: bits 508 … 761 = from byte 63 bit 4 (needs bytes 63 … 95)
  shifted_node(in + 63, 4, true, out + 64);
  // node 3: bits 762 … 1015 = from byte 95 bit 2 (needs bytes 95 … 126)
  shifted_node(in + 95, 2, false, out + 96);
}

}  // namespace

void fr32_pad(const uint8_t* in, uint8_t* out, size_t blocks) {
  for (size_t b = 0; b < blocks; ++b) pad_block(in + FR32_UNPADDED_BLOCK * b, out + FR32_PADDED_BLOCK * b);
}

}  // namespace filflow
