#include "distance.h"

#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = (q_i . k_j - ||k_j||^2 / 2) / sqrt(dk). The dropped -||q_i||^2 / 2 is constant along
/// a row, so after the softmax this equals softmax(-||q_i - k_j||^2 / (2 sqrt(dk))).
class Distance final : public Variant {
 public:
  std::string id() const override { return "distance"; }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Distance-based attention: nearer keys score higher, -||q - k||^2 / 2, computed from key norms only.";
  }
  std::vector<ParamSpec> params() const override { return {causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 2.0 * double(d.dk) + 1.0,  // dot, minus half norm
                           .scoreTerm = "QK^T - |k|^2/2",
                           .dvh = d.dv});
    c.terms.insert(c.terms.begin() + 1, {"key norms", 2.0 * double(d.m) * d.dk + double(d.m), 0,
                                         4.0 * double(d.m)});
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    const Eigen::RowVectorXf halfNorm = 0.5f * in.k.rowwise().squaredNorm().transpose();
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return attendDense(
          in.q.rows(), in.k.rows(),
          [&](Index r0, Eigen::Ref<Matrix> s) {
            s.noalias() = in.q.middleRows(r0, s.rows()) * in.k.transpose();
            s.rowwise() -= halfNorm;
            s *= scale;
          },
          in.v, p.flag("causal"), cancel);
    });
    return r;
  }
};

}  // namespace

const Variant& distanceVariant() {
  static const Distance v;
  return v;
}

}  // namespace atlas::core::variants
