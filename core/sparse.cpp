#include "sparse.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace atlas::core {

SparsePattern buildPattern(Index n, Index m, bool causal, const PatternRowFn& rowFn,
                           bool countRepeats) {
  struct Row {
    std::vector<Index> keys;
    std::vector<std::uint8_t> comps;
    std::vector<float> mult;
  };
  std::vector<Row> rows(static_cast<std::size_t>(n));
  bool anyComponents = false, anyRepeats = false;
  tbb::parallel_for(Index{0}, n, [&](Index i) {
    Row& r = rows[static_cast<std::size_t>(i)];
    std::vector<Index> keys;
    std::vector<std::uint8_t> comps;
    rowFn(i, keys, comps);
    // Sort by key, keeping the order of insertion among equal keys (first component wins).
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a] < keys[b]; });
    for (std::size_t o : order) {
      const Index j = keys[o];
      if (j < 0 || j >= m || (causal && j > i)) continue;
      if (!r.keys.empty() && r.keys.back() == j) {
        if (countRepeats) r.mult.back() += 1.0f;
        continue;
      }
      r.keys.push_back(j);
      r.comps.push_back(o < comps.size() ? comps[o] : 0);
      r.mult.push_back(1.0f);
    }
  });
  SparsePattern p;
  p.n = n;
  p.m = m;
  p.rowStart.resize(static_cast<std::size_t>(n) + 1, 0);
  for (Index i = 0; i < n; ++i) {
    const Row& r = rows[static_cast<std::size_t>(i)];
    p.rowStart[static_cast<std::size_t>(i) + 1] = p.rowStart[static_cast<std::size_t>(i)] + Index(r.keys.size());
    anyComponents = anyComponents || std::any_of(r.comps.begin(), r.comps.end(), [](auto c) { return c != 0; });
    anyRepeats = anyRepeats || std::any_of(r.mult.begin(), r.mult.end(), [](float w) { return w != 1.0f; });
  }
  p.cols.reserve(static_cast<std::size_t>(p.rowStart.back()));
  for (const Row& r : rows) p.cols.insert(p.cols.end(), r.keys.begin(), r.keys.end());
  if (anyComponents)
    for (const Row& r : rows) p.component.insert(p.component.end(), r.comps.begin(), r.comps.end());
  if (anyRepeats)
    for (const Row& r : rows) p.multiplicity.insert(p.multiplicity.end(), r.mult.begin(), r.mult.end());
  return p;
}

HeadResult attendSparse(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                        const SparsePattern& pattern, const CancelToken& cancel) {
  const Index n = pattern.n, m = pattern.m;
  HeadResult r;
  r.weights = Matrix::Zero(n, m);
  r.mask = MaskMatrix::Zero(n, m);
  r.output = Matrix::Zero(n, v.cols());
  if (!pattern.component.empty()) r.components = MaskMatrix::Zero(n, m);
  r.scoreEvaluations = pattern.nnz();
  const bool weighted = !pattern.multiplicity.empty();
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 32), [&](const auto& range) {
    cancel.throwIfCancelled();
    std::vector<float> s;
    for (Index i = range.begin(); i < range.end(); ++i) {
      const Index begin = pattern.rowStart[static_cast<std::size_t>(i)];
      const Index count = pattern.rowSize(i);
      if (count == 0) continue;  // no key: the row stays zero
      s.resize(static_cast<std::size_t>(count));
      // Scores of the allowed pairs only.
      float mx = -std::numeric_limits<float>::infinity();
      for (Index p = 0; p < count; ++p) {
        const Index j = pattern.cols[static_cast<std::size_t>(begin + p)];
        s[static_cast<std::size_t>(p)] = q.row(i).dot(k.row(j)) * scale;
        mx = std::max(mx, s[static_cast<std::size_t>(p)]);
      }
      // Stable softmax over them (each exp weighted by its multiplicity, if any).
      double sum = 0;
      for (Index p = 0; p < count; ++p) {
        float e = std::exp(s[static_cast<std::size_t>(p)] - mx);
        if (weighted) e *= pattern.multiplicity[static_cast<std::size_t>(begin + p)];
        s[static_cast<std::size_t>(p)] = e;
        sum += e;
      }
      const float inv = static_cast<float>(1.0 / sum);
      for (Index p = 0; p < count; ++p) {
        const Index j = pattern.cols[static_cast<std::size_t>(begin + p)];
        const float w = s[static_cast<std::size_t>(p)] * inv;
        r.weights(i, j) = w;
        r.mask(i, j) = 1;
        if (!pattern.component.empty()) r.components(i, j) = pattern.component[static_cast<std::size_t>(begin + p)];
        r.output.row(i).noalias() += w * v.row(j);
      }
    }
  });
  return r;
}

}  // namespace atlas::core
