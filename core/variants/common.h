// Helpers shared by the variant files: common parameter specs, seeded parameter matrices,
// shape checks and the per-head runner. Nothing here is specific to one variant.
#pragma once

#include "../kernels.h"
#include "../pooled_weights.h"
#include "../sparse.h"
#include "../variant.h"
#include "../variant_list.h"

#include <functional>

namespace atlas::core::variants {

/// `causal` (ParamRole::Causal) and `heads` (ParamRole::Heads), shared by many variants.
ParamSpec causalSpec();
ParamSpec headsSpec(double defaultHeads);

/// The matrix parameter `name` (rows x cols): the one the user supplied (its shape checked) or
/// one drawn from the seed with entries N(0, stddev^2). Records it in `used`.
const Matrix& paramMatrix(ParamSet& used, const std::string& variant, const std::string& name,
                          Index rows, Index cols, double stddev);

/// Throws Error(ShapeMismatch, format, {variant, expected, actual}) when they differ.
/// Formats are whole sentences (translatable), e.g. kQueryWidthFormat.
void requireEqual(const std::string& variant, const char* format, Index actual, Index expected);
/// Throws Error(InvalidArgument, format, {variant, value, by}) unless `value` divides by `by`.
void requireDivisible(const std::string& variant, const char* format, Index value, Index by);

inline constexpr const char* kQueryWidthFormat = ATLAS_TR_NOOP(
    "CoreErrors", "'%1' needs queries as wide as the keys (%2 columns), but Q has %3.");
inline constexpr const char* kHeadsDivideWidthFormat = ATLAS_TR_NOOP(
    "CoreErrors",
    "'%1' needs the width of Q and K (%2) to be divisible by the number of heads (%3).");
inline constexpr const char* kHeadsDivideValuesFormat = ATLAS_TR_NOOP(
    "CoreErrors", "'%1' needs the width of V (%2) to be divisible by the number of heads (%3).");

/// A result with the variant id, resolved params and input dims filled in.
VariantResult startResult(const Variant& v, const Inputs& in, const ParamSet& params);

/// Runs `head(a)` for a = 0..heads-1 in parallel; stores weights and masks per head and puts
/// each head's output into columns [a * dvh, (a + 1) * dvh) of the result output.
void runHeads(VariantResult& r, Index heads, Index n, Index dvh,
              const std::function<HeadResult(Index)>& head);

/// One head of scaled dot-product attention restricted to the pattern `row` builds (sparse
/// variants are masks over the dense scores, computed on the allowed pairs only). Checks that
/// queries and keys have the same width.
VariantResult sparseSingleHead(const Variant& v, const Inputs& in, const ParamSet& p,
                               const PatternRowFn& row, const CancelToken& cancel);

/// A head computed on the first keys only, widened to `m` keys: the weights and mask of the keys
/// after them are 0 (a padding mask: those keys are not there for any query).
HeadResult padKeys(HeadResult head, Index m);

/// The cost of one head of dot-product scores on `pairs` allowed pairs (sparseCost).
Cost patternCost(const InputDims& d, double pairs);

/// Scaled dot-product attention of one head: softmax(q k^T * scale) v (optionally causal).
HeadResult scaledDotHead(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                         bool causal, const CancelToken& cancel);

/// Variant::computePooled of the scaled dot-product family: `heads` heads, head a on columns
/// [a dh, (a + 1) dh) of Q, [g(a) dh, (g(a) + 1) dh) of K and [g(a) dvh, (g(a) + 1) dvh) of V
/// with g = `group` (identity when empty), scale 1/sqrt(dh), each streamed into pooled weights
/// and its output (core/streaming.h); heads in parallel, progress averaged over them.
VariantResult pooledScaledDotHeads(const Variant& v, const Inputs& in, const ParamSet& p,
                                   Index heads, Index dh, Index dvh,
                                   const std::function<Index(Index)>& group, const PoolSpec& pool,
                                   const ProgressFn& progress, const CancelToken& cancel);

/// Variant::pooledBytes of pooledScaledDotHeads: `heads` query heads over `groups` key/value
/// slices of K and V (groups = heads for multi-head attention, 1 for one head).
double pooledScaledDotBytes(const InputDims& d, Index heads, Index groups, const PoolSpec& pool);

/// The pooled path of a variant of one head of scaled dot-product attention over the whole
/// width (scaled_dot, and flash, whose pooled weights are the same): Variant's pooling hooks, for
/// such a variant to derive from. computePooled checks that queries and keys have one width.
class PoolableSingleHead : public Variant {
 public:
  bool canPool(const ParamSet&) const override { return true; }
  double pooledBytes(const InputDims& d, const ParamSet& p, const PoolSpec& pool) const override;
  VariantResult computePooled(const Inputs& in, const ParamSet& p, const PoolSpec& pool,
                              const ProgressFn& progress, const CancelToken& cancel) const override;
};

/// Paged attention's block table: the physical page of each of `pages` logical pages, a seeded
/// Fisher-Yates shuffle (the paged variant and the Ascend backend draw the same one).
std::vector<Index> pagedBlockTable(std::uint64_t seed, Index pages);

}  // namespace atlas::core::variants
