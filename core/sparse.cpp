#include "sparse.h"

#include "simd/attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace atlas::core {

SparsePattern buildPattern(Index n, Index m, bool causal, const PatternRowFn& rowFn,
                           bool countRepeats) {
  // Rows in blocks (in parallel), each block's pairs in its own arrays; the rows' scratch
  // vectors are reused per thread, so there are no allocations per row (which would contend
  // for the allocator's lock when threads share one arena).
  constexpr Index kGrain = 64;
  const Index blocks = (n + kGrain - 1) / kGrain;
  struct Block {
    std::vector<Index> keys;
    std::vector<std::uint8_t> comps;
    std::vector<float> mult;
  };
  std::vector<Block> out(static_cast<std::size_t>(blocks));
  SparsePattern p;
  p.n = n;
  p.m = m;
  p.rowStart.assign(static_cast<std::size_t>(n) + 1, 0);
  tbb::parallel_for(Index{0}, blocks, [&](Index b) {
    thread_local std::vector<Index> keys;
    thread_local std::vector<std::uint8_t> comps;
    thread_local std::vector<std::size_t> order;
    Block& blk = out[static_cast<std::size_t>(b)];
    for (Index i = b * kGrain; i < std::min(n, (b + 1) * kGrain); ++i) {
      keys.clear();
      comps.clear();
      rowFn(i, keys, comps);
      // Sort by key, keeping the order of insertion among equal keys (first component wins).
      order.resize(keys.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(),
                       [&](auto x, auto y) { return keys[x] < keys[y]; });
      const std::size_t before = blk.keys.size();
      for (std::size_t o : order) {
        const Index j = keys[o];
        if (j < 0 || j >= m || (causal && j > i)) continue;
        if (blk.keys.size() > before && blk.keys.back() == j) {
          if (countRepeats) blk.mult.back() += 1.0f;
          continue;
        }
        blk.keys.push_back(j);
        blk.comps.push_back(o < comps.size() ? comps[o] : 0);
        blk.mult.push_back(1.0f);
      }
      p.rowStart[static_cast<std::size_t>(i) + 1] = Index(blk.keys.size() - before);
    }
  });
  std::partial_sum(p.rowStart.begin(), p.rowStart.end(), p.rowStart.begin());
  p.cols.reserve(static_cast<std::size_t>(p.rowStart.back()));
  bool anyComponents = false, anyRepeats = false;
  for (const Block& blk : out) {
    p.cols.insert(p.cols.end(), blk.keys.begin(), blk.keys.end());
    anyComponents = anyComponents ||
                    std::any_of(blk.comps.begin(), blk.comps.end(), [](auto c) { return c != 0; });
    anyRepeats = anyRepeats ||
                 std::any_of(blk.mult.begin(), blk.mult.end(), [](float w) { return w != 1.0f; });
  }
  if (anyComponents)
    for (const Block& blk : out)
      p.component.insert(p.component.end(), blk.comps.begin(), blk.comps.end());
  if (anyRepeats)
    for (const Block& blk : out)
      p.multiplicity.insert(p.multiplicity.end(), blk.mult.begin(), blk.mult.end());
  return p;
}

namespace {

constexpr Index kPanelRows = 32;
constexpr Index kBlock = simd::kPackWidth;  // keys per block of the dense tiles
/// Dense tiles are used while they compute at most this many pairs per allowed pair: a pair in
/// a dense tile costs a few cycles, one on its own (a dot product, an exp and an axpy of
/// scalars and short vectors) tens of cycles.
constexpr Index kMaxWaste = 4;

/// Per-thread scratch of one panel (panels are leaves of the task tree: no TBB call inside, so
/// one thread runs one panel at a time).
struct SparseScratch {
  std::vector<std::int32_t> slot;  ///< per block of 16 keys: its column block in the panel, or -1
  std::vector<Index> active;       ///< the blocks the panel's rows touch, increasing
  std::vector<float> s, p, e;      ///< scores and weights (rows x lds), one row's allowed pairs
};

SparseScratch& sparseScratch() {
  thread_local SparseScratch scratch;
  return scratch;
}

/// The old path, for panels whose pairs are too scattered for dense tiles: each pair alone.
void pairsPanel(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                const SparsePattern& pattern, Index r0, Index r1, float* values, Matrix& output,
                std::vector<float>& s) {
  const bool weighted = !pattern.multiplicity.empty();
  for (Index i = r0; i < r1; ++i) {
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
      values[begin + p] = w;
      output.row(i).noalias() += w * v.row(j);
    }
  }
}

}  // namespace

