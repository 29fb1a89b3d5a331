// Attention through a feature map phi, computed in the cheap order (docs/variants.md, "Change of
// multiplication order"); shared by `linear` and `performer`. Header-only so that it needs no
// line of its own in core/CMakeLists.txt.
#pragma once

#include "../feature_orders.h"
#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace atlas::core::variants {

/// c = a b^T for a (rows x f, leading dimension lda), b^T given as bt (f x cols, ldb) and c
/// (rows x cols, ldc), all row-major: the implied weights' product. A register-tiled kernel
/// compiled for AVX-512, AVX2 and the base instruction set (picked when the program loads:
/// the portable build has no -march); defined in linear.cpp.
void impliedProduct(const float* a, Index lda, Index rows, const float* bt, Index ldb, Index f,
                    Index cols, float* c, Index ldc);

/// Katharopoulos et al. 2020 ("Transformers are RNNs", linearized attention and its causal
/// form): with phiQ (N x f), phiK (M x f), V (M x dv),
///   O_i = phi(q_i) (sum_j phi(k_j)^T v_j) / phi(q_i) . (sum_j phi(k_j)),
/// the sums over all keys, or over j <= i when causal (prefix sums). The output (N x dv) never
/// forms an N x M matrix: O(N f dv + M f dv) work and an f x dv state. A row whose normaliser
/// is 0 (every feature of its allowed keys underflowed) gives zeros, never NaN.
inline Matrix featureMapOutput(const MatrixRef& phiQ, const MatrixRef& phiK, const MatrixRef& v,
                               bool causal, const CancelToken& cancel) {
  const Index n = phiQ.rows(), m = phiK.rows(), f = phiQ.cols(), dv = v.cols();
  eigen_assert(phiK.cols() == f && v.rows() == m);
  Matrix output(n, dv);
  // O_i = num_i / den_i, or zeros when the normaliser vanished.
  auto finishRow = [&](Index i, const Eigen::RowVectorXf& num, float den) {
    if (den > 0.0f && std::isfinite(den))
      output.row(i) = num / den;
    else
      output.row(i).setZero();
  };

  if (!causal) {
    const Matrix kv = phiK.transpose() * v;                      // f x dv: phi(K)^T V
    const Eigen::VectorXf z = phiK.colwise().sum().transpose();  // f: phi(K)^T 1
    tbb::parallel_for(tbb::blocked_range<Index>(0, n, 64), [&](const auto& range) {
      cancel.throwIfCancelled();
      for (Index i = range.begin(); i < range.end(); ++i)
        finishRow(i, phiQ.row(i) * kv, phiQ.row(i).dot(z.transpose()));
    });
    return output;
  }
  // Parallel prefix over chunks of rows: pass 1 sums each chunk's keys (keys j in the chunk's
  // row range, since key j first counts for row i = j); an exclusive scan gives the state
  // before each chunk; pass 2 walks each chunk row by row, adding key i before reading row i.
  const CausalChunks plan(n);
  const Index chunks = plan.chunks, len = plan.len;
  std::vector<Matrix> state(static_cast<std::size_t>(chunks), Matrix::Zero(f, dv));
  std::vector<Eigen::RowVectorXf> zstate(static_cast<std::size_t>(chunks),
                                         Eigen::RowVectorXf::Zero(f));
  auto keyRange = [&](Index c) {
    const Index lo = std::min(c * len, m), hi = std::min((c + 1) * len, m);
    return std::pair{lo, hi - lo};
  };
  tbb::parallel_for(Index{0}, chunks - 1, [&](Index c) {  // the last chunk's total is unused
    cancel.throwIfCancelled();
    const auto [lo, count] = keyRange(c);
    state[c].noalias() = phiK.middleRows(lo, count).transpose() * v.middleRows(lo, count);
    zstate[c] = phiK.middleRows(lo, count).colwise().sum();
  });
  // Exclusive scan: afterwards state[c] sums the keys of chunks before c.
  Matrix run = Matrix::Zero(f, dv);
  Eigen::RowVectorXf zrun = Eigen::RowVectorXf::Zero(f);
  for (Index c = 0; c < chunks; ++c) {
    std::swap(run, state[c]);
    std::swap(zrun, zstate[c]);
    if (c + 1 < chunks) {
      run += state[c];
      zrun += zstate[c];
    }
  }
  tbb::parallel_for(Index{0}, chunks, [&](Index c) {
    cancel.throwIfCancelled();
    Matrix& s = state[c];               // invariant: sum over keys j < i of phi(k_j)^T v_j
    Eigen::RowVectorXf& z = zstate[c];  // invariant: sum over keys j < i of phi(k_j)
    for (Index i = c * len; i < std::min((c + 1) * len, n); ++i) {
      if (i < m) {
        s.noalias() += phiK.row(i).transpose() * v.row(i);
        z += phiK.row(i);
      }
      finishRow(i, phiQ.row(i) * s, phiQ.row(i).dot(z));
    }
  });
  return output;
}

