#include "lesson_controller.h"

#include "lesson_scenes.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/core_text.h"
#include "widgets/parameter_panel.h"

#include <QFileInfo>

namespace atlas::app {

LessonController::LessonController(MainWindow* window) : QObject(window), m_window(window) {}

QString LessonController::language() const { return m_window->languageCode(); }

QString LessonController::name() const {
  return m_builtin.isEmpty() ? QFileInfo(m_path).fileName() : m_builtin;
}

int LessonController::sceneCount() const { return m_lesson ? int(m_lesson->scenes.size()) : 0; }

const core::Scene* LessonController::currentScene() const {
  return m_lesson && m_current >= 0 && m_current < sceneCount() ? &m_lesson->scenes[m_current]
                                                                : nullptr;
}

std::function<QString()> LessonController::checkViews(const core::Lesson& lesson,
                                                      const QString& name) const {
  for (std::size_t i = 0; i < lesson.scenes.size(); ++i) {
    const core::Scene& s = lesson.scenes[i];
    const QString view = QString::fromStdString(s.view), page = QString::fromStdString(s.page);
    const widgets::ResultView* v = m_window->view(view);
    if (!v)
      return [name, i, view] {
        return tr("%1, scene %2: there is no view '%3'.").arg(name).arg(i + 1).arg(view);
      };
    if (!page.isEmpty() && !v->pageIds().contains(page))
      return [name, i, view, page] {
        return tr("%1, scene %2: the %3 view has no page '%4'.")
            .arg(name)
            .arg(i + 1)
            .arg(view, page);
      };
  }
  return {};
}

bool LessonController::open(const QString& nameOrPath, int scene) {
  core::Lesson lesson;
  try {
    lesson = core::loadLesson(nameOrPath.toStdString());
  } catch (const core::Error& e) {
    Q_EMIT failed([e] { return widgets::errorText(e); });
    return false;
  }
  const auto& names = core::builtinLessonNames();
  const bool builtin =
      std::find(names.begin(), names.end(), nameOrPath.toStdString()) != names.end();
  const QString name = builtin ? nameOrPath : QFileInfo(nameOrPath).fileName();
  if (auto error = checkViews(lesson, name)) {
    Q_EMIT failed(error);
    return false;
  }
  if (scene < 0 || scene >= int(lesson.scenes.size())) {
    const int count = int(lesson.scenes.size());
    Q_EMIT failed([name, scene, count] {
      return tr("%1 has no scene %2: it has %n scene(s).", nullptr, count).arg(name).arg(scene + 1);
    });
    return false;
  }
  m_lesson = std::move(lesson);
  m_builtin = builtin ? nameOrPath : QString();
  m_path = builtin ? QString() : QFileInfo(nameOrPath).absoluteFilePath();
  m_modified = false;
  if (!builtin) Settings::addRecentLesson(m_path);
  m_current = -1;
  Q_EMIT opened();
  show(scene);
  return true;
}

bool LessonController::restore(const QString& file, const QString& path, const QString& builtin,
                               int scene) {
  core::Lesson lesson;
  try {
    lesson = core::loadLesson(file.toStdString());
  } catch (const core::Error& e) {
    Q_EMIT failed([e] { return widgets::errorText(e); });
    return false;
  }
  const QString name = !path.isEmpty() ? QFileInfo(path).fileName() : builtin;
  if (auto error = checkViews(lesson, name)) {
    Q_EMIT failed(error);
    return false;
  }
  m_lesson = std::move(lesson);
  m_builtin = builtin;
  m_path = path;
  m_current = -1;
  m_modified = true;  // it never reached its file
  Q_EMIT opened();
  if (!show(std::clamp(scene, 0, std::max(0, sceneCount() - 1)))) Q_EMIT changed();
  return true;
}

void LessonController::startNew() {
  core::Lesson lesson;
  lesson.title.en = "New lesson";
  if (language().startsWith("zh")) lesson.title.zh = tr("New lesson").toStdString();
  m_lesson = std::move(lesson);
  m_builtin.clear();
  m_path.clear();
  m_current = -1;
  m_modified = false;
  Q_EMIT opened();
  addScene();
}

void LessonController::close() {
  m_lesson.reset();
  m_builtin.clear();
  m_path.clear();
  m_current = -1;
  m_modified = false;
  Q_EMIT changed();
}

bool LessonController::show(int index) {
  if (!m_lesson || index < 0 || index >= sceneCount()) return false;
  m_current = index;
  m_applied = stateOfScene(m_lesson->scenes[index], language());
  m_window->applyState(m_applied);
  Q_EMIT changed();
  return true;
}

void LessonController::markModified() {
  m_modified = true;
  Q_EMIT changed();
}

bool LessonController::addScene() {
  if (!m_lesson) return false;
  core::Scene scene;
  try {
    scene = sceneOfState(m_window->captureState(), language(), nullptr);
  } catch (const core::Error& e) {
    Q_EMIT failed([e] { return widgets::errorText(e); });
    return false;
  }
  const int at = m_current + 1;
  m_lesson->scenes.insert(m_lesson->scenes.begin() + at, std::move(scene));
  m_current = at;
  m_applied = m_window->captureState();
  markModified();
  return true;
}

bool LessonController::updateScene() {
  core::Scene* base = m_lesson && currentScene() ? &m_lesson->scenes[m_current] : nullptr;
  if (!base) return false;
  try {
    *base = sceneOfState(m_window->captureState(), language(), base);
  } catch (const core::Error& e) {
    Q_EMIT failed([e] { return widgets::errorText(e); });
    return false;
  }
  m_applied = m_window->captureState();
  markModified();
  return true;
}

void LessonController::setSceneText(int index, const core::LocalText& title,
                                    const core::LocalText& caption) {
  if (!m_lesson || index < 0 || index >= sceneCount()) return;
  core::Scene& s = m_lesson->scenes[index];
  if (s.title == title && s.caption == caption) return;
  s.title = title;
  s.caption = caption;
  markModified();
}

void LessonController::setLessonTitle(const core::LocalText& title) {
  if (!m_lesson || m_lesson->title == title) return;
  m_lesson->title = title;
  markModified();
}

bool LessonController::moveScene(int index, int delta) {
  const int to = index + delta;
  if (!m_lesson || index < 0 || index >= sceneCount() || to < 0 || to >= sceneCount()) return false;
  std::swap(m_lesson->scenes[index], m_lesson->scenes[to]);
  if (m_current == index)
    m_current = to;
  else if (m_current == to)
    m_current = index;
  markModified();
  return true;
}

bool LessonController::deleteScene(int index) {
  // A lesson keeps at least one scene: a file of none would not be read back.
  if (!m_lesson || index < 0 || index >= sceneCount() || sceneCount() == 1) return false;
  m_lesson->scenes.erase(m_lesson->scenes.begin() + index);
  if (m_current >= sceneCount()) m_current = sceneCount() - 1;
  markModified();
  if (index <= m_current) show(m_current);
  return true;
}

bool LessonController::saveAs(const QString& path) {
  if (!m_lesson) return false;
  try {
    core::saveLesson(*m_lesson, path.toStdString());
  } catch (const core::Error& e) {
    Q_EMIT failed([e] { return widgets::errorText(e); });
    return false;
  }
  m_path = QFileInfo(path).absoluteFilePath();
  m_builtin.clear();
  m_modified = false;
  Settings::addRecentLesson(m_path);
  Q_EMIT changed();
  return true;
}

void LessonController::retranslate() {
  const core::Scene* scene = currentScene();
  if (!scene || !scene->matrices) return;
  widgets::ParameterPanel* panel = m_window->parameterPanel();
  // Labels the user typed over are theirs; the scene's own follow the language.
  if (panel->queryLabels() != m_applied.queryLabels || panel->keyLabels() != m_applied.keyLabels)
    return;
  const WindowState now = stateOfScene(*scene, language());
  m_applied.queryLabels = now.queryLabels;
  m_applied.keyLabels = now.keyLabels;
  panel->setLabels(now.queryLabels, now.keyLabels);
}

}  // namespace atlas::app
