// Independent references for the fixed sparse patterns: each mask straight from the table of
// docs/variants.md ("Fixed sparse patterns") as a function of (i, j), the dense masked attention
// over it, and LongNet's mixture of per-config softmaxes written as the paper states it. Plain
// loops over all N x M pairs, templated on the scalar like reference.h; nothing here calls the
// core.
#pragma once

#include "reference.h"

#include "core/params.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>

namespace ref {

/// The component admitting pair (i, j) of one head, before the causal rule: 0 = not allowed,
/// else the 1-based component (1 for patterns without components).
using PatternFn = std::function<int(long i, long j)>;

inline PatternFn blockLocal(long b) {
  return [=](long i, long j) { return int(i / b == j / b); };
}
inline PatternFn localWindow(long w) {
  return [=](long i, long j) { return int(std::labs(i - j) <= w); };
}
inline PatternFn strided(long s) {
  return [=](long i, long j) { return int(std::labs(i - j) % s == 0); };
}
inline PatternFn globalTokens(long g) {
  return [=](long i, long j) { return int(i < g || j < g || i == j); };
}
inline PatternFn fullPattern() {
  return [](long, long) { return 1; };
}
/// local (1) or global (2) or j in R_i (3), the first that applies.
inline PatternFn bigBird(long w, long g, std::function<bool(long, long)> inRandom) {
  return [=](long i, long j) {
    if (std::labs(i - j) <= w) return 1;
    if (i < g || j < g || i == j) return 2;
    return inRandom(i, j) ? 3 : 0;
  };
}
/// Child et al. "fixed": own block (1) or a summary key, j mod l >= l - c (2).
inline PatternFn sparseFixed(long l, long c) {
  return [=](long i, long j) {
    if (i / l == j / l) return 1;
    return j % l >= l - c ? 2 : 0;
  };
}
/// LongNet config k (segment w0 2^k, dilation 2^k) covers (i, j).
inline bool dilatedCovers(long w0, long k, long i, long j) {
  const long w = w0 << k, r = 1L << k;
  return i / w == j / w && i % r == 0 && j % r == 0;
}
/// The first config covering the pair, plus one.
inline PatternFn dilatedFirst(long w0, long configs) {
  return [=](long i, long j) {
    for (long k = 0; k < configs; ++k)
      if (dilatedCovers(w0, k, i, j)) return int(k + 1);
    return 0;
  };
}

inline bool allowed(const PatternFn& f, long i, long j, bool causal) {
  return (!causal || j <= i) && f(i, j) > 0;
}

/// mixed_heads' pattern names, split at commas, spaces trimmed.
inline std::vector<std::string> patternNames(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string name; std::getline(in, name, ',');) {
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    out.push_back(name);
  }
  return out;
}

