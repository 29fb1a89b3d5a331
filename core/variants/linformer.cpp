#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>

namespace atlas::core::variants {
namespace {

/// Linformer (Wang, Li, Khabsa, Fang, Ma 2020, section 4): keys and values are projected along
/// the sequence to k rows, K' = E K and V' = F V, so the softmax runs over k columns instead of
/// M: P' = softmax(Q K'^T * scale) (N x k), O = P' V'.
///
/// The result's weights are the implied N x M map P' F, the linear map from V to O (O = P' F V).
/// It has rank at most k, and it is not a distribution: its entries may be negative and row i
/// sums to sum_t P'[i,t] * (sum_j F[t,j]), not 1. Every key contributes through the projection,
/// so the mask is all ones; scoreEvaluations counts the N k raw scores q_i . k'_t.
/// trace.reducedWeights is P' (N x k). With share_ef, F is E and only E is recorded in the params;
/// a separately supplied F is then refused rather than silently ignored.
class Linformer final : public Variant {
 public:
  std::string id() const override { return "linformer"; }
  const char* label() const override { return ATLAS_TR_NOOP("VariantLabels", "Linformer"); }
  Family family() const override { return Family::FewerKeys; }
  std::string description() const override {
    return "Linformer: keys and values are projected to k rows, so each query's softmax runs over "
           "k scores.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam(
            "rank", 8, 1, 65536, ATLAS_TR_NOOP("Params", "Projected length k"),
            ATLAS_TR_NOOP(
                "Params",
                "Number of rows of the projections E and F: keys and values are reduced to k.")),
        boolParam("share_ef", true, ATLAS_TR_NOOP("Params", "Share E and F"),
                  ATLAS_TR_NOOP("Params", "Use the same projection for keys and values (F = E).")),
        matrixParam("E", "rank x M", ATLAS_TR_NOOP("Params", "Key projection E"),
                    ATLAS_TR_NOOP("Params", "k × M projection of the keys, drawn from the seed.")),
        matrixParam(
            "F", "rank x M", ATLAS_TR_NOOP("Params", "Value projection F"),
            ATLAS_TR_NOOP("Params", "k × M projection of the values, drawn from the seed."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double k = std::max(1, p.integer("rank")), m = double(d.m);
    const bool shared = p.flag("share_ef");
    // The dense formulas over k projected keys: QK'^T 2 N k dk, softmax over N k, P'V' 2 N k dv,
    // with the N x k score matrix as traffic and peak.
    InputDims projected = d;
    projected.m = Index(k);
    Cost c = denseCost(projected, {.pairsPerHead = double(d.n) * k,
                                   .scoreFlops = 2.0 * double(d.dk),
                                   .scoreTerm = "QK'^T",
                                   .dvh = d.dv});
    c.terms.front().bytes = 4.0 * (double(d.n) * d.dq + m * d.dk + m * d.dv);  // the real K, V
    // E K and F V: read E (and F), write K' and V'.
    c.terms.insert(c.terms.begin() + 1,
                   {ATLAS_TR_NOOP("CostTerms", "projections"),
                    2.0 * k * m * double(d.dk) + 2.0 * k * m * double(d.dv), 0,
                    4.0 * (k * m * (shared ? 1.0 : 2.0) + k * double(d.dk + d.dv))});
    c.peak += 4.0 * k * double(d.dk + d.dv);
    // Result: the implied N x M map and its mask, O, P' and the projection matrices.
    c.resident =
        resultBytes(1, d.n, d.m, d.dv) + 4.0 * double(d.n) * k + 4.0 * k * m * (shared ? 1.0 : 2.0);
    c.displayResident = resultBytes(1, d.n, d.m, 0);  // the implied map and its mask
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    return run(in, p, true, cancel);
  }
  /// Without the implied N x M map, which only the views show; P' is kept (O is made from it).
  VariantResult computeOutput(const Inputs& in, const ParamSet& p,
                              const CancelToken& cancel) const override {
    return run(in, p, false, cancel);
  }

  bool linformerSharesEF(const ParamSet& p) const override { return p.flag("share_ef"); }

 private:
  VariantResult run(const Inputs& in, const ParamSet& p, bool display,
                    const CancelToken& cancel) const {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index m = in.k.rows(), k = p.integer("rank");
    const bool shared = p.flag("share_ef");
    if (shared && p.matrix("F"))
      throw Error(
          Error::Kind::InvalidArgument,
          ATLAS_TR_NOOP("CoreErrors",
                        "'%1' uses F = E while share_ef is on: set share_ef to false to supply F."),
          {id()});
    VariantResult r = startResult(*this, in, p);
    const double stddev = 1.0 / std::sqrt(double(k));
    const Matrix& e = paramMatrix(r.params, id(), "E", k, m, stddev);
    const Matrix& f = shared ? e : paramMatrix(r.params, id(), "F", k, m, stddev);
    const Matrix kp = e * in.k;  // k x dk
    const Matrix vp = f * in.v;  // k x dv
    cancel.throwIfCancelled();

    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    HeadResult h = scaledDotHead(in.q, kp, vp, scale, false, cancel);  // P' (N x k), O = P' V'
    r.output = std::move(h.output);
    r.scoreEvaluations = h.scoreEvaluations;  // N k
    if (display) r.setDense(impliedMap(h.weights, f, cancel));
    r.trace.reducedWeights = std::move(h.weights);
    return r;
  }

  /// The implied N x M map P' F with a mask of ones, for display and tests only: O itself was
  /// formed as P' V'.
  static DenseWeights impliedMap(const Matrix& reduced, const Matrix& f,
                                 const CancelToken& cancel) {
    const Index n = reduced.rows(), m = f.cols();
    Matrix implied(n, m);
    tbb::parallel_for(tbb::blocked_range<Index>(0, n, 32), [&](const auto& rows) {
      cancel.throwIfCancelled();
      const Index len = rows.end() - rows.begin();
      implied.middleRows(rows.begin(), len).noalias() = reduced.middleRows(rows.begin(), len) * f;
    });
    DenseWeights w;  // moved in (a braced list would copy: its elements are const)
    w.weights.push_back(std::move(implied));
    w.masks.push_back(MaskMatrix::Ones(n, m));
    return w;
  }
};

}  // namespace

const Variant& linformerVariant() {
  static const Linformer v;
  return v;
}

}  // namespace atlas::core::variants
