// The node hash with OpenSSL's SHA-256 block function, taken from the node binary itself.
//
// Standard: FIPS 180-4 §5.1.1 (padding), §6.2.2 (hash computation); node hash and mask:
// filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0.
// Node statically links OpenSSL and exports its symbols, so
// `SHA256_Init` and `SHA256_Transform` (OpenSSL `openssl/sha.h`, deprecated since 3.0 but
// exported) are looked up with dlsym at load time; no separate libcrypto is linked.
//
// SHA256_Transform(ctx, block) runs one compression on ctx->h and ignores the rest of the
// context, so a node is: h = IV (SHA256_Init), Transform(l ‖ r), Transform(PAD), digest = h
// in big-endian. The result is checked once against a known answer before the path is offered.
#include <dlfcn.h>

#include <cstring>

#include "sha256.h"
#include "sha256_consts.h"

namespace filflow {
namespace {

// OpenSSL's SHA256_CTX (openssl/sha.h, SHA_LONG = unsigned int): h[8], Nl, Nh, data[16], num,
// md_len. Only h is used here; the struct is sized to match so that OpenSSL may write all of it.
struct OpensslSha256Ctx {
  uint32_t h[8];
  uint32_t Nl, Nh;
  uint32_t data[16];
  unsigned int num, md_len;
};

using InitFn = int (*)(OpensslSha256Ctx*);
using TransformFn = void (*)(OpensslSha256Ctx*, const unsigned char*);

// The padding block of a 64-byte message: 0x80, 55 zero bytes, uint64be(512) (FIPS 180-4 §5.1.1).
struct PadBlock {
  unsigned char bytes[64];
  constexpr PadBlock() : bytes{} {
    bytes[0] = 0x80;
    bytes[62] = 0x02;  // 512 = 0x0200 in the last two bytes
  }
};
constexpr PadBlock PAD{};

struct Openssl {
  InitFn init = nullptr;
  TransformFn transform = nullptr;
  OpensslSha256Ctx fresh{};  // the context after SHA256_Init: h = H(0)
  bool ok = false;
};

inline void node_hash(const Openssl& o, const uint8_t* in, uint8_t* out) {
  OpensslSha256Ctx ctx;
  std::memcpy(ctx.h, o.fresh.h, sizeof ctx.h);
  o.transform(&ctx, in);
  o.transform(&ctx, PAD.bytes);
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<uint8_t>(ctx.h[i] >> 24);
    out[4 * i + 1] = static_cast<uint8_t>(ctx.h[i] >> 16);
    out[4 * i + 2] = static_cast<uint8_t>(ctx.h[i] >> 8);
    out[4 * i + 3] = static_cast<uint8_t>(ctx.h[i]);
  }
  out[31] &= TRUNC254_MASK;  // d[31] &= 0x3f (TRUNC254_MASK, cited in sha256_consts.h)
}

Openssl resolve() {
  Openssl o;
  o.init = reinterpret_cast<InitFn>(dlsym(RTLD_DEFAULT, "SHA256_Init"));
  o.transform = reinterpret_cast<TransformFn>(dlsym(RTLD_DEFAULT, "SHA256_Transform"));
  if (o.init == nullptr || o.transform == nullptr || o.init(&o.fresh) != 1) return o;
  if (std::memcmp(o.fresh.h, SHA256_IV, sizeof SHA256_IV) != 0) return o;
  // Known answer: H(0^32, 0^32) = f5a5fd42…fb0b, the 64-byte zero-piece commitment
  // (SHA-256 of 64 zero bytes is f5a5fd42…fb4b, FIPS 180-4; the mask turns 4b into 0b).
  static const uint8_t expected[32] = {0xf5, 0xa5, 0xfd, 0x42, 0xd1, 0x6a, 0x20, 0x30, 0x27, 0x98, 0xef,
                                       0x6e, 0xd3, 0x09, 0x97, 0x9b, 0x43, 0x00, 0x3d, 0x23, 0x20, 0xd9,
                                       0xf0, 0xe8, 0xea, 0x98, 0x31, 0xa9, 0x27, 0x59, 0xfb, 0x0b};
  uint8_t zeros[64] = {}, digest[32];
  node_hash(o, zeros, digest);
  o.ok = std::memcmp(digest, expected, 32) == 0;
  return o;
}

const Openssl& openssl() {
  static const Openssl o = resolve();
  return o;
}

}  // namespace

bool openssl_available() { return openssl().ok; }

void compress_openssl(uint32_t state[8], const uint8_t* blocks, size_t n) {
  const Openssl& o = openssl();
  OpensslSha256Ctx ctx;
  std::memcpy(ctx.h, state, sizeof ctx.h);
  for (size_t b = 0; b < n; ++b) o.transform(&ctx, blocks + 64 * b);
  std::memcpy(state, ctx.h, sizeof ctx.h);
}

void hash_nodes_openssl(const uint8_t* in, uint8_t* out, size_t n) {
  const Openssl& o = openssl();
  for (size_t i = 0; i < n; ++i) node_hash(o, in + 64 * i, out + 32 * i);
}

}  // namespace filflow
