#include "legend_items.h"

#include <algorithm>
#include <vector>

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
  painter->drawText(QRect(r.left() + side + 6, r.top(), r.width(), textHeight()), Qt::AlignLeft,
                    m_name);
}

int SwatchItem::textHeight() const {
  const QFontMetrics fm(mFont);
  return std::max(fm.height(), fm.boundingRect(QRect(), Qt::AlignLeft, m_name).height() + 1);
}

QSize SwatchItem::minimumOuterSizeHint() const {
  const QFontMetrics fm(mFont);
  // A pixel more than the text's height: the layer clips each entry one pixel above its rect.
  return QSize(fm.height() + 6 + fm.horizontalAdvance(m_name), textHeight() + 2) +
         QSize(mMargins.left() + mMargins.right(), mMargins.top() + mMargins.bottom());
}

WrappingLegend::WrappingLegend() {
  setFillOrder(QCPLayoutGrid::foColumnsFirst);
  setBorderPen(Qt::NoPen);
  setBrush(Qt::NoBrush);
}

QSize WrappingLegend::minimumOuterSizeHint() const {
  rewrap();
  return QCPLegend::minimumOuterSizeHint();
}

QSize WrappingLegend::maximumOuterSizeHint() const {
  rewrap();
  return {QWIDGETSIZE_MAX, QCPLegend::maximumOuterSizeHint().height()};
}

void WrappingLegend::rewrap() const {
  // The most columns whose widths (each its widest entry, entries filled row by row) fit in the
  // plot's width.
  // The layout asks for size hints through const methods; the arrangement is what is drawn.
  auto* self = const_cast<WrappingLegend*>(this);
  std::vector<int> widths;
  for (int i = 0; i < elementCount(); ++i)
    if (const QCPLayoutElement* e = elementAt(i))
      widths.push_back(e->minimumOuterSizeHint().width());
  const int room = mParentPlot->viewport().width() - mMargins.left() - mMargins.right() - 16;
  int columns = std::max<int>(1, int(widths.size()));
  for (; columns > 1; --columns) {
    std::vector<int> widest(std::size_t(columns), 0);
    for (std::size_t i = 0; i < widths.size(); ++i)
      widest[i % std::size_t(columns)] = std::max(widest[i % std::size_t(columns)], widths[i]);
    int total = (columns - 1) * columnSpacing();
    for (int w : widest) total += w;
    if (total <= room) break;
  }
  if (columns != wrap()) {
    self->setWrap(columns);
    self->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  }
  // The width left over goes to the last column (entries added since get a factor of 1): the
  // entries stay packed to the left.
  for (int c = 0; c < columnCount(); ++c)
    self->setColumnStretchFactor(c, c + 1 < columnCount() ? 1e-3 : 1);
}

}  // namespace atlas::widgets
