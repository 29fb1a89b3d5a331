#include "scene_text_dialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace atlas::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

core::LocalText textOf(const QString& en, const QString& zh) {
  return {en.trimmed().toStdString(), zh.trimmed().toStdString()};
}

}  // namespace

SceneTextDialog::SceneTextDialog(const core::LocalText& lessonTitle, const core::LocalText& title,
                                 const core::LocalText& caption, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Scene text"));
  m_lessonEn = new QLineEdit(q(lessonTitle.en), this);
  m_lessonZh = new QLineEdit(q(lessonTitle.zh), this);
  m_titleEn = new QLineEdit(q(title.en), this);
  m_titleZh = new QLineEdit(q(title.zh), this);
  m_captionEn = new QPlainTextEdit(q(caption.en), this);
  m_captionZh = new QPlainTextEdit(q(caption.zh), this);
  m_titleEn->setObjectName("titleEn");
  m_titleZh->setObjectName("titleZh");
  m_captionEn->setObjectName("captionEn");
  m_captionZh->setObjectName("captionZh");
  auto* grid = new QGridLayout(this);
  grid->addWidget(new QLabel(tr("English"), this), 0, 1);
  grid->addWidget(new QLabel(tr("Chinese"), this), 0, 2);
  grid->addWidget(new QLabel(tr("Lesson title"), this), 1, 0);
  grid->addWidget(m_lessonEn, 1, 1);
  grid->addWidget(m_lessonZh, 1, 2);
  grid->addWidget(new QLabel(tr("Scene title"), this), 2, 0);
  grid->addWidget(m_titleEn, 2, 1);
  grid->addWidget(m_titleZh, 2, 2);
  grid->addWidget(new QLabel(tr("Caption"), this), 3, 0, Qt::AlignTop);
  grid->addWidget(m_captionEn, 3, 1);
  grid->addWidget(m_captionZh, 3, 2);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  grid->addWidget(buttons, 4, 0, 1, 3);
  resize(820, 360);
}

core::LocalText SceneTextDialog::lessonTitle() const {
  return textOf(m_lessonEn->text(), m_lessonZh->text());
}
core::LocalText SceneTextDialog::title() const {
  return textOf(m_titleEn->text(), m_titleZh->text());
}
core::LocalText SceneTextDialog::caption() const {
  return textOf(m_captionEn->toPlainText(), m_captionZh->toPlainText());
}

}  // namespace atlas::app
