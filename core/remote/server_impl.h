// The server's inside, shared by its files: the service (one handler per call) and what the
// handlers use. Not part of the interface: server.h is.
#pragma once

#include "server.h"

#include "atlas_device.grpc.pb.h"
#include "codec.h"
#include "result_stream.h"
#include "watch.h"

#include "core/variant_registry.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace atlas::remote {

// This header is included by the server's own files only.
using core::Error;

namespace detail {

using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Compares in time that depends on the lengths only, not on where they differ.
inline bool sameSecret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

inline grpc::StatusCode statusOf(const Error& e) {
  switch (e.kind()) {
    case Error::Kind::TooLarge:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case Error::Kind::Device:
      return grpc::StatusCode::INTERNAL;
    default:
      return grpc::StatusCode::INVALID_ARGUMENT;
  }
}

inline std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace detail

using namespace detail;

struct DeviceServer::Impl final : public pb::AtlasDevice::Service {
  ServerOptions options;
  std::vector<std::unique_ptr<core::Device>> devices;
  std::vector<int> busy;               ///< requests running on each device
  std::vector<std::string> unitNames;  ///< the first unit of each device, for provenance
  double memoryLimit = 0;              ///< bytes one job may hold on this host
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  core::CancelToken stopping;
  mutable std::mutex mutex;
  ServerCounters counts;

  void log(const grpc::ServerContext* ctx, const std::string& what, Clock::time_point t0,
           const std::string& outcome) {
    if (!options.log) return;
    std::ostringstream line;
    line.precision(1);
    line << utcNow() << " " << ctx->peer() << " " << what << " " << std::fixed << since(t0) * 1e3
         << " ms " << outcome;
    options.log(line.str());
  }

  void count(std::uint64_t ServerCounters::*field) {
    std::lock_guard lock(mutex);
    ++(counts.*field);
  }

  /// UNAUTHENTICATED unless the call carries the token.
  grpc::Status authorise(const grpc::ServerContext* ctx) const {
    if (options.token.empty()) return grpc::Status::OK;
    const auto& md = ctx->client_metadata();
    const auto it = md.find("authorization");
    const std::string given =
        it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
    if (sameSecret(given, "Bearer " + options.token)) return grpc::Status::OK;
    return {grpc::StatusCode::UNAUTHENTICATED, it == md.end()
                                                   ? "This server asks for a token; none was given."
                                                   : "The token was refused."};
  }

  /// Takes a slot of --max-concurrent and the least busy device, or nothing when full.
  std::optional<std::size_t> acquire() {
    std::lock_guard lock(mutex);
    if (options.maxConcurrent > 0 && counts.running >= std::uint64_t(options.maxConcurrent))
      return std::nullopt;
    ++counts.running;
    const std::size_t d = std::size_t(std::min_element(busy.begin(), busy.end()) - busy.begin());
    ++busy[d];
    return d;
  }
  void release(std::size_t d) {
    std::lock_guard lock(mutex);
    --counts.running;
    --busy[d];
  }

  grpc::Status busyStatus() const {
    return {grpc::StatusCode::RESOURCE_EXHAUSTED,
            "The server is busy: " + std::to_string(options.maxConcurrent) +
                " requests are running (its --max-concurrent); try again shortly."};
  }

  /// Every job of `request` on the devices: one device, or the jobs spread over all of them.
  std::vector<core::JobOutcome> runJobs(const core::EngineRequest& request, std::size_t first,
                                        const core::CancelToken& cancel,
                                        const core::Engine::ResultFn& onResult) {
    const std::size_t parts = std::min(devices.size(), request.jobs.size());
    if (parts <= 1) return devices[first]->run(request, cancel, onResult);
    std::vector<core::JobOutcome> outcomes(request.jobs.size());
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(parts);
    for (std::size_t p = 0; p < parts; ++p)
      threads.emplace_back([&, p] {
        core::EngineRequest part = request;
        part.jobs.clear();
        std::vector<std::size_t> index;
        for (std::size_t j = p; j < request.jobs.size(); j += parts) {
          part.jobs.push_back(request.jobs[j]);
          index.push_back(j);
        }
        try {
          auto got = devices[(first + p) % devices.size()]->run(
              part, cancel, [&](std::uint64_t g, std::size_t j, const core::JobOutcome& o) {
                if (onResult) onResult(g, index[j], o);
              });
          for (std::size_t j = 0; j < got.size(); ++j) outcomes[index[j]] = std::move(got[j]);
        } catch (...) {
          errors[p] = std::current_exception();
        }
      });
    for (auto& t : threads) t.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
    return outcomes;
  }

