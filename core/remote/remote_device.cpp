#include "remote_device.h"

#include "atlas_device.grpc.pb.h"
#include "codec.h"
#include "result_stream.h"
#include "watch.h"

#include "core/io/file_bytes.h"
#include "core/memory.h"

#include <grpc/support/log.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace atlas::remote {

using core::Error;
using Clock = std::chrono::steady_clock;

std::string checkAddress(const std::string& address, bool anyPort) {
  const auto colon = address.rfind(':');
  const auto bad = [&] {
    return Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors",
                      "'%1' is not a device address: give HOST:PORT, e.g. localhost:50051."),
        {address});
  };
  if (colon == std::string::npos || colon == 0) throw bad();
  const std::string port = address.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    throw bad();
  const int p = std::stoi(port);
  if (p < (anyPort ? 0 : 1) || p > 65535) throw bad();
  return address;
}

std::string readTokenFile(const std::string& path) {
  const std::string text = core::io::readFileBytes(path);
  std::string line = text.substr(0, text.find('\n'));
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  line = first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
  if (line.empty())
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "The token file %1 is empty."),
                {path});
  return line;
}

struct RemoteDevice::Impl {
  RemoteOptions options;
  std::shared_ptr<grpc::Channel> channel;
  /// Replaced by reconnect() under the mutex; each call takes its own reference first.
  std::shared_ptr<pb::AtlasDevice::Stub> stub;
  std::mutex mutex;
  std::optional<core::DeviceInfo> info;
  double roundTrip = 0, received = 0;

  void connect() {
    std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
    if (!options.tlsCaPem.empty()) {
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = options.tlsCaPem;
      creds = grpc::SslCredentials(ssl);
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
    channel = grpc::CreateCustomChannel(options.address, creds, args);
    stub = pb::AtlasDevice::NewStub(channel);
  }

  std::shared_ptr<pb::AtlasDevice::Stub> currentStub() {
    std::lock_guard lock(mutex);
    return stub;
  }

  void prepare(grpc::ClientContext& ctx, double seconds) const {
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(std::int64_t(seconds * 1000)));
    if (!options.token.empty()) ctx.AddMetadata("authorization", "Bearer " + options.token);
  }

  /// gRPC's detail in a few words: its messages run to a paragraph of transport internals.
  static std::string shortReason(const std::string& detail) {
    const auto has = [&](const char* what) { return detail.find(what) != std::string::npos; };
    if (has("Connection refused")) return "connection refused: no server listens there";
    if (has("DNS resolution failed") || has("Name or service not known"))
      return "the host name is unknown";
    if (has("Handshake failed") || has("SSL") || has("ssl") || has("certificate"))
      return "the TLS handshake failed";
    if (has("No route to host") || has("Network is unreachable")) return "no route to the host";
    if (has("Connection reset") || has("Socket closed") || has("Broken pipe") || has("EOF"))
      return "the connection was closed";
    if (has("timed out") || has("Timeout")) return "the connection timed out";
    const std::string first = detail.substr(0, detail.find(';'));
    return first.size() > 120 ? first.substr(0, 117) + "..." : first;
  }

  /// The one sentence of a failed call.
  [[noreturn]] void fail(const grpc::Status& s, double deadline, const core::CancelToken& cancel) {
    if (cancel.cancelled()) throw core::Cancelled();
    const std::string& a = options.address;
    const std::string why = s.error_message();
    switch (s.error_code()) {
      case grpc::StatusCode::UNAVAILABLE:
        throw Error(Error::Kind::Device,
                    ATLAS_TR_NOOP("CoreErrors", "Could not reach the device at %1 (%2)."),
                    {a, shortReason(why)});
      case grpc::StatusCode::DEADLINE_EXCEEDED:
        throw Error(Error::Kind::Device,
                    ATLAS_TR_NOOP("CoreErrors", "The device at %1 did not answer within %2 s."),
                    {a, core::formatNumber(deadline)});
      case grpc::StatusCode::UNAUTHENTICATED:
        throw Error(Error::Kind::Device,
                    ATLAS_TR_NOOP("CoreErrors", "The device at %1 refused the token: %2"),
                    {a, why});
      case grpc::StatusCode::RESOURCE_EXHAUSTED:
        throw Error(Error::Kind::TooLarge,
                    ATLAS_TR_NOOP("CoreErrors", "The device at %1 refused the request: %2"),
                    {a, why});
      case grpc::StatusCode::INVALID_ARGUMENT:
        throw Error(Error::Kind::InvalidArgument,
                    ATLAS_TR_NOOP("CoreErrors", "The device at %1 refused the request: %2"),
                    {a, why});
      case grpc::StatusCode::CANCELLED:  // the server cancelled it (shutting down, say)
        throw Error(Error::Kind::Device,
                    ATLAS_TR_NOOP("CoreErrors", "The device at %1 stopped the request (%2)."),
                    {a, why});
      default:
        throw Error(Error::Kind::Device, ATLAS_TR_NOOP("CoreErrors", "The device at %1 failed: %2"),
                    {a, why});
    }
  }
};

