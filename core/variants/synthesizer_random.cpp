#include "common.h"

namespace atlas::core::variants {
namespace {

/// Random Synthesizer (Tay et al. 2021, "Synthesizer: Rethinking Self-Attention"): the
/// scores are a matrix R (N x M) of their own, S = R, the same for every input; only V comes from
/// the data. R is drawn N(0, 1) from the seed or supplied, which then fixes N and M.
class SynthesizerRandom final : public Variant {
 public:
  std::string id() const override { return "synthesizer_random"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Random Synthesizer");
  }
  Family family() const override { return Family::NotQK; }
  std::string description() const override {
    return "Random Synthesizer: the scores are a fixed matrix R independent of the input; "
           "softmax(R) V.";
  }
  std::vector<ParamSpec> params() const override {
    return {causalSpec(),
            matrixParam(
                "R", "N x M", ATLAS_TR_NOOP("Params", "Random scores R"),
                ATLAS_TR_NOOP("Params", "The N × M score matrix itself, drawn from the seed."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    // No score arithmetic: R is read (the score term's traffic) and softmaxed.
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 0,
                           .scoreTerm = "S = R",
                           .scaled = false,
                           .dvh = d.dv});
    c.resident += 4.0 * double(d.n) * double(d.m);
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    VariantResult r = startResult(*this, in, p);
    const Matrix& rm = paramMatrix(r.params, id(), "R", in.q.rows(), in.k.rows(), 1.0);
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return attendDense(
          in.q.rows(), in.k.rows(),
          [&](Index r0, Eigen::Ref<Matrix> s) { s = rm.middleRows(r0, s.rows()); }, in.v,
          p.flag("causal"), cancel);
    });
    return r;
  }
};

}  // namespace

const Variant& synthesizerRandomVariant() {
  static const SynthesizerRandom v;
  return v;
}

}  // namespace atlas::core::variants
