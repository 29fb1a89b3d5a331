// The Variant interface: what every attention variant of docs/variants.md provides.
#pragma once

#include "cost.h"
#include "inputs.h"
#include "params.h"
#include "sparse_weights.h"
#include "streaming.h"
#include "translatable.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace atlas::core {

enum class Family {
  DenseScoring,   ///< scaled dot, additive, distance, bilinear, multi-head, grouped-query
  FixedSparse,    ///< local, strided, global, BigBird, ...
  DataDependent,  ///< LSH, k-means, Sinkhorn
  FewerKeys,      ///< Linformer, compressed
  Reordered,      ///< linear, Performer
  NotQK,          ///< Synthesizer, AFT
  Schedule,       ///< flash, paged
};

/// Stable identifier, used in JSON and file names ("dense_scoring", ...).
const char* familyId(Family family);
/// English name, marked for translation (context "VariantLabels").
const char* familyLabel(Family family);

/// What a variant returns. Weights and masks per head; output with heads concatenated.
///
/// Pooled (streamed) results: when pooledRows > 0, weights[h] is not the N x M matrix
/// (dims.n x dims.m) but its display-resolution view of pooledRows x pooledCols cells
/// (core/streaming.h: cell (a, b) covers query rows [poolStart(a, N, pooledRows),
/// poolStart(a + 1, N, pooledRows)) and key columns likewise), each holding the maximum
/// (pooledMax) or the mean of the weights over its block; masks[h] is pooled likewise (1 when
/// any pair of the block is computed). The output is still the full N x dv_total. The engine
/// returns such a result for variants that canStream() when the full weights exceed the
/// request's display budget; views that need every weight show a message instead.
///
/// Sparse results: the variants that compute a pattern's pairs only (local, strided, BigBird,
/// LSH, ...) keep each head's weights on those pairs (sparseWeights, with the pattern's
/// component ids); weights, masks and components are then empty, and the accessors below
/// (heads, weightRows, computed, pairs) answer for both forms. makeDense() turns a sparse result
/// into the N x M form for code that needs every entry.
struct VariantResult {
  std::string variant;
  ParamSet params;                ///< resolved, including every matrix actually used
  InputDims dims;                 ///< shapes of the inputs it ran on
  std::vector<Matrix> weights;    ///< (heads) x (N x M); rows sum to 1 over allowed keys
  std::vector<MaskMatrix> masks;  ///< (heads) x (N x M); 1 = computed
  Matrix output;                  ///< N x dv_total
  Cost cost;
  double seconds = 0;  ///< wall time of compute, filled by the engine
  /// Raw scores q.k (or their equivalent) actually evaluated, over all heads: a sparse variant's
  /// count equals its mask's ones; a dense one evaluates every pair.
  std::uint64_t scoreEvaluations = 0;

  /// Union patterns (bigbird, mixed_heads, sparse_fixed, dilated): per head, the 1-based index
  /// into componentNames of the component that admitted each computed pair (0: not computed).
  std::vector<MaskMatrix> components;
  std::vector<std::string> componentNames;
  /// Data-dependent patterns (lsh, kmeans): per head, the bucket or cluster of each query row
  /// and of each key row.
  std::vector<std::vector<int>> queryBuckets, keyBuckets;
  /// Named matrices for the teaching views, documented by each variant (e.g. linformer's
  /// "P_prime", sinkhorn's "routing", flash's "tile_order", paged's "block_table").
  std::map<std::string, Matrix> extras;

  /// Pooled view (see above): 0 for full weights.
  Index pooledRows = 0, pooledCols = 0;
  bool pooledMax = true;  ///< cells hold the block maximum (false: the block mean)

  /// Per head, when sparse (see above).
  std::vector<SparseWeights> sparseWeights;

  Index heads() const {
    return static_cast<Index>(sparse() ? sparseWeights.size() : weights.size());
  }
  bool pooled() const { return pooledRows > 0; }
  bool sparse() const { return !sparseWeights.empty(); }
  /// Rows and columns of a head's weights as stored (pooled: the cells), 0 without heads.
  Index weightRows() const;
  Index weightCols() const;
  /// Weight (or pooled cell) (i, j) of head h; 0 for a pair a sparse result did not compute.
  float weight(Index h, Index i, Index j) const {
    return sparse() ? sparseWeights[std::size_t(h)].at(i, j) : weights[std::size_t(h)](i, j);
  }
  /// Whether pair (or pooled cell) (i, j) of head h is computed.
  bool computed(Index h, Index i, Index j) const;
  /// Computed pairs (or cells) of head h.
  std::uint64_t pairs(Index h) const;
  /// Whether the result says which component admitted each pair (componentNames given).
  bool hasComponents() const {
    return !componentNames.empty() && (sparse() || !components.empty());
  }
  /// Fills weights, masks and (with component names or ids) components from sparseWeights and
  /// empties it; nothing for a dense result. Allocates N x M per head.
  void makeDense();
};

class Variant {
 public:
  virtual ~Variant() = default;
  virtual std::string id() const = 0;
  /// English name, marked for translation (context "VariantLabels"): what the window shows.
  virtual const char* label() const = 0;
  virtual Family family() const = 0;
  /// One English line for the command line; the window shows the label and the variant's page.
  virtual std::string description() const = 0;
  virtual std::vector<ParamSpec> params() const = 0;

  /// The shapes of Q, K, V this variant needs when the user asks for `base`
  /// (e.g. grouped_query narrows K and V to its groups). Default: base unchanged.
  virtual InputDims inputDims(const InputDims& base, const ParamSet& params) const;

  /// Closed-form cost on inputs of shape `dims`. Never allocates anything large.
  virtual Cost cost(const InputDims& dims, const ParamSet& params) const = 0;

  /// Computes the result. Throws Error for inconsistent shapes or parameters, Cancelled when
  /// `cancel` fires. Runs its own parallel loops (TBB); safe to call concurrently.
  virtual VariantResult compute(const Inputs& inputs, const ParamSet& params,
                                const CancelToken& cancel) const = 0;

  /// Whether computePooled is implemented: dense softmax attention whose weights can be
  /// streamed into display resolution (scaled_dot, flash, multi_head, grouped_query).
  virtual bool canStream() const { return false; }

  /// The result with pooled weights and masks (see VariantResult) and the full output, never
  /// holding an N x M matrix (core/streaming.h). `progress` (may be empty) gets the fraction
  /// done, from worker threads. Default: throws Error (not streamable).
  virtual VariantResult computePooled(const Inputs& inputs, const ParamSet& params,
                                      const PoolSpec& pool, const ProgressFn& progress,
                                      const CancelToken& cancel) const;
};

}  // namespace atlas::core
