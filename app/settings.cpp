#include "settings.h"

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
constexpr auto kMemory = "engine/memoryLimit";
constexpr auto kDisplayBudget = "engine/displayBudget";
constexpr auto kPoolMode = "engine/poolMode";
constexpr auto kDirectory = "files/lastDirectory";
constexpr auto kMachines = "machines/";
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
/// the GUI thread (about 14 ms each on a plain disk). Writes now collect here and reach the
/// file together once none came for kWriteDelayMs, and when the application quits. Reads see
/// them at once.
constexpr int kWriteDelayMs = 1000;

struct PendingWrites {
  QMap<QString, QVariant> values;
  QPointer<QTimer> timer;
};

PendingWrites& pending() {
  static PendingWrites p;
  return p;
}

void flush() {
  PendingWrites& p = pending();
  if (p.values.isEmpty()) return;
  QSettings settings;
  for (auto it = p.values.cbegin(); it != p.values.cend(); ++it)
    settings.setValue(it.key(), it.value());
  p.values.clear();
}  // one sync, here

QVariant get(const QString& k, const QVariant& fallback = {}) {
  const PendingWrites& p = pending();
  if (const auto it = p.values.constFind(k); it != p.values.cend()) return *it;
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

QVariantMap Settings::variantParams(const QString& id) { return get(key::kParams + id).toMap(); }
void Settings::setVariantParams(const QString& id, const QVariantMap& values) {
  put(key::kParams + id, values);
}

QVariantMap Settings::inputs() { return get(key::kInputs).toMap(); }
void Settings::setInputs(const QVariantMap& values) { put(key::kInputs, values); }

QString Settings::colorMap() { return get(key::kColorMap, "viridis").toString(); }
void Settings::setColorMap(const QString& id) { put(key::kColorMap, id); }
bool Settings::logScale() { return get(key::kLogScale, false).toBool(); }
void Settings::setLogScale(bool on) { put(key::kLogScale, on); }

double Settings::memoryLimit() { return get(key::kMemory, 0.0).toDouble(); }

double Settings::displayBudget() { return get(key::kDisplayBudget, double(1 << 30)).toDouble(); }
void Settings::setDisplayBudget(double bytes) { put(key::kDisplayBudget, bytes); }
QString Settings::poolMode() {
  return get(key::kPoolMode).toString() == QLatin1String("mean") ? QStringLiteral("mean")
                                                                 : QStringLiteral("max");
}
void Settings::setPoolMode(const QString& mode) { put(key::kPoolMode, mode); }

QByteArray Settings::benchPoints(const QString& machine) {
  return get(machineKey(machine, "benchPoints")).toByteArray();
}
void Settings::setBenchPoints(const QString& machine, const QByteArray& json) {
  put(machineKey(machine, "benchPoints"), json);
}
QVariantMap Settings::machineRoof(const QString& machine) {
  return get(machineKey(machine, "roof")).toMap();
}
void Settings::setMachineRoof(const QString& machine, const QVariantMap& roof) {
  put(machineKey(machine, "roof"), roof);
}

QString Settings::lastDirectory() { return get(key::kDirectory).toString(); }
void Settings::setLastDirectory(const QString& dir) { put(key::kDirectory, dir); }

void Settings::clear() {
  pending().values.clear();
  QSettings().clear();
}

}  // namespace atlas::app
