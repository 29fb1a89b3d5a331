#include "device.h"

#include "core/memory.h"
#include "core/variant_registry.h"

#include <fstream>
#include <thread>

namespace atlas::core {

const char* executionName(Execution execution) {
  switch (execution) {
    case Execution::Native:
      return "native";
    case Execution::Composed:
      return "composed";
    case Execution::Host:
      break;
  }
  return "host";
}

std::string CpuDevice::name() const { return "this computer"; }

DeviceUnit CpuDevice::hostUnit() {
  std::string model;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; model.empty() && std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) model = line.substr(line.find_first_not_of(' ', colon + 1));
  }
  if (model.empty()) model = "CPU";
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  return {model + " (" + std::to_string(threads) + " threads)", physicalMemoryBytes(), 0, 0};
}

DeviceInfo CpuDevice::info(const CancelToken&) {
  DeviceInfo info;
  info.server = "attention-atlas";
  info.backend = "cpu";
  info.units = {hostUnit()};
  for (const Variant* v : allVariants()) info.variants[v->id()] = Execution::Host;
  return info;
}

std::vector<JobOutcome> CpuDevice::run(const EngineRequest& request, const CancelToken& cancel,
                                       const Engine::ResultFn& onResult, std::uint64_t generation) {
  return m_engine.run(request, cancel, onResult, generation);
}

std::vector<BenchPoint> CpuDevice::bench(
    const BenchSpec& spec, const std::function<void(const BenchPoint&, double)>& onPoint,
    const CancelToken& cancel) {
  return runBench(spec, onPoint, cancel);
}

}  // namespace atlas::core
