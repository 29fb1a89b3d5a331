#include "variant.h"

#include <algorithm>

namespace atlas::core {

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

const char* familyLabel(Family family) {
  switch (family) {
    case Family::DenseScoring:
      return ATLAS_TR_NOOP("VariantLabels", "Dense scoring");
    case Family::FixedSparse:
      return ATLAS_TR_NOOP("VariantLabels", "Fixed sparse patterns");
    case Family::DataDependent:
      return ATLAS_TR_NOOP("VariantLabels", "Data-dependent patterns");
    case Family::FewerKeys:
      return ATLAS_TR_NOOP("VariantLabels", "Fewer keys");
    case Family::Reordered:
      return ATLAS_TR_NOOP("VariantLabels", "Reordered products");
    case Family::NotQK:
      return ATLAS_TR_NOOP("VariantLabels", "Not from queries and keys");
    case Family::Schedule:
      return ATLAS_TR_NOOP("VariantLabels", "Same result, another schedule");
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
  throw Error(Error::Kind::InvalidArgument, ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"),
              {id(), "its weights cannot be streamed into display resolution"});
}

}  // namespace atlas::core
