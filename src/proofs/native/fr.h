// The BLS12-381 scalar field Fr in Montgomery form: an element a is held as a·R mod r in four
// 64-bit limbs, least significant first, R = 2^256; products use unsigned __int128.
//
// r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 (the modulus as
// argumentcomputer/neptune src/round_constants.rs @ v11.0.0 states it; blstrs' `Scalar`).
// The canonical byte form is the 32-byte little-endian integer in [0, r) (blstrs `Scalar::to_repr`,
// `from_repr`; filecoin-project/rust-fil-proofs filecoin-hashers/src/poseidon.rs @
// filecoin-hashers-v14.1.0 nodes are those bytes).
//
// Multiplication is Montgomery's CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery
// multiplication algorithms", IEEE Micro 1996). Since r < 2^255, every intermediate t stays
// below 2r, so one conditional subtraction ends each operation.
#pragma once
#include <cstdint>
#include <cstring>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace filflow {

using u64 = uint64_t;
using u128 = unsigned __int128;

struct Fr {
  u64 l[4];
};

// The arithmetic is small and hot: always inlined (GCC otherwise keeps the assembly
// multiplication out of line, and a call per multiplication costs as much as half of it).
#define FR_INLINE inline __attribute__((always_inline))

// r, least significant limb first.
inline constexpr u64 FR_R[4] = {0xffffffff00000001ULL, 0x53bda402fffe5bfeULL, 0x3339d80809a1d805ULL, 0x73eda753299d7d48ULL};
// −r^−1 mod 2^64.
inline constexpr u64 FR_INV = 0xfffffffeffffffffULL;
// R^2 mod r (to enter Montgomery form: mont(a, R^2) = a·R).
inline constexpr Fr FR_R2 = {{0xc999e990f3f29c6dULL, 0x2b6cedcb87925c23ULL, 0x05d314967254398fULL, 0x0748d9d99f59ff11ULL}};
// 1 in Montgomery form: R mod r.
inline constexpr Fr FR_ONE = {{0x00000001fffffffeULL, 0x5884b7fa00034802ULL, 0x998c4fefecbc4ff5ULL, 0x1824b159acc5056fULL}};

// a ≥ r (a four-limb integer)? (For untrusted input; the arithmetic below has no branches.)
inline bool fr_geq_r(const u64 a[4]) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != FR_R[i]) return a[i] > FR_R[i];
  }
  return true;
}

// Carry-chain primitives: adc/sbb through the x86 intrinsics (GCC spills unsigned __int128
// additions to the stack; these compile to plain adc/sbb), portable C++ elsewhere.
FR_INLINE unsigned char addc(unsigned char carry, u64 a, u64 b, u64& out) {
#if defined(__x86_64__)
  unsigned long long o;
  carry = _addcarry_u64(carry, a, b, &o);
  out = o;
  return carry;
#else
  const u128 s = static_cast<u128>(a) + b + carry;
  out = static_cast<u64>(s);
  return static_cast<unsigned char>(s >> 64);
#endif
}

FR_INLINE unsigned char subb(unsigned char borrow, u64 a, u64 b, u64& out) {
#if defined(__x86_64__)
  unsigned long long o;
  borrow = _subborrow_u64(borrow, a, b, &o);
  out = o;
  return borrow;
#else
  const u128 d = static_cast<u128>(a) - b - borrow;
  out = static_cast<u64>(d);
  return static_cast<unsigned char>((d >> 64) & 1);
#endif
}

// (hi, lo) = a · b.
FR_INLINE void mulw(u64 a, u64 b, u64& lo, u64& hi) {
  const u128 p = static_cast<u128>(a) * b;
  lo = static_cast<u64>(p);
  hi = static_cast<u64>(p >> 64);
}

// c = t − r if t ≥ r, else t (t < 2r).
FR_INLINE void fr_reduce_once(u64 c[4], u64 t0, u64 t1, u64 t2, u64 t3) {
  u64 d0, d1, d2, d3;
  unsigned char b = subb(0, t0, FR_R[0], d0);
  b = subb(b, t1, FR_R[1], d1);
  b = subb(b, t2, FR_R[2], d2);
  b = subb(b, t3, FR_R[3], d3);
  c[0] = b ? t0 : d0;
  c[1] = b ? t1 : d1;
  c[2] = b ? t2 : d2;
  c[3] = b ? t3 : d3;
}

