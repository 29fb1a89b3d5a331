#include "settings.h"

#include "settings_store.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>
#include <QThread>
#include <QTimer>

namespace atlas::app {
namespace {

namespace key {
constexpr auto kLanguage = "ui/language";
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kVariant = "session/variant";
constexpr auto kParams = "session/params/";
constexpr auto kInputs = "session/inputs";
constexpr auto kColorMap = "view/colorMap";
constexpr auto kLogScale = "view/logScale";
constexpr auto kCellValues = "view/cellValues";
constexpr auto kMemory = "engine/memoryLimit";
constexpr auto kDisplayBudget = "engine/displayBudget";
constexpr auto kPoolMode = "engine/poolMode";
constexpr auto kDirectory = "files/lastDirectory";
constexpr auto kRecentLessons = "files/recentLessons";
constexpr auto kZoom = "presentation/zoom";
constexpr auto kEditorGeometry = "editor/geometry";
constexpr auto kEditorSizes = "editor/sizes";
constexpr auto kExport = "export/figure";
constexpr auto kMachines = "machines/";
constexpr auto kDeviceAddress = "device/address";
constexpr auto kDeviceToken = "device/tokenFile";
constexpr auto kDeviceCa = "device/caFile";
constexpr auto kDeviceChosen = "device/chosen";
}  // namespace key

/// "machines/<id>/<leaf>", the id reduced to characters QSettings keeps as they are.
QString machineKey(const QString& machine, const char* leaf) {
  QString id = machine;
  for (QChar& c : id)
    if (!c.isLetterOrNumber() && c != '-' && c != '.') c = '_';
  return key::kMachines + id + '/' + leaf;
}

/// Values set but not yet written. A QSettings object that goes out of scope with changes
/// rewrites its file and fdatasyncs it: on a slider drag that was two file syncs per step on
/// the GUI thread, each as slow as the disk. Writes now collect here and reach the
/// file together once none came for kWriteDelayMs, and when the application quits. Reads see
/// them at once.
constexpr int kWriteDelayMs = 1000;

struct PendingWrites {
  QMap<QString, QVariant> values;
  QPointer<QTimer> timer;
  std::function<void(const QString&)> onFailure;
};

PendingWrites& pending() {
  static PendingWrites p;
  return p;
}

void flush() {
  PendingWrites& p = pending();
  if (p.values.isEmpty()) return;
  prepareSettings();
  QSettings settings;
  for (auto it = p.values.cbegin(); it != p.values.cend(); ++it)
    settings.setValue(it.key(), it.value());
  // Written to a temporary file renamed over the old one once complete (settings_store.h): a
  // failure (a full disk, a read-only folder) leaves the old file whole, and the values stay
  // pending for the next write.
  settings.sync();
  if (settings.status() != QSettings::NoError) {
    if (p.onFailure) p.onFailure(settings.fileName());
    return;
  }
  p.values.clear();
}

QVariant get(const QString& k, const QVariant& fallback = {}) {
  const PendingWrites& p = pending();
  if (const auto it = p.values.constFind(k); it != p.values.cend()) return *it;
  prepareSettings();
  return QSettings().value(k, fallback);
}

void put(const QString& k, const QVariant& v) {
  PendingWrites& p = pending();
  p.values.insert(k, v);
  QCoreApplication* app = QCoreApplication::instance();
  if (!app || QThread::currentThread() != app->thread())
    return flush();  // no event loop to wait for
  if (!p.timer) {
    p.timer = new QTimer(app);
    p.timer->setSingleShot(true);
    p.timer->setInterval(kWriteDelayMs);
    QObject::connect(p.timer, &QTimer::timeout, p.timer, [] { flush(); });
    QObject::connect(app, &QCoreApplication::aboutToQuit, p.timer, [] { flush(); });
  }
  p.timer->start();  // restarted by every write: the file is written when the changes pause
}

}  // namespace

void Settings::onWriteFailure(std::function<void(const QString& file)> report) {
  pending().onFailure = std::move(report);
}

QString Settings::language() { return get(key::kLanguage).toString(); }
void Settings::setLanguage(const QString& code) { put(key::kLanguage, code); }

QByteArray Settings::windowGeometry() { return get(key::kGeometry).toByteArray(); }
QByteArray Settings::windowState() { return get(key::kState).toByteArray(); }
void Settings::setWindow(const QByteArray& geometry, const QByteArray& state) {
  put(key::kGeometry, geometry);
  put(key::kState, state);
}

QString Settings::lastVariant() { return get(key::kVariant, "scaled_dot").toString(); }
void Settings::setLastVariant(const QString& id) { put(key::kVariant, id); }

QVariantMap Settings::variantValues(const QString& id) { return get(key::kParams + id).toMap(); }
void Settings::setVariantValues(const QString& id, const QVariantMap& values) {
  put(key::kParams + id, values);
}

core::ParamSet Settings::variantParams(const core::Variant& variant) {
  const auto specs = variant.params();
  core::ParamSet params = core::defaultParams(specs);
  const QVariantMap saved = variantValues(QString::fromStdString(variant.id()));
  for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
    try {
      core::setParam(params, specs, variant.id(), it.key().toStdString(),
                     it.value().toString().toStdString());
    } catch (const core::Error&) {
      // a value saved by another version (a renamed parameter, a narrower range): the default
    }
  }
  return params;
}

