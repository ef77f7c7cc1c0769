// The SDR parent cache: each node's 6 DRG base parents (BucketGraph, bucket sampling with ChaCha8)
// and 8 expander parents (Feistel permutation), the same entries as ../sdr/parentCache.ts.
//
// filecoin-project/rust-fil-proofs storage-proofs-core/src/drgraph.rs @ storage-proofs-core-v19.1.0
// (`BucketGraph::parents`, `derive_drg_seed`), storage-proofs-core/src/crypto/feistel.rs @ the same
// tag (`permute`, `encode`, `feistel`) and storage-proofs-porep/src/stacked/vanilla/graph.rs
// @ storage-proofs-porep-v19.1.0 (`generate_expanded_parents`, `parents`); ChaCha8 as rand_chacha
// 0.3 `ChaCha8Rng::from_seed` with rand 0.8 `gen::<u64>()` (low word first); BLAKE2b-512 (RFC 7693).
//
// Every node's parents depend only on the node (its ChaCha8 generator is seeded with the DRG seed
// and the node number; the Feistel permutation is a fixed function), so any node range can be
// computed on its own, and a range split over threads.
#pragma once
#include <cstddef>
#include <cstdint>

namespace filflow {

// The parents of nodes [begin, end) of a graph of `nodes` nodes (2 ≤ nodes ≤ 2^29), written to
// out[14·(v − begin) …] node-major (6 base, then 8 expander). `drg_seed`: the 28-byte DRG seed;
// `feistel_keys`: the 4 keys (only 0..2 used); `api_v1_1`: the predecessor first (1.1.0) or last
// (1.0.0). Split over `threads` threads (≥ 1).
void sdr_parents_range(const uint8_t drg_seed[28], const uint64_t feistel_keys[4], uint32_t nodes, bool api_v1_1, uint32_t* out,
                       size_t begin, size_t end, unsigned threads);

// The Feistel round function F(R, K) = first 8 bytes of BLAKE2b-512(R u64 BE ‖ K u64 BE), big-endian,
// masked (feistel.rs `feistel`). Exposed for tests through the parent cache only.
uint64_t sdr_feistel_round(uint64_t right, uint64_t key, uint64_t mask);

}  // namespace filflow
