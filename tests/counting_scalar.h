// The counting scalar of tests/test_cost_model.cpp and the shared pieces of its references:
// which pairs a head evaluates, the softmax attention every dense and sparse formula describes,
// and the cheap order of linear attention and Performer. Counting conventions: see the test.
#pragma once

#include "reference_sparse_variants.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

using namespace atlas::core;

namespace {

// ---- The counting scalar ---------------------------------------------------------------------

struct Ops {
  double flops = 0, exps = 0;
};
Ops g_ops;  // what instrumented code did since the last reset (the tests run on one thread)

/// A double whose arithmetic is counted in g_ops. Constants convert into it for free.
struct Num {
  double v = 0;
  Num() = default;
  Num(double x) : v(x) {}  // NOLINT(google-explicit-constructor)
};
Num operator+(Num a, Num b) {
  ++g_ops.flops;
  return a.v + b.v;
}
Num operator-(Num a, Num b) {
  ++g_ops.flops;
  return a.v - b.v;
}
Num operator*(Num a, Num b) {
  ++g_ops.flops;
  return a.v * b.v;
}
Num operator/(Num a, Num b) {
  ++g_ops.flops;
  return a.v / b.v;
}
Num operator-(Num a) {
  ++g_ops.flops;
  return -a.v;
}
Num& operator+=(Num& a, Num b) { return a = a + b; }
Num& operator-=(Num& a, Num b) { return a = a - b; }
Num& operator*=(Num& a, Num b) { return a = a * b; }
bool operator<(Num a, Num b) { return a.v < b.v; }  // comparisons are free
bool operator>(Num a, Num b) { return a.v > b.v; }
Num maxOf(Num a, Num b) { return a.v < b.v ? b : a; }
Num exp(Num a) {
  ++g_ops.exps;
  return std::exp(a.v);
}
Num tanh(Num a) {
  ++g_ops.exps;
  return std::tanh(a.v);
}
Num log(Num a) {
  ++g_ops.exps;
  return std::log(a.v);
}
Num sqrt(Num a) {
  ++g_ops.flops;
  return std::sqrt(a.v);
}
const Num kMinusInf = -std::numeric_limits<double>::infinity();

using Vec = std::vector<Num>;
using Mat = std::vector<Vec>;
using Keys = std::vector<std::vector<long>>;  ///< per query row, the keys it evaluates

Mat toNum(const Matrix& a) {
  Mat out(a.rows(), Vec(a.cols()));
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) out[i][j] = double(a(i, j));
  return out;
}
Mat zeros(long rows, long cols) { return Mat(rows, Vec(cols, 0.0)); }
Mat cols(const Mat& a, long c0, long w) {
  Mat out(a.size(), Vec(w));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (long c = 0; c < w; ++c) out[i][c] = a[i][c0 + c];
  return out;
}
void putCols(Mat& dst, const Mat& src, long c0) {
  for (std::size_t i = 0; i < src.size(); ++i)
    for (std::size_t c = 0; c < src[i].size(); ++c) dst[i][c0 + c] = src[i][c];
}
long width(const Mat& a) { return a.empty() ? 0 : long(a[0].size()); }
Num dot(const Vec& a, const Vec& b) {
  Num s = 0.0;
  for (std::size_t c = 0; c < a.size(); ++c) s += a[c] * b[c];
  return s;
}
/// A B, each entry a dot product of length a's width.
Mat matmul(const Mat& a, const Mat& b) {
  Mat out = zeros(long(a.size()), width(b));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (long c = 0; c < width(b); ++c)
      for (std::size_t t = 0; t < b.size(); ++t) out[i][c] += a[i][t] * b[t][c];
  return out;
}

// ---- Which pairs a head evaluates ------------------------------------------------------------

long allowedEnd(long i, long m, bool causal) { return causal ? std::min(i + 1, m) : m; }

Keys denseKeys(long n, long m, bool causal) {
  Keys keys(n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < allowedEnd(i, m, causal); ++j) keys[i].push_back(j);
  return keys;
}
Keys patternKeys(long n, long m, bool causal, const ref::PatternFn& f) {
  Keys keys(n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < m; ++j)
      if (ref::allowed(f, i, j, causal)) keys[i].push_back(j);
  return keys;
}
Keys maskKeys(const MaskMatrix& mask) {
  Keys keys(mask.rows());
  for (Index i = 0; i < mask.rows(); ++i)
    for (Index j = 0; j < mask.cols(); ++j)
      if (mask(i, j)) keys[i].push_back(long(j));
  return keys;
}
double pairCount(const Keys& keys) {
  double s = 0;
  for (const auto& row : keys) s += double(row.size());
  return s;
}

// ---- The softmax attention every dense and sparse formula describes --------------------------

using ScoreFn = std::function<Num(long i, long j)>;

