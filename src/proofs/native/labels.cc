// SDR layer labelling (see labels.h for the bytes hashed and the upstream sources).
//
// One label is one SHA-256 of a 1248-byte message: the first block (replica ID, layer, node) is
// compressed, then the 37 parent labels are gathered into a buffer that already holds the final
// padding (FIPS 180-4 §5.1.1: 0x80, zeros, the bit length 9984 big-endian), and its 19 blocks are
// compressed in one call. The compressions of one label depend on each other, and node v's base
// parents include v − 1, so labels are computed one after the other.
#include "labels.h"

#include <cstring>

#include "sha256.h"
#include "sha256_consts.h"

namespace filflow {
namespace {

constexpr size_t NODE = 32;
constexpr size_t PARENT_NODES = 37;                      // nodes hashed after the first block
constexpr size_t MESSAGE_BYTES = 64 + PARENT_NODES * NODE;  // 1248
constexpr size_t TAIL_BLOCKS = 19;                       // 36 nodes = 18 blocks, then node 37 + padding

// The 64-byte padding block of a 64-byte message (node 0 hashes only the first block).
struct PadBlock64 {
  uint8_t bytes[64] = {};
  PadBlock64() {
    bytes[0] = 0x80;
    bytes[62] = 0x02;  // 512 bits
  }
};

inline void store_digest(const uint32_t h[8], uint8_t* out) {
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<uint8_t>(h[i] >> 24);
    out[4 * i + 1] = static_cast<uint8_t>(h[i] >> 16);
    out[4 * i + 2] = static_cast<uint8_t>(h[i] >> 8);
    out[4 * i + 3] = static_cast<uint8_t>(h[i]);
  }
  out[31] &= TRUNC254_MASK;  // single.rs: "strip last two bits, to ensure result is in Fr"
}

}  // namespace

std::string sdr_check_parents(const uint32_t* parents, size_t nodes, size_t begin, size_t end) {
  for (size_t v = begin; v < end; ++v) {
    const uint32_t* p = parents + SDR_DEGREE * v;
    for (size_t k = 0; k < SDR_DEGREE; ++k) {
      if (p[k] >= nodes) {
        return "parent " + std::to_string(k) + " of node " + std::to_string(v) + " is " + std::to_string(p[k]) + ", not below " +
               std::to_string(nodes) + " nodes";
      }
      if (v >= 1 && k < SDR_BASE_DEGREE && p[k] >= v) {
        return "base parent " + std::to_string(k) + " of node " + std::to_string(v) + " is " + std::to_string(p[k]) +
               ", not an earlier node";
      }
    }
  }
  return "";
}

void sdr_label_range(const uint8_t replica_id[32], uint32_t layer, const uint32_t* parents, const uint8_t* prev, uint8_t* out,
                     size_t begin, size_t end) {
  const CompressFn compress = compress_fn();
  static const PadBlock64 pad64;
  alignas(64) uint8_t first[64] = {};
  std::memcpy(first, replica_id, 32);
  first[32] = static_cast<uint8_t>(layer >> 24);
  first[33] = static_cast<uint8_t>(layer >> 16);
  first[34] = static_cast<uint8_t>(layer >> 8);
  first[35] = static_cast<uint8_t>(layer);
  // the tail: 37 parent nodes, then 0x80, zeros, and the message length in bits
  alignas(64) uint8_t tail[TAIL_BLOCKS * 64] = {};
  tail[PARENT_NODES * NODE] = 0x80;
  const uint64_t bits = MESSAGE_BYTES * 8;
  for (int i = 0; i < 8; ++i) tail[TAIL_BLOCKS * 64 - 1 - i] = static_cast<uint8_t>(bits >> (8 * i));
  const bool exp = layer > 1;

  for (size_t v = begin; v < end; ++v) {
    for (int i = 0; i < 8; ++i) first[36 + i] = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (56 - 8 * i));
    uint32_t h[8];
    std::memcpy(h, SHA256_IV, sizeof h);
    compress(h, first, 1);
    if (v == 0) {
      compress(h, pad64.bytes, 1);
    } else {
      const uint32_t* p = parents + SDR_DEGREE * v;
      uint8_t* dst = tail;
      if (!exp) {
        // graph.rs copy_parents_data_inner: base parents 0..5, six times, then parent 0
        for (size_t k = 0; k < SDR_BASE_DEGREE; ++k) std::memcpy(dst + NODE * k, out + NODE * p[k], NODE);
        for (size_t rep = 1; rep < 6; ++rep) std::memcpy(dst + rep * SDR_BASE_DEGREE * NODE, dst, SDR_BASE_DEGREE * NODE);
        std::memcpy(dst + 36 * NODE, dst, NODE);
      } else {
        // graph.rs copy_parents_data_inner_exp: 6 base + 8 expander, again, parents 0..7, then parent 8
        for (size_t k = 0; k < SDR_BASE_DEGREE; ++k) std::memcpy(dst + NODE * k, out + NODE * p[k], NODE);
        for (size_t k = SDR_BASE_DEGREE; k < SDR_DEGREE; ++k) std::memcpy(dst + NODE * k, prev + NODE * p[k], NODE);
        std::memcpy(dst + SDR_DEGREE * NODE, dst, SDR_DEGREE * NODE);
        std::memcpy(dst + 2 * SDR_DEGREE * NODE, dst, 8 * NODE);
        std::memcpy(dst + 36 * NODE, dst + 8 * NODE, NODE);
      }
      compress(h, tail, TAIL_BLOCKS);
    }
    store_digest(h, out + NODE * v);
  }
}

}  // namespace filflow
