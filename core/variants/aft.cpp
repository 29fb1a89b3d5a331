#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>

namespace atlas::core::variants {
namespace {

// One literal per sentence (test_translations extracts them for the catalogue).
// clang-format off
constexpr const char* kWidthsFormat =
    ATLAS_TR_NOOP("CoreErrors", "'%1' works channel by channel and needs Q, K and V of the same width, but they have %2, %3 and %4 columns.");
constexpr const char* kEmptyRowFormat =
    ATLAS_TR_NOOP("CoreErrors", "'%1' with span %2 leaves query row %3 without any key (M = %4): use a larger span.");
// clang-format on

/// The span actually used: 0 stands for AFT-simple, every pair allowed. docs/variants.md writes
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

using RowArray = Eigen::Array<float, 1, Eigen::Dynamic>;
using RowArrayD = Eigen::Array<double, 1, Eigen::Dynamic>;
using Array = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ArrayD = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The keys [lo, hi] query row i may see. Both ends never decrease as i grows.
struct Window {
  Index lo, hi;
  Index count() const { return hi - lo + 1; }
  bool operator==(const Window&) const = default;
};

Window windowOf(Index i, Index m, Index s, bool causal) {
  return {std::max<Index>(0, i - s), std::min<Index>(m - 1, causal ? i : i + s)};
}

/// Rows per task (blockRows), and keys per partial sum (SharedKeys).
constexpr Index kRowBlock = 32;
constexpr Index kKeyChunk = 32;
/// A row whose per-channel normaliser under the block's shared stabiliser falls below this is
/// redone with its own (directRow): its terms would otherwise drift toward float subnormals.
constexpr double kMinDen = 1e-20;

/// sigmoid(q_i), the output gate.
RowArray gate(const Inputs& in, Index i) { return 1.0f / (1.0f + (-in.q.row(i).array()).exp()); }

/// Row i with its own per-channel max as stabiliser (exp never overflows, the largest term is
/// 1): its output and, given `weights`, its weights P[i, j] = mean_c e[j, c] / den_c on its
/// window.
void directRow(const Inputs& in, Index i, Window w, Matrix* weights, Matrix& output) {
  const Index d = in.k.cols(), count = w.count();
  const auto k = in.k.middleRows(w.lo, count).array();
  const RowArray mx = k.colwise().maxCoeff();
  const Array e = (k.rowwise() - mx).exp();
  const RowArray den = e.colwise().sum();
  const RowArray numer = (e * in.v.middleRows(w.lo, count).array()).colwise().sum();
  output.row(i) = (gate(in, i) * numer / den).matrix();
  if (weights)
    weights->row(i).segment(w.lo, count).noalias() =
        (e.matrix() * (1.0f / (den * float(d))).matrix().transpose()).transpose();
}

/// The keys [lo, lo + len) of a set of rows, exponentiated once with one stabiliser per
/// channel, the channel's maximum over these keys: e[j, c] = exp(k_(lo+j)c - max_c) in (0, 1]
/// and ev = e v. A stabiliser common to a row's terms cancels between numerator and normaliser,
/// so every row whose window lies in [lo, lo + len) can use these exps. Per-channel sums go in
/// double over chunks of kKeyChunk keys (never by subtraction, so a small window sum next to
/// large ones keeps its relative precision).
struct SharedKeys {
  Index lo, len, d;
  Array e, ev;
  ArrayD chunkE, chunkEv;  ///< sums over the full chunks [c kKeyChunk, (c + 1) kKeyChunk)

  SharedKeys(const Inputs& in, Index first, Index count) : lo(first), len(count), d(in.k.cols()) {
    const auto k = in.k.middleRows(lo, len).array();
    const RowArray mx = k.colwise().maxCoeff();
    e = (k.rowwise() - mx).exp();
    ev = e * in.v.middleRows(lo, len).array();
    const Index chunks = len / kKeyChunk;
    chunkE = ArrayD::Zero(chunks, d);
    chunkEv = ArrayD::Zero(chunks, d);
    for (Index c = 0; c < chunks; ++c)
      for (Index j = c * kKeyChunk; j < (c + 1) * kKeyChunk; ++j) {
        chunkE.row(c) += e.row(j).cast<double>();
        chunkEv.row(c) += ev.row(j).cast<double>();
      }
  }

