#include "pooled_weights.h"

#include "simd/attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <vector>

namespace atlas::core {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

/// Query rows per panel and keys per tile: the panel's scores (64 x 256 floats, 64 KB) and its
/// accumulator stay in L2 while K and V stream through once per panel.
constexpr Index kPanelRows = 64, kTileCols = 256;

/// Keys row i may see.
Index allowed(Index i, Index m, bool causal) { return causal ? std::min(i + 1, m) : m; }

/// Serialises progress calls and keeps the reported fraction increasing.
class Progress {
 public:
  Progress(const ProgressFn& fn, double total) : m_fn(fn), m_total(total > 0 ? total : 1) {}
  void add(double work) {
    if (!m_fn) return;
    std::lock_guard lock(m_mutex);
    m_done += work;
    const double f = std::min(1.0, m_done / m_total);
    if (f > m_reported) {
      m_reported = f;
      m_fn(f);
    }
  }
  void finish() {
    if (!m_fn) return;
    std::lock_guard lock(m_mutex);
    if (m_reported < 1.0) {
      m_reported = 1.0;
      m_fn(1.0);
    }
  }

 private:
  const ProgressFn& m_fn;
  double m_total, m_done = 0, m_reported = -1;
  std::mutex m_mutex;
};

/// What one panel of query rows needs besides the shared inputs.
struct PanelJob {
  const MatrixRef& q;
  const simd::PackedKeys& keys;
  const MatrixRef* v;
  Matrix* output;
  const simd::AttentionKernels& kernels;
  Index n, m, d, dv, cellsCols;
  float scale;
  bool causal, mean;
  const std::vector<Index>& colCellStart;  ///< cellsCols + 1 entries: poolStart of each key cell
};

/// Scratch of one panel: scores, accumulator, row state and per-row cell statistics.
struct PanelScratch {
  std::vector<float> s, acc, mRun, lRun, stat, ref;
};

/// Streams the key tiles of rows [r0, r0 + rows) and leaves, per row i, w[b] = the row's
/// contribution to key cell b (max mode: the largest weight of the row in the cell; mean mode:
/// the sum of its weights there) in scratch.stat (rows x cellsCols); writes the output rows.
void streamPanel(const PanelJob& job, Index r0, Index rows, PanelScratch& x) {
  const Index m = job.m, C = job.cellsCols, tileCols = job.keys.tileCols;
  const Index lds = roundUp(tileCols, simd::kPackWidth) + simd::kPackWidth;
  const Index ldacc = roundUp(std::max<Index>(job.dv, 1), simd::kPackWidth);
  const bool withV = job.v != nullptr;
  x.s.resize(std::size_t(rows * lds));
  x.mRun.assign(std::size_t(rows), -kInf);
  x.lRun.assign(std::size_t(rows), 0.0f);
  x.stat.assign(std::size_t(rows * C), job.mean ? 0.0f : -kInf);
  if (job.mean) x.ref.assign(std::size_t(rows * C), -kInf);
  if (withV) x.acc.assign(std::size_t(rows * ldacc), 0.0f);
  const Index lastCol = job.causal ? std::min(m, r0 + rows) : m;  // keys past it: never seen
  const Index tiles = ceilDiv(lastCol, tileCols);
  const auto& kern = job.kernels;
  const std::vector<Index>& cellStart = job.colCellStart;

  for (Index t = 0; t < tiles; ++t) {
    const Index c0 = t * tileCols, cols = std::min(tileCols, m - c0);
    kern.scores(job.q.data() + r0 * job.q.outerStride(), job.q.outerStride(), rows, job.d,
                job.keys.tile(t), cols, job.scale, x.s.data(), lds);
    const Index firstCell = poolCell(c0, m, C);
    for (Index i = 0; i < rows; ++i) {
      float* s = x.s.data() + i * lds;
      const Index live = std::clamp<Index>(allowed(r0 + i, m, job.causal) - c0, 0, cols);
      if (live == 0) {  // a causal row that sees none of this tile
        if (withV) std::fill(s, s + cols, 0.0f);
        continue;
      }
      float* stat = x.stat.data() + i * C;
      float& mRun = x.mRun[std::size_t(i)];
      float& lRun = x.lRun[std::size_t(i)];
      // The tile's maximum: per key cell in max mode (the cell's raw score maximum is kept),
      // over the whole live range in mean mode.
      float tileMax = -kInf;
      if (!job.mean) {
        for (Index b = firstCell; b < C && cellStart[b] < c0 + live; ++b) {
          const Index from = std::max(cellStart[b], c0), to = std::min(cellStart[b + 1], c0 + live);
          const float mx = kern.rowMax(s + (from - c0), to - from);
          stat[b] = std::max(stat[b], mx);
          tileMax = std::max(tileMax, mx);
        }
      } else {
        tileMax = kern.rowMax(s, live);
      }
      const float newMax = std::max(mRun, tileMax);
      // exp(s - newMax) in place (its sum per cell in mean mode), the running sum rescaled.
      const float shift = std::isfinite(newMax) ? newMax : 0.0f;
      const float alpha = mRun == -kInf ? 0.0f : std::exp(mRun - shift);
      float sum = 0;
      if (!job.mean) {
        sum = kern.expShifted(s, live, shift);
      } else {
        float* ref = x.ref.data() + i * C;
        for (Index b = firstCell; b < C && cellStart[b] < c0 + live; ++b) {
          const Index from = std::max(cellStart[b], c0), to = std::min(cellStart[b + 1], c0 + live);
          const float part = kern.expShifted(s + (from - c0), to - from, shift);
          sum += part;
          if (ref[b] != shift && stat[b] != 0.0f) stat[b] *= std::exp(ref[b] - shift);
          stat[b] += part;
          ref[b] = shift;
        }
      }
      lRun = lRun * alpha + sum;
      mRun = newMax;
      if (withV) {
        std::fill(s + live, s + cols, 0.0f);  // keys this row must not see, for P V
        if (alpha != 1.0f) {
          float* acc = x.acc.data() + i * ldacc;
          for (Index c = 0; c < job.dv; ++c) acc[c] *= alpha;
        }
      }
    }
    if (withV)
      kern.pv(x.s.data(), lds, rows, cols, job.v->data() + c0 * job.v->outerStride(),
              job.v->outerStride(), job.dv, x.acc.data(), ldacc, true);
  }

  // Normalise by the final maximum and sum: a weight is exp(s - m) / l.
  for (Index i = 0; i < rows; ++i) {
    const float mRun = x.mRun[std::size_t(i)], lRun = x.lRun[std::size_t(i)];
    const bool usable = std::isfinite(mRun) && std::isfinite(lRun) && lRun > 0;
    const float inv = usable ? 1.0f / lRun : 0.0f;
    float* stat = x.stat.data() + i * C;
    if (!usable) {
      std::fill(stat, stat + C, 0.0f);
    } else if (!job.mean) {
      kern.expShifted(stat, C, mRun);  // exp(cell max - m); -inf (no key seen) gives 0
      for (Index b = 0; b < C; ++b) stat[b] *= inv;
    } else {
      float* ref = x.ref.data() + i * C;
      kern.expShifted(ref, C, mRun);  // exp(reference - m); cells never touched give 0
      for (Index b = 0; b < C; ++b) stat[b] = stat[b] * ref[b] * inv;
    }
    if (withV) {
      float* o = job.output->data() + (r0 + i) * job.dv;
      const float* acc = x.acc.data() + i * ldacc;
      for (Index c = 0; c < job.dv; ++c) o[c] = acc[c] * inv;
    }
  }
}

}  // namespace

