#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace atlas::core::variants {
namespace {

/// Mean of each window of `pool` consecutive rows (the last window may be shorter).
Matrix poolRows(const MatrixRef& x, Index pool) {
  const Index windows = (x.rows() + pool - 1) / pool;
  Matrix out(windows, x.cols());
  tbb::parallel_for(Index{0}, windows, [&](Index w) {
    const Index r0 = w * pool, len = std::min(pool, x.rows() - r0);
    out.row(w) = x.middleRows(r0, len).colwise().sum() / float(len);
  });
  return out;
}

/// Memory-compressed attention (Liu, Saleh, Pot et al. 2018, "Generating Wikipedia by
/// Summarizing Long Sequences", section 4.2.3): keys and values are shortened by a factor c
/// before the softmax. The paper uses a strided convolution; here the compression is the plain
/// mean over non-overlapping windows (docs/variants.md), so it needs no learned weights.
///
/// The result's weights are the implied N x M map: key j in window w gets P'[i, w] / |w|, which
/// is what O = P' mean_w(V) gives each value row, so the rows sum to 1. Every key contributes
/// through its window, so the mask is all ones; scoreEvaluations counts the N ceil(M/c) scores.
/// trace.reducedWeights is P' (N x ceil(M/c)).
class Compressed final : public Variant {
 public:
  std::string id() const override { return "compressed"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Memory-compressed attention");
  }
  Family family() const override { return Family::FewerKeys; }
  std::string description() const override {
    return "Memory-compressed attention: keys and values are averaged over windows of c rows "
           "before the softmax.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam(
        "pool", 4, 1, 65536, ATLAS_TR_NOOP("Params", "Pooling window"),
        ATLAS_TR_NOOP("Params", "Keys and values are averaged over windows of this many rows."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index c = std::max(1, p.integer("pool"));
    const Index windows = (d.m + c - 1) / c;
    const double width = double(d.dk + d.dv);
    // The dense formulas over the ceil(M/c) pooled keys.
    InputDims pooled = d;
    pooled.m = windows;
    Cost out = denseCost(pooled, {.pairsPerHead = double(d.n) * double(windows),
                                  .scoreFlops = 2.0 * double(d.dk),
                                  .dvh = d.dv});
    out.terms.front().bytes = 4.0 * (double(d.n) * d.dq + double(d.m) * width);  // the real K, V
    // Pooling: one add per entry of K and V, one division per pooled entry; writes the pooled rows.
    out.terms.insert(out.terms.begin() + 1, {ATLAS_TR_NOOP("CostTerms", "pooling"),
                                             double(d.m) * width + double(windows) * width, 0,
                                             4.0 * double(windows) * width});
    out.peak += 4.0 * double(windows) * width;
    out.resident = resultBytes(1, d.n, d.m, d.dv) + 4.0 * double(d.n) * double(windows);
    out.displayResident = resultBytes(1, d.n, d.m, 0);  // the implied map and its mask
    return out;
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

 private:
  VariantResult run(const Inputs& in, const ParamSet& p, bool display,
                    const CancelToken& cancel) const {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index m = in.k.rows(), c = p.integer("pool");
    VariantResult r = startResult(*this, in, p);
    const Matrix kp = poolRows(in.k, c), vp = poolRows(in.v, c);
    cancel.throwIfCancelled();

    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    HeadResult h = scaledDotHead(in.q, kp, vp, scale, false, cancel);  // P' and O = P' V_pooled
    r.output = std::move(h.output);
    r.scoreEvaluations = h.scoreEvaluations;  // N ceil(M/c)
    if (display) r.setDense(impliedMap(h.weights, m, c, cancel));
    r.trace.reducedWeights = std::move(h.weights);
    return r;
  }

  /// The implied N x M map with a mask of ones (key j of window w gets P'[i, w] / |w|), for
  /// display and tests only.
  static DenseWeights impliedMap(const Matrix& reduced, Index m, Index c,
                                 const CancelToken& cancel) {
    const Index n = reduced.rows();
    Matrix implied(n, m);
    tbb::parallel_for(tbb::blocked_range<Index>(0, n, 32), [&](const auto& rows) {
      cancel.throwIfCancelled();
      for (Index i = rows.begin(); i < rows.end(); ++i)
        for (Index w = 0; w * c < m; ++w) {  // window w: keys [w c, w c + len), one value each
          const Index len = std::min(c, m - w * c);
          implied.row(i).segment(w * c, len).setConstant(reduced(i, w) / float(len));
        }
    });
    DenseWeights w;  // moved in (a braced list would copy: its elements are const)
    w.weights.push_back(std::move(implied));
    w.masks.push_back(MaskMatrix::Ones(n, m));
    return w;
  }
};

}  // namespace

const Variant& compressedVariant() {
  static const Compressed v;
  return v;
}

}  // namespace atlas::core::variants
