#include "kernels.h"

#include "simd/attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace atlas::core {

namespace {

/// Floats of a panel's scores meant to stay in L2 (1 MB per core on Zen 4, 1-2 MB elsewhere),
/// leaving room for the keys and values streaming through.
constexpr Index kPanelFloats = 160 * 1024;

/// Scratch of one panel task. Panels are leaves of the task tree (no TBB call inside), so one
/// thread runs one panel at a time and a per-thread buffer is never shared; it is kept between
/// calls so that a repeated computation touches no fresh pages. Very large requests (huge
/// tiles or widths) get their own buffer instead of growing the thread's for good.
class PanelScratch {
 public:
  explicit PanelScratch(std::size_t floats) {
    constexpr std::size_t kKeepAtMost = std::size_t(4) << 20;
    if (floats > kKeepAtMost) {
      m_own.resize(floats);
      m_data = m_own.data();
      return;
    }
    thread_local std::vector<float> kept;
    if (kept.size() < floats) kept.resize(floats);
    m_data = kept.data();
  }
  float* data() const { return m_data; }

 private:
  std::vector<float> m_own;
  float* m_data = nullptr;
};

/// Asks Linux to back a large result with transparent huge pages: first touching a fresh
/// 64 MB weight matrix in 4 KB pages costs ~16k page faults, several times the time of writing
/// it. Only the whole pages inside the buffer are advised; a no-op elsewhere.
void adviseHugePages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kAtLeast = std::size_t(4) << 20, kPage = 4096;
  if (bytes < kAtLeast) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kPage - 1) / kPage * kPage;
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) / kPage * kPage;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

/// Rows per panel of attendScaledDot: its scores (rows x ~m) fit kPanelFloats, a multiple of 8
/// (the score micro-tile), at most 32 (with the keys and values streaming through, a taller
/// panel leaves L2 and is slower), and at least 4 panels per thread when n allows, for balance.
Index densePanelRows(Index n, Index m) {
  const Index lds = roundUp(std::max<Index>(m, 1), simd::kPackWidth) + simd::kPackWidth;
  const Index fit = std::clamp<Index>(kPanelFloats / lds / 8 * 8, 8, 32);
  const Index threads = std::max(1, tbb::this_task_arena::max_concurrency());
  const Index balanced = roundUp(ceilDiv(n, 4 * threads), 8);
  return std::max<Index>(8, std::min(fit, balanced));
}

/// Runs body(r0, rows) over panels of `panel` rows in parallel, checking `cancel` before each.
template <typename Body>
void forEachPanel(Index n, Index panel, const CancelToken& cancel, Body&& body) {
  tbb::parallel_for(tbb::blocked_range<Index>(0, ceilDiv(n, panel), 1), [&](const auto& range) {
    for (Index p = range.begin(); p < range.end(); ++p) {
      cancel.throwIfCancelled();
      const Index r0 = p * panel;
      body(r0, std::min(panel, n - r0));
    }
  });
}

/// Key tiles of query tile [r0, r0 + rows) that are not entirely above the diagonal.
Index computedKeyTiles(Index r0, Index rows, Index m, Index tileCols, bool causal) {
  const Index tiles = ceilDiv(m, tileCols);
  if (!causal) return tiles;
  return std::min(tiles, (r0 + rows - 1) / tileCols + 1);
}

/// Whether the weights of an n x m head are written with non-temporal stores: when they are
/// well beyond what the caches hold (below that, plain stores win: the weights stay in cache).
bool streamWeights(Index n, Index m) {
  return double(n) * double(m) * sizeof(float) > 8.0 * (1 << 20);
}

/// Key columns of one chunk of onlinePanel's work: long enough that Q K^T, the exp pass and
/// P V run at full speed (shorter chunks are slower), short enough that a chunk of V (512 x 64
/// floats) stays in L2.
constexpr Index kChunkCols = 512;

}  // namespace

HeadResult uninitialisedHead(Index n, Index m, Index dv) {
  HeadResult r;
  r.weights.resize(n, m);
  r.mask.resize(n, m);
  r.output.resize(n, dv);
  adviseHugePages(r.weights.data(), std::size_t(r.weights.size()) * sizeof(float));
  adviseHugePages(r.mask.data(), std::size_t(r.mask.size()));
  r.scoreEvaluations = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(m);
  return r;
}

void softmaxRowPrefix(Eigen::Ref<Eigen::RowVectorXf> row, Index allowed) {
  const Index m = row.size();
  if (allowed < m) row.tail(m - allowed).setZero();
  if (allowed <= 0) return;
  auto head = row.head(allowed).array();
  const float mx = head.maxCoeff();
  if (!std::isfinite(mx)) {
    // -inf everywhere (no usable key) or a NaN/inf score: no meaningful weights.
    head.setZero();
    return;
  }
  head = (head - mx).exp();
  head /= head.sum();
}

