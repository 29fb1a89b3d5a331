// What the suites of the reordered, not-from-QK and schedule variants share: a case run through the
// engine, and the tolerance a result earns against the references of reference_other_variants.h.
#pragma once

#include "engine_run.h"
#include "reference_other_variants.h"

#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <QMetaType>
#include <QString>

#include <algorithm>
#include <memory>

namespace othertest {

using namespace atlas::core;

struct Case {
  QString variant;
  int n, m, d, dv;
  bool causal;
  int seed;
  QString params;  ///< "name=value;name=value"
  QString source = "random";
};

}  // namespace othertest
Q_DECLARE_METATYPE(othertest::Case)
namespace othertest {

inline JobOutcome runCase(const Case& c, std::shared_ptr<const Inputs> loaded = nullptr,
                          const ParamSet* override = nullptr) {
  const Variant& v = requireVariant(c.variant.toStdString());
  const auto specs = v.params();
  ParamSet p = override ? *override : defaultParams(specs);
  p.seed = static_cast<std::uint64_t>(c.seed);
  testrun::setParams(p, v, c.params, ';', c.causal);
  return testrun::run(v, p, {c.source, c.n, c.m, c.d, c.dv, c.seed}, std::move(loaded));
}

/// The span aft used: 0 means every pair (s = max(N, M)).
inline long aftSpan(const VariantResult& r) {
  const long s = r.params.integer("span");
  return s > 0 ? s : long(std::max(r.dims.n, r.dims.m));
}

/// The reference head of a case in scalar T, from the inputs and parameters the engine used.
template <typename T>
ref::Head<T> referenceHead(const QString& variant, const Inputs& in, const VariantResult& r,
                           bool causal) {
  const auto q = ref::toMat<T>(in.q), k = ref::toMat<T>(in.k), v = ref::toMat<T>(in.v);
  auto param = [&](const char* name) { return ref::toMat<T>(*r.params.matrix(name)); };
  if (variant == "linear") return ref::linear(q, k, v, causal);
  if (variant == "performer") return ref::performer(q, k, v, param("W"), causal);
  if (variant == "synthesizer_dense")
    return ref::synthesizerDense(q, v, param("W1"), param("W2"), causal);
  if (variant == "synthesizer_random") return ref::softmaxAttend(param("R"), v, causal);
  if (variant == "aft") return ref::aft(q, k, v, aftSpan(r), causal);
  if (variant == "flash") return ref::scaledDot(q, k, v, causal);
  if (variant == "paged") return ref::scaledDot(ref::Mat<T>{q.back()}, k, v, false);
  qFatal("no reference for %s", qPrintable(variant));
}

/// Largest |a - exact| over the weights and the output; a from the engine when `head` is null.
template <typename T>
double maxError(const VariantResult& r, const ref::Head<T>* head, const ref::Head<double>& exact) {
  double err = 0;
  for (std::size_t i = 0; i < exact.p.size(); ++i) {
    for (std::size_t j = 0; j < exact.p[i].size(); ++j)
      err = std::max(err,
                     std::abs((head ? double(head->p[i][j]) : r.weights(0)(i, j)) - exact.p[i][j]));
    for (std::size_t c = 0; c < exact.o[i].size(); ++c)
      err =
          std::max(err, std::abs((head ? double(head->o[i][c]) : r.output(i, c)) - exact.o[i][c]));
  }
  return err;
}

/// Earned tolerance (as test_dense_variants): twice the error of the same formula in float,
/// with a floor of 8 float ulps.
inline double earnedTolerance(const QString& variant, const Inputs& in, const VariantResult& r,
                              bool causal) {
  const auto exact = referenceHead<double>(variant, in, r, causal);
  const auto rounded = referenceHead<float>(variant, in, r, causal);
  return ref::earnedTolerance(maxError<float>(r, &rounded, exact));
}

inline std::shared_ptr<const Inputs> randomInputs(Index n, Index m, Index d, Index dv,
                                                  std::uint64_t seed, double scale = 1.0,
                                                  Index dq = 0) {
  auto in = std::make_shared<Inputs>();
  in->q = Rng(seed, "test:q").normalMatrix(n, dq ? dq : d, scale);
  in->k = Rng(seed, "test:k").normalMatrix(m, d, scale);
  in->v = Rng(seed, "test:v").normalMatrix(m, dv, 1.0);
  return in;
}

}  // namespace othertest
