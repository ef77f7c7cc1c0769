// SDR layer labelling (see labels.h for the bytes hashed and the upstream sources).
//
// One label is one SHA-256 of a 1248-byte message: the first block (replica ID, layer, node) is
// compressed, then 19 blocks made of 38 halves: the 37 parent labels, read where they lie, and
// the final padding (FIPS 180-4 §5.1.1: 0x80, zeros, the bit length 9984 big-endian). The
// compressions of one label depend on each other, and node v's base parents include v − 1, so
// labels are computed one after the other.
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
static_assert(64 * (1 + TAIL_BLOCKS) == MESSAGE_BYTES + 32, "the padding takes the last half-block");
constexpr size_t PREFETCH = 2;                           // nodes ahead whose parents are prefetched

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
  const CompressHalvesFn compress_halves = compress_halves_fn();
  const CompressHalvesAndOneFn compress_halves_and_one = compress_halves_and_one_fn();
  static const PadBlock64 pad64;
  alignas(64) uint8_t first[64] = {};
  std::memcpy(first, replica_id, 32);
  first[32] = static_cast<uint8_t>(layer >> 24);
  first[33] = static_cast<uint8_t>(layer >> 16);
  first[34] = static_cast<uint8_t>(layer >> 8);
  first[35] = static_cast<uint8_t>(layer);
  // the last half-block after parent 37: 0x80, zeros, the message length in bits (big-endian)
  alignas(32) uint8_t pad[32] = {};
  pad[0] = 0x80;
  const uint64_t bits = MESSAGE_BYTES * 8;
  for (int i = 0; i < 8; ++i) pad[31 - i] = static_cast<uint8_t>(bits >> (8 * i));
  const bool exp = layer > 1;
  const size_t degree = exp ? SDR_DEGREE : SDR_BASE_DEGREE;
  // P[i] = parent (i mod degree): graph.rs copy_parents_data_inner (6 base parents six times,
  // then parent 0) and copy_parents_data_inner_exp (14 parents twice, parents 0..7, parent 8)
  size_t which[PARENT_NODES];
  for (size_t i = 0; i < PARENT_NODES; ++i) which[i] = i % degree;
  const uint8_t* halves[2 * TAIL_BLOCKS];
  halves[2 * TAIL_BLOCKS - 1] = pad;

  // The first block of node v + 1 (replica ID, layer, v + 1) does not depend on node v's label:
  // it is compressed together with the first block of node v's parents (two independent chains
  // in the SHA unit), so each label's critical path is 19 compressions, not 20.
  alignas(64) uint8_t next_first[64];
  std::memcpy(next_first, first, 64);
  auto set_node = [](uint8_t* block, size_t node) {
    for (int i = 0; i < 8; ++i) block[36 + i] = static_cast<uint8_t>(static_cast<uint64_t>(node) >> (56 - 8 * i));
  };
  uint32_t h[8];  // the state after node v's first block
  std::memcpy(h, SHA256_IV, sizeof h);
  set_node(first, begin);
  if (begin < end) compress(h, first, 1);

  for (size_t v = begin; v < end; ++v) {
    // Parent labels are scattered over the layers (hundreds of MiB for large sectors): fetch the
    // labels of node v + PREFETCH's parents into the cache while node v is hashed (single.rs
    // prefetches too). Base parents of that node may not be written yet; prefetching is harmless.
    if (v + PREFETCH < end) {
      const uint32_t* q = parents + SDR_DEGREE * (v + PREFETCH);
      for (size_t k = 0; k < SDR_BASE_DEGREE; ++k) __builtin_prefetch(out + NODE * q[k], 0, 3);
      if (exp) {
        for (size_t k = SDR_BASE_DEGREE; k < SDR_DEGREE; ++k) __builtin_prefetch(prev + NODE * q[k], 0, 3);
      }
    }
    uint32_t next[8];
    std::memcpy(next, SHA256_IV, sizeof next);
    const bool more = v + 1 < end;
    if (more) set_node(next_first, v + 1);
    if (v == 0) {
      compress(h, pad64.bytes, 1);
      if (more) compress(next, next_first, 1);
    } else {
      const uint32_t* p = parents + SDR_DEGREE * v;
      for (size_t i = 0; i < PARENT_NODES; ++i) {
        const size_t k = which[i];
        halves[i] = (k < SDR_BASE_DEGREE ? out : prev) + NODE * p[k];
      }
      if (more)
        compress_halves_and_one(h, halves, TAIL_BLOCKS, next, next_first);
      else
        compress_halves(h, halves, TAIL_BLOCKS);
    }
    store_digest(h, out + NODE * v);
    std::memcpy(h, next, sizeof h);
  }
}

}  // namespace filflow
