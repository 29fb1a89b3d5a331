#include "message_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace atlas::app {

MessageBar::MessageBar(Kind kind, QWidget* parent) : QWidget(parent) {
  const bool error = kind == Kind::Error;
  setObjectName(error ? "errorBar" : "infoBar");
  // Neutral colours for information: it is not an error.
  setStyleSheet(error ? "#errorBar { background: #fde2e1; border: 1px solid #e0a19c; }"
                      : "#infoBar { background: #e3eefb; border: 1px solid #9cb8e0; }");
  m_label = new QLabel(this);
  m_label->setWordWrap(true);
  m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QHBoxLayout(this);
  if (!error) layout->setContentsMargins(6, 3, 6, 3);
  layout->addWidget(m_label, 1);
  if (error) {
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    layout->addWidget(close);
  }
  hide();
}

void MessageBar::showMessage(std::function<QString()> text) {
  m_text = std::move(text);
  m_label->setText(m_text());
  show();
}

void MessageBar::clearMessage() {
  m_text = nullptr;
  m_label->clear();
  hide();
}

QString MessageBar::message() const { return isHidden() ? QString() : m_label->text(); }

void MessageBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange && m_text) m_label->setText(m_text());
  QWidget::changeEvent(event);
}

}  // namespace atlas::app
