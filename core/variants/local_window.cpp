#include "../sparse.h"
#include "common.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// mask[i,j] = 1 iff |i - j| <= w (docs/variants.md; the sliding window of Longformer, Beltagy et
/// al. 2020). Work grows as N (2w + 1) instead of N M.
class LocalWindow final : public Variant {
 public:
  std::string id() const override { return "local_window"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Sliding-window attention");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Sliding-window attention: each query sees the keys at most w positions away.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("window", 2, 0, 4096, ATLAS_TR_NOOP("Params", "Window"),
                 ATLAS_TR_NOOP("Params",
                               "Each query sees the keys at most this far away (|i − j| ≤ w).")),
        causalSpec()};
  }

  /// Exact pair count: row i sees [max(0, i - w), min(i + w + 1, allowedKeys)), O(1) per row.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index w = p.integer("window");
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index lo = std::max<Index>(0, i - w);
      const Index end = std::min(i + w + 1, allowedKeys(i, d.m, causal));
      pairs += double(std::max<Index>(0, end - lo));
    }
    return patternCost(d, pairs);
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index m = in.k.rows(), w = p.integer("window");
    return sparseSingleHead(
        *this, in, p,
        [&](Index i, std::vector<Index>& keys, auto&) {
          for (Index j = std::max<Index>(0, i - w); j < std::min(i + w + 1, m); ++j)
            keys.push_back(j);
        },
        cancel);
  }
};

}  // namespace

const Variant& localWindowVariant() {
  static const LocalWindow v;
  return v;
}

}  // namespace atlas::core::variants
