#include "device_backends.h"

#include "core/memory.h"

#include <algorithm>

#ifdef ATLAS_WITH_ASCEND
#include "core/device/ascend/ascend_device.h"
#endif

namespace atlas::app::device {

using core::Error;

namespace {

/// One CPU unit per entry: the engine's, named by its number (the host's cores are shared).
class NumberedCpu final : public core::Device {
 public:
  explicit NumberedCpu(int number) : m_number(number) {}
  std::string name() const override { return m_cpu.name(); }
  core::DeviceInfo info(const core::CancelToken& cancel) override {
    core::DeviceInfo i = m_cpu.info(cancel);
    i.units.front().name = "cpu:" + std::to_string(m_number) + " " + i.units.front().name;
    return i;
  }
  std::vector<core::JobOutcome> run(const core::EngineRequest& request,
                                    const core::CancelToken& cancel,
                                    const core::Engine::ResultFn& onResult,
                                    std::uint64_t generation) override {
    return m_cpu.run(request, cancel, onResult, generation);
  }
  std::vector<core::BenchPoint> bench(const core::BenchSpec& spec,
                                      const std::function<void(const core::BenchPoint&, double)>& f,
                                      const core::CancelToken& cancel) override {
    return m_cpu.bench(spec, f, cancel);
  }

 private:
  int m_number;
  core::CpuDevice m_cpu;
};

}  // namespace

std::vector<std::unique_ptr<core::Device>> makeDevices(const std::string& backend,
                                                       const std::string& list) {
  // Device numbers from 0, separated by commas, each once.
  std::vector<core::Index> numbers;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    const bool number = !item.empty() && item.size() <= 4 &&
                        item.find_first_not_of("0123456789") == std::string::npos;
    if (!number || std::count(numbers.begin(), numbers.end(), std::stoi(item)))
      throw Error(Error::Kind::InvalidArgument,
                  "--devices takes different device numbers separated by commas, such as 0,1, "
                  "not '%1'.",
                  {list});
    numbers.push_back(std::stoi(item));
    start = comma + 1;
  }
  std::vector<std::unique_ptr<core::Device>> devices;
  if (backend == "cpu") {
    for (const core::Index n : numbers) devices.push_back(std::make_unique<NumberedCpu>(int(n)));
    return devices;
  }
  if (backend == "ascend") {
#ifdef ATLAS_WITH_ASCEND
    for (const core::Index n : numbers)
      devices.push_back(std::make_unique<core::AscendDevice>(int(n)));
    return devices;
#else
    throw Error(Error::Kind::InvalidArgument,
                "This server was built without the Ascend backend: build it on a host with the "
                "CANN toolkit with -DATLAS_WITH_ASCEND=ON.");
#endif
  }
  throw Error(Error::Kind::InvalidArgument, "There is no backend '%1': use cpu or ascend.",
              {backend});
}

double parseRequestBytes(const std::string& text) {
  const double bytes = core::parseByteSize(text);
  if (bytes < (1 << 20) || bytes >= 2147483648.0)
    throw Error(Error::Kind::InvalidArgument,
                "--max-request-bytes must be at least 1 MiB and below 2 GiB, not %1.", {text});
  return bytes;
}

}  // namespace atlas::app::device
