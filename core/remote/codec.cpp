#include "codec.h"

#include "core/variant_registry.h"

#include <charconv>
#include <cstring>
#include <limits>

namespace atlas::remote {

using core::Error;
using core::Index;

namespace {

Error invalid(const std::string& format, std::vector<std::string> args = {}) {
  return Error(Error::Kind::InvalidArgument, format, std::move(args));
}

/// The shortest text that reads back as exactly `v` (what setParam parses).
std::string exactNumber(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

}  // namespace

std::size_t dtypeBytes(pb::Tensor::DType dtype) {
  switch (dtype) {
    case pb::Tensor::U8:
      return 1;
    case pb::Tensor::I64:
      return 8;
    case pb::Tensor::I32:
    case pb::Tensor::F32:
    default:
      return 4;
  }
}

std::size_t tensorBytes(pb::Tensor::DType dtype,
                        const google::protobuf::RepeatedField<std::int64_t>& shape,
                        const std::string& what) {
  std::size_t bytes = dtypeBytes(dtype);
  for (const std::int64_t s : shape) {
    if (s < 0)
      throw invalid(ATLAS_TR_NOOP("CoreErrors", "The tensor '%1' has a negative size (%2)."),
                    {what, core::num(s)});
    if (s != 0 && bytes > std::numeric_limits<std::size_t>::max() / std::size_t(s))
      throw invalid(ATLAS_TR_NOOP("CoreErrors", "The tensor '%1' is too large to address."),
                    {what});
    bytes *= std::size_t(s);
  }
  return bytes;
}

void putMatrix(pb::Tensor* out, const core::Matrix& m) {
  out->set_dtype(pb::Tensor::F32);
  out->clear_shape();
  out->add_shape(m.rows());
  out->add_shape(m.cols());
  out->set_data(reinterpret_cast<const char*>(m.data()), std::size_t(m.size()) * sizeof(float));
}

core::Matrix toMatrix(const pb::Tensor& t, const std::string& what) {
  if (t.dtype() != pb::Tensor::F32)
    throw invalid(ATLAS_TR_NOOP("CoreErrors", "The tensor '%1' must hold float32 values."), {what});
  if (t.shape_size() < 1 || t.shape_size() > 2)
    throw invalid(
        ATLAS_TR_NOOP("CoreErrors", "The tensor '%1' must have one or two dimensions, not %2."),
        {what, core::num(t.shape_size())});
  const std::size_t bytes = tensorBytes(t.dtype(), t.shape(), what);
  if (bytes != t.data().size())
    throw invalid(
        ATLAS_TR_NOOP("CoreErrors", "The tensor '%1' holds %2 bytes, but its shape needs %3."),
        {what, core::num((long long)t.data().size()), core::num((long long)bytes)});
  const Index rows = Index(t.shape(0)), cols = t.shape_size() == 2 ? Index(t.shape(1)) : 1;
  core::Matrix m(rows, cols);
  if (bytes) std::memcpy(m.data(), t.data().data(), bytes);
  return m;
}

void putParams(pb::Parameters* out, const core::ParamSet& params, bool withMatrices) {
  out->set_seed(params.seed);
  for (const auto& [k, v] : params.numbers) (*out->mutable_numbers())[k] = v;
  for (const auto& [k, v] : params.texts) (*out->mutable_texts())[k] = v;
  if (withMatrices)
    for (const auto& [k, m] : params.matrices) putMatrix(&(*out->mutable_matrices())[k], m);
}

core::ParamSet toParams(const pb::Parameters& in, const core::Variant& variant) {
  const std::vector<core::ParamSpec> specs = variant.params();
  core::ParamSet p = core::defaultParams(specs);
  p.seed = in.seed();
  for (const auto& [k, v] : in.numbers()) core::setParam(p, specs, variant.id(), k, exactNumber(v));
  for (const auto& [k, v] : in.texts()) core::setParam(p, specs, variant.id(), k, v);
  for (const auto& [k, t] : in.matrices())
    core::setMatrixParam(p, specs, variant.id(), k, toMatrix(t, k));
  return p;
}

void putDims(pb::Dims* out, const core::InputDims& d) {
  out->set_n(d.n);
  out->set_m(d.m);
  out->set_dq(d.dq);
  out->set_dk(d.dk);
  out->set_dv(d.dv);
}

core::InputDims toDims(const pb::Dims& d) { return {d.n(), d.m(), d.dq(), d.dk(), d.dv()}; }

pb::ComputeRequest encodeRequest(const core::EngineRequest& request, bool omitWeights) {
  pb::ComputeRequest out;
  if (request.loaded) {
    pb::InputTensors* t = out.mutable_tensors();
    putMatrix(t->mutable_q(), request.loaded->q);
    putMatrix(t->mutable_k(), request.loaded->k);
    putMatrix(t->mutable_v(), request.loaded->v);
    for (const auto& s : request.loaded->queryTokens) t->add_query_tokens(s);
    for (const auto& s : request.loaded->keyTokens) t->add_key_tokens(s);
  } else {
    const core::InputSpec& s = request.spec;
    pb::InputSpec* o = out.mutable_spec();
    o->set_source(core::inputSourceName(s.source));
    o->set_text(s.text);
    o->set_key_text(s.keyText);
    o->set_n(s.n);
    o->set_m(s.m);
    o->set_d(s.d);
    o->set_dv(s.dv);
    o->set_seed(s.seed);
    o->set_clusters(s.clusters);
  }
  for (const core::EngineJob& job : request.jobs) {
    pb::Job* j = out.add_jobs();
    j->set_variant(job.variant->id());
    putParams(j->mutable_params(), job.params, true);
  }
  out.set_memory_limit(request.memoryLimit);
  out.set_display_budget(request.displayBudget);
  out.set_pool_rows(request.pool.rows);
  out.set_pool_cols(request.pool.cols);
  out.set_pool_mean(request.pool.mode == core::PoolSpec::Mode::Mean);
  out.set_output_only(request.outputOnly);
  out.set_omit_weights(omitWeights);
  return out;
}

core::Index requestedLength(const pb::ComputeRequest& in) {
  if (in.has_tensors()) {
    const auto rows = [](const pb::Tensor& t) { return t.shape_size() ? t.shape(0) : 0; };
    return std::max(rows(in.tensors().q()), rows(in.tensors().k()));
  }
  const pb::InputSpec& s = in.spec();
  if (s.source() == "sentence") {
    core::InputSpec spec;
    spec.source = core::InputSource::Sentence;
    spec.text = s.text();
    spec.keyText = s.key_text();
    const core::InputDims d = core::baseDims(spec);
    return std::max(d.n, d.m);
  }
  return std::max(s.n(), s.m());
}

core::EngineRequest decodeRequest(const pb::ComputeRequest& in, core::Index maxN) {
  if (in.jobs_size() == 0)
    throw invalid(ATLAS_TR_NOOP("CoreErrors", "The request asks for no variant."));
  if (!in.has_spec() && !in.has_tensors())
    throw invalid(ATLAS_TR_NOOP("CoreErrors",
                                "The request gives neither an input generator nor Q, K and V."));
  const Index length = requestedLength(in);
  if (maxN > 0 && length > maxN)
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors", "N = %1 is more than this server takes (--max-n %2)."),
                {core::num(length), core::num(maxN)});
  core::EngineRequest r;
  if (in.has_tensors()) {
    const pb::InputTensors& t = in.tensors();
    auto inputs = std::make_shared<core::Inputs>();
    inputs->q = toMatrix(t.q(), "q");
    inputs->k = toMatrix(t.k(), "k");
    inputs->v = toMatrix(t.v(), "v");
    inputs->queryTokens.assign(t.query_tokens().begin(), t.query_tokens().end());
    inputs->keyTokens.assign(t.key_tokens().begin(), t.key_tokens().end());
    core::validateInputs(*inputs);
    r.loaded = std::move(inputs);
  } else {
    const pb::InputSpec& s = in.spec();
    if (s.n() < 0 || s.m() < 0 || s.d() < 0 || s.dv() < 0 || s.clusters() < 0)
      throw invalid(ATLAS_TR_NOOP("CoreErrors", "The request asks for a negative size."));
    core::InputSpec spec = s.source() == "sentence" ? core::parseInputSource("sentence:" + s.text())
                                                    : core::parseInputSource(s.source());
    spec.keyText = s.key_text();
    spec.n = s.n();
    spec.m = s.m();
    spec.d = s.d();
    spec.dv = s.dv();
    spec.seed = s.seed();
    spec.clusters = s.clusters();
    (void)core::baseDims(spec);  // throws for bad sizes or an empty sentence
    r.spec = std::move(spec);
  }
  for (const pb::Job& j : in.jobs()) {
    const core::Variant& v = core::requireVariant(j.variant());
    r.jobs.push_back({&v, toParams(j.params(), v)});
  }
  if (!(in.memory_limit() >= 0) || !(in.display_budget() >= 0) || in.pool_rows() < 0 ||
      in.pool_cols() < 0)
    throw invalid(ATLAS_TR_NOOP("CoreErrors", "The request's limits must not be negative."));
  r.memoryLimit = in.memory_limit();
  r.displayBudget = in.display_budget();
  if (in.pool_rows() > 0) r.pool.rows = in.pool_rows();
  if (in.pool_cols() > 0) r.pool.cols = in.pool_cols();
  r.pool.mode = in.pool_mean() ? core::PoolSpec::Mode::Mean : core::PoolSpec::Mode::Max;
  r.outputOnly = in.output_only();
  return r;
}

pb::JobError encodeError(int job, const core::Error& e) {
  pb::JobError out;
  out.set_job(job);
  out.set_kind(static_cast<pb::JobError::Kind>(
      e.kind() == Error::Kind::Device ? int(Error::Kind::InvalidArgument) : int(e.kind())));
  out.set_format(e.format());
  for (const auto& a : e.args()) out.add_args(a);
  out.set_message(e.what());
  return out;
}

core::Error decodeError(const pb::JobError& e) {
  const int k = std::clamp(int(e.kind()), 0, int(Error::Kind::ShapeMismatch));
  return Error(static_cast<Error::Kind>(k), e.format(), {e.args().begin(), e.args().end()});
}

pb::Execution encodeExecution(core::Execution e) {
  switch (e) {
    case core::Execution::Native:
      return pb::NATIVE;
    case core::Execution::Composed:
      return pb::COMPOSED;
    case core::Execution::Host:
      break;
  }
  return pb::HOST;
}

core::Execution decodeExecution(pb::Execution e) {
  return e == pb::NATIVE     ? core::Execution::Native
         : e == pb::COMPOSED ? core::Execution::Composed
                             : core::Execution::Host;
}

pb::DeviceInfo encodeInfo(const core::DeviceInfo& info) {
  pb::DeviceInfo out;
  out.set_server(info.server);
  out.set_version(info.version);
  out.set_backend(info.backend);
  for (const auto& u : info.units) {
    pb::DeviceUnit* o = out.add_units();
    o->set_name(u.name);
    o->set_memory_bytes(std::uint64_t(u.memoryBytes));
    o->set_peak_flops(u.peakFlops);
    o->set_peak_bytes_per_second(u.peakBytesPerSecond);
  }
  out.set_max_n(info.maxN);
  out.set_max_concurrent(info.maxConcurrent);
  out.set_max_request_bytes(std::int64_t(info.maxRequestBytes));
  out.set_chunk_bytes(std::int64_t(info.chunkBytes));
  for (const auto& [id, how] : info.variants) {
    pb::VariantSupport* v = out.add_variants();
    v->set_variant(id);
    v->set_execution(encodeExecution(how));
  }
  out.set_generates_inputs(info.generatesInputs);
  return out;
}

core::DeviceInfo decodeInfo(const pb::DeviceInfo& in) {
  core::DeviceInfo info;
  info.server = in.server();
  info.version = in.version();
  info.backend = in.backend();
  for (const auto& u : in.units())
    info.units.push_back(
        {u.name(), double(u.memory_bytes()), u.peak_flops(), u.peak_bytes_per_second()});
  info.maxN = in.max_n();
  info.maxConcurrent = in.max_concurrent();
  info.maxRequestBytes = double(in.max_request_bytes());
  info.chunkBytes = double(in.chunk_bytes());
  for (const auto& v : in.variants()) info.variants[v.variant()] = decodeExecution(v.execution());
  info.generatesInputs = in.generates_inputs();
  return info;
}

}  // namespace atlas::remote
