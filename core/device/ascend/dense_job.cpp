// The dense and sliding-window jobs: natively through aclnnFlashAttentionScore, with the weights
// for display recomputed from its softmax statistics, or composed from aclnn's matmul, softmax
// and elementwise operators (the weights then being the P of the output path).
#include "acl_ops.h"
#include "device_job.h"

#include "core/variants/common.h"

#include <limits>

namespace atlas::core::ascend {

namespace {

using Kind = AttentionPlan::Kind;
using Scores = AttentionPlan::Scores;

constexpr std::int64_t kNoLimit = 2147483647;  // preTokens / nextTokens: every key
constexpr Index kStatWidth = 8;                // softmaxMax / softmaxSum: [B, N, S1, 8]

class DenseJob final : public DeviceJob {
 public:
  DenseJob(DeviceContext& device, Arena& arena, const AttentionPlan& plan, const Inputs& in,
           ParamSet& used, const std::string& variant)
      : m_device(device), m_arena(arena), m_plan(plan), m_n(in.q.rows()), m_m(in.k.rows()) {
    const Index h = plan.heads, keys = plan.keys;
    uploadOperands(in, used, variant);
    m_v = uploadMatrix(arena, in.v, keys);  // the first `keys` rows of V
    if (plan.kind == Kind::Window) m_pattern = windowPattern(m_n, keys, plan.window, plan.causal);
    m_weights = allocMatrix(arena, h * m_n, keys);  // head a: rows [a n, (a + 1) n)
    if (native()) {
      m_out = allocMatrix(arena, m_n, h * plan.dh);  // BSH: heads side by side
      m_max = allocMatrix(arena, h * m_n, kStatWidth);
      m_sum = allocMatrix(arena, h * m_n, kStatWidth);
      prepareFusedMask();
    } else {
      m_scores = allocMatrix(arena, h * m_n, keys);
      m_out = allocMatrix(arena, h * m_n, plan.dvh);  // head a: rows [a n, (a + 1) n)
      if (plan.causal || plan.kind == Kind::Window) m_mask = uploadMask({m_n, keys});
    }
  }

  void launchOutput(const CancelToken& cancel) override {
    if (native()) {
      launchFused(cancel);
      return;
    }
    const Index h = m_plan.heads, dh = m_plan.dh, dvh = m_plan.dvh;
    if (m_plan.scores == Scores::Bilinear) {
      cancel.throwIfCancelled();
      ops::matmul(m_arena, whole(m_arena, m_q), whole(m_arena, m_w), whole(m_arena, m_a));
    }
    for (Index a = 0; a < h; ++a) {
      cancel.throwIfCancelled();
      ops::matmul(m_arena, columns(m_arena, m_a, a * dh, dh),
                  columnsTransposed(m_arena, m_b, m_plan.groupOf(a) * dh, dh),
                  headBlock(m_scores, a));
    }
    cancel.throwIfCancelled();
    aclTensor* scores = stacked(m_scores);
    ops::scale(m_arena, scores, m_plan.scale);
    if (m_mask) ops::maskedFill(m_arena, scores, m_mask, -std::numeric_limits<float>::infinity());
    ops::softmax(m_arena, scores, 2, stacked(m_weights));
    for (Index a = 0; a < h; ++a) {
      cancel.throwIfCancelled();
      ops::matmul(m_arena, headBlock(m_weights, a),
                  columns(m_arena, m_v, m_plan.groupOf(a) * dvh, dvh), headBlock(m_out, a));
    }
  }

  void launchWeights(const CancelToken& cancel) override {
    if (!native()) return;
    // P = exp(scale Q K^T - max) / sum, per head, with the operator's own max and sum per row:
    // the weights it applied to V (the masked pairs are set to 0 on the host).
    const Index h = m_plan.heads, dh = m_plan.dh;
    for (Index a = 0; a < h; ++a) {
      cancel.throwIfCancelled();
      ops::matmul(m_arena, columns(m_arena, m_a, a * dh, dh),
                  columnsTransposed(m_arena, m_b, m_plan.groupOf(a) * dh, dh),
                  headBlock(m_weights, a));
    }
    cancel.throwIfCancelled();
    aclTensor* p = stacked(m_weights);
    ops::scale(m_arena, p, m_plan.scale);
    ops::subtract(m_arena, p, statistic(m_max));
    ops::exponentiate(m_arena, p);
    ops::divide(m_arena, p, statistic(m_sum));
  }