  /// den = sum e, numer = sum e v over the window w (inside [lo, lo + len)).
  void sums(Window w, RowArrayD& den, RowArrayD& numer) const {
    const Index a = w.lo - lo, b = w.hi - lo + 1;  // [a, b) in local key numbers
    den.setZero(d);
    numer.setZero(d);
    auto keys = [&](Index from, Index to) {
      for (Index j = from; j < to; ++j) {
        den += e.row(j).cast<double>();
        numer += ev.row(j).cast<double>();
      }
    };
    const Index cf = (a + kKeyChunk - 1) / kKeyChunk, cl = b / kKeyChunk;  // full chunks [cf, cl)
    if (cf >= cl) return keys(a, b);
    keys(a, cf * kKeyChunk);
    for (Index c = cf; c < cl; ++c) {
      den += chunkE.row(c);
      numer += chunkEv.row(c);
    }
    keys(cl * kKeyChunk, b);
  }
};

/// Every row sees the same window w (AFT-simple without causality): one normaliser, one row of
/// weights copied to all rows (with `display`), outputs differing only by their gate. The
/// stabiliser is the window's own maximum, so each normaliser is at least 1.
void uniformRows(const Inputs& in, Window w, bool display, HeadResult& h,
                 const CancelToken& cancel) {
  const Index n = in.q.rows(), d = in.k.cols();
  const SharedKeys keys(in, w.lo, w.count());
  RowArrayD den, numer;
  keys.sums(w, den, numer);
  const RowArray ratio = (numer / den).cast<float>();
  const Eigen::RowVectorXf prow =
      display ? Eigen::RowVectorXf(
                    (keys.e.matrix() * (1.0 / (den * double(d))).cast<float>().matrix().transpose())
                        .transpose())
              : Eigen::RowVectorXf();
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 64), [&](const auto& range) {
    cancel.throwIfCancelled();
    for (Index i = range.begin(); i < range.end(); ++i) {
      h.output.row(i) = (gate(in, i) * ratio).matrix();
      if (!display) continue;
      h.mask.row(i).segment(w.lo, w.count()).setConstant(1);
      h.weights.row(i).segment(w.lo, w.count()) = prow;
    }
  });
}

/// Rows [r0, r1) (at most kRowBlock) through the union of their windows: one exp per key and
/// channel of the union instead of one per row, window sums from chunk sums, and (with
/// `display`) the weights of all rows in one product P = scale E^T, with scale[i, c] =
/// 1 / (d den_ic); the entries of the union outside a row's own window are then set to 0.
void blockRows(const Inputs& in, Index r0, Index r1, Index s, bool causal, bool display,
               HeadResult& h) {
  const Index m = in.k.rows(), d = in.k.cols(), rows = r1 - r0;
  const Window first = windowOf(r0, m, s, causal), last = windowOf(r1 - 1, m, s, causal);
  const SharedKeys keys(in, first.lo, last.hi - first.lo + 1);
  Matrix scale(display ? rows : 0, d);
  std::vector<char> direct(static_cast<std::size_t>(rows), 0);
  RowArrayD den, numer;
  for (Index i = r0; i < r1; ++i) {
    const Window w = windowOf(i, m, s, causal);
    keys.sums(w, den, numer);
    if (display) h.mask.row(i).segment(w.lo, w.count()).setConstant(1);
    if (!(den.minCoeff() >= kMinDen)) {
      direct[static_cast<std::size_t>(i - r0)] = 1;
      if (display) scale.row(i - r0).setZero();
      continue;
    }
    h.output.row(i) = (gate(in, i) * (numer / den).cast<float>()).matrix();
    if (display) scale.row(i - r0) = (1.0 / (den * double(d))).cast<float>().matrix();
  }
  if (display) {
    h.weights.block(r0, keys.lo, rows, keys.len).noalias() = scale * keys.e.matrix().transpose();
    for (Index i = r0; i < r1; ++i) {
      const Window w = windowOf(i, m, s, causal);
      h.weights.row(i).segment(keys.lo, w.lo - keys.lo).setZero();
      h.weights.row(i).segment(w.hi + 1, keys.lo + keys.len - 1 - w.hi).setZero();
    }
  }
  for (Index i = r0; i < r1; ++i)
    if (direct[static_cast<std::size_t>(i - r0)])
      directRow(in, i, windowOf(i, m, s, causal), display ? &h.weights : nullptr, h.output);
}

