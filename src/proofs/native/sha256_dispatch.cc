// Run-time choice of the node-hash implementation: SHA-NI when the CPU has it
// (__builtin_cpu_supports("sha")), else OpenSSL's SHA-256 from the node binary, else plain C++.
//
// Standard: FIPS 180-4 (SHA-256);
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0 (node hash).
#include <atomic>
#include <cstring>

#include "sha256.h"

namespace filflow {
namespace {

bool cpu_has_sha_ni() {
#if defined(FILFLOW_HAVE_SHANI)
  __builtin_cpu_init();
  return __builtin_cpu_supports("sha");
#else
  return false;
#endif
}

HashNodesFn fn_of(ShaPath path) {
  switch (path) {
#if defined(FILFLOW_HAVE_SHANI)
    case ShaPath::ShaNi:
      return hash_nodes_shani;
#else
    case ShaPath::ShaNi:
      return nullptr;
#endif
    case ShaPath::OpenSsl:
      return hash_nodes_openssl;
    case ShaPath::Portable:
      return hash_nodes_portable;
  }
  return nullptr;
}

CompressFn compress_of(ShaPath path) {
  switch (path) {
#if defined(FILFLOW_HAVE_SHANI)
    case ShaPath::ShaNi:
      return compress_shani;
#else
    case ShaPath::ShaNi:
      return nullptr;
#endif
    case ShaPath::OpenSsl:
      return compress_openssl;
    case ShaPath::Portable:
      return compress_portable;
  }
  return nullptr;
}

ShaPath best_path() {
  if (cpu_has_sha_ni()) return ShaPath::ShaNi;
  if (openssl_available()) return ShaPath::OpenSsl;
  return ShaPath::Portable;
}

std::atomic<ShaPath>& current() {
  static std::atomic<ShaPath> path{best_path()};
  return path;
}

}  // namespace

const char* sha_path_name(ShaPath path) {
  switch (path) {
    case ShaPath::ShaNi:
      return "sha-ni";
    case ShaPath::OpenSsl:
      return "openssl";
    case ShaPath::Portable:
      return "portable";
  }
  return "unknown";
}

bool sha_path_available(ShaPath path) {
  switch (path) {
    case ShaPath::ShaNi:
      return cpu_has_sha_ni();
    case ShaPath::OpenSsl:
      return openssl_available();
    case ShaPath::Portable:
      return true;
  }
  return false;
}

ShaPath sha_path() { return current().load(std::memory_order_relaxed); }

bool set_sha_path(ShaPath path) {
  if (!sha_path_available(path)) return false;
  current().store(path, std::memory_order_relaxed);
  return true;
}

void reset_sha_path() { current().store(best_path(), std::memory_order_relaxed); }

void hash_nodes(const uint8_t* in, uint8_t* out, size_t n) {
  if (n != 0) fn_of(sha_path())(in, out, n);
}

CompressFn compress_fn() { return compress_of(sha_path()); }

void compress_halves_gather(uint32_t state[8], const uint8_t* const* halves, size_t n) {
  const CompressFn compress = compress_fn();
  alignas(64) uint8_t block[64];
  for (size_t b = 0; b < n; ++b) {
    std::memcpy(block, halves[2 * b], 32);
    std::memcpy(block + 32, halves[2 * b + 1], 32);
    compress(state, block, 1);
  }
}

void compress_halves_and_one_serial(uint32_t state[8], const uint8_t* const* halves, size_t n, uint32_t other[8], const uint8_t* block) {
  compress_halves_gather(state, halves, n);
  compress_fn()(other, block, 1);
}

CompressHalvesAndOneFn compress_halves_and_one_fn() {
#if defined(FILFLOW_HAVE_SHANI)
  if (sha_path() == ShaPath::ShaNi) return compress_halves_and_one_shani;
#endif
  return compress_halves_and_one_serial;
}

CompressHalvesFn compress_halves_fn() {
#if defined(FILFLOW_HAVE_SHANI)
  if (sha_path() == ShaPath::ShaNi) return compress_halves_shani;
#endif
  return compress_halves_gather;
}

}  // namespace filflow
