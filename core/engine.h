// The engine: runs any set of variants on one input concurrently (TBB), times each, and lets a
// newer request cancel an older one still running.
#pragma once

#include "inputs.h"
#include "streaming.h"
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
  /// whose variant canStream() and whose full result (the cost model's resident bytes)
  /// exceeds it is computed pooled instead (Variant::computePooled, `pool` resolution; see
  /// VariantResult::pooled()), and its memory check uses the pooled estimate. Other variants
  /// over the budget are computed in full, within memoryLimit as always.
  double displayBudget = 0;
  PoolSpec pool;
  /// Progress of streamed jobs: fraction in [0, 1] of job `job`, reaching 1 when its weights
  /// are done. Called on worker threads (serialised per job); may be empty.
  std::function<void(std::size_t job, double fraction)> onProgress;
};

/// What one job produced: a result, or one sentence saying why not.
struct JobOutcome {
  std::shared_ptr<const VariantResult> result;
  std::shared_ptr<const Inputs> inputs;  ///< the Q, K, V it ran on (token labels for the axes)
  std::string error;                     ///< the English sentence; empty on success
  Error::Kind errorKind = Error::Kind::InvalidArgument;
  std::string errorFormat;  ///< for translation: see core::Error
  std::vector<std::string> errorArgs;
  bool ok() const { return result != nullptr; }
  void setError(const Error& e) {
    error = e.what();
    errorKind = e.kind();
    errorFormat = e.format();
    errorArgs = e.args();
  }
};

/// The Q, K, V a job runs on: the loaded ones, or generated to the shapes the variant asks for.
/// Checks the memory estimate against the limit first. Throws Error.
std::shared_ptr<const Inputs> prepareInputs(const EngineRequest& request, const EngineJob& job);

/// Bytes a job would hold (inputs, result, algorithm's peak) from the cost model alone.
double estimateJobBytes(const Variant& variant, const InputDims& dims, const ParamSet& params);

/// Whether the job streams under `displayBudget` (see EngineRequest::displayBudget).
bool streamsJob(const Variant& variant, const InputDims& dims, const ParamSet& params,
                double displayBudget);

/// Bytes a pooled job holds: inputs, output, pooled weights and masks of every head, and the
/// packed keys and per-thread tiles of the streaming (core/streaming.h).
double estimatePooledJobBytes(const Variant& variant, const InputDims& dims, const ParamSet& params,
                              const PoolSpec& pool);

/// Throws Error(TooLarge) when the estimate exceeds `limit` (limit 0: never); with `pooled`
/// set, the pooled estimate at that resolution.
void checkMemory(const Variant& variant, const InputDims& dims, const ParamSet& params,
                 double limit, const PoolSpec* pooled = nullptr);

class Engine {
 public:
  using ResultFn = std::function<void(std::uint64_t generation, std::size_t job, JobOutcome)>;
  using DoneFn = std::function<void(std::uint64_t generation, bool cancelled)>;

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
  /// Returns the new generation number, strictly increasing.
  std::uint64_t submit(EngineRequest request, ResultFn onResult, DoneFn onDone);

  /// Cancels the running and the queued request.
  void cancel();

  std::uint64_t latestGeneration() const;

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
  std::thread m_worker;
};

}  // namespace atlas::core