// c = a + b mod r (a + b < 2r < 2^256: no carry out of the top limb).
FR_INLINE void fr_add(Fr& c, const Fr& a, const Fr& b) {
  u64 s0, s1, s2, s3;
  unsigned char k = addc(0, a.l[0], b.l[0], s0);
  k = addc(k, a.l[1], b.l[1], s1);
  k = addc(k, a.l[2], b.l[2], s2);
  addc(k, a.l[3], b.l[3], s3);
  fr_reduce_once(c.l, s0, s1, s2, s3);
}

// c = a − b mod r.
FR_INLINE void fr_sub(Fr& c, const Fr& a, const Fr& b) {
  u64 d0, d1, d2, d3;
  unsigned char k = subb(0, a.l[0], b.l[0], d0);
  k = subb(k, a.l[1], b.l[1], d1);
  k = subb(k, a.l[2], b.l[2], d2);
  k = subb(k, a.l[3], b.l[3], d3);
  const u64 mask = 0 - static_cast<u64>(k);  // add r back if it borrowed
  k = addc(0, d0, FR_R[0] & mask, c.l[0]);
  k = addc(k, d1, FR_R[1] & mask, c.l[1]);
  k = addc(k, d2, FR_R[2] & mask, c.l[2]);
  addc(k, d3, FR_R[3] & mask, c.l[3]);
}

// c = a · b · R^−1 mod r (inputs in [0, r), output in [0, r)); c may alias a or b. CIOS: for each
// limb b_i, t += a · b_i, then with m = t_0 · (−r^−1) mod 2^64, t = (t + m · r) / 2^64.
FR_INLINE void fr_mul(Fr& c, const Fr& a, const Fr& b) {
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    const u64 bi = b.l[i];
    u64 l0, h0, l1, h1, l2, h2, l3, h3;
    mulw(a.l[0], bi, l0, h0);
    mulw(a.l[1], bi, l1, h1);
    mulw(a.l[2], bi, l2, h2);
    mulw(a.l[3], bi, l3, h3);
    u64 r0, r1, r2, r3, r4;
    unsigned char k = addc(0, t0, l0, r0);
    k = addc(k, t1, l1, r1);
    k = addc(k, t2, l2, r2);
    k = addc(k, t3, l3, r3);
    r4 = k;
    k = addc(0, r1, h0, r1);
    k = addc(k, r2, h1, r2);
    k = addc(k, r3, h2, r3);
    addc(k, r4, h3, r4);
    const u64 m = r0 * FR_INV;
    mulw(m, FR_R[0], l0, h0);
    mulw(m, FR_R[1], l1, h1);
    mulw(m, FR_R[2], l2, h2);
    mulw(m, FR_R[3], l3, h3);
    u64 zero;
    k = addc(0, r0, l0, zero);  // zero by the choice of m; only its carry matters
    k = addc(k, r1, l1, r1);
    k = addc(k, r2, l2, r2);
    k = addc(k, r3, l3, r3);
    addc(k, r4, 0, r4);
    k = addc(0, r1, h0, t0);
    k = addc(k, r2, h1, t1);
    k = addc(k, r3, h2, t2);
    addc(k, r4, h3, t3);
  }
  fr_reduce_once(c.l, t0, t1, t2, t3);
}