namespace {
/// The fields of a dense panel both dense paths share: rows [r0, r0 + rows) of `r`'s weights,
/// mask and output, and the values `v`.
simd::DensePanel outputPanel(HeadResult& r, const MatrixRef& v, Index r0, Index rows, bool causal) {
  const Index m = r.weights.cols();
  simd::DensePanel a;
  a.r0 = r0;
  a.rows = rows;
  a.m = m;
  a.dv = v.cols();
  a.causal = causal;
  a.w = r.weights.data() + r0 * m;
  a.ldw = m;
  a.mask = r.mask.data() + r0 * m;
  a.ldm = m;
  a.v = v.data();
  a.ldv = v.outerStride();
  a.o = r.output.data() + r0 * r.output.cols();
  a.ldo = r.output.cols();
  return a;
}
}  // namespace

HeadResult attendDense(Index n, Index m, const ScoreBlockFn& scores, const MatrixRef& v,
                       bool causal, const CancelToken& cancel) {
  eigen_assert(v.rows() == m);
  HeadResult r = uninitialisedHead(n, m, v.cols());
  const simd::AttentionKernels& kernels = simd::attentionKernels();
  constexpr Index kRowBlock = 32;
  forEachPanel(n, kRowBlock, cancel, [&](Index r0, Index rows) {
    auto block = r.weights.middleRows(r0, rows);
    scores(r0, block);
    PanelScratch scratch{std::size_t(rows)};
    simd::DensePanel a = outputPanel(r, v, r0, rows, causal);
    a.s = a.w;  // in place: the weights replace the scores
    a.lds = m;
    a.rowScratch = scratch.data();
    kernels.densePanel(a);
  });
  return r;
}

HeadResult attendScaledDot(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                           bool causal, const CancelToken& cancel) {
  eigen_assert(q.cols() == k.cols() && v.rows() == k.rows());
  const Index n = q.rows(), m = k.rows(), dv = v.cols();
  HeadResult r = uninitialisedHead(n, m, dv);
  const simd::PackedKeys keys = simd::packKeys(k, m);
  const simd::AttentionKernels& kernels = simd::attentionKernels();
  const Index panel = densePanelRows(n, m);
  const Index lds = roundUp(std::max<Index>(m, 1), simd::kPackWidth) + simd::kPackWidth;
  const bool stream = streamWeights(n, m);
  forEachPanel(n, panel, cancel, [&](Index r0, Index rows) {
    PanelScratch scratch(std::size_t(rows * lds + rows));
    simd::DensePanel a = outputPanel(r, v, r0, rows, causal);
    a.d = q.cols();
    a.q = q.data() + r0 * q.outerStride();
    a.ldq = q.outerStride();
    a.keys = keys.tile(0);
    a.scale = scale;
    a.s = scratch.data();
    a.lds = lds;  // padded: rows of the panel do not share cache sets
    a.rowScratch = scratch.data() + rows * lds;
    a.streamWeights = stream;
    kernels.densePanel(a);
  });
  return r;
}

namespace {

/// The fields of an online panel both online paths share: rows [r0, r0 + rows) of q, the keys
/// packed in tiles of tileCols, v, output `o` (n x dv, row-major), the scratch laid out as scores
/// (sFloats), then the accumulator (rows x ldacc), then the row scratch.
simd::OnlinePanel onlinePanelOf(const MatrixRef& q, const simd::PackedKeys& keys, Index tileCols,
                                const MatrixRef& v, float scale, bool causal, Index r0, Index rows,
                                Index m, Index kTiles, float* o, float* scratch,
                                std::size_t sFloats, Index ldacc) {
  simd::OnlinePanel a;
  a.r0 = r0;
  a.rows = rows;
  a.m = m;
  a.d = q.cols();
  a.dv = v.cols();
  a.tileCols = tileCols;
  a.tiles = computedKeyTiles(r0, rows, m, tileCols, causal);
  a.kTiles = kTiles;
  a.causal = causal;
  a.q = q.data() + r0 * q.outerStride();
  a.ldq = q.outerStride();
  a.keys = keys.tile(0);
  a.keyTileStride = keys.tileStride();
  a.scale = scale;
  a.v = v.data();
  a.ldv = v.outerStride();
  a.o = o + r0 * v.cols();
  a.ldo = v.cols();
  a.s = scratch;
  a.acc = scratch + sFloats;
  a.ldacc = ldacc;
  a.rowScratch = scratch + sFloats + std::size_t(rows * ldacc);
  return a;
}

}  // namespace

