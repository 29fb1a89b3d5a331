#include "low_rank.h"

#include "../variant_registry.h"

#include "../rng.h"
#include "../variants/common.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace atlas::core::analysis {
namespace {

using MatrixXd = Eigen::MatrixXd;

constexpr const char* kHeadFormat = ATLAS_TR_NOOP(
    "CoreErrors", "Head %1 does not exist: the result has %2 head(s), numbered from 0.");
constexpr const char* kSizeFormat = ATLAS_TR_NOOP(
    "CoreErrors",
    "The low-rank analysis of a %1 x %2 weight matrix would take too long; it works up to %3 keys "
    "and %4 million weights.");
/// The SVD is cubic in M (at 4096 keys it takes minutes on a laptop's cores) and the analysis
/// holds N x M doubles.
constexpr Index kMaxKeys = 4096;
constexpr double kMaxEntries = 4096.0 * 4096.0;
constexpr const char* kRankFormat = ATLAS_TR_NOOP(
    "CoreErrors", "The projected length k must be between 1 and the number of keys (%1), not %2.");
constexpr const char* kProjectionFormat =
    ATLAS_TR_NOOP("CoreErrors", "E and F must both be k x %1 (one column per key), not %2 and %3.");
constexpr const char* kInputsFormat = ATLAS_TR_NOOP(
    "CoreErrors",
    "Head %1 of the result does not match the given inputs (Q %2 x %3, K %4 x %5, V %6 x %7).");
constexpr const char* kWidthFormat = ATLAS_TR_NOOP(
    "CoreErrors",
    "Linformer needs queries as wide as the keys, but head %1 has %2 query and %3 key columns.");

/// The head's weights and the slices of Q, K, V it was computed from (see low_rank.h).
struct HeadSlices {
  std::shared_ptr<const Matrix>
      p;           ///< N x M: the result's (not owned), or a sparse result's made dense
  Matrix q, k, v;  ///< N x dh, M x dh, M x dvh
  float scale = 1;
  bool widthsMatch() const { return q.cols() == k.cols(); }
};

}  // namespace

void checkLowRankSize(Index rows, Index cols) {
  if (cols > kMaxKeys || double(rows) * double(cols) > kMaxEntries)
    throw Error(Error::Kind::TooLarge, kSizeFormat,
                {num(rows), num(cols), num(kMaxKeys), num(Index(kMaxEntries / 1e6))});
}

