// The node hash with the x86 SHA extensions (SHA-NI), several independent nodes interleaved.
//
// Standard: FIPS 180-4 §6.2.2 (SHA-256 hash computation), §5.1.1 (padding); the instruction
// sequence (state kept as ABEF/CDGH, sha256msg1/msg2 for the schedule) follows Intel's
// "Intel SHA Extensions" white paper (2013). Node hash and mask:
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0.
//
// Each node is two compressions: compress(IV, l ‖ r), then compress(state, PAD) where PAD is the
// constant padding block whose K + W is precomputed (sha256_consts.h), so the second block has
// no message schedule at all. sha256rnds2 has a latency of several cycles and a throughput of
// about one per cycle, so LANES independent nodes are interleaved to keep the unit busy.
//
// This file is compiled with -msha -msse4.1; it runs only after a run-time check
// (__builtin_cpu_supports("sha") in sha256_dispatch.cc).
#include <immintrin.h>

#include "sha256.h"
#include "sha256_consts.h"

namespace filflow {
namespace {

// Nodes hashed together (compile-time knob). On the AMD EPYC here 2, 4 and 6 lanes measured
// 45, 41–43 and 40–45 ns per node, within noise: the SHA unit's throughput is the bound (README.md).
#ifndef FILFLOW_SHANI_LANES
#define FILFLOW_SHANI_LANES 4
#endif
constexpr int LANES = FILFLOW_SHANI_LANES;

// Per 32-bit word byte swap: SHA-256 words are big-endian (FIPS 180-4 §3.1).
inline __m128i bswap_mask() { return _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL); }

// The SHA-NI state layout of H: ABEF = {F, E, B, A} and CDGH = {H, G, D, C} (low lane first).
inline void to_abef_cdgh(const uint32_t h[8], __m128i& abef, __m128i& cdgh) {
  __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h)), 0xB1);
  __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 4)), 0x1B);
  abef = _mm_alignr_epi8(dcba, efgh, 8);
  cdgh = _mm_blend_epi16(efgh, dcba, 0xF0);
}

// Writes the digest (big-endian words A..H) with the last byte masked by 0x3f (trunc254).
inline void store_digest(__m128i abef, __m128i cdgh, uint8_t* out) {
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  const __m128i abcd = _mm_blend_epi16(feba, dchg, 0xF0);
  const __m128i efgh = _mm_alignr_epi8(dchg, feba, 8);
  // byte 31 of the digest is byte 15 of the second half: d[31] &= 0x3f (TRUNC254_MASK,
  // cited in sha256_consts.h)
  const __m128i trunc = _mm_set_epi8(TRUNC254_MASK, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_shuffle_epi8(abcd, bswap_mask()));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), _mm_and_si128(_mm_shuffle_epi8(efgh, bswap_mask()), trunc));
}

inline __m128i load_k(const uint32_t* k) { return _mm_load_si128(reinterpret_cast<const __m128i*>(k)); }
inline __m128i load_k2(const uint32_t* k) { return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(k)); }

// One compression in each of N independent lanes; lane j's block has its four 16-byte quarters
// at q[j][0..3]; m[j][k] holds W_{4k..4k+3} of the current window (§6.2.2 step 1); the state
// becomes H(i) = H(i-1) + working variables (§6.2.2 step 4). Interleaving lanes fills the SHA
// unit while one chain waits on its latency.
template <int N>
inline void compress_block(__m128i* abef, __m128i* cdgh, const uint8_t* const (*q)[4]) {
  const __m128i bswap = bswap_mask();
  __m128i m[N][4], abef0[N], cdgh0[N];
  for (int j = 0; j < N; ++j) {
    for (int k = 0; k < 4; ++k) m[j][k] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q[j][k])), bswap);
    abef0[j] = abef[j];
    cdgh0[j] = cdgh[j];
  }
#pragma GCC unroll 16
  for (int i = 0; i < 16; ++i) {  // rounds 4i .. 4i + 3 (§6.2.2 step 3)
    const __m128i k = load_k(SHA256_K + 4 * i);
    __m128i wk[N];
    for (int j = 0; j < N; ++j) {
      wk[j] = _mm_add_epi32(m[j][i & 3], k);  // K_t + W_t
      cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], wk[j]);
    }
    if (i >= 3 && i <= 14) {
      // W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}: msg1 did σ0 + W_{t-16}, add W_{t-7}, msg2 adds σ1
      for (int j = 0; j < N; ++j) {
        const __m128i w7 = _mm_alignr_epi8(m[j][i & 3], m[j][(i - 1) & 3], 4);
        m[j][(i + 1) & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(m[j][(i + 1) & 3], w7), m[j][i & 3]);
      }
    }
    for (int j = 0; j < N; ++j) abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], _mm_shuffle_epi32(wk[j], 0x0E));
    if (i >= 1 && i <= 12) {
      for (int j = 0; j < N; ++j) m[j][(i - 1) & 3] = _mm_sha256msg1_epu32(m[j][(i - 1) & 3], m[j][i & 3]);
    }
  }
  for (int j = 0; j < N; ++j) {
    abef[j] = _mm_add_epi32(abef[j], abef0[j]);
    cdgh[j] = _mm_add_epi32(cdgh[j], cdgh0[j]);
  }
}

