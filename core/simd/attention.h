// Hand-vectorised building blocks of dense attention, compiled once per instruction set
// (attention_avx512.cpp, attention_avx2.cpp, attention_portable.cpp) from one source
// (attention_impl.inc) and picked at run time (isa.h). core/kernels.cpp drives them: it
// allocates the results, packs the keys and runs panels of rows in parallel (oneTBB); a kernel
// here works on one panel on one thread and never allocates.
#pragma once

#include "../types.h"
#include "isa.h"

#include <cstddef>
#include <cstdint>

namespace atlas::core::simd {

/// Keys per packed block: the score kernels read K^T in blocks of 16 keys.
inline constexpr Index kPackWidth = 16;

/// K (m x d) packed for the score kernels: tiles of `tileCols` keys, each tile in blocks of
/// kPackWidth keys (the last one zero-padded), block b holding d x 16 floats with the key
/// fastest: data[((t * blocksPerTile + b) * d + p) * 16 + j] = K(t * tileCols + b * 16 + j, p).
/// A single tile (tileCols = m) is plain blocked K^T. The buffer comes from a small pool and
/// goes back to it, so repeated calls touch no fresh pages.
class PackedKeys {
 public:
  PackedKeys() = default;
  PackedKeys(PackedKeys&& other) noexcept;
  PackedKeys& operator=(PackedKeys&& other) noexcept;
  PackedKeys(const PackedKeys&) = delete;
  PackedKeys& operator=(const PackedKeys&) = delete;
  ~PackedKeys();

  Index m = 0, d = 0, tileCols = 0, blocksPerTile = 0;
  const float* tile(Index t) const { return m_data + t * tileStride(); }
  Index tileStride() const { return blocksPerTile * kPackWidth * d; }

