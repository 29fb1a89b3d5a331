#include "flash_steps.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace atlas::core {

Index flashKeyTiles(Index t, Index n, Index m, Index br, Index bc, bool causal) {
  const Index tiles = ceilDiv(m, bc);
  if (!causal) return tiles;
  const Index lastRow = std::min((t + 1) * br, n) - 1;
  return std::min(tiles, lastRow / bc + 1);
}

Matrix flashTileOrder(Index n, Index m, Index br, Index bc, bool causal) {
  const Index qTiles = ceilDiv(n, br);
  Index steps = 0;
  for (Index t = 0; t < qTiles; ++t) steps += flashKeyTiles(t, n, m, br, bc, causal);
  Matrix order(steps, 2);
  Index s = 0;
  for (Index t = 0; t < qTiles; ++t)
    for (Index kt = 0, kTiles = flashKeyTiles(t, n, m, br, bc, causal); kt < kTiles; ++kt, ++s) {
      order(s, 0) = float(t);
      order(s, 1) = float(kt);
    }
  return order;
}

Trace::Tiles replayFlashTiles(const Matrix& weights, const Trace::Tiles& computed, Index br,
                              Index bc) {
  const Index n = weights.rows(), m = weights.cols(), kTiles = ceilDiv(m, bc);
  eigen_assert(computed.runningMax.rows() == n && computed.runningMax.cols() > 0);
  Trace::Tiles out;
  out.rows = br;
  out.cols = bc;
  out.causal = computed.causal;
  out.order = flashTileOrder(n, m, br, bc, computed.causal);
  out.runningMax.resize(n, kTiles);
  out.runningSum.resize(n, kTiles);
  const Index last = computed.runningMax.cols() - 1;
  for (Index i = 0; i < n; ++i) {
    // The final m and l of the row; P_ij l = exp(S_ij - m).
    const double mFinal = computed.runningMax(i, last), lFinal = computed.runningSum(i, last);
    double peak = 0, sum = 0;  // max and sum of P over the keys seen so far
    for (Index kt = 0; kt < kTiles; ++kt) {
      // Keys past the tiles a causal row computes are masked: their weights are 0, so running
      // on over them carries m and l, as the kernel's record does.
      for (Index j = kt * bc; j < std::min(m, (kt + 1) * bc); ++j) {
        const double p = weights(i, j);
        peak = std::max(peak, p);
        sum += p;
      }
      out.runningMax(i, kt) = peak > 0 ? float(mFinal + std::log(lFinal * peak))
                                       : -std::numeric_limits<float>::infinity();
      out.runningSum(i, kt) = peak > 0 ? float(sum / peak) : 0.0f;
    }
  }
  return out;
}

FlashStep flashStep(const Matrix& weights, const MaskMatrix& mask, const Trace::Tiles& tiles,
                    Index step) {
  const Index n = weights.rows(), m = weights.cols(), br = tiles.rows, bc = tiles.cols;
  eigen_assert(step >= 0 && step < tiles.order.rows());
  FlashStep s;
  s.queryTile = Index(tiles.order(step, 0));
  s.keyTile = Index(tiles.order(step, 1));
  s.weights = Matrix::Zero(n, m);
  s.done = MaskMatrix::Zero(n, m);
  const Index last = tiles.runningMax.cols() - 1;
  // Earlier query tiles are finished: their final weights.
  const Index finished = std::min(n, s.queryTile * br);
  s.weights.topRows(finished) = weights.topRows(finished);
  s.done.topRows(finished) = mask.topRows(finished);
  // The current query tile, after its key tiles 0..keyTile: the running state.
  const Index keys = std::min(m, (s.keyTile + 1) * bc);
  for (Index i = finished; i < std::min(n, finished + br); ++i) {
    const double mFinal = tiles.runningMax(i, last), lFinal = tiles.runningSum(i, last);
    const double mNow = tiles.runningMax(i, s.keyTile), lNow = tiles.runningSum(i, s.keyTile);
    const bool seen = lNow > 0 && std::isfinite(mNow);
    const double factor = seen ? lFinal * std::exp(mFinal - mNow) / lNow : 0.0;
    for (Index j = 0; j < keys; ++j) {
      s.done(i, j) = mask(i, j);
      if (mask(i, j)) s.weights(i, j) = float(double(weights(i, j)) * factor);
    }
  }
  return s;
}

}  // namespace atlas::core
