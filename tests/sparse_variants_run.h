// What the fixed-sparse-pattern suites share: a case, its parameters, and its run through the
// registry and the engine with the result made dense (compared entry by entry).
#pragma once

#include "engine_run.h"
#include "reference_sparse_variants.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace sparsetest {

using namespace atlas::core;

struct Case {
  QString variant;
  int n, m, d, dv;
  QString params;  ///< "name=value;name=value" (';' because patterns hold commas)
  bool causal;
  int seed;
  QString source = "random";
};

}  // namespace sparsetest
Q_DECLARE_METATYPE(sparsetest::Case)
namespace sparsetest {

inline ParamSet caseParams(const Case& c) {
  return testrun::params(requireVariant(c.variant.toStdString()), c.params, c.seed, ';', c.causal);
}

/// Runs the case through the registry and the engine; on `loaded` inputs when given.
inline JobOutcome runCase(const Case& c, std::shared_ptr<const Inputs> loaded = nullptr) {
  JobOutcome out = testrun::run(requireVariant(c.variant.toStdString()), caseParams(c),
                                {c.source, c.n, c.m, c.d, c.dv, c.seed}, std::move(loaded));
  out.result = ref::dense(out.result);  // compared entry by entry
  return out;
}

}  // namespace sparsetest
