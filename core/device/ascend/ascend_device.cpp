#include "ascend_device.h"

#include "acl_support.h"
#include "attention_plan.h"
#include "device_job.h"

#include "core/variants/common.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <thread>

namespace atlas::core {

using ascend::AttentionPlan;

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// The error an exception out of one job becomes, as the engine makes it (core/engine.cpp, whose
/// sentences these are); Cancelled passes through.
Error jobError(std::exception_ptr failure, const Variant& variant) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error& e) {
    return e;
  } catch (const std::bad_alloc&) {
    return Error(Error::Kind::TooLarge, ATLAS_TR_NOOP("CoreErrors", "'%1' ran out of memory."),
                 {variant.id()});
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    return Error(Error::Kind::InvalidArgument, ATLAS_TR_NOOP("CoreErrors", "'%1' failed: %2"),
                 {variant.id(), e.what()});
  }
}

/// Where a job is computed, decided from its variant, parameters and shapes before any input is
/// generated. A job whose planning fails goes to the host, whose engine reports the failure.
struct Route {
  bool device = false;
  JobPlan plan;
  AttentionPlan attention;
};

Route route(const EngineRequest& request, const EngineJob& job) {
  Route r;
  try {
    InputDims dims;
    if (request.loaded) {
      validateInputs(*request.loaded);
      dims = request.loaded->dims();
    } else {
      dims = job.variant->inputDims(baseDims(request.spec), job.params);
    }
    r.plan = planJob(request, job, dims);
    r.attention = ascend::planAttention(*job.variant, job.params, dims);
    // Pooled weights (too large for the display budget) are the engine's streaming kernels.
    r.device = r.attention.execution != Execution::Host && !r.plan.pooled;
  } catch (const Cancelled&) {
    throw;
  } catch (...) {
    r.device = false;
  }
  return r;
}

/// The shapes the user asked for (as the engine's requestedDims).
InputDims requestedDims(const EngineRequest& request) {
  if (request.loaded) return request.loaded->dims();
  try {
    return baseDims(request.spec);
  } catch (const Error&) {
    return {};
  }
}

}  // namespace

AscendDevice::AscendDevice(int deviceNumber)
    : m_number(deviceNumber), m_device(std::make_unique<ascend::DeviceContext>(deviceNumber)) {
  const char* soc = aclrtGetSocName();
  m_unit = name() + " " + (soc && *soc ? std::string(soc) : std::string("Ascend NPU"));
}

AscendDevice::~AscendDevice() = default;

std::string AscendDevice::name() const {
  std::string name = "npu:";
  name += std::to_string(m_number);
  return name;
}

DeviceInfo AscendDevice::info(const CancelToken&) {
  // Not under m_mutex: the server asks for the unit's name while another request computes.
  m_device->makeCurrent();
  std::size_t free = 0, total = 0;
  ascend::check(aclrtGetMemInfo(ACL_HBM_MEM, &free, &total), "aclrtGetMemInfo");
  DeviceInfo info;
  info.server = "attention-atlas-device";
  info.backend = "ascend";
  info.units = {{m_unit, double(total), 0, 0}};
  info.variants = ascend::backendVariants();
  info.generatesInputs = true;
  return info;
}

