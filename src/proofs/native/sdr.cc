// N-API entry points for sealing: Fr arithmetic (fr.h), Poseidon (poseidon.h), the SHA-256
// compression function (sha256.h) and SDR layer labelling (labels.h). Each checks its arguments
// and throws a RangeError/TypeError with a `code` (args.h) that index.ts maps to a typed error.
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "fr.h"
#include "labels.h"
#include "parents.h"
#include "poseidon.h"
#include "sha256.h"

namespace filflow {
namespace {

inline void fr_mul_x(Fr& c, const Fr& a, const Fr& b) {
#if defined(__x86_64__)
  fr_mul_adx(c, a, b);
#else
  fr_mul(c, a, b);
#endif
}

bool overlap(const Bytes& a, const Bytes& b) { return a.length != 0 && b.length != 0 && a.data < b.data + b.length && b.data < a.data + a.length; }

// Asks the kernel for transparent huge pages (2 MiB) on the whole 2 MiB-aligned part of a large
// buffer. Labels read parents at random places in layers of up to GiBs; with 4 KiB pages almost
// every such read also misses the TLB. Advice only: it changes no byte, and failure is ignored.
void advise_huge_pages(const Bytes& b) {
#if defined(MADV_HUGEPAGE)
  constexpr uintptr_t HUGE = uintptr_t{2} << 20;
  const uintptr_t start = (reinterpret_cast<uintptr_t>(b.data) + HUGE - 1) & ~(HUGE - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(b.data) + b.length) & ~(HUGE - 1);
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
#endif
}

void throw_non_canonical(Napi::Env env, const char* fn, const std::string& what, long long index) {
  Napi::Error e = Napi::RangeError::New(env, std::string(fn) + ": " + what);
  e.Set("code", Napi::String::New(env, ERR_NON_CANONICAL));
  e.Set("index", Napi::Number::New(env, static_cast<double>(index)));
  e.ThrowAsJavaScriptException();
}

bool get_consts(const Napi::CallbackInfo& info, size_t i, const char* fn, const PoseidonConsts*& out) {
  int64_t arity;
  if (!get_int(info, i, fn, "arity", 1, POSEIDON_MAX_ARITY, arity)) return false;
  out = poseidon_consts(static_cast<int>(arity));
  if (out == nullptr) {
    throw_range(info.Env(), fn, "Poseidon constants of arity " + std::to_string(arity) + " are not registered", ERR_INVALID_ARGUMENT);
    return false;
  }
  return true;
}

// frOp(op: 0 add | 1 sub | 2 mul, a: Uint8Array /* 32n */, b: Uint8Array /* 32n */, out: Uint8Array /* 32n */): void
// Element-wise on canonical reprs (for tests of the field arithmetic against bigint).
Napi::Value FrOp(const Napi::CallbackInfo& info) {
  const char* fn = "frOp";
  int64_t op;
  Bytes a, b, out;
  if (!get_int(info, 0, fn, "op", 0, 2, op) || !get_bytes(info, 1, fn, "a", a) || !get_bytes(info, 2, fn, "b", b) ||
      !get_bytes(info, 3, fn, "out", out))
    return {};
  if (a.length % 32 != 0 || b.length != a.length || out.length != a.length) {
    throw_range(info.Env(), fn, "a, b and out must have the same length, a multiple of 32", ERR_INVALID_LENGTH, static_cast<double>(a.length));
    return {};
  }
  // add and sub work on canonical values directly (x ± y mod r is the same in any
  // representation); mul goes through Montgomery form.
  for (size_t i = 0; i < a.length / 32; ++i) {
    Fr x, y, z;
    const bool ok_a = op == 2 ? fr_from_repr(x, a.data + 32 * i) : fr_load_canonical(x, a.data + 32 * i);
    if (!ok_a) {
      throw_non_canonical(info.Env(), fn, "a[" + std::to_string(i) + "] is not a canonical field element", static_cast<long long>(i));
      return {};
    }
    const bool ok_b = op == 2 ? fr_from_repr(y, b.data + 32 * i) : fr_load_canonical(y, b.data + 32 * i);
    if (!ok_b) {
      throw_non_canonical(info.Env(), fn, "b[" + std::to_string(i) + "] is not a canonical field element", static_cast<long long>(i));
      return {};
    }
    if (op == 0) {
      fr_add(z, x, y);
      fr_store_canonical(out.data + 32 * i, z);
    } else if (op == 1) {
      fr_sub(z, x, y);
      fr_store_canonical(out.data + 32 * i, z);
    } else {
      if (std::string(poseidon_mul_path()) == "adx")
        fr_mul_x(z, x, y);
      else
        fr_mul(z, x, y);
      fr_to_repr(out.data + 32 * i, z);
    }
  }
  return info.Env().Undefined();
}

// poseidonRegister(arity, fullRounds, partialRounds, constants: Uint8Array): void
Napi::Value PoseidonRegister(const Napi::CallbackInfo& info) {
  const char* fn = "poseidonRegister";
  int64_t arity, rf, rp;
  Bytes bytes;
  if (!get_int(info, 0, fn, "arity", 1, POSEIDON_MAX_ARITY, arity) || !get_int(info, 1, fn, "fullRounds", 2, 64, rf) ||
      !get_int(info, 2, fn, "partialRounds", 1, 256, rp) || !get_bytes(info, 3, fn, "constants", bytes))
    return {};
  const std::string err = poseidon_register(static_cast<int>(arity), static_cast<int>(rf), static_cast<int>(rp), bytes.data, bytes.length);
  if (!err.empty()) {
    throw_range(info.Env(), fn, err, ERR_INVALID_ARGUMENT);
    return {};
  }
  return info.Env().Undefined();
}

// poseidonHashNodes(arity, input: Uint8Array /* 32·arity·n */, out: Uint8Array /* 32n */, threads: 1..64): void
Napi::Value PoseidonHashNodes(const Napi::CallbackInfo& info) {
  const char* fn = "poseidonHashNodes";
  const PoseidonConsts* c;
  Bytes in, out;
  int64_t threads;
  if (!get_consts(info, 0, fn, c) || !get_bytes(info, 1, fn, "input", in) || !get_bytes(info, 2, fn, "out", out) ||
      !get_int(info, 3, fn, "threads", 1, 64, threads))
    return {};
  const size_t group = 32 * static_cast<size_t>(c->arity);
  if (in.length % group != 0 || out.length != in.length / group * 32) {
    throw_range(info.Env(), fn,
                "input must be 32·arity·n bytes and out 32n, got " + std::to_string(in.length) + " and " + std::to_string(out.length),
                ERR_INVALID_LENGTH, static_cast<double>(in.length));
    return {};
  }
  if (overlap(in, out)) {
    throw_range(info.Env(), fn, "out must not overlap input", ERR_INVALID_ARGUMENT);
    return {};
  }
  const long long bad = poseidon_hash_nodes_parallel(*c, in.data, out.data, in.length / group, static_cast<unsigned>(threads));
  if (bad >= 0) {
    throw_non_canonical(info.Env(), fn, "input node " + std::to_string(bad) + " is not a canonical field element", bad);
    return {};
  }
  return info.Env().Undefined();
}

// poseidonColumns(layers: Array<Uint8Array> /* arity layers of 32n */, out: Uint8Array /* 32n */, threads): void
Napi::Value PoseidonColumns(const Napi::CallbackInfo& info) {
  const char* fn = "poseidonColumns";
  if (!info[0].IsArray()) {
    throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": layers must be an array of Uint8Array"), ERR_NOT_BYTES, -1);
    return {};
  }
  Napi::Array arr = info[0].As<Napi::Array>();
  const uint32_t n = arr.Length();
  const PoseidonConsts* c = n >= 1 && n <= POSEIDON_MAX_ARITY ? poseidon_consts(static_cast<int>(n)) : nullptr;
  if (c == nullptr) {
    throw_range(info.Env(), fn, "Poseidon constants of arity " + std::to_string(n) + " (the layer count) are not registered",
                ERR_INVALID_ARGUMENT);
    return {};
  }
  Bytes out;
  int64_t threads;
  if (!get_bytes(info, 1, fn, "out", out) || !get_int(info, 2, fn, "threads", 1, 64, threads)) return {};
  if (out.length % 32 != 0) {
    throw_range(info.Env(), fn, "out length must be a multiple of 32", ERR_INVALID_LENGTH, static_cast<double>(out.length));
    return {};
  }
  std::vector<const uint8_t*> layers(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Napi::Value v = arr.Get(i);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array ||
        v.As<Napi::Uint8Array>().ArrayBuffer().IsDetached()) {
      throw_error(Napi::TypeError::New(info.Env(), std::string(fn) + ": layers[" + std::to_string(i) + "] must be an attached Uint8Array"),
                  ERR_NOT_BYTES, -1);
      return {};
    }
    Napi::Uint8Array a = v.As<Napi::Uint8Array>();
    if (a.ByteLength() != out.length) {
      throw_range(info.Env(), fn,
                  "layers[" + std::to_string(i) + "] has " + std::to_string(a.ByteLength()) + " bytes, out " + std::to_string(out.length),
                  ERR_INVALID_LENGTH, static_cast<double>(a.ByteLength()));
      return {};
    }
    if (overlap(Bytes{a.Data(), a.ByteLength()}, out)) {
      throw_range(info.Env(), fn, "out must not overlap a layer", ERR_INVALID_ARGUMENT);
      return {};
    }
    layers[i] = a.Data();
  }
  const long long bad = poseidon_columns(*c, layers.data(), out.length / 32, out.data, static_cast<unsigned>(threads));
  if (bad >= 0) {
    throw_non_canonical(info.Env(), fn,
                        "the label of node " + std::to_string(bad / n) + " in layer " + std::to_string(bad % n + 1) +
                            " is not a canonical field element",
                        bad);
    return {};
  }
  return info.Env().Undefined();
}

