#include "settings.h"

#include <QSettings>

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
constexpr auto kDirectory = "files/lastDirectory";
}  // namespace key

QVariant get(const char* k, const QVariant& fallback = {}) { return QSettings().value(k, fallback); }
void put(const QString& k, const QVariant& v) { QSettings().setValue(k, v); }

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

QVariantMap Settings::variantParams(const QString& id) {
  return QSettings().value(key::kParams + id).toMap();
}
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

QString Settings::lastDirectory() { return get(key::kDirectory).toString(); }
void Settings::setLastDirectory(const QString& dir) { put(key::kDirectory, dir); }

void Settings::clear() { QSettings().clear(); }

}  // namespace atlas::app
