#include "device_compare.h"

#include "background_task.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace atlas::app {

namespace {

/// The one job's result, or its error thrown.
std::shared_ptr<const core::VariantResult> only(const std::vector<core::JobOutcome>& outcomes) {
  if (outcomes.empty() || (!outcomes[0].ok() && !outcomes[0].error))
    throw core::Cancelled();  // nothing came back: nothing to say
  if (!outcomes[0].ok()) throw *outcomes[0].error;
  return outcomes[0].result;
}

double largestDifference(const core::Matrix& a, const core::Matrix& b) {
  return a.size() == 0 ? 0.0 : double((a - b).cwiseAbs().maxCoeff());
}

}  // namespace

DeviceComparison compareResults(const core::VariantResult& a, const core::VariantResult& b) {
  DeviceComparison c;
  c.localSeconds = a.seconds;
  c.remote = b.computedOn;
  c.sameShape = a.output.rows() == b.output.rows() && a.output.cols() == b.output.cols() &&
                a.heads() == b.heads() && a.weightRows() == b.weightRows() &&
                a.weightCols() == b.weightCols();
  if (!c.sameShape) return c;
  c.outputDifference = largestDifference(a.output, b.output);
  c.weights = a.heads() > 0;
  for (core::Index h = 0; h < a.heads(); ++h) {
    if (!a.sparse() && !b.sparse()) {
      c.weightDifference =
          std::max(c.weightDifference, largestDifference(a.weights(h), b.weights(h)));
      continue;
    }
    for (core::Index i = 0; i < a.weightRows(); ++i)
      for (core::Index j = 0; j < a.weightCols(); ++j)
        c.weightDifference =
            std::max(c.weightDifference, double(std::abs(a.weight(h, i, j) - b.weight(h, i, j))));
  }
  return c;
}

DeviceCompare::DeviceCompare(QObject* parent) : QObject(parent), m_task(new BackgroundTask(this)) {
  connect(m_task, &BackgroundTask::failed, this, &DeviceCompare::failed);
}

bool DeviceCompare::busy() const { return m_task->busy(); }

void DeviceCompare::start(core::EngineRequest request, std::shared_ptr<core::Device> device,
                          const QString& name) {
  request.jobs.resize(std::min<std::size_t>(request.jobs.size(), 1));
  request.onProgress = nullptr;
  m_task->start(
      [this, request, device, name](const core::CancelToken& cancel,
                                    const BackgroundTask::Post&) -> std::function<void()> {
        // One after the other, so that neither is timed while the other runs.
        core::Engine engine;
        const auto local = only(engine.run(request, cancel));
        const auto t0 = std::chrono::steady_clock::now();
        const auto remote = only(device->run(request, cancel));
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        DeviceComparison c = compareResults(*local, *remote);
        c.device = name;
        c.variant = QString::fromStdString(local->variant);
        c.remoteWallSeconds = wall;
        return [this, c] { Q_EMIT compared(c); };
      });
}

}  // namespace atlas::app
