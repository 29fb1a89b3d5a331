#include "common.h"

#include "../rng.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

namespace atlas::core::variants {

ParamSpec causalSpec() {
  ParamSpec s = boolParam(
      "causal", false, ATLAS_TR_NOOP("Params", "Causal mask"),
      ATLAS_TR_NOOP("Params",
                    "Each query sees only the keys at or before its own position (j ≤ i)."));
  s.role = ParamRole::Causal;
  return s;
}

ParamSpec headsSpec(double defaultHeads) {
  ParamSpec s = intParam(
      "heads", defaultHeads, 1, 256, ATLAS_TR_NOOP("Params", "Heads"),
      ATLAS_TR_NOOP("Params",
                    "Number of attention heads h; each head uses d/h columns of Q, K and V."));
  s.role = ParamRole::Heads;
  return s;
}

const Matrix& paramMatrix(ParamSet& used, const std::string& variant, const std::string& name,
                          Index rows, Index cols, double stddev) {
  if (const Matrix* given = used.matrix(name)) {
    if (given->rows() != rows || given->cols() != cols) {
      throw Error(
          Error::Kind::ShapeMismatch,
          ATLAS_TR_NOOP("CoreErrors",
                        "Parameter %1 of '%2' must be %3 x %4 but the given matrix is %5 x %6."),
          {name, variant, num(rows), num(cols), num(given->rows()), num(given->cols())});
    }
    return *given;
  }
  Rng rng(used.seed, name);
  return used.matrices[name] = rng.normalMatrix(rows, cols, stddev);
}

void requireEqual(const std::string& variant, const char* format, Index actual, Index expected) {
  if (actual != expected)
    throw Error(Error::Kind::ShapeMismatch, format, {variant, num(expected), num(actual)});
}

void requireDivisible(const std::string& variant, const char* format, Index value, Index by) {
  if (by <= 0 || value % by != 0)
    throw Error(Error::Kind::InvalidArgument, format, {variant, num(value), num(by)});
}

VariantResult startResult(const Variant& v, const Inputs& in, const ParamSet& params) {
  VariantResult r;
  r.variant = v.id();
  r.params = params;
  r.dims = in.dims();
  return r;
}

void runHeads(VariantResult& r, Index heads, Index n, Index dvh,
              const std::function<HeadResult(Index)>& head) {
  r.output.resize(n, heads * dvh);
  std::vector<HeadResult> results(static_cast<std::size_t>(heads));
  tbb::parallel_for(Index{0}, heads, [&](Index a) {
    HeadResult& h = results[static_cast<std::size_t>(a)] = head(a);
    r.output.middleCols(a * dvh, dvh) = h.output;
    h.output = Matrix();
  });
  // Sparse when every head is; a mix of sparse and dense heads (no variant returns one today)
  // would be stored dense.
  const bool allSparse = std::all_of(results.begin(), results.end(),
                                     [](const auto& h) { return h.sparse.has_value(); });
  const bool anyComponents = std::any_of(results.begin(), results.end(), [](const auto& h) {
    return h.components.size() > 0 || (h.sparse && h.sparse->hasComponents());
  });
  SparseHeads sparse;
  DenseWeights dense;
  for (HeadResult& h : results) {
    r.scoreEvaluations += h.scoreEvaluations;
    if (allSparse) {
      sparse.push_back(std::move(*h.sparse));
      continue;
    }
    if (h.sparse) {
      h.weights = h.sparse->dense();
      h.mask = h.sparse->denseMask();
      if (h.sparse->hasComponents()) h.components = h.sparse->denseComponents();
    }
    if (anyComponents && h.components.size() == 0)
      h.components = MaskMatrix::Zero(h.mask.rows(), h.mask.cols());
    dense.weights.push_back(std::move(h.weights));
    dense.masks.push_back(std::move(h.mask));
    if (anyComponents) dense.components.push_back(std::move(h.components));
  }
  if (allSparse)
    r.setSparse(std::move(sparse));
  else
    r.setDense(std::move(dense));
}

HeadResult scaledDotHead(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v, float scale,
                         bool causal, const CancelToken& cancel) {
  return attendScaledDot(q, k, v, scale, causal, cancel);
}

VariantResult sparseSingleHead(const Variant& v, const Inputs& in, const ParamSet& p,
                               const PatternRowFn& row, const CancelToken& cancel) {
  requireEqual(v.id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
  const auto pattern = std::make_shared<const SparsePattern>(
      buildPattern(in.q.rows(), in.k.rows(), p.flag("causal"), row));
  VariantResult r = startResult(v, in, p);
  const float scale = 1.0f / std::sqrt(float(in.k.cols()));
  runHeads(r, 1, in.q.rows(), in.v.cols(),
           [&](Index) { return attendSparse(in.q, in.k, in.v, scale, pattern, cancel); });
  return r;
}

VariantResult pooledScaledDotHeads(const Variant& v, const Inputs& in, const ParamSet& p,
                                   Index heads, Index dh, Index dvh,
                                   const std::function<Index(Index)>& group, const PoolSpec& pool,
                                   const ProgressFn& progress, const CancelToken& cancel) {
  const Index n = in.q.rows(), m = in.k.rows();
  const bool causal = p.flag("causal");
  const float scale = 1.0f / std::sqrt(float(dh));
  VariantResult r = startResult(v, in, p);
  PooledWeights pooled;
  pooled.max = pool.mode == PoolSpec::Mode::Max;
  pooled.cells.resize(std::size_t(heads));
  pooled.masks.assign(std::size_t(heads), pooledMask(n, m, pooledCells(n, pool.rows),
                                                     pooledCells(m, pool.cols), causal));
  r.output.resize(n, heads * dvh);
  // Each head reports its own fraction; the request sees their mean, never decreasing.
  std::vector<double> done(std::size_t(heads), 0.0);
  std::vector<std::uint64_t> evaluations(std::size_t(heads), 0);
  std::mutex mutex;
  double reported = 0;
  tbb::parallel_for(Index{0}, heads, [&](Index a) {
    const Index g = group ? group(a) : a;
    const MatrixRef q = in.q.middleCols(a * dh, dh), k = in.k.middleCols(g * dh, dh);
    const MatrixRef val = in.v.middleCols(g * dvh, dvh);
    const ProgressFn headProgress = [&, a](double f) {
      if (!progress) return;
      std::lock_guard lock(mutex);
      done[std::size_t(a)] = f;
      double sum = 0;
      for (double x : done) sum += x;
      if (sum / double(heads) > reported) progress(reported = sum / double(heads));
    };
    Matrix out;
    pooled.cells[std::size_t(a)] = pooledWeights(q, k, scale, causal, pool, headProgress, cancel,
                                                 &val, &out, &evaluations[std::size_t(a)]);
    r.output.middleCols(a * dvh, dvh) = out;
  });
  for (std::uint64_t e : evaluations) r.scoreEvaluations += e;
  r.setPooled(std::move(pooled));
  return r;
}

double PoolableSingleHead::pooledBytes(const InputDims& d, const ParamSet&,
                                       const PoolSpec& pool) const {
  return pooledScaledDotBytes(d, 1, 1, pool);
}

VariantResult PoolableSingleHead::computePooled(const Inputs& in, const ParamSet& p,
                                                const PoolSpec& pool, const ProgressFn& progress,
                                                const CancelToken& cancel) const {
  requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
  return pooledScaledDotHeads(*this, in, p, 1, in.k.cols(), in.v.cols(), {}, pool, progress,
                              cancel);
}

HeadResult padKeys(HeadResult head, Index m) {
  const Index n = head.weights.rows(), valid = head.weights.cols();
  if (valid >= m) return head;
  HeadResult out = uninitialisedHead(n, m, head.output.cols());
  out.weights.leftCols(valid) = head.weights;
  out.weights.rightCols(m - valid).setZero();
  out.mask.leftCols(valid) = head.mask;
  out.mask.rightCols(m - valid).setZero();
  out.output = std::move(head.output);
  out.scoreEvaluations = head.scoreEvaluations;
  return out;
}

double pooledScaledDotBytes(const InputDims& d, Index heads, Index groups, const PoolSpec& pool) {
  heads = std::max<Index>(1, heads);
  groups = std::max<Index>(1, groups);
  const Index dh = std::max<Index>(1, d.dk / groups), dvh = std::max<Index>(1, d.dv / groups);
  const double inputs = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  const double output = 4.0 * double(d.n) * double(heads * dvh);
  const double cells =
      5.0 * double(pooledCells(d.n, pool.rows)) * double(pooledCells(d.m, pool.cols));
  // Heads run in parallel: each holds its cells, its output columns and its pooling scratch.
  return inputs + 2.0 * output +
         double(heads) * (cells + pooledScratchBytes(d.n, d.m, dh, dvh, pool));
}

std::vector<Index> pagedBlockTable(std::uint64_t seed, Index pages) {
  std::vector<Index> table(static_cast<std::size_t>(pages));
  std::iota(table.begin(), table.end(), Index{0});
  Rng rng(seed, "paged:pool");
  for (Index a = pages - 1; a > 0; --a)
    std::swap(table[std::size_t(a)],
              table[static_cast<std::size_t>(rng.uniform() * double(a + 1))]);
  return table;
}

Cost patternCost(const InputDims& d, double pairs) {
  return sparseCost(d, {.pairsPerHead = pairs, .scoreFlops = 2.0 * double(d.dk), .dvh = d.dv});
}

}  // namespace atlas::core::variants