QVariantMap Settings::inputs() { return get(key::kInputs).toMap(); }
void Settings::setInputs(const QVariantMap& values) { put(key::kInputs, values); }

QString Settings::colorMap() { return get(key::kColorMap, "viridis").toString(); }
void Settings::setColorMap(const QString& id) { put(key::kColorMap, id); }
bool Settings::logScale() { return get(key::kLogScale, false).toBool(); }
void Settings::setLogScale(bool on) { put(key::kLogScale, on); }
bool Settings::cellValues() { return get(key::kCellValues, false).toBool(); }
void Settings::setCellValues(bool on) { put(key::kCellValues, on); }

double Settings::memoryLimit() { return get(key::kMemory, 0.0).toDouble(); }

core::RequestLimits Settings::requestLimits() {
  core::RequestLimits limits;
  limits.memoryLimit = memoryLimit();
  limits.displayBudget = displayBudget();
  // 1024 x 1024 cells: about the pixels a heatmap gets on a screen.
  limits.pool.mode =
      poolMode() == QLatin1String("mean") ? core::PoolSpec::Mode::Mean : core::PoolSpec::Mode::Max;
  return limits;
}

double Settings::displayBudget() { return get(key::kDisplayBudget, double(1 << 30)).toDouble(); }
void Settings::setDisplayBudget(double bytes) { put(key::kDisplayBudget, bytes); }
QString Settings::poolMode() {
  return get(key::kPoolMode).toString() == QLatin1String("mean") ? QStringLiteral("mean")
                                                                 : QStringLiteral("max");
}
void Settings::setPoolMode(const QString& mode) { put(key::kPoolMode, mode); }

// Bench points are kept as a list of maps, one per point, in the settings' own format.
std::vector<core::BenchPoint> Settings::benchPoints(const QString& machine) {
  // Points kept before the sweep timed the output path (under the key "points") timed the
  // display matrices too: not comparable, so they are forgotten.
  prepareSettings();
  if (QSettings().contains(machineKey(machine, "points")))
    QSettings().remove(machineKey(machine, "points"));
  std::vector<core::BenchPoint> points;
  for (const QVariant& v : get(machineKey(machine, "outputPoints")).toList()) {
    const QVariantMap m = v.toMap();
    core::BenchPoint p;
    p.variant = m.value("variant").toString().toStdString();
    p.n = core::Index(m.value("n").toLongLong());
    p.d = core::Index(m.value("d").toLongLong());
    p.repeats = m.value("repeats").toInt();
    p.median = m.value("median").toDouble();
    p.min = m.value("min").toDouble();
    p.max = m.value("max").toDouble();
    p.flops = m.value("flops").toDouble();
    p.bytes = m.value("bytes").toDouble();
    p.peak = m.value("peak").toDouble();
    p.gflops = m.value("gflops").toDouble();
    p.error = m.value("error").toString().toStdString();
    if (!p.variant.empty() && p.n > 0 && p.d > 0) points.push_back(std::move(p));
  }
  return points;
}

