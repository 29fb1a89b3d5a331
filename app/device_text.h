// What the window says about devices, in the UI language: what a device answered (the Device
// dialog's test), where a result was computed and in how long (the status bar), and how a
// device's result compares with this computer's (Compute > Compare with this computer).
#pragma once

#include "core/device/device.h"

#include <QCoreApplication>
#include <QString>

#include <utility>
#include <vector>

namespace atlas::app {

struct DeviceProbe;

/// The two computations of Compare with this computer, and how far apart they are.
struct DeviceComparison {
  QString device;                ///< the remote device's name
  QString variant;               ///< its id
  bool sameShape = true;         ///< weights and outputs of the same sizes
  bool weights = false;          ///< both results hold weights (some variants form none)
  double weightDifference = 0;   ///< the largest |w_local - w_device| over every head
  double outputDifference = 0;   ///< the largest |o_local - o_device|
  double localSeconds = 0;       ///< this computer's engine
  core::ComputedOn remote;       ///< the device's times
  double remoteWallSeconds = 0;  ///< the whole call, as the window waited for it
};

class DeviceText {
  Q_DECLARE_TR_FUNCTIONS(DeviceText)

 public:
  /// "native", "composed", "host".
  static QString execution(core::Execution execution);
  /// The device's answer, one line each: server and version, backend, units, limits, how many
  /// variants it computes natively, composed or on its host, the round trip.
  static QString info(const DeviceProbe& probe);
  /// Where a result shown was computed: "Computed on this computer" (the status message has
  /// its time), "Computed on npu-host:50051 (native) in 12.3 ms, transfer 4.1 ms" (`device`
  /// names a remote device; the time is the device's own).
  static QString computedOn(const core::ComputedOn& on, const QString& device);
  /// The same, with every time the device reported (the status label's tooltip).
  static QString computedOnDetails(const core::ComputedOn& on, const QString& unit);
  /// The comparison's heading ("Scaled dot-product attention on this computer and on …").
  static QString comparisonHeading(const DeviceComparison& c);
  /// Its rows, (what, value): the largest differences of the weights and of the output, the
  /// time here and the device's times.
  static std::vector<std::pair<QString, QString>> comparisonRows(const DeviceComparison& c);
  /// The heading and the rows as lines of text ("what: value").
  static QString comparison(const DeviceComparison& c);
  /// "This computer" (the toolbar's first choice).
  static QString thisComputer();
};

}  // namespace atlas::app
