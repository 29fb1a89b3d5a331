#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

// One literal per sentence (test_translations extracts them for the catalogue).
// clang-format off
constexpr const char* kW2ColumnsFormat =
    ATLAS_TR_NOOP("CoreErrors", "'%1' was given a W2 with %2 columns (one per key), but the input has M = %3 keys; they must agree.");
// clang-format on

/// Dense Synthesizer (Tay et al. 2021, "Synthesizer: Rethinking Self-Attention"): each
/// query row alone predicts its row of scores, S[i,:] = W2^T relu(W1^T q_i), with no key in
/// sight; Q plays the input X. W2 has one column per key, so a supplied W2 fixes M.
/// W1 is d x d and W2 d x M with d the width of Q (dk of docs/variants.md, since dq = dk there).
class SynthesizerDense final : public Variant {
 public:
  std::string id() const override { return "synthesizer_dense"; }
  const char* label() const override { return ATLAS_TR_NOOP("VariantLabels", "Dense Synthesizer"); }
  Family family() const override { return Family::NotQK; }
  std::string description() const override {
    return "Dense Synthesizer: each query predicts its own row of scores, W2^T relu(W1^T q), "
           "without keys.";
  }
  std::vector<ParamSpec> params() const override {
    return {causalSpec(),
            matrixParam(
                "W1", "dk x dk", ATLAS_TR_NOOP("Params", "First layer W1"),
                ATLAS_TR_NOOP("Params",
                              "dk × dk weights of the synthesizing network, drawn from the seed.")),
            matrixParam(
                "W2", "dk x M", ATLAS_TR_NOOP("Params", "Second layer W2"),
                ATLAS_TR_NOOP("Params",
                              "dk × M weights of the synthesizing network, drawn from the seed."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double n = double(d.n), m = double(d.m), dq = double(d.dq);
    // Score of a pair: one multiply-add per hidden unit (the row H W2).
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 2.0 * dq,
                           .scoreTerm = "W2^T h",
                           .scaled = false,
                           .dvh = d.dv});
    // h = relu(W1^T q_i): 2 dq per hidden unit (the relu, max(0, x), is a comparison: free);
    // writes H (N x dq), reads W1, W2.
    c.terms.insert(c.terms.begin() + 1, {"h = relu(W1^T q)", 2.0 * n * dq * dq, 0,
                                         4.0 * (dq * dq + dq * m + 2.0 * n * dq)});
    c.resident += 4.0 * (dq * dq + dq * m);
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index d = in.q.cols(), m = in.k.rows();
    if (const Matrix* given = p.matrix("W2"); given && given->cols() != m) {
      throw Error(Error::Kind::ShapeMismatch, kW2ColumnsFormat, {id(), num(given->cols()), num(m)});
    }
    VariantResult r = startResult(*this, in, p);
    const double stddev = 1.0 / std::sqrt(double(d));
    const Matrix& w1 = paramMatrix(r.params, id(), "W1", d, d, stddev);
    const Matrix& w2 = paramMatrix(r.params, id(), "W2", d, m, stddev);
    // S[i, j] = h_i . w2_j with h = relu(Q W1) (N x d) and w2_j the column of key j: the scores
    // of dot-product attention with queries H, keys W2^T and scale 1, so the fused dense kernel
    // forms them, the softmax and P V in one pass.
    const Matrix h = (in.q * w1).cwiseMax(0.0f);
    const Matrix w2t = w2.transpose();
    runHeads(r, 1, in.q.rows(), in.v.cols(),
             [&](Index) { return scaledDotHead(h, w2t, in.v, 1.0f, p.flag("causal"), cancel); });
    return r;
  }
};

}  // namespace

const Variant& synthesizerDenseVariant() {
  static const SynthesizerDense v;
  return v;
}

}  // namespace atlas::core::variants
