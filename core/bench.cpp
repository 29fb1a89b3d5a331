#include "bench.h"

#include "engine.h"
#include "inputs.h"
#include "variant_registry.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace atlas::core {

namespace {

double medianOf(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  const std::size_t k = t.size();
  return k % 2 ? t[k / 2] : 0.5 * (t[k / 2 - 1] + t[k / 2]);
}

/// Measures one point into `p` (whose variant, n and d are set); a failure that belongs to this
/// point (too large, bad parameters) becomes p.error; Cancelled propagates.
void measurePoint(BenchPoint& p, const Variant& variant, const ParamSet& params,
                  const BenchSpec& spec, const CancelToken& cancel) {
  try {
    InputSpec in;
    in.source = InputSource::Random;
    in.n = p.n;
    in.m = p.n;
    in.d = p.d;
    in.dv = p.d;
    in.seed = spec.seed;
    const InputDims dims = variant.inputDims(baseDims(in), params);
    const Cost cost = variant.cost(dims, params);
    p.flops = cost.flops();
    p.bytes = cost.bytes();
    p.peak = cost.peak;
    checkMemory(variant, dims, params, spec.memoryLimit, nullptr, !spec.withWeights);
    const Inputs inputs = generateInputs(in, dims);
    // Warm-up runs, then the timed ones, each result freed outside its timing.
    auto timed = [&](auto&& run) {
      for (int w = 0; w < spec.warmups; ++w) {
        cancel.throwIfCancelled();
        const VariantResult warm = run();
      }
      std::vector<double> times;
      times.reserve(std::size_t(spec.repeats));
      for (int r = 0; r < spec.repeats; ++r) {
        cancel.throwIfCancelled();
        double seconds = 0;
        {
          const auto t0 = std::chrono::steady_clock::now();
          const VariantResult result = run();
          seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        times.push_back(seconds);
      }
      return times;
    };
    const std::vector<double> times =
        timed([&] { return variant.computeOutput(inputs, params, cancel); });
    p.repeats = spec.repeats;
    p.median = medianOf(times);
    p.min = *std::min_element(times.begin(), times.end());
    p.max = *std::max_element(times.begin(), times.end());
    p.gflops = p.median > 0 ? p.flops / p.median * 1e-9 : 0.0;
    if (spec.withWeights) {
      p.withWeightsMedian =
          medianOf(timed([&] { return variant.compute(inputs, params, cancel); }));
      p.displaySeconds = std::max(0.0, p.withWeightsMedian - p.median);
    }
  } catch (const Error& e) {
    p.error = e.what();
  } catch (const std::bad_alloc&) {
    p.error = Error::fill(ATLAS_TR_NOOP("CoreErrors", "'%1' ran out of memory."), {variant.id()});
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    p.error = Error::fill(ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"), {variant.id(), e.what()});
  }
  if (!p.error.empty()) {
    p.repeats = 0;
    p.median = p.min = p.max = p.gflops = p.withWeightsMedian = p.displaySeconds = 0;
  }
}

}  // namespace

std::vector<BenchVariant> benchVariants(const BenchSpec& spec) {
  std::vector<BenchVariant> out;
  for (const std::string& id : spec.variants) {
    const Variant& v = requireVariant(id);
    const auto it = spec.params.find(id);
    ParamSet p = it != spec.params.end() ? it->second : defaultParams(v.params());
    if (it == spec.params.end()) p.seed = spec.seed;
    out.push_back({&v, std::move(p)});
  }
  return out;
}

std::vector<BenchPoint> runBench(const BenchSpec& spec,
                                 const std::function<void(const BenchPoint&, double)>& onPoint,
                                 const CancelToken& cancel) {
  if (spec.repeats < 1)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors", "The number of repeats must be at least 1, not %1."),
                {num(spec.repeats)});
  if (spec.d < 1)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors", "The width d must be at least 1, not %1."),
                {num(spec.d)});
  for (Index n : spec.ns)
    if (n < 1)
      throw Error(Error::Kind::InvalidArgument,
                  ATLAS_TR_NOOP("CoreErrors", "Every N must be at least 1, not %1."), {num(n)});
  // Resolve every variant and its parameters before the first point runs.
  std::vector<const Variant*> variants;
  std::vector<ParamSet> params;
  for (BenchVariant& b : benchVariants(spec)) {
    variants.push_back(b.variant);
    params.push_back(std::move(b.params));
  }

  std::vector<BenchPoint> points;
  const std::size_t total = spec.ns.size() * variants.size();
  points.reserve(total);
  for (Index n : spec.ns) {
    for (std::size_t i = 0; i < variants.size(); ++i) {
      cancel.throwIfCancelled();
      BenchPoint p;
      p.variant = variants[i]->id();
      p.n = n;
      p.d = spec.d;
      measurePoint(p, *variants[i], params[i], spec, cancel);
      points.push_back(std::move(p));
      if (onPoint) onPoint(points.back(), double(points.size()) / double(total));
    }
  }
  return points;
}

std::vector<Index> powersOfTwo(Index from, Index maxN) {
  std::vector<Index> out;
  for (Index n = std::max<Index>(from, 1); n <= maxN; n *= 2) {
    out.push_back(n);
    if (n > std::numeric_limits<Index>::max() / 2) break;
  }
  return out;
}

std::vector<Index> parseSizeList(const std::string& text, const std::string& option,
                                 Index maxValue) {
  std::vector<Index> out;
  auto bad = [&]() {
    return Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors",
                      "%1 needs a comma-separated list of whole numbers from 1 to %2, not '%3'."),
        {option, num(maxValue), text});
  };
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? std::string() : item.substr(first, last - first + 1);
    if (item.empty() || item.size() > 18 ||
        !std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw bad();
    const long long v = std::stoll(item);
    if (v < 1 || v > maxValue) throw bad();
    out.push_back(Index(v));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace atlas::core
