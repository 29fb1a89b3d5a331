// Sparse attention: the allowed (query, key) pairs of one head as compressed rows, and the
// kernel that evaluates scores on those pairs only, so the work grows with the pattern's size.
#pragma once

#include "kernels.h"

#include <functional>
#include <vector>

namespace atlas::core {

/// The keys each query row may see, in increasing order (compressed sparse rows).
struct SparsePattern {
  Index n = 0, m = 0;
  std::vector<Index> rowStart;          ///< n + 1 offsets into cols
  std::vector<Index> cols;              ///< allowed keys, row after row
  std::vector<std::uint8_t> component;  ///< empty, or per pair: 1-based component that admitted it
  std::vector<float> multiplicity;      ///< empty, or per pair: weight of exp(score) (LongNet mix)

  std::size_t nnz() const { return cols.size(); }
  Index rowSize(Index i) const { return rowStart[i + 1] - rowStart[i]; }
};

/// Fills row i: appends its keys (any order, duplicates allowed) and, optionally, a component id
/// per key. When a key is added twice, the first component wins and the multiplicities add up
/// (when `countRepeats`), else repeats are dropped.
using PatternRowFn = std::function<void(Index i, std::vector<Index>& keys, std::vector<std::uint8_t>& components)>;

/// Builds the pattern of an n x m matrix row by row (rows in parallel). With `causal`, keys
/// j > i are dropped. Rows come out sorted and without duplicates.
SparsePattern buildPattern(Index n, Index m, bool causal, const PatternRowFn& row,
                           bool countRepeats = false);

/// Scaled dot-product attention restricted to the pattern: for each allowed pair only,
/// s = q_i . k_j * scale; a stable softmax over the row's pairs (weighted by multiplicity when
/// given); O_i = sum_j p_ij v_j. Returns dense N x M weights (exactly 0 off the pattern), the
/// mask, components when the pattern has them, and scoreEvaluations = nnz. A row without keys
/// gives zeros. Shapes: q n x d, k m x d, v m x dv.
/// Panels of 32 rows whose pairs fill at least a quarter of the 16-key blocks they touch (the
/// masked dense pieces: windows, blocks, dense strides) compute those blocks with the dense
/// kernels and keep the allowed pairs; scattered panels go pair by pair.
HeadResult attendSparse(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                        const SparsePattern& pattern, const CancelToken& cancel);

}  // namespace atlas::core