  void finish(VariantResult& r, bool weights) override {
    const Index h = m_plan.heads, n = m_n, keys = m_plan.keys;
    if (native()) {
      r.output.resize(n, h * m_plan.dh);
      m_arena.download(r.output.data(), m_out.data, bytes(m_out.size()));
    } else {
      Matrix blocks(h * n, m_plan.dvh);
      m_arena.download(blocks.data(), m_out.data, bytes(m_out.size()));
      r.output.resize(n, h * m_plan.dvh);
      for (Index a = 0; a < h; ++a)
        r.output.middleCols(a * m_plan.dvh, m_plan.dvh) = blocks.middleRows(a * n, n);
    }
    // A query row with no key in its window gets zeros, as softmaxRowPrefix gives it.
    if (m_pattern)
      for (Index i = 0; i < n; ++i)
        if (m_pattern->rowSize(i) == 0) r.output.row(i).setZero();
    r.scoreEvaluations = m_pattern ? std::uint64_t(m_pattern->nnz())
                                   : std::uint64_t(h) * std::uint64_t(n) * std::uint64_t(keys);
    if (!weights) return;
    if (m_pattern) {
      Matrix head(n, keys);
      m_arena.download(head.data(), m_weights.data, bytes(head.size()));
      SparseWeights w{m_pattern, {}, 0};
      w.values.reserve(m_pattern->nnz());
      for (Index i = 0; i < n; ++i)
        for (Index a = m_pattern->rowStart[std::size_t(i)];
             a < m_pattern->rowStart[std::size_t(i) + 1]; ++a)
          w.values.push_back(head(i, m_pattern->cols[std::size_t(a)]));
      r.setSparse({std::move(w)});
      return;
    }
    DenseWeights dense;
    for (Index a = 0; a < h; ++a) {
      // The mask of attendScaledDot on the first `keys` keys, widened as padKeys widens it.
      Matrix w = Matrix::Zero(n, m_m);
      MaskMatrix mask = MaskMatrix::Zero(n, m_m);
      Matrix head(n, keys);
      m_arena.download(head.data(), m_weights.data + a * n * keys, bytes(head.size()));
      for (Index i = 0; i < n; ++i) {
        const Index allowed = allowedKeys(i, keys, m_plan.causal);
        w.row(i).head(allowed) = head.row(i).head(allowed);
        mask.row(i).head(allowed).setOnes();
      }
      dense.weights.push_back(std::move(w));
      dense.masks.push_back(std::move(mask));
    }
    r.setDense(std::move(dense));
  }

 private:
  bool native() const { return m_plan.execution == Execution::Native; }
  static std::size_t bytes(std::int64_t floats) { return std::size_t(floats) * sizeof(float); }

  /// The scores' operands: A (n x heads dh) and B (keys x groups dh) of S = A B^T.
  void uploadOperands(const Inputs& in, ParamSet& used, const std::string& variant) {
    const Index keys = m_plan.keys;
    switch (m_plan.scores) {
      case Scores::Dot:
        m_a = uploadMatrix(m_arena, in.q);
        m_b = uploadMatrix(m_arena, in.k, keys);
        break;
      case Scores::Distance: {
        // -|q - k|^2 / 2 = q.k - |k|^2 / 2 - |q|^2 / 2, whose last term the softmax drops.
        const Index d = in.k.cols();
        Matrix qx(in.q.rows(), d + 1), kx(in.k.rows(), d + 1);
        qx.leftCols(d) = in.q;
        qx.col(d).setOnes();
        kx.leftCols(d) = in.k;
        kx.col(d) = -0.5f * in.k.rowwise().squaredNorm();
        m_a = uploadMatrix(m_arena, qx);
        m_b = uploadMatrix(m_arena, kx, keys);
        break;
      }
      case Scores::Bilinear: {
        // W drawn and recorded exactly as the CPU variant draws it.
        const Matrix& w = variants::paramMatrix(used, variant, "W", in.q.cols(), in.k.cols(),
                                                1.0 / std::sqrt(double(in.q.cols())));
        m_q = uploadMatrix(m_arena, in.q);
        m_w = uploadMatrix(m_arena, w);
        m_a = allocMatrix(m_arena, in.q.rows(), in.k.cols());  // Q W, formed on the device
        m_b = uploadMatrix(m_arena, in.k, keys);
        break;
      }
    }
  }

  /// The masked pairs (1) of an n x keys head: causal's j > i, or those outside the window.
  std::vector<std::uint8_t> maskBytes() const {
    const Index n = m_n, keys = m_plan.keys;
    std::vector<std::uint8_t> masked(std::size_t(n * keys), 1);
    for (Index i = 0; i < n; ++i) {
      std::uint8_t* row = masked.data() + i * keys;
      if (m_pattern) {
        for (Index a = m_pattern->rowStart[std::size_t(i)];
             a < m_pattern->rowStart[std::size_t(i) + 1]; ++a)
          row[m_pattern->cols[std::size_t(a)]] = 0;
      } else {
        std::fill(row, row + allowedKeys(i, keys, m_plan.causal), std::uint8_t{0});
      }
    }
    return masked;
  }

