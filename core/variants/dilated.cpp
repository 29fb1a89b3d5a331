#include "../sparse.h"
#include "common.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace atlas::core::variants {
namespace {

/// Multiples of p in [a, b) (a >= 0).
Index multiplesIn(Index a, Index b, Index p) {
  return b <= a ? 0 : (b - 1) / p - (a + p - 1) / p + 1;
}

/// LongNet dilated attention (Ding et al. 2023, "LongNet: scaling transformers to 1,000,000,000
/// tokens", sec. 2.2 and 2.3). Config k = 0..K-1 has segment w_k = w0 2^k and dilation
/// r_k = 2^k and covers (i, j) iff floor(i/w_k) == floor(j/w_k), i mod r_k == 0 and
/// j mod r_k == 0. Each config is a softmax over its own keys; mixing the configs of a row with
/// weights proportional to their softmax denominators equals ONE softmax over the union of their
/// keys in which exp(s_ij) counts once per config covering (i, j): that is what the pattern's
/// multiplicities (buildPattern's countRepeats) give attendSparse. Config 0 (r = 1) covers
/// j == i, so with M == N no row is empty; a row no config reaches (causal or M != N) is zeros.
/// Components: the first config covering the pair.
class Dilated final : public Variant {
 public:
  std::string id() const override { return "dilated"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "LongNet dilated attention");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Dilated attention (LongNet): K segment/dilation configurations mixed into one softmax.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("segment", 4, 1, 4096, ATLAS_TR_NOOP("Params", "Segment length w₀"),
                 ATLAS_TR_NOOP(
                     "Params",
                     "Segment length of the first configuration; it doubles in each further one.")),
        intParam("configs", 3, 1, 16, ATLAS_TR_NOOP("Params", "Configurations"),
                 ATLAS_TR_NOOP("Params",
                               "Number of (segment, dilation) configurations mixed together.")),
        causalSpec()};
  }

  /// Exact count of DISTINCT pairs, O(K) per row. The configs covering row i are k = 0..t
  /// (those with 2^k | i), their segments are nested (seg_k within seg_k+1) and their key sets
  /// thin out (multiples of 2^k), so the union is the disjoint union over k of the multiples
  /// of 2^k in seg_k minus seg_k-1, each clipped to the allowed prefix [0, end).
  /// The configs covering a pair are therefore consecutive, k = a..b; the pair is repeated
  /// (multiplicity > 1, one multiply of its exp) iff config a + 1 covers it too: for k >= 1 the
  /// multiples of 2^k in seg_k-1 minus seg_k-2, a disjoint union again.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index w0 = p.integer("segment"), configs = p.integer("configs");
    const bool causal = p.flag("causal");
    double pairs = 0, repeated = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index end = allowedKeys(i, d.m, causal);
      Index prevStart = 0, prevEnd = 0;    // seg_{k-1} clipped to [0, end); empty for k = 0
      Index prev2Start = 0, prev2End = 0;  // seg_{k-2} clipped likewise; empty for k <= 1
      for (Index k = 0; k < configs && i % (Index{1} << k) == 0; ++k) {
        const Index r = Index{1} << k, w = w0 << k, start = (i / w) * w;
        const Index stop = std::min(start + w, end);
        pairs += double(multiplesIn(start, stop, r) - multiplesIn(prevStart, prevEnd, r));
        repeated +=
            double(multiplesIn(prevStart, prevEnd, r) - multiplesIn(prev2Start, prev2End, r));
        prev2Start = prevStart;
        prev2End = prevEnd;
        prevStart = start;
        prevEnd = std::max(start, stop);
      }
    }
    Cost cost = patternCost(d, pairs);
    // The mixture: a pair covered by c > 1 configs weighs its exp by c, one multiply each.
    cost.term(TermKind::Softmax)->flops += repeated;
    return cost;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index n = in.q.rows(), m = in.k.rows();
    const Index w0 = p.integer("segment"), configs = p.integer("configs");
    const bool causal = p.flag("causal");
    SparsePattern pattern = buildPattern(
        n, m, causal,
        [&](Index i, std::vector<Index>& keys, std::vector<std::uint8_t>& comps) {
          for (Index k = 0; k < configs && i % (Index{1} << k) == 0; ++k) {
            const Index r = Index{1} << k, w = w0 << k, start = (i / w) * w;
            // start is a multiple of w, hence of r: stepping by r visits exactly j mod r == 0.
            for (Index j = start; j < std::min(start + w, allowedKeys(i, m, causal)); j += r) {
              keys.push_back(j);
              comps.push_back(static_cast<std::uint8_t>(k + 1));
            }
          }
        },
        /*countRepeats=*/true);
    VariantResult r = startResult(*this, in, p);
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    runHeads(r, 1, n, in.v.cols(),
             [&, shared = std::make_shared<const SparsePattern>(std::move(pattern))](Index) {
               return attendSparse(in.q, in.k, in.v, scale, shared, cancel);
             });
    for (Index k = 0; k < configs; ++k)
      r.componentNames.push_back("r=" + std::to_string(Index{1} << k) +
                                 ", w=" + std::to_string(w0 << k));
    return r;
  }
};

}  // namespace

const Variant& dilatedVariant() {
  static const Dilated v;
  return v;
}

}  // namespace atlas::core::variants
