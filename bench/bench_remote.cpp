// The remote path's overhead: the same requests computed by this computer's engine and by a
// device server on loopback (in this process, CPU backend), at N = 1024 and 4096, with the full
// weights returned and pooled to the display resolution; and the streaming throughput.
// Reported, never asserted: run on an idle machine.
//
//   build/bench/atlas_bench_remote [--repeat R] [--n 1024,4096]
#include "core/bench.h"
#include "core/device/device.h"
#include "core/memory.h"
#include "core/remote/remote_device.h"
#include "core/remote/server.h"
#include "core/variant_registry.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace atlas;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

core::EngineRequest request(core::Index n, bool pooled) {
  core::EngineRequest r;
  r.spec.n = n;
  r.spec.d = 64;
  const core::Variant& v = core::requireVariant("scaled_dot");
  r.jobs.push_back({&v, core::defaultParams(v.params())});
  if (pooled) {
    r.displayBudget = 1;  // every weight over it: pooled to 1024 x 1024 cells on the server
    r.pool = {512, 512, core::PoolSpec::Mode::Max};
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 7;
  std::vector<core::Index> ns = {1024, 4096};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--repeat")) repeats = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--n")) ns = core::parseSizeList(argv[i + 1], "--n");
  }
  core::retainFreedMemory();
  remote::ServerOptions o;
  o.listen = "127.0.0.1:0";
  std::vector<std::unique_ptr<core::Device>> devices;
  devices.push_back(std::make_unique<core::CpuDevice>());
  remote::DeviceServer server(o, std::move(devices));
  server.start();
  remote::RemoteOptions c;
  c.address = "127.0.0.1:" + std::to_string(server.port());
  remote::RemoteDevice device(c);
  device.info();
  core::CpuDevice local;

  std::printf("%-7s %-8s %11s %11s %9s %12s %13s %10s\n", "N", "weights", "local ms", "remote ms",
              "ratio", "received MB", "transfer ms", "MB/s");
  for (const core::Index n : ns)
    for (const bool pooled : {false, true}) {
      const core::EngineRequest r = request(n, pooled);
      std::vector<double> tl, tr, transfer;
      double received = 0;
      for (int k = 0; k < repeats + 1; ++k) {  // the first of each is a warm-up
        auto t0 = std::chrono::steady_clock::now();
        const auto a = local.run(r);
        const double l =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t0 = std::chrono::steady_clock::now();
        const auto b = device.run(r);
        const double m =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!a.front().ok() || !b.front().ok()) {
          std::fprintf(stderr, "N = %ld failed: %s%s\n", long(n), a.front().message().c_str(),
                       b.front().message().c_str());
          return 1;
        }
        if (k == 0) continue;
        tl.push_back(l);
        tr.push_back(m);
        transfer.push_back(b.front().result->computedOn.transferSeconds);
        received = device.lastReceivedBytes();
      }
      const double ml = median(tl), mr = median(tr), mt = median(transfer);
      std::printf("%-7ld %-8s %11.2f %11.2f %8.2fx %12.1f %13.2f %10.0f\n", long(n),
                  pooled ? "pooled" : "dense", ml * 1e3, mr * 1e3, mr / ml, received / 1e6,
                  mt * 1e3, mt > 0 ? received / 1e6 / mt : 0.0);
    }
  server.shutdown(1);
  return 0;
}
