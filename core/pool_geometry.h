// Pooling geometry: how a large weight matrix is cut into display-resolution cells. Shared by the
// pooled kernels (core/pooled_weights.h) and the views that draw or hover pooled cells.
#pragma once

#include "types.h"

#include <algorithm>

namespace atlas::core {

/// The display resolution of a pooled weight matrix: at most rows x cols cells, each the maximum
/// or the mean of the softmax weights over its block of (query, key) pairs.
struct PoolSpec {
  Index rows = 1024, cols = 1024;
  enum class Mode { Max, Mean } mode = Mode::Max;
};

/// Cells along a side of n entries pooled into at most `cells`: min(cells, n), at least 1.
inline Index pooledCells(Index n, Index cells) {
  return std::max<Index>(1, std::min(std::max<Index>(cells, 1), n));
}

/// The integer partition of a side: cell a of `cells` over n entries covers [poolStart(a),
/// poolStart(a + 1)) with poolStart(a) = floor(a n / cells). Blocks differ by at most one entry;
/// with cells <= n none is empty.
inline Index poolStart(Index a, Index n, Index cells) { return a * n / cells; }
/// The cell holding entry i (the inverse of poolStart).
inline Index poolCell(Index i, Index n, Index cells) { return ((i + 1) * cells - 1) / n; }

}  // namespace atlas::core
