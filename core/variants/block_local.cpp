#include "../sparse.h"
#include "common.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// mask[i,j] = 1 iff floor(i/b) == floor(j/b): non-overlapping blocks of b tokens attend within
/// themselves (docs/variants.md). This is what the grouped-query article's sample code really
/// computes, so the app shows it beside grouped_query.
class BlockLocal final : public Variant {
 public:
  std::string id() const override { return "block_local"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Block-local attention");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Block-local attention: each query sees only the keys of its own block of b tokens.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("block", 4, 1, 4096, ATLAS_TR_NOOP("Params", "Block size"),
                     ATLAS_TR_NOOP("Params", "Number of tokens per block.")),
            causalSpec()};
  }

  /// Exact pair count, one O(1) term per row: row i sees keys [b floor(i/b), b floor(i/b) + b)
  /// clipped to the allowed prefix [0, allowedKeys).
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index b = p.integer("block");
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index start = (i / b) * b;
      const Index end = std::min(start + b, allowedKeys(i, d.m, causal));
      pairs += double(std::max<Index>(0, end - start));
    }
    return patternCost(d, pairs);
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index m = in.k.rows(), b = p.integer("block");
    return sparseSingleHead(
        *this, in, p,
        [&](Index i, std::vector<Index>& keys, auto&) {
          const Index start = (i / b) * b;
          for (Index j = start; j < std::min(start + b, m); ++j) keys.push_back(j);
        },
        cancel);
  }
};

}  // namespace

const Variant& blockLocalVariant() {
  static const BlockLocal v;
  return v;
}

}  // namespace atlas::core::variants
