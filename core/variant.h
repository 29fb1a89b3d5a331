// The Variant interface: what every attention variant of docs/variants.md provides.
#pragma once

#include "cost.h"
#include "inputs.h"
#include "params.h"
#include "pool_geometry.h"
#include "variant_result.h"

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

  /// The output path alone, as a model runs the variant: the output of compute(), bit for bit,
  /// without what compute() forms for the views only. Linear attention, Performer, Linformer,
  /// compressed attention and AFT skip their implied N x M weights, flash its weights and tile
  /// records (trace.tiles): their result holds no weights (heads() == 0) and
  /// Cost::displayResident fewer bytes. Default: compute(), for the variants whose weights are
  /// part of the algorithm (a dense softmax forms P to compute P V; a sparse pattern's weights
  /// are its pairs'). Throws as compute() does.
  virtual VariantResult computeOutput(const Inputs& inputs, const ParamSet& params,
                                      const CancelToken& cancel) const;

  /// Whether computePooled is implemented for these parameters: dense softmax attention whose
  /// weights can be pooled into display resolution as they are computed (scaled_dot without a
  /// padding mask, flash, multi_head, grouped_query).
  virtual bool canPool(const ParamSet& params) const {
    (void)params;
    return false;
  }

  /// The result with pooled weights (PooledWeights) and the full output, never holding an
  /// N x M matrix (core/pooled_weights.h). `progress` (may be empty) gets the fraction done,
  /// from worker threads. Default: throws Error (not poolable).
  virtual VariantResult computePooled(const Inputs& inputs, const ParamSet& params,
                                      const PoolSpec& pool, const ProgressFn& progress,
                                      const CancelToken& cancel) const;

  /// Bytes computePooled holds at once on inputs of `dims`: inputs, output, every head's cells
  /// and its pooling scratch. Only for variants that canPool() (default 0).
  virtual double pooledBytes(const InputDims& dims, const ParamSet& params,
                             const PoolSpec& pool) const;

  /// The columns of Q, K and V head `head` of a result with `heads` heads read, as
  /// [start, start + width): by default the whole width for one head, else equal slices with
  /// query head a on key/value slice a (grouped_query overrides: its heads share groups).
  struct HeadColumns {
    Index q0 = 0, dq = 0, k0 = 0, dk = 0, v0 = 0, dv = 0;
  };
  virtual HeadColumns headColumns(Index head, Index heads, const InputDims& dims,
                                  const ParamSet& params) const;

  /// Whether Linformer's value projection F equals its key projection E when the low-rank view
  /// applies Linformer to this variant's weights (true, except for linformer's own choice).
  virtual bool linformerSharesEF(const ParamSet& params) const;
};

}  // namespace atlas::core
