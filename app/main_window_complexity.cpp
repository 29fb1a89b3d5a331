// MainWindow: the Complexity view's benchmark sweep and calibration run off the GUI thread; each
// measured point reaches the view as it comes, and points and roof are kept per machine.
#include "background_task.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/complexity_view.h"
#include "widgets/core_text.h"

#include "core/bench.h"
#include "core/calibration.h"
#include "core/memory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QSysInfo>

namespace atlas::app {

namespace {

/// Results are kept under this machine's name and architecture: another machine's timings and
/// roof would mislead.
QString machineId() {
  return QSysInfo::machineHostName() + '-' + QSysInfo::currentCpuArchitecture();
}

QJsonObject toJson(const core::BenchPoint& p) {
  return {{"variant", QString::fromStdString(p.variant)},
          {"n", qint64(p.n)},
          {"d", qint64(p.d)},
          {"repeats", p.repeats},
          {"median", p.median},
          {"min", p.min},
          {"max", p.max},
          {"flops", p.flops},
          {"bytes", p.bytes},
          {"peak", p.peak},
          {"gflops", p.gflops},
          {"error", QString::fromStdString(p.error)}};
}

core::BenchPoint fromJson(const QJsonObject& o) {
  core::BenchPoint p;
  p.variant = o["variant"].toString().toStdString();
  p.n = core::Index(o["n"].toInteger());
  p.d = core::Index(o["d"].toInteger());
  p.repeats = o["repeats"].toInt();
  p.median = o["median"].toDouble();
  p.min = o["min"].toDouble();
  p.max = o["max"].toDouble();
  p.flops = o["flops"].toDouble();
  p.bytes = o["bytes"].toDouble();
  p.peak = o["peak"].toDouble();
  p.gflops = o["gflops"].toDouble();
  p.error = o["error"].toString().toStdString();
  return p;
}

std::vector<core::BenchPoint> loadPoints() {
  std::vector<core::BenchPoint> points;
  for (const QJsonValue& v : QJsonDocument::fromJson(Settings::benchPoints(machineId())).array()) {
    core::BenchPoint p = fromJson(v.toObject());
    if (!p.variant.empty() && p.n > 0 && p.d > 0) points.push_back(std::move(p));
  }
  return points;
}

void savePoints(const std::vector<core::BenchPoint>& points) {
  QJsonArray array;
  for (const core::BenchPoint& p : points) array.append(toJson(p));
  Settings::setBenchPoints(machineId(), QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<core::MachineRoof> loadRoof() {
  const QVariantMap m = Settings::machineRoof(machineId());
  core::MachineRoof roof;
  roof.peakGflops = m.value("peakGflops").toDouble();
  roof.bandwidthGBs = m.value("bandwidthGBs").toDouble();
  roof.threads = m.value("threads").toInt();
  roof.cpu = m.value("cpu").toString().toStdString();
  if (!(roof.peakGflops > 0 && roof.bandwidthGBs > 0)) return std::nullopt;
  return roof;
}

void saveRoof(const core::MachineRoof& roof) {
  Settings::setMachineRoof(machineId(), {{"peakGflops", roof.peakGflops},
                                         {"bandwidthGBs", roof.bandwidthGBs},
                                         {"threads", roof.threads},
                                         {"cpu", QString::fromStdString(roof.cpu)}});
}

}  // namespace

void MainWindow::setupComplexity() {
  m_complexity = qobject_cast<widgets::ComplexityView*>(view("complexity"));
  if (!m_complexity) return;
  m_benchTask = new BackgroundTask(this);
  m_calibrationTask = new BackgroundTask(this);
  connect(m_calibrationTask, &BackgroundTask::failed, this, [this](const core::Error& e) {
    m_complexity->setCalibrating(false);
    showError([e] { return widgets::errorText(e); });
  });
  connect(m_complexity, &widgets::ComplexityView::benchRequested, this, &MainWindow::startBench);
  connect(m_complexity, &widgets::ComplexityView::cancelRequested, this,
          [this] { m_benchTask->cancel(); });
  connect(m_complexity, &widgets::ComplexityView::calibrateRequested, this,
          &MainWindow::calibrateMachine);
  // What this machine measured before.
  m_complexity->setBenchPoints(loadPoints());
  if (const auto roof = loadRoof()) m_complexity->setMachineRoof(*roof);
}

void MainWindow::startBench(const QStringList& variants, const QList<qint64>& ns, int repeats,
                            int d) {
  core::BenchSpec spec;
  for (const QString& id : variants) spec.variants.push_back(id.toStdString());
  for (qint64 n : ns) spec.ns.push_back(core::Index(n));
  spec.repeats = repeats;
  spec.d = d;
  const double limit = Settings::memoryLimit();
  spec.memoryLimit = limit > 0 ? limit : core::defaultMemoryLimit();
  const quint64 generation = ++m_benchGeneration;
  m_complexity->setBenchRunning(true);
  // Every message back to the GUI thread goes through the task object (it outlives the worker:
  // its destructor cancels and waits) and is dropped when a newer sweep has started. The end
  // is posted here too, not returned, so a cancelled sweep still reports that it stopped.
  BackgroundTask* task = m_benchTask;
  auto post = [this, task, generation](std::function<void()> f) {
    QMetaObject::invokeMethod(
        task,
        [this, generation, f = std::move(f)] {
          if (generation == m_benchGeneration) f();
        },
        Qt::QueuedConnection);
  };
  m_benchTask->start([this, spec, post](const core::CancelToken& cancel) -> std::function<void()> {
    try {
      core::runBench(
          spec,
          [this, post](const core::BenchPoint& point, double fraction) {
            post([this, point, fraction] {
              m_complexity->addBenchPoint(point);
              m_complexity->setBenchProgress(fraction);
              savePoints(m_complexity->benchPoints());
            });
          },
          cancel);
      post([this] { m_complexity->setBenchRunning(false); });
    } catch (const core::Cancelled&) {
      post([this] { m_complexity->setBenchRunning(false); });
    } catch (const core::Error& e) {
      post([this, e] {
        m_complexity->setBenchRunning(false);
        showError([e] { return widgets::errorText(e); });
      });
    }
    return {};
  });
}

void MainWindow::calibrateMachine() {
  if (m_calibrationTask->busy()) return;
  m_complexity->setCalibrating(true);
  m_calibrationTask->start([this](const core::CancelToken&) -> std::function<void()> {
    const core::MachineRoof roof = core::calibrate(1.0);
    return [this, roof] {
      m_complexity->setMachineRoof(roof);
      saveRoof(roof);
    };
  });
}

}  // namespace atlas::app
