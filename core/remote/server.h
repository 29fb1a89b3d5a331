// The attention server: serves atlas_device.proto from one or more Devices (this engine on the
// CPU, or an NPU backend). Used by attention-atlas-device and, in-process, by the tests.
#pragma once

#include "core/device/device.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace atlas::remote {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";  ///< HOST:PORT; port 0 picks a free one
  std::string token;                       ///< bearer token; empty: none asked (loopback only)
  std::string tlsCertPem, tlsKeyPem;       ///< both or neither: TLS
  core::Index maxN = 1 << 18;              ///< the largest N or M of a request
  int maxConcurrent = 4;                   ///< Compute and Benchmark calls at once; more refused
  double maxRequestBytes = 256.0 * (1 << 20);
  double maxMemory = 0;  ///< bytes one job may hold; 0: half of this host's memory
  std::size_t chunkBytes = 1 << 20;
  std::string version;
  /// One line per request (who, what, size, time, outcome); called from gRPC's threads.
  std::function<void(const std::string&)> log;
};

/// What the server has done since it started.
struct ServerCounters {
  std::uint64_t requests = 0;   ///< every call, refused ones too
  std::uint64_t completed = 0;  ///< Compute/Benchmark calls that sent their whole stream
  std::uint64_t cancelled = 0;  ///< stopped because the client cancelled, left or ran out of time
  std::uint64_t refused = 0;    ///< unauthenticated, malformed, too large or busy
  std::uint64_t failed = 0;     ///< a device failure
  std::uint64_t running = 0;    ///< in flight now
};

/// Whether HOST:PORT names a loopback address (127.x, ::1, localhost).
bool isLoopback(const std::string& address);

class DeviceServer {
 public:
  /// `devices`: at least one; independent requests, and the jobs of one request, are spread
  /// over them.
  DeviceServer(ServerOptions options, std::vector<std::unique_ptr<core::Device>> devices);
  ~DeviceServer();  ///< shuts down (cancelling what is in flight) if still running
  DeviceServer(const DeviceServer&) = delete;
  DeviceServer& operator=(const DeviceServer&) = delete;

  /// Binds and starts serving. Throws core::Error(InvalidArgument) with one sentence: a
  /// non-loopback address without a token, half a TLS pair, an address it cannot bind.
  void start();
  /// The port it listens on (the chosen one when asked for port 0).
  int port() const;
  /// Stops taking calls; lets those in flight finish for `graceSeconds`, then cancels them.
  void shutdown(double graceSeconds);
  /// Blocks until shutdown() has finished.
  void wait();
  ServerCounters counters() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> m;
};

}  // namespace atlas::remote
