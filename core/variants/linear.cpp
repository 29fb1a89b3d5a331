#include "linear.h"

#include "common.h"
#include "feature_map_attention.h"

namespace atlas::core::variants {
namespace {

/// phi(x) = elu(x) + 1 (Katharopoulos et al. 2020, "Transformers are RNNs"), applied to the rows
/// of Q and K; the output in the cheap order phi(Q) (phi(K)^T V) / phi(Q) (phi(K)^T 1), the
/// N x M implied weights only for display (feature_map_attention.h).
class Linear final : public Variant {
 public:
  std::string id() const override { return "linear"; }
  Family family() const override { return Family::Reordered; }
  std::string description() const override {
    return "Linear attention: phi(Q) (phi(K)^T V) with phi = elu + 1, linear in the sequence "
           "length.";
  }
  std::vector<ParamSpec> params() const override { return {causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double n = double(d.n), m = double(d.m), dk = double(d.dk);
    Cost c;
    c.add("input", 0, 0, 4.0 * (n * d.dq + m * dk + m * d.dv));
    // elu(x) + 1, branch-free: x + 1 and exp(x) for every entry, the select (a comparison) free.
    c.add("phi = elu + 1", (n + m) * dk, (n + m) * dk, 0);
    addCheapOrderTerms(c, d, dk, p.flag("causal"));
    // Causal: the exclusive scan over the chunk totals, chunks - 1 adds of the dk x (dv + 1) state.
    if (p.flag("causal"))
      c.add("prefix scan", double(CausalChunks(d.n).chunks - 1) * dk * (d.dv + 1.0), 0, 0);
    c.add("output", 0, 0, 4.0 * n * d.dv);
    // phi(Q), phi(K) and the state (causal: one per chunk).
    const double states = p.flag("causal") ? double(CausalChunks(d.n).chunks) : 1.0;
    c.peak = 4.0 * ((n + m) * dk + states * dk * (d.dv + 1.0));
    c.resident = resultBytes(1, d.n, d.m, d.dv) + 8.0;  // + extras["order_flops"]
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    auto phi = [](const MatrixRef& x) -> Matrix {
      return (x.array() > 0.0f).select(x.array() + 1.0f, x.array().exp()).matrix();
    };
    const Matrix phiQ = phi(in.q), phiK = phi(in.k);
    const bool causal = p.flag("causal");
    runHeads(r, 1, in.q.rows(), in.v.cols(),
             [&](Index) { return featureMapAttention(phiQ, phiK, in.v, causal, cancel); });
    r.extras["order_flops"] = orderFlops(r.dims, double(in.k.cols()), causal);
    return r;
  }
};

}  // namespace

const Variant& linearVariant() {
  static const Linear v;
  return v;
}

}  // namespace atlas::core::variants