namespace {

/// The output of onlinePanel over panels of `panelRows` rows and key tiles of `tileCols`,
/// `tilesPerChunk` of them to a chunk, with nothing recorded: each panel's scratch holds one
/// chunk of scores, its accumulator and its row values.
Matrix onlineOutput(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                    bool causal, Index panelRows, Index tileCols, Index tilesPerChunk,
                    const CancelToken& cancel) {
  eigen_assert(q.cols() == k.cols() && v.rows() == k.rows() && panelRows >= 1 && tileCols >= 1);
  const Index n = q.rows(), m = k.rows(), dv = v.cols();
  Matrix out(n, dv);
  const simd::PackedKeys keys = simd::packKeys(k, tileCols);
  const simd::AttentionKernels& kernels = simd::attentionKernels();
  const Index kTiles = ceilDiv(m, tileCols);
  // onlinePanel's chunk: tilesPerChunk tiles when a tile is whole blocks of keys, else one.
  const Index perChunk = tileCols % simd::kPackWidth == 0 ? tilesPerChunk : 1;
  const Index chunkCols = std::min(perChunk * tileCols, std::max<Index>(m, 1));
  const Index lds = roundUp(chunkCols, simd::kPackWidth) + simd::kPackWidth;
  const Index ldacc = roundUp(std::max<Index>(dv, 1), simd::kPackWidth);
  forEachPanel(n, panelRows, cancel, [&](Index r0, Index rows) {
    const std::size_t sFloats = std::size_t(rows * lds), accFloats = std::size_t(rows * ldacc);
    PanelScratch scratch(sFloats + accFloats + simd::onlineRowScratch(rows, kTiles));
    simd::OnlinePanel a = onlinePanelOf(q, keys, tileCols, v, scale, causal, r0, rows, m, kTiles,
                                        out.data(), scratch.data(), sFloats, ldacc);
    a.tilesPerChunk = tilesPerChunk;
    a.kTiles = a.tiles;  // output only: nothing recorded past the computed tiles
    a.lds = lds;
    kernels.onlinePanel(a);
  });
  return out;
}

/// Key tiles of attendFlash's tileCols that form one chunk of onlinePanel's work.
Index flashTilesPerChunk(Index tileCols) {
  return tileCols % simd::kPackWidth == 0
             ? std::clamp<Index>(kChunkCols / tileCols, 1, simd::kMaxTilesPerChunk)
             : 1;
}

}  // namespace

Matrix attendDenseOutputOnly(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v,
                             float scale, bool causal, const CancelToken& cancel) {
  // Panels of up to 64 rows against key tiles of kChunkCols: the tile's scores and the
  // accumulator stay in L2 while K and V stream once per panel.
  constexpr Index kRows = 64;
  const Index threads = std::max(1, tbb::this_task_arena::max_concurrency());
  const Index panel = std::clamp<Index>(roundUp(ceilDiv(q.rows(), 4 * threads), 8), 8, kRows);
  return onlineOutput(q, k, v, scale, causal, panel,
                      std::min(kChunkCols, std::max<Index>(k.rows(), 1)), 1, cancel);
}

Matrix attendFlashOutput(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                         bool causal, Index tileRows, Index tileCols, const CancelToken& cancel) {
  return onlineOutput(q, k, v, scale, causal, tileRows, tileCols, flashTilesPerChunk(tileCols),
                      cancel);
}

FlashHead attendFlash(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                      bool causal, Index tileRows, Index tileCols, const CancelToken& cancel) {
  eigen_assert(q.cols() == k.cols() && v.rows() == k.rows() && tileRows >= 1 && tileCols >= 1);
  const Index n = q.rows(), m = k.rows(), dv = v.cols();
  const Index kTiles = ceilDiv(m, tileCols);
  FlashHead f;
  f.head = uninitialisedHead(n, m, dv);
  f.head.scoreEvaluations = 0;
  f.runningMax.resize(n, kTiles);
  f.runningSum.resize(n, kTiles);
  const simd::PackedKeys keys = simd::packKeys(k, tileCols);
  const simd::AttentionKernels& kernels = simd::attentionKernels();
  // The query tile's scores for all keys live in a padded scratch panel (in L2 for the default
  // 32 rows), from which the final weights are written out; a huge tile is formed in the
  // weights instead, which hold that much room anyway.
  const Index lds = roundUp(std::max<Index>(m, 1), simd::kPackWidth) + simd::kPackWidth;
  const bool inScratch = tileRows * lds <= (Index(1) << 20);
  const Index ldacc = roundUp(std::max<Index>(dv, 1), simd::kPackWidth);
  const Index tilesPerChunk = flashTilesPerChunk(tileCols);
  Matrix& w = f.head.weights;
  const bool stream = streamWeights(n, m);
  forEachPanel(n, tileRows, cancel, [&](Index r0, Index rows) {
    const std::size_t sFloats = inScratch ? std::size_t(rows * lds) : 0;
    const std::size_t accFloats = std::size_t(rows * ldacc);
    PanelScratch scratch(sFloats + accFloats + simd::onlineRowScratch(rows, kTiles));
    simd::OnlinePanel a = onlinePanelOf(q, keys, tileCols, v, scale, causal, r0, rows, m, kTiles,
                                        f.head.output.data(), scratch.data(), sFloats, ldacc);
    a.tilesPerChunk = tilesPerChunk;
    if (!inScratch) a.s = w.data() + r0 * m;
    a.lds = inScratch ? lds : m;
    a.w = w.data() + r0 * m;
    a.ldw = m;
    a.mask = f.head.mask.data() + r0 * m;
    a.ldm = m;
    a.runMax = f.runningMax.data() + r0 * kTiles;
    a.runSum = f.runningSum.data() + r0 * kTiles;
    a.ldr = kTiles;
    a.streamWeights = stream;
    kernels.onlinePanel(a);
  });
  return f;
}

}  // namespace atlas::core
