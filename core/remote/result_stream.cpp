#include "result_stream.h"

#include "core/variant_registry.h"

#include <algorithm>
#include <cstring>

namespace atlas::remote {

using core::Error;
using core::Index;

Error malformed(const std::string& what) {
  return Error(Error::Kind::Device,
               ATLAS_TR_NOOP("CoreErrors", "The device sent a malformed result: %1."), {what});
}

namespace {

const core::TermKind kTermKinds[] = {core::TermKind::Other,  core::TermKind::Input,
                                     core::TermKind::Scores, core::TermKind::Softmax,
                                     core::TermKind::Values, core::TermKind::Output};

pb::TermKind encodeTerm(core::TermKind k) {
  for (int i = 0; i < 6; ++i)
    if (kTermKinds[i] == k) return static_cast<pb::TermKind>(i);
  return pb::TERM_OTHER;
}

void putCost(pb::Cost* out, const core::Cost& c) {
  for (const core::CostTerm& t : c.terms) {
    pb::CostTerm* o = out->add_terms();
    o->set_name(t.name);
    o->set_flops(t.flops);
    o->set_exps(t.exps);
    o->set_bytes(t.bytes);
    o->set_kind(encodeTerm(t.kind));
  }
  out->set_peak(c.peak);
  out->set_resident(c.resident);
  out->set_display_resident(c.displayResident);
}

std::string headName(const char* what, Index h) {
  return std::string(what) + "/" + std::to_string(h);
}

}  // namespace

ResultWriter::ResultWriter(Sink sink, std::size_t chunkBytes)
    : m_sink(std::move(sink)), m_chunk(std::max<std::size_t>(chunkBytes, 1024)) {}

bool ResultWriter::tensor(int job, const std::string& name, pb::Tensor::DType dtype,
                          std::vector<std::int64_t> shape, const void* data, std::size_t bytes) {
  const char* p = static_cast<const char*>(data);
  std::size_t offset = 0;
  do {
    const std::size_t piece = std::min(m_chunk, bytes - offset);
    pb::ComputeChunk c;
    pb::TensorChunk* t = c.mutable_tensor();
    t->set_job(job);
    t->set_name(name);
    if (offset == 0) {
      t->set_dtype(dtype);
      for (const auto s : shape) t->add_shape(s);
    }
    t->set_offset(std::int64_t(offset));
    t->set_total(std::int64_t(bytes));
    t->set_data(p + offset, piece);
    if (!m_sink(c)) return false;
    offset += piece;
  } while (offset < bytes);
  return true;
}

bool ResultWriter::write(int job, const core::JobOutcome& outcome, const core::ComputedOn& on,
                         bool omitWeights) {
  if (!outcome.ok()) {
    pb::ComputeChunk c;
    *c.mutable_error() =
        encodeError(job, outcome.error ? *outcome.error
                                       : Error(Error::Kind::InvalidArgument,
                                               ATLAS_TR_NOOP("CoreErrors", "The job failed.")));
    return m_sink(c);
  }
  const core::VariantResult& r = *outcome.result;
  const Index heads = omitWeights ? 0 : r.heads();
  pb::ComputeChunk head;
  pb::JobHeader* h = head.mutable_header();
  h->set_job(job);
  h->set_variant(r.variant);
  putParams(h->mutable_params(), r.params, false);
  putDims(h->mutable_dims(), r.dims);
  putDims(h->mutable_requested(), r.requested);
  putCost(h->mutable_cost(), r.cost);
  h->set_score_evaluations(r.scoreEvaluations);
  for (const auto& c : r.componentNames) h->add_component_names(c);
  h->set_heads(int(heads));
  h->set_weights(heads == 0   ? pb::WEIGHTS_NONE
                 : r.sparse() ? pb::WEIGHTS_SPARSE
                 : r.pooled() ? pb::WEIGHTS_POOLED
                              : pb::WEIGHTS_DENSE);
  if (heads && r.pooled()) h->set_pooled_max(r.pooledMax());
  h->set_weight_rows(heads ? r.weightRows() : 0);
  h->set_weight_cols(heads ? r.weightCols() : 0);
  // Sparse heads share patterns: each distinct one is sent once.
  std::vector<const core::SparsePattern*> patterns;
  if (heads && r.sparse())
    for (Index i = 0; i < heads; ++i) {
      const core::SparseWeights& s = r.sparseHead(i);
      auto it = std::find(patterns.begin(), patterns.end(), s.pattern.get());
      if (it == patterns.end()) it = patterns.insert(patterns.end(), s.pattern.get());
      h->add_pattern_of_head(int(it - patterns.begin()));
      h->add_head_component(s.headComponent);
    }
  const core::Trace& tr = r.trace;
  pb::TraceInfo* ti = h->mutable_trace();
  if (tr.tiles) {
    ti->set_has_tiles(true);
    ti->set_tile_rows(tr.tiles->rows);
    ti->set_tile_cols(tr.tiles->cols);
    ti->set_tiles_causal(tr.tiles->causal);
  }
  if (tr.pages) {
    ti->set_has_pages(true);
    ti->set_page_size(tr.pages->size);
  }
  if (tr.routing) {
    ti->set_has_routing(true);
    ti->set_routing_block(tr.routing->block);
  }
  if (tr.orders) {
    ti->set_has_orders(true);
    ti->set_order_features(tr.orders->features);
    ti->set_orders_causal(tr.orders->causal);
    ti->set_orders_random_features(tr.orders->randomFeatures);
  }
  ti->set_bucket_heads(int(tr.queryBuckets.size()));
  pb::Provenance* pv = h->mutable_provenance();
  pv->set_device(on.device);
  pv->set_execution(encodeExecution(on.execution));
  pv->set_device_seconds(on.deviceSeconds);
  pv->set_host_seconds(on.hostSeconds);

  // Every tensor of the job, in the order they are sent.
  struct View {
    std::string name;
    pb::Tensor::DType dtype;
    std::vector<std::int64_t> shape;
    const void* data;
    std::size_t bytes;
  };
  std::vector<View> views;
  const auto matrix = [&](std::string name, const core::Matrix& m) {
    views.push_back({std::move(name),
                     pb::Tensor::F32,
                     {m.rows(), m.cols()},
                     m.data(),
                     std::size_t(m.size()) * 4});
  };
  const auto mask = [&](std::string name, const core::MaskMatrix& m) {
    views.push_back(
        {std::move(name), pb::Tensor::U8, {m.rows(), m.cols()}, m.data(), std::size_t(m.size())});
  };
  matrix("output", r.output);
  for (const auto& [name, m] : r.params.matrices) matrix("param/" + name, m);
  if (heads && r.sparse()) {
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      const core::SparsePattern& s = *patterns[p];
      const std::string base = "pattern/" + std::to_string(p) + "/";
      static_assert(sizeof(Index) == 8);
      views.push_back({base + "row_start",
                       pb::Tensor::I64,
                       {std::int64_t(s.rowStart.size())},
                       s.rowStart.data(),
                       s.rowStart.size() * 8});
      views.push_back({base + "cols",
                       pb::Tensor::I64,
                       {std::int64_t(s.cols.size())},
                       s.cols.data(),
                       s.cols.size() * 8});
      if (!s.component.empty())
        views.push_back({base + "component",
                         pb::Tensor::U8,
                         {std::int64_t(s.component.size())},
                         s.component.data(),
                         s.component.size()});
      if (!s.multiplicity.empty())
        views.push_back({base + "multiplicity",
                         pb::Tensor::F32,
                         {std::int64_t(s.multiplicity.size())},
                         s.multiplicity.data(),
                         s.multiplicity.size() * 4});
    }
    for (Index i = 0; i < heads; ++i) {
      const auto& v = r.sparseHead(i).values;
      views.push_back({headName("values", i),
                       pb::Tensor::F32,
                       {std::int64_t(v.size())},
                       v.data(),
                       v.size() * 4});
    }
  } else if (heads) {
    for (Index i = 0; i < heads; ++i) {
      matrix(headName(r.pooled() ? "cells" : "weights", i), r.weights(i));
      mask(headName("mask", i), r.mask(i));
      if (!r.pooled() && r.hasComponents()) mask(headName("components", i), r.components(i));
    }
  }
  if (tr.tiles) {
    matrix("trace/tiles/order", tr.tiles->order);
    matrix("trace/tiles/running_max", tr.tiles->runningMax);
    matrix("trace/tiles/running_sum", tr.tiles->runningSum);
  }
  if (tr.pages) {
    matrix("trace/pages/block_table", tr.pages->blockTable);
    matrix("trace/pages/pool_order", tr.pages->poolOrder);
  }
  if (tr.routing) {
    matrix("trace/routing/routing", tr.routing->routing);
    matrix("trace/routing/block_scores", tr.routing->blockScores);
  }
  if (tr.reducedWeights) matrix("trace/reduced_weights", *tr.reducedWeights);
  if (tr.orders) matrix("trace/orders/flops", tr.orders->flops);
  const auto buckets = [&](const char* what, const std::vector<std::vector<int>>& b) {
    for (std::size_t i = 0; i < b.size(); ++i)
      views.push_back({std::string(what) + "/" + std::to_string(i),
                       pb::Tensor::I32,
                       {std::int64_t(b[i].size())},
                       b[i].data(),
                       b[i].size() * 4});
  };
  buckets("trace/query_buckets", tr.queryBuckets);
  buckets("trace/key_buckets", tr.keyBuckets);

  double total = 0;
  for (const View& v : views) total += double(v.bytes);
  h->set_total_bytes(std::int64_t(total));
  if (!m_sink(head)) return false;
  for (const View& v : views)
    if (!tensor(job, v.name, v.dtype, v.shape, v.data, v.bytes)) return false;
  pb::ComputeChunk end;
  end.mutable_end()->set_job(job);
  return m_sink(end);
}

}  // namespace atlas::remote
