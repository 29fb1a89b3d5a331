#include "result_stream.h"

#include <algorithm>
#include <cstring>

namespace atlas::remote {

using core::Error;
using core::Index;

namespace {

const core::TermKind kTermKinds[] = {core::TermKind::Other,  core::TermKind::Input,
                                     core::TermKind::Scores, core::TermKind::Softmax,
                                     core::TermKind::Values, core::TermKind::Output};

core::Cost toCost(const pb::Cost& in) {
  core::Cost c;
  for (const pb::CostTerm& t : in.terms())
    c.terms.push_back(
        {t.name(), t.flops(), t.exps(), t.bytes(), kTermKinds[std::clamp(int(t.kind()), 0, 5)]});
  c.peak = in.peak();
  c.resident = in.resident();
  c.displayResident = in.display_resident();
  return c;
}

std::string headName(const char* what, Index h) {
  return std::string(what) + "/" + std::to_string(h);
}

}  // namespace

StreamAssembler::StreamAssembler(const core::EngineRequest& request,
                                 std::optional<core::InputDims> requested)
    : m_request(request), m_requested(requested), m_jobs(request.jobs.size()) {}

std::optional<std::size_t> StreamAssembler::add(const pb::ComputeChunk& chunk) {
  if (m_finished) throw malformed("a message after the end of the stream");
  const auto jobOf = [&](int job) -> Pending& {
    if (job < 0 || std::size_t(job) >= m_jobs.size() || m_jobs[std::size_t(job)].outcome)
      throw malformed("a message for job " + std::to_string(job) + ", which is not pending");
    return m_jobs[std::size_t(job)];
  };
  switch (chunk.part_case()) {
    case pb::ComputeChunk::kHeader: {
      Pending& p = jobOf(chunk.header().job());
      if (p.header) throw malformed("a second header for one job");
      p.header = chunk.header();
      return std::nullopt;
    }
    case pb::ComputeChunk::kTensor: {
      const pb::TensorChunk& t = chunk.tensor();
      Pending& p = jobOf(t.job());
      if (!p.header) throw malformed("a tensor before its job's header");
      Blob& b = p.tensors[t.name()];
      if (t.offset() == 0) {
        if (!b.bytes.empty() || t.total() < 0) throw malformed("tensor '" + t.name() + "' twice");
        b.dtype = t.dtype();
        b.shape.assign(t.shape().begin(), t.shape().end());
        b.total = std::size_t(t.total());
        google::protobuf::RepeatedField<std::int64_t> shape(t.shape().begin(), t.shape().end());
        if (tensorBytes(b.dtype, shape, t.name()) != b.total)
          throw malformed("tensor '" + t.name() + "' whose bytes disagree with its shape");
        b.bytes.reserve(b.total);
      }
      if (std::size_t(t.offset()) != b.bytes.size() || b.bytes.size() + t.data().size() > b.total)
        throw malformed("a piece of tensor '" + t.name() + "' out of order");
      b.bytes.append(t.data());
      m_received += double(t.data().size());
      return std::nullopt;
    }
    case pb::ComputeChunk::kEnd: {
      const std::size_t job = std::size_t(chunk.end().job());
      Pending& p = jobOf(chunk.end().job());
      if (!p.header) throw malformed("the end of a job without its header");
      p.outcome = assemble(job, p);
      p.tensors.clear();
      return job;
    }
    case pb::ComputeChunk::kError: {
      const std::size_t job = std::size_t(chunk.error().job());
      Pending& p = jobOf(chunk.error().job());
      core::JobOutcome out;
      out.error = decodeError(chunk.error());
      p.outcome = std::move(out);
      return job;
    }
    case pb::ComputeChunk::kDone:
      for (const Pending& p : m_jobs)
        if (!p.outcome) throw malformed("the end of the stream before every job");
      m_finished = true;
      m_serverSeconds = chunk.done().server_seconds();
      return std::nullopt;
    case pb::ComputeChunk::PART_NOT_SET:
      break;
  }
  throw malformed("an empty message");
}

core::JobOutcome StreamAssembler::take(std::size_t job, double elapsed) {
  Pending& p = m_jobs.at(job);
  if (p.result) {
    core::ComputedOn& on = p.result->computedOn;
    on.transferSeconds = std::max(0.0, elapsed - on.deviceSeconds - on.hostSeconds);
    p.result.reset();
  }
  return *p.outcome;
}

core::JobOutcome StreamAssembler::assemble(std::size_t job, Pending& p) {
  const pb::JobHeader& h = *p.header;
  const auto need = [&](const std::string& name, pb::Tensor::DType dtype,
                        std::vector<std::int64_t> shape) -> Blob& {
    auto it = p.tensors.find(name);
    if (it == p.tensors.end()) throw malformed("tensor '" + name + "' is missing");
    Blob& b = it->second;
    if (b.bytes.size() != b.total) throw malformed("tensor '" + name + "' is incomplete");
    if (b.dtype != dtype) throw malformed("tensor '" + name + "' has the wrong type");
    if (!shape.empty() && b.shape != shape)
      throw malformed("tensor '" + name + "' has the wrong shape");
    return b;
  };
  const auto matrixOf = [&](const std::string& name) {
    Blob& b = need(name, pb::Tensor::F32, {});
    if (b.shape.size() != 2) throw malformed("tensor '" + name + "' is not a matrix");
    core::Matrix m(b.shape[0], b.shape[1]);
    if (b.total) std::memcpy(m.data(), b.bytes.data(), b.total);
    return m;
  };
  const auto maskOf = [&](const std::string& name, Index rows, Index cols) {
    Blob& b = need(name, pb::Tensor::U8, {rows, cols});
    core::MaskMatrix m(rows, cols);
    if (b.total) std::memcpy(m.data(), b.bytes.data(), b.total);
    return m;
  };
  const auto vectorOf = [&]<typename T>(const std::string& name, pb::Tensor::DType dtype,
                                        std::vector<T>& out) {
    Blob& b = need(name, dtype, {});
    if (b.shape.size() != 1) throw malformed("tensor '" + name + "' is not a vector");
    out.resize(std::size_t(b.shape[0]));
    if (b.total) std::memcpy(out.data(), b.bytes.data(), b.total);
  };

  auto r = std::make_shared<core::VariantResult>();
  r->variant = h.variant();
  r->params.seed = h.params().seed();
  r->params.numbers.insert(h.params().numbers().begin(), h.params().numbers().end());
  r->params.texts.insert(h.params().texts().begin(), h.params().texts().end());
  for (const auto& [name, blob] : p.tensors)
    if (name.rfind("param/", 0) == 0) r->params.matrices[name.substr(6)] = matrixOf(name);
  r->dims = toDims(h.dims());
  r->requested = m_requested ? *m_requested : toDims(h.requested());
  r->cost = toCost(h.cost());
  r->scoreEvaluations = h.score_evaluations();
  r->componentNames.assign(h.component_names().begin(), h.component_names().end());
  r->output = matrixOf("output");
  const Index heads = h.heads(), rows = h.weight_rows(), cols = h.weight_cols();
  if (heads < 0 || rows < 0 || cols < 0) throw malformed("negative sizes");
  switch (h.weights()) {
    case pb::WEIGHTS_DENSE: {
      core::DenseWeights w;
      for (Index i = 0; i < heads; ++i) {
        w.weights.push_back(matrixOf(headName("weights", i)));
        w.masks.push_back(maskOf(headName("mask", i), rows, cols));
        if (p.tensors.count(headName("components", i)))
          w.components.push_back(maskOf(headName("components", i), rows, cols));
        if (w.weights.back().rows() != rows || w.weights.back().cols() != cols)
          throw malformed("weights of the wrong shape");
      }
      r->setDense(std::move(w));
      break;
    }
    case pb::WEIGHTS_POOLED: {
      core::PooledWeights w;
      w.max = h.pooled_max();
      for (Index i = 0; i < heads; ++i) {
        w.cells.push_back(matrixOf(headName("cells", i)));
        w.masks.push_back(maskOf(headName("mask", i), rows, cols));
        if (w.cells.back().rows() != rows || w.cells.back().cols() != cols)
          throw malformed("pooled cells of the wrong shape");
      }
      r->setPooled(std::move(w));
      break;
    }
    case pb::WEIGHTS_SPARSE: {
      if (h.pattern_of_head_size() != heads || h.head_component_size() != heads)
        throw malformed("sparse heads without their patterns");
      std::map<int, std::shared_ptr<const core::SparsePattern>> patterns;
      core::SparseHeads w;
      for (Index i = 0; i < heads; ++i) {
        const int id = h.pattern_of_head(int(i));
        auto& pattern = patterns[id];
        if (!pattern) {
          auto s = std::make_shared<core::SparsePattern>();
          const std::string base = "pattern/" + std::to_string(id) + "/";
          s->n = rows;
          s->m = cols;
          vectorOf(base + "row_start", pb::Tensor::I64, s->rowStart);
          vectorOf(base + "cols", pb::Tensor::I64, s->cols);
          if (p.tensors.count(base + "component"))
            vectorOf(base + "component", pb::Tensor::U8, s->component);
          if (p.tensors.count(base + "multiplicity"))
            vectorOf(base + "multiplicity", pb::Tensor::F32, s->multiplicity);
          const auto& rs = s->rowStart;
          bool ok = rs.size() == std::size_t(rows) + 1 && rs.front() == 0 &&
                    rs.back() == Index(s->cols.size()) && std::is_sorted(rs.begin(), rs.end()) &&
                    std::all_of(s->cols.begin(), s->cols.end(),
                                [&](Index c) { return c >= 0 && c < cols; }) &&
                    (s->component.empty() || s->component.size() == s->cols.size()) &&
                    (s->multiplicity.empty() || s->multiplicity.size() == s->cols.size());
          if (!ok) throw malformed("a sparse pattern that does not fit its sizes");
          pattern = std::move(s);
        }
        core::SparseWeights sw;
        sw.pattern = pattern;
        sw.headComponent = std::uint8_t(h.head_component(int(i)));
        vectorOf(headName("values", i), pb::Tensor::F32, sw.values);
        if (sw.values.size() != pattern->nnz()) throw malformed("sparse values of the wrong size");
        w.push_back(std::move(sw));
      }
      r->setSparse(std::move(w));
      break;
    }
    default:
      break;
  }
  const pb::TraceInfo& ti = h.trace();
  core::Trace& tr = r->trace;
  if (ti.has_tiles())
    tr.tiles = core::Trace::Tiles{ti.tile_rows(),
                                  ti.tile_cols(),
                                  matrixOf("trace/tiles/order"),
                                  matrixOf("trace/tiles/running_max"),
                                  matrixOf("trace/tiles/running_sum"),
                                  ti.tiles_causal()};
  if (ti.has_pages())
    tr.pages = core::Trace::Pages{ti.page_size(), matrixOf("trace/pages/block_table"),
                                  matrixOf("trace/pages/pool_order")};
  if (ti.has_routing())
    tr.routing = core::Trace::Routing{ti.routing_block(), matrixOf("trace/routing/routing"),
                                      matrixOf("trace/routing/block_scores")};
  if (p.tensors.count("trace/reduced_weights"))
    tr.reducedWeights = matrixOf("trace/reduced_weights");
  if (ti.has_orders())
    tr.orders = core::Trace::Orders{ti.order_features(), ti.orders_causal(),
                                    matrixOf("trace/orders/flops"), ti.orders_random_features()};
  for (int i = 0; i < ti.bucket_heads(); ++i) {
    vectorOf(headName("trace/query_buckets", i), pb::Tensor::I32, tr.queryBuckets.emplace_back());
    if (p.tensors.count(headName("trace/key_buckets", i)))
      vectorOf(headName("trace/key_buckets", i), pb::Tensor::I32, tr.keyBuckets.emplace_back());
  }
  const pb::Provenance& pv = h.provenance();
  r->computedOn = {pv.device().empty() ? std::string("remote device") : pv.device(),
                   decodeExecution(pv.execution()), pv.device_seconds(), pv.host_seconds(), 0};
  r->seconds = pv.device_seconds();

  core::JobOutcome out;
  if (m_request.loaded) {
    out.inputs = m_request.loaded;
  } else {
    // The inputs are not sent back: the engine's generator makes them again from the spec,
    // once per shape.
    const auto same = [&](const auto& g) { return g.first == r->dims; };
    auto it = std::find_if(m_generated.begin(), m_generated.end(), same);
    if (it == m_generated.end())
      it = m_generated.insert(m_generated.end(),
                              {r->dims, std::make_shared<const core::Inputs>(
                                            core::generateInputs(m_request.spec, r->dims))});
    out.inputs = it->second;
  }
  if (job < m_request.jobs.size() && m_request.jobs[job].variant->id() != r->variant)
    throw malformed("a result of '" + r->variant + "' for a job of another variant");
  // A server without the cost model (another stack) sends none: this one's, at its sizes.
  if (r->cost.terms.empty() && job < m_request.jobs.size())
    r->cost = m_request.jobs[job].variant->cost(r->dims, r->params);
  p.result = r;
  out.result = std::move(r);
  return out;
}

}  // namespace atlas::remote
