// Where attention is computed: one interface for this computer's engine (CpuDevice) and for a
// remote device (core/remote: RemoteDevice, a client of attention-atlas-device). Whoever
// computes (the window, the gallery, the command line, the server itself) asks a Device.
#pragma once

#include "core/bench.h"
#include "core/engine.h"

#include <map>
#include <string>
#include <vector>

namespace atlas::core {

/// One compute unit of a device (an NPU, a GPU, a host's CPU).
struct DeviceUnit {
  std::string name;
  double memoryBytes = 0;         ///< 0: not known
  double peakFlops = 0;           ///< float32 flops per second; 0: not known
  double peakBytesPerSecond = 0;  ///< memory bandwidth; 0: not known
};

/// What a device is and what it takes.
struct DeviceInfo {
  std::string server;  ///< e.g. "attention-atlas-device"
  std::string version;
  std::string backend;  ///< "cpu", "ascend", "torch-cpu", ...
  std::vector<DeviceUnit> units;
  Index maxN = 0;                             ///< the largest N (and M) of a request; 0: no limit
  int maxConcurrent = 0;                      ///< requests computed at once; 0: no limit
  double maxRequestBytes = 0;                 ///< the largest request message; 0: no limit
  double chunkBytes = 0;                      ///< the size of the pieces results are streamed in
  std::map<std::string, Execution> variants;  ///< every variant it computes, and how
  /// Whether it generates the app's inputs itself (else the client sends Q, K, V).
  bool generatesInputs = true;
};

/// The English word of an execution ("native", "composed", "host").
const char* executionName(Execution execution);

class Device {
 public:
  virtual ~Device() = default;
  /// A short name for the status bar and figure titles: "this computer", "npu-lab:50051".
  virtual std::string name() const = 0;
  /// What the device is; throws Error(Device) when it cannot be asked.
  virtual DeviceInfo info(const CancelToken& cancel = {}) = 0;
  /// As Engine::run: every job of `request`, one outcome each, in order; onResult as each job
  /// finishes. Throws Cancelled when `cancel` fires, Error(Device) when the device fails as a
  /// whole (unreachable, refused, lost mid-way: a partial result is never returned).
  virtual std::vector<JobOutcome> run(const EngineRequest& request, const CancelToken& cancel = {},
                                      const Engine::ResultFn& onResult = {},
                                      std::uint64_t generation = 0) = 0;
  /// As runBench: the sweep's points as they are measured, on the device.
  virtual std::vector<BenchPoint> bench(
      const BenchSpec& spec, const std::function<void(const BenchPoint&, double)>& onPoint = {},
      const CancelToken& cancel = {}) = 0;
};

/// This computer: the engine, on the CPU's cores.
class CpuDevice final : public Device {
 public:
  std::string name() const override;
  DeviceInfo info(const CancelToken& cancel = {}) override;
  std::vector<JobOutcome> run(const EngineRequest& request, const CancelToken& cancel = {},
                              const Engine::ResultFn& onResult = {},
                              std::uint64_t generation = 0) override;
  std::vector<BenchPoint> bench(const BenchSpec& spec,
                                const std::function<void(const BenchPoint&, double)>& onPoint = {},
                                const CancelToken& cancel = {}) override;

  /// The CPU as one unit: its model name and threads, physical memory.
  static DeviceUnit hostUnit();

 private:
  Engine m_engine;
};

}  // namespace atlas::core
