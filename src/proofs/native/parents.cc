// The SDR parent cache in C++ (see parents.h for the sources): ChaCha8 bucket sampling for the
// base parents, the Feistel permutation (round function tabulated, as ../sdr/feistel.ts
// `feistelTable`) for the expander parents.
#include "parents.h"
#include "split_range.h"

#include <algorithm>
#include <cstring>
#include <system_error>
#include <thread>
#include <vector>

namespace filflow {
namespace {

constexpr unsigned BASE_DEGREE = 6;  // drgraph.rs BASE_DEGREE
constexpr unsigned EXP_DEGREE = 8;   // graph.rs EXP_DEGREE
constexpr unsigned DEGREE = BASE_DEGREE + EXP_DEGREE;
constexpr unsigned FEISTEL_ROUNDS = 3;  // feistel.rs FEISTEL_ROUNDS

inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
inline uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }
inline uint32_t load_le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// ChaCha8 with a 32-byte seed, block counter 0 and stream 0, read as u64 (two words, low first).
// rand_chacha buffers four blocks at a time; for a reader of u64s only from a fresh generator
// the words come in keystream order either way.
class ChaCha8 {
 public:
  explicit ChaCha8(const uint8_t seed[32]) {
    input_[0] = 0x61707865; input_[1] = 0x3320646e; input_[2] = 0x79622d32; input_[3] = 0x6b206574;
    for (int i = 0; i < 8; ++i) input_[4 + i] = load_le32(seed + 4 * i);
    input_[12] = input_[13] = input_[14] = input_[15] = 0;
  }
  uint64_t next_u64() {
    if (index_ >= 16) refill();
    const uint64_t lo = block_[index_], hi = block_[index_ + 1];
    index_ += 2;
    return lo | hi << 32;
  }

 private:
  static inline void qr(uint32_t* x, int a, int b, int c, int d) {
    x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 16);
    x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 12);
    x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 8);
    x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 7);
  }
  void refill() {
    uint32_t x[16];
    std::memcpy(x, input_, sizeof x);
    for (int r = 0; r < 8; r += 2) {
      qr(x, 0, 4, 8, 12); qr(x, 1, 5, 9, 13); qr(x, 2, 6, 10, 14); qr(x, 3, 7, 11, 15);
      qr(x, 0, 5, 10, 15); qr(x, 1, 6, 11, 12); qr(x, 2, 7, 8, 13); qr(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; ++i) block_[i] = x[i] + input_[i];
    if (++input_[12] == 0) ++input_[13];
    index_ = 0;
  }
  uint32_t input_[16];
  uint32_t block_[16];
  unsigned index_ = 16;
};

// ⌈log2 x⌉ for x ≥ 2: the bit length of x − 1 (equal to Rust's `(x as f64).log2().ceil()` for x < 2^53).
inline unsigned ceil_log2(uint64_t x) { return 64 - static_cast<unsigned>(__builtin_clzll(x - 1)); }

// drgraph.rs `BucketGraph::parents`.
void base_parents(const uint8_t drg_seed[28], uint32_t node, bool api_v1_1, uint32_t* out) {
  if (node < 2) {
    std::fill(out, out + BASE_DEGREE, 0u);
    return;
  }
  uint8_t seed[32];
  std::memcpy(seed, drg_seed, 28);
  seed[28] = static_cast<uint8_t>(node); seed[29] = static_cast<uint8_t>(node >> 8);
  seed[30] = static_cast<uint8_t>(node >> 16); seed[31] = static_cast<uint8_t>(node >> 24);
  ChaCha8 rng(seed);
  constexpr uint64_t m_prime = BASE_DEGREE - 1;
  const uint64_t metagraph_node = uint64_t{node} * m_prime;
  const uint64_t n_buckets = ceil_log2(metagraph_node);
  uint32_t* first = api_v1_1 ? out + 1 : out;
  for (unsigned k = 0; k < m_prime; ++k) {
    const uint64_t bucket_index = rng.next_u64() % n_buckets + 1;
    const uint64_t largest = std::min(metagraph_node, uint64_t{1} << bucket_index);
    const uint64_t smallest = std::max<uint64_t>(2, largest / 2);
    const uint64_t distance = smallest + rng.next_u64() % (largest - smallest + 1);
    const uint64_t mapped = (metagraph_node - distance) / m_prime;
    first[k] = mapped == node ? node - 1 : static_cast<uint32_t>(mapped);
  }
  // the immediate predecessor: last under 1.0.0, first under 1.1.0
  out[api_v1_1 ? 0 : m_prime] = node - 1;
}

