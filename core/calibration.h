// This machine's roof: peak float throughput and main-memory bandwidth, measured in about a
// second, for the roofline beside the benchmark's measured GFLOP/s.
#pragma once

#include <string>

namespace atlas::core {

struct MachineRoof {
  double peakGflops = 0;    ///< fp32 FMA throughput, all threads (GFLOP/s, multiply-add = 2)
  double bandwidthGBs = 0;  ///< main-memory bandwidth (GB/s) from a triad/copy on arrays >> caches
  int threads = 0;
  std::string cpu;  ///< /proc/cpuinfo model name, or ""
};

/// Measures both in at most about `budgetSeconds` (default 1.0).
/// Peak: independent FMA chains (12 vector accumulators, enough to hide FMA latency on two
/// pipes) in the kernels of every instruction set this CPU runs (core/simd: AVX-512, AVX2+FMA,
/// portable; the portable build has no -march), the fastest run on every TBB thread; the best
/// of a few trials. Bandwidth: STREAM triad a = b + s*c over ~256 MB of arrays, in parallel,
/// counting 12 bytes per element; the best of several passes.
MachineRoof calibrate(double budgetSeconds = 1.0);

/// Roofline bound in GFLOP/s for an arithmetic intensity (flops per byte):
/// min(peakGflops, intensity * bandwidthGBs); 0 for a negative or NaN intensity.
double rooflineBound(const MachineRoof& roof, double intensity);

}  // namespace atlas::core
