// The N-API module: synchronous entry points over the hot paths of CommP, the SHA path switch,
// and module registration. Node hash: FIPS 180-4 SHA-256 with the trunc254 mask
// (filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0);
// Fr32: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
#include <cstring>

#include "args.h"
#include "fr32.h"
#include "held.h"
#include "sha256.h"
#include "tree.h"

namespace filflow {
namespace {

Napi::Uint8Array node_array(Napi::Env env, const uint8_t* node) {
  Napi::Uint8Array a = Napi::Uint8Array::New(env, 32);
  std::memcpy(a.Data(), node, 32);
  return a;
}

// hashPairs(input: Uint8Array /* 64n */, out: Uint8Array /* 32n */): void
Napi::Value HashPairs(const Napi::CallbackInfo& info) {
  const char* fn = "hashPairs";
  Bytes in, out;
  if (!get_bytes(info, 0, fn, "input", in) || !get_bytes(info, 1, fn, "out", out)) return {};
  if (in.length % 64 != 0) {
    throw_range(info.Env(), fn, "input length must be a multiple of 64, got " + std::to_string(in.length), ERR_INVALID_LENGTH,
                static_cast<double>(in.length));
    return {};
  }
  if (out.length != in.length / 2) {
    throw_range(info.Env(), fn, "out length must be " + std::to_string(in.length / 2) + " (32 per pair), got " + std::to_string(out.length),
                ERR_INVALID_LENGTH, static_cast<double>(out.length));
    return {};
  }
  if (!check_overlap(info.Env(), fn, in, out)) return {};
  hash_nodes(in.data, out.data, in.length / 64);
  return info.Env().Undefined();
}

// reduce(nodes: Uint8Array /* 32 · m · 2^levels */, levels: number, out: Uint8Array /* 32m */): void
Napi::Value Reduce(const Napi::CallbackInfo& info) {
  const char* fn = "reduce";
  Bytes nodes, out;
  int64_t levels;
  if (!get_bytes(info, 0, fn, "nodes", nodes) || !get_int(info, 1, fn, "levels", 0, 31, levels) ||
      !get_bytes(info, 2, fn, "out", out))
    return {};
  if (out.length % 32 != 0 || (out.length << levels) != nodes.length) {
    throw_range(info.Env(), fn,
                "expected nodes of 2^" + std::to_string(levels) + " × out.length bytes and out a multiple of 32, got " +
                    std::to_string(nodes.length) + " and " + std::to_string(out.length),
                ERR_INVALID_LENGTH, static_cast<double>(nodes.length));
    return {};
  }
  if (!check_overlap(info.Env(), fn, nodes, out)) return {};
  reduce(nodes.data, out.length / 32, static_cast<unsigned>(levels), out.data);
  return info.Env().Undefined();
}

// subtreeRoot(leaves: Uint8Array /* 32 · 2^k */): Uint8Array /* 32 */
Napi::Value SubtreeRoot(const Napi::CallbackInfo& info) {
  Bytes leaves;
  size_t count;
  if (!get_bytes(info, 0, "subtreeRoot", "leaves", leaves) || !check_leaves(info.Env(), "subtreeRoot", leaves, count)) return {};
  uint8_t root[32];
  subtree_root(leaves.data, count, root);
  return node_array(info.Env(), root);
}

// fr32Pad(payload: Uint8Array /* 127b */, out: Uint8Array /* 128b */): void
Napi::Value Fr32Pad(const Napi::CallbackInfo& info) {
  const char* fn = "fr32Pad";
  Bytes in, out;
  if (!get_bytes(info, 0, fn, "payload", in) || !get_bytes(info, 1, fn, "out", out)) return {};
  if (in.length % FR32_UNPADDED_BLOCK != 0 || out.length != in.length / FR32_UNPADDED_BLOCK * FR32_PADDED_BLOCK) {
    throw_range(info.Env(), fn,
                "expected a payload of 127b bytes and out of 128b bytes, got " + std::to_string(in.length) + " and " +
                    std::to_string(out.length),
                ERR_INVALID_LENGTH, static_cast<double>(in.length));
    return {};
  }
  if (out.data < in.data + in.length && in.data < out.data + out.length) {
    throw_range(info.Env(), fn, "out must not overlap payload", ERR_INVALID_ARGUMENT);
    return {};
  }
  fr32_pad(in.data, out.data, in.length / FR32_UNPADDED_BLOCK);
  return info.Env().Undefined();
}

// fr32SubtreeRoot(payload: Uint8Array /* 127 · 2^k */): Uint8Array /* 32 */
Napi::Value Fr32SubtreeRoot(const Napi::CallbackInfo& info) {
  Bytes payload;
  size_t blocks;
  if (!get_bytes(info, 0, "fr32SubtreeRoot", "payload", payload) ||
      !check_fr32_payload(info.Env(), "fr32SubtreeRoot", payload, blocks))
    return {};
  uint8_t root[32];
  fr32_subtree_root(payload.data, blocks, root);
  return node_array(info.Env(), root);
}

// fr32SubtreeRootParallel(payload: Uint8Array /* 127 · 2^k */, threads: number /* 1..256 */): Uint8Array
Napi::Value Fr32SubtreeRootParallel(const Napi::CallbackInfo& info) {
  const char* fn = "fr32SubtreeRootParallel";
  Bytes payload;
  size_t blocks;
  int64_t threads;
  if (!get_bytes(info, 0, fn, "payload", payload) || !check_fr32_payload(info.Env(), fn, payload, blocks) ||
      !get_int(info, 1, fn, "threads", 1, 256, threads))
    return {};
  uint8_t root[32];
  fr32_subtree_root_parallel(payload.data, blocks, static_cast<unsigned>(threads), root);
  return node_array(info.Env(), root);
}

constexpr ShaPath ALL_PATHS[] = {ShaPath::ShaNi, ShaPath::OpenSsl, ShaPath::Portable};

// shaPath(): "sha-ni" | "openssl" | "portable"
Napi::Value GetShaPath(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), sha_path_name(sha_path())); }

