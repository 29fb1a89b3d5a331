// attention-atlas: the window with no arguments, the command line otherwise.
#include "cli/commands.h"
#include "language.h"
#include "lesson_recovery.h"
#include "main_window.h"
#include "process_lifetime.h"
#include "runtime_dir.h"
#include "self_test.h"
#include "settings.h"
#include "settings_store.h"
#include "start_options.h"
#include "widgets/explanation_view.h"
#include "window_options.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <iostream>
#include <string>

namespace {

/// --screenshot FILE: waits for the first result, lets the layout settle, saves grab() and quits.
void scheduleScreenshot(atlas::app::MainWindow* window, const QString& file) {
  auto save = [window, file] {
    const bool ok = window->grab().save(file);
    std::cerr << (ok ? "saved " : "could not save ") << file.toStdString() << "\n";
    QCoreApplication::exit(ok ? 0 : 1);
  };
  QObject::connect(
      window, &atlas::app::MainWindow::resultShown, window,
      [save] { QTimer::singleShot(600, save); }, Qt::SingleShotConnection);
  QTimer::singleShot(30000, window, save);  // never hang: save whatever is there
}

/// A platform Qt can show the window on: an X or Wayland display, or one chosen by
/// QT_QPA_PLATFORM (offscreen, say).
bool hasDisplay() {
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
    if (!qEnvironmentVariableIsEmpty(name)) return true;
  return false;
}

/// Qt's offscreen platform warns, each time a layout sets the window's size hints, that it cannot
/// pass them on: there is no window manager to pass them to, so the line says nothing, and a
/// self-test or a screenshot with no display prints it at every start. Every other message goes
/// through to Qt's own handler.
QtMessageHandler g_qtHandler = nullptr;
void withoutOffscreenNoise(QtMsgType type, const QMessageLogContext& context, const QString& text) {
  if (text == QLatin1String("This plugin does not support propagateSizeHints()")) return;
  if (g_qtHandler)  // Qt returns its default handler when none was installed before
    g_qtHandler(type, context, text);
  else
    std::cerr << text.toStdString() << "\n";
}

/// Whether argv holds the window option --NAME (as --NAME VALUE or --NAME=VALUE).
bool hasOption(int argc, char** argv, const char* name) {
  const std::string option = std::string("--") + name;
  for (int i = 1; i < argc; ++i)
    if (argv[i] == option || std::string(argv[i]).rfind(option + "=", 0) == 0) return true;
  return false;
}

// What this build adds to the command line, which atlas_cli (without Qt) serves alone otherwise.
constexpr atlas::app::cli::Command kGuiCommands[] = {
    {atlas::app::cli::kExportCommand, &atlas::app::cli::runExport,
     "draw a view of one variant to PNG, SVG or PDF, without a display"},
};

}  // namespace

