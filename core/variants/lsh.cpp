#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// Reformer's angular LSH (Kitaev, Kaiser, Levskaya 2020, section 2 "Hashing attention"):
/// h(x) = argmax([xR; -xR]) of the unit vector x/||x||, R a dk x (b/2) Gaussian matrix, so that
/// nearby directions tend to share a bucket. Query i may see key j iff they share a bucket, or
/// j == i (kept so that no self-attention row is empty; only when i < M). Unlike the paper, the
/// queries and keys are hashed separately (no shared-QK), and there is one round of hashing.
class Lsh final : public Variant {
 public:
  std::string id() const override { return "lsh"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "LSH attention (Reformer)");
  }
  Family family() const override { return Family::DataDependent; }
  std::string description() const override {
    return "LSH attention (Reformer): a query sees only the keys hashed into its bucket by a "
           "random "
           "projection.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam(
            "buckets", 4, 2, 256, ATLAS_TR_NOOP("Params", "Hash buckets"),
            ATLAS_TR_NOOP("Params", "Number of buckets of the locality-sensitive hash (even).")),
        causalSpec(),
        matrixParam(
            "R", "dk x buckets/2", ATLAS_TR_NOOP("Params", "Hash projection R"),
            ATLAS_TR_NOOP(
                "Params",
                "dk × b/2 Gaussian random projection of the hash, drawn from the seed: N(0, 1)."))};
  }

  /// Expected pairs, assuming the buckets are equally likely and independent for queries and
  /// keys: every pair shares a bucket with probability 1/b, and the min(N, M) diagonal pairs
  /// are added when they do not. (Real inputs cluster, so the true count is usually higher.)
  static double expectedPairs(const InputDims& d, double b, bool causal) {
    return causalPairs(d.n, d.m, causal) / b + double(std::min(d.n, d.m)) * (1.0 - 1.0 / b);
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double b = std::max(2, p.integer("buckets"));
    const double rows = double(d.n) + double(d.m), dk = double(d.dk);
    Cost c = sparseCost(d, {.pairsPerHead = expectedPairs(d, b, p.flag("causal")),
                            .scoreFlops = 2.0 * dk,
                            .dvh = d.dv});
    // Per row: norm (2 dk + 1 sqrt-as-flop) and division (dk), projection on b/2 directions
    // (2 dk each), the b/2 negated projections; the argmax over the b values is comparisons
    // (free); then the rows are grouped by bucket.
    c.terms.insert(c.terms.begin() + 1,
                   {ATLAS_TR_NOOP("CostTerms", "hash"), rows * (3.0 * dk + 1.0 + dk * b + b / 2.0),
                    0, 4.0 * (dk * b / 2.0 + rows)});
    c.peak += 4.0 * rows;                       // the bucket of every row
    c.resident += 4.0 * (dk * b / 2.0 + rows);  // R and the buckets
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const int b = p.integer("buckets");
    if (b % 2 != 0)
      throw Error(Error::Kind::InvalidArgument,
                  ATLAS_TR_NOOP("CoreErrors",
                                "'%1' needs an even number of buckets (it hashes with b/2 random "
                                "directions), not %2."),
                  {id(), num(b)});
    const bool causal = p.flag("causal");
    const Index n = in.q.rows(), m = in.k.rows(), dk = in.k.cols();
    VariantResult r = startResult(*this, in, p);
    const Matrix& rot = paramMatrix(r.params, id(), "R", dk, b / 2, 1.0);
    const MatrixD rotD = rot.cast<double>();

    // Hashed in double so that a bucket flips only on a true tie, not on float rounding.
    auto hashRows = [&](const MatrixRef& x) {
      std::vector<int> out(static_cast<std::size_t>(x.rows()));
      tbb::parallel_for(Index{0}, x.rows(), [&](Index i) {
        Eigen::RowVectorXd u = x.row(i).cast<double>();
        const double norm = u.norm();
        if (norm > 0) u /= norm;  // the zero vector stays zero: all projections 0, bucket 0
        const Eigen::RowVectorXd proj = u * rotD;
        // argmax over [proj, -proj], first index on ties.
        int best = 0;
        double bestValue = proj.size() > 0 ? proj(0) : 0.0;
        for (int t = 1; t < b; ++t) {
          const double value = t < b / 2 ? proj(t) : -proj(t - b / 2);
          if (value > bestValue) bestValue = value, best = t;
        }
        out[static_cast<std::size_t>(i)] = best;
      });
      return out;
    };
    std::vector<int> qb = hashRows(in.q);
    cancel.throwIfCancelled();
    std::vector<int> kb = hashRows(in.k);
    cancel.throwIfCancelled();

    // Keys of each bucket in increasing order, so a row touches only its own bucket's keys.
    std::vector<std::vector<Index>> members(static_cast<std::size_t>(b));
    for (Index j = 0; j < m; ++j)
      members[static_cast<std::size_t>(kb[static_cast<std::size_t>(j)])].push_back(j);
    SparsePattern pattern = groupPattern(qb, members, m, causal);

    const float scale = 1.0f / std::sqrt(float(dk));
    runHeads(r, 1, n, in.v.cols(),
             [&, shared = std::make_shared<const SparsePattern>(std::move(pattern))](Index) {
               return attendSparse(in.q, in.k, in.v, scale, shared, cancel);
             });
    r.trace.queryBuckets.push_back(std::move(qb));
    r.trace.keyBuckets.push_back(std::move(kb));
    return r;
  }
};

}  // namespace

const Variant& lshVariant() {
  static const Lsh v;
  return v;
}

}  // namespace atlas::core::variants
