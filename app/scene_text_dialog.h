// The author's dialog for a scene's title and caption (and the lesson's title), in English and
// Chinese side by side.
#pragma once

#include "core/lesson.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace atlas::app {

class SceneTextDialog : public QDialog {
  Q_OBJECT
 public:
  SceneTextDialog(const core::LocalText& lessonTitle, const core::LocalText& title,
                  const core::LocalText& caption, QWidget* parent = nullptr);
  core::LocalText lessonTitle() const;
  core::LocalText title() const;
  core::LocalText caption() const;

 private:
  QLineEdit *m_lessonEn, *m_lessonZh, *m_titleEn, *m_titleZh;
  QPlainTextEdit *m_captionEn, *m_captionZh;
};

}  // namespace atlas::app