 private:
  friend PackedKeys packKeys(const MatrixRef& k, Index tileCols);
  float* m_data = nullptr;
  std::size_t m_capacity = 0;
};

/// Packs k (m x d) in tiles of tileCols >= 1 keys (tileCols >= m: one tile); O(m d), blocks
/// packed in parallel.
PackedKeys packKeys(const MatrixRef& k, Index tileCols);

/// One panel of rows [r0, r0 + rows) of dense attention of one head, two passes over the
/// panel's scores: S = Q K^T * scale (or scores already in s), then per row the max, e =
/// exp(s - max) and its sum in one pass, weights = e / sum (into w), the mask row, and
/// O = E V / sum. Causal: row i sees keys j <= i; a row without a usable key (none allowed, or a
/// max that is not finite) gets zero weights and output. All pointers are row-major with the
/// given leading dimensions (in elements).
struct DensePanel {
  Index r0 = 0, rows = 0, m = 0, d = 0, dv = 0;
  bool causal = false;
  const float* q = nullptr;  ///< row r0 of Q; nullptr: the scores are already in s
  Index ldq = 0;
  const float* keys = nullptr;  ///< packKeys(k, m).tile(0) when q is set
  float scale = 1;
  float* s = nullptr;  ///< rows x lds scores, overwritten by exp; may equal w (in place)
  Index lds = 0;
  float* w = nullptr;  ///< weights row r0 (rows x m)
  Index ldw = 0;
  std::uint8_t* mask = nullptr;  ///< mask row r0 (rows x m)
  Index ldm = 0;
  const float* v = nullptr;  ///< V (m x dv)
  Index ldv = 0;
  float* o = nullptr;  ///< output row r0 (rows x dv)
  Index ldo = 0;
  float* rowScratch = nullptr;  ///< at least `rows` floats
  bool streamWeights = false;   ///< non-temporal stores for w (weights much larger than cache)
};

/// Most key tiles one chunk of onlinePanel's work may hold (OnlinePanel::tilesPerChunk).
inline constexpr Index kMaxTilesPerChunk = 16;

/// One panel of rows through key tiles with an online softmax (FlashAttention's inner loop): per
/// key tile, S = Q K_t^T * scale (causal: -inf where j > i), the running max m, the running sum
/// l and the accumulator acc = sum exp(s - m) v rescaled by exp(m_old - m_new); O = acc / l at
/// the end. Only the first `tiles` key tiles are computed (causal: the rest lie above the
/// diagonal). tilesPerChunk consecutive tiles (needs tileCols a multiple of kPackWidth when
/// above 1) share one Q K^T, exp pass and P V, each tile keeping its own max and sum.
/// Output only (w == nullptr): s holds one chunk (rows x lds, lds >= chunk columns). With w set
/// (flash): s holds the panel's scores for all m keys (s == w: formed inside the weights), the
/// final weights exp(s - m_final) / l are written to w with the masks and zeros past the
/// computed tiles, and runMax must be set: m and l after each key tile t < kTiles are recorded.
struct OnlinePanel {
  Index r0 = 0, rows = 0, m = 0, d = 0, dv = 0;
  Index tileCols = 0, tiles = 0, kTiles = 0, tilesPerChunk = 1;
  bool causal = false;
  const float* q = nullptr;  ///< row r0 of Q
  Index ldq = 0;
  const float* keys = nullptr;  ///< packKeys(k, tileCols).tile(0)
  Index keyTileStride = 0;      ///< PackedKeys::tileStride()
  float scale = 1;
  const float* v = nullptr;
  Index ldv = 0;
  float* o = nullptr;
  Index ldo = 0;
  float* s = nullptr;  ///< scores scratch (see above)
  Index lds = 0;
  float* acc = nullptr;  ///< rows x ldacc scratch, ldacc >= dv
  Index ldacc = 0;
  float* rowScratch = nullptr;  ///< onlineRowScratch(rows, kTiles) floats
  float* w = nullptr;           ///< optional: weights row r0 (rows x m), needs runMax
  Index ldw = 0;
  std::uint8_t* mask = nullptr;  ///< with w
  Index ldm = 0;
  float* runMax = nullptr;  ///< optional: rows x ldr, column t = m after key tile t
  float* runSum = nullptr;  ///< with runMax: column t = l after key tile t
  Index ldr = 0;
  bool streamWeights = false;  ///< as DensePanel's
};

/// Floats of OnlinePanel::rowScratch for a panel of `rows` rows and kTiles key tiles.
inline std::size_t onlineRowScratch(Index rows, Index kTiles) {
  const Index stride = (rows + 15) / 16 * 16;
  return std::size_t(3 * stride + kTiles + 16 + 2 * ((kTiles + 15) / 16 * 16) * stride);
}

/// The kernels of one instruction set.
struct AttentionKernels {
  Isa isa;
  void (*densePanel)(const DensePanel&);
  void (*onlinePanel)(const OnlinePanel&);
  /// x[j] = exp(x[j] - shift) for j < n (0 below exp's float range); returns the sum. This is
  /// the vectorised exp of the softmax (a Cephes-style reduction and polynomial, about 1 ulp).
  float (*expShifted)(float* x, Index n, float shift);
  /// max_j x[j] over j < n; -inf for n == 0.
  float (*rowMax)(const float* x, Index n);
  /// out (rows x cols, leading dimension ldo) = q (rows x d) . K^T * scale for the first `cols`
  /// keys of a packed tile (`keys` may start at any block of it).
  void (*scores)(const float* q, Index ldq, Index rows, Index d, const float* keys, Index cols,
                 float scale, float* out, Index ldo);
  /// o (rows x dv) = (accumulate ? o : 0) + e (rows x k) . v (k x dv).
  void (*pv)(const float* e, Index lde, Index rows, Index k, const float* v, Index ldv, Index dv,
             float* o, Index ldo, bool accumulate);
  /// The peak-throughput probe of calibration: `iters` rounds of x = x * a + b on
  /// kPeakChains independent vector chains (enough to hide the multiply-add latency on two
  /// pipes), returning their sum so that nothing is optimised away. x converges to 10: no
  /// overflow, no denormals. Each round is kPeakChains * lanes multiply-adds.
  float (*peakChains)(std::int64_t iters);
  int lanes;  ///< floats per vector of this instruction set
};

/// Independent accumulator chains of AttentionKernels::peakChains.
inline constexpr int kPeakChains = 12;

/// The kernels for `isa` (which must be supported: see supportedIsas()).
const AttentionKernels& attentionKernels(Isa isa);
/// The kernels for activeIsa().
inline const AttentionKernels& attentionKernels() { return attentionKernels(activeIsa()); }

}  // namespace atlas::core::simd
