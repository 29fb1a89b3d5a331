// One job computed on an Ascend device: its inputs uploaded when it is made, then the output path
// (what a model runs: the fused operator, or the composed softmax) and the weights for display
// launched on the device's stream, then the result filled on the host exactly as the CPU
// variant fills it. Used by AscendDevice::run (once) and bench (the launches repeated).
#pragma once

#include "acl_support.h"
#include "attention_plan.h"

#include <memory>

namespace atlas::core::ascend {

class DeviceJob {
 public:
  virtual ~DeviceJob() = default;
  /// Enqueues the output path; checks `cancel` between operators.
  virtual void launchOutput(const CancelToken& cancel) = 0;
  /// Enqueues what the views draw and the output path did not form: the weights recomputed from
  /// the fused operator's softmax statistics (native), or nothing (composed: P is part of the
  /// output path).
  virtual void launchWeights(const CancelToken& cancel) = 0;
  /// After the launches (and the stream synchronised): the output, and with `weights` the
  /// weights and masks per head, into `r` (started by startResult); scoreEvaluations too.
  virtual void finish(VariantResult& r, bool weights) = 0;
};

/// The job of `plan` (native or composed) on `inputs`; uploads them into `arena`. `used` is the
/// result's parameter set: the matrices the variant draws from the seed (bilinear's W) are
/// recorded in it, as the CPU variant records them.
std::unique_ptr<DeviceJob> makeDeviceJob(DeviceContext& device, Arena& arena,
                                         const AttentionPlan& plan, const Inputs& inputs,
                                         ParamSet& used, const std::string& variant);

/// The paged job (ATB PagedAttention); made by makeDeviceJob for Kind::Paged.
std::unique_ptr<DeviceJob> makePagedJob(DeviceContext& device, Arena& arena,
                                        const AttentionPlan& plan, const Inputs& inputs,
                                        const ParamSet& used);

}  // namespace atlas::core::ascend
