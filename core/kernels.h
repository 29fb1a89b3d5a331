// Shared numerical pieces of the dense path: masked row softmax and P V, blocked over rows.
#pragma once

#include "types.h"

#include <functional>

namespace atlas::core {

/// Attention of one head: weights (N x M), mask (N x M) and output (N x dv).
struct HeadResult {
  Matrix weights;
  MaskMatrix mask;
  Matrix output;
  std::uint64_t scoreEvaluations = 0;  ///< raw scores evaluated for this head
  MaskMatrix components;               ///< optional: component ids of the pairs (see VariantResult)
};

/// Fills rows [r0, r0 + S.rows()) of the raw score matrix into S (S.rows() x M).
using ScoreBlockFn = std::function<void(Index r0, Eigen::Ref<Matrix> S)>;

/// Dense attention of one head from a score function: the rows are processed in blocks in
/// parallel; in each block the scores are formed, masked (causal: j <= i), turned into weights
/// by a numerically stable softmax (a row with no allowed key gives zeros, never NaN), and
/// multiplied by V. Shapes: scores n x m, v m x dv. Checks `cancel` between row blocks.
HeadResult attendDense(Index n, Index m, const ScoreBlockFn& scores, const MatrixRef& v,
                       bool causal, const CancelToken& cancel);

/// In-place stable softmax of one row over its first `allowed` entries; entries from
/// `allowed` on are set to exactly 0. allowed == 0 leaves a row of zeros.
void softmaxRowPrefix(Eigen::Ref<Eigen::RowVectorXf> row, Index allowed);

/// Number of keys row i may see: m, or min(i + 1, m) when causal.
inline Index allowedKeys(Index i, Index m, bool causal) {
  return causal ? std::min<Index>(i + 1, m) : m;
}

}  // namespace atlas::core
