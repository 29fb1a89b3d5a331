// A remote device: a client of attention-atlas-device (or of any server of
// atlas_device.proto) that computes as the local engine does and returns the same results,
// labelled with the device that computed them.
#pragma once

#include "core/device/device.h"

#include <memory>
#include <optional>
#include <string>

namespace atlas::remote {

struct RemoteOptions {
  std::string address;       ///< HOST:PORT
  std::string token;         ///< bearer token; empty: none sent
  std::string tlsCaPem;      ///< non-empty: TLS, trusting this CA
  double infoSeconds = 5;    ///< deadline of GetInfo
  double callSeconds = 600;  ///< deadline of Compute and Benchmark
  /// Bytes of a request message the server accepts at most (checked before sending); 0: ask
  /// the server.
  double maxRequestBytes = 0;
};

/// HOST:PORT checked: a host and a port in 1..65535 (0 too with `anyPort`: a server then
/// picks a free one). Throws core::Error(InvalidArgument).
std::string checkAddress(const std::string& address, bool anyPort = false);

/// Reads a token file: its first line, without surrounding whitespace. Throws
/// core::Error(BadFile) for a missing, unreadable or empty file.
std::string readTokenFile(const std::string& path);

class RemoteDevice final : public core::Device {
 public:
  explicit RemoteDevice(RemoteOptions options);
  ~RemoteDevice() override;

  /// The address, as the status bar and figure titles show it.
  std::string name() const override;
  core::DeviceInfo info(const core::CancelToken& cancel = {}) override;
  std::vector<core::JobOutcome> run(const core::EngineRequest& request,
                                    const core::CancelToken& cancel = {},
                                    const core::Engine::ResultFn& onResult = {},
                                    std::uint64_t generation = 0) override;
  std::vector<core::BenchPoint> bench(
      const core::BenchSpec& spec,
      const std::function<void(const core::BenchPoint&, double)>& onPoint = {},
      const core::CancelToken& cancel = {}) override;

  /// Seconds of the last GetInfo round trip.
  double lastRoundTrip() const;
  /// Bytes of tensors received by the last run.
  double lastReceivedBytes() const;
  /// A fresh connection (the old one's backoff forgotten): what "Reconnect" does.
  void reconnect();

  struct Impl;

 private:
  /// One Compute call of `request` as it is; `requested`, when given, is what every result
  /// says was asked for (the spec's shapes, for inputs made here and sent as tensors).
  std::vector<core::JobOutcome> stream(const core::EngineRequest& request,
                                       const core::CancelToken& cancel,
                                       const core::Engine::ResultFn& onResult,
                                       std::uint64_t generation,
                                       std::optional<core::InputDims> requested = std::nullopt);
  std::unique_ptr<Impl> m;
};

}  // namespace atlas::remote
