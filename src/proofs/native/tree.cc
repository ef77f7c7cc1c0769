// Roots of full binary Merkle subtrees (leaves are the raw 32-byte nodes, parents are
// H(l, r) = trunc254(sha256(l ‖ r)):
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0),
// over nodes or over an Fr32-padded payload
// (filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0).
//
// Memory: leaves are processed in chunks of CHUNK_LEAVES that are padded (or first hashed) into a
// per-thread buffer allocated once and reused, then reduced level by level in place; touching
// fresh memory costs more here than hashing it. Chunk roots are combined on a small stack.
#include "tree.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#include "fr32.h"
#include "sha256.h"

namespace filflow {
namespace {

constexpr size_t NODE = 32;
constexpr size_t CHUNK_BLOCKS = CHUNK_LEAVES / 4;  // 4 nodes per Fr32 block

// This thread's chunk buffer (CHUNK_LEAVES nodes), allocated on first use.
uint8_t* scratch() {
  thread_local std::unique_ptr<uint8_t[]> buf(new uint8_t[CHUNK_LEAVES * NODE]);
  return buf.get();
}

// Halves the `count` nodes at buf in place until one is left at buf[0, 32).
void reduce_in_place(uint8_t* buf, size_t count) {
  for (; count > 1; count /= 2) hash_nodes(buf, buf, count / 2);
}

// Consecutive roots of equal-size aligned subtrees, combined like a binary counter: after
// 2^j pushes, the root of their 2^j-subtree tree is at the bottom. Entries are contiguous, so
// the two top entries are one 64-byte message.
class RootStack {
 public:
  void push(const uint8_t* root) {
    std::memcpy(nodes_[size_], root, NODE);
    level_[size_++] = 0;
    while (size_ >= 2 && level_[size_ - 2] == level_[size_ - 1]) {
      hash_nodes(nodes_[size_ - 2], nodes_[size_ - 2], 1);
      ++level_[size_ - 2];
      --size_;
    }
  }
  const uint8_t* root() const { return nodes_[0]; }

 private:
  uint8_t nodes_[65][NODE];
  unsigned level_[65];
  size_t size_ = 0;
};

// Root of the Fr32 subtree of `blocks` blocks (≤ CHUNK_BLOCKS) at buf[0, 32).
void fr32_chunk_root(const uint8_t* payload, size_t blocks, uint8_t* buf) {
  fr32_pad(payload, buf, blocks);
  reduce_in_place(buf, 4 * blocks);
}

}  // namespace

void subtree_root(const uint8_t* leaves, size_t count, uint8_t* out) {
  if (count == 1) {
    std::memmove(out, leaves, NODE);
    return;
  }
  uint8_t* buf = scratch();
  const size_t chunk = std::min(count, CHUNK_LEAVES);
  RootStack stack;
  for (size_t first = 0; first < count; first += chunk) {
    // level 1 straight from the caller's leaves into the buffer, then in place
    hash_nodes(leaves + NODE * first, buf, chunk / 2);
    reduce_in_place(buf, chunk / 2);
    stack.push(buf);
  }
  std::memcpy(out, stack.root(), NODE);
}

void reduce(const uint8_t* nodes, size_t roots, unsigned levels, uint8_t* out) {
  if (levels == 0) {
    std::memmove(out, nodes, NODE * roots);
    return;
  }
  const size_t per = size_t{1} << levels;
  if (per > CHUNK_LEAVES) {
    for (size_t j = 0; j < roots; ++j) subtree_root(nodes + NODE * per * j, per, out + NODE * j);
    return;
  }
  // Several small subtrees per chunk: halving their concatenated levels halves each of them.
  uint8_t* buf = scratch();
  const size_t batch = CHUNK_LEAVES / per;
  for (size_t j = 0; j < roots; j += batch) {
    const size_t b = std::min(batch, roots - j);
    hash_nodes(nodes + NODE * per * j, buf, b * per / 2);
    for (size_t count = b * per / 2; count > b; count /= 2) hash_nodes(buf, buf, count / 2);
    // the roots of subtrees j … j + b − 1 end before subtree j + b starts: out may alias nodes
    std::memcpy(out + NODE * j, buf, NODE * b);
  }
}

void fr32_subtree_root(const uint8_t* payload, size_t blocks, uint8_t* out) {
  uint8_t* buf = scratch();
  if (blocks <= CHUNK_BLOCKS) {
    fr32_chunk_root(payload, blocks, buf);
    std::memcpy(out, buf, NODE);
    return;
  }
  RootStack stack;
  for (size_t b = 0; b < blocks; b += CHUNK_BLOCKS) {
    fr32_chunk_root(payload + FR32_UNPADDED_BLOCK * b, CHUNK_BLOCKS, buf);
    stack.push(buf);
  }
  std::memcpy(out, stack.root(), NODE);
}

void fr32_subtree_root_parallel(const uint8_t* payload, size_t blocks, unsigned threads, uint8_t* out) {
  const size_t chunks = blocks / CHUNK_BLOCKS;
  if (threads <= 1 || chunks < 2) {
    fr32_subtree_root(payload, blocks, out);
    return;
  }
  // Each chunk is an aligned subtree; threads take the next one until none is left, so the
  // work splits evenly for any thread count and whatever the data (zeros hash as slowly).
  std::vector<uint8_t> roots(NODE * chunks);
  std::atomic<size_t> next{0};
  auto work = [&] {
    uint8_t* buf = scratch();
    for (size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      fr32_chunk_root(payload + FR32_UNPADDED_BLOCK * CHUNK_BLOCKS * c, CHUNK_BLOCKS, buf);
      std::memcpy(roots.data() + NODE * c, buf, NODE);
    }
  };
  std::vector<std::thread> pool;
  const size_t extra = std::min<size_t>(threads, chunks) - 1;
  pool.reserve(extra);
  for (size_t i = 0; i < extra; ++i) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads: the ones started (and this one) do all the chunks
    }
  }
  work();
  for (std::thread& t : pool) t.join();
  subtree_root(roots.data(), chunks, out);
}

}  // namespace filflow
