// `attention-atlas device-info --remote HOST:PORT`: what a remote device is, what it takes and
// how it runs each variant, with the round trip of the question.
#include "args.h"
#include "commands.h"
#include "remote_options.h"

#include "core/io/json.h"
#include "core/memory.h"

#include <chrono>
#include <iostream>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

int runDeviceInfo(int argc, char** argv) {
  std::vector<OptionSpec> specs = remoteOptionSpecs();
  specs.push_back({"json", false, false, "", "print JSON"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "device-info", specs);
  if (args.has("help")) {
    std::cout << helpText(
        "attention-atlas device-info --remote HOST:PORT [--token-file F] [--tls-ca F] [--json]",
        specs);
    return 0;
  }
  if (!args.has("remote"))
    throw core::Error(core::Error::Kind::InvalidArgument,
                      "Name the device with --remote HOST:PORT.");
  const std::unique_ptr<core::Device> device = deviceFromArgs(args);
  const auto t0 = std::chrono::steady_clock::now();
  const core::DeviceInfo info = device->info();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (args.has("json")) {
    JsonArray units, variants;
    for (const auto& u : info.units)
      units.append(JsonObject{{"name", u.name},
                              {"memory_bytes", u.memoryBytes},
                              {"peak_flops", u.peakFlops},
                              {"peak_bytes_per_second", u.peakBytesPerSecond}});
    for (const auto& [id, how] : info.variants)
      variants.append(JsonObject{{"id", id}, {"execution", core::executionName(how)}});
    std::cout << toJson(JsonObject{{"address", device->name()},
                                   {"server", info.server},
                                   {"version", info.version},
                                   {"backend", info.backend},
                                   {"units", units},
                                   {"max_n", info.maxN},
                                   {"max_concurrent", info.maxConcurrent},
                                   {"max_request_bytes", info.maxRequestBytes},
                                   {"chunk_bytes", info.chunkBytes},
                                   {"generates_inputs", info.generatesInputs},
                                   {"variants", variants},
                                   {"round_trip_ms", ms}});
    return 0;
  }
  std::cout << device->name() << ": " << info.server << " " << info.version << ", backend "
            << info.backend << ", round trip " << ms << " ms\n";
  for (const auto& u : info.units)
    std::cout << "  unit: " << u.name
              << (u.memoryBytes > 0 ? ", " + core::formatBytes(u.memoryBytes) : std::string())
              << "\n";
  std::cout << "  limits: N up to " << info.maxN << ", " << info.maxConcurrent
            << " request(s) at once, requests up to " << core::formatBytes(info.maxRequestBytes)
            << "\n";
  int counts[3] = {0, 0, 0};
  for (const auto& [id, how] : info.variants) ++counts[int(how)];
  std::cout << "  variants: " << info.variants.size() << " (" << counts[0] << " native, "
            << counts[1] << " composed, " << counts[2] << " on the host)\n";
  for (const auto& [id, how] : info.variants)
    std::cout << "    " << id << ": " << core::executionName(how) << "\n";
  return 0;
}

}  // namespace atlas::app::cli
