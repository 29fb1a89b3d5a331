// Independent references for the data-dependent (lsh, kmeans, sinkhorn) and fewer-keys
// (linformer, compressed) variants: plain loops straight from docs/variants.md, in the style of
// reference.h. The discrete decisions (buckets, clusters, routing) are made in double and also
// report their smallest margin, so a test can tell a true decision from a near tie that
// rounding could flip. Attention itself is templated on the scalar for the earned tolerance.
#pragma once

#include "reference.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace ref {

using Mask = std::vector<std::vector<std::uint8_t>>;

/// A discrete assignment and the smallest gap between the winner and the runner-up seen while
/// making it (infinity when there was never a choice).
struct Assignment {
  std::vector<int> q, k;
  double margin = std::numeric_limits<double>::infinity();
};

inline std::vector<double> unit(const std::vector<double>& x) {
  double n2 = 0;
  for (double a : x) n2 += a * a;
  const double n = std::sqrt(n2);
  std::vector<double> u = x;
  if (n > 0)
    for (double& a : u) a /= n;
  return u;
}

/// Reformer hash: argmax of [uR, -uR] (first on ties) of u = x/||x||; a zero row hashes to 0.
inline int lshHash(const std::vector<double>& x, const Mat<double>& r, double* margin) {
  const std::vector<double> u = unit(x);
  const std::size_t half = r[0].size();
  std::vector<double> cand(2 * half);
  for (std::size_t t = 0; t < half; ++t) {
    double s = 0;
    for (std::size_t c = 0; c < u.size(); ++c) s += u[c] * r[c][t];
    cand[t] = s;
    cand[t + half] = -s;
  }
  std::size_t best = 0;
  for (std::size_t t = 1; t < cand.size(); ++t)
    if (cand[t] > cand[best]) best = t;
  double second = -std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < cand.size(); ++t)
    if (t != best) second = std::max(second, cand[t]);
  const bool zero = std::all_of(u.begin(), u.end(), [](double a) { return a == 0; });
  if (!zero) *margin = std::min(*margin, cand[best] - second);
  return int(best);
}

inline Assignment lsh(const Mat<double>& q, const Mat<double>& k, const Mat<double>& r) {
  Assignment a;
  for (const auto& row : q) a.q.push_back(lshHash(row, r, &a.margin));
  for (const auto& row : k) a.k.push_back(lshHash(row, r, &a.margin));
  return a;
}

/// Lloyd's k-means on the unit rows of [Q; K] from K's rows at floor(t M / c); the margin is
/// taken against the nearest centroid that differs from the winner (identical centroids tie
/// identically everywhere, so they are not near ties).
inline Assignment kmeans(const Mat<double>& q, const Mat<double>& k, std::size_t c, int iters) {
  Mat<double> x;
  for (const auto& row : q) x.push_back(unit(row));
  for (const auto& row : k) x.push_back(unit(row));
  const std::size_t n = q.size(), m = k.size(), d = k[0].size();
  Mat<double> cent;
  for (std::size_t t = 0; t < c; ++t) cent.push_back(x[n + t * m / c]);
  Assignment out;
  std::vector<int> cl(x.size());
  auto assignAll = [&] {
    for (std::size_t i = 0; i < x.size(); ++i) {
      std::vector<double> dist(c);
      for (std::size_t t = 0; t < c; ++t) {
        double s = 0;
        for (std::size_t e = 0; e < d; ++e) s += (x[i][e] - cent[t][e]) * (x[i][e] - cent[t][e]);
        dist[t] = s;
      }
      std::size_t best = 0;
      for (std::size_t t = 1; t < c; ++t)
        if (dist[t] < dist[best]) best = t;
      for (std::size_t t = 0; t < c; ++t)
        if (cent[t] != cent[best]) out.margin = std::min(out.margin, dist[t] - dist[best]);
      cl[i] = int(best);
    }
  };
  assignAll();
  for (int step = 0; step < iters; ++step) {
    Mat<double> sum(c, std::vector<double>(d, 0));
    std::vector<std::size_t> count(c, 0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      for (std::size_t e = 0; e < d; ++e) sum[cl[i]][e] += x[i][e];
      ++count[cl[i]];
    }
    for (std::size_t t = 0; t < c; ++t)
      if (count[t] > 0)
        for (std::size_t e = 0; e < d; ++e) cent[t][e] = sum[t][e] / double(count[t]);
    assignAll();
  }
  out.q.assign(cl.begin(), cl.begin() + long(n));
  out.k.assign(cl.begin() + long(n), cl.end());
  return out;
}

