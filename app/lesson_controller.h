// The window's lesson: the scenes of a lesson file (or a built-in one), the scene on screen, and
// the author's edits (add the window's state as a scene, retitle, reorder, delete), saved
// through a temporary file. A lesson that cannot be read, or names a view the window lacks, is
// refused whole: the lesson and the scene on screen stay as they were.
#pragma once

#include "window_state.h"

#include "core/lesson.h"

#include <QObject>

#include <functional>
#include <optional>

namespace atlas::app {

class MainWindow;

class LessonController : public QObject {
  Q_OBJECT
 public:
  explicit LessonController(MainWindow* window);

  /// A built-in lesson's name or a lesson file; shows its first scene (or `scene`, from 0).
  /// False, with failed() emitted, when it cannot be used.
  bool open(const QString& nameOrPath, int scene = 0);
  /// The lesson kept in `file` by the recovery of an unsaved lesson, as it was: from `path` (a
  /// lesson file, where Save writes) or the built-in `builtin` (or neither: a new lesson), at
  /// scene `scene`, modified. False, with failed() emitted, when it cannot be used.
  bool restore(const QString& file, const QString& path, const QString& builtin, int scene);
  /// An empty lesson to author, its first scene the window's state now.
  void startNew();
  /// Leaves the lesson (its scenes are no longer stepped through).
  void close();

  bool isOpen() const { return m_lesson.has_value(); }
  const core::Lesson* lesson() const { return m_lesson ? &*m_lesson : nullptr; }
  /// The file it was read from or saved to; empty for a built-in or new lesson.
  const QString& path() const { return m_path; }
  /// The built-in lesson's name when the lesson is one; empty otherwise.
  const QString& builtin() const { return m_builtin; }
  /// The built-in lesson's name or the file's name.
  QString name() const;
  int sceneCount() const;
  /// The scene on screen, from 0; -1 when none.
  int current() const { return m_current; }
  const core::Scene* currentScene() const;
  bool isModified() const { return m_modified; }

  /// Shows scene `index` (from 0). False when out of range.
  bool show(int index);
  bool next() { return show(m_current + 1); }
  bool previous() { return show(m_current - 1); }

  // The author's edits; each marks the lesson modified.
  /// The window's state as a new scene after the current one, shown.
  bool addScene();
  /// The current scene becomes the window's state (its title and caption kept).
  bool updateScene();
  void setSceneText(int index, const core::LocalText& title, const core::LocalText& caption);
  void setLessonTitle(const core::LocalText& title);
  /// Moves scene `index` by `delta` places (-1 earlier, +1 later).
  bool moveScene(int index, int delta);
  bool deleteScene(int index);
  /// Writes the lesson to `path` atomically. False, with failed() emitted, when it cannot.
  bool saveAs(const QString& path);

  /// The UI language's code ("en", "zh_CN"): the language of the scenes' texts and labels.
  QString language() const;
  /// The UI language changed: the scene's labels follow unless the user edited them.
  void retranslate();

 Q_SIGNALS:
  /// The lesson, the scene shown or the modified flag changed.
  void changed();
  /// A lesson was opened or started (before its first scene's changed()).
  void opened();
  /// Why the last request could not be done, in the UI language when called.
  void failed(const std::function<QString()>& message);

 private:
  /// The first scene whose view or page the window lacks, as an error; empty when none.
  std::function<QString()> checkViews(const core::Lesson& lesson, const QString& name) const;
  void markModified();

  MainWindow* m_window;
  std::optional<core::Lesson> m_lesson;
  QString m_path, m_builtin;
  int m_current = -1;
  bool m_modified = false;
  WindowState m_applied;  ///< what show() put on screen, to tell the user's edits from it
};

}  // namespace atlas::app
