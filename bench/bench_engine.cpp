// Times the engine's dense variants against a plain single-threaded Eigen reference
// (S = Q K^T * scale; row softmax; P V) in the same process, and prints the ratio.
// Usage: atlas_bench [N ...]   (default 256 512 1024); d = 64, median of 5 runs.
#include "core/engine.h"
#include "core/variant_registry.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace atlas::core;

namespace {

template <typename F>
double medianSeconds(F&& f, int repeat = 5) {
  std::vector<double> t;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

double plainEigen(const Inputs& in) {
  Matrix s = in.q * in.k.transpose() * (1.0f / std::sqrt(float(in.k.cols())));
  for (Index i = 0; i < s.rows(); ++i) {
    s.row(i).array() = (s.row(i).array() - s.row(i).maxCoeff()).exp();
    s.row(i) /= s.row(i).sum();
  }
  const Matrix o = s * in.v;
  return o(0, 0);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Index> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atol(argv[i]));
  if (sizes.empty()) sizes = {256, 512, 1024};
  Engine engine;
  std::printf("%-14s %6s %12s %10s %14s\n", "variant", "N", "median ms", "GFLOP/s", "vs plain Eigen");
  for (Index n : sizes) {
    InputSpec spec;
    spec.n = n;
    spec.d = 64;
    const Inputs base = generateInputs(spec, baseDims(spec));
    volatile double sink = 0;
    const double ref = medianSeconds([&] { sink = sink + plainEigen(base); });
    for (const Variant* v : allVariants()) {
      EngineRequest req;
      req.spec = spec;
      req.jobs.push_back({v, defaultParams(v->params())});
      JobOutcome last;
      const double t = medianSeconds([&] { last = engine.run(req).front(); });
      if (!last.ok()) {
        std::printf("%-14s %6ld  %s\n", v->id().c_str(), long(n), last.error.c_str());
        continue;
      }
      std::printf("%-14s %6ld %12.3f %10.1f %13.2fx\n", v->id().c_str(), long(n), t * 1e3,
                  last.result->cost.flops() / t * 1e-9, ref / t);
    }
    std::printf("%-14s %6ld %12.3f\n", "(plain Eigen)", long(n), ref * 1e3);
  }
  return 0;
}
