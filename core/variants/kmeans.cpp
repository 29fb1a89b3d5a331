#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// The cluster of each row of X under centroids C: nearest in Euclidean distance, first on ties.
std::vector<int> assign(const MatrixD& x, const MatrixD& c, const CancelToken& cancel) {
  std::vector<int> out(static_cast<std::size_t>(x.rows()));
  tbb::parallel_for(tbb::blocked_range<Index>(0, x.rows(), 64), [&](const auto& range) {
    cancel.throwIfCancelled();
    for (Index i = range.begin(); i < range.end(); ++i) {
      int best = 0;
      double bestD = (x.row(i) - c.row(0)).squaredNorm();
      for (Index t = 1; t < c.rows(); ++t) {
        const double dist = (x.row(i) - c.row(t)).squaredNorm();
        if (dist < bestD) bestD = dist, best = int(t);
      }
      out[static_cast<std::size_t>(i)] = best;
    }
  });
  return out;
}

/// Routing attention (Roy, Saffar, Vaswani, Grangier 2021, "Efficient Content-Based Sparse
/// Attention with Routing Transformers"): k-means on the unit-normalised rows of [Q; K]; query i
/// sees key j iff both fall in the same cluster, or j == i (when i < M). The paper updates the
/// centroids by a moving average during training; here it is plain Lloyd from a fixed start
/// (docs/variants.md), so that the clustering is a deterministic function of Q and K.
class Kmeans final : public Variant {
 public:
  std::string id() const override { return "kmeans"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "k-means routing attention");
  }
  Family family() const override { return Family::DataDependent; }
  std::string description() const override {
    return "Routing attention: k-means clusters queries and keys together; a query sees the keys "
           "of its cluster.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("clusters", 3, 1, 256, ATLAS_TR_NOOP("Params", "Clusters"),
                     ATLAS_TR_NOOP("Params", "Number of k-means centroids.")),
            intParam("iters", 10, 0, 100, ATLAS_TR_NOOP("Params", "Iterations"),
                     ATLAS_TR_NOOP("Params", "Number of Lloyd steps of k-means.")),
            causalSpec()};
  }

  /// Expected pairs with balanced, independent clusters (probability 1/c of sharing one), plus
  /// the diagonal pairs that are not already shared.
  static double expectedPairs(const InputDims& d, double c, bool causal) {
    return causalPairs(d.n, d.m, causal) / c + double(std::min(d.n, d.m)) * (1.0 - 1.0 / c);
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double c = std::max(1, p.integer("clusters")), iters = p.integer("iters");
    const double rows = double(d.n) + double(d.m), dk = double(d.dk);
    Cost out = sparseCost(d, {.pairsPerHead = expectedPairs(d, c, p.flag("causal")),
                              .scoreFlops = 2.0 * dk,
                              .dvh = d.dv});
    // Normalise every row (2 dk + 1 + dk); iters + 1 assignments, each c distances of 3 dk
    // (subtract, multiply-add) per row, the argmin free (comparisons); iters updates, each a sum
    // of all rows and c dk divisions (assuming no cluster empties: an empty one is not divided).
    const double normalise = rows * (3.0 * dk + 1.0);
    const double assignments = (iters + 1.0) * rows * c * 3.0 * dk;
    const double updates = iters * (rows * dk + c * dk);
    out.terms.insert(out.terms.begin() + 1,
                     {ATLAS_TR_NOOP("CostTerms", "k-means"), normalise + assignments + updates, 0,
                      4.0 * (rows * dk + (iters + 1.0) * (c * dk + rows))});
    out.peak += 4.0 * (rows * dk + c * dk + rows);  // normalised rows, centroids, assignment
    out.resident += 4.0 * rows;                     // the clusters
    return out;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index n = in.q.rows(), m = in.k.rows(), dk = in.k.cols();
    const Index c = p.integer("clusters");
    const int iters = p.integer("iters");
    const bool causal = p.flag("causal");
    VariantResult r = startResult(*this, in, p);

    // Unit rows of [Q; K], in double so that an assignment changes only on a true tie.
    MatrixD x(n + m, dk);
    x.topRows(n) = in.q.cast<double>();
    x.bottomRows(m) = in.k.cast<double>();
    tbb::parallel_for(Index{0}, n + m, [&](Index i) {
      const double norm = x.row(i).norm();
      if (norm > 0) x.row(i) /= norm;  // a zero row stays zero
    });
    MatrixD centroids(c, dk);
    for (Index t = 0; t < c; ++t) centroids.row(t) = x.row(n + t * m / c);

    std::vector<int> cluster = assign(x, centroids, cancel);
    for (int step = 0; step < iters; ++step) {
      // Plain mean of each cluster's rows, summed in row order; an empty cluster keeps its
      // centroid. This pass is O((N + M) dk), small next to the O((N + M) c dk) assignment.
      MatrixD sums = MatrixD::Zero(c, dk);
      std::vector<Index> counts(static_cast<std::size_t>(c), 0);
      for (Index i = 0; i < n + m; ++i) {
        const int a = cluster[static_cast<std::size_t>(i)];
        sums.row(a) += x.row(i);
        ++counts[static_cast<std::size_t>(a)];
      }
      for (Index t = 0; t < c; ++t)
        if (counts[static_cast<std::size_t>(t)] > 0)
          centroids.row(t) = sums.row(t) / double(counts[static_cast<std::size_t>(t)]);
      cluster = assign(x, centroids, cancel);
    }
    std::vector<int> qc(cluster.begin(), cluster.begin() + n),
        kc(cluster.begin() + n, cluster.end());

    std::vector<std::vector<Index>> members(static_cast<std::size_t>(c));
    for (Index j = 0; j < m; ++j)
      members[static_cast<std::size_t>(kc[static_cast<std::size_t>(j)])].push_back(j);
    SparsePattern pattern = groupPattern(qc, members, m, causal);

    const float scale = 1.0f / std::sqrt(float(dk));
    runHeads(r, 1, n, in.v.cols(),
             [&, shared = std::make_shared<const SparsePattern>(std::move(pattern))](Index) {
               return attendSparse(in.q, in.k, in.v, scale, shared, cancel);
             });
    r.trace.queryBuckets.push_back(std::move(qc));
    r.trace.keyBuckets.push_back(std::move(kc));
    return r;
  }
};

}  // namespace

const Variant& kmeansVariant() {
  static const Kmeans v;
  return v;
}

}  // namespace atlas::core::variants
