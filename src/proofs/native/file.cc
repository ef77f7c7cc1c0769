// fr32FileSubtreeRootAsync: the Fr32 subtree root of a byte range of an open file, read and
// hashed on a libuv pool thread. The worker reads the range chunk by chunk (2^10 blocks,
// 127 KiB: one tree.cc chunk) into its own reused buffer and pads and hashes each chunk while it
// is still in the core's cache, so the bytes cross memory once (page cache → buffer) and the
// main thread only submits ranges and folds roots. Bytes past the end of the file read as zeros:
// zero payload bytes Fr32-pad to zero nodes, the piece's zero padding of FRC-0069
// (filecoin-project/FIPs FRCs/frc-0069.md @ dd3a658e13c47d36af601870934fb9c9d8e5caa6).
// Node hash: filecoin-project/rust-fil-proofs filecoin-hashers/src/sha256.rs @ filecoin-hashers-v14.1.0;
// Fr32: filecoin-project/rust-fil-proofs fr32/src/padding.rs @ fr32-v12.1.0.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "args.h"
#include "fr32.h"
#include "tree.h"

namespace filflow {
namespace {

constexpr size_t CHUNK_PAYLOAD = FR32_UNPADDED_BLOCK * (CHUNK_LEAVES / 4);  // 130,048 bytes
constexpr int64_t MAX_LENGTH = int64_t{1} << 32;
constexpr int64_t MAX_OFFSET = (int64_t{1} << 53) - 1;  // exact in a JS number

// This thread's read buffer (one chunk of payload), allocated on first use.
uint8_t* read_buffer() {
  thread_local std::unique_ptr<uint8_t[]> buf(new uint8_t[CHUNK_PAYLOAD]);
  return buf.get();
}

class FileRootWorker : public Napi::AsyncWorker {
 public:
  FileRootWorker(Napi::Env env, int fd, int64_t offset, size_t length)
      : Napi::AsyncWorker(env, "filflow:fr32FileSubtreeRoot"),
        deferred_(Napi::Promise::Deferred::New(env)),
        fd_(fd),
        offset_(offset),
        length_(length) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  // On a thread-pool thread: no JS access here.
  void Execute() override {
    const size_t chunk = length_ < CHUNK_PAYLOAD ? length_ : CHUNK_PAYLOAD;
    const size_t chunks = length_ / chunk;
    std::vector<uint8_t> roots(32 * chunks);
    uint8_t* buf = read_buffer();
    bool eof = false;
    for (size_t c = 0; c < chunks; ++c) {
      size_t got = 0;
      while (!eof && got < chunk) {
        const ssize_t n = pread(fd_, buf + got, chunk - got, static_cast<off_t>(offset_ + c * chunk + got));
        if (n < 0) {
          if (errno == EINTR) continue;
          errno_ = errno;
          SetError(std::string("pread of fd ") + std::to_string(fd_) + " at offset " + std::to_string(offset_ + c * chunk + got) +
                   ": " + std::strerror(errno_));
          return;
        }
        if (n == 0) eof = true;
        got += static_cast<size_t>(n);
      }
      std::memset(buf + got, 0, chunk - got);
      bytes_read_ += got;
      fr32_subtree_root(buf, chunk / FR32_UNPADDED_BLOCK, roots.data() + 32 * c);
    }
    subtree_root(roots.data(), chunks, root_);
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Uint8Array root = Napi::Uint8Array::New(env, 32);
    std::memcpy(root.Data(), root_, 32);
    Napi::Object result = Napi::Object::New(env);
    result.Set("root", root);
    result.Set("bytesRead", Napi::Number::New(env, static_cast<double>(bytes_read_)));
    deferred_.Resolve(result);
  }

  void OnError(const Napi::Error& e) override {
    Napi::Error error = e;
    error.Set("code", Napi::String::New(Env(), ERR_READ));
    error.Set("errno", Napi::Number::New(Env(), errno_));
    error.Set("syscall", Napi::String::New(Env(), "pread"));
    deferred_.Reject(error.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  int fd_;
  int64_t offset_;
  size_t length_;
  size_t bytes_read_ = 0;
  int errno_ = 0;
  uint8_t root_[32] = {};
};

}  // namespace

// fr32FileSubtreeRootAsync(fd: number, offset: number, length: number /* 127 · 2^k */):
//   Promise<{ root: Uint8Array /* 32 */, bytesRead: number }>
Napi::Value Fr32FileSubtreeRootAsync(const Napi::CallbackInfo& info) {
  const char* fn = "fr32FileSubtreeRootAsync";
  int64_t fd, offset, length;
  if (!get_int(info, 0, fn, "fd", 0, 0x7fffffff, fd) || !get_int(info, 1, fn, "offset", 0, MAX_OFFSET, offset) ||
      !get_int(info, 2, fn, "length", 1, MAX_LENGTH, length))
    return {};
  if (length % 127 != 0 || !is_power_of_two(static_cast<size_t>(length / 127))) {
    throw_range(info.Env(), fn, "length must be 127 · 2^k bytes, got " + std::to_string(length),
                length % 127 != 0 ? ERR_INVALID_LENGTH : ERR_NOT_POWER_OF_TWO, static_cast<double>(length));
    return {};
  }
  if (offset + length > MAX_OFFSET) {
    throw_range(info.Env(), fn, "offset + length must stay below 2^53", ERR_INVALID_ARGUMENT);
    return {};
  }
  auto* worker = new FileRootWorker(info.Env(), static_cast<int>(fd), offset, static_cast<size_t>(length));
  Napi::Promise promise = worker->Promise();
  worker->Queue();  // deleted by N-API after OnOK/OnError
  return promise;
}

}  // namespace filflow
