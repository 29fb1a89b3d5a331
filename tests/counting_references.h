// The instrumented reference of every variant for tests/test_cost_model.cpp: plain loops of
// the algorithm each cost() describes, in the counting scalar of counting_scalar.h.
#pragma once

#include "counting_scalar.h"

namespace {

// ---- The references, one per variant ---------------------------------------------------------

/// What a reference produced besides its counts: the output, and for the data-dependent
/// patterns the pairs it evaluated and the k-means updates skipped for an empty cluster.
struct Reference {
  Mat output;
  double pairs = -1;        ///< evaluated pairs of a data-dependent pattern (else unused)
  double emptyUpdates = 0;  ///< k-means: (step, cluster) updates skipped, cluster empty
};

const Matrix& param(const VariantResult& r, const char* name) {
  const Matrix* m = r.params.matrix(name);
  if (!m) qFatal("result has no parameter %s", name);
  return *m;
}

/// Reformer's hash of one row: unit vector (norm 2 dk + sqrt, dk divisions), b/2 projections
/// (2 dk each), the negated copies (b/2), argmax (free, first on ties).
int lshHash(const Vec& x, const Mat& rot, int b) {
  const Num norm = sqrt(dot(x, x));
  Vec u = x;
  if (norm > 0.0)
    for (Num& c : u) c = c / norm;
  Vec both(b);
  for (int t = 0; t < b / 2; ++t) {
    both[t] = 0.0;
    for (std::size_t c = 0; c < u.size(); ++c) both[t] += u[c] * rot[c][t];
  }
  for (int t = 0; t < b / 2; ++t) both[b / 2 + t] = -both[t];
  int best = 0;
  for (int t = 1; t < b; ++t)
    if (both[t] > both[best]) best = t;
  return best;
}

/// Keys of row i sharing its bucket/cluster (j <= i when causal), plus j == i when i < M.
Keys sameGroupKeys(const std::vector<int>& qg, const std::vector<int>& kg, bool causal) {
  const long n = long(qg.size()), m = long(kg.size());
  Keys keys(n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < allowedEnd(i, m, causal); ++j)
      if (qg[i] == kg[j] || i == j) keys[i].push_back(j);
  return keys;
}

void requireSame(const std::vector<int>& a, const std::vector<int>& b, const char* what) {
  if (a != b) qFatal("the reference's %s differ from the engine's", what);
}

Reference lsh(const Mat& q, const Mat& k, const Mat& v, const VariantResult& r, bool causal) {
  const int b = r.params.integer("buckets");
  const Mat rot = toNum(param(r, "R"));
  std::vector<int> qb, kb;
  for (const Vec& x : q) qb.push_back(lshHash(x, rot, b));
  for (const Vec& x : k) kb.push_back(lshHash(x, rot, b));
  requireSame(qb, r.trace.queryBuckets[0], "query buckets");
  requireSame(kb, r.trace.keyBuckets[0], "key buckets");
  const Keys keys = sameGroupKeys(qb, kb, causal);
  return {dotAttend(q, k, v, keys), pairCount(keys)};
}

/// Lloyd on the unit rows of [Q; K]: normalise (2 dk + sqrt + dk per row); iters + 1
/// assignments, c distances of 3 dk per row (subtract, multiply-add), argmin free; iters
/// updates: the rows summed from zero (dk per row), a non-empty cluster's sum divided (dk).
Reference kmeans(const Mat& q, const Mat& k, const Mat& v, const VariantResult& r, bool causal) {
  const long n = long(q.size()), m = long(k.size()), dk = width(k);
  const long c = r.params.integer("clusters");
  Mat x = q;
  x.insert(x.end(), k.begin(), k.end());
  for (Vec& row : x) {
    const Num norm = sqrt(dot(row, row));
    if (norm > 0.0)
      for (Num& e : row) e = e / norm;
  }
  Mat centroids;
  for (long t = 0; t < c; ++t) centroids.push_back(x[n + t * m / c]);
  auto assign = [&] {
    std::vector<int> out;
    for (const Vec& row : x) {
      int best = 0;
      Num bestD = 0.0;
      for (long t = 0; t < c; ++t) {
        Num dist = 0.0;
        for (long e = 0; e < dk; ++e) {
          const Num diff = row[e] - centroids[t][e];
          dist += diff * diff;
        }
        if (t == 0 || dist < bestD) bestD = dist, best = int(t);
      }
      out.push_back(best);
    }
    return out;
  };
  Reference ref;
  std::vector<int> cluster = assign();
  for (int step = 0; step < r.params.integer("iters"); ++step) {
    Mat sums = zeros(c, dk);
    std::vector<long> counts(c, 0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      for (long e = 0; e < dk; ++e) sums[cluster[i]][e] += x[i][e];
      ++counts[cluster[i]];
    }
    for (long t = 0; t < c; ++t) {
      if (counts[t] == 0) {
        ref.emptyUpdates += 1;
        continue;
      }
      for (long e = 0; e < dk; ++e) centroids[t][e] = sums[t][e] / double(counts[t]);
    }
    cluster = assign();
  }
  const std::vector<int> qc(cluster.begin(), cluster.begin() + n),
      kc(cluster.begin() + n, cluster.end());
  requireSame(qc, r.trace.queryBuckets[0], "query clusters");
  requireSame(kc, r.trace.keyBuckets[0], "key clusters");
  const Keys keys = sameGroupKeys(qc, kc, causal);
  ref.output = dotAttend(q, k, v, keys);
  ref.pairs = pairCount(keys);
  return ref;
}

/// Block means (rows summed from zero, one division per descriptor entry); block scores
/// (dot, x scale, / tau); each round a log-space row then column normalisation: per cell
/// - max (max free), exp, + sum, and after the row's log one add (max + log) and one subtract
/// per cell; routing by argmax (free), over the other key blocks with other_block.
Reference sinkhorn(const Mat& q, const Mat& k, const Mat& v, const VariantResult& r, bool causal) {
  const long n = long(q.size()), m = long(k.size()), b = r.params.integer("block");
  auto means = [&](const Mat& x) {
    Mat out;
    for (long r0 = 0; r0 < long(x.size()); r0 += b) {
      Vec s(width(x), 0.0);
      const long len = std::min(b, long(x.size()) - r0);
      for (long i = r0; i < r0 + len; ++i)
        for (long c = 0; c < width(x); ++c) s[c] += x[i][c];
      for (Num& e : s) e = e / double(len);
      out.push_back(s);
    }
    return out;
  };
  const Mat bq = means(q), bk = means(k);
  const long nq = long(bq.size()), nk = long(bk.size());
  const double scale = 1.0 / std::sqrt(double(width(k))), tau = r.params.number("tau");
  Mat l = zeros(nq, nk);
  for (long a = 0; a < nq; ++a)
    for (long c = 0; c < nk; ++c) l[a][c] = dot(bq[a], bk[c]) * scale / tau;
  auto normalise = [](std::vector<Num*> line) {
    Num mx = kMinusInf;
    for (Num* e : line) mx = maxOf(mx, *e);
    Num sum = 0.0;
    for (Num* e : line) sum += exp(*e - mx);
    const Num lse = mx + log(sum);
    for (Num* e : line) *e -= lse;
  };
  for (int round = 0; round < r.params.integer("iters"); ++round) {
    for (long a = 0; a < nq; ++a) {
      std::vector<Num*> row;
      for (long c = 0; c < nk; ++c) row.push_back(&l[a][c]);
      normalise(row);
    }
    for (long c = 0; c < nk; ++c) {
      std::vector<Num*> col;
      for (long a = 0; a < nq; ++a) col.push_back(&l[a][c]);
      normalise(col);
    }
  }
  // The argmax over the key blocks, other than the own one with other_block (the first wins).
  std::vector<long> routing(nq, -1);
  for (long a = 0; a < nq; ++a) {
    const bool skipOwn = r.params.flag("other_block") && a < nk && nk > 1;
    for (long c = 0; c < nk; ++c)
      if (!(skipOwn && c == a) && (routing[a] < 0 || l[a][c] > l[a][routing[a]])) routing[a] = c;
  }
  for (long a = 0; a < nq; ++a)
    if (double(r.trace.routing->routing(a, 0)) != double(routing[a])) qFatal("routing differs");
  Keys keys(n);
  for (long i = 0; i < n; ++i) {
    const long a = i / b;
    std::set<long> js;
    for (long blk : {a, routing[a]})
      if (blk < nk)
        for (long j = blk * b; j < std::min(m, (blk + 1) * b); ++j)
          if (j < allowedEnd(i, m, causal)) js.insert(j);
    keys[i].assign(js.begin(), js.end());
  }
  return {dotAttend(q, k, v, keys), pairCount(keys)};
}

/// FlashAttention (query tiles outer, key tiles inner; causal: key tiles wholly above the
/// diagonal skipped). Per pair of a computed tile: score, x scale, - new max, exp, + row sum,
/// P V (2 dv). Per row and computed tile: alpha = exp(m - m_new) (1 flop, 1 exp),
/// l = alpha l + sum (2), acc *= alpha (dv). At the end O = acc / l (dv per row). No per-pair
/// division: P is never normalised on the output path.
Mat flash(const Mat& q, const Mat& k, const Mat& v, long br, long bc, bool causal) {
  const long n = long(q.size()), m = long(k.size()), dv = width(v);
  const double scale = 1.0 / std::sqrt(double(width(k)));
  Mat o = zeros(n, dv);
  for (long r0 = 0; r0 < n; r0 += br) {
    const long rows = std::min(br, n - r0);
    const long lastRow = r0 + rows - 1, kTiles = (m + bc - 1) / bc;
    const long tiles = causal ? std::min(kTiles, lastRow / bc + 1) : kTiles;
    Vec mRun(rows, kMinusInf), lRun(rows, 0.0);
    Mat acc = zeros(rows, dv);
    for (long kt = 0; kt < tiles; ++kt) {
      const long c0 = kt * bc, cols = std::min(bc, m - c0);
      for (long i = 0; i < rows; ++i) {
        Vec s(cols);
        for (long j = 0; j < cols; ++j) {
          s[j] = dot(q[r0 + i], k[c0 + j]) * scale;
          if (causal && c0 + j > r0 + i) s[j] = kMinusInf;  // masked by assignment
        }
        Num mNew = mRun[i];
        for (const Num& x : s) mNew = maxOf(mNew, x);
        const Num alpha = exp(mRun[i] - mNew);
        Num rowSum = 0.0;
        for (Num& x : s) {
          x = exp(x - mNew);
          rowSum += x;
        }
        lRun[i] = alpha * lRun[i] + rowSum;
        for (long c = 0; c < dv; ++c) acc[i][c] *= alpha;
        for (long j = 0; j < cols; ++j)
          for (long c = 0; c < dv; ++c) acc[i][c] += s[j] * v[c0 + j][c];
        mRun[i] = mNew;
      }
    }
    for (long i = 0; i < rows; ++i)
      for (long c = 0; c < dv; ++c) o[r0 + i][c] = acc[i][c] / lRun[i];
  }
  return o;
}

/// AFT-local: per row and channel the window's max (free); per allowed pair and channel
/// - max, exp, + normaliser, multiply-add into the numerator; per row and channel the gate
/// sigmoid(q) = 1 / (1 + exp(-q)) (negate, exp, add, divide), then gate x numerator / normaliser.
Mat aft(const Mat& q, const Mat& k, const Mat& v, long span, bool causal) {
  const long n = long(q.size()), m = long(k.size()), d = width(k);
  const long s = span > 0 ? span : std::max(n, m);
  Mat o = zeros(n, d);
  for (long i = 0; i < n; ++i) {
    const long lo = std::max(0L, i - s), hi = std::min(m - 1, causal ? i : i + s);
    for (long c = 0; c < d; ++c) {
      Num mx = kMinusInf;
      for (long j = lo; j <= hi; ++j) mx = maxOf(mx, k[j][c]);
      Num den = 0.0, numer = 0.0;
      for (long j = lo; j <= hi; ++j) {
        const Num e = exp(k[j][c] - mx);
        den += e;
        numer += e * v[j][c];
      }
      const Num gate = Num(1.0) / (Num(1.0) + exp(-q[i][c]));
      o[i][c] = gate * numer / den;
    }
  }
  return o;
}

/// Dilated (LongNet): the union of the configs' keys, each pair's multiplicity the number of
/// configs covering it (docs/variants.md), one softmax over the union.
Mat dilated(const Mat& q, const Mat& k, const Mat& v, long w0, long configs, bool causal) {
  const long n = long(q.size()), m = long(k.size());
  auto multiplicity = [&](long i, long j) {
    int count = 0;
    for (long c = 0; c < configs; ++c) count += ref::dilatedCovers(w0, c, i, j) ? 1 : 0;
    return count;
  };
  Keys keys(n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < allowedEnd(i, m, causal); ++j)
      if (multiplicity(i, j) > 0) keys[i].push_back(j);
  return attend(
      keys, [&](long i, long j) { return dot(q[i], k[j]); }, 1.0 / std::sqrt(double(width(k))), v,
      multiplicity);
}

/// Performer's features of the rows of x: x' = x / dk^(1/4) (dk), W x' (2 f dk), ||x'||^2
/// (2 dk) halved (1), subtracted (f); the stabiliser subtracted (f; its max free); exp (f);
/// / sqrt(f) (f).
Mat performerFeatures(const Mat& x, const Mat& w, bool perRowStabiliser) {
  const long f = long(w.size()), dk = width(x);
  const double xScale = 1.0 / std::pow(double(dk), 0.25), featureScale = 1.0 / std::sqrt(double(f));
  Mat e = zeros(long(x.size()), f);
  for (std::size_t i = 0; i < x.size(); ++i) {
    Vec xs(dk);
    for (long c = 0; c < dk; ++c) xs[c] = x[i][c] * xScale;
    const Num half = dot(xs, xs) * 0.5;
    for (long t = 0; t < f; ++t) e[i][t] = dot(w[t], xs) - half;
  }
  Num globalMax = kMinusInf;
  for (const Vec& row : e)
    for (const Num& val : row) globalMax = maxOf(globalMax, val);
  for (Vec& row : e) {
    Num mx = kMinusInf;
    for (const Num& val : row) mx = maxOf(mx, val);
    for (Num& val : row) val = exp(val - (perRowStabiliser ? mx : globalMax)) * featureScale;
  }
  return e;
}

/// Runs the reference of r's variant on its inputs: everything it counts lands in g_ops.
Reference reference(const Inputs& in, const VariantResult& r) {
  const std::string id = r.variant;
  const ParamSet& p = r.params;
  const bool causal = p.numbers.count("causal") && p.flag("causal");
  const Mat q = toNum(in.q), k = toNum(in.k), v = toNum(in.v);
  const long n = long(q.size()), m = long(k.size());
  const Keys dense = denseKeys(n, m, causal);
  if (id == "scaled_dot") {  // padding: only the first valid_keys keys exist for any query
    const long valid = p.integer("valid_keys") > 0 ? std::min<long>(p.integer("valid_keys"), m) : m;
    Keys keys = denseKeys(n, valid, causal);
    if (!p.flag("scaled"))  // plain dot products: no multiply by the scale
      return {attend(
          keys, [&](long i, long j) { return dot(q[i], k[j]); }, std::nullopt, v)};
    return {dotAttend(q, k, v, keys)};
  }
  if (id == "multi_head") {
    const long h = p.integer("heads");
    return {headsAttend(q, k, v, h, h, [&](long) { return dense; })};
  }
  if (id == "grouped_query")
    return {
        headsAttend(q, k, v, p.integer("heads"), p.integer("groups"), [&](long) { return dense; })};
  if (id == "additive") {
    // Projections W_q^T q_i and W_k^T k_j (2 dq and 2 dk per hidden unit), then per pair and
    // hidden unit: add, tanh, multiply-add with w_v. No scale.
    const Mat qp = matmul(q, toNum(param(r, "W_q"))), kp = matmul(k, toNum(param(r, "W_k")));
    const Mat wv = toNum(param(r, "w_v"));
    return {attend(
        dense,
        [&](long i, long j) {
          Num s = 0.0;
          for (std::size_t h = 0; h < wv.size(); ++h) s += wv[h][0] * tanh(qp[i][h] + kp[j][h]);
          return s;
        },
        std::nullopt, v)};
  }
  if (id == "distance") {
    // Key norms halved (2 dk + 1 per key), then per pair the dot product minus the half norm.
    Vec half;
    for (const Vec& key : k) half.push_back(dot(key, key) * 0.5);
    return {attend(
        dense, [&](long i, long j) { return dot(q[i], k[j]) - half[j]; },
        1.0 / std::sqrt(double(width(k))), v)};
  }
  if (id == "bilinear") return {dotAttend(matmul(q, toNum(param(r, "W"))), k, v, dense)};
  if (id == "synthesizer_dense") {
    // h = relu(W1^T q_i) (2 dq per unit, relu free); per pair W2[:, j] . h_i; no scale.
    Mat h = matmul(q, toNum(param(r, "W1")));
    for (Vec& row : h)
      for (Num& e : row) e = maxOf(e, 0.0);
    const Mat w2 = toNum(param(r, "W2"));
    return {attend(
        dense,
        [&](long i, long j) {
          Num s = 0.0;
          for (long c = 0; c < width(h); ++c) s += h[i][c] * w2[c][j];
          return s;
        },
        std::nullopt, v)};
  }
  if (id == "synthesizer_random") {
    const Mat rm = toNum(param(r, "R"));
    return {attend(
        dense, [&](long i, long j) { return rm[i][j]; }, std::nullopt, v)};
  }
  // Fixed sparse patterns: docs/variants.md's mask (reference_sparse_variants.h), evaluated pairs
  // only.
  if (id == "block_local" || id == "local_window" || id == "strided" || id == "global_tokens" ||
      id == "sparse_fixed")
    return {dotAttend(q, k, v, patternKeys(n, m, causal, ref::patternOf(id, p, 0, 1)))};
  if (id == "bigbird") {
    // The random keys are known from the result only: its mask, which must hold the window and
    // the global tokens.
    const Keys keys = maskKeys(r.mask(0));
    const ref::PatternFn fixed =
        ref::bigBird(p.integer("window"), p.integer("global"), [](long, long) { return false; });
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < m; ++j)
        if (ref::allowed(fixed, i, j, causal) && !r.mask(0)(i, j))
          qFatal("bigbird misses a fixed pair");
    return {dotAttend(q, k, v, keys), pairCount(keys)};
  }
  if (id == "dilated")
    return {dilated(q, k, v, p.integer("segment"), p.integer("configs"), causal)};
  if (id == "mixed_heads") {
    const long h = p.integer("heads");
    return {headsAttend(q, k, v, h, h, [&](long a) {
      return patternKeys(n, m, causal, ref::patternOf(id, p, a, h));
    })};
  }
  if (id == "lsh") return lsh(q, k, v, r, causal);
  if (id == "kmeans") return kmeans(q, k, v, r, causal);
  if (id == "sinkhorn") return sinkhorn(q, k, v, r, causal);
  if (id == "linformer") {
    // K' = E K (2 k M dk), V' = F V (2 k M dv; computed even when F = E), then dense over k keys.
    const Mat e = toNum(param(r, "E"));
    const Mat f = p.flag("share_ef") ? e : toNum(param(r, "F"));
    const Mat kp = matmul(e, k), vp = matmul(f, v);
    return {dotAttend(q, kp, vp, denseKeys(n, long(kp.size()), false))};
  }
  if (id == "compressed") {
    // Mean of each window: rows summed from zero (1 add per entry of K and V), one division per
    // pooled entry; then dense over the ceil(M/c) pooled keys.
    const long c = p.integer("pool");
    auto pool = [&](const Mat& x) {
      Mat out;
      for (long r0 = 0; r0 < long(x.size()); r0 += c) {
        const long len = std::min(c, long(x.size()) - r0);
        Vec s(width(x), 0.0);
        for (long i = r0; i < r0 + len; ++i)
          for (long e = 0; e < width(x); ++e) s[e] += x[i][e];
        for (Num& e : s) e = e / double(len);
        out.push_back(s);
      }
      return out;
    };
    const Mat kp = pool(k), vp = pool(v);
    return {dotAttend(q, kp, vp, denseKeys(n, long(kp.size()), false))};
  }
  if (id == "linear") {
    // phi(x) = elu(x) + 1, branch-free: x + 1 and exp(x) for every entry, the select free.
    auto phi = [](const Mat& x) {
      Mat out = x;
      for (Vec& row : out)
        for (Num& e : row) {
          const Num plus = e + 1.0, ex = exp(e);
          e = e > 0.0 ? plus : ex;
        }
      return out;
    };
    return {cheapOrder(phi(q), phi(k), v, causal)};
  }
  if (id == "performer") {
    const Mat w = toNum(param(r, "W"));
    return {cheapOrder(performerFeatures(q, w, true), performerFeatures(k, w, false), v, causal)};
  }
  if (id == "aft") return {aft(q, k, v, p.integer("span"), causal)};
  if (id == "flash") return {flash(q, k, v, p.integer("tile_q"), p.integer("tile_k"), causal)};
  if (id == "paged") {
    // One decoding step: the last query row against all M keys (the block table is indexing).
    const Mat last{q.back()};
    return {dotAttend(last, k, v, denseKeys(1, m, false))};
  }
  qFatal("no instrumented reference for %s", id.c_str());
}

}  // namespace
