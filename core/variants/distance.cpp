#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = (q_i . k_j - ||k_j||^2 / 2) / sqrt(dk). The dropped -||q_i||^2 / 2 is constant along
/// a row, so after the softmax this equals softmax(-||q_i - k_j||^2 / (2 sqrt(dk))).
class Distance final : public Variant {
 public:
  std::string id() const override { return "distance"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Distance-based attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Distance-based attention: nearer keys score higher, -||q - k||^2 / 2, computed from "
           "key norms only.";
  }
  std::vector<ParamSpec> params() const override { return {causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 2.0 * double(d.dk) + 1.0,  // dot, minus half norm
                           .scoreTerm = "QK^T - |k|^2/2",
                           .dvh = d.dv});
    c.terms.insert(c.terms.begin() + 1,
                   {ATLAS_TR_NOOP("CostTerms", "key norms"), 2.0 * double(d.m) * d.dk + double(d.m),
                    0, 4.0 * double(d.m)});
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    // -||q - k||^2 / 2 = q.k - ||k||^2 / 2 - ||q||^2 / 2, and the last term is the same for a
    // whole row, so the softmax drops it: the scores are those of dot-product attention between
    // [q, 1] and [k, -||k||^2 / 2], which the fused dense kernel forms with the softmax and P V.
    // Widths padded with zeros to a multiple of 16, the kernel's packing unit (zeros add 0).
    const Index d = in.k.cols(), width = (d + 1 + 15) / 16 * 16;
    Matrix qx = Matrix::Zero(in.q.rows(), width), kx = Matrix::Zero(in.k.rows(), width);
    qx.leftCols(d) = in.q;
    qx.col(d).setOnes();
    kx.leftCols(d) = in.k;
    kx.col(d) = -0.5f * in.k.rowwise().squaredNorm();
    runHeads(r, 1, in.q.rows(), in.v.cols(),
             [&](Index) { return scaledDotHead(qx, kx, in.v, scale, p.flag("causal"), cancel); });
    return r;
  }
};

}  // namespace

const Variant& distanceVariant() {
  static const Distance v;
  return v;
}

}  // namespace atlas::core::variants
