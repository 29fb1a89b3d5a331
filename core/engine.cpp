#include "engine.h"

#include "memory.h"

#include <tbb/parallel_for.h>

#include <chrono>

namespace atlas::core {

double estimateJobBytes(const Variant& variant, const InputDims& d, const ParamSet& params) {
  const Cost c = variant.cost(d, params);
  const double inputs = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  return inputs + c.resident + c.peak;
}

void checkMemory(const Variant& variant, const InputDims& dims, const ParamSet& params,
                 double limit) {
  if (limit <= 0) return;
  const double need = estimateJobBytes(variant, dims, params);
  if (need > limit) {
    throw Error(Error::Kind::TooLarge,
                "'%1' at N = %2, M = %3 needs about %4, more than the memory limit of %5.",
                {variant.id(), num(dims.n), num(dims.m), formatBytes(need), formatBytes(limit)});
  }
}

std::shared_ptr<const Inputs> prepareInputs(const EngineRequest& request, const EngineJob& job) {
  if (request.loaded) {
    validateInputs(*request.loaded);
    checkMemory(*job.variant, request.loaded->dims(), job.params, request.memoryLimit);
    return request.loaded;
  }
  const InputDims dims = job.variant->inputDims(baseDims(request.spec), job.params);
  checkMemory(*job.variant, dims, job.params, request.memoryLimit);
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

std::vector<JobOutcome> Engine::run(const EngineRequest& request, const CancelToken& cancel,
                                    const ResultFn& onResult, std::uint64_t generation) {
  std::vector<JobOutcome> outcomes(request.jobs.size());
  // One task per variant; each variant parallelises its heads and row blocks inside.
  tbb::parallel_for(std::size_t{0}, request.jobs.size(), [&](std::size_t i) {
    cancel.throwIfCancelled();
    const EngineJob& job = request.jobs[i];
    JobOutcome& out = outcomes[i];
    try {
      out.inputs = prepareInputs(request, job);
      const auto t0 = std::chrono::steady_clock::now();
      auto result = std::make_shared<VariantResult>(job.variant->compute(*out.inputs, job.params, cancel));
      result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      result->cost = job.variant->cost(result->dims, result->params);
      out.result = std::move(result);
    } catch (const Error& e) {
      out.setError(e);
    } catch (const std::bad_alloc&) {
      out.setError(Error(Error::Kind::TooLarge, "'%1' ran out of memory.", {job.variant->id()}));
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& e) {
      // A bug, not bad input: still one job's failure, never the whole request's.
      out.setError(Error(Error::Kind::InvalidArgument, "'%1' failed: %2", {job.variant->id(), e.what()}));
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
