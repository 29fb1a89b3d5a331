// Compute > Compare with this computer: the request on screen computed on this computer and on
// the remote device, one after the other, off the GUI thread; the largest differences of their
// weights and outputs, and both times.
#pragma once

#include "device_text.h"

#include "core/engine.h"

#include <QObject>

#include <memory>

namespace atlas::app {

class BackgroundTask;

/// How far apart two results of the same job are (`device` and `variant` left empty).
DeviceComparison compareResults(const core::VariantResult& local,
                                const core::VariantResult& remote);

class DeviceCompare : public QObject {
  Q_OBJECT
 public:
  explicit DeviceCompare(QObject* parent = nullptr);

  /// Computes the first job of `request` here and on `device` (named `name`); a newer start
  /// replaces a comparison still running.
  void start(core::EngineRequest request, std::shared_ptr<core::Device> device,
             const QString& name);
  bool busy() const;

 Q_SIGNALS:
  void compared(const DeviceComparison& comparison);
  /// Either computation failed (the device's sentence, or the job's own error).
  void failed(const core::Error& error);

 private:
  BackgroundTask* m_task;
};

}  // namespace atlas::app
