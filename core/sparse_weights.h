// Attention weights kept on the computed pairs only: the allowed (query, key) pairs of a head as
// compressed rows, and one weight per pair. Sparse variants return these instead of N x M
// matrices, so their memory and time grow with the pattern, not with N M.
#pragma once

#include "types.h"

#include <cstdint>
#include <memory>
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
  Index rowSize(Index i) const { return rowStart[std::size_t(i) + 1] - rowStart[std::size_t(i)]; }
};

/// The weights of one head on its pattern's pairs; every pair off the pattern has weight 0 and is
/// "not computed". The pattern is shared (several heads or results may use one).
struct SparseWeights {
  std::shared_ptr<const SparsePattern> pattern;
  std::vector<float> values;  ///< per pair, in the pattern's order
  /// When non-zero, the component of every pair (mixed_heads: one pattern per head); otherwise
  /// the pattern's own component ids, if any.
  std::uint8_t headComponent = 0;

  Index rows() const { return pattern->n; }
  Index cols() const { return pattern->m; }
  std::size_t nnz() const { return values.size(); }
  bool hasComponents() const { return headComponent != 0 || !pattern->component.empty(); }

  /// Index of pair (i, j) among the stored pairs (binary search in row i), or -1.
  std::ptrdiff_t find(Index i, Index j) const;
  float at(Index i, Index j) const;  ///< the weight, 0 off the pattern
  bool computed(Index i, Index j) const { return find(i, j) >= 0; }
  std::uint8_t componentOf(std::size_t pair) const {
    return headComponent != 0           ? headComponent
           : pattern->component.empty() ? 0
                                        : pattern->component[pair];
  }
  std::uint8_t componentAt(Index i, Index j) const;

  /// Calls f(i, j, pair) for every stored pair, row by row, keys increasing.
  template <typename F>
  void forEach(F&& f) const {
    const SparsePattern& p = *pattern;
    for (Index i = 0; i < p.n; ++i)
      for (Index a = p.rowStart[std::size_t(i)]; a < p.rowStart[std::size_t(i) + 1]; ++a)
        f(i, p.cols[std::size_t(a)], std::size_t(a));
  }

  /// The N x M matrices, for code that needs every entry (files, the low-rank analysis, tests).
  Matrix dense() const;
  MaskMatrix denseMask() const;
  MaskMatrix denseComponents() const;

  /// Bytes a result of `heads` heads with `pairsPerHead` stored pairs each holds for its weights:
  /// a weight, a key index and a component id per pair, n + 1 row offsets per head.
  static double bytes(double heads, Index n, double pairsPerHead);
};

}  // namespace atlas::core
