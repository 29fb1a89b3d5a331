#include "engine.h"

#include "memory.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace atlas::core {

double estimateJobBytes(const Variant& variant, const InputDims& d, const ParamSet& params) {
  const Cost c = variant.cost(d, params);
  const double inputs = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  return inputs + c.resident + c.peak;
}

bool streamsJob(const Variant& variant, const InputDims& dims, const ParamSet& params,
                double displayBudget) {
  return displayBudget > 0 && variant.canStream() &&
         variant.cost(dims, params).resident > displayBudget;
}

double estimatePooledJobBytes(const Variant& variant, const InputDims& d, const ParamSet& params,
                              const PoolSpec& pool) {
  (void)variant;
  // Heads and widths of the scaled dot-product family: h heads over g key/value groups.
  const auto count = [&](const char* name, Index fallback) {
    const auto it = params.numbers.find(name);
    return it == params.numbers.end() ? fallback : std::max<Index>(1, Index(it->second));
  };
  const Index heads = count("heads", 1), groups = count("groups", heads);
  const Index dh = std::max<Index>(1, d.dk / groups), dvh = std::max<Index>(1, d.dv / groups);
  const double inputs = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  const double output = 4.0 * double(d.n) * double(heads * dvh);
  const double cells =
      5.0 * double(pooledCells(d.n, pool.rows)) * double(pooledCells(d.m, pool.cols));
  // Heads run in parallel: each holds its cells, its output columns and its streaming scratch.
  return inputs + 2.0 * output +
         double(heads) * (cells + streamingScratchBytes(d.n, d.m, dh, dvh, pool));
}

void checkMemory(const Variant& variant, const InputDims& dims, const ParamSet& params,
                 double limit, const PoolSpec* pooled) {
  if (limit <= 0) return;
  const double need = pooled ? estimatePooledJobBytes(variant, dims, params, *pooled)
                             : estimateJobBytes(variant, dims, params);
  if (need > limit) {
    throw Error(
        Error::Kind::TooLarge,
        ATLAS_TR_NOOP("CoreErrors",
                      "'%1' at N = %2, M = %3 needs about %4, more than the memory limit of %5."),
        {variant.id(), num(dims.n), num(dims.m), formatBytes(need), formatBytes(limit)});
  }
}

namespace {

/// The memory check of one job of a request: pooled when it streams.
void checkJobMemory(const EngineRequest& request, const EngineJob& job, const InputDims& dims) {
  const bool pooled = streamsJob(*job.variant, dims, job.params, request.displayBudget);
  checkMemory(*job.variant, dims, job.params, request.memoryLimit,
              pooled ? &request.pool : nullptr);
}

}  // namespace

std::shared_ptr<const Inputs> prepareInputs(const EngineRequest& request, const EngineJob& job) {
  if (request.loaded) {
    validateInputs(*request.loaded);
    checkJobMemory(request, job, request.loaded->dims());
    return request.loaded;
  }
  const InputDims dims = job.variant->inputDims(baseDims(request.spec), job.params);
  checkJobMemory(request, job, dims);
  return std::make_shared<const Inputs>(generateInputs(request.spec, dims));
}

Engine::Engine() : m_worker([this] { workerLoop(); }) {}

Engine::~Engine() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_running.cancel();
    m_pending.reset();
  }
  m_wake.notify_all();
  m_worker.join();
}

namespace {

/// The Q, K, V of every job, prepared before any job runs: loaded ones are checked per job;
/// generated ones are made once per distinct shape (the gallery's 26 jobs ask for two or three)
/// and shared, in parallel. A job whose preparation failed gets its exception instead.
struct PreparedInputs {
  std::vector<std::shared_ptr<const Inputs>> inputs;
  std::vector<std::exception_ptr> errors;
};

PreparedInputs prepareAll(const EngineRequest& request, const CancelToken& cancel) {
  const std::size_t jobs = request.jobs.size();
  PreparedInputs out{std::vector<std::shared_ptr<const Inputs>>(jobs),
                     std::vector<std::exception_ptr>(jobs)};
  if (request.loaded) {
    for (std::size_t i = 0; i < jobs; ++i) {
      try {
        out.inputs[i] = prepareInputs(request, request.jobs[i]);
      } catch (...) {
        out.errors[i] = std::current_exception();
      }
    }
    return out;
  }
  std::vector<InputDims> shapes;  // distinct, in order of first use
  std::vector<std::size_t> shapeOf(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    const EngineJob& job = request.jobs[i];
    try {
      const InputDims dims = job.variant->inputDims(baseDims(request.spec), job.params);
      checkJobMemory(request, job, dims);
      const auto it = std::find(shapes.begin(), shapes.end(), dims);
      shapeOf[i] = std::size_t(it - shapes.begin());
      if (it == shapes.end()) shapes.push_back(dims);
    } catch (...) {
      out.errors[i] = std::current_exception();
    }
  }
  cancel.throwIfCancelled();
  std::vector<std::shared_ptr<const Inputs>> made(shapes.size());
  std::vector<std::exception_ptr> failed(shapes.size());
  tbb::parallel_for(std::size_t{0}, shapes.size(), [&](std::size_t s) {
    try {
      made[s] = std::make_shared<const Inputs>(generateInputs(request.spec, shapes[s]));
    } catch (...) {
      failed[s] = std::current_exception();
    }
  });
  for (std::size_t i = 0; i < jobs; ++i) {
    if (out.errors[i]) continue;
    out.inputs[i] = made[shapeOf[i]];
    out.errors[i] = failed[shapeOf[i]];
  }
  return out;
}

}  // namespace

