// What the low-rank suites share: one variant through the engine, a one-head result holding a
// hand-made P, and a head's Q, K, V slices as docs/variants.md defines them.
#pragma once

#include "engine_run.h"

#include "core/rng.h"
#include "core/variant_registry.h"

#include <Eigen/Core>

#include <QtGlobal>

namespace lowrank {

using atlas::core::Index;

/// One job through the engine; `set` holds --set style overrides.
inline atlas::core::JobOutcome runVariant(const QString& variant, const QStringList& set, int n,
                                          int d, int seed, const QString& source = "random") {
  const atlas::core::Variant& v = atlas::core::requireVariant(variant.toStdString());
  atlas::core::ParamSet p = testrun::params(v, {}, seed);
  for (const QString& kv : set) testrun::setParams(p, v, kv);
  atlas::core::JobOutcome out = testrun::run(v, p, {source, n, 0, d, 0, seed});
  if (!out.ok()) qFatal("%s", out.message().c_str());
  return out;
}

/// A one-head result holding `p` as its weights, on random inputs of matching shape.
struct HandMade {
  atlas::core::VariantResult r;
  atlas::core::Inputs in;
};
inline HandMade handMade(const Eigen::MatrixXd& p, Index d = 8, Index dv = 6) {
  using atlas::core::Rng;
  HandMade h;
  const Index n = p.rows(), m = p.cols();
  h.in.q = Rng(1, "q").normalMatrix(n, d);
  h.in.k = Rng(1, "k").normalMatrix(m, d);
  h.in.v = Rng(1, "v").normalMatrix(m, dv);
  h.r.variant = "hand";
  h.r.dims = h.in.dims();
  h.r.setDense({{p.cast<float>()}, {atlas::core::MaskMatrix::Ones(n, m)}, {}});
  h.r.output = atlas::core::Matrix::Zero(n, dv);
  return h;
}

/// The head's Q, K, V slices as docs/variants.md defines them, in double.
struct Slices {
  Eigen::MatrixXd q, k, v;
};
inline Slices slices(const atlas::core::VariantResult& r, const atlas::core::Inputs& in,
                     Index head) {
  const Index h = r.heads();
  Slices s{in.q.cast<double>(), in.k.cast<double>(), in.v.cast<double>()};
  if (h == 1) return s;
  const Index g = r.variant == "grouped_query" ? r.params.integer("groups") : h;
  const Index dh = in.q.cols() / h, dvh = r.output.cols() / h, group = head / (h / g);
  return {s.q.middleCols(head * dh, dh), s.k.middleCols(group * dh, dh),
          s.v.middleCols(group * dvh, dvh)};
}

}  // namespace lowrank
