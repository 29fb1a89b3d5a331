#include "lesson_recovery.h"

#include "lesson_controller.h"

#include "widgets/core_text.h"

#include "core/lesson.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

namespace atlas::app {
namespace {

/// The note beside the kept lesson: where it came from (a file, a built-in name, or nothing for
/// a new lesson) on the first line, the scene on screen on the second.
QString noteFile() { return QDir(LessonRecovery::directory()).filePath("lesson-origin.txt"); }

struct Note {
  QString path, builtin;
  int scene = 0;
};

Note readNote() {
  Note n;
  QFile f(noteFile());
  if (!f.open(QIODevice::ReadOnly)) return n;
  const QStringList lines = QString::fromUtf8(f.readAll()).split('\n');
  const QString origin = lines.value(0);
  if (origin.startsWith("file:")) n.path = origin.mid(5);
  if (origin.startsWith("builtin:")) n.builtin = origin.mid(8);
  n.scene = std::max(0, lines.value(1).toInt());
  return n;
}

}  // namespace

LessonRecovery::LessonRecovery(LessonController* lessons) : QObject(lessons), m_lessons(lessons) {
  connect(lessons, &LessonController::changed, this, &LessonRecovery::keep);
}

QString LessonRecovery::directory() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath("recovery");
}

QString LessonRecovery::lessonFile() { return QDir(directory()).filePath("lesson.json"); }

bool LessonRecovery::pending() { return QFileInfo::exists(lessonFile()); }

void LessonRecovery::discard() {
  QFile::remove(lessonFile());
  QFile::remove(noteFile());
}

void LessonRecovery::keep() {
  if (!m_lessons->isOpen() || !m_lessons->isModified()) {
    if (pending()) discard();
    return;
  }
  // Best effort: a full disk or a read-only home must not stop the author's work.
  if (!QDir().mkpath(directory())) return;
  try {
    core::saveLesson(*m_lessons->lesson(), lessonFile().toStdString());
  } catch (const core::Error&) {
    return;
  }
  QSaveFile note(noteFile());
  if (!note.open(QIODevice::WriteOnly)) return;
  const QString origin = !m_lessons->path().isEmpty()      ? "file:" + m_lessons->path()
                         : !m_lessons->builtin().isEmpty() ? "builtin:" + m_lessons->builtin()
                                                           : QString();
  note.write((origin + '\n' + QString::number(m_lessons->current()) + '\n').toUtf8());
  note.commit();
}

bool LessonRecovery::restore() {
  const Note n = readNote();
  return m_lessons->restore(lessonFile(), n.path, n.builtin, n.scene);
}

void LessonRecovery::offer(QWidget* parent) {
  if (!pending()) return;
  core::Lesson kept;
  try {
    kept = core::loadLesson(lessonFile().toStdString());
  } catch (const core::Error& e) {
    // Unreadable (edited by hand, a disk error): moved aside, never deleted, and said where.
    const QString aside =
        QDir(directory())
            .filePath("lesson-unreadable-" +
                      QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + ".json");
    QFile::rename(lessonFile(), aside);
    QFile::remove(noteFile());
    QMessageBox::warning(parent, tr("Unsaved lesson"),
                         tr("The lesson kept when Attention Atlas last stopped cannot be read "
                            "(%1). It was moved to %2.")
                             .arg(widgets::errorText(e), aside));
    return;
  }
  const Note n = readNote();
  const QString name =
      !n.path.isEmpty() ? QFileInfo(n.path).fileName()
      : !n.builtin.isEmpty()
          ? n.builtin
          : QString::fromStdString(kept.title.of(m_lessons->language().toStdString()));
  QMessageBox box(QMessageBox::Question, tr("Unsaved lesson"),
                  tr("The lesson “%1” had changes that were not saved when Attention Atlas last "
                     "stopped. Restore them?")
                      .arg(name),
                  QMessageBox::NoButton, parent);
  QPushButton* restoreButton = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
  QPushButton* discardButton = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(restoreButton);
  box.exec();
  if (box.clickedButton() == restoreButton)
    restore();
  else if (box.clickedButton() == discardButton)
    discard();
}

}  // namespace atlas::app
