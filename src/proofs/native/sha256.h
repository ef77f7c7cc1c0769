// The node hash H(l, r) = trunc254(sha256(l ‖ r)) over many 64-byte messages, with three
// interchangeable implementations and a run-time choice between them.
//
// Standard: FIPS 180-4 (SHA-256);
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0
// (node hash, the 0x3f mask of the last byte).
#pragma once
#include <cstddef>
#include <cstdint>

namespace filflow {

// out[32i, 32i + 32) = trunc254(sha256(in[64i, 64i + 64))) for i < n. `out` may equal `in`
// (in-place halving of a tree level) or start before it; it must not start inside it.
using HashNodesFn = void (*)(const uint8_t* in, uint8_t* out, size_t n);

// SHA-NI (x86 SHA extensions), several nodes interleaved: sha256_shani.cc (built with -msha).
void hash_nodes_shani(const uint8_t* in, uint8_t* out, size_t n);
// OpenSSL's SHA256_Init/SHA256_Transform, resolved from the node binary: sha256_openssl.cc.
bool openssl_available();
void hash_nodes_openssl(const uint8_t* in, uint8_t* out, size_t n);
// Plain C++ compression function: sha256_portable.cc.
void hash_nodes_portable(const uint8_t* in, uint8_t* out, size_t n);

// The SHA-256 compression function over n consecutive 64-byte blocks: state (H_0..H_7, as FIPS
// 180-4 words) is updated in place, block after block (§6.2.2). The SDR labels (labels.cc)
// hash their padded messages with it.
using CompressFn = void (*)(uint32_t state[8], const uint8_t* blocks, size_t n);
void compress_shani(uint32_t state[8], const uint8_t* blocks, size_t n);
void compress_openssl(uint32_t state[8], const uint8_t* blocks, size_t n);
void compress_portable(uint32_t state[8], const uint8_t* blocks, size_t n);

// The same over blocks given as halves: block b is halves[2b] (32 bytes) ‖ halves[2b + 1] (32
// bytes), read in place (the SDR labels hash parent labels scattered over a layer).
using CompressHalvesFn = void (*)(uint32_t state[8], const uint8_t* const* halves, size_t n);
void compress_halves_shani(uint32_t state[8], const uint8_t* const* halves, size_t n);
// compress_halves on `state` (n ≥ 1 blocks) and, interleaved with its first block, one
// compression of the independent `other` state over `block` (64 bytes): the SDR labels compute
// the next node's first block this way, off the critical path.
using CompressHalvesAndOneFn = void (*)(uint32_t state[8], const uint8_t* const* halves, size_t n, uint32_t other[8], const uint8_t* block);
void compress_halves_and_one_shani(uint32_t state[8], const uint8_t* const* halves, size_t n, uint32_t other[8], const uint8_t* block);
void compress_halves_and_one_serial(uint32_t state[8], const uint8_t* const* halves, size_t n, uint32_t other[8], const uint8_t* block);
// Any path: gathers each block into a buffer and calls that path's compression function.
void compress_halves_gather(uint32_t state[8], const uint8_t* const* halves, size_t n);

enum class ShaPath { ShaNi, OpenSsl, Portable };

// "sha-ni", "openssl" or "portable".
const char* sha_path_name(ShaPath path);
// Whether `path` can run here (SHA-NI needs the CPU flag, OpenSSL needs the node binary's symbols).
bool sha_path_available(ShaPath path);
// The path in use: SHA-NI when the CPU has it, else OpenSSL, else portable.
ShaPath sha_path();
// Selects `path` for every later call (all threads); false if it cannot run here.
bool set_sha_path(ShaPath path);
// Resets the choice to the best available path.
void reset_sha_path();

// Hashes with the selected implementation.
void hash_nodes(const uint8_t* in, uint8_t* out, size_t n);

// The compression function of the selected implementation.
CompressFn compress_fn();
// Its halves form (SHA-NI reads the halves in place; the others gather).
CompressHalvesFn compress_halves_fn();
// Its halves-and-one form (SHA-NI interleaves; the others run one after the other).
CompressHalvesAndOneFn compress_halves_and_one_fn();

}  // namespace filflow