HeadResult attendSparse(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                        std::shared_ptr<const SparsePattern> shared, const CancelToken& cancel) {
  const SparsePattern& pattern = *shared;
  const Index n = pattern.n, m = pattern.m, dv = v.cols(), d = q.cols();
  eigen_assert(k.rows() == m && v.rows() == m && k.cols() == d);
  HeadResult r;
  r.output.resize(n, dv);  // each panel zeroes its own rows
  r.scoreEvaluations = pattern.nnz();
  std::vector<float> values(pattern.nnz());  // every pair is written by its row's panel
  float* const value = values.data();
  const bool weighted = !pattern.multiplicity.empty();
  const simd::AttentionKernels& kernels = simd::attentionKernels();
  const Index blocks = (m + kBlock - 1) / kBlock;
  // Keys packed once for the dense tiles (blocks of 16 keys, any of which a panel may use).
  const simd::PackedKeys keys = simd::packKeys(k, m);
  tbb::parallel_for(
      tbb::blocked_range<Index>(0, (n + kPanelRows - 1) / kPanelRows, 1), [&](const auto& range) {
        for (Index panel = range.begin(); panel < range.end(); ++panel) {
          cancel.throwIfCancelled();
          const Index r0 = panel * kPanelRows, r1 = std::min(n, r0 + kPanelRows), rows = r1 - r0;
          r.output.middleRows(r0, rows).setZero();
          const Index first = pattern.rowStart[std::size_t(r0)],
                      nnz = pattern.rowStart[std::size_t(r1)] - first;
          if (nnz == 0) continue;

          // The blocks of 16 keys the panel's rows touch; dense tiles over them when few are
          // wasted.
          SparseScratch& sc = sparseScratch();
          sc.slot.resize(std::size_t(blocks), -1);
          sc.active.clear();
          for (Index a = first; a < first + nnz; ++a) {
            const Index b = pattern.cols[std::size_t(a)] / kBlock;
            if (sc.slot[std::size_t(b)] < 0) {
              sc.slot[std::size_t(b)] = 0;
              sc.active.push_back(b);
            }
          }
          const Index used = Index(sc.active.size());
          if (used * kBlock * rows > kMaxWaste * nnz) {
            for (Index b : sc.active) sc.slot[std::size_t(b)] = -1;
            pairsPanel(q, k, v, scale, pattern, r0, r1, value, r.output, sc.e);
            continue;
          }
          std::sort(sc.active.begin(), sc.active.end());
          for (Index c = 0; c < used; ++c)
            sc.slot[std::size_t(sc.active[std::size_t(c)])] = std::int32_t(c);
          const Index lds = used * kBlock + kBlock;  // padded: rows do not share cache sets
          sc.s.resize(std::size_t(rows * lds));
          sc.p.assign(std::size_t(rows * lds), 0.0f);
          // Runs of consecutive blocks: one score call and one P V call each.
          auto forEachRun = [&](auto&& body) {
            for (Index c = 0; c < used;) {
              Index e = c + 1;
              while (e < used && sc.active[std::size_t(e)] == sc.active[std::size_t(e - 1)] + 1)
                ++e;
              const Index b0 = sc.active[std::size_t(c)];
              body(c, b0, std::min(m, (b0 + e - c) * kBlock) - b0 * kBlock);
              c = e;
            }
          };
          forEachRun([&](Index c, Index b0, Index cols) {
            kernels.scores(q.data() + r0 * q.outerStride(), q.outerStride(), rows, d,
                           keys.tile(0) + b0 * d * kBlock, cols, scale, sc.s.data() + c * kBlock,
                           lds);
          });
          // Per row: the allowed pairs' scores, a stable softmax over them (each exp weighted by
          // its multiplicity, if any), the weights scattered to the result and to the panel's P.
          for (Index i = r0; i < r1; ++i) {
            const Index begin = pattern.rowStart[std::size_t(i)], count = pattern.rowSize(i);
            if (count == 0) continue;
            const float* si = sc.s.data() + (i - r0) * lds;
            float* pi = sc.p.data() + (i - r0) * lds;
            sc.e.resize(std::size_t(count));
            float* e = sc.e.data();
            const Index* cols = pattern.cols.data() + begin;
            for (Index a = 0; a < count; ++a) {
              const Index j = cols[a];
              e[a] = si[sc.slot[std::size_t(j / kBlock)] * kBlock + j % kBlock];
            }
            const float mx = kernels.rowMax(e, count);
            float sum = kernels.expShifted(e, count, mx);
            if (weighted) {
              sum = 0;
              const float* mult = pattern.multiplicity.data() + begin;
              for (Index a = 0; a < count; ++a) sum += (e[a] *= mult[a]);
            }
            const float inv = sum > 0 && std::isfinite(sum) ? 1.0f / sum : 0.0f;
            float* wi = value + begin;
            for (Index a = 0; a < count; ++a) {
              const Index j = cols[a];
              const float w = e[a] * inv;
              wi[a] = w;
              pi[sc.slot[std::size_t(j / kBlock)] * kBlock + j % kBlock] = w;
            }
          }
          forEachRun([&](Index c, Index b0, Index cols) {
            kernels.pv(sc.p.data() + c * kBlock, lds, rows, cols,
                       v.data() + b0 * kBlock * v.outerStride(), v.outerStride(), dv,
                       r.output.data() + r0 * dv, dv, true);
          });
          for (Index b : sc.active) sc.slot[std::size_t(b)] = -1;
        }
      });
  r.sparse = SparseWeights{std::move(shared), std::move(values)};
  return r;
}

}  // namespace atlas::core
