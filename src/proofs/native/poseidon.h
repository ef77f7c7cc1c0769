// Poseidon over BLS12-381 Fr as Filecoin hashes Merkle nodes and columns: neptune's
// `Strength::Standard`, `HashType::MerkleTree` instance of arity A (width t = A + 1, state
// [domain tag, x_1 … x_A], output element 1), computed in the "optimised" form neptune hashes with
// (argumentcomputer/neptune src/poseidon.rs, src/preprocessing.rs, src/mds.rs @ v11.0.0:
// partial-round constants moved to element 0, sparse matrices in the partial rounds). The
// constants of that form are derived in TypeScript from the plain ones (poseidonPrepare.ts) and
// handed over once per arity; tests check the outputs against the plain TypeScript permutation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fr.h"

namespace filflow {

constexpr int POSEIDON_MAX_ARITY = 36;

// The prepared constants of one arity, in Montgomery form.
struct PoseidonConsts {
  int arity = 0;
  int width = 0;
  int full_rounds = 0;     // R_F (half before, half after the partial rounds)
  int partial_rounds = 0;  // R_P
  Fr domain_tag{};
  std::vector<Fr> mds;       // t × t, row i column j: y_j = Σ_i x_i · M[i][j]
  std::vector<Fr> pre_rc;    // (R_F / 2) × t: the first full rounds' constants
  std::vector<Fr> partial_rc;  // R_P: the constant added to element 0 in each partial round
  std::vector<Fr> pre_sparse;  // t × t: the dense matrix of partial round 0
  std::vector<Fr> sparse;      // (R_P − 1) × (2t − 1): per later partial round [m00, v_1..v_A, w_1..w_A]
  std::vector<Fr> post_rc;     // (R_F / 2) × t: the last full rounds' constants
};

// Number of canonical 32-byte elements the prepared form of (width t, R_F, R_P) takes, in the
// order: domain tag, mds, pre_rc, partial_rc, pre_sparse, sparse, post_rc.
size_t poseidon_prepared_elements(int width, int full_rounds, int partial_rounds);

// Registers the constants of `arity` from `bytes` (that many elements × 32 bytes). Once set, an
// arity's constants never change: a second call with the same bytes is a no-op, with other bytes
// an error. Returns an empty string on success, else what was wrong.
std::string poseidon_register(int arity, int full_rounds, int partial_rounds, const uint8_t* bytes, size_t length);

// The registered constants of `arity`, or nullptr.
const PoseidonConsts* poseidon_consts(int arity);

// The field multiplication Poseidon uses: "adx" (MULX/ADCX/ADOX assembly, when the CPU has
// BMI2 and ADX) or "portable" (plain C++); chosen at load, switchable for tests and benchmarks.
const char* poseidon_mul_path();
// Selects "adx", "portable" or "auto" (the best); false if "adx" cannot run here or unknown.
bool poseidon_set_mul_path(const std::string& path);

// Poseidon of `arity` elements (Montgomery form) → out (Montgomery form).
void poseidon_hash(const PoseidonConsts& c, const Fr* inputs, Fr& out);

// n hashes: inputs[arity·i …] → out[i], several side by side.
void poseidon_hash_many(const PoseidonConsts& c, const Fr* inputs, Fr* out, size_t n);

// The same over canonical 32-byte reprs, `count` consecutive groups of `arity` nodes from `in`
// into `out` (32 bytes each). Returns the index of the first non-canonical input node, or −1.
// out must not overlap in.
long long poseidon_hash_nodes(const PoseidonConsts& c, const uint8_t* in, uint8_t* out, size_t count);

// The same on `threads` threads (split into contiguous ranges of groups).
long long poseidon_hash_nodes_parallel(const PoseidonConsts& c, const uint8_t* in, uint8_t* out, size_t count, unsigned threads);

// Column hashes: out[j] = Poseidon_A(layers[0][j], …, layers[A−1][j]) for j < nodes, where
// layer i is at `layers[i]` (A = c.arity pointers). Returns the first non-canonical label as
// j · A + i (node j, layer i + 1), or −1.
long long poseidon_columns(const PoseidonConsts& c, const uint8_t* const* layers, size_t nodes, uint8_t* out, unsigned threads);

}  // namespace filflow
