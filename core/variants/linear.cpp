#include "common.h"
#include "feature_map_attention.h"

#include <algorithm>
#include <cstring>

namespace atlas::core::variants {
namespace {

/// phi(x) = elu(x) + 1 (Katharopoulos et al. 2020, "Transformers are RNNs"), applied to the rows
/// of Q and K; the output in the cheap order phi(Q) (phi(K)^T V) / phi(Q) (phi(K)^T 1), the
/// N x M implied weights only for display (feature_map_attention.h).
class Linear final : public Variant {
 public:
  std::string id() const override { return "linear"; }
  const char* label() const override { return ATLAS_TR_NOOP("VariantLabels", "Linear attention"); }
  Family family() const override { return Family::Reordered; }
  std::string description() const override {
    return "Linear attention: phi(Q) (phi(K)^T V) with phi = elu + 1, linear in the sequence "
           "length.";
  }
  std::vector<ParamSpec> params() const override { return {causalSpec()}; }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double n = double(d.n), m = double(d.m), dk = double(d.dk);
    Cost c;
    c.add(TermKind::Input, 0, 0, 4.0 * (n * d.dq + m * dk + m * d.dv));
    // elu(x) + 1, branch-free: x + 1 and exp(x) for every entry, the select (a comparison) free.
    c.add("phi = elu + 1", (n + m) * dk, (n + m) * dk, 0);
    addCheapOrderTerms(c, d, dk, p.flag("causal"));
    // Causal: the exclusive scan over the chunk totals, chunks - 1 adds of the dk x (dv + 1) state.
    if (p.flag("causal"))
      c.add(ATLAS_TR_NOOP("CostTerms", "prefix scan"),
            double(CausalChunks(d.n).chunks - 1) * dk * (d.dv + 1.0), 0, 0);
    c.add(TermKind::Output, 0, 0, 4.0 * n * d.dv);
    // phi(Q), phi(K) and the state (causal: one per chunk).
    const double states = p.flag("causal") ? double(CausalChunks(d.n).chunks) : 1.0;
    c.peak = 4.0 * ((n + m) * dk + states * dk * (d.dv + 1.0));
    c.resident = resultBytes(1, d.n, d.m, d.dv) + 8.0;      // + trace.orders
    c.displayResident = resultBytes(1, d.n, d.m, 0) + 8.0;  // all but the output
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    return run(in, p, true, cancel);
  }
  /// Without the implied weights and the two orders' flops, which only the views show.
  VariantResult computeOutput(const Inputs& in, const ParamSet& p,
                              const CancelToken& cancel) const override {
    return run(in, p, false, cancel);
  }

 private:
  VariantResult run(const Inputs& in, const ParamSet& p, bool display,
                    const CancelToken& cancel) const {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    // elu(x) + 1 = max(x, 0) + exp(min(x, 0)): x + 1 above 0, exp(x) below, branch-free and
    // vectorised (a select evaluates element by element).
    auto phi = [](const MatrixRef& x) -> Matrix {
      return (x.array().max(0.0f) + x.array().min(0.0f).exp()).matrix();
    };
    const Matrix phiQ = phi(in.q), phiK = phi(in.k);
    return featureMapResult(startResult(*this, in, p), phiQ, phiK, in.v, p.flag("causal"), display,
                            cancel);
  }
};

}  // namespace

/// 16 floats: one AVX-512 register, two AVX2 or four SSE ones. Only ever a local of the
/// kernel below, so it never crosses a call (whose ABI would depend on the instruction set).
using Lane = float __attribute__((vector_size(64)));

__attribute__((target_clones("avx512f", "avx2", "default"))) void impliedProduct(
    const float* a, Index lda, Index rows, const float* bt, Index ldb, Index f, Index cols,
    float* c, Index ldc) {
  constexpr Index kRows = 4, kLanes = 2, kCols = kLanes * 16;  // one tile: 4 rows x 32 columns
  for (Index i = 0; i < rows; i += kRows) {
    const Index tileRows = std::min(kRows, rows - i);
    Index j = 0;
    if (tileRows == kRows) {
      for (; j + kCols <= cols; j += kCols) {
        Lane acc[kRows][kLanes] = {};
        for (Index p = 0; p < f; ++p) {
          Lane b0, b1;
          std::memcpy(&b0, bt + p * ldb + j, sizeof b0);
          std::memcpy(&b1, bt + p * ldb + j + 16, sizeof b1);
          for (Index r = 0; r < kRows; ++r) {
            const float x = a[(i + r) * lda + p];
            acc[r][0] += x * b0;
            acc[r][1] += x * b1;
          }
        }
        for (Index r = 0; r < kRows; ++r) {
          std::memcpy(c + (i + r) * ldc + j, &acc[r][0], sizeof(Lane));
          std::memcpy(c + (i + r) * ldc + j + 16, &acc[r][1], sizeof(Lane));
        }
      }
    }
    for (Index r = 0; r < tileRows; ++r)  // the columns (and rows) left over: plain sums
      for (Index jj = j; jj < cols; ++jj) {
        float sum = 0;
        for (Index p = 0; p < f; ++p) sum += a[(i + r) * lda + p] * bt[p * ldb + jj];
        c[(i + r) * ldc + jj] = sum;
      }
  }
}

const Variant& linearVariant() {
  static const Linear v;
  return v;
}

}  // namespace atlas::core::variants
