#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// Summary keys (j mod l >= l - c) among j = 0 .. end-1: c per whole block plus the part of the
/// last, partial block that lies in its summary.
double summaryKeysBelow(Index end, Index l, Index c) {
  if (end <= 0) return 0;
  return double((end / l) * c + std::max<Index>(0, end % l - (l - c)));
}

/// Child et al. 2019, "Generating long sequences with sparse transformers", the "fixed"
/// pattern: mask[i,j] = 1 iff floor(j/l) == floor(i/l) (own block) or j mod l >= l - c (the
/// last c "summary" tokens of every block), as docs/variants.md states it. Components: 1 = block,
/// 2 = summary (a summary key of the own block counts as block).
class SparseFixed final : public Variant {
 public:
  std::string id() const override { return "sparse_fixed"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Sparse Transformer (fixed)");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Fixed sparse attention (Sparse Transformer): own block of l tokens plus the last c "
           "tokens of every block.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("block", 4, 1, 4096, ATLAS_TR_NOOP("Params", "Block size"),
                     ATLAS_TR_NOOP("Params", "Number of tokens per block.")),
            intParam("summary", 1, 0, 4096, ATLAS_TR_NOOP("Params", "Summary tokens"),
                     ATLAS_TR_NOOP("Params",
                                   "The last c tokens of every block, seen by every query (with "
                                   "the causal mask, by the later ones).")),
            causalSpec()};
  }

  /// Exact pair count, O(1) per row: |own block| + |summary keys| - |summary keys in own block|,
  /// all clipped to the allowed prefix.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index l = p.integer("block"), c = std::min<Index>(p.integer("summary"), l);
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index end = allowedKeys(i, d.m, causal), start = (i / l) * l;
      const Index blockEnd = std::min(start + l, end);
      const double inBlock = double(std::max<Index>(0, blockEnd - start));
      const double summaryInBlock =
          blockEnd > start ? summaryKeysBelow(blockEnd, l, c) - summaryKeysBelow(start, l, c) : 0.0;
      pairs += inBlock + summaryKeysBelow(end, l, c) - summaryInBlock;
    }
    Cost cost = patternCost(d, pairs);
    cost.resident += double(d.n) * double(d.m);  // the component map
    return cost;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index n = in.q.rows(), m = in.k.rows();
    const Index l = p.integer("block"), c = std::min<Index>(p.integer("summary"), l);
    const bool causal = p.flag("causal");
    // Row i in key order: block by block, the whole own block (component 1), of the others
    // only their last c keys (component 2); the allowed prefix [0, end) only.
    auto visit = [&](Index i, auto&& emit) {
      const Index end = allowedKeys(i, m, causal), start = (i / l) * l;
      for (Index b = 0; b < end; b += l) {
        const bool own = b == start;
        const Index from = own ? b : b + l - c, to = std::min(b + l, end);
        for (Index j = from; j < to; ++j) emit(j, std::uint8_t(own ? 1 : 2));
      }
    };
    SparsePattern pattern = orderedPattern<true>(
        n, m,
        [&](Index i) {
          Index count = 0;
          visit(i, [&](Index, std::uint8_t) { ++count; });
          return count;
        },
        [&](Index i, Index* keys, std::uint8_t* comps) {
          visit(i, [&](Index j, std::uint8_t comp) {
            *keys++ = j;
            *comps++ = comp;
          });
        });
    VariantResult r = orderedSingleHead(*this, in, p, std::move(pattern), cancel);
    r.componentNames = {"block", "summary"};
    return r;
  }
};

}  // namespace

const Variant& sparseFixedVariant() {
  static const SparseFixed v;
  return v;
}

}  // namespace atlas::core::variants