MaskMatrix pooledMask(Index n, Index m, Index rows, Index cols, bool causal) {
  MaskMatrix mask(rows, cols);
  for (Index a = 0; a < rows; ++a) {
    const Index lastRow = poolStart(a + 1, n, rows) - 1;
    for (Index b = 0; b < cols; ++b)
      mask(a, b) = !causal || poolStart(b, m, cols) <= lastRow ? 1 : 0;
  }
  return mask;
}

double pooledScratchBytes(Index n, Index m, Index d, Index dv, const PoolSpec& pool) {
  const double threads = std::max(1, tbb::this_task_arena::max_concurrency());
  const double rows = double(pooledCells(n, pool.rows)), cols = double(pooledCells(m, pool.cols));
  const double lds = double(kTileCols + 2 * simd::kPackWidth);
  const double perThread =
      4.0 * kPanelRows * (lds + double(dv + simd::kPackWidth) + 2.0 * cols + 2.0);
  const double packed = 4.0 * double(roundUp(m, simd::kPackWidth) + kTileCols) * double(d);
  return packed + 4.0 * rows * cols + threads * perThread + 8.0 * cols;
}

Matrix pooledWeights(const MatrixRef& q, const MatrixRef& k, float scale, bool causal,
                     const PoolSpec& pool, const ProgressFn& progress, const CancelToken& cancel,
                     const MatrixRef* v, Matrix* output, std::uint64_t* scoreEvaluations) {
  eigen_assert(q.cols() == k.cols());
  eigen_assert(!v || (v->rows() == k.rows() && output));
  const Index n = q.rows(), m = k.rows();
  const Index R = pooledCells(n, pool.rows), C = pooledCells(m, pool.cols);
  const bool mean = pool.mode == PoolSpec::Mode::Mean;
  Matrix out = Matrix::Zero(R, C);
  const Index dv = v ? v->cols() : 0;
  if (v) output->resize(n, dv);
  if (scoreEvaluations) *scoreEvaluations = 0;
  if (n == 0 || m == 0) {
    if (v) output->setZero();
    return out;
  }
  std::vector<Index> colCellStart(std::size_t(C + 1));
  for (Index b = 0; b <= C; ++b) colCellStart[std::size_t(b)] = poolStart(b, m, C);
  const simd::PackedKeys keys = simd::packKeys(k, kTileCols);
  const PanelJob job{q,     keys,   v,        output,      simd::attentionKernels(),
                     n,     m,      q.cols(), dv,          C,
                     scale, causal, mean,     colCellStart};

  // Row blocks of whole query cells, so that every task writes its own rows of `out`: about
  // 256 query rows each, at least 8 per thread when n allows.
  const Index threads = std::max(1, tbb::this_task_arena::max_concurrency());
  const Index targetRows = std::clamp<Index>(n / (8 * threads), kPanelRows, 4 * kPanelRows);
  const Index cellsPerTask = std::max<Index>(1, targetRows * R / n);
  const Index tasks = ceilDiv(R, cellsPerTask);
  double totalPairs = 0;
  for (Index i = 0; i < n && causal; ++i) totalPairs += double(allowed(i, m, true));
  if (!causal) totalPairs = double(n) * double(m);
  Progress report(progress, totalPairs);
  std::atomic<std::uint64_t> evaluated{0};

  tbb::parallel_for(tbb::blocked_range<Index>(0, tasks, 1), [&](const auto& range) {
    PanelScratch scratch;
    for (Index task = range.begin(); task < range.end(); ++task) {
      cancel.throwIfCancelled();
      const Index a0 = task * cellsPerTask, a1 = std::min(R, a0 + cellsPerTask);
      const Index row0 = poolStart(a0, n, R), row1 = poolStart(a1, n, R);
      double pairs = 0;
      for (Index r0 = row0; r0 < row1; r0 += kPanelRows) {
        const Index rows = std::min(kPanelRows, row1 - r0);
        streamPanel(job, r0, rows, scratch);
        const Index lastCol = causal ? std::min(m, r0 + rows) : m;
        evaluated += std::uint64_t(rows) * std::uint64_t(std::min(m, roundUp(lastCol, kTileCols)));
        for (Index i = 0; i < rows; ++i) {
          const Index a = poolCell(r0 + i, n, R);
          const float* w = scratch.stat.data() + i * C;
          float* cell = out.data() + a * C;
          if (mean)
            for (Index b = 0; b < C; ++b) cell[b] += w[b];
          else
            for (Index b = 0; b < C; ++b) cell[b] = std::max(cell[b], w[b]);
          pairs += double(allowed(r0 + i, m, causal));
        }
      }
      if (mean)  // sum over the block / its number of pairs (masked ones count as 0)
        for (Index a = a0; a < a1; ++a)
          for (Index b = 0; b < C; ++b)
            out(a, b) /=
                float(double(poolStart(a + 1, n, R) - poolStart(a, n, R)) *
                      double(colCellStart[std::size_t(b + 1)] - colCellStart[std::size_t(b)]));
      report.add(pairs);
    }
  });
  report.finish();
  if (scoreEvaluations) *scoreEvaluations = evaluated;
  return out;
}

}  // namespace atlas::core
