// The Variant interface: what every attention variant of VARIANTS.md provides.
#pragma once

#include "cost.h"
#include "inputs.h"
#include "params.h"

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

/// What a variant returns. Weights and masks per head; output with heads concatenated.
struct VariantResult {
  std::string variant;
  ParamSet params;             ///< resolved, including every matrix actually used
  InputDims dims;              ///< shapes of the inputs it ran on
  std::vector<Matrix> weights;     ///< (heads) x (N x M); rows sum to 1 over allowed keys
  std::vector<MaskMatrix> masks;   ///< (heads) x (N x M); 1 = computed
  Matrix output;                   ///< N x dv_total
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

  Index heads() const { return static_cast<Index>(weights.size()); }
};

class Variant {
 public:
  virtual ~Variant() = default;
  virtual std::string id() const = 0;
  virtual Family family() const = 0;
  /// One English line; the app shows its own translated label and page.
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
};

}  // namespace atlas::core
