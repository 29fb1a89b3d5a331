// The one way a computation is asked for: the window, its gallery, the benchmark sweep and the
// command line all build their engine requests here, so the memory limit's default, the display
// budget, pooling, seeding and the gallery's filter are decided in one place.
#pragma once

#include "bench.h"
#include "engine.h"

#include <memory>
#include <string>
#include <vector>

namespace atlas::core {

/// Limits every request carries.
struct RequestLimits {
  double memoryLimit = 0;    ///< bytes per job; 0: the default (half of physical memory)
  double displayBudget = 0;  ///< bytes of weights on their way to the screen; 0: never pool
  PoolSpec pool;             ///< the display resolution of pooled weights
};

/// `limit`, or the default memory limit (half of physical memory) when it is 0 or less.
double memoryLimitOrDefault(double limit);

/// A variant's parameters (resolved, matrices from the user if any) to run with.
struct VariantChoice {
  const Variant* variant = nullptr;
  ParamSet params;
};

/// The gallery's round: every chosen variant on the same inputs. A variant whose full weights
/// exceed the display budget is not computed (the gallery draws every weight); it is listed in
/// `tooLarge` with the shapes it would have run on, in the order of `round`.
struct GalleryRequest {
  EngineRequest request;
  std::vector<std::string> round;  ///< every chosen id, in order
  std::vector<std::string> jobs;   ///< the id of each job of `request`
  std::vector<std::pair<std::string, InputDims>> tooLarge;
};

class RequestBuilder {
 public:
  /// Q, K, V from `spec`'s generator, or the `loaded` ones when given (shared by every job).
  RequestBuilder(InputSpec spec, std::shared_ptr<const Inputs> loaded, RequestLimits limits);

  /// One job. Its parameters are seeded from the input spec (one seed for inputs and
  /// parameters); the memory limit resolved; the display budget and pooling as given.
  EngineRequest single(VariantChoice choice) const;

  /// Every choice, filtered for the gallery (see GalleryRequest). Sizes a variant cannot take
  /// are left to the engine, which reports them as that job's error.
  GalleryRequest gallery(std::vector<VariantChoice> choices) const;

  /// The benchmark sweep of `variants` at sizes `ns` (random inputs, M = N, dk = dv = d), with
  /// the same memory limit: each variant's output path (Variant::computeOutput) is timed.
  BenchSpec bench(std::vector<std::string> variants, std::vector<Index> ns, Index d,
                  int repeats) const;

 private:
  EngineRequest base() const;

  InputSpec m_spec;
  std::shared_ptr<const Inputs> m_loaded;
  RequestLimits m_limits;
};

}  // namespace atlas::core
