// Shared numerical pieces of the dense path: masked row softmax and P V, blocked over rows, with
// the hand-vectorised kernels of core/simd (AVX-512, AVX2 or portable, picked at run time).
#pragma once

#include "sparse_weights.h"
#include "types.h"

#include <functional>
#include <optional>

namespace atlas::core {

/// Attention of one head: weights (N x M), mask (N x M) and output (N x dv); or, for a sparse
/// head, the weights on its pattern's pairs (`sparse`, weights and mask then empty).
struct HeadResult {
  Matrix weights;
  MaskMatrix mask;
  Matrix output;
  std::uint64_t scoreEvaluations = 0;  ///< raw scores evaluated for this head
  MaskMatrix components;               ///< optional: component ids of the pairs (see VariantResult)
  std::optional<SparseWeights> sparse;
};

/// A head result of n x m weights and mask and n x dv output, none of it initialised (the caller
/// writes every entry), scoreEvaluations = n m; large buffers are backed by huge pages where the
/// system allows, which makes first touching them several times cheaper.
HeadResult uninitialisedHead(Index n, Index m, Index dv);

/// Fills rows [r0, r0 + S.rows()) of the raw score matrix into S (S.rows() x M).
using ScoreBlockFn = std::function<void(Index r0, Eigen::Ref<Matrix> S)>;

/// Dense attention of one head from a score function: the rows are processed in blocks of 32 in
/// parallel; in each block the scores are formed, masked (causal: j <= i), turned into weights
/// by a numerically stable softmax (a row with no allowed key gives zeros, never NaN), and
/// multiplied by V. Shapes: scores n x m, v m x dv. Checks `cancel` between row blocks.
HeadResult attendDense(Index n, Index m, const ScoreBlockFn& scores, const MatrixRef& v,
                       bool causal, const CancelToken& cancel);

/// attendDense with the scores q k^T * scale, fused: per panel of rows (sized so its scores stay
/// in L2), S = Q K^T into a scratch panel, one pass of max and one of exp and sum per row, the
/// weights written into the result, O = E V / sum. Shapes: q n x d, k m x d, v m x dv; the
/// same weights, mask and output as attendDense up to float rounding.
HeadResult attendScaledDot(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                           bool causal, const CancelToken& cancel);

/// softmax(q k^T * scale) v (causal: j <= i) without the weights: key tiles with an online
/// softmax, never more than a panel x tile of scores at once. Output n x dv; a row without keys
/// is zero. For benchmarks and streaming, where the N x M weights are not needed.
Matrix attendDenseOutputOnly(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v,
                             float scale, bool causal, const CancelToken& cancel);

/// FlashAttention's schedule of one head (query tiles of tileRows in parallel, key tiles of
/// tileCols inside with an online softmax) plus what the flash views show: the weights and mask
/// (exp of each tile as it is formed, rescaled by the final max and sum), and the running max
/// and sum of every row after every key tile (n x key tiles). Causal: tiles entirely above the
/// diagonal are skipped (their running values repeat). scoreEvaluations is left 0.
struct FlashHead {
  HeadResult head;
  Matrix runningMax, runningSum;
};
FlashHead attendFlash(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                      bool causal, Index tileRows, Index tileCols, const CancelToken& cancel);

/// attendFlash's output alone (n x dv): the same schedule, tiles and chunks of tiles, so the same
/// output bit for bit, without weights, mask or records; a panel holds one chunk of scores.
Matrix attendFlashOutput(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                         bool causal, Index tileRows, Index tileCols, const CancelToken& cancel);

/// In-place stable softmax of one row over its first `allowed` entries; entries from
/// `allowed` on are set to exactly 0. allowed == 0 leaves a row of zeros.
void softmaxRowPrefix(Eigen::Ref<Eigen::RowVectorXf> row, Index allowed);

/// Number of keys row i may see: m, or min(i + 1, m) when causal.
inline Index allowedKeys(Index i, Index m, bool causal) {
  return causal ? std::min<Index>(i + 1, m) : m;
}

}  // namespace atlas::core
