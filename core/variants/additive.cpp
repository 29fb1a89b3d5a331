#include "additive.h"

#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// S[i,j] = w_v . tanh(W_q^T q_i + W_k^T k_j) (Bahdanau et al. 2015; d2l 11.3.2). No scale.
class Additive final : public Variant {
 public:
  std::string id() const override { return "additive"; }
  Family family() const override { return Family::DenseScoring; }
  std::string description() const override {
    return "Additive attention: a one-hidden-layer network w_v . tanh(W_q^T q + W_k^T k) scores each pair.";
  }
  std::vector<ParamSpec> params() const override {
    return {{"hidden", ParamKind::Int, 16, 1, 1024, {}, "width of the hidden layer"},
            causalSpec(),
            {"W_q", ParamKind::Matrix, 0, 0, 0, "dq x hidden", "query projection, N(0, 1/dq)"},
            {"W_k", ParamKind::Matrix, 0, 0, 0, "dk x hidden", "key projection, N(0, 1/dk)"},
            {"w_v", ParamKind::Matrix, 0, 0, 0, "hidden", "output weights, N(0, 1)"}};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double hidden = p.number("hidden");
    Cost c = denseCost(d, {.pairsPerHead = causalPairs(d.n, d.m, p.flag("causal")),
                           .scoreFlops = 3.0 * hidden,  // add the projections, multiply-add with w_v
                           .scoreExps = hidden,         // one tanh per hidden unit
                           .scoreTerm = "w_v.tanh(W_q q + W_k k)",
                           .scaled = false,
                           .dvh = d.dv});
    c.terms.insert(c.terms.begin() + 1,
                   {"projections", 2.0 * hidden * (double(d.n) * d.dq + double(d.m) * d.dk), 0,
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
    const Eigen::VectorXf wvec = wv.col(0);
    runHeads(r, 1, in.q.rows(), in.v.cols(), [&](Index) {
      return attendDense(
          in.q.rows(), in.k.rows(),
          [&](Index r0, Eigen::Ref<Matrix> s) {
            for (Index i = 0; i < s.rows(); ++i) {
              // tanh of every key's projection plus this query's, then the weighted sum.
              const Matrix t = (kp.rowwise() + qp.row(r0 + i)).array().tanh().matrix();
              s.row(i).noalias() = (t * wvec).transpose();
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
