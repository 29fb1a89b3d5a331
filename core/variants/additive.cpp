#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// row[j] += w tanh(a + b_j) for j < m, from ea = e^2a and eb[j] = e^2b_j:
/// tanh(a + b) = (e^2a e^2b - 1) / (e^2a e^2b + 1), one product and one division per pair
/// (as accurate as tanh of the float sum a + b). Needs |a| + |b| < 44, so that the product
/// stays a finite float. Compiled for AVX-512, AVX2 and the base instruction set; the loader
/// picks the best one the CPU has (the portable build has no -march).
__attribute__((target_clones("avx512f", "avx2", "default"))) void addTanhUnit(
    float* __restrict row, const float* __restrict eb, float ea, float w, Index m) {
  for (Index j = 0; j < m; ++j) {
    const float e = ea * eb[j];
    row[j] += w * ((e - 1.0f) / (e + 1.0f));
  }
}

/// S[i,j] = w_v . tanh(W_q^T q_i + W_k^T k_j) (Bahdanau et al. 2015; d2l 11.3.2). No scale.
class Additive final : public Variant {
 public:
  std::string id() const override { return "additive"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Additive attention");
  }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Additive attention: a one-hidden-layer network w_v . tanh(W_q^T q + W_k^T k) scores "
           "each pair.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("hidden", 16, 1, 1024, ATLAS_TR_NOOP("Params", "Hidden units"),
                     ATLAS_TR_NOOP("Params", "Width of the hidden layer of the scoring network.")),
            causalSpec(),
            matrixParam(
                "W_q", "dq x hidden", ATLAS_TR_NOOP("Params", "Query projection W_q"),
                ATLAS_TR_NOOP(
                    "Params",
                    "dq × hidden matrix applied to the queries, drawn from the seed: N(0, 1/dq).")),
            matrixParam(
                "W_k", "dk x hidden", ATLAS_TR_NOOP("Params", "Key projection W_k"),
                ATLAS_TR_NOOP(
                    "Params",
                    "dk × hidden matrix applied to the keys, drawn from the seed: N(0, 1/dk).")),
            matrixParam("w_v", "hidden", ATLAS_TR_NOOP("Params", "Output weights w_v"),
                        ATLAS_TR_NOOP("Params",
                                      "Weights of the hidden units (a vector of length hidden), "
                                      "drawn from the seed: N(0, 1)."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double hidden = p.number("hidden");
    Cost c =
        denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                      .scoreFlops = 3.0 * hidden,  // add the projections, multiply-add with w_v
                      .scoreExps = hidden,         // one tanh per hidden unit
                      .scoreTerm = "w_v.tanh(W_q q + W_k k)",
                      .scaled = false,
                      .dvh = d.dv});
    c.terms.insert(c.terms.begin() + 1,
                   {ATLAS_TR_NOOP("CostTerms", "projections"),
                    2.0 * hidden * (double(d.n) * d.dq + double(d.m) * d.dk), 0,
                    4.0 * hidden * (double(d.n) + double(d.m) + d.dq + d.dk + 1)});
    c.resident += 4.0 * hidden * (d.dq + d.dk + 1);
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    VariantResult r = startResult(*this, in, p);
    const Index hidden = p.integer("hidden");
    const Matrix& wq = paramMatrix(r.params, id(), "W_q", in.q.cols(), hidden,
                                   1.0 / std::sqrt(double(in.q.cols())));
    const Matrix& wk = paramMatrix(r.params, id(), "W_k", in.k.cols(), hidden,
                                   1.0 / std::sqrt(double(in.k.cols())));
    const Matrix& wv = paramMatrix(r.params, id(), "w_v", hidden, 1, 1.0);
    const Matrix qp = in.q * wq;  // N x hidden
    const Matrix kp = in.k * wk;  // M x hidden
    const Eigen::RowVectorXf wvec = wv.col(0).transpose();
    // With e^2a per query and e^2b per key taken once, a pair needs one product and one
    // division instead of a tanh (addTanhUnit), while |a| + |b| < 44; larger projections take
    // tanh itself.
    const bool factored = qp.cwiseAbs().maxCoeff() + kp.cwiseAbs().maxCoeff() < 44.0f;
    const Matrix ea =
        factored ? Matrix((2.0 * qp.cast<double>().array()).exp().cast<float>()) : Matrix();
    // hidden x M, so that each hidden unit's values for all keys are contiguous.
    const Matrix ebT =
        factored ? Matrix((2.0 * kp.cast<double>().array()).exp().cast<float>().transpose())
                 : Matrix();
    const Matrix kpT = factored ? Matrix() : Matrix(kp.transpose());
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return attendDense(
          in.q.rows(), in.k.rows(),
          [&](Index r0, Eigen::Ref<Matrix> s) {
            // s_ij = sum_u w_u tanh(qp_iu + kp_ju), unit by unit along the whole row of keys.
            for (Index i = 0; i < s.rows(); ++i) {
              auto row = s.row(i).array();
              row.setZero();
              for (Index u = 0; u < hidden; ++u) {
                if (factored) {
                  addTanhUnit(row.data(), ebT.row(u).data(), ea(r0 + i, u), wvec(u), s.cols());
                } else {
                  row += wvec(u) * (kpT.row(u).array() + qp(r0 + i, u)).tanh();
                }
              }
            }
          },
          in.v, p.flag("causal"), cancel);
    });
    return r;
  }
};

}  // namespace

const Variant& additiveVariant() {
  static const Additive v;
  return v;
}

}  // namespace atlas::core::variants
