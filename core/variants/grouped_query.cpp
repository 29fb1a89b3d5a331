#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

constexpr const char* kGroupsFormat = ATLAS_TR_NOOP(
    "CoreErrors",
    "'%1' needs the number of heads (%2) to be divisible by the number of groups (%3).");

/// h query heads share g key/value groups (Ainslie et al. 2023): K and V have g dh and g dvh
/// columns; query head a reads group floor(a / (h / g)). g = 1 is multi-query attention,
/// g = h is multi_head.
class GroupedQuery final : public Variant {
 public:
  std::string id() const override { return "grouped_query"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Grouped-query attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Grouped-query attention: h query heads share g key/value heads (g = 1: multi-query).";
  }
  std::vector<ParamSpec> params() const override {
    return {headsSpec(8),
            intParam("groups", 2, 1, 256, ATLAS_TR_NOOP("Params", "Key/value groups"),
                     ATLAS_TR_NOOP("Params",
                                   "Number of key/value heads g shared by the query heads; 1 is "
                                   "multi-query attention.")),
            causalSpec()};
  }

  InputDims inputDims(const InputDims& base, const ParamSet& p) const override {
    const Index h = p.integer("heads"), g = p.integer("groups");
    requireDivisible(id(), kGroupsFormat, h, g);
    requireDivisible(id(), kHeadsDivideWidthFormat, base.dq, h);
    requireDivisible(id(), kHeadsDivideValuesFormat, base.dv, h);
    InputDims d = base;
    d.dk = g * (base.dq / h);
    d.dv = g * (base.dv / h);
    return d;
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index h = p.integer("heads"), g = p.integer("groups");
    return denseCost(d, {.heads = h,
                         .pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                         .scoreFlops = 2.0 * double(d.dk / g),
                         .dvh = d.dv / g});
  }

  /// Checks the shapes; returns the key and value widths per head.
  std::pair<Index, Index> headWidths(const Inputs& in, const ParamSet& p) const {
    const Index h = p.integer("heads"), g = p.integer("groups");
    requireDivisible(id(), kGroupsFormat, h, g);
    requireDivisible(id(), kHeadsDivideWidthFormat, in.q.cols(), h);
    const Index dh = in.q.cols() / h;
    requireEqual(id(),
                 ATLAS_TR_NOOP("CoreErrors",
                               "'%1' needs K with groups x dq / heads = %2 columns, but K has %3."),
                 in.k.cols(), g * dh);
    requireDivisible(
        id(),
        ATLAS_TR_NOOP(
            "CoreErrors",
            "'%1' needs the width of V (%2) to be divisible by the number of groups (%3)."),
        in.v.cols(), g);
    return {dh, in.v.cols() / g};
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index h = p.integer("heads"), g = p.integer("groups");
    const auto widths = headWidths(in, p);
    const Index dh = widths.first, dvh = widths.second;  // named: a lambda cannot capture bindings
    const float scale = 1.0f / std::sqrt(float(dh));
    VariantResult r = startResult(*this, in, p);
    runHeads(r, h, in.q.rows(), dvh, [&](Index a) {
      const Index group = a / (h / g);
      return scaledDotHead(in.q.middleCols(a * dh, dh), in.k.middleCols(group * dh, dh),
                           in.v.middleCols(group * dvh, dvh), scale, p.flag("causal"), cancel);
    });
    return r;
  }

  /// Query head a reads key/value group a / (h / g).
  HeadColumns headColumns(Index head, Index heads, const InputDims& d,
                          const ParamSet& p) const override {
    const Index g = std::max<Index>(1, p.integer("groups"));
    if (heads % g != 0) return Variant::headColumns(head, heads, d, p);
    const Index dh = d.dq / heads, dvh = d.dv / g, group = head / (heads / g);
    return {head * dh, dh, group * dh, dh, group * dvh, dvh};
  }

  bool canPool(const ParamSet&) const override { return true; }
  double pooledBytes(const InputDims& d, const ParamSet& p, const PoolSpec& pool) const override {
    return pooledScaledDotBytes(d, p.integer("heads"), p.integer("groups"), pool);
  }
  VariantResult computePooled(const Inputs& in, const ParamSet& p, const PoolSpec& pool,
                              const ProgressFn& progress,
                              const CancelToken& cancel) const override {
    const Index h = p.integer("heads"), g = p.integer("groups");
    const auto [dh, dvh] = headWidths(in, p);
    return pooledScaledDotHeads(
        *this, in, p, h, dh, dvh, [&](Index a) { return a / (h / g); }, pool, progress, cancel);
  }
};

}  // namespace

const Variant& groupedQueryVariant() {
  static const GroupedQuery v;
  return v;
}

}  // namespace atlas::core::variants
