#include "../rng.h"
#include "../sparse.h"
#include "common.h"

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// The random keys R_i of every row: r (<= M) keys per row, row i at [i r, (i + 1) r). Each
/// R_i is a uniform r-subset of ALL M keys (Floyd's sampling without replacement), drawn from
/// the one stream "bigbird:random" of the seed, rows in order, so R depends on the seed, N, M
/// and r only. Drawing from all keys rather than from those local/global did not admit means a
/// row may gain fewer than r new keys (docs/variants.md: "r keys per row drawn uniformly without
/// replacement"); under causal the drawn keys j > i are dropped afterwards.
std::vector<Index> drawRandomKeys(std::uint64_t seed, Index n, Index m, Index r) {
  std::vector<Index> keys(static_cast<std::size_t>(n * r));
  std::vector<Index> drawnInRow(static_cast<std::size_t>(m), -1);  // row that last drew key j
  Rng rng(seed, "bigbird:random");
  for (Index i = 0; i < n; ++i) {
    Index* row = keys.data() + i * r;
    for (Index t = m - r, c = 0; t < m; ++t, ++c) {
      // floor(u (t + 1)) of a 53-bit uniform u: off from uniform on [0, t] by < (t + 1) 2^-53.
      Index x = std::min(t, static_cast<Index>(rng.uniform() * double(t + 1)));
      if (drawnInRow[std::size_t(x)] == i) x = t;
      drawnInRow[std::size_t(x)] = i;
      row[c] = x;
    }
  }
  return keys;
}

/// BigBird (Zaheer et al. 2020): mask[i,j] = 1 iff |i - j| <= w (local) or i in G or j in G,
/// G = {0..g-1} (global tokens) or j in R_i (random keys). Components 1 = local, 2 = global,
/// 3 = random; a pair admitted by several gets the first of these.
class BigBird final : public Variant {
 public:
  std::string id() const override { return "bigbird"; }
  const char* label() const override { return ATLAS_TR_NOOP("VariantLabels", "BigBird"); }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "BigBird: sliding window, global tokens and r random keys per query.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("window", 1, 0, 4096, ATLAS_TR_NOOP("Params", "Window"),
                 ATLAS_TR_NOOP("Params",
                               "Each query sees the keys at most this far away (|i − j| ≤ w).")),
        intParam("global", 1, 0, 4096, ATLAS_TR_NOOP("Params", "Global tokens"),
                 ATLAS_TR_NOOP("Params",
                               "The first g tokens see every token and are seen by every token.")),
        intParam("random", 2, 0, 4096, ATLAS_TR_NOOP("Params", "Random keys per row"),
                 ATLAS_TR_NOOP("Params",
                               "Keys each query sees at random positions, drawn from the seed.")),
        causalSpec()};
  }

  /// EXPECTED pair count (the random keys make it random), exact in expectation, O(1) per row:
  /// row i has A_i = |local u global| keys in its allowed prefix [0, end); each of the other
  /// end - A_i allowed keys is among the r' = min(r, M) random ones with probability r' / M.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index w = p.integer("window"), g = p.integer("global");
    const Index r = std::min<Index>(p.integer("random"), d.m);
    const bool causal = p.flag("causal");
    double pairs = 0;
    for (Index i = 0; i < d.n; ++i) {
      const Index end = allowedKeys(i, d.m, causal);
      double fixed = double(end);
      if (i >= g) {
        const Index lo = std::max<Index>(0, i - w), hi = std::min(i + w + 1, end);  // [lo, hi)
        const Index globalEnd = std::min(g, end);
        const Index overlap = std::max<Index>(0, std::min(hi, globalEnd) - lo);
        fixed = double(std::max<Index>(0, hi - lo) + globalEnd - overlap);
      }
      pairs += fixed + (d.m > 0 ? double(r) / double(d.m) * (double(end) - fixed) : 0.0);
    }
    Cost cost = patternCost(d, pairs);
    return cost;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index n = in.q.rows(), m = in.k.rows();
    const Index w = p.integer("window"), g = p.integer("global");
    const Index rk = std::min<Index>(p.integer("random"), m);
    const bool causal = p.flag("causal");
    const std::vector<Index> randomKeys = drawRandomKeys(p.seed, n, m, rk);
    VariantResult r = sparseSingleHead(
        *this, in, p,
        [&](Index i, std::vector<Index>& keys, std::vector<std::uint8_t>& comps) {
          auto add = [&](Index j, std::uint8_t component) {
            keys.push_back(j);
            comps.push_back(component);
          };
          for (Index j = std::max<Index>(0, i - w); j < std::min(i + w + 1, m); ++j) add(j, 1);
          const Index end = allowedKeys(i, m, causal);
          for (Index j = 0; j < (i < g ? end : std::min(g, end)); ++j) add(j, 2);
          for (Index c = 0; c < rk; ++c) add(randomKeys[std::size_t(i * rk + c)], 3);
        },
        cancel);
    r.componentNames = {"local", "global", "random"};
    return r;
  }
};

}  // namespace

const Variant& bigBirdVariant() {
  static const BigBird v;
  return v;
}

}  // namespace atlas::core::variants
