// The engine: runs any set of variants on one input concurrently (TBB), times each, and lets a
// newer request cancel an older one still running.
#pragma once

#include "inputs.h"
#include "variant.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace atlas::core {

struct EngineJob {
  const Variant* variant = nullptr;
  ParamSet params;  ///< resolved (defaultParams + overrides); params.seed seeds its matrices
};

struct EngineRequest {
  InputSpec spec;                        ///< generator, used when `loaded` is empty
  std::shared_ptr<const Inputs> loaded;  ///< Q, K, V from files, shared by every job
  std::vector<EngineJob> jobs;
  double memoryLimit = 0;  ///< bytes per job (0: no limit)
  /// Bytes the weights of one job may take on their way to the screen (0: never stream). A job
  /// whose variant canPool() and whose full result (the cost model's resident bytes)
  /// exceeds it is computed pooled instead (Variant::computePooled, `pool` resolution; see
  /// VariantResult::pooled()), and its memory check uses the pooled estimate. Other variants
  /// over the budget are computed in full, within memoryLimit as always.
  double displayBudget = 0;
  PoolSpec pool;
  /// The output path only (Variant::computeOutput), as a model runs each variant: nothing formed
  /// for display only, never pooled, and the memory check without Cost::displayResident. The
  /// results of the variants that form weights for display only then hold none (heads() == 0):
  /// for benchmarks and for whoever needs the output alone, not for the views.
  bool outputOnly = false;
  /// Progress of streamed jobs: fraction in [0, 1] of job `job`, reaching 1 when its weights
  /// are done. Called on worker threads (serialised per job); may be empty.
  std::function<void(std::size_t job, double fraction)> onProgress;
};

/// What one job produced: a result and the inputs it ran on, or the error that stopped it
/// (one sentence, see core::Error), never both.
struct JobOutcome {
  std::shared_ptr<const VariantResult> result;
  std::shared_ptr<const Inputs> inputs;  ///< the Q, K, V it ran on (token labels for the axes)
  std::optional<Error> error;
  bool ok() const { return result != nullptr; }
  /// The error's English sentence; empty on success.
  std::string message() const { return error ? error->what() : std::string(); }
};

/// How the engine will run a job, decided before anything large is allocated: its inputs'
/// shapes, its cost (computed once and carried by the result), and whether it is pooled.
struct JobPlan {
  InputDims dims;
  Cost cost;
  bool pooled = false;
};

/// The plan of one job on inputs of `dims`: pooled when the variant canPool() and its full
/// result (the cost model's resident bytes) exceeds request.displayBudget (never when
/// request.outputOnly); throws Error(TooLarge) when the bytes it would hold exceed
/// request.memoryLimit.
JobPlan planJob(const EngineRequest& request, const EngineJob& job, const InputDims& dims);

/// Bytes a job holds (inputs, result, the algorithm's peak) according to its cost; with
/// `outputOnly`, those of the output path (without Cost::displayResident).
double jobBytes(const InputDims& dims, const Cost& cost, bool outputOnly = false);
/// jobBytes from the variant's cost model.
double estimateJobBytes(const Variant& variant, const InputDims& dims, const ParamSet& params,
                        bool outputOnly = false);

/// Throws Error(TooLarge) when the estimate exceeds `limit` (limit 0: never); with `pooled`
/// set, the pooled estimate (Variant::pooledBytes) at that resolution; with `outputOnly`, the
/// output path's (Variant::computeOutput).
void checkMemory(const Variant& variant, const InputDims& dims, const ParamSet& params,
                 double limit, const PoolSpec* pooled = nullptr, bool outputOnly = false);

class Engine {
 public:
  using ResultFn = std::function<void(std::uint64_t generation, std::size_t job, JobOutcome)>;
  using DoneFn = std::function<void(std::uint64_t generation, bool cancelled)>;
  /// Progress of a pooled job of a submitted request (see EngineRequest::onProgress).
  using JobProgressFn =
      std::function<void(std::uint64_t generation, std::size_t job, double fraction)>;

  Engine();
  ~Engine();  ///< cancels the running request and joins the worker
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Runs every job concurrently and returns one outcome per job, in order. A job's failure
  /// (bad shape, too large) is its outcome's error; cancellation throws Cancelled.
  std::vector<JobOutcome> run(const EngineRequest& request, const CancelToken& cancel = {},
                              const ResultFn& onResult = {}, std::uint64_t generation = 0);

  /// Latest wins: cancels the request still running (if any) and queues this one for the
  /// engine's worker thread, replacing any queued one. onResult is called on that worker as each
  /// job finishes; onDone once per accepted request (cancelled = superseded or cancel()).
  /// onProgress (may be empty) replaces the request's own onProgress and is told the generation
  /// too. Returns the new generation number, strictly increasing.
  std::uint64_t submit(EngineRequest request, ResultFn onResult, DoneFn onDone,
                       JobProgressFn onProgress = {});

  /// Cancels the running and the queued request, and makes them stale: the generation moves on,
  /// so whoever compares a callback's generation with latestGeneration() drops what they still
  /// report.
  void cancel();

  std::uint64_t latestGeneration() const;

  /// Who computes submitted requests: by default this engine's run(); a remote device's run
  /// instead (Device::run), until set back with an empty function. Takes effect from the next
  /// request. A runner that throws Error (a device lost mid-way) has that error reported as
  /// every job's outcome.
  using Runner = std::function<std::vector<JobOutcome>(const EngineRequest&, const CancelToken&,
                                                       const ResultFn&, std::uint64_t)>;
  void setRunner(Runner runner);

 private:
  struct Pending {
    std::uint64_t generation;
    EngineRequest request;
    ResultFn onResult;
    DoneFn onDone;
  };
  void workerLoop();

  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::optional<Pending> m_pending;
  CancelToken m_running;
  std::uint64_t m_generation = 0;
  bool m_stop = false;
  Runner m_runner;
  std::thread m_worker;
};

}  // namespace atlas::core