  aclTensor* uploadMask(std::vector<std::int64_t> shape) {
    const std::vector<std::uint8_t> masked = maskBytes();
    void* data = m_arena.upload(masked.data(), masked.size());
    return m_arena.tensor(data, std::int64_t(masked.size()), ACL_BOOL, std::move(shape));
  }

  /// The fused operator's mask: none, leftUpCausal (2) or band (4) with the compressed mask, or
  /// the whole band (allMask, 1) when N != M, where a band's origin would not be the CPU's.
  void prepareFusedMask() {
    const Index n = m_n, keys = m_plan.keys, w = m_plan.window;
    bool causal = m_plan.causal;
    const bool window = m_plan.kind == Kind::Window && w < std::max(n, keys) - 1;
    auto compressed = [&] {
      return m_arena.tensor(m_device.compressedCausalMask(), 2048 * 2048, ACL_BOOL, {2048, 2048});
    };
    if (window && n == keys) {
      m_sparseMode = 4;
      m_mask = compressed();
      m_preTokens = w;
      m_nextTokens = causal ? 0 : w;
    } else if (window) {
      m_sparseMode = 1;
      m_mask = uploadMask({n, keys});
      for (Index i = 0; i < n; ++i)
        if (m_pattern->rowSize(i) == 0) m_innerPrecise = 2;  // rows without a key
    } else if (causal) {
      m_sparseMode = 2;
      m_mask = compressed();
      m_nextTokens = 0;
    }
  }

  void launchFused(const CancelToken& cancel) {
    const Index h = m_plan.heads;
    ops::FlashAttention f;
    f.query = bsh(m_a);
    f.key = bsh(m_b);
    f.value = bsh(m_v);
    f.mask = m_mask;
    f.scale = m_plan.scale;
    f.preTokens = m_preTokens;
    f.nextTokens = m_nextTokens;
    f.heads = h;
    f.innerPrecise = m_innerPrecise;
    f.sparseMode = m_sparseMode;
    f.softmaxMax = m_arena.tensor(m_max.data, m_max.size(), ACL_FLOAT, {1, h, m_n, kStatWidth});
    f.softmaxSum = m_arena.tensor(m_sum.data, m_sum.size(), ACL_FLOAT, {1, h, m_n, kStatWidth});
    f.softmaxOut = m_arena.tensor(nullptr, 0, ACL_FLOAT, {0});
    f.out = bsh(m_out);
    cancel.throwIfCancelled();
    ops::flashAttention(m_arena, f);
  }

  /// `m` as one batch of the "BSH" layout: 1 x rows x cols.
  aclTensor* bsh(const DeviceMatrix& m) {
    return m_arena.tensor(m.data, m.size(), ACL_FLOAT, {1, m.rows, m.cols});
  }
  /// The heads x n x cols view of a matrix of `heads` blocks of n rows.
  aclTensor* stacked(const DeviceMatrix& m) {
    return m_arena.tensor(m.data, m.size(), ACL_FLOAT, {m_plan.heads, m_n, m.cols});
  }
  /// Block `a` (rows [a n, (a + 1) n)) of such a matrix, as n x cols.
  aclTensor* headBlock(const DeviceMatrix& m, Index a) {
    return m_arena.tensor(m.data, m.size(), ACL_FLOAT, {m_n, m.cols}, {m.cols, 1},
                          a * m_n * m.cols);
  }
  /// The first of each row's 8 copies of a softmax statistic: heads x n x 1, broadcast by the
  /// elementwise operators over the keys.
  aclTensor* statistic(const DeviceMatrix& s) {
    return m_arena.tensor(s.data, s.size(), ACL_FLOAT, {m_plan.heads, m_n, 1},
                          {m_n * kStatWidth, kStatWidth, 1});
  }

  DeviceContext& m_device;
  Arena& m_arena;
  AttentionPlan m_plan;
  Index m_n, m_m;
  std::shared_ptr<const SparsePattern> m_pattern;  // Window only
  DeviceMatrix m_q, m_w, m_a, m_b, m_v, m_weights, m_scores, m_out, m_max, m_sum;
  aclTensor* m_mask = nullptr;
  std::int64_t m_sparseMode = 0, m_innerPrecise = 0;
  std::int64_t m_preTokens = kNoLimit, m_nextTokens = kNoLimit;
};

}  // namespace

std::unique_ptr<DeviceJob> makeDeviceJob(DeviceContext& device, Arena& arena,
                                         const AttentionPlan& plan, const Inputs& inputs,
                                         ParamSet& used, const std::string& variant) {
  if (plan.kind == Kind::Paged) return makePagedJob(device, arena, plan, inputs, used);
  return std::make_unique<DenseJob>(device, arena, plan, inputs, used, variant);
}

}  // namespace atlas::core::ascend
