#include "legend_items.h"

namespace atlas::widgets {

void SwatchItem::draw(QCPPainter* painter) {
  const QFontMetrics fm(mFont);
  const QRect r = mRect;
  const int side = fm.height() - 2;
  painter->setPen(QPen(Qt::darkGray));
  painter->setBrush(m_color);
  painter->drawRect(QRect(r.left(), r.top() + 1, side, side));
  painter->setPen(mTextColor);
  painter->setFont(mFont);
  painter->drawText(QRect(r.left() + side + 6, r.top(), r.width(), fm.height()), Qt::AlignLeft,
                    m_name);
}

QSize SwatchItem::minimumOuterSizeHint() const {
  const QFontMetrics fm(mFont);
  return QSize(fm.height() + 6 + fm.horizontalAdvance(m_name), fm.height()) +
         QSize(mMargins.left() + mMargins.right(), mMargins.top() + mMargins.bottom());
}

}  // namespace atlas::widgets