// BLAKE2b-512 (RFC 7693) of one 16-byte message (m0, m1 little-endian u64 words); the first output word.
const uint64_t B2_IV[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                           0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
const uint8_t B2_SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

uint64_t blake2b16_first_word(uint64_t m0, uint64_t m1) {
  uint64_t m[16] = {m0, m1};
  uint64_t v[16];
  const uint64_t h0 = B2_IV[0] ^ 0x01010040ULL;  // digest length 64, no key, fanout 1, depth 1
  v[0] = h0;
  for (int i = 1; i < 8; ++i) v[i] = B2_IV[i];
  for (int i = 0; i < 8; ++i) v[8 + i] = B2_IV[i];
  v[12] ^= 16;  // bytes hashed
  v[14] = ~v[14];  // last block
  auto g = [&](int a, int b, int c, int d, uint64_t x, uint64_t y) {
    v[a] = v[a] + v[b] + x; v[d] = rotr64(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d]; v[b] = rotr64(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y; v[d] = rotr64(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d]; v[b] = rotr64(v[b] ^ v[c], 63);
  };
  for (int r = 0; r < 12; ++r) {
    const uint8_t* s = B2_SIGMA[r];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]); g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]); g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]); g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]); g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  return h0 ^ v[0] ^ v[8];
}

}  // namespace

uint64_t sdr_feistel_round(uint64_t right, uint64_t key, uint64_t mask) {
  return __builtin_bswap64(blake2b16_first_word(__builtin_bswap64(right), __builtin_bswap64(key))) & mask;
}

void sdr_parents_range(const uint8_t drg_seed[28], const uint64_t feistel_keys[4], uint32_t nodes, bool api_v1_1, uint32_t* out,
                       size_t begin, size_t end, unsigned threads) {
  // feistel.rs `precompute`: the smallest half width ≥ 1 with 4^half_bits ≥ the domain
  const uint64_t domain = uint64_t{nodes} * EXP_DEGREE;
  unsigned half_bits = 1;
  while ((uint64_t{1} << (2 * half_bits)) < domain) ++half_bits;
  const uint64_t mask = (uint64_t{1} << half_bits) - 1;
  const size_t size = size_t{1} << half_bits;
  // F(R, key_i) for every round and right half (3 · 2^half_bits hashes: 49,152 for 512 MiB)
  std::vector<uint32_t> table(FEISTEL_ROUNDS * size);
  split_range(0, FEISTEL_ROUNDS * size, threads, [&](size_t b, size_t e) {
    for (size_t j = b; j < e; ++j)
      table[j] = static_cast<uint32_t>(sdr_feistel_round(j % size, feistel_keys[j / size], mask));
  });
  const uint32_t* t = table.data();
  split_range(begin, end, threads, [&](size_t b, size_t e) {
    for (size_t v = b; v < e; ++v) {
      uint32_t* p = out + DEGREE * (v - begin);
      base_parents(drg_seed, static_cast<uint32_t>(v), api_v1_1, p);
      // graph.rs `generate_expanded_parents`: permute(v·8 + i) / 8, cycle walking below the domain.
      // The 8 walks run in lockstep without branches (a finished walk keeps its value), so their
      // table reads overlap instead of waiting on each other and on mispredicted loop exits.
      const auto encode = [&](uint64_t u) {
        uint64_t left = (u >> half_bits) & mask, right = u & mask;
        for (unsigned r = 0; r < FEISTEL_ROUNDS; ++r) {
          const uint64_t l = right;
          right = left ^ t[r * size + right];
          left = l;
        }
        return left << half_bits | right;
      };
      uint64_t u[EXP_DEGREE];
      bool outside = false;
      for (unsigned i = 0; i < EXP_DEGREE; ++i) {
        u[i] = encode(uint64_t{v} * EXP_DEGREE + i);
        outside |= u[i] >= domain;
      }
      while (outside) {
        outside = false;
        for (unsigned i = 0; i < EXP_DEGREE; ++i) {
          const uint64_t next = encode(u[i]);
          u[i] = u[i] >= domain ? next : u[i];
          outside |= u[i] >= domain;
        }
      }
      for (unsigned i = 0; i < EXP_DEGREE; ++i) p[BASE_DEGREE + i] = static_cast<uint32_t>(u[i] / EXP_DEGREE);
    }
  });
}

}  // namespace filflow