std::vector<JobOutcome> Engine::run(const EngineRequest& request, const CancelToken& cancel,
                                    const ResultFn& onResult, std::uint64_t generation) {
  std::vector<JobOutcome> outcomes(request.jobs.size());
  const PreparedInputs prepared = prepareAll(request, cancel);
  // One task per variant; each variant parallelises its heads and row blocks inside.
  tbb::parallel_for(std::size_t{0}, request.jobs.size(), [&](std::size_t i) {
    cancel.throwIfCancelled();
    const EngineJob& job = request.jobs[i];
    JobOutcome& out = outcomes[i];
    try {
      if (prepared.errors[i]) std::rethrow_exception(prepared.errors[i]);
      out.inputs = prepared.inputs[i];
      const auto t0 = std::chrono::steady_clock::now();
      std::shared_ptr<VariantResult> result;
      if (streamsJob(*job.variant, out.inputs->dims(), job.params, request.displayBudget)) {
        ProgressFn progress;
        if (request.onProgress) progress = [&request, i](double f) { request.onProgress(i, f); };
        result = std::make_shared<VariantResult>(
            job.variant->computePooled(*out.inputs, job.params, request.pool, progress, cancel));
      } else {
        result =
            std::make_shared<VariantResult>(job.variant->compute(*out.inputs, job.params, cancel));
      }
      result->seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      result->cost = job.variant->cost(result->dims, result->params);
      out.result = std::move(result);
    } catch (const Error& e) {
      out.setError(e);
    } catch (const std::bad_alloc&) {
      out.setError(Error(Error::Kind::TooLarge,
                         ATLAS_TR_NOOP("CoreErrors", "'%1' ran out of memory."),
                         {job.variant->id()}));
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& e) {
      // A bug, not bad input: still one job's failure, never the whole request's.
      out.setError(Error(Error::Kind::InvalidArgument,
                         ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"),
                         {job.variant->id(), e.what()}));
    }
    if (onResult) onResult(generation, i, out);
  });
  return outcomes;
}

std::uint64_t Engine::submit(EngineRequest request, ResultFn onResult, DoneFn onDone) {
  std::uint64_t gen;
  std::optional<Pending> dropped;
  {
    std::lock_guard lock(m_mutex);
    gen = ++m_generation;
    m_running.cancel();
    dropped = std::move(m_pending);
    m_pending = Pending{gen, std::move(request), std::move(onResult), std::move(onDone)};
  }
  m_wake.notify_all();
  if (dropped && dropped->onDone) dropped->onDone(dropped->generation, true);
  return gen;
}

void Engine::cancel() {
  std::optional<Pending> dropped;
  {
    std::lock_guard lock(m_mutex);
    m_running.cancel();
    dropped = std::move(m_pending);
    m_pending.reset();
  }
  if (dropped && dropped->onDone) dropped->onDone(dropped->generation, true);
}

std::uint64_t Engine::latestGeneration() const {
  std::lock_guard lock(m_mutex);
  return m_generation;
}

void Engine::workerLoop() {
  for (;;) {
    Pending job;
    CancelToken token;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || m_pending.has_value(); });
      if (m_stop) return;
      job = std::move(*m_pending);
      m_pending.reset();
      m_running = token;
    }
    bool cancelled = false;
    try {
      run(job.request, token, job.onResult, job.generation);
    } catch (const Cancelled&) {
      cancelled = true;
    }
    if (job.onDone) job.onDone(job.generation, cancelled || token.cancelled());
  }
}

}  // namespace atlas::core
