// The node hash as a plain C++ SHA-256 compression function (no CPU extensions, no OpenSSL).
//
// Standard: FIPS 180-4 §4.1.2 (Ch, Maj, Σ0, Σ1, σ0, σ1), §6.2.2 (hash computation); node hash and
// mask: filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0.
// The second (padding) block uses the precomputed K + W of
// sha256_consts.h, so it skips the message schedule.
#include "sha256.h"
#include "sha256_consts.h"

namespace filflow {
namespace {

// Ch(x, y, z) = (x ∧ y) ⊕ (¬x ∧ z)  (4.2)
inline uint32_t Ch(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (~x & z); }
// Maj(x, y, z) = (x ∧ y) ⊕ (x ∧ z) ⊕ (y ∧ z)  (4.3)
inline uint32_t Maj(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (x & z) ^ (y & z); }
// Σ0(x) = ROTR^2(x) ⊕ ROTR^13(x) ⊕ ROTR^22(x)  (4.4)
inline uint32_t Sigma0(uint32_t x) { return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22); }
// Σ1(x) = ROTR^6(x) ⊕ ROTR^11(x) ⊕ ROTR^25(x)  (4.5)
inline uint32_t Sigma1(uint32_t x) { return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25); }

// The 64 rounds of §6.2.2 step 3 over precomputed K_t + W_t; adds the result into H (step 4).
inline void rounds(uint32_t H[8], const uint32_t kw[64]) {
  uint32_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (int t = 0; t < 64; ++t) {
    // T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t;  T2 = Σ0(a) + Maj(a, b, c)
    const uint32_t T1 = h + Sigma1(e) + Ch(e, f, g) + kw[t];
    const uint32_t T2 = Sigma0(a) + Maj(a, b, c);
    h = g;
    g = f;
    f = e;
    e = d + T1;
    d = c;
    c = b;
    b = a;
    a = T1 + T2;
  }
  H[0] += a, H[1] += b, H[2] += c, H[3] += d, H[4] += e, H[5] += f, H[6] += g, H[7] += h;
}

inline void node_hash(const uint8_t* in, uint8_t* out) {
  // Block 1, step 1: W_t = M_t (big-endian words) for t < 16, then the σ recurrence.
  uint32_t W[64];
  for (int t = 0; t < 16; ++t) {
    const uint8_t* p = in + 4 * t;
    W[t] = uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
  }
  for (int t = 16; t < 64; ++t) W[t] = small_sigma1(W[t - 2]) + W[t - 7] + small_sigma0(W[t - 15]) + W[t - 16];
  for (int t = 0; t < 64; ++t) W[t] += SHA256_K[t];
  uint32_t H[8];
  for (int i = 0; i < 8; ++i) H[i] = SHA256_IV[i];
  rounds(H, W);
  // Block 2: the padding block (§5.1.1), schedule precomputed.
  rounds(H, SHA256_KW_PAD.w);
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<uint8_t>(H[i] >> 24);
    out[4 * i + 1] = static_cast<uint8_t>(H[i] >> 16);
    out[4 * i + 2] = static_cast<uint8_t>(H[i] >> 8);
    out[4 * i + 3] = static_cast<uint8_t>(H[i]);
  }
  out[31] &= TRUNC254_MASK;  // d[31] &= 0x3f (TRUNC254_MASK, cited in sha256_consts.h)
}

}  // namespace

void compress_portable(uint32_t state[8], const uint8_t* blocks, size_t n) {
  uint32_t W[64];
  for (size_t b = 0; b < n; ++b) {
    const uint8_t* in = blocks + 64 * b;
    for (int t = 0; t < 16; ++t) {
      const uint8_t* p = in + 4 * t;
      W[t] = uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
    }
    for (int t = 16; t < 64; ++t) W[t] = small_sigma1(W[t - 2]) + W[t - 7] + small_sigma0(W[t - 15]) + W[t - 16];
    for (int t = 0; t < 64; ++t) W[t] += SHA256_K[t];
    rounds(state, W);
  }
}

void hash_nodes_portable(const uint8_t* in, uint8_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) node_hash(in + 64 * i, out + 32 * i);
}

}  // namespace filflow
