#include "start_options.h"

#include "lesson_controller.h"
#include "lesson_scenes.h"
#include "main_window.h"

#include "core/inputs.h"
#include "core/lesson.h"

#include <QTimer>

namespace atlas::app {

namespace {

QString sceneOptions(MainWindow& window, const StartOptions& o) {
  core::Lesson lesson;
  try {
    lesson = core::loadLesson(o.lesson.toStdString());
  } catch (const core::Error& e) {
    return QString::fromStdString(e.what());
  }
  const int count = int(lesson.scenes.size());
  int scene = 1;
  if (!o.scene.isEmpty()) {
    bool ok = false;
    scene = o.scene.toInt(&ok);
    if (!ok || scene < 1 || scene > count)
      return QString("--scene must be a whole number from 1 to %1, not '%2'.")
          .arg(count)
          .arg(o.scene);
  }
  if (!window.lessons()->open(o.lesson, scene - 1))
    return QString("%1 cannot be shown in the window: %2").arg(o.lesson, window.errorMessage());
  return {};
}

QString stateOptions(MainWindow& window, const StartOptions& o) {
  WindowState state = window.captureState();
  try {
    if (!o.input.isEmpty()) {
      const core::InputSpec spec = core::parseInputSource(o.input.toStdString());
      state.inputs["source"] = QString::fromStdString(core::inputSourceName(spec.source));
      state.inputs["text"] = QString::fromStdString(spec.text);
      state.inputs["keyText"] = QString();
      state.loaded.reset();
    }
    for (const QString& kv : o.sets) {
      const int eq = int(kv.indexOf('='));
      if (eq <= 0) return QString("--set needs KEY=VALUE, not '%1'.").arg(kv);
      state.values[kv.left(eq)] = kv.mid(eq + 1);
    }
    sceneOfState(state, "en", nullptr);  // every value checked against the variant's specs
  } catch (const core::Error& e) {
    return QString::fromStdString(e.what());
  }
  window.applyState(state);
  return {};
}

}  // namespace

QString applyStartOptions(MainWindow& window, const StartOptions& o) {
  if (!o.lesson.isEmpty() && (!o.input.isEmpty() || !o.sets.isEmpty()))
    return "--lesson gives the inputs and the parameters: leave out --input and --set.";
  if (o.lesson.isEmpty() && !o.scene.isEmpty()) return "--scene goes with --lesson NAME|FILE.";
  QString error;
  if (!o.lesson.isEmpty())
    error = sceneOptions(window, o);
  else if (!o.input.isEmpty() || !o.sets.isEmpty())
    error = stateOptions(window, o);
  if (!error.isEmpty()) return error;
  // Once the event loop runs: before it, a new application font reaches no widget made earlier.
  if (o.present) QTimer::singleShot(0, &window, [&window] { window.setPresentation(true); });
  return {};
}

}  // namespace atlas::app
