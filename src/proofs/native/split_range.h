// Splitting a range of independent work items over threads, shared by the parent cache
// (parents.cc) and the Poseidon trees and column hashes (poseidon.cc).
#pragma once

#include <algorithm>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace filflow {

// Runs body(b, e) over [begin, end) split into `threads` contiguous ranges, the caller's thread
// taking the first; falls back to fewer threads if std::thread cannot start one (the ranges not
// started then run on the caller's thread after the others are joined).
template <typename Body>
void split_range(size_t begin, size_t end, unsigned threads, Body body) {
  const size_t count = end - begin;
  threads = static_cast<unsigned>(std::min<size_t>(std::max(1u, threads), std::max<size_t>(1, count)));
  if (threads <= 1) {
    body(begin, end);
    return;
  }
  const size_t per = (count + threads - 1) / threads;
  std::vector<std::thread> pool;
  size_t started_to = begin + std::min(per, count);
  for (unsigned k = 1; k < threads; ++k) {
    const size_t b = begin + per * k, e = std::min(end, begin + per * (k + 1));
    if (b >= e) break;
    try {
      pool.emplace_back([=] { body(b, e); });
      started_to = e;
    } catch (const std::system_error&) {
      break;
    }
  }
  body(begin, begin + std::min(per, count));
  for (auto& th : pool) th.join();
  if (started_to < end) body(started_to, end);
}

}  // namespace filflow
