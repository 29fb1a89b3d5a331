#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = q_i^T W k_j / sqrt(dk), with Q: N x dq, K: M x dk, W: dq x dk (Luong et al. 2015).
/// Computed as (Q W) K^T: one N x dq x dk product, then a dot-product attention.
class Bilinear final : public Variant {
 public:
  std::string id() const override { return "bilinear"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Bilinear attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Bilinear attention: q^T W k / sqrt(dk), so queries and keys may differ in width.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam(
            "dq", 0, 0, 4096, ATLAS_TR_NOOP("Params", "Query width dq"),
            ATLAS_TR_NOOP("Params", "Width of the queries; 0 makes it equal to the key width dk.")),
        causalSpec(),
        matrixParam("W", "dq x dk", ATLAS_TR_NOOP("Params", "Bilinear matrix W"),
                    ATLAS_TR_NOOP(
                        "Params",
                        "dq × dk matrix of the bilinear form, drawn from the seed: N(0, 1/dq)."))};
  }

  InputDims inputDims(const InputDims& base, const ParamSet& p) const override {
    InputDims d = base;
    if (p.integer("dq") > 0) d.dq = p.integer("dq");
    return d;
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 2.0 * double(d.dk),
                           .scoreTerm = "(QW)K^T",
                           .dvh = d.dv});
    c.terms.insert(c.terms.begin() + 1, {"QW", 2.0 * double(d.n) * d.dq * d.dk, 0,
                                         4.0 * (double(d.dq) * d.dk + 2.0 * double(d.n) * d.dk)});
    c.resident += 4.0 * double(d.dq) * d.dk;
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    if (p.integer("dq") > 0)
      requireEqual(id(),
                   ATLAS_TR_NOOP("CoreErrors",
                                 "'%1' was set to queries of width dq = %2, but Q has %3 columns."),
                   in.q.cols(), p.integer("dq"));
    VariantResult r = startResult(*this, in, p);
    const Matrix& w = paramMatrix(r.params, id(), "W", in.q.cols(), in.k.cols(),
                                  1.0 / std::sqrt(double(in.q.cols())));
    const Matrix qw = in.q * w;  // N x dk
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    runHeads(r, 1, in.q.rows(), in.v.cols(),
             [&](Index) { return scaledDotHead(qw, in.k, in.v, scale, p.flag("causal"), cancel); });
    return r;
  }
};

}  // namespace

const Variant& bilinearVariant() {
  static const Bilinear v;
  return v;
}

}  // namespace atlas::core::variants
