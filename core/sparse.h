// Sparse attention: the allowed (query, key) pairs of one head as compressed rows, and the
// kernel that evaluates scores on those pairs only, so the work grows with the pattern's size.
#pragma once

#include "kernels.h"

#include <functional>
#include <vector>

namespace atlas::core {

/// Fills row i: appends its keys (any order, duplicates allowed) and, optionally, a component id
/// per key. When a key is added twice, the first component wins and the multiplicities add up
/// (when `countRepeats`), else repeats are dropped.
using PatternRowFn =
    std::function<void(Index i, std::vector<Index>& keys, std::vector<std::uint8_t>& components)>;

/// Builds the pattern of an n x m matrix row by row (rows in parallel). With `causal`, keys
/// j > i are dropped. Rows come out sorted and without duplicates.
SparsePattern buildPattern(Index n, Index m, bool causal, const PatternRowFn& row,
                           bool countRepeats = false);

/// Scaled dot-product attention restricted to the pattern: for each allowed pair only,
/// s = q_i . k_j * scale; a stable softmax over the row's pairs (weighted by multiplicity when
/// given); O_i = sum_j p_ij v_j. Returns the weights on the pattern's pairs only (HeadResult::
/// sparse, sharing `pattern`), never an N x M matrix, and scoreEvaluations = nnz. A row without
/// keys gives zeros. Shapes: q n x d, k m x d, v m x dv.
/// Panels of 32 rows whose pairs fill at least a quarter of the 16-key blocks they touch (the
/// masked dense pieces: windows, blocks, dense strides) compute those blocks with the dense
/// kernels and keep the allowed pairs; scattered panels go pair by pair.
HeadResult attendSparse(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                        std::shared_ptr<const SparsePattern> pattern, const CancelToken& cancel);

}  // namespace atlas::core
