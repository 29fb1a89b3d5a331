#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// Head a: scaled_dot on column slice [a dh, (a+1) dh) of Q and K and [a dvh, (a+1) dvh) of V,
/// scale 1/sqrt(dh); outputs concatenated. No projections inside (docs/variants.md, conventions).
class MultiHead final : public Variant {
 public:
  std::string id() const override { return "multi_head"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Multi-head attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Multi-head attention: scaled dot-product attention on h column slices, outputs "
           "concatenated.";
  }
  std::vector<ParamSpec> params() const override { return {headsSpec(4), causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index h = p.integer("heads");
    return denseCost(d, {.heads = h,
                         .pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                         .scoreFlops = 2.0 * double(d.dk / h),
                         .dvh = d.dv / h});
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index h = p.integer("heads");
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    requireDivisible(id(), kHeadsDivideWidthFormat, in.k.cols(), h);
    requireDivisible(id(), kHeadsDivideValuesFormat, in.v.cols(), h);
    const Index dh = in.k.cols() / h, dvh = in.v.cols() / h;
    const float scale = 1.0f / std::sqrt(float(dh));
    VariantResult r = startResult(*this, in, p);
    runHeads(r, h, in.q.rows(), dvh, [&](Index a) {
      return scaledDotHead(in.q.middleCols(a * dh, dh), in.k.middleCols(a * dh, dh),
                           in.v.middleCols(a * dvh, dvh), scale, p.flag("causal"), cancel);
    });
    return r;
  }

  bool canPool(const ParamSet&) const override { return true; }
  double pooledBytes(const InputDims& d, const ParamSet& p, const PoolSpec& pool) const override {
    return pooledScaledDotBytes(d, p.integer("heads"), p.integer("heads"), pool);
  }
  VariantResult computePooled(const Inputs& in, const ParamSet& p, const PoolSpec& pool,
                              const ProgressFn& progress,
                              const CancelToken& cancel) const override {
    const Index h = p.integer("heads");
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    requireDivisible(id(), kHeadsDivideWidthFormat, in.k.cols(), h);
    requireDivisible(id(), kHeadsDivideValuesFormat, in.v.cols(), h);
    return pooledScaledDotHeads(*this, in, p, h, in.k.cols() / h, in.v.cols() / h, {}, pool,
                                progress, cancel);
  }
};

}  // namespace

const Variant& multiHeadVariant() {
  static const MultiHead v;
  return v;
}

}  // namespace atlas::core::variants