void Settings::setBenchPoints(const QString& machine, const std::vector<core::BenchPoint>& points) {
  QVariantList list;
  for (const core::BenchPoint& p : points)
    list.append(QVariantMap{{"variant", QString::fromStdString(p.variant)},
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
                            {"error", QString::fromStdString(p.error)}});
  put(machineKey(machine, "outputPoints"), list);
}

std::optional<core::MachineRoof> Settings::machineRoof(const QString& machine) {
  const QVariantMap m = get(machineKey(machine, "roof")).toMap();
  core::MachineRoof roof;
  roof.peakGflops = m.value("peakGflops").toDouble();
  roof.bandwidthGBs = m.value("bandwidthGBs").toDouble();
  roof.threads = m.value("threads").toInt();
  roof.cpu = m.value("cpu").toString().toStdString();
  if (!(roof.peakGflops > 0 && roof.bandwidthGBs > 0)) return std::nullopt;
  return roof;
}

void Settings::setMachineRoof(const QString& machine, const core::MachineRoof& roof) {
  put(machineKey(machine, "roof"), QVariantMap{{"peakGflops", roof.peakGflops},
                                               {"bandwidthGBs", roof.bandwidthGBs},
                                               {"threads", roof.threads},
                                               {"cpu", QString::fromStdString(roof.cpu)}});
}

QString Settings::lastDirectory() { return get(key::kDirectory).toString(); }
void Settings::setLastDirectory(const QString& dir) { put(key::kDirectory, dir); }

QStringList Settings::recentLessons() { return get(key::kRecentLessons).toStringList(); }

void Settings::setRecentLessons(const QStringList& paths) {
  put(key::kRecentLessons, paths.mid(0, 8));
}

void Settings::addRecentLesson(const QString& path) {
  QStringList paths = recentLessons();
  paths.removeAll(path);
  paths.prepend(path);
  setRecentLessons(paths);
}

QByteArray Settings::matrixEditorGeometry() { return get(key::kEditorGeometry).toByteArray(); }
void Settings::setMatrixEditorGeometry(const QByteArray& geometry) {
  put(key::kEditorGeometry, geometry);
}

core::InputDims Settings::matrixEditorSizes() {
  const QVariantMap m = get(key::kEditorSizes).toMap();
  const qint64 dk = m.value("dk", 2).toLongLong();
  return {m.value("n", 3).toLongLong(), m.value("m", 4).toLongLong(), dk, dk,
          m.value("dv", 2).toLongLong()};
}

void Settings::setMatrixEditorSizes(const core::InputDims& dims) {
  put(key::kEditorSizes, QVariantMap{{"n", qint64(dims.n)},
                                     {"m", qint64(dims.m)},
                                     {"dk", qint64(dims.dk)},
                                     {"dv", qint64(dims.dv)}});
}

double Settings::presentationZoom() {
  const double zoom = get(key::kZoom, 1.5).toDouble();
  return zoom >= 1.0 && zoom <= 4.0 ? zoom : 1.5;
}
void Settings::setPresentationZoom(double zoom) { put(key::kZoom, zoom); }

QVariantMap Settings::exportFigure() { return get(key::kExport).toMap(); }
void Settings::setExportFigure(const QVariantMap& values) { put(key::kExport, values); }

DeviceSettings Settings::device() {
  DeviceSettings d;
  d.address = get(key::kDeviceAddress).toString();
  d.tokenFile = get(key::kDeviceToken).toString();
  d.caFile = get(key::kDeviceCa).toString();
  d.chosen = !d.address.isEmpty() && get(key::kDeviceChosen, false).toBool();
  return d;
}

void Settings::setDevice(const DeviceSettings& device) {
  put(key::kDeviceAddress, device.address);
  put(key::kDeviceToken, device.tokenFile);
  put(key::kDeviceCa, device.caFile);
  put(key::kDeviceChosen, device.chosen);
}

void Settings::clear() {
  pending().values.clear();
  prepareSettings();
  QSettings().clear();
}

}  // namespace atlas::app