/// The component names a result should carry: docs/variants.md's components, LongNet's configs with
/// their numbers, or the distinct head patterns of mixed_heads in order of first use.
inline std::vector<std::string> componentNames(const std::string& variant,
                                               const atlas::core::ParamSet& p, long heads) {
  if (variant == "bigbird") return {"local", "global", "random"};
  if (variant == "sparse_fixed") return {"block", "summary"};
  std::vector<std::string> names;
  if (variant == "dilated") {
    for (long k = 0; k < p.integer("configs"); ++k)
      names.push_back("r=" + std::to_string(1L << k) +
                      ", w=" + std::to_string(long(p.integer("segment")) << k));
    return names;
  }
  const auto patterns = patternNames(p.text("patterns"));
  for (long b = 0; b < heads; ++b) {
    const std::string& name = patterns[std::size_t(b) % patterns.size()];
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

/// The pattern of head `a` of `heads` from the variant and its resolved parameters. BigBird's
/// random keys cannot be known from outside: `inRandom` says whether j is in R_i.
inline PatternFn patternOf(const std::string& v, const atlas::core::ParamSet& p, long a, long heads,
                           std::function<bool(long, long)> inRandom = {}) {
  if (v == "block_local") return blockLocal(p.integer("block"));
  if (v == "local_window") return localWindow(p.integer("window"));
  if (v == "strided") return strided(p.integer("stride"));
  if (v == "global_tokens") return globalTokens(p.integer("global"));
  if (v == "sparse_fixed") return sparseFixed(p.integer("block"), p.integer("summary"));
  if (v == "dilated") return dilatedFirst(p.integer("segment"), p.integer("configs"));
  if (v == "bigbird") return bigBird(p.integer("window"), p.integer("global"), inRandom);
  // mixed_heads: head a uses patterns[a mod len] with its own defaults; its id is the pattern's
  // place among componentNames.
  const auto patterns = patternNames(p.text("patterns"));
  const std::string name = patterns[std::size_t(a) % patterns.size()];
  const auto names = componentNames(v, p, heads);
  const int id = int(std::find(names.begin(), names.end(), name) - names.begin()) + 1;
  const PatternFn f = name == "local"     ? localWindow(2)
                      : name == "strided" ? strided(3)
                      : name == "global"  ? globalTokens(1)
                                          : fullPattern();
  return [f, id](long i, long j) { return f(i, j) ? id : 0; };
}

/// BigBird's expected pair count, pair by pair: a local or global pair is always there, any
/// other allowed pair is one of the r' = min(r, M) random keys with probability r' / M.
inline double bigBirdExpectedPairs(const atlas::core::ParamSet& p, long n, long m) {
  const PatternFn fixed =
      bigBird(p.integer("window"), p.integer("global"), [](long, long) { return false; });
  const double chance = double(std::min<long>(p.integer("random"), m)) / double(m);
  double pairs = 0;
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < m; ++j)
      if (!p.flag("causal") || j <= i) pairs += fixed(i, j) ? 1.0 : chance;
  return pairs;
}

/// Dense masked attention: all N x M scores q_i . k_j * scale, softmax over the allowed keys of
/// each row (row max subtracted), zeros where not allowed; a row without keys is all zeros.
template <typename T>
Head<T> maskedAttend(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, T scale, const PatternFn& f,
                     bool causal) {
  const std::size_t n = q.size(), m = k.size(), dv = v[0].size();
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(dv, 0))};
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<T> s(m);
    T mx = -std::numeric_limits<T>::infinity();
    for (std::size_t j = 0; j < m; ++j) {
      s[j] = dot(q[i], k[j]) * scale;
      if (allowed(f, long(i), long(j), causal)) mx = std::max(mx, s[j]);
    }
    T sum = 0;
    for (std::size_t j = 0; j < m; ++j)
      if (allowed(f, long(i), long(j), causal)) sum += (h.p[i][j] = std::exp(s[j] - mx));
    if (sum == 0) continue;
    for (std::size_t j = 0; j < m; ++j) h.p[i][j] /= sum;
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t c = 0; c < dv; ++c) h.o[i][c] += h.p[i][j] * v[j][c];
  }
  return h;
}

/// LongNet (Ding et al. 2023, sec. 2.3) as the paper computes it: each config covering row i
/// is its own softmax over its keys, with denominator Z_k; the rows' outputs are mixed with
/// weights Z_k / sum_k' Z_k'. The implied P is the same mixture of the per-config weights.
template <typename T>
Head<T> longNetMixture(const Mat<T>& q, const Mat<T>& k, const Mat<T>& v, long w0, long configs,
                       bool causal) {
  const std::size_t n = q.size(), m = k.size(), dv = v[0].size();
  const T scale = T(1) / std::sqrt(T(k[0].size()));
  Head<T> h{Mat<T>(n, std::vector<T>(m, 0)), Mat<T>(n, std::vector<T>(dv, 0))};
  for (std::size_t i = 0; i < n; ++i) {
    auto covers = [&](long c, std::size_t j) {
      return (!causal || j <= i) && dilatedCovers(w0, c, long(i), long(j));
    };
    std::vector<T> s(m);
    T mx = -std::numeric_limits<T>::infinity();  // one shift for every config keeps Z_k comparable
    for (std::size_t j = 0; j < m; ++j) {
      s[j] = dot(q[i], k[j]) * scale;
      for (long c = 0; c < configs; ++c)
        if (covers(c, j)) mx = std::max(mx, s[j]);
    }
    std::vector<T> z(static_cast<std::size_t>(configs), 0);
    T total = 0;
    for (long c = 0; c < configs; ++c) {
      for (std::size_t j = 0; j < m; ++j)
        if (covers(c, j)) z[c] += std::exp(s[j] - mx);
      total += z[c];
    }
    if (total == 0) continue;  // no config reaches this row
    for (long c = 0; c < configs; ++c) {
      if (z[c] == 0) continue;
      const T alpha = z[c] / total;
      for (std::size_t j = 0; j < m; ++j)
        if (covers(c, j)) h.p[i][j] += alpha * (std::exp(s[j] - mx) / z[c]);
    }
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t c = 0; c < dv; ++c) h.o[i][c] += h.p[i][j] * v[j][c];
  }
  return h;
}

}  // namespace ref
