#include "lesson_ui.h"
#include "menu_action.h"

#include "lesson_controller.h"
#include "scene_text_dialog.h"
#include "settings.h"

#include "core/lesson.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace atlas::app {

namespace {

QString fileFilter() { return LessonUi::tr("Lessons (*.json);;All files (*)"); }

}  // namespace

LessonUi::LessonUi(QMainWindow* window, LessonController* lessons, QMenu* file, QAction* before,
                   QMenu* help)
    : QObject(window), m_window(window), m_lessons(lessons) {
  m_open = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  m_save = action(this, QKeySequence::Save);
  m_saveAs = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  m_next = action(this, QKeySequence(Qt::Key_PageDown));
  m_previous = action(this, QKeySequence(Qt::Key_PageUp));
  m_author = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  m_author->setCheckable(true);
  m_new = action(this);
  m_add = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  m_update = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
  m_edit = action(this, QKeySequence(Qt::Key_F2));
  m_up = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up));
  m_down = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down));
  m_delete = action(this);
  m_close = action(this);

  m_builtin = new QMenu(window);
  for (const std::string& name : core::builtinLessonNames()) {
    QAction* a = m_builtin->addAction(QString::fromStdString(name));
    connect(a, &QAction::triggered, this, [this, name] {
      if (confirmDiscard()) m_lessons->open(QString::fromStdString(name));
    });
  }
  m_recent = new QMenu(window);
  connect(m_recent, &QMenu::aboutToShow, this, &LessonUi::fillRecent);
  file->insertActions(before, {m_open});
  file->insertMenu(before, m_builtin);
  file->insertMenu(before, m_recent);
  file->insertActions(before, {m_save, m_saveAs});
  file->insertSeparator(before);

  m_menu = new QMenu(window);
  m_menu->addActions({m_next, m_previous});
  m_menu->addSeparator();
  m_menu->addActions({m_author, m_new, m_add, m_update, m_edit, m_up, m_down, m_delete});
  m_menu->addSeparator();
  m_menu->addAction(m_close);
  window->menuBar()->insertMenu(help->menuAction(), m_menu);

  connect(m_open, &QAction::triggered, this, &LessonUi::openDialog);
  connect(m_save, &QAction::triggered, this, &LessonUi::save);
  connect(m_saveAs, &QAction::triggered, this, &LessonUi::saveAs);
  connect(m_next, &QAction::triggered, m_lessons, &LessonController::next);
  connect(m_previous, &QAction::triggered, m_lessons, &LessonController::previous);
  connect(m_author, &QAction::toggled, this, &LessonUi::setAuthorMode);
  connect(m_new, &QAction::triggered, this, [this] {
    if (!confirmDiscard()) return;
    m_lessons->startNew();
    m_author->setChecked(true);
  });
  connect(m_add, &QAction::triggered, m_lessons, &LessonController::addScene);
  connect(m_update, &QAction::triggered, m_lessons, &LessonController::updateScene);
  connect(m_edit, &QAction::triggered, this, &LessonUi::editText);
  connect(m_up, &QAction::triggered, this,
          [this] { m_lessons->moveScene(m_lessons->current(), -1); });
  connect(m_down, &QAction::triggered, this,
          [this] { m_lessons->moveScene(m_lessons->current(), +1); });
  connect(m_delete, &QAction::triggered, this,
          [this] { m_lessons->deleteScene(m_lessons->current()); });
  connect(m_close, &QAction::triggered, this, [this] {
    if (confirmDiscard()) m_lessons->close();
  });

  // The dock: the scenes, and in author mode the buttons of the edits.
  auto* contents = new QWidget(window);
  auto* layout = new QVBoxLayout(contents);
  layout->setContentsMargins(4, 4, 4, 4);
  m_list = new QListWidget(contents);
  m_list->setObjectName("sceneList");
  m_authorBar = new QWidget(contents);
  auto* bar = new QHBoxLayout(m_authorBar);
  bar->setContentsMargins(0, 0, 0, 0);
  for (QAction* a : {m_add, m_update, m_edit, m_up, m_down, m_delete, m_save}) {
    auto* b = new QToolButton(m_authorBar);
    b->setDefaultAction(a);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(b);
  }
  bar->addStretch(1);
  layout->addWidget(m_list, 1);
  layout->addWidget(m_authorBar);
  m_dock = new QDockWidget(window);
  m_dock->setObjectName("lessonDock");
  m_dock->setWidget(contents);
  window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
  m_dock->hide();
  connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0 && row != m_lessons->current()) m_lessons->show(row);
  });
  connect(m_lessons, &LessonController::changed, this, &LessonUi::refresh);
  setAuthorMode(false);
  refresh();
}

void LessonUi::setAuthorMode(bool on) {
  m_authorBar->setVisible(on);
  for (QAction* a : {m_add, m_update, m_edit, m_up, m_down, m_delete}) a->setVisible(on);
  if (on && m_lessons->isOpen()) m_dock->show();
  refresh();
}

