#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = q_i . k_j / sqrt(dk).
class ScaledDot final : public PoolableSingleHead {
 public:
  std::string id() const override { return "scaled_dot"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Scaled dot-product attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Scaled dot-product attention: softmax(Q K^T / sqrt(dk)) V.";
  }
  std::vector<ParamSpec> params() const override { return {causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    return denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                         .scoreFlops = 2.0 * double(d.dk),
                         .dvh = d.dv});
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return scaledDotHead(in.q, in.k, in.v, scale, p.flag("causal"), cancel);
    });
    return r;
  }
};

}  // namespace

const Variant& scaledDotVariant() {
  static const ScaledDot v;
  return v;
}

}  // namespace atlas::core::variants
