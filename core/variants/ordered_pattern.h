// Sparse patterns whose rows a variant can list in increasing key order without repeats (most
// fixed patterns, buckets, clusters, blocks): built straight into compressed rows, two parallel
// passes (sizes, then keys), with no per-row vectors, sorting or std::function calls, which is
// what buildPattern (core/sparse.h) spends its time on for such rows. Header-only so that it
// needs no line of its own in core/CMakeLists.txt.
#pragma once

#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <vector>

namespace atlas::core::variants {

/// The n x m pattern whose row i has count(i) keys, written by fill(i, keys) to keys[0 ..
/// count(i)) in strictly increasing order, each allowed (in [0, m), and j <= i when the variant
/// is causal: the caller applies that rule). With components, fill(i, keys, comps) also writes
/// the 1-based component of each key (kept only when some component is non-zero, as
/// buildPattern does). count and fill run in parallel over rows.
template <bool kComponents = false, typename Count, typename Fill>
SparsePattern orderedPattern(Index n, Index m, Count&& count, Fill&& fill) {
  SparsePattern p;
  p.n = n;
  p.m = m;
  p.rowStart.assign(static_cast<std::size_t>(n) + 1, 0);
  constexpr Index kGrain = 256;
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, kGrain), [&](const auto& r) {
    for (Index i = r.begin(); i < r.end(); ++i) p.rowStart[std::size_t(i) + 1] = count(i);
  });
  std::partial_sum(p.rowStart.begin(), p.rowStart.end(), p.rowStart.begin());
  p.cols.resize(static_cast<std::size_t>(p.rowStart.back()));
  if constexpr (kComponents) p.component.resize(p.cols.size());
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, kGrain), [&](const auto& r) {
    for (Index i = r.begin(); i < r.end(); ++i) {
      const std::size_t at = static_cast<std::size_t>(p.rowStart[std::size_t(i)]);
      if constexpr (kComponents)
        fill(i, p.cols.data() + at, p.component.data() + at);
      else
        fill(i, p.cols.data() + at);
    }
  });
  if constexpr (kComponents)
    if (std::all_of(p.component.begin(), p.component.end(), [](auto c) { return c == 0; }))
      p.component.clear();
#ifndef NDEBUG
  for (Index i = 0; i < n; ++i)
    for (Index a = p.rowStart[std::size_t(i)]; a < p.rowStart[std::size_t(i) + 1]; ++a) {
      const Index j = p.cols[std::size_t(a)];
      eigen_assert(j >= 0 && j < m &&
                   (a == p.rowStart[std::size_t(i)] || p.cols[std::size_t(a) - 1] < j));
    }
#endif
  return p;
}

/// The rule of lsh and kmeans: query i sees the keys of its group, members[queryGroup[i]] (each
/// list in increasing order), and key i itself when i < m; causal: keys j <= i only.
inline SparsePattern groupPattern(const std::vector<int>& queryGroup,
                                  const std::vector<std::vector<Index>>& members, Index m,
                                  bool causal) {
  const Index n = static_cast<Index>(queryGroup.size());
  // The group's keys row i may see, and whether key i must be added to them.
  auto keysOf = [&](Index i) {
    const auto& group = members[static_cast<std::size_t>(queryGroup[static_cast<std::size_t>(i)])];
    const auto end = causal ? std::upper_bound(group.begin(), group.end(), i) : group.end();
    const bool self = i < m && !std::binary_search(group.begin(), end, i);
    return std::tuple{group.begin(), end, self};
  };
  return orderedPattern(
      n, m,
      [&](Index i) {
        const auto [begin, end, self] = keysOf(i);
        return Index(end - begin) + Index(self);
      },
      [&](Index i, Index* keys) {
        const auto [begin, end, self] = keysOf(i);
        const auto split = self ? std::lower_bound(begin, end, i) : end;
        keys = std::copy(begin, split, keys);
        if (self) *keys++ = i;
        std::copy(split, end, keys);
      });
}

/// One head of scaled dot-product attention on the pattern (as sparseSingleHead, for a pattern
/// already built): checks that queries and keys have the same width.
inline VariantResult orderedSingleHead(const Variant& v, const Inputs& in, const ParamSet& p,
                                       SparsePattern pattern, const CancelToken& cancel) {
  requireEqual(v.id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
  VariantResult r = startResult(v, in, p);
  const float scale = 1.0f / std::sqrt(float(in.k.cols()));
  auto shared = std::make_shared<const SparsePattern>(std::move(pattern));
  runHeads(r, 1, in.q.rows(), in.v.cols(),
           [&](Index) { return attendSparse(in.q, in.k, in.v, scale, shared, cancel); });
  return r;
}

}  // namespace atlas::core::variants