/// Per evaluated pair: the raw score, x scale (when scaled), - row max, exp, + row sum,
/// / row sum, and P V (2 dv). `multiplicity` (dilated): exp(s) counts that many times, one
/// multiply for a pair whose multiplicity exceeds 1. A row without keys stays zero.
Mat attend(const Keys& keys, const ScoreFn& score, std::optional<double> scale, const Mat& v,
           const std::function<int(long, long)>& multiplicity = {}) {
  Mat o = zeros(long(keys.size()), width(v));
  for (long i = 0; i < long(keys.size()); ++i) {
    const auto& ks = keys[i];
    if (ks.empty()) continue;
    Vec s;
    for (long j : ks) s.push_back(scale ? score(i, j) * *scale : score(i, j));
    Num mx = kMinusInf;
    for (const Num& x : s) mx = maxOf(mx, x);
    Vec e;
    Num sum = 0.0;
    for (std::size_t t = 0; t < ks.size(); ++t) {
      Num x = exp(s[t] - mx);
      if (multiplicity && multiplicity(i, ks[t]) > 1) x *= double(multiplicity(i, ks[t]));
      e.push_back(x);
      sum += x;
    }
    for (std::size_t t = 0; t < ks.size(); ++t) {
      const Num p = e[t] / sum;
      for (long c = 0; c < width(v); ++c) o[i][c] += p * v[ks[t]][c];
    }
  }
  return o;
}

Mat dotAttend(const Mat& q, const Mat& k, const Mat& v, const Keys& keys) {
  return attend(
      keys, [&](long i, long j) { return dot(q[i], k[j]); }, 1.0 / std::sqrt(double(width(k))), v);
}

/// h query heads over g key/value groups (g = h: multi-head, or a sparse pattern per head).
Mat headsAttend(const Mat& q, const Mat& k, const Mat& v, long h, long g,
                const std::function<Keys(long head)>& keysOf) {
  const long dh = width(q) / h, dvh = width(v) / g;
  Mat o = zeros(long(q.size()), h * dvh);
  for (long a = 0; a < h; ++a) {
    const long grp = a / (h / g);
    putCols(
        o,
        dotAttend(cols(q, a * dh, dh), cols(k, grp * dh, dh), cols(v, grp * dvh, dvh), keysOf(a)),
        a * dvh);
  }
  return o;
}

// ---- The cheap order of linear and performer (feature_map_attention.h) -----------------------

/// O_i = phi(q_i) S / phi(q_i) . z, S = sum phi(k_j)^T v_j, z = sum phi(k_j); causal: the
/// sums over j <= i, as prefix sums over <= 32 chunks of rows: pass 1 sums the keys of every
/// chunk but the last, an exclusive scan (chunks - 1 adds of the f x (dv + 1) state) gives each
/// chunk its start, pass 2 folds key i in before reading row i.
Mat cheapOrder(const Mat& phiQ, const Mat& phiK, const Mat& v, bool causal) {
  const long n = long(phiQ.size()), m = long(phiK.size()), f = width(phiQ), dv = width(v);
  Mat o = zeros(n, dv);
  auto fold = [&](Mat& s, Vec& z, long j) {
    for (long t = 0; t < f; ++t) {
      for (long c = 0; c < dv; ++c) s[t][c] += phiK[j][t] * v[j][c];
      z[t] += phiK[j][t];
    }
  };
  auto finish = [&](long i, const Mat& s, const Vec& z) {
    Vec num(dv, 0.0);
    for (long c = 0; c < dv; ++c)
      for (long t = 0; t < f; ++t) num[c] += phiQ[i][t] * s[t][c];
    const Num den = dot(phiQ[i], z);
    if (den > 0.0)
      for (long c = 0; c < dv; ++c) o[i][c] = num[c] / den;
  };
  if (!causal) {
    Mat s = zeros(f, dv);
    Vec z(f, 0.0);
    for (long j = 0; j < m; ++j) fold(s, z, j);
    for (long i = 0; i < n; ++i) finish(i, s, z);
    return o;
  }
  const long chunks = std::clamp<long>((n + 63) / 64, 1, 32), len = (n + chunks - 1) / chunks;
  std::vector<Mat> total(chunks, zeros(f, dv));
  std::vector<Vec> ztotal(chunks, Vec(f, 0.0));
  for (long c = 0; c + 1 < chunks; ++c)  // pass 1: the last chunk's total is unused
    for (long j = std::min(c * len, m); j < std::min((c + 1) * len, m); ++j)
      fold(total[c], ztotal[c], j);
  std::vector<Mat> start(chunks);
  std::vector<Vec> zstart(chunks);
  Mat run = zeros(f, dv);
  Vec zrun(f, 0.0);
  for (long c = 0; c < chunks; ++c) {  // exclusive scan
    start[c] = run;
    zstart[c] = zrun;
    if (c + 1 < chunks)
      for (long t = 0; t < f; ++t) {
        for (long x = 0; x < dv; ++x) run[t][x] += total[c][t][x];
        zrun[t] += ztotal[c][t];
      }
  }
  for (long c = 0; c < chunks; ++c)  // pass 2
    for (long i = c * len; i < std::min((c + 1) * len, n); ++i) {
      if (i < m) fold(start[c], zstart[c], i);
      finish(i, start[c], zstart[c]);
    }
  return o;
}

}  // namespace
