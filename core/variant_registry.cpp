#include "variant_registry.h"

#include "variants/additive.h"
#include "variants/aft.h"
#include "variants/bigbird.h"
#include "variants/bilinear.h"
#include "variants/block_local.h"
#include "variants/compressed.h"
#include "variants/dilated.h"
#include "variants/distance.h"
#include "variants/flash.h"
#include "variants/global_tokens.h"
#include "variants/grouped_query.h"
#include "variants/kmeans.h"
#include "variants/linear.h"
#include "variants/linformer.h"
#include "variants/local_window.h"
#include "variants/lsh.h"
#include "variants/mixed_heads.h"
#include "variants/multi_head.h"
#include "variants/paged.h"
#include "variants/performer.h"
#include "variants/scaled_dot.h"
#include "variants/sinkhorn.h"
#include "variants/sparse_fixed.h"
#include "variants/strided.h"
#include "variants/synthesizer_dense.h"
#include "variants/synthesizer_random.h"

#include <algorithm>
#include <array>

namespace atlas::core {
namespace {

using Factory = const Variant& (*)();

// One line per variant. Adding a variant: its file pair, one line here, kVariantCount.
constexpr std::array kTable = {
    &variants::scaledDotVariant,
    &variants::additiveVariant,
    &variants::distanceVariant,
    &variants::bilinearVariant,
    &variants::multiHeadVariant,
    &variants::groupedQueryVariant,
    &variants::blockLocalVariant,
    &variants::localWindowVariant,
    &variants::stridedVariant,
    &variants::globalTokensVariant,
    &variants::bigBirdVariant,
    &variants::mixedHeadsVariant,
    &variants::sparseFixedVariant,
    &variants::dilatedVariant,
    &variants::lshVariant,
    &variants::kmeansVariant,
    &variants::sinkhornVariant,
    &variants::linformerVariant,
    &variants::compressedVariant,
    &variants::linearVariant,
    &variants::performerVariant,
    &variants::synthesizerDenseVariant,
    &variants::synthesizerRandomVariant,
    &variants::aftVariant,
    &variants::flashVariant,
    &variants::pagedVariant,
};
static_assert(kTable.size() == kVariantCount, "kVariantCount must match the table");

}  // namespace

const char* familyId(Family family) {
  switch (family) {
    case Family::DenseScoring:
      return "dense_scoring";
    case Family::FixedSparse:
      return "fixed_sparse";
    case Family::DataDependent:
      return "data_dependent";
    case Family::FewerKeys:
      return "fewer_keys";
    case Family::Reordered:
      return "reordered";
    case Family::NotQK:
      return "not_qk";
    case Family::Schedule:
      return "schedule";
  }
  return "?";
}

Index VariantResult::weightRows() const {
  return heads() == 0 ? 0 : sparse() ? sparseWeights[0].rows() : weights[0].rows();
}

Index VariantResult::weightCols() const {
  return heads() == 0 ? 0 : sparse() ? sparseWeights[0].cols() : weights[0].cols();
}

bool VariantResult::computed(Index h, Index i, Index j) const {
  return sparse() ? sparseWeights[std::size_t(h)].computed(i, j) : masks[std::size_t(h)](i, j) != 0;
}

std::uint64_t VariantResult::pairs(Index h) const {
  if (sparse()) return sparseWeights[std::size_t(h)].nnz();
  const MaskMatrix& m = masks[std::size_t(h)];
  return std::uint64_t(
      std::count_if(m.data(), m.data() + m.size(), [](std::uint8_t b) { return b != 0; }));
}

void VariantResult::makeDense() {
  if (!sparse()) return;
  const bool withComponents =
      !componentNames.empty() || std::any_of(sparseWeights.begin(), sparseWeights.end(),
                                             [](const auto& s) { return s.hasComponents(); });
  for (const SparseWeights& s : sparseWeights) {
    weights.push_back(s.dense());
    masks.push_back(s.denseMask());
    if (withComponents) components.push_back(s.denseComponents());
  }
  sparseWeights.clear();
}

InputDims Variant::inputDims(const InputDims& base, const ParamSet&) const { return base; }

VariantResult Variant::computePooled(const Inputs&, const ParamSet&, const PoolSpec&,
                                     const ProgressFn&, const CancelToken&) const {
  // Never reached through the engine, which asks canStream() first.
  throw Error(Error::Kind::InvalidArgument, "'%1' failed: %2",
              {id(), "its weights cannot be streamed into display resolution"});
}

const std::vector<const Variant*>& allVariants() {
  static const std::vector<const Variant*> all = [] {
    std::vector<const Variant*> v;
    for (Factory f : kTable) v.push_back(&f());
    return v;
  }();
  return all;
}

const Variant* findVariant(std::string_view id) {
  for (const Variant* v : allVariants())
    if (v->id() == id) return v;
  return nullptr;
}

const Variant& requireVariant(std::string_view id) {
  if (const Variant* v = findVariant(id)) return *v;
  std::string known;
  for (const Variant* v : allVariants()) known += (known.empty() ? "" : ", ") + v->id();
  throw Error(Error::Kind::InvalidArgument, "Unknown variant '%1' (known: %2).",
              {std::string(id), known});
}

}  // namespace atlas::core
