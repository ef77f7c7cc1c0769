// Argument checks shared by the N-API functions: each failure throws a JS error with a `code`
// property that the TS loader (index.ts) maps to a typed error, and a message naming the function.
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>

namespace filflow {

// Error codes (the `code` property of the thrown error).
constexpr const char* ERR_NOT_BYTES = "ERR_FILFLOW_NOT_BYTES";                // TypeError
constexpr const char* ERR_INVALID_LENGTH = "ERR_FILFLOW_INVALID_LENGTH";      // RangeError
constexpr const char* ERR_NOT_POWER_OF_TWO = "ERR_FILFLOW_NOT_POWER_OF_TWO";  // RangeError
constexpr const char* ERR_INVALID_ARGUMENT = "ERR_FILFLOW_INVALID_ARGUMENT";  // RangeError
constexpr const char* ERR_DETACHED = "ERR_FILFLOW_DETACHED";                  // TypeError
constexpr const char* ERR_OUT_OF_MEMORY = "ERR_FILFLOW_OUT_OF_MEMORY";        // Error
constexpr const char* ERR_READ = "ERR_FILFLOW_READ";                          // Error, with errno
constexpr const char* ERR_NON_CANONICAL = "ERR_FILFLOW_NON_CANONICAL";        // RangeError, with index

// A byte view of a JS Uint8Array argument.
struct Bytes {
  uint8_t* data = nullptr;
  size_t length = 0;
};

inline void throw_error(Napi::Error error, const char* code, double length) {
  error.Set("code", Napi::String::New(error.Env(), code));
  if (length >= 0) error.Set("length", Napi::Number::New(error.Env(), length));
  error.ThrowAsJavaScriptException();
}

// Throws a RangeError with `code`, the message "<fn>: <what>" and, if ≥ 0, a `length` property.
inline void throw_range(Napi::Env env, const char* fn, const std::string& what, const char* code, double length = -1) {
  throw_error(Napi::RangeError::New(env, std::string(fn) + ": " + what), code, length);
}

// Reads argument i as a Uint8Array; throws a TypeError and returns false if it is not one or if
// its ArrayBuffer is detached (transferred away: it has no bytes left to read).
inline bool get_bytes(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name, Bytes& out) {
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": " + name + " must be a Uint8Array"), ERR_NOT_BYTES, -1);
    return false;
  }
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  if (a.ArrayBuffer().IsDetached()) {
    throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": " + name + " is detached (its ArrayBuffer was transferred)"),
                ERR_DETACHED, -1);
    return false;
  }
  out.data = a.Data();
  out.length = a.ByteLength();
  return true;
}

// Reads argument i as an integer in [min, max]; throws a RangeError and returns false otherwise.
inline bool get_int(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name, int64_t min, int64_t max,
                    int64_t& out) {
  const Napi::Value v = info[i];
  const double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1.0 / 0.0;
  if (!v.IsNumber() || !(d >= static_cast<double>(min) && d <= static_cast<double>(max)) ||
      d != static_cast<double>(static_cast<int64_t>(d))) {
    throw_range(info.Env(), fn, std::string(name) + " must be an integer in " + std::to_string(min) + ".." + std::to_string(max),
                ERR_INVALID_ARGUMENT);
    return false;
  }
  out = static_cast<int64_t>(d);
  return true;
}

inline bool is_power_of_two(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

inline unsigned log2_exact(size_t n) { return static_cast<unsigned>(__builtin_ctzll(n)); }

// Checks that a payload is 127 · 2^k bytes (k ≥ 0) and returns 2^k through `blocks`.
inline bool check_fr32_payload(Napi::Env env, const char* fn, const Bytes& payload, size_t& blocks) {
  if (payload.length == 0 || payload.length % 127 != 0) {
    throw_range(env, fn, "payload length must be 127 · 2^k bytes (a multiple of 127), got " + std::to_string(payload.length),
                ERR_INVALID_LENGTH, static_cast<double>(payload.length));
    return false;
  }
  blocks = payload.length / 127;
  if (!is_power_of_two(blocks)) {
    throw_range(env, fn, "payload length must be 127 · 2^k bytes, got 127 × " + std::to_string(blocks) + " (not a power of two)",
                ERR_NOT_POWER_OF_TWO, static_cast<double>(payload.length));
    return false;
  }
  return true;
}

// Checks that `leaves` is 32 · 2^k bytes (k ≥ 0) and returns 2^k through `count`.
inline bool check_leaves(Napi::Env env, const char* fn, const Bytes& leaves, size_t& count) {
  if (leaves.length == 0 || leaves.length % 32 != 0) {
    throw_range(env, fn, "leaves length must be 32 · 2^k bytes (a multiple of 32), got " + std::to_string(leaves.length),
                ERR_INVALID_LENGTH, static_cast<double>(leaves.length));
    return false;
  }
  count = leaves.length / 32;
  if (!is_power_of_two(count)) {
    throw_range(env, fn, "leaf count must be a power of two, got " + std::to_string(count), ERR_NOT_POWER_OF_TWO,
                static_cast<double>(leaves.length));
    return false;
  }
  return true;
}

// Output may start at or before the input (in-place halving) but not inside it.
inline bool check_overlap(Napi::Env env, const char* fn, const Bytes& in, const Bytes& out) {
  if (out.data > in.data && out.data < in.data + in.length) {
    throw_range(env, fn, "out must not start inside input (out = input.subarray(0, …) is allowed)", ERR_INVALID_ARGUMENT);
    return false;
  }
  return true;
}

// Reads argument i as a Uint32Array (as get_bytes; `length` counts elements).
inline bool get_u32s(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name, const uint32_t*& data,
                     size_t& length) {
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) {
    throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": " + name + " must be a Uint32Array"), ERR_NOT_BYTES, -1);
    return false;
  }
  Napi::Uint32Array a = v.As<Napi::Uint32Array>();
  if (a.ArrayBuffer().IsDetached()) {
    throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": " + name + " is detached (its ArrayBuffer was transferred)"),
                ERR_DETACHED, -1);
    return false;
  }
  data = a.Data();
  length = a.ElementLength();
  return true;
}

// The async entry points (async.cc, file.cc).
Napi::Value SubtreeRootAsync(const Napi::CallbackInfo& info);
Napi::Value Fr32SubtreeRootAsync(const Napi::CallbackInfo& info);
Napi::Value Fr32FileSubtreeRootAsync(const Napi::CallbackInfo& info);

// Poseidon, Fr and SDR labelling entry points (sdr.cc): adds them to `exports`.
void register_sdr(Napi::Env env, Napi::Object exports);

}  // namespace filflow