RemoteDevice::RemoteDevice(RemoteOptions options) : m(std::make_unique<Impl>()) {
  // gRPC's own log lines (a failed TLS handshake, a refused connection) would add to the one
  // sentence each failure is reported with.
  static const bool quiet = [] {
    gpr_set_log_function([](gpr_log_func_args*) {});
    return true;
  }();
  (void)quiet;
  m->options = std::move(options);
  checkAddress(m->options.address);
  m->connect();
}

RemoteDevice::~RemoteDevice() = default;

std::string RemoteDevice::name() const { return m->options.address; }

void RemoteDevice::reconnect() {
  std::lock_guard lock(m->mutex);
  m->info.reset();
  m->connect();
}

double RemoteDevice::lastRoundTrip() const {
  std::lock_guard lock(m->mutex);
  return m->roundTrip;
}

double RemoteDevice::lastReceivedBytes() const {
  std::lock_guard lock(m->mutex);
  return m->received;
}

core::DeviceInfo RemoteDevice::info(const core::CancelToken& cancel) {
  grpc::ClientContext ctx;
  m->prepare(ctx, m->options.infoSeconds);
  pb::DeviceInfo reply;
  const auto t0 = Clock::now();
  grpc::Status status;
  {
    Watch watch([&] { return cancel.cancelled(); }, [&] { ctx.TryCancel(); });
    status = m->currentStub()->GetInfo(&ctx, pb::InfoRequest(), &reply);
  }
  if (!status.ok()) m->fail(status, m->options.infoSeconds, cancel);
  core::DeviceInfo info = decodeInfo(reply);
  std::lock_guard lock(m->mutex);
  m->roundTrip = std::chrono::duration<double>(Clock::now() - t0).count();
  m->info = info;
  return info;
}

std::vector<core::JobOutcome> RemoteDevice::run(const core::EngineRequest& request,
                                                const core::CancelToken& cancel,
                                                const core::Engine::ResultFn& onResult,
                                                std::uint64_t generation) {
  std::optional<core::DeviceInfo> known;
  {
    std::lock_guard lock(m->mutex);
    known = m->info;
  }
  if (!known) known = info(cancel);
  if (known->generatesInputs || request.loaded)
    return stream(request, cancel, onResult, generation);

  // A server that does not make the app's inputs gets them as tensors, made here as the engine
  // makes them: each job at its variant's own shapes, so one call per distinct shape.
  std::vector<core::JobOutcome> outcomes(request.jobs.size());
  std::vector<std::pair<core::InputDims, std::vector<std::size_t>>> shapes;
  core::InputDims requested;
  try {
    requested = core::baseDims(request.spec);
  } catch (const Error&) {
  }
  for (std::size_t i = 0; i < request.jobs.size(); ++i) {
    const core::EngineJob& job = request.jobs[i];
    try {
      const core::InputDims dims = job.variant->inputDims(core::baseDims(request.spec), job.params);
      auto it =
          std::find_if(shapes.begin(), shapes.end(), [&](auto& s) { return s.first == dims; });
      if (it == shapes.end()) it = shapes.insert(shapes.end(), {dims, {}});
      it->second.push_back(i);
    } catch (const Error& e) {
      outcomes[i].error = e;  // as the engine reports a job it cannot prepare
      if (onResult) onResult(generation, i, outcomes[i]);
    }
  }
  for (const auto& [dims, jobs] : shapes) {
    core::EngineRequest part = request;
    part.jobs.clear();
    for (const std::size_t i : jobs) part.jobs.push_back(request.jobs[i]);
    part.loaded = std::make_shared<const core::Inputs>(core::generateInputs(request.spec, dims));
    const auto got = stream(
        part, cancel,
        [&](std::uint64_t g, std::size_t j, const core::JobOutcome& o) {
          if (onResult) onResult(g, jobs[j], o);
        },
        generation, requested);
    for (std::size_t j = 0; j < got.size(); ++j) outcomes[jobs[j]] = got[j];
  }
  return outcomes;
}