// sha256Compress(state: Uint32Array /* 8 */, blocks: Uint8Array /* 64n */): void — state updated in place.
Napi::Value Sha256Compress(const Napi::CallbackInfo& info) {
  const char* fn = "sha256Compress";
  const uint32_t* state;
  size_t words;
  Bytes blocks;
  if (!get_u32s(info, 0, fn, "state", state, words) || !get_bytes(info, 1, fn, "blocks", blocks)) return {};
  if (words != 8 || blocks.length % 64 != 0) {
    throw_range(info.Env(), fn, "state must have 8 words and blocks a multiple of 64 bytes", ERR_INVALID_LENGTH,
                static_cast<double>(blocks.length));
    return {};
  }
  uint32_t h[8];
  std::memcpy(h, state, sizeof h);
  compress_fn()(h, blocks.data, blocks.length / 64);
  std::memcpy(const_cast<uint32_t*>(state), h, sizeof h);
  return info.Env().Undefined();
}

// sdrLabelRange(replicaId: Uint8Array /* 32 */, layer: 1.., parents: Uint32Array /* 14·nodes */,
//               prev: Uint8Array /* 32·nodes, or empty for layer 1 */, out: Uint8Array /* 32·nodes */,
//               begin, end): void
Napi::Value SdrLabelRange(const Napi::CallbackInfo& info) {
  const char* fn = "sdrLabelRange";
  Bytes replica, prev, out;
  int64_t layer, begin, end;
  const uint32_t* parents;
  size_t entries;
  if (!get_bytes(info, 0, fn, "replicaId", replica) || !get_int(info, 1, fn, "layer", 1, 0xffffffffLL, layer) ||
      !get_u32s(info, 2, fn, "parents", parents, entries) || !get_bytes(info, 3, fn, "prev", prev) ||
      !get_bytes(info, 4, fn, "out", out) || !get_int(info, 5, fn, "begin", 0, 1LL << 32, begin) ||
      !get_int(info, 6, fn, "end", 0, 1LL << 32, end))
    return {};
  const Napi::Env env = info.Env();
  if (replica.length != 32) {
    throw_range(env, fn, "replicaId must be 32 bytes, got " + std::to_string(replica.length), ERR_INVALID_LENGTH,
                static_cast<double>(replica.length));
    return {};
  }
  if (out.length % 32 != 0 || out.length == 0) {
    throw_range(env, fn, "out must be 32 bytes per node", ERR_INVALID_LENGTH, static_cast<double>(out.length));
    return {};
  }
  const size_t nodes = out.length / 32;
  if (entries != SDR_DEGREE * nodes) {
    throw_range(env, fn, "parents must have 14 entries per node (" + std::to_string(SDR_DEGREE * nodes) + "), got " + std::to_string(entries),
                ERR_INVALID_LENGTH, static_cast<double>(entries));
    return {};
  }
  if (layer >= 2 ? prev.length != out.length : prev.length != 0) {
    throw_range(env, fn, layer >= 2 ? "prev must be the previous layer, as long as out" : "prev must be empty for layer 1",
                ERR_INVALID_LENGTH, static_cast<double>(prev.length));
    return {};
  }
  if (begin > end || static_cast<size_t>(end) > nodes) {
    throw_range(env, fn, "need 0 ≤ begin ≤ end ≤ nodes", ERR_INVALID_ARGUMENT);
    return {};
  }
  const Bytes parent_bytes{reinterpret_cast<uint8_t*>(const_cast<uint32_t*>(parents)), entries * 4};
  if (overlap(out, prev) || overlap(out, replica) || overlap(out, parent_bytes)) {
    throw_range(env, fn, "out must not overlap replicaId, parents or prev", ERR_INVALID_ARGUMENT);
    return {};
  }
  const std::string bad = sdr_check_parents(parents, nodes, static_cast<size_t>(begin), static_cast<size_t>(end));
  if (!bad.empty()) {
    throw_range(env, fn, bad, ERR_INVALID_ARGUMENT);
    return {};
  }
  if (begin == 0) {
    advise_huge_pages(out);
    advise_huge_pages(prev);
  }
  uint8_t id[32];
  std::memcpy(id, replica.data, 32);
  sdr_label_range(id, static_cast<uint32_t>(layer), parents, prev.data, out.data, static_cast<size_t>(begin), static_cast<size_t>(end));
  return env.Undefined();
}

