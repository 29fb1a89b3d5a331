// Every persistent setting of the app, with typed accessors. The only place that opens QSettings.
#pragma once

#include "core/bench.h"
#include "core/calibration.h"
#include "core/inputs.h"
#include "core/request_builder.h"
#include "core/variant.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <optional>
#include <vector>

namespace atlas::app {

/// Where the window computes (Compute > Device…): a remote device's address, the files of its
/// token and of the CA certificate that signed its TLS certificate (empty: plain connection),
/// and whether the device is chosen instead of this computer.
struct DeviceSettings {
  QString address;  ///< HOST:PORT; empty: no remote device
  QString tokenFile;
  QString caFile;
  bool chosen = false;
  bool operator==(const DeviceSettings&) const = default;
};

class Settings {
 public:
  /// Called with the settings file's name when writing it failed (the old file is kept whole, and
  /// the changes are written again with the next ones).
  static void onWriteFailure(std::function<void(const QString& file)> report);

  /// Language code "en" or "zh_CN"; empty when never chosen (then the system locale decides).
  static QString language();
  static void setLanguage(const QString& code);

  static QByteArray windowGeometry();
  static QByteArray windowState();
  static void setWindow(const QByteArray& geometry, const QByteArray& state);

  static QString lastVariant();
  static void setLastVariant(const QString& id);
  /// The parameters last used with a variant, name -> text (what the parameter panel restores).
  static QVariantMap variantValues(const QString& id);
  static void setVariantValues(const QString& id, const QVariantMap& values);
  /// The same, resolved: the variant's defaults with every saved value that is still valid.
  static core::ParamSet variantParams(const core::Variant& variant);
  /// The input panel's values (source, text, n, m, d, dv, seed).
  static QVariantMap inputs();
  static void setInputs(const QVariantMap& values);

  static QString colorMap();
  static void setColorMap(const QString& id);
  static bool logScale();
  static void setLogScale(bool on);
  /// View > Show values in cells: small heatmaps write each cell's value in it (default off).
  static bool cellValues();
  static void setCellValues(bool on);

  /// Bytes one computation may take; 0 means the default (half of physical memory).
  static double memoryLimit();
  /// The limits every request of the window carries: memory limit, display budget, pooling.
  static core::RequestLimits requestLimits();
  /// Bytes the weights of one result may take on their way to the screen (default 1 GiB; 0:
  /// no limit). Above it, dense attention is streamed into display resolution (pooled).
  static double displayBudget();
  static void setDisplayBudget(double bytes);
  /// How a streamed heatmap pools a block of weights: "max" (default) or "mean".
  static QString poolMode();
  static void setPoolMode(const QString& mode);

  /// Benchmark points measured on `machine`; empty when none were kept.
  static std::vector<core::BenchPoint> benchPoints(const QString& machine);
  static void setBenchPoints(const QString& machine, const std::vector<core::BenchPoint>& points);
  /// The calibrated roof of `machine`, if it was ever measured.
  static std::optional<core::MachineRoof> machineRoof(const QString& machine);
  static void setMachineRoof(const QString& machine, const core::MachineRoof& roof);

  static QString lastDirectory();
  static void setLastDirectory(const QString& dir);

  /// Lesson files opened, the most recent first (at most 8).
  static QStringList recentLessons();
  /// Puts `path` first in the recent lessons (once).
  static void addRecentLesson(const QString& path);
  static void setRecentLessons(const QStringList& paths);

  /// File > Type Q, K, V: the dialog's geometry, and the sizes (N, M, dk, dv; dq = dk) last
  /// accepted there (3, 4, 2, 2 at first).
  static QByteArray matrixEditorGeometry();
  static void setMatrixEditorGeometry(const QByteArray& geometry);
  static core::InputDims matrixEditorSizes();
  static void setMatrixEditorSizes(const core::InputDims& dims);

  /// The presentation mode's zoom, a factor of the normal type size (default 1.5).
  static double presentationZoom();
  static void setPresentationZoom(double zoom);

  /// The export dialog's last choices: preset, unit, widthIn, heightIn, dpi, fontPoints.
  static QVariantMap exportFigure();
  static void setExportFigure(const QVariantMap& values);

  /// The remote device and whether it computes (default: none, this computer).
  static DeviceSettings device();
  static void setDevice(const DeviceSettings& device);

  /// Forget everything (used by --fresh and the tests).
  static void clear();
};

}  // namespace atlas::app