namespace {

HeadSlices headSlices(const VariantResult& r, const Inputs& in, Index head) {
  const Index heads = r.heads();
  if (head < 0 || head >= heads)
    throw Error(Error::Kind::InvalidArgument, kHeadFormat, {num(head), num(heads)});
  checkLowRankSize(r.weightRows(), r.weightCols());
  HeadSlices s;
  if (r.sparse())
    s.p = std::make_shared<const Matrix>(r.sparseHead(head).dense());
  else
    s.p = std::shared_ptr<const Matrix>(&r.weights(head), [](const Matrix*) {});
  const Index n = s.p->rows(), m = s.p->cols();
  auto mismatch = [&] {
    return Error(Error::Kind::ShapeMismatch, kInputsFormat,
                 {num(head), num(in.q.rows()), num(in.q.cols()), num(in.k.rows()), num(in.k.cols()),
                  num(in.v.rows()), num(in.v.cols())});
  };
  if (m != in.k.rows() || m != in.v.rows() || n > in.q.rows() || m == 0 || n == 0) throw mismatch();
  // Paged keeps only the last query row: its P has fewer rows than Q.
  const auto q = in.q.bottomRows(n);
  if (heads == 1) {
    s.q = q;
    s.k = in.k;
    s.v = in.v;
  } else {
    // The columns each head read are the variant's to say (grouped-query heads share groups).
    const Variant* v = findVariant(r.variant);
    if (!v) throw mismatch();
    const InputDims d{in.q.rows(), in.k.rows(), in.q.cols(), in.k.cols(), in.v.cols()};
    const Variant::HeadColumns c = v->headColumns(head, heads, d, r.params);
    if (c.dq < 1 || c.dk < 1 || c.dv < 1 || c.q0 + c.dq > in.q.cols() ||
        c.k0 + c.dk > in.k.cols() || c.v0 + c.dv > in.v.cols())
      throw mismatch();
    s.q = q.middleCols(c.q0, c.dq);
    s.k = in.k.middleCols(c.k0, c.dk);
    s.v = in.v.middleCols(c.v0, c.dv);
  }
  // The linformer variant's own scale: 1 / sqrt(width of its keys), in float.
  s.scale = 1.0f / std::sqrt(float(s.k.cols()));
  return s;
}

/// P V_h in double and its Frobenius norm: the reference every error is relative to.
struct Reference {
  MatrixXd pv;
  double norm = 0;
};

Reference reference(const HeadSlices& s) {
  Reference ref;
  ref.pv = s.p->cast<double>() * s.v.cast<double>();
  ref.norm = ref.pv.norm();
  return ref;
}

double relativeError(const Reference& ref, const MatrixXd& approx) {
  const double diff = (ref.pv - approx).norm();
  return ref.norm > 0 ? diff / ref.norm : diff;
}

/// E (or F) for rank k, as linformer.cpp draws it through paramMatrix: stream `symbol`,
/// entries N(0, 1/k).
Matrix drawProjection(std::uint64_t seed, const char* symbol, Index k, Index m) {
  Rng rng(seed, symbol);
  return rng.normalMatrix(k, m, 1.0 / std::sqrt(double(k)));
}

/// Linformer on the head with projections e, f (k x M). The softmax runs in float exactly as the
/// variant runs it (same kernel), so pPrime matches the variant's P_prime; the output P'(F V) and
/// its error are formed in double. `maps`: also form the implied N x M map P' F.
LinformerAt runLinformer(const HeadSlices& s, const Reference& ref, const Matrix& e,
                         const Matrix& f, bool maps, const CancelToken& cancel) {
  const Matrix kp = e * s.k;  // k x dh
  const Matrix vp = f * s.v;  // k x dvh (the kernel's float output is not used)
  HeadResult h = variants::scaledDotHead(s.q, kp, vp, s.scale, false, cancel);
  LinformerAt out;
  out.k = e.rows();
  const MatrixXd output = h.weights.cast<double>() * (f.cast<double>() * s.v.cast<double>());
  out.error = relativeError(ref, output);
  if (maps) out.implied.noalias() = h.weights * f;
  out.pPrime = std::move(h.weights);
  return out;
}

void requireRank(Index k, Index m) {
  if (k < 1 || k > m) throw Error(Error::Kind::InvalidArgument, kRankFormat, {num(m), num(k)});
}

/// Smallest r with sum_{i<r} s_i^2 >= fraction * sum s_i^2 (slack 1e-12 relative, so r equal
/// values reach fraction (r - 1) / r exactly at r - 1 rather than one later by rounding).
Index energyRank(const Eigen::VectorXd& s, double fraction) {
  const double total = s.squaredNorm();
  if (total <= 0) return 0;
  double sum = 0;
  for (Index i = 0; i < s.size(); ++i) {
    sum += s[i] * s[i];
    if (sum >= fraction * total * (1 - 1e-12)) return i + 1;
  }
  return s.size();
}

double entropyRank(const Eigen::VectorXd& s) {
  const double total = s.sum();
  if (total <= 0) return 0;
  double h = 0;
  for (Index i = 0; i < s.size(); ++i) {
    const double p = s[i] / total;
    if (p > 0) h -= p * std::log(p);
  }
  return std::exp(h);
}

/// Cosine similarity of the columns (M x M, in double). Values within 1e-12 of +-1 snap to +-1
/// so that exact duplicates pass threshold 1; a zero column is 0 with the others, 1 with itself.
MatrixXd columnCosines(const MatrixXd& p) {
  MatrixXd unit = p;
  for (Index j = 0; j < unit.cols(); ++j) {
    const double norm = unit.col(j).norm();
    if (norm > 0) unit.col(j) /= norm;
  }
  MatrixXd c = MatrixXd::Zero(p.cols(), p.cols());
  c.selfadjointView<Eigen::Lower>().rankUpdate(unit.transpose());
  c.triangularView<Eigen::StrictlyUpper>() = c.transpose();
  for (Index j = 0; j < c.cols(); ++j)
    for (Index i = 0; i < c.rows(); ++i) {
      double& x = c(i, j);
      if (i == j || std::abs(x) > 1 - 1e-12) x = i == j || x > 0 ? 1.0 : -1.0;
    }
  return c;
}

/// Greedy in column order: the first unassigned column is the representative; every later
/// unassigned column at least `threshold` similar to it joins. Singletons are not groups.
std::vector<std::vector<Index>> redundantGroups(const MatrixXd& c, double threshold) {
  const Index m = c.cols();
  std::vector<bool> assigned(std::size_t(m), false);
  std::vector<std::vector<Index>> groups;
  for (Index rep = 0; rep < m; ++rep) {
    if (assigned[std::size_t(rep)]) continue;
    assigned[std::size_t(rep)] = true;
    std::vector<Index> group{rep};
    for (Index j = rep + 1; j < m; ++j)
      if (!assigned[std::size_t(j)] && c(rep, j) >= threshold) {
        assigned[std::size_t(j)] = true;
        group.push_back(j);
      }
    if (group.size() >= 2) groups.push_back(std::move(group));
  }
  return groups;
}

std::vector<Index> resolveKs(std::vector<Index> ks, Index m) {
  if (ks.empty()) {
    for (Index k = 1; k < m; k *= 2) ks.push_back(k);
    ks.push_back(m);
  }
  for (Index k : ks) requireRank(k, m);
  std::sort(ks.begin(), ks.end());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  return ks;
}

/// Eckart-Young: the best rank-k approximation of P V leaves the singular values after the k-th.
std::vector<double> bestErrors(const Reference& ref, const std::vector<Index>& ks) {
  const Eigen::VectorXd sigma = Eigen::BDCSVD<MatrixXd>(ref.pv).singularValues();
  const double tol = sigma.size() ? double(std::max(ref.pv.rows(), ref.pv.cols())) *
                                        std::numeric_limits<double>::epsilon() * sigma[0]
                                  : 0;
  const Index rank = (sigma.array() > tol).count();
  std::vector<double> out;
  for (Index k : ks) {
    if (k >= rank || ref.norm <= 0) {
      out.push_back(0);
    } else {
      out.push_back(sigma.tail(sigma.size() - k).norm() / ref.norm);
    }
  }
  return out;
}

/// c of LowRankAnalysis::randomProjectionScale: c^2 = 1 + ||P||^2 ||V||^2 / ||P V||^2 (Frobenius).
/// Entry (i, j) of P R^T R V sums k terms (p_i . r_t)(r_t . v_j) of mean p_i . v_j / k and
/// variance (|p_i|^2 |v_j|^2 + (p_i . v_j)^2) / k^2 (Isserlis), so the squared error's
/// expectation is (||P||^2 ||V||^2 + ||P V||^2) / k.
double projectionScale(const MatrixXd& p, const MatrixXd& v, const Reference& ref) {
  if (ref.norm <= 0) return 0;
  const double ratio = p.norm() * v.norm() / ref.norm;
  return std::sqrt(1 + ratio * ratio);
}

/// Per k: the mean over the draws of the relative error of P R^T R V; every (k, draw) pair in
/// parallel. The products run in float, as the weights are (their error is far below the
/// approximation's, at least c / sqrt(M)), in whichever order costs less: (P R^T)(R V), O(N M k),
/// for k below about dvh, P (R^T (R V)), O(N M dvh), above; never an N x M product.
std::vector<double> randomProjectionErrors(const Matrix& p, const Matrix& v, const Reference& ref,
                                           std::uint64_t seed, const std::vector<Index>& ks,
                                           const CancelToken& cancel) {
  constexpr std::size_t draws = kRandomProjectionDraws;
  const double n = double(p.rows()), m = double(p.cols()), dv = double(v.cols());
  std::vector<double> errors(ks.size() * draws);
  tbb::parallel_for(std::size_t{0}, errors.size(), [&](std::size_t t) {
    cancel.throwIfCancelled();
    const Index k = ks[t / draws];
    const Matrix r = randomProjection(seed, int(t % draws), k, p.cols());
    const Matrix rv = r * v;  // k x dvh
    const bool projectFirst =
        n * m * double(k) + n * double(k) * dv < m * double(k) * dv + n * m * dv;
    const Matrix approx =
        projectFirst ? Matrix((p * r.transpose()) * rv) : Matrix(p * (r.transpose() * rv));
    errors[t] = relativeError(ref, approx.cast<double>());
  });
  std::vector<double> out(ks.size(), 0);
  for (std::size_t t = 0; t < errors.size(); ++t) out[t / draws] += errors[t] / double(draws);
  return out;
}

}  // namespace

