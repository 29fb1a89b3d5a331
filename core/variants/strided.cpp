#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// mask[i,j] = 1 iff |i - j| mod s == 0 (docs/variants.md; the strided half of the Sparse
/// Transformer's factorised pattern, Child et al. 2019): row i sees j = i mod s, i mod s + s, ...
class Strided final : public Variant {
 public:
  std::string id() const override { return "strided"; }
  const char* label() const override { return ATLAS_TR_NOOP("VariantLabels", "Strided attention"); }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Strided attention: each query sees the keys whose distance is a multiple of the stride "
           "s.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("stride", 3, 1, 4096, ATLAS_TR_NOOP("Params", "Stride"),
                     ATLAS_TR_NOOP(
                         "Params",
                         "Each query sees the keys whose distance is a multiple of the stride.")),
            causalSpec()};
  }

  /// Exact pair count: the keys j < allowedKeys with j = i (mod s), O(1) per row.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index s = p.integer("stride");
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index end = allowedKeys(i, d.m, causal), first = i % s;
      if (first < end) pairs += double((end - 1 - first) / s + 1);
    }
    return patternCost(d, pairs);
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index m = in.k.rows(), s = p.integer("stride");
    const bool causal = p.flag("causal");
    // Row i: j = i mod s, i mod s + s, ... below its allowed end, already in order.
    SparsePattern pattern = orderedPattern(
        in.q.rows(), m,
        [&](Index i) {
          const Index end = allowedKeys(i, m, causal), first = i % s;
          return first < end ? (end - 1 - first) / s + 1 : Index{0};
        },
        [&](Index i, Index* keys) {
          for (Index j = i % s; j < allowedKeys(i, m, causal); j += s) *keys++ = j;
        });
    return orderedSingleHead(*this, in, p, std::move(pattern), cancel);
  }
};

}  // namespace

const Variant& stridedVariant() {
  static const Strided v;
  return v;
}

}  // namespace atlas::core::variants
