// SDR labelling of one whole layer, reading parents from the parent cache.
//
// filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/create_label/single.rs
// @ storage-proofs-porep-v19.1.0 (`create_label`, `create_label_exp`) and
// storage-proofs-porep/src/stacked/vanilla/graph.rs @ the same tag (`copy_parents_data_inner`,
// `copy_parents_data_inner_exp`). The label of node v in layer ℓ is
//
//   sha256(replica_id ‖ u32be(ℓ) ‖ u64be(v) ‖ 0^20 ‖ P) with the last byte masked by 0x3f,
//
// P empty for v = 0, else 37 parent labels: in layer 1 the 6 base parents six times then base
// parent 0; in later layers the 6 base then 8 expander parents (14), again 14, then parents
// 0..7, then parent 8. Base parents are read from the layer being built, expander parents from
// the previous layer. The message is 64 + 37·32 = 1248 bytes: 20 compressions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace filflow {

constexpr size_t SDR_DEGREE = 14;      // parents per node in the cache (6 base + 8 expander)
constexpr size_t SDR_BASE_DEGREE = 6;  // drgraph.rs BASE_DEGREE

// Checks the parent-cache entries of nodes [begin, end) of a graph of `nodes` nodes (14 per node,
// node-major): every parent < nodes, and the base parents of every node v ≥ 1 below v (they are
// read from the layer being built). Returns "" or what is wrong.
std::string sdr_check_parents(const uint32_t* parents, size_t nodes, size_t begin, size_t end);

// Labels nodes [begin, end) of layer `layer` (1-based) into out (nodes × 32 bytes), whose nodes
// [0, begin) hold the labels already computed. `prev` is the previous layer (nodes × 32) for
// layer ≥ 2, unused for layer 1. The parents of [begin, end) must have passed sdr_check_parents.
void sdr_label_range(const uint8_t replica_id[32], uint32_t layer, const uint32_t* parents, const uint8_t* prev, uint8_t* out,
                     size_t begin, size_t end);

}  // namespace filflow
