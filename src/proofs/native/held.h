// Memory that an async worker reads off the JS thread. A JS caller can detach (transfer) an
// ArrayBuffer at any time, and V8 then frees or moves its store, so a worker must never read a
// JS-owned store: it reads either a block the binding allocated itself (allocBuffer), kept alive
// by reference counting for as long as JS or any worker uses it, or a private copy made when the
// call starts.
#pragma once
#include <napi.h>

#include <cstdint>
#include <memory>

#include "args.h"

namespace filflow {

// Bytes a worker may read until it drops this object, whatever JS does meanwhile.
struct Held {
  std::shared_ptr<const uint8_t> owner;  // the allocBuffer block or the copy
  const uint8_t* data = nullptr;
  size_t length = 0;
};

// Takes hold of `bytes`: in place when they lie inside one allocBuffer block (no copy), else
// as a copy. Returns false, with a JS exception pending, if the copy cannot be allocated.
bool hold(Napi::Env env, const char* fn, const Bytes& bytes, Held& out);

// allocBuffer(length: number /* 0 … 2^32 */): Uint8Array over zeroed memory the binding owns.
Napi::Value AllocBuffer(const Napi::CallbackInfo& info);

}  // namespace filflow
