#include "caption_bar.h"

#include "lesson_controller.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace atlas::app {

CaptionBar::CaptionBar(LessonController* lessons, QWidget* parent)
    : QWidget(parent), m_lessons(lessons) {
  setObjectName("captionBar");
  m_where = new QLabel(this);
  m_title = new QLabel(this);
  m_title->setObjectName("sceneTitle");
  m_caption = new QLabel(this);
  m_caption->setObjectName("sceneCaption");
  m_caption->setWordWrap(true);
  m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_previous = new QToolButton(this);
  m_previous->setText(QStringLiteral("◀"));
  m_next = new QToolButton(this);
  m_next->setText(QStringLiteral("▶"));
  for (QToolButton* b : {m_previous, m_next}) b->setFocusPolicy(Qt::NoFocus);
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(8, 4, 8, 4);
  grid->addWidget(m_previous, 0, 0, 3, 1);
  grid->addWidget(m_where, 0, 1);
  grid->addWidget(m_title, 1, 1);
  grid->addWidget(m_caption, 2, 1);
  grid->addWidget(m_next, 0, 2, 3, 1);
  grid->setColumnStretch(1, 1);
  connect(m_previous, &QToolButton::clicked, m_lessons, &LessonController::previous);
  connect(m_next, &QToolButton::clicked, m_lessons, &LessonController::next);
  connect(m_lessons, &LessonController::changed, this, &CaptionBar::refresh);
  setScale(1.0);
  refresh();
}

void CaptionBar::setScale(double scale) {
  m_scale = scale;
  QFont base = QApplication::font();
  const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
  QFont title = base, caption = base;
  title.setPointSizeF(size * 1.3 * scale);
  title.setBold(true);
  caption.setPointSizeF(size * 1.1 * scale);
  base.setPointSizeF(size * std::max(1.0, scale * 0.8));
  m_where->setFont(base);
  m_title->setFont(title);
  m_caption->setFont(caption);
  // Drawn as text, the arrows grow with the type (an arrow-type button keeps its arrow tiny).
  QFont arrow = base;
  arrow.setPointSizeF(size * 1.4 * scale);
  for (QToolButton* b : {m_previous, m_next}) {
    b->setFont(arrow);
    b->setAutoRaise(true);
  }
}

QString CaptionBar::titleText() const { return m_title->text(); }
QString CaptionBar::captionText() const { return m_caption->text(); }

void CaptionBar::refresh() {
  const core::Scene* scene = m_lessons->currentScene();
  setVisible(scene != nullptr);
  m_previous->setToolTip(tr("Previous scene (Page Up)"));
  m_next->setToolTip(tr("Next scene (Page Down)"));
  if (!scene) return;
  const std::string lang = m_lessons->language().toStdString();
  const QString lesson = QString::fromStdString(m_lessons->lesson()->title.of(lang));
  m_where->setText(tr("%1 · scene %2 of %3")
                       .arg(lesson.isEmpty() ? m_lessons->name() : lesson)
                       .arg(m_lessons->current() + 1)
                       .arg(m_lessons->sceneCount()) +
                   (m_lessons->isModified() ? tr(" (modified)") : QString()));
  m_title->setText(QString::fromStdString(scene->title.of(lang)));
  const QString caption = QString::fromStdString(scene->caption.of(lang));
  m_caption->setText(caption);
  m_caption->setVisible(!caption.isEmpty());
  m_previous->setEnabled(m_lessons->current() > 0);
  m_next->setEnabled(m_lessons->current() + 1 < m_lessons->sceneCount());
}

void CaptionBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) refresh();
  QWidget::changeEvent(event);
}

}  // namespace atlas::app