/// The head: its output and, with `display`, its weights (exactly 0 outside the band) and mask.
HeadResult aftHead(const Inputs& in, Index s, bool causal, bool display,
                   const CancelToken& cancel) {
  const Index n = in.q.rows(), m = in.k.rows();
  HeadResult h;
  h.output.resize(n, in.k.cols());
  const Window first = windowOf(0, m, s, causal), last = windowOf(n - 1, m, s, causal);
  if (display) {
    if (first == last && first.count() == m) {  // every row sees every key: all entries written
      h.weights.resize(n, m);
      h.mask = MaskMatrix::Ones(n, m);
    } else {
      h.weights = Matrix::Zero(n, m);
      h.mask = MaskMatrix::Zero(n, m);
    }
  }
  if (first == last) {
    uniformRows(in, first, display, h, cancel);
    return h;
  }
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, kRowBlock), [&](const auto& range) {
    cancel.throwIfCancelled();
    for (Index r0 = range.begin(); r0 < range.end(); r0 += kRowBlock)
      blockRows(in, r0, std::min(range.end(), r0 + kRowBlock), s, causal, display, h);
  });
  return h;
}

/// Attention Free Transformer, AFT-local (Zhai et al. 2021, "An Attention Free Transformer"),
/// with w = 0 inside the span and -inf outside:
///   O[i,c] = sigmoid(q_ic) * sum_j exp(k_jc + w_ij) v_jc / sum_j exp(k_jc + w_ij).
/// No query-key product: each channel c weighs key j by exp(k_jc) alone. The sums run over the
/// allowed keys j in [i - s, i + s] (causal: [i - s, i]) only.
/// Implied weights (display): P[i,j] = mean_c exp(k_jc + w_ij) / sum_j' exp(k_j'c + w_ij').
/// Since exp(k_jc) does not depend on i, each key's exps are taken once per block of rows (once
/// in all for AFT-simple) rather than once per row: see SharedKeys and blockRows.
class Aft final : public Variant {
 public:
  std::string id() const override { return "aft"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Attention Free Transformer (AFT)");
  }
  Family family() const override { return Family::NotQK; }
  std::string description() const override {
    return "Attention Free Transformer (AFT-local): per channel, a softmax of the keys over a "
           "window gates the values; no Q K^T.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("span", 0, 0, 1048576, ATLAS_TR_NOOP("Params", "Span s"),
                 ATLAS_TR_NOOP("Params",
                               "Keys farther than s are ignored; 0 means all keys (AFT-simple).")),
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
    cost.add(TermKind::Input, 0, 0, 4.0 * (n * d.dq + m * d.dk + m * d.dv));
    // The per-channel window max takes comparisons only: no flops (docs/architecture.md), but
    // the step stays in the breakdown.
    cost.add(ATLAS_TR_NOOP("CostTerms", "window max"), 0, 0, 0);
    // Per pair and channel: subtract the max, exp, add to the normaliser, multiply-add into the
    // numerator. The unfused implementation reads each row's K and V window again.
    cost.add("exp(k + w) sums", 4.0 * pairs * c, pairs * c, 4.0 * pairs * (d.dk + d.dv));
    // Per row and channel: divide, sigmoid (negate, exp, add, divide), multiply.
    cost.add("sigmoid(q) gate", 5.0 * n * c, n * c, 0);
    cost.add(TermKind::Output, 0, 0, 4.0 * n * d.dv);
    cost.peak = 4.0 * double(std::min<Index>(d.m, 2 * std::min<Index>(s, d.m) + 1)) * c;
    cost.resident = resultBytes(1, d.n, d.m, d.dv);
    cost.displayResident = resultBytes(1, d.n, d.m, 0);  // the implied weights and mask
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
    runHeads(r, 1, n, d, [&](Index) { return aftHead(in, s, causal, true, cancel); });
    // Allowed pairs (mask ones): the pair weights exp(k_jc + w_ij) evaluated, per channel.
    r.scoreEvaluations = static_cast<std::uint64_t>(bandPairs(n, m, s, causal ? 0 : s));
    return r;
  }

  /// Without the implied weights, which only the views show: the output is made from the
  /// window sums alone.
  VariantResult computeOutput(const Inputs& in, const ParamSet& p,
                              const CancelToken& cancel) const override {
    requireWidths(in.q.cols(), in.k.cols(), in.v.cols());
    const Index n = in.q.rows(), m = in.k.rows();
    const Index s = effectiveSpan(p.integer("span"), n, m);
    if (n > m + s)
      throw Error(Error::Kind::InvalidArgument, kEmptyRowFormat,
                  {id(), num(s), num(m + s), num(m)});
    const bool causal = p.flag("causal");
    VariantResult r = startResult(*this, in, p);
    r.output = aftHead(in, s, causal, false, cancel).output;
    r.scoreEvaluations = static_cast<std::uint64_t>(bandPairs(n, m, s, causal ? 0 : s));
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
