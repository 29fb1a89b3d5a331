// The Complexity view's measurements: the benchmark sweep (point by point into the view, with
// progress and Cancel) and the calibration of this machine's roof, both off the GUI thread, kept
// in the settings per machine (another machine's timings and roof would mislead).
#pragma once

#include "core/device/device.h"
#include "core/request_builder.h"

#include <QObject>

#include <functional>

namespace atlas::widgets {
class ComplexityView;
}

namespace atlas::app {

class BackgroundTask;

class BenchController : public QObject {
  Q_OBJECT
 public:
  /// `requests` gives the window's current limits (the sweep's memory limit).
  BenchController(widgets::ComplexityView* view, std::function<core::RequestBuilder()> requests,
                  QObject* parent = nullptr);

  /// This machine's name and architecture, under which its measurements are kept.
  static QString machineId();

  /// Where Start measures: the device `device` gives (a remote one), or this machine when it
  /// gives none. A device's points are their own series; only this machine's are kept.
  void setDevice(std::function<std::shared_ptr<core::Device>()> device) {
    m_device = std::move(device);
  }

 Q_SIGNALS:
  void failed(const core::Error& error);

 private:
  void startSweep(const QStringList& variants, const QList<qint64>& ns, int repeats, int d);
  void calibrate();

  widgets::ComplexityView* m_view;
  std::function<core::RequestBuilder()> m_requests;
  std::function<std::shared_ptr<core::Device>()> m_device;
  BackgroundTask* m_sweep;
  BackgroundTask* m_calibration;
};

}  // namespace atlas::app
