#include "common.h"

#include "../rng.h"

#include <tbb/parallel_for.h>

namespace atlas::core::variants {

ParamSpec causalSpec() {
  return {"causal", ParamKind::Bool, 0, 0, 1, {}, "only keys at or before the query (j <= i)"};
}

ParamSpec headsSpec(double defaultHeads, const char* description) {
  return {"heads", ParamKind::Int, defaultHeads, 1, 256, {}, description};
}

const Matrix& paramMatrix(ParamSet& used, const std::string& variant, const std::string& name,
                          Index rows, Index cols, double stddev) {
  if (const Matrix* given = used.matrix(name)) {
    if (given->rows() != rows || given->cols() != cols) {
      throw Error(Error::Kind::ShapeMismatch,
                  "Parameter " + name + " of '" + variant + "' must be " + std::to_string(rows) +
                      " x " + std::to_string(cols) + " but the given matrix is " +
                      std::to_string(given->rows()) + " x " + std::to_string(given->cols()) + ".");
    }
    return *given;
  }
  Rng rng(used.seed, name);
  return used.matrices[name] = rng.normalMatrix(rows, cols, stddev);
}

void requireEqual(const std::string& variant, const std::string& what, Index actual,
                  Index expected) {
  if (actual != expected) {
    throw Error(Error::Kind::ShapeMismatch, "'" + variant + "' needs " + what + " to be " +
                                                std::to_string(expected) + ", but it is " +
                                                std::to_string(actual) + ".");
  }
}

void requireDivisible(const std::string& variant, const std::string& what, Index value,
                      const std::string& byWhat, Index by) {
  if (by <= 0 || value % by != 0) {
    throw Error(Error::Kind::InvalidArgument, "'" + variant + "' needs " + what + " (" +
                                                  std::to_string(value) + ") to be divisible by " +
                                                  byWhat + " (" + std::to_string(by) + ").");
  }
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
  r.weights.resize(heads);
  r.masks.resize(heads);
  r.output.resize(n, heads * dvh);
  tbb::parallel_for(Index{0}, heads, [&](Index a) {
    HeadResult h = head(a);
    r.output.middleCols(a * dvh, dvh) = h.output;
    r.weights[a] = std::move(h.weights);
    r.masks[a] = std::move(h.mask);
  });
}

HeadResult scaledDotHead(const MatrixRef& q, const MatrixRef& k, const MatrixRef& v,
                         float scale, bool causal, const CancelToken& cancel) {
  return attendDense(
      q.rows(), k.rows(),
      [&](Index r0, Eigen::Ref<Matrix> s) {
        s.noalias() = q.middleRows(r0, s.rows()) * k.transpose();
        s *= scale;
      },
      v, causal, cancel);
}

}  // namespace atlas::core::variants
