// Times the dense path: Variant::compute of the dense variants (inputs generated once per size,
// outside the timing, as `attention-atlas bench` does) and the weights-free kernel
// attendDenseOutputOnly, on each instruction set this CPU runs, beside a plain single-threaded
// Eigen reference (S = Q K^T * scale; row softmax; P V) in the same process.
// Usage: atlas_bench [--all] [--isa=avx512|avx2|portable|each] [--retain-memory] [N ...]
//   default sizes 256 512 1024, d = 64, 5 runs (min and median); --all: every variant, not
//   only the dense ones; --isa: one instruction set, or each one (default: the best);
//   --retain-memory: core::retainFreedMemory() first, so runs after the first reuse the memory
//   of the results before (by default glibc returns large freed blocks to the system, and each
//   run pays page faults and the zeroing of its fresh results).
// GFLOP/s is given twice: the cost model's flops, and 4 N^2 d (Q K^T and P V over all heads),
// the count the FMA peak is compared with.
#include "core/kernels.h"
#include "core/memory.h"
#include "core/simd/isa.h"
#include "core/variant_registry.h"

#include <tbb/parallel_for.h>
#include <algorithm>
#include <chrono>
#include <cmath>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace atlas::core;

namespace {

struct Timing {
  double min = 0, median = 0;
};

template <typename F>
Timing time(F&& f, int repeat = 5) {
  std::vector<double> t;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return {t.front(), t[t.size() / 2]};
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

bool isDense(const Variant& v) { return v.family() == Family::DenseScoring || v.id() == "flash"; }

void row(const char* name, const char* isa, Index n, const Timing& t, double flops,
         double denseFlops, double ref) {
  std::printf("%-20s %-9s %6ld %10.3f %10.3f %9.1f %9.1f %9.2fx\n", name, isa, long(n), t.min * 1e3,
              t.median * 1e3, flops / t.median * 1e-9, denseFlops / t.median * 1e-9,
              ref / t.median);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Index> sizes;
  bool all = false;
  std::vector<simd::Isa> isas = {simd::activeIsa()};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--all") {
      all = true;
    } else if (arg == "--retain-memory") {
      if (!retainFreedMemory())
        std::fprintf(stderr, "note: --retain-memory is not supported here\n");
    } else if (arg.rfind("--isa=", 0) == 0) {
      const std::string name = arg.substr(6);
      if (name == "each") {
        isas = simd::supportedIsas();
        continue;
      }
      isas.clear();
      for (simd::Isa isa : simd::supportedIsas())
        if (name == simd::isaName(isa)) isas.push_back(isa);
      if (isas.empty()) {
        std::fprintf(stderr, "error: this CPU does not run '%s'\n", name.c_str());
        return 2;
      }
    } else {
      sizes.push_back(std::atol(argv[i]));
    }
  }
  if (sizes.empty()) sizes = {256, 512, 1024};
  std::printf("%-20s %-9s %6s %10s %10s %9s %9s %10s\n", "variant", "isa", "N", "min ms",
              "median ms", "GFLOP/s", "4N^2d/s", "vs Eigen");
  const CancelToken cancel;
  for (Index n : sizes) {
    InputSpec spec;
    spec.n = n;
    spec.m = n;
    spec.d = 64;
    spec.dv = 64;
    const Inputs base = generateInputs(spec, baseDims(spec));
    volatile double sink = 0;
    const double ref = time([&] { sink = sink + plainEigen(base); }).median;
    const double denseFlops = 4.0 * double(n) * double(n) * 64.0;
    for (simd::Isa isa : isas) {
      simd::ScopedIsa forced(isa);
      for (const Variant* v : allVariants()) {
        if (!all && !isDense(*v)) continue;
        const ParamSet params = defaultParams(v->params());
        std::optional<Inputs> inputs;
        try {
          const InputDims dims = v->inputDims(baseDims(spec), params);
          inputs = generateInputs(spec, dims);
          const double flops = v->cost(dims, params).flops();
          const Timing t =
              time([&] { const VariantResult r = v->compute(*inputs, params, cancel); });
          row(v->id().c_str(), simd::isaName(isa), n, t, flops, denseFlops, ref);
        } catch (const std::exception& e) {
          std::printf("%-20s %-9s %6ld  %s\n", v->id().c_str(), simd::isaName(isa), long(n),
                      e.what());
        }
      }
      const float scale = 1.0f / std::sqrt(64.0f);
      const Timing t = time([&] {
        const Matrix o = attendDenseOutputOnly(base.q, base.k, base.v, scale, false, cancel);
        sink = sink + o(0, 0);
      });
      row("(output only)", simd::isaName(isa), n, t, denseFlops, denseFlops, ref);
      // The same without weights for heads of width 16 and 8 (multi_head's and grouped_query's
      // defaults at d = 64): the ceiling their exps leave, since every score still needs one.
      for (const Index heads : {Index(4), Index(8)}) {
        const Index dh = 64 / heads;
        const float headScale = 1.0f / std::sqrt(float(dh));
        const Timing th = time([&] {
          tbb::parallel_for(Index{0}, heads, [&](Index a) {
            const Matrix o =
                attendDenseOutputOnly(base.q.middleCols(a * dh, dh), base.k.middleCols(a * dh, dh),
                                      base.v.middleCols(a * dh, dh), headScale, false, cancel);
            sink = sink + o(0, 0);
          });
        });
        row(heads == 4 ? "(output only, h=4)" : "(output only, h=8)", simd::isaName(isa), n, th,
            denseFlops, denseFlops, ref);
      }
    }
    std::printf("%-20s %-9s %6ld %10s %10.3f\n", "(plain Eigen, 1 thr)", "", long(n), "",
                ref * 1e3);
  }
  return 0;
}
