// Independent references for the reordered, not-from-QK and schedule variants (linear,
// performer, synthesizer_dense, synthesizer_random, aft; flash and paged use ref::scaledDot):
// plain loops straight from docs/variants.md, templated on the scalar like reference.h. The
// feature-map variants are computed here in the quadratic order (phi(Q) phi(K)^T) V, the opposite
// of the core.
#pragma once

#include "reference.h"

#include <algorithm>

namespace ref {

/// P[i,j] = phi(q_i).phi(k_j) / sum_j' phi(q_i).phi(k_j') over allowed keys, O = P V.
template <typename T>
Head<T> featureMap(const Mat<T>& phiQ, const Mat<T>& phiK, const Mat<T>& v, bool causal) {
  const std::size_t n = phiQ.size(), m = phiK.size(), dv = v[0].size();
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(dv, 0))};
  for (std::size_t i = 0; i < n; ++i) {
    T sum = 0;
    for (std::size_t j = 0; j < m; ++j)
      if (!causal || j <= i) sum += (h.p[i][j] = dot(phiQ[i], phiK[j]));
    for (std::size_t j = 0; j < m; ++j) {
      h.p[i][j] /= sum;
      for (std::size_t c = 0; c < dv; ++c) h.o[i][c] += h.p[i][j] * v[j][c];
    }
  }
  return h;
}

/// linear: phi(x) = elu(x) + 1.
template <typename T>
Head<T> linear(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, bool causal) {
  auto phi = [](Mat<T> x) {
    for (auto& row : x)
      for (T& e : row) e = e > 0 ? e + 1 : std::exp(e);
    return x;
  };
  return featureMap(phi(q), phi(k), v, causal);
}

/// performer: x' = x / dk^(1/4), phi(x) = exp(W x' - ||x'||^2 / 2) / sqrt(m), no stabiliser.
template <typename T>
Head<T> performer(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, const Mat<T>& w, bool causal) {
  const std::size_t f = w.size(), dk = w[0].size();
  auto phi = [&](const Mat<T>& x) {
    Mat<T> out(x.size(), std::vector<T>(f));
    for (std::size_t i = 0; i < x.size(); ++i) {
      std::vector<T> xs(dk);
      T norm2 = 0;
      for (std::size_t c = 0; c < dk; ++c) {
        xs[c] = x[i][c] / std::pow(T(dk), T(0.25));
        norm2 += xs[c] * xs[c];
      }
      for (std::size_t r = 0; r < f; ++r)
        out[i][r] = std::exp(dot(w[r], xs) - norm2 / 2) / std::sqrt(T(f));
    }
    return out;
  };
  return featureMap(phi(q), phi(k), v, causal);
}

/// synthesizer_dense: S[i,:] = W2^T relu(W1^T q_i), softmax, P V.
template <typename T>
Head<T> synthesizerDense(const Mat<T>& q, const Mat<T>& v, const Mat<T>& w1, const Mat<T>& w2,
                         bool causal) {
  const std::size_t d = w1.size(), m = v.size();
  Mat<T> s(q.size(), std::vector<T>(m, 0));
  for (std::size_t i = 0; i < q.size(); ++i) {
    std::vector<T> h(d, 0);
    for (std::size_t a = 0; a < d; ++a) {
      for (std::size_t c = 0; c < d; ++c) h[a] += w1[c][a] * q[i][c];
      h[a] = std::max(h[a], T(0));
    }
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t a = 0; a < d; ++a) s[i][j] += w2[a][j] * h[a];
  }
  return softmaxAttend(s, v, causal);
}

/// aft with span s (already resolved): allowed iff |i - j| <= s (and j <= i when causal);
/// O[i,c] = sigmoid(q_ic) sum_j exp(k_jc) v_jc / sum_j exp(k_jc) over allowed j;
/// P[i,j] = mean_c exp(k_jc) / sum_j' exp(k_j'c). No max subtracted: the plain formula.
template <typename T>
Head<T> aft(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, long s, bool causal) {
  const std::size_t n = q.size(), m = k.size(), d = k[0].size();
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(d, 0))};
  auto allowed = [&](long i, long j) { return std::abs(i - j) <= s && (!causal || j <= i); };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t c = 0; c < d; ++c) {
      T num = 0, den = 0;
      for (std::size_t j = 0; j < m; ++j)
        if (allowed(long(i), long(j))) {
          den += std::exp(k[j][c]);
          num += std::exp(k[j][c]) * v[j][c];
        }
      h.o[i][c] = num / den / (1 + std::exp(-q[i][c]));
      for (std::size_t j = 0; j < m; ++j)
        if (allowed(long(i), long(j))) h.p[i][j] += std::exp(k[j][c]) / den / T(d);
    }
  return h;
}

}  // namespace ref
