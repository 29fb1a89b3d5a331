#include "common.h"
#include "feature_map_attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>

namespace atlas::core::variants {
namespace {

/// FAVOR+ (Choromanski et al. 2021, "Rethinking Attention with Performers", positive random
/// features): x' = x / dk^(1/4), phi(x) = exp(W x' - ||x'||^2 / 2) / sqrt(m) with W: m x dk
/// Gaussian rows, so that E[phi(q).phi(k)] = exp(q.k / sqrt(dk)), softmax's kernel. The output is
/// computed in the cheap order (feature_map_attention.h).
///
/// Stabilisers: each query row's features are multiplied by exp(-max of its exponents) and all
/// key features by exp(-max over every key's exponents). A factor common to a query row, or to
/// all keys, cancels between numerator and normaliser, so P and O are exactly those of the
/// definition; only overflow is avoided (as the reference implementation does).
class Performer final : public Variant {
 public:
  std::string id() const override { return "performer"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Performer (FAVOR+)");
  }
  Family family() const override { return Family::Reordered; }
  std::string description() const override {
    return "Performer (FAVOR+): positive random features approximate the softmax kernel; computed "
           "as phi(Q) (phi(K)^T V).";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("features", 64, 1, 4096, ATLAS_TR_NOOP("Params", "Random features m"),
                 ATLAS_TR_NOOP("Params", "Number of random features of the kernel approximation.")),
        causalSpec(),
        matrixParam(
            "W", "features x dk", ATLAS_TR_NOOP("Params", "Random features W"),
            ATLAS_TR_NOOP("Params",
                          "Gaussian rows of the random feature map, drawn from the seed."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double n = double(d.n), m = double(d.m), dk = double(d.dk), f = p.number("features");
    const bool causal = p.flag("causal");
    Cost c;
    c.add(TermKind::Input, 0, 0, 4.0 * (n * d.dq + m * dk + m * d.dv));
    // Per row: scale x (dk), ||x'||^2 (2 dk) halved (1), W x' (2 f dk), subtract the half norm
    // and the stabiliser (2 f; the stabiliser's max is comparisons, free), divide by sqrt(f)
    // (f); one exp per feature. W is read once.
    c.add("features W x'", (n + m) * (2.0 * f * dk + 3.0 * dk + 3.0 * f + 1.0), (n + m) * f,
          4.0 * f * dk);
    addCheapOrderTerms(c, d, f, causal);
    // Causal: the exclusive scan over the chunk totals, chunks - 1 adds of the f x (dv + 1) state.
    if (causal)
      c.add(ATLAS_TR_NOOP("CostTerms", "prefix scan"),
            double(CausalChunks(d.n).chunks - 1) * f * (d.dv + 1.0), 0, 0);
    c.add(TermKind::Output, 0, 0, 4.0 * n * d.dv);
    const double states = causal ? double(CausalChunks(d.n).chunks) : 1.0;  // one per chunk
    c.peak = 4.0 * ((n + m) * f + states * f * (d.dv + 1.0));
    c.resident = resultBytes(1, d.n, d.m, d.dv) + 4.0 * f * dk + 8.0;  // + W, order_flops
    c.displayResident = resultBytes(1, d.n, d.m, 0) + 8.0;  // the weights, mask, order_flops
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    return run(in, p, true, cancel);
  }
  /// Without the implied weights and the two orders' flops, which only the views show.
  VariantResult computeOutput(const Inputs& in, const ParamSet& p,
                              const CancelToken& cancel) const override {
    return run(in, p, false, cancel);
  }

 private:
  VariantResult run(const Inputs& in, const ParamSet& p, bool display,
                    const CancelToken& cancel) const {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    VariantResult r = startResult(*this, in, p);
    const Index dk = in.k.cols(), f = p.integer("features");
    const Matrix& w = paramMatrix(r.params, id(), "W", f, dk, 1.0);
    const float xScale = 1.0f / std::pow(float(dk), 0.25f);
    const float featureScale = 1.0f / std::sqrt(float(f));

    // Exponents W x' - ||x'||^2 / 2 of every row of x (rows x f), in parallel row blocks.
    auto exponents = [&](const MatrixRef& x) {
      Matrix e(x.rows(), f);
      tbb::parallel_for(tbb::blocked_range<Index>(0, x.rows(), 64), [&](const auto& range) {
        cancel.throwIfCancelled();
        const Index r0 = range.begin(), rows = range.end() - range.begin();
        const Matrix xs = x.middleRows(r0, rows) * xScale;
        e.middleRows(r0, rows).noalias() = xs * w.transpose();
        e.middleRows(r0, rows).colwise() -= 0.5f * xs.rowwise().squaredNorm();
      });
      return e;
    };
    Matrix phiQ = exponents(in.q), phiK = exponents(in.k);
    phiQ.colwise() -= phiQ.rowwise().maxCoeff();  // per query row: cancels in O_i and P_i
    phiK.array() -= phiK.maxCoeff();              // one constant for all keys: cancels too
    phiQ = phiQ.array().exp() * featureScale;
    phiK = phiK.array().exp() * featureScale;

    return featureMapResult(std::move(r), phiQ, phiK, in.v, p.flag("causal"), display, cancel,
                            /*randomFeatures=*/true);
  }
};

}  // namespace

const Variant& performerVariant() {
  static const Performer v;
  return v;
}

}  // namespace atlas::core::variants
