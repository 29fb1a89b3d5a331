#include "../sparse.h"
#include "common.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// mask[i,j] = 1 iff i in G or j in G or i == j, G = {0 .. g-1} (docs/variants.md; the global
/// tokens of Longformer and ETC): the first g tokens see everything and are seen by everyone.
class GlobalTokens final : public Variant {
 public:
  std::string id() const override { return "global_tokens"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Global-token attention");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Global-token attention: the first g tokens see and are seen by every token; the others "
           "see only themselves besides.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("global", 1, 0, 4096, ATLAS_TR_NOOP("Params", "Global tokens"),
                 ATLAS_TR_NOOP("Params",
                               "The first g tokens see every token and are seen by every token.")),
        causalSpec()};
  }

  /// Exact pair count, O(1) per row: a global row sees its whole allowed prefix; another row
  /// sees the global keys of that prefix plus itself.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index g = p.integer("global");
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index end = allowedKeys(i, d.m, causal);
      pairs += double(i < g ? end : std::min(g, end) + (i < end ? 1 : 0));
    }
    return patternCost(d, pairs);
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index m = in.k.rows(), g = p.integer("global");
    const bool causal = p.flag("causal");
    return sparseSingleHead(
        *this, in, p,
        [&](Index i, std::vector<Index>& keys, auto&) {
          const Index end = allowedKeys(i, m, causal);
          for (Index j = 0; j < (i < g ? end : std::min(g, end)); ++j) keys.push_back(j);
          keys.push_back(i);  // dropped when out of range or already a global key
        },
        cancel);
  }
};

}  // namespace

const Variant& globalTokensVariant() {
  static const GlobalTokens v;
  return v;
}

}  // namespace atlas::core::variants