// sdrParentRange(drgSeed: Uint8Array /* 28 */, feistelKeys: Uint8Array /* 32: four u64 LE */,
//                nodes: 2..2^29, api: 0 (1.0.0) | 1 (1.1.0), out: Uint32Array /* 14·(end − begin) */,
//                begin, end, threads: 1..64): void — the parent-cache entries of nodes [begin, end).
Napi::Value SdrParentRange(const Napi::CallbackInfo& info) {
  const char* fn = "sdrParentRange";
  Bytes seed, keys;
  int64_t nodes, api, begin, end, threads;
  const uint32_t* out;
  size_t entries;
  if (!get_bytes(info, 0, fn, "drgSeed", seed) || !get_bytes(info, 1, fn, "feistelKeys", keys) ||
      !get_int(info, 2, fn, "nodes", 2, 1LL << 29, nodes) || !get_int(info, 3, fn, "api", 0, 1, api) ||
      !get_u32s(info, 4, fn, "out", out, entries) || !get_int(info, 5, fn, "begin", 0, 1LL << 29, begin) ||
      !get_int(info, 6, fn, "end", 0, 1LL << 29, end) || !get_int(info, 7, fn, "threads", 1, 64, threads))
    return {};
  const Napi::Env env = info.Env();
  if (seed.length != 28) {
    throw_range(env, fn, "drgSeed must be 28 bytes, got " + std::to_string(seed.length), ERR_INVALID_LENGTH, static_cast<double>(seed.length));
    return {};
  }
  if (keys.length != 32) {
    throw_range(env, fn, "feistelKeys must be 32 bytes, got " + std::to_string(keys.length), ERR_INVALID_LENGTH, static_cast<double>(keys.length));
    return {};
  }
  if (begin > end || end > nodes) {
    throw_range(env, fn, "need 0 ≤ begin ≤ end ≤ nodes", ERR_INVALID_ARGUMENT);
    return {};
  }
  const size_t want = SDR_DEGREE * static_cast<size_t>(end - begin);
  if (entries != want) {
    throw_range(env, fn, "out must have 14 entries per node (" + std::to_string(want) + "), got " + std::to_string(entries),
                ERR_INVALID_LENGTH, static_cast<double>(entries));
    return {};
  }
  uint8_t s[28];
  std::memcpy(s, seed.data, 28);
  uint64_t k[4];
  for (int i = 0; i < 4; ++i) {
    k[i] = 0;
    for (int j = 7; j >= 0; --j) k[i] = k[i] << 8 | keys.data[8 * i + j];
  }
  sdr_parents_range(s, k, static_cast<uint32_t>(nodes), api == 1, const_cast<uint32_t*>(out), static_cast<size_t>(begin),
                    static_cast<size_t>(end), static_cast<unsigned>(threads));
  return env.Undefined();
}

