// The paged job: one decoding step of PagedAttention through ATB's PagedAttentionOperation
// (atb/atb_infer.h, atb::infer::PagedAttentionParam), which reads a float16 key/value cache of
// shuffled pages through a block table; the weights for display (the operator returns none) by
// a composed softmax of the last query's scores.
#include "acl_ops.h"
#include "device_job.h"

#include <atb/atb_infer.h>

#include <algorithm>
#include <initializer_list>

namespace atlas::core::ascend {

namespace {

/// An ND atb::Tensor over device memory.
atb::Tensor atbTensor(void* data, aclDataType type, std::initializer_list<std::int64_t> shape,
                      std::uint64_t bytes) {
  atb::Tensor t;
  t.desc.dtype = type;
  t.desc.format = ACL_FORMAT_ND;
  t.desc.shape.dimNum = shape.size();
  std::copy(shape.begin(), shape.end(), t.desc.shape.dims);
  t.deviceData = data;
  t.dataSize = bytes;
  return t;
}

using Half = Eigen::half;

class PagedJob final : public DeviceJob {
 public:
  PagedJob(DeviceContext& device, Arena& arena, const AttentionPlan& plan, const Inputs& in,
           const ParamSet& used)
      : m_device(device),
        m_arena(arena),
        m_plan(plan),
        m_m(in.k.rows()),
        m_dk(in.k.cols()),
        m_dv(in.v.cols()),
        m_pages(ceilDiv(m_m, plan.page)),
        m_table(pagedBlockTable(used.seed, m_pages)) {
    const Index page = plan.page;
    // The cache write a serving system does as tokens arrive: page table[l] of the pool holds
    // rows [l p, l p + p) of K and V (the last page may be partly empty), in float16, the
    // operator's type.
    std::vector<Half> kPool(std::size_t(m_pages * page * m_dk), Half(0.0f));
    std::vector<Half> vPool(std::size_t(m_pages * page * m_dv), Half(0.0f));
    for (Index l = 0; l < m_pages; ++l)
      for (Index r = 0; r < std::min(page, m_m - l * page); ++r) {
        const Index slot = m_table[std::size_t(l)] * page + r, row = l * page + r;
        for (Index c = 0; c < m_dk; ++c) kPool[std::size_t(slot * m_dk + c)] = Half(in.k(row, c));
        for (Index c = 0; c < m_dv; ++c) vPool[std::size_t(slot * m_dv + c)] = Half(in.v(row, c));
      }
    std::vector<Half> query(static_cast<std::size_t>(m_dk));
    for (Index c = 0; c < m_dk; ++c) query[std::size_t(c)] = Half(in.q(in.q.rows() - 1, c));
    std::vector<std::int32_t> table(m_table.begin(), m_table.end());
    m_kCache = arena.upload(kPool.data(), kPool.size() * sizeof(Half));
    m_vCache = arena.upload(vPool.data(), vPool.size() * sizeof(Half));
    m_query = arena.upload(query.data(), query.size() * sizeof(Half));
    m_blockTable = arena.upload(table.data(), table.size() * sizeof(std::int32_t));
    m_contextLengthHost = std::int32_t(m_m);
    m_contextLength = arena.upload(&m_contextLengthHost, sizeof(std::int32_t));
    m_out = arena.alloc(std::size_t(m_dv) * sizeof(Half));
    // The weights: the last query's scores against K in logical order, in float32.
    const Matrix last = in.q.bottomRows(1);
    m_q32 = uploadMatrix(arena, last);
    m_k32 = uploadMatrix(arena, in.k);
    m_scores = allocMatrix(arena, 1, m_m);
    m_weights = allocMatrix(arena, 1, m_m);

    atb::infer::PagedAttentionParam param;
    param.headNum = 1;
    param.kvHeadNum = 1;
    param.qkScale = plan.scale;
    param.maskType = atb::infer::PagedAttentionParam::UNDEFINED;
    check(atb::CreateOperation(param, &m_operation), "atb::CreateOperation (PagedAttention)");
  }

  ~PagedJob() override {
    // The operation may still be on the stream when a failure unwinds past it.
    aclrtSynchronizeStream(m_arena.stream());
    atb::DestroyOperation(m_operation);
  }

