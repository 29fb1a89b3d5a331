// attention-atlas: the window with no arguments, the command line otherwise.
#include "cli/commands.h"
#include "language.h"
#include "main_window.h"
#include "settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <iostream>

namespace {

/// --screenshot FILE: waits for the first result, lets the layout settle, saves grab() and quits.
void scheduleScreenshot(atlas::app::MainWindow* window, const QString& file) {
  auto save = [window, file] {
    const bool ok = window->grab().save(file);
    std::cerr << (ok ? "saved " : "could not save ") << file.toStdString() << "\n";
    QCoreApplication::exit(ok ? 0 : 1);
  };
  QObject::connect(window, &atlas::app::MainWindow::resultShown, window,
                   [save] { QTimer::singleShot(600, save); }, Qt::SingleShotConnection);
  QTimer::singleShot(30000, window, save);  // never hang: save whatever is there
}

}  // namespace

int main(int argc, char** argv) {
  if (atlas::app::cli::isCliInvocation(argc, argv)) return atlas::app::cli::runCli(argc, argv);

  QApplication app(argc, argv);
  QApplication::setOrganizationName("AttentionAtlas");
  QApplication::setApplicationName("attention-atlas");
  QApplication::setApplicationVersion(ATLAS_VERSION);

  QCommandLineParser parser;
  parser.setApplicationDescription("Attention Atlas: attention mechanisms made visible.");
  const QCommandLineOption lang("lang", "Language of this session: en or zh_CN.", "LANG");
  const QCommandLineOption variant("variant", "Variant to show first.", "ID");
  const QCommandLineOption fresh("fresh", "Ignore and do not change saved settings.");
  const QCommandLineOption screenshot("screenshot", "Save the window as PNG after the first result, then quit.", "FILE");
  const QCommandLineOption size("size", "Window size WxH (e.g. 1400x860).", "WxH");
  const QCommandLineOption tab("tab", "View to show first: heatmap, output or explanation.", "VIEW");
  parser.addOptions({lang, variant, fresh, screenshot, size, tab});
  parser.process(app);

  QTemporaryDir freshDir;
  if (parser.isSet(fresh) || parser.isSet(screenshot)) {
    // Settings go to an empty temporary place: a reproducible window, nothing of the user's touched.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, freshDir.path());
  }

  atlas::app::Language language;
  QString code = parser.isSet(lang) ? parser.value(lang) : atlas::app::Settings::language();
  if (code.isEmpty()) code = atlas::app::Language::systemDefault();
  if (!language.setLanguage(code)) {
    std::cerr << "error: Unknown language '" << code.toStdString() << "': use en or zh_CN.\n";
    return 2;
  }
  if (parser.isSet(variant)) atlas::app::Settings::setLastVariant(parser.value(variant));

  atlas::app::MainWindow window(&language);
  if (parser.isSet(size)) {
    const QStringList wh = parser.value(size).split('x');
    if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
  }
  if (parser.isSet(tab)) {
    if (auto* v = window.view(parser.value(tab))) window.tabs()->setCurrentWidget(v);
  }
  if (parser.isSet(screenshot)) scheduleScreenshot(&window, parser.value(screenshot));
  window.show();
  return QApplication::exec();
}
