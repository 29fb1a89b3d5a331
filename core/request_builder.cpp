#include "request_builder.h"

#include "memory.h"

namespace atlas::core {

double memoryLimitOrDefault(double limit) { return limit > 0 ? limit : defaultMemoryLimit(); }

RequestBuilder::RequestBuilder(InputSpec spec, std::shared_ptr<const Inputs> loaded,
                               RequestLimits limits)
    : m_spec(std::move(spec)), m_loaded(std::move(loaded)), m_limits(limits) {}

EngineRequest RequestBuilder::base() const {
  EngineRequest r;
  r.spec = m_spec;
  r.loaded = m_loaded;
  r.memoryLimit = memoryLimitOrDefault(m_limits.memoryLimit);
  r.displayBudget = m_limits.displayBudget;
  r.pool = m_limits.pool;
  return r;
}

EngineRequest RequestBuilder::single(VariantChoice choice) const {
  EngineRequest r = base();
  choice.params.seed = m_spec.seed;
  r.jobs.push_back({choice.variant, std::move(choice.params)});
  return r;
}

GalleryRequest RequestBuilder::gallery(std::vector<VariantChoice> choices) const {
  GalleryRequest g;
  g.request = base();
  for (VariantChoice& c : choices) {
    c.params.seed = m_spec.seed;
    g.round.push_back(c.variant->id());
    try {
      const InputDims dims =
          m_loaded ? m_loaded->dims() : c.variant->inputDims(baseDims(m_spec), c.params);
      if (m_limits.displayBudget > 0 &&
          c.variant->cost(dims, c.params).resident > m_limits.displayBudget) {
        g.tooLarge.emplace_back(c.variant->id(), dims);
        continue;
      }
    } catch (const Error&) {
      // bad sizes or parameters: the engine reports them as this variant's error
    }
    g.jobs.push_back(c.variant->id());
    g.request.jobs.push_back({c.variant, std::move(c.params)});
  }
  return g;
}

BenchSpec RequestBuilder::bench(std::vector<std::string> variants, std::vector<Index> ns, Index d,
                                int repeats) const {
  BenchSpec spec;
  spec.variants = std::move(variants);
  spec.ns = std::move(ns);
  spec.d = d;
  spec.repeats = repeats;
  spec.seed = m_spec.seed;
  spec.memoryLimit = memoryLimitOrDefault(m_limits.memoryLimit);
  return spec;
}

}  // namespace atlas::core