std::vector<JobOutcome> AscendDevice::run(const EngineRequest& request, const CancelToken& cancel,
                                          const Engine::ResultFn& onResult,
                                          std::uint64_t generation) {
  const std::size_t jobs = request.jobs.size();
  std::vector<JobOutcome> outcomes(jobs);
  std::mutex reportMutex;
  const auto report = [&](std::size_t i, JobOutcome o) {
    std::lock_guard lock(reportMutex);
    outcomes[i] = o;
    if (onResult) onResult(generation, i, std::move(o));
  };
  const InputDims requested = requestedDims(request);
  std::vector<Route> routes(jobs);
  std::vector<std::size_t> onDevice, onHost;
  for (std::size_t i = 0; i < jobs; ++i) {
    routes[i] = route(request, request.jobs[i]);
    (routes[i].device ? onDevice : onHost).push_back(i);
  }

  // The host's jobs on the engine, at the same time as the device's.
  std::exception_ptr hostFailure;
  std::thread host;
  if (!onHost.empty())
    host = std::thread([&] {
      try {
        EngineRequest part = request;
        part.jobs.clear();
        for (std::size_t i : onHost) part.jobs.push_back(request.jobs[i]);
        if (request.onProgress)
          part.onProgress = [&](std::size_t j, double f) { request.onProgress(onHost[j], f); };
        m_host.run(part, cancel, [&](std::uint64_t, std::size_t j, JobOutcome o) {
          report(onHost[j], std::move(o));
        });
      } catch (...) {
        hostFailure = std::current_exception();
      }
    });
  struct Join {
    std::thread& thread;
    ~Join() {
      if (thread.joinable()) thread.join();
    }
  } join{host};

  // The device's jobs one after another on its stream; generated inputs made once per shape.
  std::vector<std::pair<InputDims, std::shared_ptr<const Inputs>>> made;
  for (std::size_t i : onDevice) {
    cancel.throwIfCancelled();
    const EngineJob& job = request.jobs[i];
    JobOutcome out;
    try {
      std::shared_ptr<const Inputs> inputs = request.loaded;
      if (!inputs) {
        const InputDims& dims = routes[i].plan.dims;
        auto it =
            std::find_if(made.begin(), made.end(), [&](const auto& m) { return m.first == dims; });
        if (it == made.end())
          it = made.emplace(made.end(), dims,
                            std::make_shared<const Inputs>(generateInputs(request.spec, dims)));
        inputs = it->second;
      }
      out = runOnDevice(request, job, routes[i].plan, routes[i].attention, std::move(inputs),
                        requested, cancel);
    } catch (const Cancelled&) {
      throw;
    } catch (...) {
      out = JobOutcome();
      out.error = jobError(std::current_exception(), *job.variant);
    }
    report(i, std::move(out));
  }
  if (host.joinable()) host.join();
  if (hostFailure) std::rethrow_exception(hostFailure);
  return outcomes;
}

JobOutcome AscendDevice::runOnDevice(const EngineRequest& request, const EngineJob& job,
                                     const JobPlan& plan, const AttentionPlan& attention,
                                     std::shared_ptr<const Inputs> inputs,
                                     const InputDims& requested, const CancelToken& cancel) {
  std::lock_guard lock(m_mutex);
  const auto t0 = Clock::now();
  m_device->makeCurrent();
  auto result =
      std::make_shared<VariantResult>(variants::startResult(*job.variant, *inputs, job.params));
  // The output path alone (outputOnly) leaves out what is formed for display only: the weights
  // a fused operator's statistics are turned into (as flash leaves out its own); a composed
  // softmax forms them on the way to the output.
  const bool weights = !request.outputOnly || attention.execution == Execution::Composed;
  double deviceSeconds = 0;
  {
    // The timer outlives the arena, whose destructor waits for the stream.
    ascend::EventTimer timer(m_device->stream());
    ascend::Arena arena(m_device->stream());
    const auto deviceJob = ascend::makeDeviceJob(*m_device, arena, attention, *inputs,
                                                 result->params, job.variant->id());
    timer.start();
    deviceJob->launchOutput(cancel);
    if (weights) deviceJob->launchWeights(cancel);
    timer.stop();
    arena.synchronize();
    deviceSeconds = timer.seconds();
    deviceJob->finish(*result, weights);
  }
  result->seconds = since(t0);
  result->cost = plan.cost;
  result->requested = requested;
  result->computedOn.device = m_unit;
  result->computedOn.execution = attention.execution;
  result->computedOn.deviceSeconds = deviceSeconds;
  result->computedOn.hostSeconds = std::max(0.0, result->seconds - deviceSeconds);
  JobOutcome out;
  out.result = std::move(result);
  out.inputs = std::move(inputs);
  return out;
}

}  // namespace atlas::core
