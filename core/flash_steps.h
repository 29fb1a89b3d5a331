// FlashAttention's schedule step by step, for the Teaching view and the tests: the order of the
// tiles, each row's running maximum m and sum l after each key tile, and what the online softmax
// holds after any step, exp(S - m) / l with the m and l of that step.
#pragma once

#include "variant_result.h"

namespace atlas::core {

/// Key tiles query tile t of Br = br rows computes, of ceil(M / bc): all of them, or (causal)
/// those not wholly above the diagonal, i.e. starting at or before the tile's last row.
Index flashKeyTiles(Index t, Index n, Index m, Index br, Index bc, bool causal);

/// The processing order, steps x 2 (query tile, key tile): query tiles outer, their key tiles
/// inner, as flash runs them (FlashAttention-2's loop order).
Matrix flashTileOrder(Index n, Index m, Index br, Index bc, bool causal);

/// The record flash would make with tiles of br x bc, derived from the weights P (N x M) of a
/// run with any tiles and that run's record `computed` (its last key tile holds every row's
/// final m and l). Since P_ij = exp(S_ij - m_i) / l_i, the scores are S_ij = m_i + log(P_ij l_i):
/// after key tiles 0..t a row's maximum is m_i + log(l_i max P_ij) and its sum
/// sum P_ij / max P_ij, both over the keys of those tiles. No score is recomputed; exact up to
/// P's rounding, except that a weight that underflowed to 0 counts as a key never seen (a row
/// whose seen weights all underflowed gets m = -inf, l = 0).
Trace::Tiles replayFlashTiles(const Matrix& weights, const Trace::Tiles& computed, Index br,
                              Index bc);

/// What the online softmax holds after step `step` (0-based) of `tiles`, for the weights P and
/// mask (1 = allowed) of the same run.
struct FlashStep {
  Index queryTile = 0, keyTile = 0;  ///< the tile just processed
  /// N x M: for a row of an earlier query tile its final weights; for a row of the current
  /// query tile exp(S_ij - m_i) / l_i with m_i, l_i after key tile `keyTile`, on the keys of
  /// tiles 0..keyTile; 0 elsewhere.
  Matrix weights;
  /// N x M: 1 where `weights` holds a value computed by this step (in a processed tile and
  /// allowed), 0 for pairs not processed yet or masked.
  MaskMatrix done;
};
/// From the record: weight_ij = P_ij l_i exp(m_i - m_i(t)) / l_i(t), with (m_i, l_i) final and
/// (m_i(t), l_i(t)) after the row's key tile t.
FlashStep flashStep(const Matrix& weights, const MaskMatrix& mask, const Trace::Tiles& tiles,
                    Index step);

}  // namespace atlas::core
