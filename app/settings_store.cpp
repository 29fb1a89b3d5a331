#include "settings_store.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QFile>
#include <QIODevice>

namespace atlas::app {
namespace {

const QByteArray kMagic = QByteArrayLiteral("attention-atlas settings 1");

bool writeStore(QIODevice& device, const QSettings::SettingsMap& map) {
  QByteArray bytes;
  {
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic << map;
  }
  // A short write (a full disk, a file-size limit) is a failure: QSettings then keeps the old file.
  return device.write(bytes) == bytes.size();
}

bool readStore(QIODevice& device, QSettings::SettingsMap& map) {
  QDataStream in(&device);
  in.setVersion(QDataStream::Qt_6_4);
  QByteArray magic;
  in >> magic;
  if (magic != kMagic) return false;
  in >> map;
  return in.status() == QDataStream::Ok;
}

/// What an earlier version kept (Qt's native format, an INI file named .conf; a reproducible run's
/// .ini), copied once into the new file.
void importIni(QSettings::Format format) {
  const QString org = QCoreApplication::organizationName(),
                app = QCoreApplication::applicationName();
  QSettings store(format, QSettings::UserScope, org, app);
  if (QFile::exists(store.fileName())) return;
  for (const QSettings::Format old : {QSettings::NativeFormat, QSettings::IniFormat}) {
    QSettings ini(old, QSettings::UserScope, org, app);
    if (!QFile::exists(ini.fileName()) || ini.status() != QSettings::NoError) continue;
    for (const QString& k : ini.allKeys()) store.setValue(k, ini.value(k));
    return;
  }
}

}  // namespace

QSettings::Format settingsFormat() {
  static const QSettings::Format format = [] {
    const QSettings::Format f =
        QSettings::registerFormat("settings", readStore, writeStore, Qt::CaseSensitive);
    QSettings::setDefaultFormat(f);
    return f;
  }();
  return format;
}

void prepareSettings() {
  static const bool imported = [] {
    importIni(settingsFormat());
    return true;
  }();
  (void)imported;
}

void keepSettingsIn(const QString& folder) {
  const QSettings::Format f = settingsFormat();
  QSettings::setPath(f, QSettings::UserScope, folder);
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
}

}  // namespace atlas::app
