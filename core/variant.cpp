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
      return ATLAS_TR_NOOP("VariantLabels", "Not from query–key dot products");
    case Family::Schedule:
      return ATLAS_TR_NOOP("VariantLabels", "Same result, another schedule");
  }
  return "?";
}

InputDims Variant::inputDims(const InputDims& base, const ParamSet&) const { return base; }

VariantResult Variant::computeOutput(const Inputs& inputs, const ParamSet& params,
                                     const CancelToken& cancel) const {
  return compute(inputs, params, cancel);
}

VariantResult Variant::computePooled(const Inputs&, const ParamSet&, const PoolSpec&,
                                     const ProgressFn&, const CancelToken&) const {
  // Never reached through the engine, which asks canPool() first.
  throw Error(Error::Kind::InvalidArgument, ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"),
              {id(), "its weights cannot be pooled into display resolution"});
}

double Variant::pooledBytes(const InputDims&, const ParamSet&, const PoolSpec&) const { return 0; }

Variant::HeadColumns Variant::headColumns(Index head, Index heads, const InputDims& d,
                                          const ParamSet&) const {
  if (heads <= 1) return {0, d.dq, 0, d.dk, 0, d.dv};
  const Index dh = d.dq / heads, dkh = d.dk / heads, dvh = d.dv / heads;
  return {head * dh, dh, head * dkh, dkh, head * dvh, dvh};
}

bool Variant::linformerSharesEF(const ParamSet&) const { return true; }

}  // namespace atlas::core
