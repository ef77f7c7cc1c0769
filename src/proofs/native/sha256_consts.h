// SHA-256 constants and the precomputed schedule of the padding block of a 64-byte message.
//
// Standard: FIPS 180-4, Secure Hash Standard, §4.1.2 (functions), §4.2.2 (K), §5.1.1 (padding),
// §5.3.3 (H(0)), §6.2.2 (hash computation).
// https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf
//
// A Merkle node hash is sha256(l ‖ r) over exactly 64 bytes
// (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
// so its padded message is always two blocks: the message itself, then the constant block
// 0x80 ‖ 0^55 ‖ uint64be(512). That second block's schedule W_0..W_63 never changes; it is
// expanded once here, at compile time, and pre-added to K (kw2[t] = K_t + W_t mod 2^32).
#pragma once
#include <cstdint>

namespace filflow {

// K_0..K_63 (FIPS 180-4 §4.2.2): the first 32 bits of the fractional parts of the cube roots of
// the first 64 primes (2 … 311).
alignas(64) inline constexpr uint32_t SHA256_K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// H(0) (FIPS 180-4 §5.3.3): the first 32 bits of the fractional parts of the square roots of the
// first 8 primes (2 … 19).
alignas(32) inline constexpr uint32_t SHA256_IV[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// ROTR^n(x) (FIPS 180-4 §3.2).
constexpr uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
// σ0(x) = ROTR^7(x) ⊕ ROTR^18(x) ⊕ SHR^3(x) (FIPS 180-4 §4.1.2, (4.6)).
constexpr uint32_t small_sigma0(uint32_t x) { return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3); }
// σ1(x) = ROTR^17(x) ⊕ ROTR^19(x) ⊕ SHR^10(x) (FIPS 180-4 §4.1.2, (4.7)).
constexpr uint32_t small_sigma1(uint32_t x) { return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10); }

struct Schedule {
  alignas(64) uint32_t w[64];
};

// The padding block of a 64-byte message (FIPS 180-4 §5.1.1): a 1 bit, 447 zero bits, then the
// length ℓ = 512 as a 64-bit big-endian integer: W_0 = 0x80000000, W_1..W_14 = 0, W_15 = 512.
// Returns K_t + W_t for t = 0..63 with W expanded per §6.2.2 step 1:
//   W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}   (16 ≤ t ≤ 63)
constexpr Schedule pad_block_kw() {
  Schedule w{};
  w.w[0] = 0x80000000u;
  w.w[15] = 512u;
  for (int t = 16; t < 64; ++t)
    w.w[t] = small_sigma1(w.w[t - 2]) + w.w[t - 7] + small_sigma0(w.w[t - 15]) + w.w[t - 16];
  for (int t = 0; t < 64; ++t) w.w[t] += SHA256_K[t];
  return w;
}

// K_t + W_t of the padding block (computed at compile time).
inline constexpr Schedule SHA256_KW_PAD = pad_block_kw();

// The node hash keeps 254 bits: the last digest byte is masked with 0x3f, clearing the two
// most-significant bits of the little-endian field element ("sha2-256-trunc254-padded",
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 `trim_to_fr32`).
inline constexpr uint8_t TRUNC254_MASK = 0x3f;

}  // namespace filflow