#if defined(__x86_64__)
// fr_mul with MULX (BMI2) and two carry chains, ADCX on CF and ADOX on OF (ADX), in inline
// assembly: the same CIOS steps as fr_mul. Callers must check the CPU has both
// (fr_have_adx); the assembler needs no compiler flag for them.
FR_INLINE void fr_mul_adx(Fr& c, const Fr& a, const Fr& b) {
  // The four CIOS iterations unrolled in one block; the registers of t rotate by one limb per
  // iteration (t ← t / 2^64) instead of being moved. Per iteration: rdx = b_i; t += a · b_i
  // (ADOX adds the low words, ADCX the high words); rdx = m = t_0 · (−r^−1); t += m · r.
  u64 t0, t1, t2, t3, t4, lo, hi, z;
  asm(
      "xorl %k[z], %k[z]\n\t"
      "xorl %k[t0], %k[t0]\n\t"
      "xorl %k[t1], %k[t1]\n\t"
      "xorl %k[t2], %k[t2]\n\t"
      "xorl %k[t3], %k[t3]\n\t"
      "movq 0(%[b]), %%rdx\n\t"
      "xorl %k[t4], %k[t4]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 24(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "adoxq %[z], %[t4]\n\t"
      "movq %[t0], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "mulxq 8(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "mulxq 16(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 24(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "adoxq %[z], %[t4]\n\t"
      "movq 8(%[b]), %%rdx\n\t"
      "xorl %k[t0], %k[t0]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 24(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "adoxq %[z], %[t0]\n\t"
      "movq %[t1], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "mulxq 8(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 16(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 24(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "adoxq %[z], %[t0]\n\t"
      "movq 16(%[b]), %%rdx\n\t"
      "xorl %k[t1], %k[t1]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "mulxq 24(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "adoxq %[z], %[t1]\n\t"
      "movq %[t2], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t2]\n\t"
      "adcxq %[hi], %[t3]\n\t"
      "mulxq 8(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 16(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "mulxq 24(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "adoxq %[z], %[t1]\n\t"
      "movq 24(%[b]), %%rdx\n\t"
      "xorl %k[t2], %k[t2]\n\t"
      "mulxq 0(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 8(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "mulxq 24(%[a]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "adoxq %[z], %[t2]\n\t"
      "movq %[t3], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorl %k[z], %k[z]\n\t"
      "mulxq 0(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t3]\n\t"
      "adcxq %[hi], %[t4]\n\t"
      "mulxq 8(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t4]\n\t"
      "adcxq %[hi], %[t0]\n\t"
      "mulxq 16(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t0]\n\t"
      "adcxq %[hi], %[t1]\n\t"
      "mulxq 24(%[r]), %[lo], %[hi]\n\t"
      "adoxq %[lo], %[t1]\n\t"
      "adcxq %[hi], %[t2]\n\t"
      "adoxq %[z], %[t2]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4), [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
      : [a] "r"(a.l), [b] "r"(b.l), [r] "r"(FR_R), [inv] "m"(FR_INV)
      : "rdx", "cc", "memory");
  // after four rotations the low limbs are t4, t0, t1, t2 (t3 is free)
  fr_reduce_once(c.l, t4, t0, t1, t2);
}

// Whether this CPU has BMI2 and ADX (for fr_mul_adx).
inline bool fr_have_adx() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("adx");
}
#else
inline bool fr_have_adx() { return false; }
#endif

// The multiplication as a policy type for templates: plain C++ or the ADX assembly.
struct MulPortable {
  static FR_INLINE void mul(Fr& c, const Fr& a, const Fr& b) { fr_mul(c, a, b); }
};
#if defined(__x86_64__)
struct MulAdx {
  static FR_INLINE void mul(Fr& c, const Fr& a, const Fr& b) { fr_mul_adx(c, a, b); }
};
#endif

// c = a^5 (Poseidon's S-box, neptune src/lib.rs @ v11.0.0 `quintic_s_box`: x², x⁴, x⁴·x).
template <typename M>
inline void fr_pow5(Fr& c, const Fr& a) {
  Fr x2, x4;
  M::mul(x2, a, a);
  M::mul(x4, x2, x2);
  M::mul(c, x4, a);
}

// Reads a canonical 32-byte little-endian repr as it is (no Montgomery form); false if ≥ r.
inline bool fr_load_canonical(Fr& out, const uint8_t* bytes) {
  for (int i = 0; i < 4; ++i) {
    u64 w = 0;
    for (int k = 7; k >= 0; --k) w = (w << 8) | bytes[8 * i + k];
    out.l[i] = w;
  }
  return !fr_geq_r(out.l);
}

// Writes four limbs as 32 little-endian bytes.
inline void fr_store_canonical(uint8_t* bytes, const Fr& a) {
  for (int i = 0; i < 4; ++i) {
    for (int k = 0; k < 8; ++k) bytes[8 * i + k] = static_cast<uint8_t>(a.l[i] >> (8 * k));
  }
}

// Reads a canonical 32-byte little-endian repr into Montgomery form; false if its integer ≥ r.
inline bool fr_from_repr(Fr& out, const uint8_t* bytes) {
  Fr a;
  if (!fr_load_canonical(a, bytes)) return false;
  fr_mul(out, a, FR_R2);
  return true;
}

// Writes the canonical repr of a Montgomery-form element.
inline void fr_to_repr(uint8_t* bytes, const Fr& a) {
  static constexpr Fr one = {{1, 0, 0, 0}};
  Fr n;
  fr_mul(n, a, one);
  fr_store_canonical(bytes, n);
}

}  // namespace filflow