Matrix randomProjection(std::uint64_t seed, int draw, Index k, Index m) {
  std::string stream = "R";
  stream.append(std::to_string(draw));
  Rng rng(seed, stream);
  return rng.normalMatrix(k, m, 1.0 / std::sqrt(double(k)));
}

LinformerAt linformerAt(const VariantResult& r, const Inputs& in, Index head, const Matrix& e,
                        const Matrix& f, const CancelToken& cancel) {
  const HeadSlices s = headSlices(r, in, head);
  const Index m = s.p->cols();
  if (e.cols() != m || f.cols() != m || e.rows() != f.rows() || e.rows() < 1) {
    auto shape = [](const Matrix& x) { return num(x.rows()) + " x " + num(x.cols()); };
    throw Error(Error::Kind::ShapeMismatch, kProjectionFormat, {num(m), shape(e), shape(f)});
  }
  if (!s.widthsMatch())
    throw Error(Error::Kind::ShapeMismatch, kWidthFormat,
                {num(head), num(s.q.cols()), num(s.k.cols())});
  cancel.throwIfCancelled();
  return runLinformer(s, reference(s), e, f, true, cancel);
}

bool sharesEF(const VariantResult& r) {
  const Variant* v = findVariant(r.variant);
  return !v || v->linformerSharesEF(r.params);
}

