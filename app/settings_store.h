// The file the settings live in. QSettings' own INI writer ignores a short write: on a full disk
// it renamed a truncated file over the old one and reported no error (a 1 MiB value under a 64
// KiB file-size limit left 64 KiB of INI, status NoError), so the settings are kept in a format
// of the app's own, written whole or not at all: the values in one QDataStream, checked to reach
// the file complete before QSettings renames it into place. An INI file an earlier version wrote
// is read once into the new file.
#pragma once

#include <QSettings>
#include <QString>

namespace atlas::app {

/// The settings' format, registered (and made QSettings' default) on the first call.
QSettings::Format settingsFormat();
/// Before the settings are first read or written: the format registered, and an INI file an
/// earlier version left in the settings' folder imported (once per process).
void prepareSettings();

/// Keep the settings in `folder` (a reproducible run, a test) instead of the user's; call it
/// before the settings are first used.
void keepSettingsIn(const QString& folder);

}  // namespace atlas::app