  grpc::Status GetInfo(grpc::ServerContext* ctx, const pb::InfoRequest*,
                       pb::DeviceInfo* reply) override {
    const auto t0 = Clock::now();
    count(&ServerCounters::requests);
    if (grpc::Status s = authorise(ctx); !s.ok()) {
      count(&ServerCounters::refused);
      log(ctx, "GetInfo", t0, "refused: " + s.error_message());
      return s;
    }
    core::DeviceInfo info = devices.front()->info();
    info.server = "attention-atlas-device";
    info.version = options.version;
    info.units.clear();
    for (const auto& d : devices)
      for (const auto& u : d->info().units) info.units.push_back(u);
    info.maxN = options.maxN;
    info.maxConcurrent = options.maxConcurrent;
    info.maxRequestBytes = options.maxRequestBytes;
    info.chunkBytes = double(options.chunkBytes);
    *reply = encodeInfo(info);
    count(&ServerCounters::completed);
    log(ctx, "GetInfo", t0, "ok");
    return grpc::Status::OK;
  }

  grpc::Status Compute(grpc::ServerContext* ctx, const pb::ComputeRequest* in,
                       grpc::ServerWriter<pb::ComputeChunk>* writer) override {
    const auto t0 = Clock::now();
    count(&ServerCounters::requests);
    std::string what = "Compute";
    for (const auto& j : in->jobs()) what += (&j == &in->jobs()[0] ? " " : ",") + j.variant();
    const auto refuse = [&](grpc::Status s) {
      count(&ServerCounters::refused);
      log(ctx, what, t0, "refused: " + s.error_message());
      return s;
    };
    if (grpc::Status s = authorise(ctx); !s.ok()) return refuse(s);
    core::EngineRequest request;
    try {
      what += " N=" + std::to_string(requestedLength(*in));
      request = decodeRequest(*in, options.maxN);
      // The client's limit, within this host's own (--max-memory; by default half its memory).
      if (request.memoryLimit <= 0 || request.memoryLimit > memoryLimit)
        request.memoryLimit = memoryLimit;
    } catch (const Error& e) {
      return refuse({statusOf(e), e.what()});
    }
    const auto device = acquire();
    if (!device) return refuse(busyStatus());
    const core::CancelToken cancel;
    std::mutex writeMutex;
    bool clientGone = false;
    ResultWriter out(
        [&](const pb::ComputeChunk& c) {
          if (!writer->Write(c)) clientGone = true;
          return !clientGone;
        },
        options.chunkBytes);
    std::string outcome = "ok";
    grpc::Status status = grpc::Status::OK;
    try {
      Watch watch([&] { return ctx->IsCancelled() || stopping.cancelled(); },
                  [&] { cancel.cancel(); });
      const std::string& unit = unitNames[*device];
      runJobs(request, *device, cancel,
              [&](std::uint64_t, std::size_t job, const core::JobOutcome& o) {
                core::ComputedOn on;
                on.device = unit;
                if (o.result) {
                  on = o.result->computedOn;
                  if (on.device.empty()) on.device = unit;
                  if (on.deviceSeconds == 0) on.deviceSeconds = o.result->seconds;
                }
                std::lock_guard lock(writeMutex);
                if (clientGone || !out.write(int(job), o, on, in->omit_weights())) cancel.cancel();
              });
      cancel.throwIfCancelled();
      pb::ComputeChunk done;
      done.mutable_done()->set_server_seconds(since(t0));
      if (!writer->Write(done)) throw core::Cancelled();
      count(&ServerCounters::completed);
    } catch (const core::Cancelled&) {
      count(&ServerCounters::cancelled);
      outcome = stopping.cancelled() ? "cancelled: the server is shutting down"
                                     : "cancelled by the client or its deadline";
      status = {grpc::StatusCode::CANCELLED, "The request was cancelled."};
    } catch (const Error& e) {
      count(&ServerCounters::failed);
      outcome = std::string("failed: ") + e.what();
      status = {statusOf(e), e.what()};
    } catch (const std::exception& e) {
      count(&ServerCounters::failed);
      outcome = std::string("failed: ") + e.what();
      status = {grpc::StatusCode::INTERNAL, e.what()};
    }
    release(*device);
    log(ctx, what, t0, outcome);
    return status;
  }

  grpc::Status Benchmark(grpc::ServerContext* ctx, const pb::BenchmarkRequest* in,
                         grpc::ServerWriter<pb::BenchmarkPoint>* writer) override;
};

}  // namespace atlas::remote