/// featureMapOutput, and then, for display and tests only, the implied weights P[i,j] =
/// phi(q_i).phi(k_j) / sum_j' over allowed keys (exactly 0 for j > i when causal; a row whose
/// normaliser is 0 is zeros), the mask of allowed pairs, and scoreEvaluations = the
/// implied-weight evaluations made for that display (allowed pairs): the output path itself
/// evaluates no pair.
inline HeadResult featureMapAttention(const MatrixRef& phiQ, const MatrixRef& phiK,
                                      const MatrixRef& v, bool causal, const CancelToken& cancel) {
  const Index n = phiQ.rows(), m = phiK.rows(), f = phiQ.cols();
  HeadResult r;
  r.output = featureMapOutput(phiQ, phiK, v, causal, cancel);

  // The implied N x M weights, for display only (this is the quadratic order).
  r.weights.resize(n, m);
  r.mask.resize(n, m);
  const Matrix phiKt = phiK.transpose();  // f x M: each feature's values for all keys contiguous
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, 32), [&](const auto& range) {
    cancel.throwIfCancelled();
    const Index r0 = range.begin(), rows = range.end() - range.begin();
    // Causal: no row of the block sees a key past its last row.
    const Index cols = causal ? std::min(m, range.end()) : m;
    impliedProduct(phiQ.data() + r0 * phiQ.outerStride(), phiQ.outerStride(), rows, phiKt.data(), m,
                   f, cols, r.weights.data() + r0 * m, m);
    for (Index i = r0; i < range.end(); ++i) {
      const Index allowed = allowedKeys(i, m, causal);
      auto row = r.weights.row(i);
      row.tail(m - allowed).setZero();
      const float sum = row.head(allowed).sum();
      if (sum > 0.0f && std::isfinite(sum))
        row.head(allowed) /= sum;
      else
        row.setZero();
      r.mask.row(i).head(allowed).setConstant(1);
      r.mask.row(i).tail(m - allowed).setZero();
    }
  });
  r.scoreEvaluations = static_cast<std::uint64_t>(causalPairs(n, m, causal));
  return r;
}

/// The cost terms of the cheap order with feature width f (no feature map): phi(K)^T V,
/// phi(K)^T 1, phi(Q)(phi(K)^T V), the normaliser phi(Q)(phi(K)^T 1) and the divide, with the
/// key rows of stateKeyRows (causal folds most keys twice: chunk totals, then running sums).
/// Traffic: the f x (dv + 1) state, written once (causal: once per chunk); Q, K, V and O are
/// the caller's "input" and "output" terms.
inline void addCheapOrderTerms(Cost& c, const InputDims& d, double f, bool causal) {
  const double n = double(d.n), dv = double(d.dv), keys = stateKeyRows(d.n, d.m, causal);
  const double states = causal ? double(CausalChunks(d.n).chunks) : 1.0;
  c.add("phi(K)^T V", 2.0 * keys * f * dv, 0, 4.0 * states * f * dv);
  c.add("phi(K)^T 1", keys * f, 0, 4.0 * states * f);
  c.add("phi(Q) (phi(K)^T V)", 2.0 * n * f * dv, 0, 0);
  c.add(ATLAS_TR_NOOP("CostTerms", "normaliser"), 2.0 * n * f, 0, 0);
  c.add(ATLAS_TR_NOOP("CostTerms", "divide"), n * dv, 0, 0);
}

/// Finishes `r` (started for the variant) from phi(Q) (N x f) and phi(K): with `display`, the
/// implied weights (featureMapAttention) and trace.orders; without, the output alone
/// (Variant::computeOutput: no weights, no trace). `randomFeatures`: f counts random features.
inline VariantResult featureMapResult(VariantResult r, const MatrixRef& phiQ, const MatrixRef& phiK,
                                      const MatrixRef& v, bool causal, bool display,
                                      const CancelToken& cancel, bool randomFeatures = false) {
  if (!display) {
    r.output = featureMapOutput(phiQ, phiK, v, causal, cancel);
    return r;
  }
  runHeads(r, 1, phiQ.rows(), v.cols(),
           [&](Index) { return featureMapAttention(phiQ, phiK, v, causal, cancel); });
  const OrderFlops flops = orderFlops(r.dims, double(phiQ.cols()), causal);
  Matrix counts(1, 2);
  counts << float(flops.cheap), float(flops.quadratic);
  r.trace.orders = Trace::Orders{phiQ.cols(), causal, std::move(counts), randomFeatures};
  return r;
}

}  // namespace atlas::core::variants
