// Blocks the binding allocates for JS (allocBuffer) and the async workers' hold on their input
// (see held.h). A block is registered by address while JS can reach it; the external
// ArrayBuffer's finalizer, which Node runs when the store itself is released (after a transfer,
// when the receiving buffer is collected), only unregisters it, so a worker holding the block
// keeps it alive until it finishes.
#include "held.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace filflow {
namespace {

struct Entry {
  size_t length;
  std::shared_ptr<const uint8_t> block;
};

// Live allocBuffer blocks by start address. Every Node thread (worker_threads) loading the
// addon shares it, hence the lock.
std::mutex registry_lock;
std::map<uintptr_t, Entry> registry;

std::shared_ptr<const uint8_t> find_block(const uint8_t* data, size_t length) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(data);
  std::lock_guard<std::mutex> guard(registry_lock);
  auto it = registry.upper_bound(p);
  if (it == registry.begin()) return nullptr;
  --it;
  if (p + length > it->first + it->second.length) return nullptr;
  return it->second.block;
}

void unregister(napi_env, void* data, void*) {
  std::lock_guard<std::mutex> guard(registry_lock);
  registry.erase(reinterpret_cast<uintptr_t>(data));
}

std::shared_ptr<const uint8_t> adopt(uint8_t* data) {
  return std::shared_ptr<const uint8_t>(data, [](const uint8_t* p) { std::free(const_cast<uint8_t*>(p)); });
}

}  // namespace

bool hold(Napi::Env env, const char* fn, const Bytes& bytes, Held& out) {
  out.length = bytes.length;
  out.owner = find_block(bytes.data, bytes.length);
  if (out.owner != nullptr) {
    out.data = bytes.data;
    return true;
  }
  auto* copy = static_cast<uint8_t*>(std::malloc(bytes.length));
  if (copy == nullptr) {
    throw_error(Napi::Error::New(env, std::string(fn) + ": cannot allocate " + std::to_string(bytes.length) + " bytes to copy the input"),
                ERR_OUT_OF_MEMORY, static_cast<double>(bytes.length));
    return false;
  }
  std::memcpy(copy, bytes.data, bytes.length);
  out.owner = adopt(copy);
  out.data = copy;
  return true;
}

Napi::Value AllocBuffer(const Napi::CallbackInfo& info) {
  const char* fn = "allocBuffer";
  int64_t length;
  if (!get_int(info, 0, fn, "length", 0, int64_t{1} << 32, length)) return {};
  Napi::Env env = info.Env();
  if (length == 0) return Napi::Uint8Array::New(env, 0);
  auto* data = static_cast<uint8_t*>(std::calloc(static_cast<size_t>(length), 1));
  if (data == nullptr) {
    throw_error(Napi::Error::New(env, std::string(fn) + ": cannot allocate " + std::to_string(length) + " bytes"), ERR_OUT_OF_MEMORY,
                static_cast<double>(length));
    return {};
  }
  {
    std::lock_guard<std::mutex> guard(registry_lock);
    registry[reinterpret_cast<uintptr_t>(data)] = Entry{static_cast<size_t>(length), adopt(data)};
  }
  napi_value buffer;
  if (napi_create_external_arraybuffer(env, data, static_cast<size_t>(length), unregister, nullptr, &buffer) != napi_ok) {
    // external buffers not allowed here (a V8 sandbox): a plain one, which the async calls copy
    unregister(env, data, nullptr);
    if (env.IsExceptionPending()) env.GetAndClearPendingException();
    return Napi::Uint8Array::New(env, static_cast<size_t>(length));
  }
  return Napi::Uint8Array::New(env, static_cast<size_t>(length), Napi::ArrayBuffer(env, buffer), 0);
}

}  // namespace filflow
