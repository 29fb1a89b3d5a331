#include "calibration.h"

#include "simd/attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <memory>
#include <new>
#include <vector>

namespace atlas::core {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// A kernel runs `iters` rounds of x = a * x + b on every chain and returns a sum of the chains
/// (simd::AttentionKernels::peakChains, compiled for every instruction set).
using FmaKernel = float (*)(std::int64_t iters);

struct KernelInfo {
  const char* name;
  FmaKernel run;
  double flopsPerIter;  ///< kPeakChains x lanes x 2
};

/// The probe of every instruction set this CPU runs (AVX-512, AVX2+FMA, the portable baseline).
std::vector<KernelInfo> availableKernels() {
  std::vector<KernelInfo> out;
  for (simd::Isa isa : simd::supportedIsas()) {
    const simd::AttentionKernels& k = simd::attentionKernels(isa);
    out.push_back({simd::isaName(isa), k.peakChains, simd::kPeakChains * k.lanes * 2.0});
  }
  return out;
}

volatile float g_sink = 0;

/// Iterations per second of one kernel on one thread, timed over at least ~2 ms.
double singleThreadRate(const KernelInfo& k) {
  for (std::int64_t iters = 1 << 12;; iters *= 2) {
    const auto t0 = Clock::now();
    g_sink = g_sink + k.run(iters);
    const double t = since(t0);
    if (t > 2e-3 || iters > (std::int64_t(1) << 40)) return double(iters) / std::max(t, 1e-9);
  }
}

/// GFLOP/s of `threads` copies of the kernel running at once (one per TBB thread).
double parallelGflops(const KernelInfo& k, std::int64_t iters, int threads) {
  std::vector<float> sums(std::size_t(threads), 0.0f);
  const auto t0 = Clock::now();
  tbb::parallel_for(
      tbb::blocked_range<int>(0, threads, 1),
      [&](const tbb::blocked_range<int>& r) {
        for (int i = r.begin(); i != r.end(); ++i) sums[std::size_t(i)] = k.run(iters);
      },
      tbb::static_partitioner());
  const double t = since(t0);
  for (float s : sums) g_sink = g_sink + s;
  return k.flopsPerIter * double(iters) * threads / std::max(t, 1e-9) * 1e-9;
}

double measurePeak(double budget, int threads) {
  // The fastest kernel this CPU runs (AVX-512 is not always faster than two AVX2 pipes).
  const KernelInfo* best = nullptr;
  double bestRate = 0;
  const auto kernels = availableKernels();
  for (const auto& k : kernels) {
    const double rate = singleThreadRate(k) * k.flopsPerIter;
    if (rate > bestRate) {
      bestRate = rate;
      best = &k;
    }
  }
  const double itersPerSecond = bestRate / best->flopsPerIter;
  constexpr int kTrials = 3;
  const double trialSeconds = std::max(budget / (kTrials + 0.5), 2e-3);
  const auto iters = std::max<std::int64_t>(1 << 10, std::int64_t(itersPerSecond * trialSeconds));
  parallelGflops(*best, std::max<std::int64_t>(iters / 8, 1), threads);  // wakes the workers
  double peak = 0;
  for (int t = 0; t < kTrials; ++t) peak = std::max(peak, parallelGflops(*best, iters, threads));
  return peak;
}

/// Parallel loop over [0, n) in equal static blocks, the same blocks every call (first touch and
/// later passes hit the same thread's memory).
template <typename F>
void staticFor(std::size_t n, int threads, F&& body) {
  const std::size_t blocks = std::size_t(threads) * 4;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, blocks, 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b)
          body(n * b / blocks, n * (b + 1) / blocks);
      },
      tbb::static_partitioner());
}

double measureBandwidth(double budget, int threads) {
  const auto start = Clock::now();
  std::size_t n = (std::size_t(256) << 20) / (3 * sizeof(float));  // ~256 MB for three arrays
  std::unique_ptr<float[]> a, b, c;
  while (!a) {
    try {
      a.reset(new float[n]);
      b.reset(new float[n]);
      c.reset(new float[n]);
    } catch (const std::bad_alloc&) {
      a.reset();
      b.reset();
      c.reset();
      n /= 2;
      if (n < (std::size_t(1) << 20)) return 0;
    }
  }
  float* pa = a.get();
  const float* pb = b.get();
  const float* pc = c.get();
  staticFor(n, threads, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      a[i] = 0.0f;
      b[i] = 1.0f;
      c[i] = 2.0f;
    }
  });
  const float s = 3.0f;
  double best = 0;
  for (int pass = 0; pass < 20; ++pass) {
    const auto t0 = Clock::now();
    staticFor(n, threads, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) pa[i] = pb[i] + s * pc[i];
    });
    const double t = since(t0);
    best = std::max(best, 3.0 * sizeof(float) * double(n) / std::max(t, 1e-9) * 1e-9);
    const double used = since(start);
    if (pass >= 2 && used + t > budget) break;
  }
  g_sink = g_sink + pa[n / 2];
  return best;
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const auto first = line.find_first_not_of(" \t", colon + 1);
    return first == std::string::npos ? std::string() : line.substr(first);
  }
  return {};
}

}  // namespace

MachineRoof calibrate(double budgetSeconds) {
  if (!(budgetSeconds > 0.05)) budgetSeconds = 0.05;
  MachineRoof roof;
  roof.threads = std::max(1, tbb::this_task_arena::max_concurrency());
  roof.cpu = cpuModel();
  const auto start = Clock::now();
  roof.peakGflops = measurePeak(0.35 * budgetSeconds, roof.threads);
  roof.bandwidthGBs =
      measureBandwidth(std::max(budgetSeconds - since(start), 0.3 * budgetSeconds), roof.threads);
  return roof;
}

double rooflineBound(const MachineRoof& roof, double intensity) {
  if (!(intensity > 0)) return 0;
  return std::min(roof.peakGflops, intensity * roof.bandwidthGBs);
}

}  // namespace atlas::core
