// What a variant computes: the weights per head in exactly one of three forms (dense, pooled,
// sparse), the output, and what the teaching views show, typed.
#pragma once

#include "computed_on.h"
#include "cost.h"
#include "inputs.h"
#include "params.h"
#include "pool_geometry.h"
#include "sparse_weights.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace atlas::core {

/// Every entry of every head: weights and mask N x M (rows sum to 1 over the computed keys,
/// mask 1 = computed) and, for union patterns computed densely, per head the 1-based component
/// that admitted each pair (0: not computed).
struct DenseWeights {
  std::vector<Matrix> weights;
  std::vector<MaskMatrix> masks;
  std::vector<MaskMatrix> components;  ///< empty, or one per head
};

/// The display-resolution view of weights too large to hold (pool_geometry.h): per head
/// rows' x cols' cells, cell (a, b) covering query rows [poolStart(a, N, rows'),
/// poolStart(a + 1, N, rows')) and key columns likewise, holding the maximum (or the mean) of
/// the weights over its block; the mask is 1 where the block holds a computed pair.
struct PooledWeights {
  std::vector<Matrix> cells;
  std::vector<MaskMatrix> masks;
  bool max = true;  ///< cells hold the block maximum (false: the block mean)
};

/// Per head, the weights on the computed pairs only (sparse patterns).
using SparseHeads = std::vector<SparseWeights>;

/// What the teaching views draw and `compute` writes as extras/NAME.npy, each filled by the
/// variant that has it.
struct Trace {
  /// FlashAttention (flash): the (query tile, key tile) of every step (tiles x 2), and every
  /// row's running max and sum after each key tile (N x key tiles; past the tiles a causal row
  /// computes, its final values). core/flash_steps.h reads them step by step.
  struct Tiles {
    Index rows = 0, cols = 0;  ///< Br and Bc
    Matrix order, runningMax, runningSum;
    bool causal = false;  ///< tiles wholly above the diagonal skipped
  };
  /// Paged attention (paged): the physical page of every logical page (pages x 1) and the pool's
  /// slots in order.
  struct Pages {
    Index size = 0;  ///< rows of K and V per page
    Matrix blockTable, poolOrder;
  };
  /// Sparse Sinkhorn attention (sinkhorn): blocks of `block` rows; the key block each query block
  /// is routed to, and the balanced block scores.
  struct Routing {
    Index block = 0;
    Matrix routing, blockScores;
  };
  std::optional<Tiles> tiles;
  std::optional<Pages> pages;
  std::optional<Routing> routing;
  /// Linformer and memory-compressed attention: P', the weights over the k reduced keys.
  std::optional<Matrix> reducedWeights;
  /// Linear attention and Performer (core/feature_orders.h): the feature width f (linear: dk;
  /// Performer: its random features), and the flops of the cheap and of the quadratic order
  /// (1 x 2) at the result's sizes.
  struct Orders {
    Index features = 0;
    bool causal = false;
    Matrix flops;
    bool randomFeatures = false;  ///< f counts random features (Performer's m), not dk
  };
  std::optional<Orders> orders;
  /// LSH and k-means: per head, the bucket or cluster of each query and of each key.
  std::vector<std::vector<int>> queryBuckets, keyBuckets;

  /// Every recorded matrix with the file name `compute` gives it (without ".npy"); buckets as
  /// heads x rows matrices.
  std::vector<std::pair<std::string, Matrix>> files() const;
  bool empty() const;
};

struct VariantResult {
  std::string variant;
  ParamSet params;        ///< resolved, including every matrix actually used
  InputDims dims;         ///< shapes of the inputs it ran on
  InputDims requested;    ///< the shapes the user asked for, before the variant adapted them
  Matrix output;          ///< N x dv_total, heads concatenated
  Cost cost;              ///< of this computation, from the cost model (filled by the engine)
  double seconds = 0;     ///< wall time of compute, filled by the engine
  ComputedOn computedOn;  ///< filled by a remote device; default: this computer
  /// Raw scores q.k (or their equivalent) actually evaluated, over all heads: a sparse variant's
  /// count equals its pairs; a dense one evaluates every pair.
  std::uint64_t scoreEvaluations = 0;
  /// Union patterns (bigbird, mixed_heads, sparse_fixed, dilated): the name of each component id.
  std::vector<std::string> componentNames;
  Trace trace;

  void setDense(DenseWeights w) { m_weights = std::move(w); }
  void setPooled(PooledWeights w) { m_weights = std::move(w); }
  void setSparse(SparseHeads w) { m_weights = std::move(w); }

  bool pooled() const { return std::holds_alternative<PooledWeights>(m_weights); }
  bool sparse() const { return std::holds_alternative<SparseHeads>(m_weights); }

  Index heads() const;
  /// Rows and columns of a head's weights as stored (pooled: the cells), 0 without heads.
  Index weightRows() const;
  Index weightCols() const;
  /// Weight (or pooled cell) (i, j) of head h; 0 for a pair a sparse result did not compute.
  float weight(Index h, Index i, Index j) const;
  /// Whether pair (or pooled cell) (i, j) of head h is computed.
  bool computed(Index h, Index i, Index j) const;
  /// Computed pairs (or cells) of head h.
  std::uint64_t pairs(Index h) const;
  /// Whether the result says which component admitted each pair.
  bool hasComponents() const;
  /// Component of pair (i, j) of head h (1-based, 0: none or not computed).
  std::uint8_t component(Index h, Index i, Index j) const;
  /// Pooled results: whether cells hold the block maximum (else the mean).
  bool pooledMax() const;

  /// Head h's stored matrices, for a dense or pooled result (never a sparse one).
  const Matrix& weights(Index h) const;
  const MaskMatrix& mask(Index h) const;
  /// Head h's component ids, for a dense result that has them (hasComponents()).
  const MaskMatrix& components(Index h) const;
  /// Head h's pairs, for a sparse result.
  const SparseWeights& sparseHead(Index h) const;

  /// A sparse result turned into the dense form (N x M per head); nothing for the others.
  void makeDense();

 private:
  std::variant<DenseWeights, PooledWeights, SparseHeads> m_weights;
};

}  // namespace atlas::core
