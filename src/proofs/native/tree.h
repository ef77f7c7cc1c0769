// Roots of full binary Merkle subtrees over 32-byte nodes
// (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
// with the leaves given as nodes or as a Fr32-unpadded payload
// (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
#pragma once
#include <cstddef>
#include <cstdint>

namespace filflow {

// Leaves per chunk: a chunk's padded leaves (2^12 × 32 B = 128 KiB) live in a reused per-thread
// buffer and are reduced level by level in place; chunk roots are then combined.
#ifndef FILFLOW_CHUNK_LOG2
#define FILFLOW_CHUNK_LOG2 12
#endif
constexpr unsigned CHUNK_LOG2 = FILFLOW_CHUNK_LOG2;
constexpr size_t CHUNK_LEAVES = size_t{1} << CHUNK_LOG2;

// The root of the subtree over `count` (a power of two ≥ 1) nodes: out (32 bytes) may alias leaves.
void subtree_root(const uint8_t* leaves, size_t count, uint8_t* out);

// `roots` subtrees of 2^levels nodes each, contiguous in `nodes`: out[32j, 32j + 32) = root j.
// out may equal nodes (then root j overwrites the start of subtree j, after it was read).
void reduce(const uint8_t* nodes, size_t roots, unsigned levels, uint8_t* out);

// The root of the tree over the Fr32 padding of `blocks` (a power of two ≥ 1) 127-byte blocks.
void fr32_subtree_root(const uint8_t* payload, size_t blocks, uint8_t* out);

// The same on `threads` threads (the caller's plus threads − 1 std::threads): the chunks, which
// are aligned subtrees, are handed out one by one, and their roots combined at the end.
void fr32_subtree_root_parallel(const uint8_t* payload, size_t blocks, unsigned threads, uint8_t* out);

}  // namespace filflow
