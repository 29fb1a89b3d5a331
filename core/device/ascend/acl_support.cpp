#include "acl_support.h"

#include <atb/atb_infer.h>

#include <algorithm>

namespace atlas::core::ascend {

void check(long long status, const std::string& call) {
  if (status == 0) return;
  const char* recent = aclGetRecentErrMsg();
  const std::string detail =
      recent && *recent ? std::string(recent) : std::string("the runtime gave no further detail");
  throw Error(Error::Kind::Device,
              ATLAS_TR_NOOP("CoreErrors", "The Ascend call %1 failed with status %2: %3"),
              {call, num(status), detail});
}

namespace {

/// aclInit in its constructor, aclFinalize in its destructor (at exit, after main: every
/// DeviceContext, owned by the server, is gone by then). A failed aclInit throws and is tried
/// again by the next device.
struct AclProcess {
  AclProcess() {
    const aclError status = aclInit(nullptr);
    if (status != ACL_ERROR_REPEAT_INITIALIZE) check(status, "aclInit");
  }
  ~AclProcess() { aclFinalize(); }
  AclProcess(const AclProcess&) = delete;
  AclProcess& operator=(const AclProcess&) = delete;
};

/// "call (detail)", appended piece by piece (GCC 12 warns, wrongly, on "literal" + std::string).
std::string named(const char* call, const std::string& detail) {
  std::string s(call);
  s += " (";
  s += detail;
  s += ')';
  return s;
}

}  // namespace

void initialiseAcl() { static AclProcess process; }

DeviceContext::DeviceContext(int number) : m_number(number) {
  initialiseAcl();
  std::string which = "device ";
  which += std::to_string(number);
  check(aclrtSetDevice(number), named("aclrtSetDevice", which));
  try {
    check(aclrtCreateContext(&m_context, number), named("aclrtCreateContext", which));
    makeCurrent();
    check(aclrtCreateStream(&m_stream), "aclrtCreateStream");
  } catch (...) {
    if (m_context) aclrtDestroyContext(m_context);
    aclrtResetDevice(number);
    throw;
  }
}

DeviceContext::~DeviceContext() {
  aclrtSetCurrentContext(m_context);
  if (m_atb) atb::DestroyContext(m_atb);
  if (m_causalMask) aclrtFree(m_causalMask);
  aclrtDestroyStream(m_stream);
  aclrtDestroyContext(m_context);
  aclrtResetDevice(m_number);
}

void DeviceContext::makeCurrent() const {
  check(aclrtSetCurrentContext(m_context), "aclrtSetCurrentContext");
}

void* DeviceContext::compressedCausalMask() {
  if (m_causalMask) return m_causalMask;
  constexpr std::size_t side = 2048;
  std::vector<std::uint8_t> mask(side * side, 0);
  for (std::size_t i = 0; i < side; ++i)
    std::fill(mask.begin() + std::ptrdiff_t(i * side + i + 1),
              mask.begin() + std::ptrdiff_t((i + 1) * side), std::uint8_t{1});
  void* device = nullptr;
  check(aclrtMalloc(&device, mask.size(), ACL_MEM_MALLOC_HUGE_FIRST), "aclrtMalloc (causal mask)");
  const aclError copied =
      aclrtMemcpy(device, mask.size(), mask.data(), mask.size(), ACL_MEMCPY_HOST_TO_DEVICE);
  if (copied != ACL_SUCCESS) {
    aclrtFree(device);
    check(copied, "aclrtMemcpy (causal mask)");
  }
  return m_causalMask = device;
}

atb::Context* DeviceContext::atb() {
  if (m_atb) return m_atb;
  atb::Context* context = nullptr;
  check(atb::CreateContext(&context), "atb::CreateContext");
  const atb::Status status = context->SetExecuteStream(m_stream);
  if (status != atb::NO_ERROR) {
    atb::DestroyContext(context);
    check(status, "atb::Context::SetExecuteStream");
  }
  return m_atb = context;
}

Arena::~Arena() {
  aclrtSynchronizeStream(m_stream);  // while unwinding too: nothing may be freed under a kernel
  release(true);
}

void* Arena::alloc(std::size_t bytes) {
  void* p = nullptr;
  check(aclrtMalloc(&p, std::max<std::size_t>(bytes, 1), ACL_MEM_MALLOC_HUGE_FIRST),
        named("aclrtMalloc", std::to_string(bytes) + " bytes"));
  m_buffers.push_back(p);
  return p;
}

void* Arena::upload(const void* host, std::size_t bytes) {
  void* p = alloc(bytes);
  if (bytes > 0)
    check(aclrtMemcpy(p, bytes, host, bytes, ACL_MEMCPY_HOST_TO_DEVICE),
          "aclrtMemcpy (host to device)");
  return p;
}

void Arena::download(void* host, const void* device, std::size_t bytes) {
  check(aclrtSynchronizeStream(m_stream), "aclrtSynchronizeStream");
  if (bytes > 0)
    check(aclrtMemcpy(host, bytes, device, bytes, ACL_MEMCPY_DEVICE_TO_HOST),
          "aclrtMemcpy (device to host)");
}

aclTensor* Arena::tensor(void* data, std::int64_t storage, aclDataType type,
                         std::vector<std::int64_t> shape, std::vector<std::int64_t> strides,
                         std::int64_t offset) {
  if (strides.empty()) {
    strides.assign(shape.size(), 1);
    for (std::size_t d = shape.size(); d-- > 1;) strides[d - 1] = strides[d] * shape[d];
  }
  aclTensor* t = aclCreateTensor(shape.data(), shape.size(), type, strides.data(), offset,
                                 ACL_FORMAT_ND, &storage, 1, data);
  if (!t) check(-1, "aclCreateTensor");
  m_tensors.push_back(t);
  return t;
}

aclScalar* Arena::scalar(float value) {
  aclScalar* s = aclCreateScalar(&value, ACL_FLOAT);
  if (!s) check(-1, "aclCreateScalar");
  m_scalars.push_back(s);
  return s;
}

void* Arena::workspace(std::uint64_t bytes) {
  if (bytes == 0) return nullptr;
  void* p = nullptr;
  check(aclrtMalloc(&p, bytes, ACL_MEM_MALLOC_HUGE_FIRST),
        named("aclrtMalloc", std::to_string(bytes) + " bytes of workspace"));
  m_workspaces.push_back(p);
  return p;
}

void Arena::synchronize() {
  check(aclrtSynchronizeStream(m_stream), "aclrtSynchronizeStream");
  release(false);
}

void Arena::release(bool everything) noexcept {
  for (void* p : m_workspaces) aclrtFree(p);
  m_workspaces.clear();
  if (!everything) return;
  for (aclTensor* t : m_tensors) aclDestroyTensor(t);
  for (aclScalar* s : m_scalars) aclDestroyScalar(s);
  for (void* p : m_buffers) aclrtFree(p);
  m_tensors.clear();
  m_scalars.clear();
  m_buffers.clear();
}

EventTimer::EventTimer(aclrtStream stream) : m_stream(stream) {
  check(aclrtCreateEventWithFlag(&m_start, ACL_EVENT_TIME_LINE), "aclrtCreateEventWithFlag");
  const aclError status = aclrtCreateEventWithFlag(&m_stop, ACL_EVENT_TIME_LINE);
  if (status != ACL_SUCCESS) {
    aclrtDestroyEvent(m_start);
    check(status, "aclrtCreateEventWithFlag");
  }
}

EventTimer::~EventTimer() {
  aclrtDestroyEvent(m_start);
  aclrtDestroyEvent(m_stop);
}

void EventTimer::start() { check(aclrtRecordEvent(m_start, m_stream), "aclrtRecordEvent"); }
void EventTimer::stop() { check(aclrtRecordEvent(m_stop, m_stream), "aclrtRecordEvent"); }

double EventTimer::seconds() const {
  float ms = 0;
  check(aclrtEventElapsedTime(&ms, m_start, m_stop), "aclrtEventElapsedTime");
  return double(ms) * 1e-3;
}

DeviceMatrix uploadMatrix(Arena& arena, const Matrix& host, Index rows) {
  const Index r = rows < 0 ? host.rows() : rows;
  DeviceMatrix m{nullptr, r, host.cols()};
  m.data = static_cast<float*>(arena.upload(host.data(), std::size_t(m.size()) * sizeof(float)));
  return m;
}

DeviceMatrix allocMatrix(Arena& arena, Index rows, Index cols) {
  DeviceMatrix m{nullptr, rows, cols};
  m.data = static_cast<float*>(arena.alloc(std::size_t(m.size()) * sizeof(float)));
  return m;
}

aclTensor* columns(Arena& arena, const DeviceMatrix& m, Index c0, Index width) {
  return arena.tensor(m.data, m.size(), ACL_FLOAT, {m.rows, width}, {m.cols, 1}, c0);
}

aclTensor* columnsTransposed(Arena& arena, const DeviceMatrix& m, Index c0, Index width) {
  return arena.tensor(m.data, m.size(), ACL_FLOAT, {width, m.rows}, {1, m.cols}, c0);
}

aclTensor* whole(Arena& arena, const DeviceMatrix& m) {
  return arena.tensor(m.data, m.size(), ACL_FLOAT, {m.rows, m.cols});
}

}  // namespace atlas::core::ascend
