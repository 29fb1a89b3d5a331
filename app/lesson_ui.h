// The lesson's menus, shortcuts and dock: File > Open lesson, the built-in lessons, recent
// lessons, Save; the Lesson menu (next and previous scene on Page Down and Page Up, author mode
// and its edits); the dock listing the scenes with the author's buttons. The dialogs live here,
// the lesson itself in LessonController.
#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QListWidget;
class QMainWindow;
class QMenu;
class QWidget;

namespace atlas::app {

class LessonController;

class LessonUi : public QObject {
  Q_OBJECT
 public:
  /// Adds the lesson's entries to `file` (before `before`) and its menu before `help`.
  LessonUi(QMainWindow* window, LessonController* lessons, QMenu* file, QAction* before,
           QMenu* help);

  QDockWidget* dock() const { return m_dock; }
  QListWidget* sceneList() const { return m_list; }
  QAction* authorAction() const { return m_author; }
  QAction* nextAction() const { return m_next; }
  QAction* previousAction() const { return m_previous; }

  /// When the lesson has unsaved edits, asks whether to save them. False: the user cancelled
  /// (or the save failed), keep everything as it is.
  bool confirmDiscard();
  /// File > Save lesson: to its file, or through Save As for a built-in or new lesson.
  bool save();
  bool saveAs();
  void openDialog();
  void editText();

  void retranslate();

 private:
  void refresh();
  void fillRecent();
  void setAuthorMode(bool on);

  QMainWindow* m_window;
  LessonController* m_lessons;
  QMenu *m_menu, *m_builtin, *m_recent;
  QAction *m_open, *m_save, *m_saveAs, *m_next, *m_previous, *m_author, *m_new, *m_add, *m_update,
      *m_edit, *m_up, *m_down, *m_delete, *m_close;
  QDockWidget* m_dock;
  QWidget* m_authorBar;
  QListWidget* m_list;
};

}  // namespace atlas::app
