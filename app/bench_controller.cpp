#include "bench_controller.h"

#include "background_task.h"
#include "settings.h"

#include "widgets/complexity_view.h"

#include "core/calibration.h"

#include <QSysInfo>

namespace atlas::app {

BenchController::BenchController(widgets::ComplexityView* view,
                                 std::function<core::RequestBuilder()> requests, QObject* parent)
    : QObject(parent),
      m_view(view),
      m_requests(std::move(requests)),
      m_sweep(new BackgroundTask(this)),
      m_calibration(new BackgroundTask(this)) {
  connect(m_sweep, &BackgroundTask::finished, this, [this] { m_view->setBenchRunning(false); });
  connect(m_sweep, &BackgroundTask::failed, this, &BenchController::failed);
  connect(m_calibration, &BackgroundTask::failed, this, [this](const core::Error& e) {
    m_view->setCalibrating(false);
    Q_EMIT failed(e);
  });
  connect(m_view, &widgets::ComplexityView::benchRequested, this, &BenchController::startSweep);
  connect(m_view, &widgets::ComplexityView::cancelRequested, m_sweep, &BackgroundTask::cancel);
  connect(m_view, &widgets::ComplexityView::calibrateRequested, this, &BenchController::calibrate);
  // What this machine measured before.
  m_view->setBenchPoints(Settings::benchPoints(machineId()));
  if (const auto roof = Settings::machineRoof(machineId())) m_view->setMachineRoof(*roof);
}

QString BenchController::machineId() {
  return QSysInfo::machineHostName() + '-' + QSysInfo::currentCpuArchitecture();
}

void BenchController::startSweep(const QStringList& variants, const QList<qint64>& ns, int repeats,
                                 int d) {
  std::vector<std::string> ids;
  for (const QString& id : variants) ids.push_back(id.toStdString());
  std::vector<core::Index> sizes(ns.begin(), ns.end());
  core::BenchSpec spec;
  try {
    spec = m_requests().bench(std::move(ids), std::move(sizes), d, repeats);
  } catch (const core::Error& e) {
    Q_EMIT failed(e);
    return;
  }
  std::shared_ptr<core::Device> device;
  try {
    if (m_device) device = m_device();
  } catch (const core::Error& e) {
    Q_EMIT failed(e);
    return;
  }
  if (!device) device = std::make_shared<core::CpuDevice>();
  m_view->setBenchRunning(true);
  // Each measured point reaches the view as it comes (posted: a newer sweep drops it); the end,
  // cancelled or not, is the task's finished().
  m_sweep->start([this, spec, device](const core::CancelToken& cancel,
                                      const BackgroundTask::Post& post) -> std::function<void()> {
    device->bench(
        spec,
        [this, post](const core::BenchPoint& point, double fraction) {
          post([this, point, fraction] {
            m_view->addBenchPoint(point);
            m_view->setBenchProgress(fraction);
            // Kept: this machine's measurements only (a device's would pass for this machine's).
            std::vector<core::BenchPoint> local;
            for (const core::BenchPoint& p : m_view->benchPoints())
              if (!p.computedOn.remote()) local.push_back(p);
            Settings::setBenchPoints(machineId(), local);
          });
        },
        cancel);
    return {};
  });
}

void BenchController::calibrate() {
  if (m_calibration->busy()) return;
  m_view->setCalibrating(true);
  m_calibration->start(
      [this](const core::CancelToken&, const BackgroundTask::Post&) -> std::function<void()> {
        const core::MachineRoof roof = core::calibrate(1.0);
        return [this, roof] {
          m_view->setMachineRoof(roof);
          Settings::setMachineRoof(machineId(), roof);
        };
      });
}

}  // namespace atlas::app
