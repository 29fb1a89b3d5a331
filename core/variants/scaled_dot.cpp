#include "common.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = q_i . k_j / sqrt(dk) (without `scaled`: q_i . k_j, to show what the scaling is for).
/// With valid_keys = v > 0 the keys j >= v are padding: masked for every query (d2l's masked
/// softmax with valid lengths), like the causal mask's j > i.
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
  std::vector<ParamSpec> params() const override {
    return {causalSpec(),
            boolParam("scaled", true, ATLAS_TR_NOOP("Params", "Divide by √d"),
                      ATLAS_TR_NOOP("Params",
                                    "Scale the scores by 1/√dk; off, the plain dot products (their "
                                    "spread grows with d and the softmax saturates).")),
            intParam("valid_keys", 0, 0, 1 << 24, ATLAS_TR_NOOP("Params", "Valid keys"),
                     ATLAS_TR_NOOP("Params",
                                   "Keys from this position on are padding and get weight 0 for "
                                   "every query (a padding mask); 0: every key is valid."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    // Masked pairs are skipped: the pairs of the first valid keys.
    return denseCost(d, {.pairsPerHead = causalPairs(d.n, validKeys(d.m, p), p.flag("causal")),
                         .scoreFlops = 2.0 * double(d.dk),
                         .scaled = p.flag("scaled"),
                         .dvh = d.dv});
  }

  /// Pooled large-N heatmaps are scaled and have no padding mask.
  bool canPool(const ParamSet& p) const override {
    return p.flag("scaled") && p.integer("valid_keys") == 0;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    const float scale = p.flag("scaled") ? 1.0f / std::sqrt(float(in.k.cols())) : 1.0f;
    const Index m = in.k.rows(), valid = validKeys(m, p);
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return padKeys(scaledDotHead(in.q, in.k.topRows(valid), in.v.topRows(valid), scale,
                                   p.flag("causal"), cancel),
                     m);
    });
    return r;
  }

 private:
  /// The keys that are not padding: the first valid_keys of m, or all of them.
  static Index validKeys(Index m, const ParamSet& p) {
    const Index v = p.integer("valid_keys");
    return v > 0 ? std::min(v, m) : m;
  }
};

}  // namespace

const Variant& scaledDotVariant() {
  static const ScaledDot v;
  return v;
}

}  // namespace atlas::core::variants