// frMulPath(): "adx" | "portable"
Napi::Value FrMulPath(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), poseidon_mul_path()); }

// setFrMulPath(path: "auto" | "adx" | "portable"): boolean (false: cannot run here)
Napi::Value SetFrMulPath(const Napi::CallbackInfo& info) {
  const std::string name = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (name != "auto" && name != "adx" && name != "portable") {
    throw_range(info.Env(), "setFrMulPath", "path must be \"auto\", \"adx\" or \"portable\"", ERR_INVALID_ARGUMENT);
    return {};
  }
  return Napi::Boolean::New(info.Env(), poseidon_set_mul_path(name));
}

}  // namespace

void register_sdr(Napi::Env env, Napi::Object exports) {
  exports.Set("frOp", Napi::Function::New(env, FrOp, "frOp"));
  exports.Set("frMulPath", Napi::Function::New(env, FrMulPath, "frMulPath"));
  exports.Set("setFrMulPath", Napi::Function::New(env, SetFrMulPath, "setFrMulPath"));
  exports.Set("poseidonRegister", Napi::Function::New(env, PoseidonRegister, "poseidonRegister"));
  exports.Set("poseidonHashNodes", Napi::Function::New(env, PoseidonHashNodes, "poseidonHashNodes"));
  exports.Set("poseidonColumns", Napi::Function::New(env, PoseidonColumns, "poseidonColumns"));
  exports.Set("sha256Compress", Napi::Function::New(env, Sha256Compress, "sha256Compress"));
  exports.Set("sdrLabelRange", Napi::Function::New(env, SdrLabelRange, "sdrLabelRange"));
  exports.Set("sdrParentRange", Napi::Function::New(env, SdrParentRange, "sdrParentRange"));
}

}  // namespace filflow
