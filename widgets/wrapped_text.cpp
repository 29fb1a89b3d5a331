#include "wrapped_text.h"

#include "matrix_plot.h"

#include <algorithm>

namespace atlas::widgets {

WrappedText::WrappedText(QCustomPlot* plot, double scale, bool bold, QColor color)
    : QCPTextElement(plot, QString()) {
  QFont f = plot->font();
  f.setPointSizeF(f.pointSizeF() * scale);
  f.setBold(bold);
  setFont(f);
  m_base = m_applied = f;
  setTextColor(color);
  setMargins(QMargins(8, 3, 8, 3));
}

void WrappedText::setSource(const QString& text) {
  m_source = text;
  setText(text);
}

QSize WrappedText::minimumOuterSizeHint() const {
  rewrap();
  return QCPTextElement::minimumOuterSizeHint();
}

QSize WrappedText::maximumOuterSizeHint() const {
  rewrap();
  return QCPTextElement::maximumOuterSizeHint();
}

void WrappedText::rewrap() const {
  // The layout asks for size hints through const methods; the font and the wrapped text are
  // what is drawn.
  auto* self = const_cast<WrappedText*>(this);
  if (mFont != m_applied) self->m_base = mFont;  // set from outside: presentation mode's zoom
  const int viewport = mParentPlot->viewport().width();
  QFont f = m_base;
  f.setPointSizeF(m_base.pointSizeF() * std::clamp(viewport / 560.0, 0.75, 1.0));
  self->mFont = self->m_applied = f;
  self->mText = MatrixPlot::wrapText(m_source, f, std::max(40, viewport - 24));
}

void ElidedText::setSource(const QString& text) {
  m_source = text;
  setText(text);
}

QSize ElidedText::minimumOuterSizeHint() const {
  refit();
  return QCPTextElement::minimumOuterSizeHint();
}

QSize ElidedText::maximumOuterSizeHint() const {
  refit();
  return QCPTextElement::maximumOuterSizeHint();
}

void ElidedText::refit() const {
  // Size hints are const; the cut text is what is drawn.
  const int room = std::max(20, m_width() - mMargins.left() - mMargins.right() - 12);
  const_cast<ElidedText*>(this)->mText =
      QFontMetrics(mFont).elidedText(m_source, Qt::ElideRight, room);
}

}  // namespace atlas::widgets