  void launchOutput(const CancelToken& cancel) override {
    atb::VariantPack pack;
    pack.inTensors.push_back(atbTensor(m_query, ACL_FLOAT16, {1, 1, m_dk}, 2 * m_dk));
    pack.inTensors.push_back(atbTensor(m_kCache, ACL_FLOAT16, {m_pages, m_plan.page, 1, m_dk},
                                       2 * std::uint64_t(m_pages * m_plan.page * m_dk)));
    pack.inTensors.push_back(atbTensor(m_vCache, ACL_FLOAT16, {m_pages, m_plan.page, 1, m_dv},
                                       2 * std::uint64_t(m_pages * m_plan.page * m_dv)));
    pack.inTensors.push_back(
        atbTensor(m_blockTable, ACL_INT32, {1, m_pages}, 4 * std::uint64_t(m_pages)));
    atb::Tensor lengths = atbTensor(m_contextLength, ACL_INT32, {1}, 4);
    lengths.hostData = &m_contextLengthHost;  // the operator reads the lengths on the host
    pack.inTensors.push_back(lengths);
    pack.outTensors.push_back(atbTensor(m_out, ACL_FLOAT16, {1, 1, m_dv}, 2 * m_dv));
    cancel.throwIfCancelled();
    std::uint64_t size = 0;
    check(m_operation->Setup(pack, size, m_device.atb()), "atb PagedAttentionOperation Setup");
    void* workspace = m_arena.workspace(size);
    check(m_operation->Execute(pack, static_cast<std::uint8_t*>(workspace), size, m_device.atb()),
          "atb PagedAttentionOperation Execute");
  }

  void launchWeights(const CancelToken& cancel) override {
    cancel.throwIfCancelled();
    ops::matmul(m_arena, whole(m_arena, m_q32), columnsTransposed(m_arena, m_k32, 0, m_dk),
                whole(m_arena, m_scores));
    ops::scale(m_arena, whole(m_arena, m_scores), m_plan.scale);
    ops::softmax(m_arena, whole(m_arena, m_scores), 1, whole(m_arena, m_weights));
  }

  void finish(VariantResult& r, bool weights) override {
    std::vector<Half> out(static_cast<std::size_t>(m_dv));
    m_arena.download(out.data(), m_out, out.size() * sizeof(Half));
    r.output.resize(1, m_dv);
    for (Index c = 0; c < m_dv; ++c) r.output(0, c) = static_cast<float>(out[std::size_t(c)]);
    r.scoreEvaluations = std::uint64_t(m_m);
    if (weights) {
      DenseWeights dense;
      dense.weights.emplace_back(1, m_m);
      m_arena.download(dense.weights.back().data(), m_weights.data,
                       std::size_t(m_m) * sizeof(float));
      dense.masks.push_back(MaskMatrix::Ones(1, m_m));
      r.setDense(std::move(dense));
    }
    Matrix blockTable(m_pages, 1), poolOrder(m_pages, 1);
    for (Index l = 0; l < m_pages; ++l) {
      blockTable(l, 0) = float(m_table[std::size_t(l)]);
      poolOrder(m_table[std::size_t(l)], 0) = float(l);
    }
    r.trace.pages = Trace::Pages{m_plan.page, std::move(blockTable), std::move(poolOrder)};
  }

 private:
  DeviceContext& m_device;
  Arena& m_arena;
  AttentionPlan m_plan;
  Index m_m, m_dk, m_dv, m_pages;
  std::vector<Index> m_table;
  void *m_kCache = nullptr, *m_vCache = nullptr, *m_query = nullptr, *m_blockTable = nullptr;
  void *m_contextLength = nullptr, *m_out = nullptr;
  std::int32_t m_contextLengthHost = 0;
  DeviceMatrix m_q32, m_k32, m_scores, m_weights;
  atb::Operation* m_operation = nullptr;
};

}  // namespace

std::unique_ptr<DeviceJob> makePagedJob(DeviceContext& device, Arena& arena,
                                        const AttentionPlan& plan, const Inputs& inputs,
                                        const ParamSet& used) {
  return std::make_unique<PagedJob>(device, arena, plan, inputs, used);
}

}  // namespace atlas::core::ascend
