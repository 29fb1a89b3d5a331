// Independent reference implementations for the tests: plain loops straight from docs/variants.md,
// templated on the scalar so the same formula runs in double (the reference) and in float (to
// measure how much merely reordering float operations moves the result: the earned tolerance).
// Nothing here calls the core's kernels.
#pragma once

#include "core/variant.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace ref {

template <typename T>
using Mat = std::vector<std::vector<T>>;

template <typename T>
Mat<T> toMat(const atlas::core::Matrix& m) {
  Mat<T> out(m.rows(), std::vector<T>(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) out[i][j] = static_cast<T>(m(i, j));
  return out;
}

/// Result of one head: P (n x m) and O (n x dv).
template <typename T>
struct Head {
  Mat<T> p, o;
};

/// softmax over allowed keys (row max subtracted) of raw scores, then P V. A key is allowed when
/// the causal rule lets it (j <= i) and it lies before `valid` (a padding mask, d2l's valid
/// length).
template <typename T>
Head<T> softmaxAttend(const Mat<T>& scores, const Mat<T>& v, bool causal,
                      std::size_t valid = std::numeric_limits<std::size_t>::max()) {
  const std::size_t n = scores.size(), m = v.size(), dv = v.empty() ? 0 : v[0].size();
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(dv, 0))};
  for (std::size_t i = 0; i < n; ++i) {
    T mx = -std::numeric_limits<T>::infinity();
    for (std::size_t j = 0; j < m; ++j)
      if ((!causal || j <= i) && j < valid) mx = std::max(mx, scores[i][j]);
    T sum = 0;
    for (std::size_t j = 0; j < m; ++j)
      if ((!causal || j <= i) && j < valid) sum += (h.p[i][j] = std::exp(scores[i][j] - mx));
    for (std::size_t j = 0; j < m; ++j) h.p[i][j] /= sum;
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t c = 0; c < dv; ++c) h.o[i][c] += h.p[i][j] * v[j][c];
  }
  return h;
}

/// Columns [c0, c0 + w) of a matrix.
template <typename T>
Mat<T> cols(const Mat<T>& a, std::size_t c0, std::size_t w) {
  Mat<T> out(a.size(), std::vector<T>(w));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t c = 0; c < w; ++c) out[i][c] = a[i][c0 + c];
  return out;
}

template <typename T>
Mat<T> scores(std::size_t n, std::size_t m, const std::function<T(std::size_t, std::size_t)>& f) {
  Mat<T> s(n, std::vector<T>(m));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j) s[i][j] = f(i, j);
  return s;
}

template <typename T>
T dot(const std::vector<T>& a, const std::vector<T>& b) {
  T s = 0;
  for (std::size_t c = 0; c < a.size(); ++c) s += a[c] * b[c];
  return s;
}

/// q_i . k_j * scale (default 1 / sqrt(dk)), keys from `valid` on masked (padding)
template <typename T>
Head<T> scaledDot(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, bool causal,
                  std::size_t valid = std::numeric_limits<std::size_t>::max(), T scale = 0) {
  if (scale == 0) scale = T(1) / std::sqrt(T(k[0].size()));
  return softmaxAttend(
      scores<T>(q.size(), k.size(), [&](auto i, auto j) { return dot(q[i], k[j]) * scale; }), v,
      causal, valid);
}

/// -||q_i - k_j||^2 * scale / 2: the naive squared distance, not the key-norm shortcut.
template <typename T>
Head<T> distance(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, bool causal) {
  const T scale = T(1) / std::sqrt(T(k[0].size()));
  return softmaxAttend(scores<T>(q.size(), k.size(),
                                 [&](auto i, auto j) {
                                   T d2 = 0;
                                   for (std::size_t c = 0; c < q[i].size(); ++c)
                                     d2 += (q[i][c] - k[j][c]) * (q[i][c] - k[j][c]);
                                   return -d2 * scale / 2;
                                 }),
                       v, causal);
}

