// AscendDevice::bench: runBench's sweep with the device's points timed by stream events.
#include "ascend_device.h"

#include "acl_support.h"
#include "attention_plan.h"
#include "device_job.h"

#include "core/variant_registry.h"

#include <algorithm>

namespace atlas::core {

namespace {

double medianOf(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  const std::size_t k = t.size();
  return k % 2 ? t[k / 2] : 0.5 * (t[k / 2 - 1] + t[k / 2]);
}

/// runBench's checks, with its own sentences, before anything runs: repeats, d and every n (a
/// sweep without variants), then every variant id (a sweep without sizes). Neither measures.
void validate(const BenchSpec& spec) {
  BenchSpec sizes = spec;
  sizes.variants.clear();
  runBench(sizes);
  BenchSpec ids = spec;
  ids.ns.clear();
  runBench(ids);
}

}  // namespace

std::vector<BenchPoint> AscendDevice::bench(
    const BenchSpec& spec, const std::function<void(const BenchPoint&, double)>& onPoint,
    const CancelToken& cancel) {
  validate(spec);
  std::vector<const Variant*> variants;
  std::vector<ParamSet> params;
  for (BenchVariant& b : benchVariants(spec)) {  // as runBench resolves them
    variants.push_back(b.variant);
    params.push_back(std::move(b.params));
  }
  std::vector<BenchPoint> points;
  const std::size_t total = spec.ns.size() * variants.size();
  for (const Index n : spec.ns) {
    for (std::size_t i = 0; i < variants.size(); ++i) {
      cancel.throwIfCancelled();
      const Variant& v = *variants[i];
      BenchPoint p;
      p.variant = v.id();
      p.n = n;
      p.d = spec.d;
      try {
        InputSpec in;
        in.source = InputSource::Random;
        in.n = in.m = n;
        in.d = in.dv = spec.d;
        in.seed = spec.seed;
        const InputDims dims = v.inputDims(baseDims(in), params[i]);
        const ascend::AttentionPlan attention = ascend::planAttention(v, params[i], dims);
        if (attention.execution == Execution::Host) {
          // The host measures it, point for point as runBench would.
          BenchSpec one = spec;
          one.variants = {p.variant};
          one.ns = {n};
          one.params = {{p.variant, params[i]}};
          p = runBench(one, {}, cancel).front();
        } else {
          const Cost cost = v.cost(dims, params[i]);
          p.flops = cost.flops();
          p.bytes = cost.bytes();
          p.peak = cost.peak;
          checkMemory(v, dims, params[i], spec.memoryLimit, nullptr, !spec.withWeights);
          benchOnDevice(p, v, params[i], attention, generateInputs(in, dims), spec, cancel);
        }
      } catch (const Error& e) {
        p.error = e.what();
      } catch (const std::bad_alloc&) {
        p.error = Error::fill("'%1' ran out of memory.", {v.id()});
      } catch (const Cancelled&) {
        throw;
      } catch (const std::exception& e) {
        p.error = Error::fill("'%1' failed: %2", {v.id(), e.what()});
      }
      if (!p.error.empty()) {
        p.repeats = 0;
        p.median = p.min = p.max = p.gflops = p.withWeightsMedian = p.displaySeconds = 0;
      }
      points.push_back(p);
      if (onPoint) onPoint(points.back(), double(points.size()) / double(total));
    }
  }
  return points;
}

void AscendDevice::benchOnDevice(BenchPoint& p, const Variant& variant, const ParamSet& params,
                                 const ascend::AttentionPlan& attention, const Inputs& inputs,
                                 const BenchSpec& spec, const CancelToken& cancel) {
  std::lock_guard lock(m_mutex);
  m_device->makeCurrent();
  ascend::EventTimer timer(m_device->stream());
  ascend::Arena arena(m_device->stream());
  ParamSet used = params;
  // Uploaded once, outside every timing: the transfer is not the device's work.
  const auto job = ascend::makeDeviceJob(*m_device, arena, attention, inputs, used, variant.id());
  const auto timed = [&](bool weights) {
    const auto once = [&] {
      job->launchOutput(cancel);
      if (weights) job->launchWeights(cancel);
    };
    for (int w = 0; w < spec.warmups; ++w) {
      cancel.throwIfCancelled();
      once();
      arena.synchronize();
    }
    std::vector<double> times;
    for (int r = 0; r < spec.repeats; ++r) {
      cancel.throwIfCancelled();
      timer.start();
      once();
      timer.stop();
      arena.synchronize();  // also frees this repeat's workspaces
      times.push_back(timer.seconds());
    }
    return times;
  };
  const std::vector<double> times = timed(false);
  p.repeats = spec.repeats;
  p.median = medianOf(times);
  p.min = *std::min_element(times.begin(), times.end());
  p.max = *std::max_element(times.begin(), times.end());
  p.gflops = p.median > 0 ? p.flops / p.median * 1e-9 : 0.0;
  if (spec.withWeights) {
    p.withWeightsMedian = medianOf(timed(true));
    p.displaySeconds = std::max(0.0, p.withWeightsMedian - p.median);
  }
}

}  // namespace atlas::core
