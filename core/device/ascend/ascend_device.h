// An Ascend NPU as a Device (core/device/device.h) for attention-atlas-device --backend ascend:
// the dense softmax variants through CANN's fused attention operators (aclnnFlashAttentionScore,
// ATB's PagedAttention) or composed from aclnn operators, everything else on this host's CPU
// (the engine). Built with -DATLAS_WITH_ASCEND=ON only; written against the documented CANN API
// and not run on Ascend hardware (docs/remote-ascend.md). Names no CANN type.
#pragma once

#include "core/device/device.h"

#include <memory>
#include <mutex>
#include <string>

namespace atlas::core {

namespace ascend {
class DeviceContext;
struct AttentionPlan;
}  // namespace ascend

class AscendDevice final : public Device {
 public:
  /// Opens NPU `deviceNumber` (aclInit once per process, aclrtSetDevice, one context and one
  /// stream). Throws Error(Device) naming the call that failed.
  explicit AscendDevice(int deviceNumber);
  ~AscendDevice() override;
  AscendDevice(const AscendDevice&) = delete;
  AscendDevice& operator=(const AscendDevice&) = delete;

  /// "npu:N".
  std::string name() const override;
  /// One unit: "npu:N " and the SoC's name (aclrtGetSocName), its device memory (aclrtGetMemInfo);
  /// backend "ascend"; every variant with its execution (native, composed or host).
  DeviceInfo info(const CancelToken& cancel = {}) override;
  /// The jobs the device computes one after another on its stream, those it does not at the
  /// same time on the host (the engine); each result says where and how it was computed
  /// (ComputedOn: the unit, the execution, device seconds from the stream's events, host
  /// seconds). A device job's failure is its outcome's error (Error(Device) naming the call).
  std::vector<JobOutcome> run(const EngineRequest& request, const CancelToken& cancel = {},
                              const Engine::ResultFn& onResult = {},
                              std::uint64_t generation = 0) override;
  /// As runBench, each point timed on the device: its output path between two stream events,
  /// the inputs uploaded once per point outside the timing; the variants it does not compute
  /// measured on the host by runBench.
  std::vector<BenchPoint> bench(const BenchSpec& spec,
                                const std::function<void(const BenchPoint&, double)>& onPoint = {},
                                const CancelToken& cancel = {}) override;

 private:
  /// One job on the device: `plan`'s computation of `job` on `inputs`.
  JobOutcome runOnDevice(const EngineRequest& request, const EngineJob& job, const JobPlan& plan,
                         const ascend::AttentionPlan& attention,
                         std::shared_ptr<const Inputs> inputs, const InputDims& requested,
                         const CancelToken& cancel);
  /// Times one benchmark point on the device into `p`.
  void benchOnDevice(BenchPoint& p, const Variant& variant, const ParamSet& params,
                     const ascend::AttentionPlan& attention, const Inputs& inputs,
                     const BenchSpec& spec, const CancelToken& cancel);

  int m_number;
  std::unique_ptr<ascend::DeviceContext> m_device;
  std::string m_unit;  ///< "npu:N SoC"
  /// One computation at a time on the stream (the server may run requests concurrently).
  std::mutex m_mutex;
  CpuDevice m_host;  ///< what the device does not compute
};

}  // namespace atlas::core