/// w_v . tanh(W_q^T q_i + W_k^T k_j)
template <typename T>
Head<T> additive(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, const Mat<T>& wq,
                 const Mat<T>& wk, const Mat<T>& wv, bool causal) {
  const std::size_t hidden = wv.size();
  return softmaxAttend(scores<T>(q.size(), k.size(),
                                 [&](auto i, auto j) {
                                   T s = 0;
                                   for (std::size_t h = 0; h < hidden; ++h) {
                                     T a = 0;
                                     for (std::size_t c = 0; c < q[i].size(); ++c)
                                       a += wq[c][h] * q[i][c];
                                     for (std::size_t c = 0; c < k[j].size(); ++c)
                                       a += wk[c][h] * k[j][c];
                                     s += wv[h][0] * std::tanh(a);
                                   }
                                   return s;
                                 }),
                       v, causal);
}

/// q_i^T W k_j / sqrt(dk)
template <typename T>
Head<T> bilinear(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, const Mat<T>& w, bool causal) {
  const T scale = T(1) / std::sqrt(T(k[0].size()));
  return softmaxAttend(scores<T>(q.size(), k.size(),
                                 [&](auto i, auto j) {
                                   T s = 0;
                                   for (std::size_t a = 0; a < q[i].size(); ++a)
                                     for (std::size_t b = 0; b < k[j].size(); ++b)
                                       s += q[i][a] * w[a][b] * k[j][b];
                                   return s * scale;
                                 }),
                       v, causal);
}

/// h query heads over g key/value groups (g = h: multi-head). Returns one Head per query head;
/// the output of head a occupies columns [a dvh, (a+1) dvh) of O.
template <typename T>
std::vector<Head<T>> grouped(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, std::size_t h,
                             std::size_t g, bool causal) {
  const std::size_t dh = q[0].size() / h, dvh = v[0].size() / g;
  std::vector<Head<T>> heads;
  for (std::size_t a = 0; a < h; ++a) {
    const std::size_t grp = a / (h / g);
    heads.push_back(
        scaledDot(cols(q, a * dh, dh), cols(k, grp * dh, dh), cols(v, grp * dvh, dvh), causal));
  }
  return heads;
}

/// Largest |a - b| over the weights of every head and the output: a from `heads`, or from the
/// engine's result `r` when `heads` is empty; b from `exact`.
template <typename T>
double maxError(const atlas::core::VariantResult& r, const std::vector<Head<T>>& heads,
                const std::vector<Head<double>>& exact) {
  double err = 0;
  for (std::size_t a = 0; a < exact.size(); ++a) {
    const std::size_t dvh = exact[a].o[0].size();
    for (std::size_t i = 0; i < exact[a].p.size(); ++i) {
      for (std::size_t j = 0; j < exact[a].p[i].size(); ++j) {
        const double got = heads.empty()
                               ? r.weight(Eigen::Index(a), Eigen::Index(i), Eigen::Index(j))
                               : double(heads[a].p[i][j]);
        err = std::max(err, std::abs(got - exact[a].p[i][j]));
      }
      for (std::size_t c = 0; c < dvh; ++c) {
        const double got = heads.empty() ? r.output(i, a * dvh + c) : double(heads[a].o[i][c]);
        err = std::max(err, std::abs(got - exact[a].o[i][c]));
      }
    }
  }
  return err;
}

/// The result with N x M weights, masks and components (a sparse result made dense), for tests
/// that compare entry by entry.
inline std::shared_ptr<const atlas::core::VariantResult> dense(
    std::shared_ptr<const atlas::core::VariantResult> r) {
  if (!r || !r->sparse()) return r;
  auto d = std::make_shared<atlas::core::VariantResult>(*r);
  d->makeDense();
  return d;
}

/// The earned tolerance: twice what the same formula in plain float loops gets wrong, with a
/// floor of 8 float ulps for cases where those loops happen to be almost exact.
inline double earnedTolerance(double floatError) {
  return std::max(2.0 * floatError, 8.0 * std::numeric_limits<float>::epsilon());
}

}  // namespace ref
