// Time from a new result to a repainted heatmap, on the offscreen platform: the cost the window
// pays per slider step, without the engine. Usage: atlas_bench_heatmap [N ...] (default 256 512).
#include "widgets/heatmap_view.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace atlas;

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {256, 512};
  widgets::HeatmapView view;
  view.resize(1000, 800);
  view.show();
  core::Engine engine;
  std::printf("%6s %6s %10s %10s\n", "N", "heads", "median ms", "p95 ms");
  for (int n : sizes) {
    for (const char* variant : {"scaled_dot", "multi_head"}) {
      std::vector<double> ms;
      long heads = 0;
      for (int seed = 0; seed < 40; ++seed) {
        core::EngineRequest req;
        req.spec.n = n;
        req.spec.d = 64;
        req.spec.seed = static_cast<std::uint64_t>(seed);
        const core::Variant& v = core::requireVariant(variant);
        req.jobs.push_back({&v, core::defaultParams(v.params())});
        const core::JobOutcome out = engine.run(req).front();
        heads = static_cast<long>(out.result->heads());
        QElapsedTimer t;
        t.start();
        view.setResult({out.result, out.inputs});
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(t.nsecsElapsed() * 1e-6);
      }
      std::sort(ms.begin(), ms.end());
      std::printf("%6d %6ld %10.2f %10.2f\n", n, heads, ms[ms.size() / 2],
                  ms[ms.size() * 95 / 100]);
    }
  }
  return 0;
}