LinformerAt linformerAt(const VariantResult& r, const Inputs& in, Index head, Index k, bool shareEF,
                        const CancelToken& cancel) {
  const HeadSlices s = headSlices(r, in, head);
  const Index m = s.p->cols();
  requireRank(k, m);
  const Matrix e = drawProjection(r.params.seed, "E", k, m);
  return linformerAt(r, in, head, e, shareEF ? e : drawProjection(r.params.seed, "F", k, m),
                     cancel);
}

LowRankAnalysis analyzeLowRank(const VariantResult& r, const Inputs& in,
                               const LowRankOptions& options, const CancelToken& cancel) {
  const HeadSlices s = headSlices(r, in, options.head);
  LowRankAnalysis a;
  a.head = options.head;
  a.n = s.p->rows();
  a.m = s.p->cols();
  a.threshold = options.threshold;
  a.ks = resolveKs(options.ks, a.m);
  // A linformer result is analysed with its own choice of F; everything else with F = E.
  const bool share = sharesEF(r);
  const std::uint64_t seed = r.params.seed;
  cancel.throwIfCancelled();

  const MatrixXd p = s.p->cast<double>();
  const MatrixXd v = s.v.cast<double>();
  const Reference ref = reference(s);
  a.linformerError.assign(a.ks.size(), std::numeric_limits<double>::quiet_NaN());
  a.randomProjectionScale = projectionScale(p, v, ref);
  // Four independent parts; each is long at N = M = 1024, so they run side by side.
  tbb::parallel_invoke(
      [&] {
        a.singularValues = Eigen::BDCSVD<MatrixXd>(p).singularValues();
        a.rank90 = energyRank(a.singularValues, 0.90);
        a.rank99 = energyRank(a.singularValues, 0.99);
        a.entropyRank = entropyRank(a.singularValues);
      },
      [&] {
        cancel.throwIfCancelled();
        const MatrixXd c = columnCosines(p);
        a.redundantGroups = redundantGroups(c, options.threshold);
        a.columnSimilarity = c.cast<float>();
      },
      [&] {
        a.bestError = bestErrors(ref, a.ks);
        if (!s.widthsMatch()) return;  // Linformer's scores are undefined: errors stay NaN
        tbb::parallel_for(std::size_t{0}, a.ks.size(), [&](std::size_t i) {
          cancel.throwIfCancelled();
          const Index k = a.ks[i];
          const Matrix e = drawProjection(seed, "E", k, a.m);
          const Matrix f = share ? e : drawProjection(seed, "F", k, a.m);
          a.linformerError[i] = runLinformer(s, ref, e, f, false, cancel).error;
        });
      },
      [&] {
        a.randomProjectionError = randomProjectionErrors(*s.p, s.v, ref, seed, a.ks, cancel);
      });
  cancel.throwIfCancelled();
  return a;
}

}  // namespace atlas::core::analysis
