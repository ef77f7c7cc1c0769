// Promise-returning variants that run on the libuv thread pool (Napi::AsyncWorker), so that JS
// can keep one subtree per core in flight. Node hash: FIPS 180-4 SHA-256 with the trunc254 mask
// (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0);
// Fr32: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
//
// The worker never reads the caller's ArrayBuffer store, which a detach (transfer) frees or moves
// at any time: it reads an allocBuffer block it keeps alive, or a copy made here (held.h). So
// the result is the root of the bytes at call time, whatever JS does meanwhile; only writes into
// an allocBuffer block during the call change what is read.
#include <cstring>
#include <utility>

#include "args.h"
#include "held.h"
#include "tree.h"

namespace filflow {
namespace {

class RootWorker : public Napi::AsyncWorker {
 public:
  enum class Kind { Leaves, Fr32 };

  RootWorker(Napi::Env env, Kind kind, Held input, size_t count)
      : Napi::AsyncWorker(env, kind == Kind::Fr32 ? "filflow:fr32SubtreeRoot" : "filflow:subtreeRoot"),
        deferred_(Napi::Promise::Deferred::New(env)),
        kind_(kind),
        input_(std::move(input)),
        count_(count) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  // On a thread-pool thread: no JS access here.
  void Execute() override {
    if (kind_ == Kind::Fr32)
      fr32_subtree_root(input_.data, count_, root_);
    else
      subtree_root(input_.data, count_, root_);
  }

  void OnOK() override {
    Napi::Uint8Array a = Napi::Uint8Array::New(Env(), 32);
    std::memcpy(a.Data(), root_, 32);
    deferred_.Resolve(a);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  Kind kind_;
  Held input_;
  size_t count_;
  uint8_t root_[32] = {};
};

Napi::Value queue(Napi::Env env, const char* fn, RootWorker::Kind kind, const Bytes& bytes, size_t count) {
  Held input;
  if (!hold(env, fn, bytes, input)) return {};
  auto* worker = new RootWorker(env, kind, std::move(input), count);  // deleted by N-API after OnOK/OnError
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace

// subtreeRootAsync(leaves: Uint8Array /* 32 · 2^k */): Promise<Uint8Array>
Napi::Value SubtreeRootAsync(const Napi::CallbackInfo& info) {
  Bytes leaves;
  size_t count;
  if (!get_bytes(info, 0, "subtreeRootAsync", "leaves", leaves) || !check_leaves(info.Env(), "subtreeRootAsync", leaves, count))
    return {};
  return queue(info.Env(), "subtreeRootAsync", RootWorker::Kind::Leaves, leaves, count);
}

// fr32SubtreeRootAsync(payload: Uint8Array /* 127 · 2^k */): Promise<Uint8Array>
Napi::Value Fr32SubtreeRootAsync(const Napi::CallbackInfo& info) {
  Bytes payload;
  size_t blocks;
  if (!get_bytes(info, 0, "fr32SubtreeRootAsync", "payload", payload) ||
      !check_fr32_payload(info.Env(), "fr32SubtreeRootAsync", payload, blocks))
    return {};
  return queue(info.Env(), "fr32SubtreeRootAsync", RootWorker::Kind::Fr32, payload, blocks);
}

}  // namespace filflow
