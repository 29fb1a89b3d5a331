// attention-atlas: the window with no arguments, the command line otherwise.
#include "cli/commands.h"
#include "main_window.h"

#include <QApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char** argv) {
  if (atlas::app::cli::isCliInvocation(argc, argv)) return atlas::app::cli::runCli(argc, argv);

  QApplication app(argc, argv);
  QApplication::setOrganizationName("AttentionAtlas");
  QApplication::setApplicationName("attention-atlas");
  QApplication::setApplicationVersion(ATLAS_VERSION);

  QTranslator translator;
  if (QLocale::system().language() == QLocale::Chinese &&
      translator.load(QLocale(QLocale::Chinese, QLocale::China), "atlas", "_", ":/i18n"))
    QApplication::installTranslator(&translator);

  atlas::app::MainWindow window;
  window.show();
  return QApplication::exec();
}
