#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace atlas::core::variants {
namespace {

/// Mean row of each block of `rows` rows of x (the last block may be shorter), in double.
MatrixD blockMeans(const MatrixRef& x, Index block) {
  const Index blocks = (x.rows() + block - 1) / block;
  MatrixD out(blocks, x.cols());
  tbb::parallel_for(Index{0}, blocks, [&](Index a) {
    const Index r0 = a * block, len = std::min(block, x.rows() - r0);
    out.row(a) = x.middleRows(r0, len).cast<double>().colwise().sum() / double(len);
  });
  return out;
}

/// log(sum(exp(v))), stabilised by the maximum.
template <typename Vec>
double logSumExp(const Vec& v) {
  const double mx = v.maxCoeff();
  return mx + std::log((v.array() - mx).exp().sum());
}

/// `iters` rounds of row then column log-normalisation of l (docs/variants.md), in place. After any
/// number of rounds exp(l) = K diag-scaled, exp(l_ac) = K_ac u_a v_c with K = exp(l - max l): the
/// rounds are computed as Sinkhorn-Knopp scalings, u = 1 / (K v) and v = 1 / (K^T u), two
/// matrix-vector products and no exp per round, and l = log K + log u + log v at the end. When
/// l spans too wide a range for K in double, the rounds run in log space (one exp per cell and
/// pass), rows and columns both along the contiguous rows.
void balance(MatrixD& l, int iters, const CancelToken& cancel) {
  if (iters <= 0 || l.size() == 0) return;
  const double hi = l.maxCoeff();
  if (hi - l.minCoeff() < 200.0) {  // K >= e^-200 and u, v <= e^400: far from under/overflow
    l.array() -= hi;
    const MatrixD k = l.array().exp().matrix();
    Eigen::VectorXd u(l.rows()), v = Eigen::VectorXd::Ones(l.cols());
    for (int round = 0; round < iters; ++round) {
      cancel.throwIfCancelled();
      u = (k * v).cwiseInverse();
      v = (k.transpose() * u).cwiseInverse();
    }
    l.array().colwise() += u.array().log();
    l.array().rowwise() += v.array().log().transpose();
    return;
  }
  const Index nq = l.rows(), nk = l.cols();
  Eigen::Array<double, 1, Eigen::Dynamic> colMax(nk), colSum(nk);
  for (int round = 0; round < iters; ++round) {
    cancel.throwIfCancelled();
    for (Index a = 0; a < nq; ++a) l.row(a).array() -= logSumExp(l.row(a));
    colMax = l.array().colwise().maxCoeff();
    colSum.setZero();
    for (Index a = 0; a < nq; ++a) colSum += (l.row(a).array() - colMax).exp();
    l.array().rowwise() -= colMax + colSum.log();
  }
}

/// Sum over r = 0..rows-1 of min(r + 1, keys): causal pairs of a diagonal block.
double causalBlockPairs(double rows, double keys) {
  if (rows <= keys) return rows * (rows + 1) / 2;
  return keys * (keys + 1) / 2 + (rows - keys) * keys;
}

/// Sparse Sinkhorn attention (Tay, Bahri, Yang, Metzler, Juan 2020, section 3): queries and keys
/// are cut into blocks of b rows; a block-level score matrix made doubly stochastic in log space
/// (Sinkhorn balancing, Adams & Zemel 2011) routes each query block a to one key block pi(a). A
/// query sees its own block and the routed one. The paper learns a sorting network and uses
/// the soft permutation; here the descriptors are the block means, there are no learned
/// parameters, and the routing is the hard argmax of the balanced matrix (docs/variants.md),
/// by default over the key blocks other than the query block's own: it sees its own block
/// anyway, and with self-attention (Q and K of the same tokens) the own block nearly always
/// scores highest, so a free argmax would route almost every block to itself.
class Sinkhorn final : public Variant {
 public:
  std::string id() const override { return "sinkhorn"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Sparse Sinkhorn attention");
  }
  Family family() const override { return Family::DataDependent; }
  std::string description() const override {
    return "Sparse Sinkhorn attention: each block of queries sees its own block and the key block "
           "chosen by Sinkhorn balancing.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("block", 4, 1, 4096, ATLAS_TR_NOOP("Params", "Block size"),
                 ATLAS_TR_NOOP("Params", "Number of tokens per block.")),
        intParam("iters", 8, 0, 100, ATLAS_TR_NOOP("Params", "Sinkhorn rounds"),
                 ATLAS_TR_NOOP("Params", "Rounds of row and column normalisation.")),
        realParam(
            "tau", 0.75, 0.01, 100, ATLAS_TR_NOOP("Params", "Temperature τ"),
            ATLAS_TR_NOOP(
                "Params",
                "Divides the block scores before the Sinkhorn normalisation; smaller is sharper.")),
        boolParam("other_block", true, ATLAS_TR_NOOP("Params", "Route to another block"),
                  ATLAS_TR_NOOP("Params",
                                "Each query block is routed to the best key block other than its "
                                "own, which it sees anyway; off: the best of all, possibly its "
                                "own.")),
        causalSpec()};
  }

  /// Pairs given the blocks, assuming each query block's routed key block differs from its own
  /// (as other_block makes it) and is full (min(b, M) keys); with one key block only, the
  /// routed block is the own one.
  /// Causal: own blocks give their triangles; block 0 can only be routed to itself or to the
  /// future (nothing added) and every later block is assumed routed to an earlier, fully
  /// visible block. This is an upper bound of the pairs actually evaluated.
  static double pairs(const InputDims& d, Index b, bool causal) {
    const Index nq = (d.n + b - 1) / b, nk = (d.m + b - 1) / b;
    const double full = double(std::min(b, d.m));
    double total = 0;
    for (Index a = 0; a < nq; ++a) {
      const double rows = double(std::min(b, d.n - a * b));
      const double own = a < nk ? double(std::min(b, d.m - a * b)) : 0.0;
      total += causal ? causalBlockPairs(rows, own) : rows * own;
      const bool routedElsewhere = !(a < nk && nk == 1) && !(causal && a == 0);
      if (routedElsewhere) total += rows * full;
    }
    return total;
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index b = std::max(1, p.integer("block"));
    const double iters = p.integer("iters"), dk = double(d.dk);
    const double nq = double((d.n + b - 1) / b), nk = double((d.m + b - 1) / b), cells = nq * nk;
    Cost c = sparseCost(
        d, {.pairsPerHead = pairs(d, b, p.flag("causal")), .scoreFlops = 2.0 * dk, .dvh = d.dv});
    // Block means: one add per entry of Q and K, one division per descriptor entry. Block
    // scores: a dot product, the scale and 1/tau per cell. Each round, rows then columns: per
    // cell subtract the max, exp, sum, subtract the logsumexp (3 flops, 1 exp; the max itself
    // is comparisons, free), and per row and per column one log (counted with the exps) and
    // one add (max + log). Routing: an argmax per row, comparisons only.
    c.terms.insert(c.terms.begin() + 1,
                   {ATLAS_TR_NOOP("CostTerms", "block means"),
                    (double(d.n) + double(d.m)) * dk + (nq + nk) * dk, 0, 4.0 * (nq + nk) * dk});
    c.terms.insert(c.terms.begin() + 2,
                   {ATLAS_TR_NOOP("CostTerms", "Sinkhorn routing"),
                    cells * (2.0 * dk + 2.0) + iters * (6.0 * cells + nq + nk),
                    iters * (2.0 * cells + nq + nk),
                    4.0 * ((nq + nk) * dk + cells + iters * 4.0 * cells + cells + nq)});
    c.peak += 8.0 * cells + 4.0 * (nq + nk) * dk;  // the block matrix and the descriptors
    c.resident += 4.0 * (cells + nq);              // trace: block scores and routing
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index n = in.q.rows(), m = in.k.rows(), dk = in.k.cols();
    const Index b = p.integer("block");
    const int iters = p.integer("iters");
    const double tau = p.number("tau");
    const bool causal = p.flag("causal"), other = p.flag("other_block");
    VariantResult r = startResult(*this, in, p);

    // Block descriptors and balancing in double: the routing is an argmax, and float rounding
    // should not decide it.
    const MatrixD bq = blockMeans(in.q, b), bk = blockMeans(in.k, b);
    const Index nq = bq.rows(), nk = bk.rows();
    MatrixD l = (bq * bk.transpose()) * (1.0 / std::sqrt(double(dk)));
    l /= tau;
    balance(l, iters, cancel);
    std::vector<Index> routing(static_cast<std::size_t>(nq));
    for (Index a = 0; a < nq; ++a) {
      // other_block: never the own block a, unless it is the only key block.
      const bool skipOwn = other && a < nk && nk > 1;
      Index best = skipOwn && a == 0 ? 1 : 0;
      for (Index c = best + 1; c < nk; ++c)
        if ((!skipOwn || c != a) && l(a, c) > l(a, best)) best = c;  // strict: the first wins
      routing[static_cast<std::size_t>(a)] = best;
    }

    // Row i: its own block and the routed one, two runs of keys, the lower one first, each cut
    // to the row's allowed prefix.
    auto runs = [&](Index i) {
      const Index a = i / b, end = allowedKeys(i, m, causal);
      auto block = [&](Index blk) {
        return std::pair{std::min(blk * b, end),
                         std::max(std::min(blk * b, end), std::min((blk + 1) * b, end))};
      };
      const Index routed = routing[static_cast<std::size_t>(a)];
      std::pair<Index, Index> own = a < nk ? block(a) : std::pair<Index, Index>{0, 0};
      std::pair<Index, Index> other = routed != a ? block(routed) : std::pair<Index, Index>{0, 0};
      if (routed < a) std::swap(own, other);
      return std::array{own, other};
    };
    SparsePattern pattern = orderedPattern(
        n, m,
        [&](Index i) {
          const auto r = runs(i);
          return (r[0].second - r[0].first) + (r[1].second - r[1].first);
        },
        [&](Index i, Index* keys) {
          for (const auto& [lo, hi] : runs(i))
            for (Index j = lo; j < hi; ++j) *keys++ = j;
        });

    const float scale = 1.0f / std::sqrt(float(dk));
    runHeads(r, 1, n, in.v.cols(),
             [&, shared = std::make_shared<const SparsePattern>(std::move(pattern))](Index) {
               return attendSparse(in.q, in.k, in.v, scale, shared, cancel);
             });
    Matrix route(nq, 1);
    for (Index a = 0; a < nq; ++a) route(a, 0) = float(routing[static_cast<std::size_t>(a)]);
    r.trace.routing = Trace::Routing{Index(p.integer("block")), std::move(route), l.cast<float>()};
    return r;
  }
};

}  // namespace

const Variant& sinkhornVariant() {
  static const Sinkhorn v;
  return v;
}

}  // namespace atlas::core::variants