/// allowed iff same bucket or j == i (i < M), and j <= i when causal.
inline Mask bucketMask(const Assignment& a, bool causal) {
  const std::size_t n = a.q.size(), m = a.k.size();
  Mask mask(n, std::vector<std::uint8_t>(m, 0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      mask[i][j] = (a.q[i] == a.k[j] || i == j) && (!causal || j <= i);
  return mask;
}

struct Routing {
  std::vector<int> pi;  ///< per query block
  Mat<double> l;        ///< the balanced block scores
  double margin = std::numeric_limits<double>::infinity();
};

inline Mat<double> blockMeans(const Mat<double>& x, std::size_t b) {
  Mat<double> out;
  for (std::size_t r0 = 0; r0 < x.size(); r0 += b) {
    const std::size_t len = std::min(b, x.size() - r0);
    std::vector<double> mean(x[0].size(), 0);
    for (std::size_t r = r0; r < r0 + len; ++r)
      for (std::size_t c = 0; c < mean.size(); ++c) mean[c] += x[r][c];
    for (double& v : mean) v /= double(len);
    out.push_back(mean);
  }
  return out;
}

/// Sinkhorn balancing of L = (Bq Bk^T * scale) / tau in log space, then the row argmax; with
/// `other`, over the key blocks other than the row's own (unless it is the only one).
inline Routing sinkhorn(const Mat<double>& q, const Mat<double>& k, std::size_t b, int iters,
                        double tau, bool other) {
  const Mat<double> bq = blockMeans(q, b), bk = blockMeans(k, b);
  const std::size_t nq = bq.size(), nk = bk.size();
  const double scale = 1.0 / std::sqrt(double(k[0].size()));
  Routing r;
  r.l.assign(nq, std::vector<double>(nk));
  for (std::size_t a = 0; a < nq; ++a)
    for (std::size_t c = 0; c < nk; ++c) r.l[a][c] = dot(bq[a], bk[c]) * scale / tau;
  auto lse = [](const std::vector<double>& v) {
    const double mx = *std::max_element(v.begin(), v.end());
    double s = 0;
    for (double x : v) s += std::exp(x - mx);
    return mx + std::log(s);
  };
  for (int round = 0; round < iters; ++round) {
    for (auto& row : r.l) {
      const double z = lse(row);
      for (double& x : row) x -= z;
    }
    for (std::size_t c = 0; c < nk; ++c) {
      std::vector<double> col(nq);
      for (std::size_t a = 0; a < nq; ++a) col[a] = r.l[a][c];
      const double z = lse(col);
      for (std::size_t a = 0; a < nq; ++a) r.l[a][c] -= z;
    }
  }
  for (std::size_t a = 0; a < nq; ++a) {
    const auto& row = r.l[a];
    const bool skip = other && a < nk && nk > 1;  // the own block is no candidate
    std::size_t best = nk;
    for (std::size_t c = 0; c < nk; ++c)
      if (!(skip && c == a) && (best == nk || row[c] > row[best])) best = c;
    for (std::size_t c = 0; c < nk; ++c)
      if (c != best && !(skip && c == a)) r.margin = std::min(r.margin, row[best] - row[c]);
    r.pi.push_back(int(best));
  }
  return r;
}

/// allowed iff block(j) == block(i) or block(j) == pi(block(i)), and j <= i when causal.
inline Mask sinkhornMask(const Routing& r, std::size_t n, std::size_t m, std::size_t b,
                         bool causal) {
  Mask mask(n, std::vector<std::uint8_t>(m, 0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      mask[i][j] = (j / b == i / b || int(j / b) == r.pi[i / b]) && (!causal || j <= i);
  return mask;
}

/// softmax(q k^T * scale) over the allowed pairs only (row max subtracted), then P V; a row
/// without an allowed key stays zero.
template <typename T>
Head<T> maskedScaledDot(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, const Mask& mask) {
  const std::size_t n = q.size(), m = k.size(), dv = v[0].size();
  const T scale = T(1) / std::sqrt(T(k[0].size()));
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(dv, 0))};
  for (std::size_t i = 0; i < n; ++i) {
    T mx = -std::numeric_limits<T>::infinity();
    for (std::size_t j = 0; j < m; ++j)
      if (mask[i][j]) mx = std::max(mx, dot(q[i], k[j]) * scale);
    T sum = 0;
    for (std::size_t j = 0; j < m; ++j)
      if (mask[i][j]) sum += (h.p[i][j] = std::exp(dot(q[i], k[j]) * scale - mx));
    for (std::size_t j = 0; j < m; ++j) {
      if (!mask[i][j]) continue;
      h.p[i][j] /= sum;
      for (std::size_t c = 0; c < dv; ++c) h.o[i][c] += h.p[i][j] * v[j][c];
    }
  }
  return h;
}

template <typename T>
Mat<T> matmul(const Mat<T>& a, const Mat<T>& b) {
  Mat<T> out(a.size(), std::vector<T>(b[0].size(), 0));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t t = 0; t < b.size(); ++t)
      for (std::size_t j = 0; j < b[0].size(); ++j) out[i][j] += a[i][t] * b[t][j];
  return out;
}

/// A head that attends over projected or pooled keys: the implied N x M map in p, O in o, and
/// the N x k weights over the shortened keys.
template <typename T>
struct ShortHead {
  Head<T> head;
  Mat<T> pPrime;
};

/// Linformer: K' = E K, V' = F V, P' = softmax(Q K'^T * scale), O = P' V', implied map P' F.
template <typename T>
ShortHead<T> linformer(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, const Mat<T>& e,
                       const Mat<T>& f) {
  const Mat<T> kp = matmul(e, k), vp = matmul(f, v);
  ShortHead<T> s;
  s.head = scaledDot(q, kp, vp, false);
  s.pPrime = s.head.p;
  s.head.p = matmul(s.pPrime, f);
  return s;
}

/// Memory-compressed attention: mean-pool K and V over windows of c rows, softmax over the
/// ceil(M/c) pooled keys; the implied weight of key j is P'[i, j/c] / |window(j)|.
template <typename T>
ShortHead<T> compressed(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, std::size_t c) {
  auto pool = [&](const Mat<T>& x) {
    Mat<T> out;
    for (std::size_t r0 = 0; r0 < x.size(); r0 += c) {
      const std::size_t len = std::min(c, x.size() - r0);
      std::vector<T> mean(x[0].size(), 0);
      for (std::size_t r = r0; r < r0 + len; ++r)
        for (std::size_t e = 0; e < mean.size(); ++e) mean[e] += x[r][e];
      for (T& a : mean) a /= T(len);
      out.push_back(mean);
    }
    return out;
  };
  ShortHead<T> s;
  s.head = scaledDot(q, pool(k), pool(v), false);
  s.pPrime = s.head.p;
  const std::size_t m = k.size();
  s.head.p.assign(q.size(), std::vector<T>(m));
  for (std::size_t i = 0; i < q.size(); ++i)
    for (std::size_t j = 0; j < m; ++j)
      s.head.p[i][j] = s.pPrime[i][j / c] / T(std::min(c, m - (j / c) * c));
  return s;
}

}  // namespace ref
