// What every Ascend computation stands on (AscendCL, acl/acl.h; aclnn tensors, aclnn/acl_meta.h):
// errors as core::Error(Device), one device's context and stream, the device memory, tensors and
// workspaces of one computation (freed only once the stream is done with them), and event timing.
// Written against the documented CANN API; see docs/remote-ascend.md.
#pragma once

#include "core/types.h"

#include <acl/acl.h>
#include <aclnn/acl_meta.h>

#include <cstdint>
#include <string>
#include <vector>

namespace atb {
class Context;
}

namespace atlas::core::ascend {

/// Throws Error(Device) with one sentence naming `call`, the status and aclGetRecentErrMsg(),
/// unless `status` is 0 (ACL_SUCCESS, ACLNN_SUCCESS, atb::NO_ERROR).
void check(long long status, const std::string& call);

/// aclInit, once per process (ACL_ERROR_REPEAT_INITIALIZE counts as done); aclFinalize at exit.
void initialiseAcl();

/// One NPU: aclrtSetDevice, its own context and stream, and what computations on it share.
class DeviceContext {
 public:
  explicit DeviceContext(int number);
  ~DeviceContext();  ///< the ATB context, the shared masks, the stream, the context; resets it
  DeviceContext(const DeviceContext&) = delete;
  DeviceContext& operator=(const DeviceContext&) = delete;

  int number() const { return m_number; }
  aclrtStream stream() const { return m_stream; }
  /// Makes this device's context the calling thread's (aclrtSetCurrentContext).
  void makeCurrent() const;
  /// The 2048 x 2048 lower-triangular mask the fused attention operator takes, compressed, with
  /// its causal and band sparse modes (1 above the diagonal: masked), as ACL_BOOL; uploaded on
  /// first use and kept.
  void* compressedCausalMask();
  /// The ATB context on this device's stream (atb::CreateContext), created on first use.
  atb::Context* atb();

 private:
  int m_number;
  aclrtContext m_context = nullptr;
  aclrtStream m_stream = nullptr;
  void* m_causalMask = nullptr;
  atb::Context* m_atb = nullptr;
};

/// Everything one computation puts on the device: buffers, aclTensor views, aclScalars and
/// operator workspaces. The destructor waits for the stream (ignoring its errors: it runs while
/// unwinding too) before freeing anything, so an operator still running never reads freed memory.
class Arena {
 public:
  explicit Arena(aclrtStream stream) : m_stream(stream) {}
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  aclrtStream stream() const { return m_stream; }
  /// Device memory of `bytes` (aclrtMalloc, huge pages first); at least one byte.
  void* alloc(std::size_t bytes);
  /// A copy of `bytes` host bytes in new device memory (aclrtMemcpy, host to device).
  void* upload(const void* host, std::size_t bytes);
  /// Waits for the stream, then copies `bytes` device bytes to the host.
  void download(void* host, const void* device, std::size_t bytes);
  /// An aclTensor (ND) over device memory `data`: `shape`, strides in elements (contiguous when
  /// empty) and an offset in elements into it; `storage` elements make up the whole buffer.
  aclTensor* tensor(void* data, std::int64_t storage, aclDataType type,
                    std::vector<std::int64_t> shape, std::vector<std::int64_t> strides = {},
                    std::int64_t offset = 0);
  /// A float aclScalar (aclCreateScalar, ACL_FLOAT).
  aclScalar* scalar(float value);
  /// A workspace of `bytes` for one operator launch (nullptr for 0), freed by synchronize().
  void* workspace(std::uint64_t bytes);
  /// Waits for the stream (aclrtSynchronizeStream; throws Error on failure), then frees the
  /// workspaces; buffers and tensors stay.
  void synchronize();

 private:
  void release(bool everything) noexcept;

  aclrtStream m_stream;
  std::vector<void*> m_buffers, m_workspaces;
  std::vector<aclTensor*> m_tensors;
  std::vector<aclScalar*> m_scalars;
};

/// The two-phase aclnn call: `get(&workspaceSize, &executor)` (its GetWorkspaceSize), then
/// `run(workspace, size, executor, stream)`; both checked, naming `name`.
template <class Get, class Run>
void launch(Arena& arena, const char* name, Get&& get, Run&& run) {
  std::uint64_t size = 0;
  aclOpExecutor* executor = nullptr;
  check(get(&size, &executor), std::string(name) + "GetWorkspaceSize");
  void* workspace = arena.workspace(size);
  check(run(workspace, size, executor, arena.stream()), name);
}

/// Device time between start() and stop() on a stream (aclrtCreateEventWithFlag with
/// ACL_EVENT_TIME_LINE, aclrtRecordEvent, aclrtEventElapsedTime).
class EventTimer {
 public:
  explicit EventTimer(aclrtStream stream);
  ~EventTimer();
  EventTimer(const EventTimer&) = delete;
  EventTimer& operator=(const EventTimer&) = delete;
  void start();
  void stop();
  /// Seconds between the two events; only once the stream has passed stop() (synchronized).
  double seconds() const;

 private:
  aclrtStream m_stream;
  aclrtEvent m_start = nullptr, m_stop = nullptr;
};

/// A row-major float matrix on the device: rows x cols at `data`.
struct DeviceMatrix {
  float* data = nullptr;
  Index rows = 0, cols = 0;
  std::int64_t size() const { return std::int64_t(rows) * std::int64_t(cols); }
};

/// Uploads a row-major host matrix (its first `rows` rows; -1: all).
DeviceMatrix uploadMatrix(Arena& arena, const Matrix& host, Index rows = -1);
/// rows x cols of new device memory.
DeviceMatrix allocMatrix(Arena& arena, Index rows, Index cols);
/// Columns [c0, c0 + width) of `m` as a rows x width tensor.
aclTensor* columns(Arena& arena, const DeviceMatrix& m, Index c0, Index width);
/// The transpose of columns [c0, c0 + width) of `m`: a width x rows tensor.
aclTensor* columnsTransposed(Arena& arena, const DeviceMatrix& m, Index c0, Index width);
/// The whole of `m` as a rows x cols tensor.
aclTensor* whole(Arena& arena, const DeviceMatrix& m);

}  // namespace atlas::core::ascend
