// Benchmark sweeps: time each variant's output path (Variant::computeOutput, as a model runs it)
// over a grid of (variant, N) points and set the measured throughput beside the cost model's
// counts (flops, bytes, peak memory) at the same point; optionally time the full computation
// with the matrices the views draw as well.
#pragma once

#include "computed_on.h"
#include "params.h"
#include "types.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace atlas::core {

/// One measured (variant, N) point.
struct BenchPoint {
  std::string variant;
  Index n = 0;
  Index d = 0;
  int repeats = 0;
  /// Seconds of Variant::computeOutput only: the output as a model computes it, without the
  /// matrices formed for display only (inputs generated once per point, outside the timing).
  double median = 0, min = 0, max = 0;
  double flops = 0, bytes = 0, peak = 0;  ///< from the cost model at this point
  double gflops = 0;                      ///< flops / median / 1e9
  /// With BenchSpec::withWeights, else 0: the median seconds of Variant::compute, which also
  /// forms what the views draw (the implied weights of linear attention, flash's weights, ...),
  /// and displaySeconds = withWeightsMedian - median (never below 0), the time of that display
  /// work. For the variants that form nothing for display only both time the same computation.
  double withWeightsMedian = 0, displaySeconds = 0;
  /// Non-empty when this point could not run (too large, bad params): the English sentence.
  std::string error;
  /// Where it was measured (default: this computer); on a remote device, its host-side and
  /// transfer time apart from the device's.
  ComputedOn computedOn;
};

struct BenchSpec {
  std::vector<std::string> variants;  ///< ids
  std::vector<Index> ns;              ///< sequence lengths (M = N)
  Index d = 64;                       ///< dk = dv = d
  int repeats = 5;
  /// Untimed runs before the timed ones: the first run of a size pays for first-touching its
  /// result's memory and for cold caches, which a median of few repeats would otherwise show.
  int warmups = 1;
  std::uint64_t seed = 0;
  double memoryLimit = 0;  ///< bytes per point (0: none); points over it get error, not run
  /// Also time Variant::compute (BenchPoint::withWeightsMedian); the memory check is then that
  /// of the full computation, else the output path's.
  bool withWeights = false;
  std::map<std::string, ParamSet> params;  ///< optional per-variant parameters (default: defaults)
};

class Variant;

/// A variant of a sweep with the parameters it runs with.
struct BenchVariant {
  const Variant* variant = nullptr;
  ParamSet params;
};

/// The variants of `spec`, in order, each with its parameters from spec.params or its
/// defaults seeded with spec.seed; resolved before any point runs (every device's sweep does
/// this). Throws Error(InvalidArgument) for an unknown id.
std::vector<BenchVariant> benchVariants(const BenchSpec& spec);

/// Runs every (variant, n) point, in order of n then variant, one point at a time (each point's
/// variant uses all cores inside), calling `onPoint` after each point (from the calling thread)
/// with the point and the fraction done (0..1]. Throws Cancelled when `cancel` fires (between
/// repeats). Throws Error for an unknown variant id, repeats < 1, d < 1 or an n < 1, before
/// running anything.
std::vector<BenchPoint> runBench(const BenchSpec& spec,
                                 const std::function<void(const BenchPoint&, double)>& onPoint = {},
                                 const CancelToken& cancel = {});

/// Default sweep sizes: 64, 128, 256, ... up to and including `maxN` (`from` doubled while
/// <= maxN; empty when from > maxN; from < 1 counts as 1).
std::vector<Index> powersOfTwo(Index from, Index maxN);

/// Parses a comma-separated list of whole numbers in [1, maxValue] ("256,512,1024") given to
/// `option` (e.g. "--n"). Throws Error(InvalidArgument) with one sentence naming the option.
std::vector<Index> parseSizeList(const std::string& text, const std::string& option,
                                 Index maxValue = Index(1) << 24);

}  // namespace atlas::core
