#include "engine.h"

#include "memory.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace atlas::core {

double jobBytes(const InputDims& d, const Cost& cost, bool outputOnly) {
  const double inputs = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  return inputs + cost.resident - (outputOnly ? cost.displayResident : 0.0) + cost.peak;
}

double estimateJobBytes(const Variant& variant, const InputDims& dims, const ParamSet& params,
                        bool outputOnly) {
  return jobBytes(dims, variant.cost(dims, params), outputOnly);
}

namespace {

void refuse(const Variant& variant, const InputDims& dims, double need, double limit) {
  throw Error(
      Error::Kind::TooLarge,
      ATLAS_TR_NOOP("CoreErrors",
                    "'%1' at N = %2, M = %3 needs about %4, more than the memory limit of %5."),
      {variant.id(), num(dims.n), num(dims.m), formatBytes(need), formatBytes(limit)});
}

}  // namespace

void checkMemory(const Variant& variant, const InputDims& dims, const ParamSet& params,
                 double limit, const PoolSpec* pooled, bool outputOnly) {
  if (limit <= 0) return;
  const double need = pooled ? variant.pooledBytes(dims, params, *pooled)
                             : estimateJobBytes(variant, dims, params, outputOnly);
  if (need > limit) refuse(variant, dims, need, limit);
}

JobPlan planJob(const EngineRequest& request, const EngineJob& job, const InputDims& dims) {
  const Variant& v = *job.variant;
  JobPlan plan{dims, v.cost(dims, job.params)};
  plan.pooled = !request.outputOnly && request.displayBudget > 0 && v.canPool(job.params) &&
                plan.cost.resident > request.displayBudget;
  if (request.memoryLimit > 0) {
    const double need = plan.pooled ? v.pooledBytes(dims, job.params, request.pool)
                                    : jobBytes(dims, plan.cost, request.outputOnly);
    if (need > request.memoryLimit) refuse(v, dims, need, request.memoryLimit);
  }
  return plan;
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

/// Every job's plan and Q, K, V, prepared before any job runs: loaded inputs are shared by
/// every job; generated ones are made once per distinct shape (the gallery's jobs ask for two or
/// three) and shared, in parallel. A job whose preparation failed gets its exception instead.
struct Prepared {
  std::vector<JobPlan> plans;
  std::vector<std::shared_ptr<const Inputs>> inputs;
  std::vector<std::exception_ptr> errors;
};

Prepared prepareAll(const EngineRequest& request, const CancelToken& cancel) {
  const std::size_t jobs = request.jobs.size();
  Prepared out{std::vector<JobPlan>(jobs), std::vector<std::shared_ptr<const Inputs>>(jobs),
               std::vector<std::exception_ptr>(jobs)};
  std::vector<InputDims> shapes;  // distinct generated shapes, in order of first use
  std::vector<std::size_t> shapeOf(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    const EngineJob& job = request.jobs[i];
    try {
      if (request.loaded) {
        validateInputs(*request.loaded);
        out.plans[i] = planJob(request, job, request.loaded->dims());
        out.inputs[i] = request.loaded;
        continue;
      }
      const InputDims dims = job.variant->inputDims(baseDims(request.spec), job.params);
      out.plans[i] = planJob(request, job, dims);
      const auto it = std::find(shapes.begin(), shapes.end(), dims);
      shapeOf[i] = std::size_t(it - shapes.begin());
      if (it == shapes.end()) shapes.push_back(dims);
    } catch (...) {
      out.errors[i] = std::current_exception();
    }
  }
  if (request.loaded) return out;
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

/// The shapes the user asked for: the loaded ones, or the spec's before any variant adapts them.
InputDims requestedDims(const EngineRequest& request) {
  if (request.loaded) return request.loaded->dims();
  try {
    return baseDims(request.spec);
  } catch (const Error&) {
    return {};  // every job reports the error itself
  }
}

}  // namespace

std::vector<JobOutcome> Engine::run(const EngineRequest& request, const CancelToken& cancel,
                                    const ResultFn& onResult, std::uint64_t generation) {
  std::vector<JobOutcome> outcomes(request.jobs.size());
  Prepared prepared = prepareAll(request, cancel);
  const InputDims requested = requestedDims(request);
  // One task per variant; each variant parallelises its heads and row blocks inside.
  tbb::parallel_for(std::size_t{0}, request.jobs.size(), [&](std::size_t i) {
    cancel.throwIfCancelled();
    const EngineJob& job = request.jobs[i];
    JobOutcome& out = outcomes[i];
    try {
      if (prepared.errors[i]) std::rethrow_exception(prepared.errors[i]);
      const Inputs& inputs = *prepared.inputs[i];
      JobPlan& plan = prepared.plans[i];
      const auto t0 = std::chrono::steady_clock::now();
      std::shared_ptr<VariantResult> result;
      if (plan.pooled) {
        ProgressFn progress;
        if (request.onProgress) progress = [&request, i](double f) { request.onProgress(i, f); };
        result = std::make_shared<VariantResult>(
            job.variant->computePooled(inputs, job.params, request.pool, progress, cancel));
      } else if (request.outputOnly) {
        result =
            std::make_shared<VariantResult>(job.variant->computeOutput(inputs, job.params, cancel));
      } else {
        result = std::make_shared<VariantResult>(job.variant->compute(inputs, job.params, cancel));
      }
      result->seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      result->cost = std::move(plan.cost);
      result->requested = requested;
      out.inputs = prepared.inputs[i];
      out.result = std::move(result);
    } catch (const Error& e) {
      out.error = e;
    } catch (const std::bad_alloc&) {
      out.error =
          Error(Error::Kind::TooLarge, ATLAS_TR_NOOP("CoreErrors", "'%1' ran out of memory."),
                {job.variant->id()});
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& e) {
      // A bug, not bad input: still one job's failure, never the whole request's.
      out.error =
          Error(Error::Kind::InvalidArgument, ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"),
                {job.variant->id(), e.what()});
    }
    if (onResult) onResult(generation, i, out);
  });
  return outcomes;
}

void Engine::setRunner(Runner runner) {
  std::lock_guard lock(m_mutex);
  m_runner = std::move(runner);
}

std::uint64_t Engine::submit(EngineRequest request, ResultFn onResult, DoneFn onDone,
                             JobProgressFn onProgress) {
  std::uint64_t gen;
  std::optional<Pending> dropped;
  {
    std::lock_guard lock(m_mutex);
    gen = ++m_generation;
    if (onProgress)
      request.onProgress = [gen, onProgress = std::move(onProgress)](std::size_t job, double f) {
        onProgress(gen, job, f);
      };
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
    ++m_generation;
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
    Runner runner;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || m_pending.has_value(); });
      if (m_stop) return;
      job = std::move(*m_pending);
      m_pending.reset();
      m_running = token;
      runner = m_runner;
    }
    bool cancelled = false;
    try {
      if (runner)
        runner(job.request, token, job.onResult, job.generation);
      else
        run(job.request, token, job.onResult, job.generation);
    } catch (const Cancelled&) {
      cancelled = true;
    } catch (const Error& e) {
      // The device failed as a whole: every job says so.
      for (std::size_t i = 0; i < job.request.jobs.size() && job.onResult; ++i) {
        JobOutcome out;
        out.error = e;
        job.onResult(job.generation, i, out);
      }
    }
    if (job.onDone) job.onDone(job.generation, cancelled || token.cancelled());
  }
}

}  // namespace atlas::core
