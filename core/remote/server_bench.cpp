// The Benchmark call: a sweep of (variant, N) points timed on the device, streamed by point.
#include "server_impl.h"

namespace atlas::remote {

grpc::Status DeviceServer::Impl::Benchmark(grpc::ServerContext* ctx, const pb::BenchmarkRequest* in,
                                           grpc::ServerWriter<pb::BenchmarkPoint>* writer) {
  const auto t0 = Clock::now();
  count(&ServerCounters::requests);
  std::string what = "Benchmark";
  for (const auto& v : in->variants()) what += (&v == &in->variants()[0] ? " " : ",") + v;
  const auto refuse = [&](grpc::Status s) {
    count(&ServerCounters::refused);
    log(ctx, what, t0, "refused: " + s.error_message());
    return s;
  };
  if (grpc::Status s = authorise(ctx); !s.ok()) return refuse(s);
  core::BenchSpec spec;
  spec.variants.assign(in->variants().begin(), in->variants().end());
  for (const auto n : in->ns()) {
    if (n < 1) return refuse({grpc::StatusCode::INVALID_ARGUMENT, "Every N must be at least 1."});
    if (options.maxN > 0 && n > options.maxN)
      return refuse({grpc::StatusCode::RESOURCE_EXHAUSTED,
                     "N = " + std::to_string(n) + " is more than this server takes (--max-n " +
                         std::to_string(options.maxN) + ")."});
    spec.ns.push_back(n);
  }
  what += " N=" + std::to_string(spec.ns.empty() ? 0 : spec.ns.back());
  if (in->d() > 0) spec.d = in->d();
  if (in->repeats() > 0) spec.repeats = in->repeats();
  spec.warmups = std::max(0, in->warmups());
  spec.seed = in->seed();
  spec.memoryLimit =
      in->memory_limit() > 0 ? std::min(in->memory_limit(), memoryLimit) : memoryLimit;
  spec.withWeights = in->with_weights();
  try {
    for (const auto& v : spec.variants) (void)core::requireVariant(v);
    for (const auto& [id, params] : in->params())
      spec.params[id] = toParams(params, core::requireVariant(id));
  } catch (const Error& e) {
    return refuse({statusOf(e), e.what()});
  }
  const auto device = acquire();
  if (!device) return refuse(busyStatus());
  const core::CancelToken cancel;
  std::string outcome = "ok";
  grpc::Status status = grpc::Status::OK;
  try {
    Watch watch([&] { return ctx->IsCancelled() || stopping.cancelled(); },
                [&] { cancel.cancel(); });
    core::Device& dev = *devices[*device];
    const std::string& unit = unitNames[*device];
    dev.bench(
        spec,
        [&](const core::BenchPoint& p, double fraction) {
          pb::BenchmarkPoint o;
          o.set_variant(p.variant);
          o.set_n(p.n);
          o.set_d(p.d);
          o.set_repeats(p.repeats);
          o.set_median(p.median);
          o.set_min(p.min);
          o.set_max(p.max);
          o.set_flops(p.flops);
          o.set_bytes(p.bytes);
          o.set_peak(p.peak);
          o.set_with_weights_median(p.withWeightsMedian);
          o.set_error(p.error);
          o.set_fraction(fraction);
          // The device's own account where it gives one (a backend that times on the device),
          // else the engine's: the host is the device.
          const core::ComputedOn& on = p.computedOn;
          o.mutable_provenance()->set_device(on.device.empty() ? unit : on.device);
          o.mutable_provenance()->set_execution(encodeExecution(on.execution));
          o.mutable_provenance()->set_device_seconds(on.deviceSeconds > 0 ? on.deviceSeconds
                                                                          : p.median);
          o.mutable_provenance()->set_host_seconds(on.hostSeconds);
          o.set_host_seconds(on.hostSeconds);
          o.set_transfer_seconds(on.transferSeconds);
          if (!writer->Write(o)) cancel.cancel();
        },
        cancel);
    cancel.throwIfCancelled();
    pb::BenchmarkPoint done;
    done.set_done(true);
    done.set_fraction(1);
    if (!writer->Write(done)) throw core::Cancelled();
    count(&ServerCounters::completed);
  } catch (const core::Cancelled&) {
    count(&ServerCounters::cancelled);
    outcome = "cancelled";
    status = {grpc::StatusCode::CANCELLED, "The benchmark was cancelled."};
  } catch (const Error& e) {
    count(&ServerCounters::failed);
    outcome = std::string("failed: ") + e.what();
    status = {statusOf(e), e.what()};
  }
  release(*device);
  log(ctx, what, t0, outcome);
  return status;
}

}  // namespace atlas::remote