// shaPaths(): the paths that can run here, best first.
Napi::Value ShaPaths(const Napi::CallbackInfo& info) {
  Napi::Array a = Napi::Array::New(info.Env());
  uint32_t i = 0;
  for (ShaPath p : ALL_PATHS)
    if (sha_path_available(p)) a.Set(i++, Napi::String::New(info.Env(), sha_path_name(p)));
  return a;
}

// setShaPath(path: "auto" | "sha-ni" | "openssl" | "portable"): boolean (false: cannot run here)
Napi::Value SetShaPath(const Napi::CallbackInfo& info) {
  const std::string name = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (name == "auto") {
    reset_sha_path();
    return Napi::Boolean::New(info.Env(), true);
  }
  for (ShaPath p : ALL_PATHS)
    if (name == sha_path_name(p)) return Napi::Boolean::New(info.Env(), set_sha_path(p));
  throw_range(info.Env(), "setShaPath", "path must be \"auto\", \"sha-ni\", \"openssl\" or \"portable\"", ERR_INVALID_ARGUMENT);
  return {};
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("hashPairs", Napi::Function::New(env, HashPairs, "hashPairs"));
  exports.Set("reduce", Napi::Function::New(env, Reduce, "reduce"));
  exports.Set("subtreeRoot", Napi::Function::New(env, SubtreeRoot, "subtreeRoot"));
  exports.Set("subtreeRootAsync", Napi::Function::New(env, SubtreeRootAsync, "subtreeRootAsync"));
  exports.Set("fr32Pad", Napi::Function::New(env, Fr32Pad, "fr32Pad"));
  exports.Set("fr32SubtreeRoot", Napi::Function::New(env, Fr32SubtreeRoot, "fr32SubtreeRoot"));
  exports.Set("fr32SubtreeRootAsync", Napi::Function::New(env, Fr32SubtreeRootAsync, "fr32SubtreeRootAsync"));
  exports.Set("fr32FileSubtreeRootAsync", Napi::Function::New(env, Fr32FileSubtreeRootAsync, "fr32FileSubtreeRootAsync"));
  exports.Set("fr32SubtreeRootParallel", Napi::Function::New(env, Fr32SubtreeRootParallel, "fr32SubtreeRootParallel"));
  exports.Set("allocBuffer", Napi::Function::New(env, AllocBuffer, "allocBuffer"));
  exports.Set("shaPath", Napi::Function::New(env, GetShaPath, "shaPath"));
  exports.Set("shaPaths", Napi::Function::New(env, ShaPaths, "shaPaths"));
  exports.Set("setShaPath", Napi::Function::New(env, SetShaPath, "setShaPath"));
  exports.Set("chunkLeaves", Napi::Number::New(env, static_cast<double>(CHUNK_LEAVES)));
  register_sdr(env, exports);
  return exports;
}

}  // namespace
}  // namespace filflow

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return filflow::Init(env, exports); }

NODE_API_MODULE(filflow_native, InitModule)
