// A remote device's outcome against the local engine's on the same request: the same error
// sentence, or the same result up to float rounding (weights, output, traces) and exactly the
// same masks, components, patterns' sizes and teaching records' integers. The first difference
// found is returned in words (empty: none), for QVERIFY2.
#pragma once

#include "core/engine.h"

#include <QString>

#include <cmath>

namespace remotecompare {

using atlas::core::Index;
using atlas::core::JobOutcome;
using atlas::core::Matrix;
using atlas::core::VariantResult;

/// Largest difference allowed between a weight, an output or a P' entry of the two (the local
/// engine computes in float32, the remote in another order or precision).
inline constexpr double kTolerance = 1e-5;

/// |a - b| within `tol` relative to max(1, |a|); infinities must agree.
inline bool near(double a, double b, double tol) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= tol * std::max(1.0, std::abs(a));
}

/// The first entry where two matrices differ by more than `tol` (relative when `relative`).
inline QString compareMatrix(const char* what, const Matrix& a, const Matrix& b, double tol,
                             bool relative = false) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    return QString("%1: %2 x %3 here, %4 x %5 remote")
        .arg(what)
        .arg(a.rows())
        .arg(a.cols())
        .arg(b.rows())
        .arg(b.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) {
      const double x = a(i, j), y = b(i, j);
      const bool ok =
          relative ? near(x, y, tol) : (std::isinf(x) ? x == y : std::abs(x - y) <= tol);
      if (!ok)
        return QString("%1 (%2, %3): %4 here, %5 remote").arg(what).arg(i).arg(j).arg(x).arg(y);
    }
  return {};
}

inline QString compareWeights(const VariantResult& a, const VariantResult& b) {
  if (a.heads() != b.heads())
    return QString("heads: %1 here, %2 remote").arg(a.heads()).arg(b.heads());
  if (a.pooled() != b.pooled())
    return QString("pooled: %1 here, %2 remote").arg(a.pooled()).arg(b.pooled());
  if (a.heads() == 0) return {};
  if (a.weightRows() != b.weightRows() || a.weightCols() != b.weightCols())
    return QString("weights %1 x %2 here, %3 x %4 remote")
        .arg(a.weightRows())
        .arg(a.weightCols())
        .arg(b.weightRows())
        .arg(b.weightCols());
  if (a.pooled() && a.pooledMax() != b.pooledMax()) return "pooled by max here, by mean remote";
  if (a.hasComponents() != b.hasComponents())
    return QString("components: %1 here, %2 remote").arg(a.hasComponents()).arg(b.hasComponents());
  for (Index h = 0; h < a.heads(); ++h)
    for (Index i = 0; i < a.weightRows(); ++i)
      for (Index j = 0; j < a.weightCols(); ++j) {
        const QString at = QString("head %1 (%2, %3)").arg(h).arg(i).arg(j);
        if (a.computed(h, i, j) != b.computed(h, i, j))
          return QString("mask at %1: %2 here, %3 remote")
              .arg(at)
              .arg(a.computed(h, i, j))
              .arg(b.computed(h, i, j));
        if (std::abs(a.weight(h, i, j) - b.weight(h, i, j)) > kTolerance)
          return QString("weight at %1: %2 here, %3 remote")
              .arg(at)
              .arg(a.weight(h, i, j))
              .arg(b.weight(h, i, j));
        if (a.hasComponents() && a.component(h, i, j) != b.component(h, i, j))
          return QString("component at %1: %2 here, %3 remote")
              .arg(at)
              .arg(a.component(h, i, j))
              .arg(b.component(h, i, j));
      }
  return {};
}

inline QString compareTrace(const atlas::core::Trace& a, const atlas::core::Trace& b) {
  QString d;
  if (a.tiles.has_value() != b.tiles.has_value()) return "flash's tile records on one side only";
  if (a.tiles) {
    if (a.tiles->rows != b.tiles->rows || a.tiles->cols != b.tiles->cols ||
        a.tiles->causal != b.tiles->causal)
      return "flash's tile shape or causal flag";
    if (!(d = compareMatrix("tile order", a.tiles->order, b.tiles->order, 0)).isEmpty()) return d;
    if (!(d = compareMatrix("running max", a.tiles->runningMax, b.tiles->runningMax, kTolerance,
                            true))
             .isEmpty())
      return d;
    if (!(d = compareMatrix("running sum", a.tiles->runningSum, b.tiles->runningSum, kTolerance,
                            true))
             .isEmpty())
      return d;
  }
  if (a.routing.has_value() != b.routing.has_value()) return "routing on one side only";
  if (a.routing) {
    if (a.routing->block != b.routing->block) return "routing block";
    if (!(d = compareMatrix("routing", a.routing->routing, b.routing->routing, 0)).isEmpty())
      return d;
    if (!(d = compareMatrix("block scores", a.routing->blockScores, b.routing->blockScores,
                            kTolerance, true))
             .isEmpty())
      return d;
  }
  if (a.reducedWeights.has_value() != b.reducedWeights.has_value()) return "P' on one side only";
  if (a.reducedWeights &&
      !(d = compareMatrix("P'", *a.reducedWeights, *b.reducedWeights, kTolerance)).isEmpty())
    return d;
  if (a.orders.has_value() != b.orders.has_value()) return "order flops on one side only";
  if (a.orders) {
    if (a.orders->features != b.orders->features || a.orders->causal != b.orders->causal ||
        a.orders->randomFeatures != b.orders->randomFeatures)
      return "the orders' features or flags";
    if (!(d = compareMatrix("order flops", a.orders->flops, b.orders->flops, 1e-6, true)).isEmpty())
      return d;
  }
  if (a.queryBuckets != b.queryBuckets) return "query buckets";
  if (a.keyBuckets != b.keyBuckets) return "key buckets";
  return {};
}

/// Empty when `remote` is `local` up to rounding; else the first difference.
inline QString compare(const JobOutcome& local, const JobOutcome& remote,
                       bool compareEvaluations = true) {
  if (local.ok() != remote.ok())
    return QString("here: %1; remote: %2")
        .arg(local.ok() ? "ok" : QString::fromStdString(local.message()))
        .arg(remote.ok() ? "ok" : QString::fromStdString(remote.message()));
  if (!local.ok()) {
    if (local.message() != remote.message() || local.error->kind() != remote.error->kind())
      return QString("errors differ: '%1' here, '%2' remote")
          .arg(QString::fromStdString(local.message()), QString::fromStdString(remote.message()));
    return {};
  }
  const VariantResult& a = *local.result;
  const VariantResult& b = *remote.result;
  if (!b.computedOn.remote()) return "the remote result does not say where it was computed";
  if (a.variant != b.variant) return "variant";
  if (!(a.dims == b.dims)) return "dims";
  if (a.params.numbers != b.params.numbers || a.params.texts != b.params.texts)
    return "the echoed parameters";
  if (a.componentNames != b.componentNames) return "component names";
  if (compareEvaluations && a.scoreEvaluations != b.scoreEvaluations)
    return QString("score evaluations: %1 here, %2 remote")
        .arg(a.scoreEvaluations)
        .arg(b.scoreEvaluations);
  // The server sends no cost: the client fills in its cost model's.
  if (b.cost.terms.empty() || a.cost.flops() != b.cost.flops()) return "cost";
  QString d = compareMatrix("output", a.output, b.output, kTolerance);
  if (d.isEmpty()) d = compareWeights(a, b);
  if (d.isEmpty()) d = compareTrace(a.trace, b.trace);
  return d;
}

}  // namespace remotecompare
