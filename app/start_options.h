// The window's command line beyond its look: what a scene holds (--input, --set, --lesson
// FILE --scene K) and --present, so that a teacher can script a class.
#pragma once

#include <QString>
#include <QStringList>

namespace atlas::app {

class MainWindow;

struct StartOptions {
  QString lesson;    ///< --lesson NAME|FILE
  QString scene;     ///< --scene K, from 1 (empty: the first)
  QString input;     ///< --input SOURCE
  QStringList sets;  ///< every --set KEY=VALUE
  bool present = false;
};

/// Shows what `options` ask for in `window` (built, not yet shown). Returns an empty string, or
/// one English sentence saying what is wrong (the window then shows nothing of it).
QString applyStartOptions(MainWindow& window, const StartOptions& options);

}  // namespace atlas::app