int main(int argc, char** argv) {
  if (atlas::app::cli::isCliInvocation(argc, argv))
    return atlas::app::cli::runCli(argc, argv, kGuiCommands,
                                   atlas::app::WindowOptions().helpText());

  // Without a display Qt would abort. A self-test or a screenshot is never looked at, so it runs
  // on the offscreen platform; a window to work in says where it can open.
  if (!hasDisplay()) {
    if (!hasOption(argc, argv, "self-test") && !hasOption(argc, argv, "screenshot")) {
      std::cerr << "error: There is no display to open the window on (DISPLAY and "
                   "WAYLAND_DISPLAY are unset): start it on a desktop, inside xvfb-run, or with "
                   "scripts/run.sh.\n";
      return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  if (qgetenv("QT_QPA_PLATFORM") == "offscreen")
    g_qtHandler = qInstallMessageHandler(withoutOffscreenNoise);
  atlas::app::ensureRuntimeDirectory();  // before Qt, which warns without one
  QApplication app(argc, argv);
  QApplication::setOrganizationName("AttentionAtlas");
  QApplication::setApplicationName("attention-atlas");
  QApplication::setApplicationVersion(ATLAS_VERSION);

  QCommandLineParser parser;
  parser.setApplicationDescription("Attention Atlas: attention mechanisms made visible.");
  const atlas::app::WindowOptions options;
  const QCommandLineOption &lang = options.lang, &variant = options.variant, &fresh = options.fresh,
                           &screenshot = options.screenshot, &size = options.size,
                           &tab = options.tab, &explanation = options.explanation,
                           &lesson = options.lesson, &scene = options.scene, &input = options.input,
                           &set = options.set, &present = options.present,
                           &selfTest = options.selfTest, &testN = options.testN,
                           &testSteps = options.testSteps, &testParam = options.testParam;
  parser.addOptions(options.all());
  if (!parser.parse(QApplication::arguments())) {  // as every command's bad option: exit 2
    std::cerr << "error: " << parser.errorText().toStdString() << "\n";
    return 2;
  }

  atlas::app::LatencyTestOptions latency;
  if (parser.isSet(selfTest)) {
    bool okN = false, okSteps = false;
    latency.n = parser.value(testN).toInt(&okN);
    latency.steps = parser.value(testSteps).toInt(&okSteps);
    latency.param = parser.value(testParam);
    if (parser.value(selfTest) != "latency" || !okN || latency.n < 1 || latency.n > 16384 ||
        !okSteps || latency.steps < 1 || (latency.param != "seed" && latency.param != "d")) {
      std::cerr << "error: Use --self-test latency [--n N] [--steps STEPS] [--param seed|d].\n";
      return 2;
    }
  }

  atlas::app::quitOnTerminationSignals();
  std::unique_ptr<QTemporaryDir> freshDir;
  if (parser.isSet(fresh) || parser.isSet(screenshot) || parser.isSet(selfTest)) {
    // Settings go to an empty temporary place: a reproducible window, nothing of the user's
    // touched.
    freshDir = atlas::app::freshSettingsDirectory();
    if (!freshDir) {
      std::cerr << "error: Cannot make a temporary folder for the settings in "
                << QDir::tempPath().toStdString() << ".\n";
      return 1;
    }
    atlas::app::keepSettingsIn(freshDir->path());
  }

  atlas::app::Language language;
  QString code = parser.isSet(lang) ? parser.value(lang) : atlas::app::Settings::language();
  if (code.isEmpty()) code = atlas::app::Language::systemDefault();
  if (!language.setLanguage(code)) {
    if (parser.isSet(lang)) {
      std::cerr << "error: Unknown language '" << code.toStdString() << "': use en or zh_CN.\n";
      return 2;
    }
    // A saved language this build does not have (another version wrote it, or a hand-edited
    // file): the window starts in the system's language and the setting is forgotten.
    const QString fallback = atlas::app::Language::systemDefault();
    std::cerr << "note: The saved language '" << code.toStdString() << "' is not available: using "
              << fallback.toStdString() << ".\n";
    atlas::app::Settings::setLanguage(QString());
    language.setLanguage(fallback);
  }
  if (parser.isSet(variant)) atlas::app::Settings::setLastVariant(parser.value(variant));

  atlas::app::MainWindow window(&language);
  if (parser.isSet(size)) {
    const QStringList wh = parser.value(size).split('x');
    if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
  }
  if (parser.isSet(tab)) {
    const QString view = parser.value(tab).section(':', 0, 0),
                  page = parser.value(tab).section(':', 1);
    if (auto* v = window.view(view)) {
      window.tabs()->setCurrentWidget(v);
      if (!page.isEmpty() && !v->setPage(page)) {
        std::cerr << "error: The " << view.toStdString() << " view has no page '"
                  << page.toStdString() << "' (pages: " << v->pageIds().join(", ").toStdString()
                  << ").\n";
        return 2;
      }
    }
  }
  if (parser.isSet(explanation)) {
    const QString id = parser.value(explanation);
    if (!QFile::exists(atlas::widgets::ExplanationView::pagePath("en", id))) {
      std::cerr << "error: There is no explanation page '" << id.toStdString()
                << "': use a variant's id, index or ascend_atb.\n";
      return 2;
    }
    window.openPage(id);
  }
  const atlas::app::StartOptions start{parser.value(lesson), parser.value(scene),
                                       parser.value(input), parser.values(set),
                                       parser.isSet(present)};
  if (const QString error = atlas::app::applyStartOptions(window, start); !error.isEmpty()) {
    std::cerr << "error: " << error.toStdString() << "\n";
    return 2;
  }
  if (parser.isSet(screenshot)) scheduleScreenshot(&window, parser.value(screenshot));
  window.show();
  if (parser.isSet(selfTest)) atlas::app::scheduleLatencySelfTest(&window, latency);
  // A lesson the author had not saved when the app last stopped: offered once the window is up
  // (never in a reproducible run, nor when the command line names a lesson).
  const bool reproducible =
      parser.isSet(fresh) || parser.isSet(screenshot) || parser.isSet(selfTest);
  if (!reproducible && !parser.isSet(lesson) && atlas::app::LessonRecovery::pending())
    QTimer::singleShot(0, &window, [&window] { window.lessonRecovery()->offer(&window); });
  return QApplication::exec();
}
