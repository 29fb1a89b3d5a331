#include "calibration.h"

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

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ATLAS_CALIBRATION_X86 1
#endif

namespace atlas::core {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Independent accumulator chains: FMA latency (4 cycles) x 2 pipes needs at least 8 in flight.
constexpr int kChains = 12;

/// A kernel runs `iters` rounds of x = a * x + b on every chain and returns a sum of the chains
/// (so nothing is optimised away). x converges to b / (1 - a) = 10: no overflow, no denormals.
using FmaKernel = float (*)(std::int64_t iters);

struct KernelInfo {
  const char* name;
  FmaKernel run;
  double flopsPerIter;  ///< kChains x lanes x 2
};

#ifdef ATLAS_CALIBRATION_X86
__attribute__((target("avx512f"))) float fmaAvx512(std::int64_t iters) {
  const __m512 a = _mm512_set1_ps(0.9999f), b = _mm512_set1_ps(1e-3f);
  __m512 x0 = _mm512_set1_ps(0), x1 = _mm512_set1_ps(1), x2 = _mm512_set1_ps(2),
         x3 = _mm512_set1_ps(3), x4 = _mm512_set1_ps(4), x5 = _mm512_set1_ps(5),
         x6 = _mm512_set1_ps(6), x7 = _mm512_set1_ps(7), x8 = _mm512_set1_ps(8),
         x9 = _mm512_set1_ps(9), x10 = _mm512_set1_ps(10), x11 = _mm512_set1_ps(11);
  for (std::int64_t i = 0; i < iters; ++i) {
    x0 = _mm512_fmadd_ps(x0, a, b);
    x1 = _mm512_fmadd_ps(x1, a, b);
    x2 = _mm512_fmadd_ps(x2, a, b);
    x3 = _mm512_fmadd_ps(x3, a, b);
    x4 = _mm512_fmadd_ps(x4, a, b);
    x5 = _mm512_fmadd_ps(x5, a, b);
    x6 = _mm512_fmadd_ps(x6, a, b);
    x7 = _mm512_fmadd_ps(x7, a, b);
    x8 = _mm512_fmadd_ps(x8, a, b);
    x9 = _mm512_fmadd_ps(x9, a, b);
    x10 = _mm512_fmadd_ps(x10, a, b);
    x11 = _mm512_fmadd_ps(x11, a, b);
  }
  const __m512 s =
      _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(_mm512_add_ps(x0, x1), _mm512_add_ps(x2, x3)),
                                  _mm512_add_ps(_mm512_add_ps(x4, x5), _mm512_add_ps(x6, x7))),
                    _mm512_add_ps(_mm512_add_ps(x8, x9), _mm512_add_ps(x10, x11)));
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, s);
  float sum = 0;
  for (float v : lanes) sum += v;
  return sum;
}

__attribute__((target("avx2,fma"))) float fmaAvx2(std::int64_t iters) {
  const __m256 a = _mm256_set1_ps(0.9999f), b = _mm256_set1_ps(1e-3f);
  __m256 x0 = _mm256_set1_ps(0), x1 = _mm256_set1_ps(1), x2 = _mm256_set1_ps(2),
         x3 = _mm256_set1_ps(3), x4 = _mm256_set1_ps(4), x5 = _mm256_set1_ps(5),
         x6 = _mm256_set1_ps(6), x7 = _mm256_set1_ps(7), x8 = _mm256_set1_ps(8),
         x9 = _mm256_set1_ps(9), x10 = _mm256_set1_ps(10), x11 = _mm256_set1_ps(11);
  for (std::int64_t i = 0; i < iters; ++i) {
    x0 = _mm256_fmadd_ps(x0, a, b);
    x1 = _mm256_fmadd_ps(x1, a, b);
    x2 = _mm256_fmadd_ps(x2, a, b);
    x3 = _mm256_fmadd_ps(x3, a, b);
    x4 = _mm256_fmadd_ps(x4, a, b);
    x5 = _mm256_fmadd_ps(x5, a, b);
    x6 = _mm256_fmadd_ps(x6, a, b);
    x7 = _mm256_fmadd_ps(x7, a, b);
    x8 = _mm256_fmadd_ps(x8, a, b);
    x9 = _mm256_fmadd_ps(x9, a, b);
    x10 = _mm256_fmadd_ps(x10, a, b);
    x11 = _mm256_fmadd_ps(x11, a, b);
  }
  const __m256 s =
      _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(_mm256_add_ps(x0, x1), _mm256_add_ps(x2, x3)),
                                  _mm256_add_ps(_mm256_add_ps(x4, x5), _mm256_add_ps(x6, x7))),
                    _mm256_add_ps(_mm256_add_ps(x8, x9), _mm256_add_ps(x10, x11)));
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, s);
  float sum = 0;
  for (float v : lanes) sum += v;
  return sum;
}
#endif

/// Baseline: 4 floats per chain, multiply then add (2 flops, no FMA needed): SSE on x86-64
/// (always present), plain arrays elsewhere for the compiler to vectorise.
float fmaPortable(std::int64_t iters) {
#ifdef ATLAS_CALIBRATION_X86
  const __m128 a = _mm_set1_ps(0.9999f), b = _mm_set1_ps(1e-3f);
  __m128 x[kChains];
  for (int c = 0; c < kChains; ++c) x[c] = _mm_set1_ps(float(c));
  for (std::int64_t i = 0; i < iters; ++i) {
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) x[c] = _mm_add_ps(_mm_mul_ps(x[c], a), b);
  }
  alignas(16) float lanes[4];
  __m128 s = x[0];
  for (int c = 1; c < kChains; ++c) s = _mm_add_ps(s, x[c]);
  _mm_store_ps(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
#else
  constexpr int kLanes = 4;
  float x[kChains * kLanes];
  for (int c = 0; c < kChains * kLanes; ++c) x[c] = float(c % 16);
  const float a = 0.9999f, b = 1e-3f;
  for (std::int64_t i = 0; i < iters; ++i)
    for (int c = 0; c < kChains * kLanes; ++c) x[c] = x[c] * a + b;
  float sum = 0;
  for (float v : x) sum += v;
  return sum;
#endif
}

std::vector<KernelInfo> availableKernels() {
  std::vector<KernelInfo> out;
#ifdef ATLAS_CALIBRATION_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) out.push_back({"avx512f", &fmaAvx512, kChains * 16 * 2.0});
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    out.push_back({"avx2+fma", &fmaAvx2, kChains * 8 * 2.0});
#endif
  out.push_back({"baseline", &fmaPortable, kChains * 4 * 2.0});
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
