// Nothing of an author's lesson lost on a crash: while the window's lesson has unsaved changes
// it is kept in a recovery file, written through a temporary file after every change, beside a
// note of where the lesson came from and the scene on screen. Saving, closing or opening another
// lesson removes them. At the next start the window offers to restore the lesson as it was.
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace atlas::app {

class LessonController;

class LessonRecovery : public QObject {
  Q_OBJECT
 public:
  explicit LessonRecovery(LessonController* lessons);

  /// The directory of the recovery file and its note (the application's data directory).
  static QString directory();
  static QString lessonFile();
  /// Whether a lesson is waiting to be restored.
  static bool pending();
  /// Opens the kept lesson as it was: its scenes, the scene on screen, the file Save writes to
  /// (or none, for a built-in or new lesson), marked modified. False, with the controller's
  /// failed(), when it cannot be read; the files stay.
  bool restore();
  /// Removes the kept lesson.
  static void discard();
  /// Asks whether to restore the kept lesson (Restore, Discard; Esc asks again next time).
  void offer(QWidget* parent);

 private:
  /// After every change of the lesson: keeps it while modified, removes it otherwise.
  void keep();

  LessonController* m_lessons;
};

}  // namespace atlas::app