void LessonUi::refresh() {
  const bool open = m_lessons->isOpen(), author = m_author->isChecked();
  const int k = m_lessons->current(), n = m_lessons->sceneCount();
  m_next->setEnabled(open && k + 1 < n);
  m_previous->setEnabled(open && k > 0);
  m_save->setEnabled(open);
  m_saveAs->setEnabled(open);
  m_close->setEnabled(open);
  m_add->setEnabled(author && open);
  for (QAction* a : {m_update, m_edit}) a->setEnabled(author && k >= 0);
  m_up->setEnabled(author && k > 0);
  m_down->setEnabled(author && k >= 0 && k + 1 < n);
  m_delete->setEnabled(author && n > 1);
  if (!open) m_dock->hide();
  const QSignalBlocker quiet(m_list);
  m_list->clear();
  if (!open) return;
  const std::string lang = m_lessons->language().toStdString();
  for (int i = 0; i < n; ++i)
    m_list->addItem(QString("%1. %2").arg(i + 1).arg(
        QString::fromStdString(m_lessons->lesson()->scenes[i].title.of(lang))));
  m_list->setCurrentRow(k);
  const QString title = QString::fromStdString(m_lessons->lesson()->title.of(lang));
  m_dock->setWindowTitle(tr("Lesson: %1").arg(title.isEmpty() ? m_lessons->name() : title) +
                         (m_lessons->isModified() ? QStringLiteral(" *") : QString()));
}

void LessonUi::fillRecent() {
  m_recent->clear();
  QStringList kept;
  for (const QString& path : Settings::recentLessons()) {
    if (!QFileInfo::exists(path)) continue;  // moved or deleted since: forgotten
    kept << path;
    QAction* a = m_recent->addAction(QDir::toNativeSeparators(path));
    connect(a, &QAction::triggered, this, [this, path] {
      if (confirmDiscard()) m_lessons->open(path);
    });
  }
  Settings::setRecentLessons(kept);
  if (kept.isEmpty()) m_recent->addAction(tr("(none)"))->setEnabled(false);
}

void LessonUi::openDialog() {
  if (!confirmDiscard()) return;
  const QString path = QFileDialog::getOpenFileName(m_window, tr("Open lesson"),
                                                    Settings::lastDirectory(), fileFilter());
  if (path.isEmpty()) return;
  Settings::setLastDirectory(QFileInfo(path).absolutePath());
  m_lessons->open(path);
}

bool LessonUi::save() {
  if (!m_lessons->isOpen()) return false;
  if (m_lessons->path().isEmpty()) return saveAs();
  return m_lessons->saveAs(m_lessons->path());
}

bool LessonUi::saveAs() {
  if (!m_lessons->isOpen()) return false;
  const QString start =
      m_lessons->path().isEmpty()
          ? QDir(Settings::lastDirectory().isEmpty() ? QDir::homePath() : Settings::lastDirectory())
                .filePath(m_lessons->name().isEmpty() ? "lesson.json" : m_lessons->name() + ".json")
          : m_lessons->path();
  const QString path =
      QFileDialog::getSaveFileName(m_window, tr("Save lesson"), start, fileFilter());
  if (path.isEmpty()) return false;
  Settings::setLastDirectory(QFileInfo(path).absolutePath());
  return m_lessons->saveAs(path);
}

bool LessonUi::confirmDiscard() {
  if (!m_lessons->isOpen() || !m_lessons->isModified()) return true;
  const auto answer = QMessageBox::question(
      m_window, tr("Unsaved lesson"),
      tr("The lesson %1 has changes that are not saved. Save them?").arg(m_lessons->name()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  return answer == QMessageBox::Discard || save();
}

void LessonUi::editText() {
  const core::Scene* scene = m_lessons->currentScene();
  if (!scene) return;
  SceneTextDialog dialog(m_lessons->lesson()->title, scene->title, scene->caption, m_window);
  if (dialog.exec() != QDialog::Accepted) return;
  m_lessons->setLessonTitle(dialog.lessonTitle());
  m_lessons->setSceneText(m_lessons->current(), dialog.title(), dialog.caption());
}

void LessonUi::retranslate() {
  m_open->setText(tr("Open &lesson…"));
  m_builtin->setTitle(tr("&Built-in lessons"));
  m_recent->setTitle(tr("Recent lesso&ns"));
  m_save->setText(tr("&Save lesson"));
  m_saveAs->setText(tr("Save lesson &as…"));
  m_menu->setTitle(tr("Le&sson"));
  m_next->setText(tr("&Next scene"));
  m_previous->setText(tr("&Previous scene"));
  m_author->setText(tr("&Author mode"));
  m_author->setToolTip(tr("Add, edit, reorder and delete the lesson's scenes"));
  m_new->setText(tr("N&ew lesson"));
  m_add->setText(tr("A&dd scene"));
  m_add->setToolTip(tr("Add what the window shows now as a scene after this one"));
  m_update->setText(tr("&Update scene"));
  m_update->setToolTip(tr("Replace this scene by what the window shows now"));
  m_edit->setText(tr("&Edit text…"));
  m_up->setText(tr("Move scene &up"));
  m_down->setText(tr("Move scene do&wn"));
  m_delete->setText(tr("&Delete scene"));
  m_close->setText(tr("&Close lesson"));
  refresh();
}

}  // namespace atlas::app
