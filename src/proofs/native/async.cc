// Promise-returning variants that run on the libuv thread pool (Napi::AsyncWorker), so that JS
// can keep one subtree per core in flight. Node hash: FIPS 180-4 SHA-256 with the trunc254 mask
// (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0);
// Fr32: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
//
// The input's Uint8Array is held by a persistent reference until the work is done, so it is not
// collected; the caller must not detach (transfer) its ArrayBuffer or write to it meanwhile.
#include <cstring>

#include "args.h"
#include "tree.h"

namespace filflow {
namespace {

class RootWorker : public Napi::AsyncWorker {
 public:
  enum class Kind { Leaves, Fr32 };

  RootWorker(Napi::Env env, Kind kind, Napi::Uint8Array input, const Bytes& bytes, size_t count)
      : Napi::AsyncWorker(env, kind == Kind::Fr32 ? "filflow:fr32SubtreeRoot" : "filflow:subtreeRoot"),
        deferred_(Napi::Promise::Deferred::New(env)),
        input_(Napi::Persistent(input)),
        kind_(kind),
        bytes_(bytes),
        count_(count) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  // On a thread-pool thread: no JS access here.
  void Execute() override {
    if (kind_ == Kind::Fr32)
      fr32_subtree_root(bytes_.data, count_, root_);
    else
      subtree_root(bytes_.data, count_, root_);
  }

  void OnOK() override {
    Napi::Uint8Array a = Napi::Uint8Array::New(Env(), 32);
    std::memcpy(a.Data(), root_, 32);
    deferred_.Resolve(a);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::Reference<Napi::Uint8Array> input_;
  Kind kind_;
  Bytes bytes_;
  size_t count_;
  uint8_t root_[32] = {};
};

Napi::Value queue(Napi::Env env, RootWorker::Kind kind, Napi::Uint8Array input, const Bytes& bytes, size_t count) {
  auto* worker = new RootWorker(env, kind, input, bytes, count);  // deleted by N-API after OnOK/OnError
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
  return queue(info.Env(), RootWorker::Kind::Leaves, info[0].As<Napi::Uint8Array>(), leaves, count);
}

// fr32SubtreeRootAsync(payload: Uint8Array /* 127 · 2^k */): Promise<Uint8Array>
Napi::Value Fr32SubtreeRootAsync(const Napi::CallbackInfo& info) {
  Bytes payload;
  size_t blocks;
  if (!get_bytes(info, 0, "fr32SubtreeRootAsync", "payload", payload) ||
      !check_fr32_payload(info.Env(), "fr32SubtreeRootAsync", payload, blocks))
    return {};
  return queue(info.Env(), RootWorker::Kind::Fr32, info[0].As<Napi::Uint8Array>(), payload, blocks);
}

}  // namespace filflow
