#include "kernels.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <limits>

namespace atlas::core {

void softmaxRowPrefix(Eigen::Ref<Eigen::RowVectorXf> row, Index allowed) {
  const Index m = row.size();
  if (allowed < m) row.tail(m - allowed).setZero();
  if (allowed <= 0) return;
  auto head = row.head(allowed).array();
  const float mx = head.maxCoeff();
  if (!std::isfinite(mx)) {
    // -inf everywhere (no usable key) or a NaN/inf score: no meaningful weights.
    head.setZero();
    return;
  }
  head = (head - mx).exp();
  head /= head.sum();
}

HeadResult attendDense(Index n, Index m, const ScoreBlockFn& scores, const MatrixRef& v,
                       bool causal, const CancelToken& cancel) {
  HeadResult r;
  r.weights.resize(n, m);
  r.mask.resize(n, m);
  r.output.resize(n, v.cols());
  r.scoreEvaluations = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(m);
  constexpr Index kRowBlock = 32;
  tbb::parallel_for(tbb::blocked_range<Index>(0, n, kRowBlock), [&](const auto& range) {
    cancel.throwIfCancelled();
    const Index r0 = range.begin(), len = range.end() - range.begin();
    auto block = r.weights.middleRows(r0, len);
    scores(r0, block);
    for (Index i = r0; i < range.end(); ++i) {
      const Index allowed = allowedKeys(i, m, causal);
      softmaxRowPrefix(r.weights.row(i), allowed);
      r.mask.row(i).head(allowed).setConstant(1);
      r.mask.row(i).tail(m - allowed).setZero();
    }
    r.output.middleRows(r0, len).noalias() = block * v;
  });
  return r;
}

}  // namespace atlas::core