std::vector<core::JobOutcome> RemoteDevice::stream(const core::EngineRequest& request,
                                                   const core::CancelToken& cancel,
                                                   const core::Engine::ResultFn& onResult,
                                                   std::uint64_t generation,
                                                   std::optional<core::InputDims> requested) {
  std::optional<core::DeviceInfo> known;
  {
    std::lock_guard lock(m->mutex);
    known = m->info;
  }
  const pb::ComputeRequest wire = encodeRequest(request);
  const double limit = m->options.maxRequestBytes > 0 ? m->options.maxRequestBytes
                       : known                        ? known->maxRequestBytes
                                                      : 0.0;
  const double size = double(wire.ByteSizeLong());
  if (limit > 0 && size > limit)
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors",
                              "The request takes %1, more than the device at %2 accepts (%3)."),
                {core::formatBytes(size), m->options.address, core::formatBytes(limit)});

  grpc::ClientContext ctx;
  m->prepare(ctx, m->options.callSeconds);
  StreamAssembler assembler(request, requested);
  std::vector<core::JobOutcome> outcomes(request.jobs.size());
  const auto t0 = Clock::now();
  grpc::Status status;
  {
    Watch watch([&] { return cancel.cancelled(); }, [&] { ctx.TryCancel(); });
    auto reader = m->currentStub()->Compute(&ctx, wire);
    pb::ComputeChunk chunk;
    try {
      while (reader->Read(&chunk)) {
        const auto job = assembler.add(chunk);
        if (!job) continue;
        const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
        outcomes[*job] = assembler.take(*job, elapsed);
        if (onResult) onResult(generation, *job, outcomes[*job]);
      }
    } catch (const Error&) {
      ctx.TryCancel();
      reader->Finish();
      throw;
    }
    status = reader->Finish();
  }
  {
    std::lock_guard lock(m->mutex);
    m->received = assembler.receivedBytes();
  }
  if (!status.ok()) m->fail(status, m->options.callSeconds, cancel);
  if (!assembler.finished())
    throw Error(Error::Kind::Device,
                ATLAS_TR_NOOP("CoreErrors", "The device at %1 ended the result stream early."),
                {m->options.address});
  return outcomes;
}

std::vector<core::BenchPoint> RemoteDevice::bench(
    const core::BenchSpec& spec,
    const std::function<void(const core::BenchPoint&, double)>& onPoint,
    const core::CancelToken& cancel) {
  pb::BenchmarkRequest wire;
  for (const auto& v : spec.variants) wire.add_variants(v);
  for (const auto n : spec.ns) wire.add_ns(n);
  wire.set_d(spec.d);
  wire.set_repeats(spec.repeats);
  wire.set_warmups(spec.warmups);
  wire.set_seed(spec.seed);
  wire.set_memory_limit(spec.memoryLimit);
  wire.set_with_weights(spec.withWeights);
  for (const auto& [id, params] : spec.params)
    putParams(&(*wire.mutable_params())[id], params, true);
  grpc::ClientContext ctx;
  m->prepare(ctx, m->options.callSeconds);
  std::vector<core::BenchPoint> points;
  bool done = false;
  grpc::Status status;
  {
    Watch watch([&] { return cancel.cancelled(); }, [&] { ctx.TryCancel(); });
    auto reader = m->currentStub()->Benchmark(&ctx, wire);
    pb::BenchmarkPoint p;
    while (reader->Read(&p)) {
      if (p.done()) {
        done = true;
        continue;
      }
      core::BenchPoint b;
      b.variant = p.variant();
      b.n = p.n();
      b.d = p.d();
      b.repeats = p.repeats();
      b.median = p.median();
      b.min = p.min();
      b.max = p.max();
      b.flops = p.flops();
      b.bytes = p.bytes();
      b.peak = p.peak();
      b.gflops = b.median > 0 ? b.flops / b.median / 1e9 : 0;
      b.withWeightsMedian = p.with_weights_median();
      b.displaySeconds = std::max(0.0, b.withWeightsMedian - b.median);
      b.error = p.error();
      const pb::Provenance& pv = p.provenance();
      b.computedOn = {pv.device().empty() ? m->options.address : pv.device(),
                      decodeExecution(pv.execution()), pv.device_seconds(), p.host_seconds(),
                      p.transfer_seconds()};
      points.push_back(b);
      if (onPoint) onPoint(b, p.fraction());
    }
    status = reader->Finish();
  }
  if (!status.ok()) m->fail(status, m->options.callSeconds, cancel);
  if (!done)
    throw Error(Error::Kind::Device,
                ATLAS_TR_NOOP("CoreErrors", "The device at %1 ended the benchmark early."),
                {m->options.address});
  return points;
}

}  // namespace atlas::remote
