// Which variants the Ascend backend computes and how: natively through CANN's fused attention
// operators, composed from aclnn's matmul, softmax and elementwise operators, or on the host (the
// engine, CpuDevice). No CANN type here: the plan is decided from a job's variant, parameters
// and input shapes alone.
#pragma once

#include "core/engine.h"
#include "core/sparse_weights.h"

#include <map>
#include <memory>
#include <string>

namespace atlas::core::ascend {

struct AttentionPlan {
  /// Dense: scaled dot-product softmax attention over `heads` heads (scaled_dot, multi_head,
  /// grouped_query, and the composed bilinear and distance); Window: local_window's band, whose
  /// weights are kept on its pattern; Paged: one decoding step through a block table.
  enum class Kind { Dense, Window, Paged };
  /// The raw scores: q.k; (q W).k (bilinear, W the variant's seeded matrix); [q, 1].[k, -|k|²/2]
  /// (distance).
  enum class Scores { Dot, Bilinear, Distance };

  Execution execution = Execution::Host;
  Kind kind = Kind::Dense;
  Scores scores = Scores::Dot;
  Index heads = 1, groups = 1;  ///< query heads; key/value slices (query head a reads a / (h / g))
  Index dh = 0, dvh = 0;        ///< widths per head of the scores' operands and of V
  Index keys = 0;               ///< keys computed (scaled_dot's valid_keys; else M)
  float scale = 1;
  bool causal = false;
  Index window = 0;  ///< Window: |i - j| <= window
  Index page = 0;    ///< Paged: rows of K and V per page

  Index groupOf(Index head) const { return head / (heads / groups); }
};

/// How the backend computes `variant` with `params` on inputs of `dims`. Host whenever the shapes
/// are not the variant's (its own compute reports the error then, exactly as on the CPU) or the
/// operators' documented limits are not met.
AttentionPlan planAttention(const Variant& variant, const ParamSet& params, const InputDims& dims);

/// What info() reports: every variant with the execution the backend gives it at its defaults.
std::map<std::string, Execution> backendVariants();

/// local_window's pattern of an n x m head (the same rows as the variant builds).
std::shared_ptr<const SparsePattern> windowPattern(Index n, Index m, Index window, bool causal);

/// PagedAttention's block table: the physical page of each of `pages` logical pages, the same
/// seeded shuffle core/variants/paged.cpp draws (its result's trace names them).
std::vector<Index> pagedBlockTable(std::uint64_t seed, Index pages);

}  // namespace atlas::core::ascend
