// Poseidon (neptune v11.0.0, Strength::Standard, HashType::MerkleTree) in the optimised form:
//
//   R_F/2 full rounds:  s += c_r;  s_i = s_i^5 for all i;  s = s × M
//   partial round 0:    s_0 += a_0;  s_0 = s_0^5;  s = s × N_0          (dense)
//   partial round k>0:  s_0 += a_k;  s_0 = s_0^5;  s = s × S_k          (sparse: 2t − 1 products)
//   R_F/2 full rounds:  as the first, with c'_r
//   output s_1
//
// which equals the plain permutation (argumentcomputer/neptune src/poseidon_alt.rs @ v11.0.0
// `hash_correct`) for the constants poseidonPrepare.ts derives; see there for the algebra.
// State and constants are in Montgomery form (fr.h).
#include "poseidon.h"
#include "split_range.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

namespace filflow {
namespace {

constexpr int MAX_WIDTH = POSEIDON_MAX_ARITY + 1;
// Hashes computed side by side (see `dense`).
#ifndef FILFLOW_POSEIDON_LANES
#define FILFLOW_POSEIDON_LANES 2
#endif
constexpr size_t POSEIDON_LANES = FILFLOW_POSEIDON_LANES;

std::mutex registry_mutex;
std::atomic<const PoseidonConsts*> registry[POSEIDON_MAX_ARITY + 1];
// The bytes each arity was registered with (to accept an identical second registration).
std::vector<uint8_t> registered_bytes[POSEIDON_MAX_ARITY + 1];

// The loops below take the width as a template parameter W (W > 0: a compile-time constant, so
// they unroll; W = 0: the run-time width `tw`) and run L independent states ("lanes") side by
// side: each step is done for every lane before the next, so the CPU overlaps the lanes'
// multiplication chains (a single hash is one long dependency chain).

// y = x × M for a dense t × t matrix (row-vector product), in every lane.
template <int W, int L, typename M>
inline void dense(const Fr* m, int tw, Fr (*s)[MAX_WIDTH]) {
  const int t = W > 0 ? W : tw;
  Fr y[L][MAX_WIDTH];
  for (int j = 0; j < t; ++j) {
    for (int l = 0; l < L; ++l) M::mul(y[l][j], s[l][0], m[j]);
    for (int i = 1; i < t; ++i) {
      for (int l = 0; l < L; ++l) {
        Fr p;
        M::mul(p, s[l][i], m[i * t + j]);
        fr_add(y[l][j], y[l][j], p);
      }
    }
  }
  for (int l = 0; l < L; ++l) std::memcpy(s[l], y[l], sizeof(Fr) * t);
}

// y = x × S for S = [[m00, v], [w, I]]: y_0 = x_0·m00 + Σ x_i·w_i, y_j = x_0·v_j + x_j.
template <int W, int L, typename M>
inline void sparse(const Fr* sp, int tw, Fr (*s)[MAX_WIDTH]) {
  const int t = W > 0 ? W : tw;
  const Fr* v = sp + 1;
  const Fr* w = sp + t;
  Fr x0[L], y0[L];
  for (int l = 0; l < L; ++l) {
    x0[l] = s[l][0];
    M::mul(y0[l], x0[l], sp[0]);
  }
  for (int i = 1; i < t; ++i) {
    for (int l = 0; l < L; ++l) {
      Fr p;
      M::mul(p, s[l][i], w[i - 1]);
      fr_add(y0[l], y0[l], p);
    }
  }
  for (int j = 1; j < t; ++j) {
    for (int l = 0; l < L; ++l) {
      Fr p;
      M::mul(p, x0[l], v[j - 1]);
      fr_add(s[l][j], s[l][j], p);
    }
  }
  for (int l = 0; l < L; ++l) s[l][0] = y0[l];
}

template <int W, int L, typename M>
inline void full_round(const PoseidonConsts& c, const Fr* rc, Fr (*s)[MAX_WIDTH]) {
  const int t = W > 0 ? W : c.width;
  for (int i = 0; i < t; ++i) {
    for (int l = 0; l < L; ++l) {
      fr_add(s[l][i], s[l][i], rc[i]);
      fr_pow5<M>(s[l][i], s[l][i]);
    }
  }
  dense<W, L, M>(c.mds.data(), t, s);
}

}  // namespace

size_t poseidon_prepared_elements(int width, int full_rounds, int partial_rounds) {
  const size_t t = static_cast<size_t>(width);
  const size_t half = static_cast<size_t>(full_rounds / 2);
  const size_t p = static_cast<size_t>(partial_rounds);
  return 1 + t * t + half * t + p + t * t + (p - 1) * (2 * t - 1) + half * t;
}

std::string poseidon_register(int arity, int full_rounds, int partial_rounds, const uint8_t* bytes, size_t length) {
  if (arity < 1 || arity > POSEIDON_MAX_ARITY) return "arity must be in 1..36, got " + std::to_string(arity);
  if (full_rounds < 2 || full_rounds % 2 != 0 || full_rounds > 64) return "fullRounds must be even in 2..64";
  if (partial_rounds < 1 || partial_rounds > 256) return "partialRounds must be in 1..256";
  const int t = arity + 1;
  const size_t elements = poseidon_prepared_elements(t, full_rounds, partial_rounds);
  if (length != elements * 32) {
    return "constants must be " + std::to_string(elements) + " elements × 32 bytes, got " + std::to_string(length) + " bytes";
  }
  std::lock_guard<std::mutex> lock(registry_mutex);
  if (registry[arity].load() != nullptr) {
    const std::vector<uint8_t>& known = registered_bytes[arity];
    const bool same = known.size() == length && std::memcmp(known.data(), bytes, length) == 0 &&
                      registry[arity].load()->full_rounds == full_rounds && registry[arity].load()->partial_rounds == partial_rounds;
    return same ? "" : "arity " + std::to_string(arity) + " is already registered with other constants";
  }
  std::vector<Fr> all(elements);
  for (size_t i = 0; i < elements; ++i) {
    if (!fr_from_repr(all[i], bytes + 32 * i)) return "constant " + std::to_string(i) + " is not a canonical field element";
  }
  auto* c = new PoseidonConsts();  // lives as long as the process (at most 36 of them)
  c->arity = arity;
  c->width = t;
  c->full_rounds = full_rounds;
  c->partial_rounds = partial_rounds;
  const size_t tt = static_cast<size_t>(t);
  const size_t half = static_cast<size_t>(full_rounds / 2);
  const size_t p = static_cast<size_t>(partial_rounds);
  auto it = all.begin();
  auto take = [&it](std::vector<Fr>& into, size_t n) {
    into.assign(it, it + static_cast<long>(n));
    it += static_cast<long>(n);
  };
  c->domain_tag = *it++;
  take(c->mds, tt * tt);
  take(c->pre_rc, half * tt);
  take(c->partial_rc, p);
  take(c->pre_sparse, tt * tt);
  take(c->sparse, (p - 1) * (2 * tt - 1));
  take(c->post_rc, half * tt);
  registered_bytes[arity].assign(bytes, bytes + length);
  registry[arity].store(c);
  return "";
}

const PoseidonConsts* poseidon_consts(int arity) {
  return arity >= 1 && arity <= POSEIDON_MAX_ARITY ? registry[arity].load() : nullptr;
}

namespace {

// L hashes: inputs[l · arity …] → out[l].
template <int W, int L, typename M>
void hash_with_width(const PoseidonConsts& c, const Fr* inputs, Fr* out) {
  const int t = W > 0 ? W : c.width;
  const int half = c.full_rounds / 2;
  Fr s[L][MAX_WIDTH];
  for (int l = 0; l < L; ++l) {
    s[l][0] = c.domain_tag;
    std::memcpy(s[l] + 1, inputs + l * c.arity, sizeof(Fr) * c.arity);
  }
  for (int r = 0; r < half; ++r) full_round<W, L, M>(c, c.pre_rc.data() + r * t, s);
  for (int r = 0; r < c.partial_rounds; ++r) {
    for (int l = 0; l < L; ++l) {
      fr_add(s[l][0], s[l][0], c.partial_rc[r]);
      fr_pow5<M>(s[l][0], s[l][0]);
    }
    if (r == 0)
      dense<W, L, M>(c.pre_sparse.data(), t, s);
    else
      sparse<W, L, M>(c.sparse.data() + static_cast<size_t>(r - 1) * (2 * t - 1), t, s);
  }
  for (int r = 0; r < half; ++r) full_round<W, L, M>(c, c.post_rc.data() + r * t, s);
  for (int l = 0; l < L; ++l) out[l] = s[l][1];
}

// The widths Filecoin hashes with (arity 2, 4, 8, 11, 16) get their own unrolled code.
template <int L, typename M>
void hash_with(const PoseidonConsts& c, const Fr* inputs, Fr* out) {
  switch (c.width) {
    case 3:
      return hash_with_width<3, L, M>(c, inputs, out);
    case 5:
      return hash_with_width<5, L, M>(c, inputs, out);
    case 9:
      return hash_with_width<9, L, M>(c, inputs, out);
    case 12:
      return hash_with_width<12, L, M>(c, inputs, out);
    case 17:
      return hash_with_width<17, L, M>(c, inputs, out);
    default:
      return hash_with_width<0, L, M>(c, inputs, out);
  }
}

std::atomic<bool>& use_adx() {
  static std::atomic<bool> adx{fr_have_adx()};
  return adx;
}

}  // namespace

const char* poseidon_mul_path() { return use_adx().load(std::memory_order_relaxed) ? "adx" : "portable"; }

bool poseidon_set_mul_path(const std::string& path) {
  if (path == "auto") {
    use_adx().store(fr_have_adx());
    return true;
  }
  if (path == "portable") {
    use_adx().store(false);
    return true;
  }
  if (path == "adx" && fr_have_adx()) {
    use_adx().store(true);
    return true;
  }
  return false;
}

void poseidon_hash(const PoseidonConsts& c, const Fr* inputs, Fr& out) {
#if defined(__x86_64__)
  if (use_adx().load(std::memory_order_relaxed)) {
    hash_with<1, MulAdx>(c, inputs, &out);
    return;
  }
#endif
  hash_with<1, MulPortable>(c, inputs, &out);
}

void poseidon_hash_many(const PoseidonConsts& c, const Fr* inputs, Fr* out, size_t n) {
  const size_t a = static_cast<size_t>(c.arity);
  size_t i = 0;
#if defined(__x86_64__)
  if (use_adx().load(std::memory_order_relaxed)) {
    for (; i + POSEIDON_LANES <= n; i += POSEIDON_LANES) hash_with<POSEIDON_LANES, MulAdx>(c, inputs + a * i, out + i);
    for (; i < n; ++i) hash_with<1, MulAdx>(c, inputs + a * i, out + i);
    return;
  }
#endif
  for (; i + POSEIDON_LANES <= n; i += POSEIDON_LANES) hash_with<POSEIDON_LANES, MulPortable>(c, inputs + a * i, out + i);
  for (; i < n; ++i) hash_with<1, MulPortable>(c, inputs + a * i, out + i);
}

long long poseidon_hash_nodes(const PoseidonConsts& c, const uint8_t* in, uint8_t* out, size_t count) {
  const size_t a = static_cast<size_t>(c.arity);
  constexpr size_t BATCH = 16;
  Fr x[BATCH * POSEIDON_MAX_ARITY], h[BATCH];
  for (size_t g = 0; g < count; g += BATCH) {
    const size_t n = std::min(BATCH, count - g);
    const uint8_t* group = in + 32 * a * g;
    for (size_t i = 0; i < n * a; ++i) {
      if (!fr_from_repr(x[i], group + 32 * i)) return static_cast<long long>(g * a + i);
    }
    poseidon_hash_many(c, x, h, n);
    for (size_t k = 0; k < n; ++k) fr_to_repr(out + 32 * (g + k), h[k]);
  }
  return -1;
}

namespace {

long long min_bad(std::vector<long long>& bad) {
  long long best = -1;
  for (long long b : bad)
    if (b >= 0 && (best < 0 || b < best)) best = b;
  return best;
}

}  // namespace

long long poseidon_hash_nodes_parallel(const PoseidonConsts& c, const uint8_t* in, uint8_t* out, size_t count, unsigned threads) {
  std::mutex m;
  std::vector<long long> bad;
  const size_t a = static_cast<size_t>(c.arity);
  split_range(0, count, threads, [&](size_t b, size_t e) {
    const long long r = poseidon_hash_nodes(c, in + 32 * a * b, out + 32 * b, e - b);
    if (r >= 0) {
      std::lock_guard<std::mutex> lock(m);
      bad.push_back(r + static_cast<long long>(a * b));
    }
  });
  return min_bad(bad);
}

long long poseidon_columns(const PoseidonConsts& c, const uint8_t* const* layers, size_t nodes, uint8_t* out, unsigned threads) {
  std::mutex m;
  std::vector<long long> bad;
  const int a = c.arity;
  split_range(0, nodes, threads, [&](size_t b, size_t e) {
    constexpr size_t BATCH = 16;
    Fr x[BATCH * POSEIDON_MAX_ARITY], h[BATCH];
    for (size_t j = b; j < e; j += BATCH) {
      const size_t n = std::min(BATCH, e - j);
      for (size_t k = 0; k < n; ++k) {
        for (int i = 0; i < a; ++i) {
          if (!fr_from_repr(x[k * a + i], layers[i] + 32 * (j + k))) {
            std::lock_guard<std::mutex> lock(m);
            bad.push_back(static_cast<long long>((j + k) * static_cast<size_t>(a) + static_cast<size_t>(i)));
            return;
          }
        }
      }
      poseidon_hash_many(c, x, h, n);
      for (size_t k = 0; k < n; ++k) fr_to_repr(out + 32 * (j + k), h[k]);
    }
  });
  return min_bad(bad);
}

}  // namespace filflow
