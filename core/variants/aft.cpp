#include "aft.h"

#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>

namespace atlas::core::variants {
namespace {

// One literal per sentence (test_translations extracts them for the catalogue).
// clang-format off
constexpr const char* kWidthsFormat =
    "'%1' works channel by channel and needs Q, K and V of the same width, but they have %2, %3 and %4 columns.";
constexpr const char* kEmptyRowFormat =
    "'%1' with span %2 leaves query row %3 without any key (M = %4): use a larger span.";
// clang-format on

/// The span actually used: 0 stands for AFT-simple, every pair allowed. VARIANTS.md writes
/// s = M, which allows every pair when N <= M; max(N, M) keeps that meaning when N > M too.
Index effectiveSpan(Index span, Index n, Index m) { return span > 0 ? span : std::max(n, m); }

/// Number of (i, j), 0 <= i < n, 0 <= j < m, with -s <= j - i <= u: F(u) - F(-s - 1) where
/// F(t) = #{j - i <= t} = sum_i clamp(i + t + 1, 0, m) = C(t + n) - C(t), and
/// C(x) = sum_{y=1..x} min(y, m) (0 for x <= 0).
double bandPairs(Index n, Index m, Index s, Index u) {
  const double dm = double(m);
  auto C = [&](double x) {
    if (x <= 0) return 0.0;
    return x <= dm ? x * (x + 1) / 2 : dm * (dm + 1) / 2 + (x - dm) * dm;
  };
  auto F = [&](double t) { return C(t + double(n)) - C(t); };
  return F(double(u)) - F(-double(s) - 1.0);
}

/// Attention Free Transformer, AFT-local (Zhai et al. 2021, "An Attention Free Transformer"),
/// with w = 0 inside the span and -inf outside:
///   O[i,c] = sigmoid(q_ic) * sum_j exp(k_jc + w_ij) v_jc / sum_j exp(k_jc + w_ij).
/// No query-key product: each channel c weighs key j by exp(k_jc) alone. The sums run over the
/// allowed keys j in [i - s, i + s] (causal: [i - s, i]) only, so the work is pairs x d.
/// Implied weights (display): P[i,j] = mean_c exp(k_jc + w_ij) / sum_j' exp(k_j'c + w_ij').
class Aft final : public Variant {
 public:
  std::string id() const override { return "aft"; }
  Family family() const override { return Family::NotQK; }
  std::string description() const override {
    return "Attention Free Transformer (AFT-local): per channel, a softmax of the keys over a "
           "window gates the values; no Q K^T.";
  }
  std::vector<ParamSpec> params() const override {
    return {{"span", ParamKind::Int, 0, 0, 1048576, {}, "window |i - j| <= s; 0: all keys"},
            causalSpec()};
  }

  InputDims inputDims(const InputDims& base, const ParamSet&) const override {
    requireWidths(base.dq, base.dk, base.dv);
    return base;
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index s = effectiveSpan(p.integer("span"), d.n, d.m);
    const double pairs = bandPairs(d.n, d.m, s, p.flag("causal") ? 0 : s);
    const double n = double(d.n), m = double(d.m), c = double(d.dk);
    Cost cost;
    cost.add("input", 0, 0, 4.0 * (n * d.dq + m * d.dk + m * d.dv));
    // The per-channel window max takes comparisons only: no flops (docs/architecture.md), but
    // the step stays in the breakdown.
    cost.add("window max", 0, 0, 0);
    // Per pair and channel: subtract the max, exp, add to the normaliser, multiply-add into the
    // numerator. The unfused implementation reads each row's K and V window again.
    cost.add("exp(k + w) sums", 4.0 * pairs * c, pairs * c, 4.0 * pairs * (d.dk + d.dv));
    // Per row and channel: divide, sigmoid (negate, exp, add, divide), multiply.
    cost.add("sigmoid(q) gate", 5.0 * n * c, n * c, 0);
    cost.add("output", 0, 0, 4.0 * n * d.dv);
    cost.peak = 4.0 * double(std::min<Index>(d.m, 2 * std::min<Index>(s, d.m) + 1)) * c;
    cost.resident = resultBytes(1, d.n, d.m, d.dv);
    return cost;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireWidths(in.q.cols(), in.k.cols(), in.v.cols());
    const Index n = in.q.rows(), m = in.k.rows(), d = in.k.cols();
    const Index s = effectiveSpan(p.integer("span"), n, m);
    const bool causal = p.flag("causal");
    // Row i's window is [i - s, ...] clipped to the keys: empty from row m + s on.
    if (n > m + s)
      throw Error(Error::Kind::InvalidArgument, kEmptyRowFormat,
                  {id(), num(s), num(m + s), num(m)});
    VariantResult r = startResult(*this, in, p);
    runHeads(r, 1, n, d, [&](Index) {
      HeadResult h;
      h.weights = Matrix::Zero(n, m);
      h.mask = MaskMatrix::Zero(n, m);
      h.output.resize(n, d);
      tbb::parallel_for(tbb::blocked_range<Index>(0, n, 32), [&](const auto& range) {
        cancel.throwIfCancelled();
        using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;
        // window x d, row-major like K so every step below runs along contiguous rows:
        // e[j - lo, c] = exp(k_jc - max_c) for the row's allowed keys j.
        Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> e;
        RowArray mx(d), den(d), numer(d);
        for (Index i = range.begin(); i < range.end(); ++i) {
          const Index lo = std::max<Index>(0, i - s),
                      hi = std::min<Index>(m - 1, causal ? i : i + s);
          const Index count = hi - lo + 1;
          const auto k = in.k.middleRows(lo, count).array();
          const auto v = in.v.middleRows(lo, count).array();
          // Per-channel max over the allowed keys: exp never overflows, the largest term is 1.
          mx = k.row(0);
          for (Index j = 1; j < count; ++j) mx = mx.max(k.row(j));
          e.resize(count, d);
          den.setZero();
          numer.setZero();
          for (Index j = 0; j < count; ++j) {
            e.row(j) = (k.row(j) - mx).exp();
            den += e.row(j);
            numer += e.row(j) * v.row(j);
          }
          const RowArray gate = 1.0f / (1.0f + (-in.q.row(i).array()).exp());
          h.output.row(i) = (gate * numer / den).matrix();
          // P[i, j] = mean_c e[j, c] / den_c.
          h.weights.row(i).segment(lo, count).noalias() =
              (e.matrix() * (1.0f / (den * float(d))).matrix().transpose()).transpose();
          h.mask.row(i).segment(lo, count).setConstant(1);
        }
      });
      // Allowed pairs (mask ones): the pair weights exp(k_jc + w_ij) evaluated, per channel.
      h.scoreEvaluations = static_cast<std::uint64_t>(bandPairs(n, m, s, causal ? 0 : s));
      return h;
    });
    return r;
  }

 private:
  void requireWidths(Index dq, Index dk, Index dv) const {
    if (dq != dk || dk != dv)
      throw Error(Error::Kind::ShapeMismatch, kWidthsFormat, {id(), num(dq), num(dk), num(dv)});
  }
};

}  // namespace

const Variant& aftVariant() {
  static const Aft v;
  return v;
}

}  // namespace atlas::core::variants
