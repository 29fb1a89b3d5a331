#include "flash.h"

#include "common.h"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>

namespace atlas::core::variants {
namespace {

Index ceilDiv(Index a, Index b) { return (a + b - 1) / b; }

/// Key tiles query tile t computes: all of them, or (causal) those not entirely above the
/// diagonal, i.e. key tiles starting at or before the tile's last row.
Index computedKeyTiles(Index t, Index n, Index m, Index br, Index bc, bool causal) {
  const Index tiles = ceilDiv(m, bc);
  if (!causal) return tiles;
  const Index lastRow = std::min((t + 1) * br, n) - 1;
  return std::min(tiles, lastRow / bc + 1);
}

/// Pairs inside computed tiles, and key columns read: a sum over query tiles (at most N terms,
/// no allocation). pairs: rows of the tile x keys of its computed tiles.
struct TileCounts {
  double pairs = 0, keyRows = 0, rowTiles = 0, tiles = 0;
};
TileCounts tileCounts(Index n, Index m, Index br, Index bc, bool causal) {
  TileCounts c;
  for (Index t = 0; t < ceilDiv(n, br); ++t) {
    const double rows = double(std::min(br, n - t * br));
    const Index tiles = computedKeyTiles(t, n, m, br, bc, causal);
    const double keys = double(std::min(m, tiles * bc));
    c.pairs += rows * keys;
    c.keyRows += keys;
    c.rowTiles += rows * double(tiles);
    c.tiles += double(tiles);
  }
  return c;
}

/// Exactly scaled_dot, scheduled as FlashAttention: Q in tiles of Br rows, K and V in tiles of
/// Bc rows; one Br x Bc tile of scores at a time, an online softmax, no N x M matrix for O.
class Flash final : public Variant {
 public:
  std::string id() const override { return "flash"; }
  Family family() const override { return Family::Schedule; }
  std::string description() const override {
    return "FlashAttention: scaled dot-product attention computed tile by tile with an online "
           "softmax, never holding the score matrix.";
  }
  std::vector<ParamSpec> params() const override {
    return {{"tile_q", ParamKind::Int, 32, 1, 4096, {}, "query rows per tile Br"},
            {"tile_k", ParamKind::Int, 32, 1, 4096, {}, "key rows per tile Bc"},
            causalSpec()};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index br = p.integer("tile_q"), bc = p.integer("tile_k");
    const TileCounts t = tileCounts(d.n, d.m, br, bc, p.flag("causal"));
    // The arithmetic of scaled_dot on the pairs of the computed tiles...
    Cost c = denseCost(d, {.pairsPerHead = t.pairs, .scoreFlops = 2.0 * double(d.dk), .dvh = d.dv});
    // ... but no N x M traffic: Q is read once, each K and V tile once per query tile. And no
    // per-pair division: the softmax is scale, subtract the running max, sum (3 per pair), the
    // normalisation being the final O = acc / l below.
    for (CostTerm& term : c.terms) {
      if (term.name == "input")
        term.bytes = 4.0 * double(d.n) * double(d.dq);
      else if (term.name == "QK^T")
        term.bytes = 4.0 * t.keyRows * double(d.dk);
      else if (term.name == "PV")
        term.bytes = 4.0 * t.keyRows * double(d.dv);
      else if (term.name == "softmax") {
        term.flops = 3.0 * t.pairs;
        term.bytes = 0;
      }
    }
    // Per row and computed tile: new max (comparisons, free), alpha = exp(m - m_new) (1 and an
    // exp), l = alpha l + sum (2), acc *= alpha (dv); at the end O = acc / l (dv per row).
    c.terms.insert(
        c.terms.end() - 1,
        {"online rescale", t.rowTiles * (3.0 + double(d.dv)) + double(d.n) * d.dv, t.rowTiles, 0});
    c.peak = 4.0 * double(br) * double(bc) + 4.0 * double(br) * double(d.dv + 2);
    // + extras: tile_order (tiles x 2), running_max and running_sum (N x key tiles).
    c.resident = resultBytes(1, d.n, d.m, d.dv) +
                 4.0 * (2.0 * t.tiles + 2.0 * double(d.n) * double(ceilDiv(d.m, bc)));
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index n = in.q.rows(), m = in.k.rows(), dv = in.v.cols();
    const Index br = p.integer("tile_q"), bc = p.integer("tile_k");
    const Index qTiles = ceilDiv(n, br), kTiles = ceilDiv(m, bc);
    const bool causal = p.flag("causal");
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    const float inf = std::numeric_limits<float>::infinity();
    VariantResult r = startResult(*this, in, p);

    // The processing order: query tiles outer, key tiles inner (query tiles run in parallel).
    std::vector<Index> order;
    for (Index t = 0; t < qTiles; ++t)
      for (Index kt = 0; kt < computedKeyTiles(t, n, m, br, bc, causal); ++kt)
        order.insert(order.end(), {t, kt});
    Matrix tileOrder(Index(order.size() / 2), 2);
    for (std::size_t a = 0; a < order.size(); ++a)
      tileOrder(Index(a / 2), Index(a % 2)) = float(order[a]);
    Matrix runningMax(n, kTiles), runningSum(n, kTiles);

    // Scores of tile (rows r0.., keys c0..) into s, scaled, with -inf where causal forbids j > i.
    auto scoreTile = [&](Index r0, Index c0, Matrix& s) {
      s.noalias() = in.q.middleRows(r0, s.rows()) * in.k.middleRows(c0, s.cols()).transpose();
      s *= scale;
      if (causal)
        for (Index i = 0; i < s.rows(); ++i)
          for (Index j = std::max<Index>(0, r0 + i - c0 + 1); j < s.cols(); ++j) s(i, j) = -inf;
    };

    runHeads(r, 1, n, dv, [&](Index) {
      HeadResult h;
      h.weights = Matrix::Zero(n, m);
      h.mask = MaskMatrix::Zero(n, m);
      h.output.resize(n, dv);
      // Online softmax, Dao et al. 2022 ("FlashAttention: Fast and Memory-Efficient Exact
      // Attention with IO-Awareness", Algorithm 1, after Milakov & Gimelshein 2018), with the
      // query-tile-outer loop order of FlashAttention-2 (Dao 2023) so query tiles are independent.
      tbb::parallel_for(Index{0}, qTiles, [&](Index t) {
        cancel.throwIfCancelled();
        const Index r0 = t * br, rows = std::min(br, n - r0);
        // Running quantities of row i, over the keys j of the key tiles processed so far:
        //   m_i   = max_j s_ij                      (mRun)
        //   l_i   = sum_j exp(s_ij - m_i)           (lRun)
        //   acc_i = sum_j exp(s_ij - m_i) v_j       (acc), so that O_i = acc_i / l_i at the end.
        Eigen::VectorXf mRun = Eigen::VectorXf::Constant(rows, -inf);
        Eigen::VectorXf lRun = Eigen::VectorXf::Zero(rows);
        Matrix acc = Matrix::Zero(rows, dv);
        Matrix s;  // the one tile of scores held at a time
        const Index tiles = computedKeyTiles(t, n, m, br, bc, causal);
        for (Index kt = 0; kt < kTiles; ++kt) {
          if (kt < tiles) {  // tiles entirely above the diagonal (causal) are skipped
            const Index c0 = kt * bc, cols = std::min(bc, m - c0);
            s.resize(rows, cols);
            scoreTile(r0, c0, s);
            for (Index i = 0; i < rows; ++i) {
              const float mNew = std::max(mRun(i), s.row(i).maxCoeff());
              if (mNew == -inf) {  // nothing allowed yet in this row: keep m, l, acc
                s.row(i).setZero();
                continue;
              }
              const float alpha = std::exp(mRun(i) - mNew);  // rescales the old sums to the new max
              s.row(i) = (s.row(i).array() - mNew).exp().matrix();
              lRun(i) = alpha * lRun(i) + s.row(i).sum();
              acc.row(i) *= alpha;
              mRun(i) = mNew;
            }
            acc.noalias() += s * in.v.middleRows(c0, cols);
          }
          runningMax.middleRows(r0, rows).col(kt) = mRun;
          runningSum.middleRows(r0, rows).col(kt) = lRun;
        }
        h.output.middleRows(r0, rows) = lRun.cwiseInverse().asDiagonal() * acc;

        // Display only: P = exp(s - m) / l from the final (m, l), again one tile at a time.
        for (Index kt = 0; kt < tiles; ++kt) {
          const Index c0 = kt * bc, cols = std::min(bc, m - c0);
          s.resize(rows, cols);
          scoreTile(r0, c0, s);
          for (Index i = 0; i < rows; ++i) {
            h.weights.block(r0 + i, c0, 1, cols) =
                ((s.row(i).array() - mRun(i)).exp() / lRun(i)).matrix();
            const Index allowed = causal ? std::clamp<Index>(r0 + i - c0 + 1, 0, cols) : cols;
            h.mask.block(r0 + i, c0, 1, allowed).setConstant(1);
          }
        }
      });
      h.scoreEvaluations = static_cast<std::uint64_t>(tileCounts(n, m, br, bc, causal).pairs);
      return h;
    });
    r.extras["tile_order"] = std::move(tileOrder);
    r.extras["running_max"] = std::move(runningMax);
    r.extras["running_sum"] = std::move(runningSum);
    return r;
  }
};

}  // namespace

const Variant& flashVariant() {
  static const Flash v;
  return v;
}

}  // namespace atlas::core::variants