// Hashes N nodes: in[64j, 64j + 64) → out[32j, 32j + 32) for j < N. All inputs are read before
// any output is written, so out may equal in.
template <int N>
inline void hash_lanes(const uint8_t* in, uint8_t* out) {
  __m128i iv_abef, iv_cdgh;
  to_abef_cdgh(SHA256_IV, iv_abef, iv_cdgh);

  // Block 1: the message, every lane from the IV; H(1) is kept for the final addition.
  __m128i abef[N], cdgh[N], h_abef[N], h_cdgh[N];
  const uint8_t* q[N][4];
  for (int j = 0; j < N; ++j) {
    for (int k = 0; k < 4; ++k) q[j][k] = in + 64 * j + 16 * k;
    abef[j] = iv_abef;
    cdgh[j] = iv_cdgh;
  }
  compress_block<N>(abef, cdgh, q);
  for (int j = 0; j < N; ++j) {
    h_abef[j] = abef[j];
    h_cdgh[j] = cdgh[j];
  }

  // Block 2: the constant padding block, K + W precomputed; two rounds per sha256rnds2.
  const uint32_t* kw = SHA256_KW_PAD.w;
#pragma GCC unroll 32
  for (int t = 0; t < 64; t += 4) {
    const __m128i k01 = load_k2(kw + t);
    const __m128i k23 = load_k2(kw + t + 2);
    for (int j = 0; j < N; ++j) cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], k01);
    for (int j = 0; j < N; ++j) abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], k23);
  }
  // H(2) = H(1) + working variables
  for (int j = 0; j < N; ++j) {
    store_digest(_mm_add_epi32(abef[j], h_abef[j]), _mm_add_epi32(cdgh[j], h_cdgh[j]), out + 32 * j);
  }
}

// The inverse of to_abef_cdgh: H_0..H_7 from the ABEF/CDGH registers.
inline void from_abef_cdgh(__m128i abef, __m128i cdgh, uint32_t h[8]) {
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 4), _mm_alignr_epi8(dchg, feba, 8));
}

}  // namespace

// One message, block after block: each compression depends on the previous one, so this runs at
// the SHA unit's latency, not its throughput (the labels of SDR are such chains).
void compress_shani(uint32_t state[8], const uint8_t* blocks, size_t n) {
  __m128i abef, cdgh;
  to_abef_cdgh(state, abef, cdgh);
  for (size_t b = 0; b < n; ++b) {
    const uint8_t* in = blocks + 64 * b;
    const uint8_t* const q[1][4] = {{in, in + 16, in + 32, in + 48}};
    compress_block<1>(&abef, &cdgh, q);
  }
  from_abef_cdgh(abef, cdgh, state);
}

void compress_halves_shani(uint32_t state[8], const uint8_t* const* halves, size_t n) {
  __m128i abef, cdgh;
  to_abef_cdgh(state, abef, cdgh);
  for (size_t b = 0; b < n; ++b) {
    const uint8_t* lo = halves[2 * b];
    const uint8_t* hi = halves[2 * b + 1];
    const uint8_t* const q[1][4] = {{lo, lo + 16, hi, hi + 16}};
    compress_block<1>(&abef, &cdgh, q);
  }
  from_abef_cdgh(abef, cdgh, state);
}

void compress_halves_and_one_shani(uint32_t state[8], const uint8_t* const* halves, size_t n, uint32_t other[8],
                                   const uint8_t* block) {
  __m128i abef[2], cdgh[2];
  to_abef_cdgh(state, abef[0], cdgh[0]);
  to_abef_cdgh(other, abef[1], cdgh[1]);
  const uint8_t* const q[2][4] = {{halves[0], halves[0] + 16, halves[1], halves[1] + 16}, {block, block + 16, block + 32, block + 48}};
  compress_block<2>(abef, cdgh, q);
  from_abef_cdgh(abef[1], cdgh[1], other);
  for (size_t b = 1; b < n; ++b) {
    const uint8_t* lo = halves[2 * b];
    const uint8_t* hi = halves[2 * b + 1];
    const uint8_t* const q1[1][4] = {{lo, lo + 16, hi, hi + 16}};
    compress_block<1>(abef, cdgh, q1);
  }
  from_abef_cdgh(abef[0], cdgh[0], state);
}

void hash_nodes_shani(const uint8_t* in, uint8_t* out, size_t n) {
  size_t i = 0;
  for (; i + LANES <= n; i += LANES) hash_lanes<LANES>(in + 64 * i, out + 32 * i);
  for (; i + 2 <= n; i += 2) hash_lanes<2>(in + 64 * i, out + 32 * i);
  for (; i < n; ++i) hash_lanes<1>(in + 64 * i, out + 32 * i);
}

}  // namespace filflow
