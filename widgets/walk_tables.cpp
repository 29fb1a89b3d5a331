#include "walk_tables.h"

#include <QCoreApplication>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace atlas::widgets {

using core::Index;
using core::WalkTable;

namespace {

// Every length below is in units of the cell height u, so the layout is the same at any size.
constexpr double kNumberFont = 0.42;   ///< numbers
constexpr double kLabelFont = 0.36;    ///< token labels
constexpr double kSymbolFont = 0.55;   ///< a table's symbol
constexpr double kCaptionFont = 0.40;  ///< its caption
constexpr double kHeader = 0.85;       ///< the symbol and caption line
constexpr double kColumnLabels = 0.7;  ///< the column labels' line
constexpr double kEllipsis = 0.8;      ///< the row or column that says more entries follow
constexpr double kGap = 0.9;           ///< between two tables
constexpr double kArrowGap = 1.7;      ///< before a table the step writes: room for the arrow
constexpr double kRowGap = 0.8;        ///< between rows of tables
constexpr double kLegend = 1.3;        ///< the legend's line
constexpr double kReference = 100;     ///< text is measured at u = 100 and scaled
constexpr double kMaxCellFonts = 4.2;  ///< the cells never grow beyond this many font heights

/// A font whose size is `factor` x u in the units of `device` (pixels of a screen or an image,
/// points of a PDF), whatever its resolution.
QFont fontAt(const QFont& base, double u, double factor, const QPaintDevice* device,
             bool bold = false) {
  QFont f = base;
  const double dpi = device && device->logicalDpiY() > 0 ? device->logicalDpiY() : 96.0;
  f.setPointSizeF(std::max(0.5, u * factor * 72.0 / dpi));
  f.setBold(bold);
  return f;
}

double textWidth(const QFont& font, const QPaintDevice* device, const QString& text) {
  // A const paint device is only read for its resolution.
  return QFontMetricsF(font, const_cast<QPaintDevice*>(device)).horizontalAdvance(text);
}

QString label(const std::vector<std::string>& labels, Index k) {
  return k < Index(labels.size()) ? QString::fromStdString(labels[std::size_t(k)])
                                  : QString::number(k);
}

bool any(const core::MaskMatrix& m) { return m.size() > 0 && (m.array() != 0).any(); }

bool on(const core::MaskMatrix& m, Index i, Index j) {
  return i < m.rows() && j < m.cols() && m(i, j) != 0;
}

QString header(const WalkTable& t) {
  QString h = QCoreApplication::translate("Walkthrough", t.caption);
  h += QStringLiteral("  ·  %1 × %2").arg(t.rows).arg(t.cols);
  return h;
}

}  // namespace

WalkTables::WalkTables(QCustomPlot* plot) : QCPAbstractItem(plot) { setClipToAxisRect(true); }

void WalkTables::setStep(std::shared_ptr<const core::Walkthrough> walk, int step) {
  m_walk = std::move(walk);
  m_step = step;
  m_placed.clear();
}

const core::WalkStep* WalkTables::step() const {
  if (!m_walk || m_step < 0 || m_step >= int(m_walk->steps.size())) return nullptr;
  return &m_walk->steps[std::size_t(m_step)];
}

QString WalkTables::numberText(double value) {
  if (std::isnan(value)) return {};
  if (std::abs(value) < 0.005) value = 0;  // no "−0.00"
  QString s = QString::number(value, 'f', 2);
  if (s.startsWith(u'-')) s[0] = QChar(0x2212);
  return s;
}

double WalkTables::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

WalkTables::Extent WalkTables::extentOf(const WalkTable& t, const QFont& base, double cellWidth,
                                        const QPaintDevice* device) const {
  Extent e;
  const QFont labels = fontAt(base, kReference, kLabelFont, device);
  double widest = 0;
  for (Index i = 0; i < t.values.rows(); ++i)
    widest = std::max(widest, textWidth(labels, device, label(t.rowLabels, i)));
  e.labelWidth = std::max(0.6, widest / kReference + 0.3);
  const double grid = e.labelWidth + double(t.values.cols()) * cellWidth +
                      (t.values.cols() < t.cols ? kEllipsis : 0);
  const double head =
      (textWidth(fontAt(base, kReference, kSymbolFont, device, true), device,
                 QString::fromStdString(t.name) + "  ") +
       textWidth(fontAt(base, kReference, kCaptionFont, device), device, header(t))) /
      kReference;
  e.width = std::max(grid, e.labelWidth + head);
  e.height = kHeader + kColumnLabels + double(t.values.rows()) +
             (t.values.rows() < t.rows ? kEllipsis : 0);
  return e;
}

void WalkTables::draw(QCPPainter* painter) {
  m_placed.clear();
  m_cellHeight = 0;
  const core::WalkStep* s = step();
  if (!s || s->tables.empty() || !clipAxisRect()) return;
  // A little inside the axis rect, so the frames at its edges are never clipped.
  const QRectF area = QRectF(clipAxisRect()->rect()).adjusted(2, 2, -2, -2);
  const QPaintDevice* device = painter->device();
  const QFont base = mParentPlot->font();
  const auto& tables = s->tables;
  const std::size_t n = tables.size();

  // One cell width for every table of the step: the widest number fits with a margin.
  double widest = 0;
  const QFont numbers = fontAt(base, kReference, kNumberFont, device);
  for (const WalkTable& t : tables)
    for (Index i = 0; i < t.values.rows(); ++i)
      for (Index j = 0; j < t.values.cols(); ++j)
        widest = std::max(widest, textWidth(numbers, device, numberText(t.values(i, j))));
  const double cellWidth = std::max(1.9, widest / kReference + 0.45);
  std::vector<Extent> ext(n);
  for (std::size_t k = 0; k < n; ++k) ext[k] = extentOf(tables[k], base, cellWidth, device);
  std::vector<bool> writes(n);
  for (std::size_t k = 0; k < n; ++k) writes[k] = any(tables[k].written);
  const auto gapBefore = [&](std::size_t k) {
    return writes[k] && !writes[k - 1] ? kArrowGap : kGap;
  };

  // The tables in order, in one row or broken into several: whichever gives the largest cells.
  double bestU = 0;
  unsigned bestBreaks = 0;
  const unsigned splits = n > 6 ? 1u : 1u << (n - 1);
  for (unsigned breaks = 0; breaks < splits; ++breaks) {
    double rowWidth = 0, maxWidth = 0, rowHeight = 0, height = kLegend;
    for (std::size_t k = 0; k < n; ++k) {
      const bool newRow = k > 0 && (breaks >> (k - 1) & 1u);
      if (newRow) {
        height += rowHeight + kRowGap;
        rowWidth = rowHeight = 0;
      }
      rowWidth += (k > 0 && !newRow ? gapBefore(k) : 0) + ext[k].width;
      rowHeight = std::max(rowHeight, ext[k].height);
      maxWidth = std::max(maxWidth, rowWidth);
    }
    height += rowHeight;
    const double u = std::min(area.width() / maxWidth, area.height() / height);
    if (u > bestU * 1.02) {  // fewer rows unless more give clearly larger cells
      bestU = u;
      bestBreaks = breaks;
    }
  }
  const double fontHeight = QFontMetricsF(base, const_cast<QPaintDevice*>(device)).height();
  const double u = std::min(bestU, kMaxCellFonts * fontHeight);
  m_cellHeight = u;

  // Rows of tables, each centred; the whole block centred in the area.
  std::vector<std::vector<std::size_t>> rows(1);
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && (bestBreaks >> (k - 1) & 1u)) rows.emplace_back();
    rows.back().push_back(k);
  }
  double total = kLegend + kRowGap * double(rows.size() - 1);
  for (const auto& row : rows) {
    double h = 0;
    for (std::size_t k : row) h = std::max(h, ext[k].height);
    total += h;
  }
  double y = area.top() + std::max(0.0, (area.height() - total * u) / 2);
  m_placed.assign(n, Placed{});
  painter->save();
  for (const auto& row : rows) {
    double width = 0, height = 0;
    for (std::size_t k : row) {
      width += (k != row.front() ? gapBefore(k) : 0) + ext[k].width;
      height = std::max(height, ext[k].height);
    }
    double x = area.left() + std::max(0.0, (area.width() - width * u) / 2);
    for (std::size_t k : row) {
      if (k != row.front()) {
        const double gap = gapBefore(k) * u;
        if (gap > kGap * u) {  // the arrow to what the step writes
          painter->setFont(fontAt(base, u, 0.8, device, true));
          painter->setPen(QColor(0x40, 0x40, 0x40));
          const double top = y + (kHeader + kColumnLabels) * u;
          painter->drawText(QRectF(x, top, gap, double(tables[k].values.rows()) * u),
                            Qt::AlignCenter, QStringLiteral("→"));
        }
        x += gap;
      }
      drawTable(painter, tables[k], QPointF(x, y), ext[k], u, cellWidth, m_placed[k]);
      x += ext[k].width * u;
    }
    y += (height + kRowGap) * u;
  }
  drawLegend(painter, QRectF(area.left(), y - kRowGap * u, area.width(), kLegend * u), u);
  painter->restore();
}

void WalkTables::drawTable(QCPPainter* painter, const WalkTable& t, const QPointF& topLeft,
                           const Extent& e, double u, double cellWidth, Placed& placed) {
  const QPaintDevice* device = painter->device();
  const QFont base = mParentPlot->font();
  const double cw = cellWidth * u;
  const QPointF origin(topLeft.x() + e.labelWidth * u, topLeft.y() + (kHeader + kColumnLabels) * u);
  placed = {origin, cw, u};
  const Index rows = t.values.rows(), cols = t.values.cols();

  // The header: the symbol in bold, then the caption and the full size.
  const QFont symbol = fontAt(base, u, kSymbolFont, device, true);
  painter->setPen(Qt::black);
  painter->setFont(symbol);
  const QString name = QString::fromStdString(t.name);
  const QRectF headRect(origin.x(), topLeft.y(), e.width * u, kHeader * u);
  painter->drawText(headRect, Qt::AlignLeft | Qt::AlignVCenter, name);
  painter->setFont(fontAt(base, u, kCaptionFont, device));
  painter->setPen(QColor(0x50, 0x50, 0x50));
  painter->drawText(headRect.adjusted(textWidth(symbol, device, name + "  "), 0, 0, 0),
                    Qt::AlignLeft | Qt::AlignVCenter, header(t));

  // Column and row labels.
  const QFont labels = fontAt(base, u, kLabelFont, device);
  painter->setFont(labels);
  const QFontMetricsF lm(labels, const_cast<QPaintDevice*>(device));
  for (Index j = 0; j < cols; ++j) {
    const QRectF r(origin.x() + double(j) * cw, origin.y() - kColumnLabels * u, cw,
                   kColumnLabels * u);
    painter->drawText(r, Qt::AlignCenter, lm.elidedText(label(t.colLabels, j), Qt::ElideRight, cw));
  }
  for (Index i = 0; i < rows; ++i) {
    const QRectF r(topLeft.x(), origin.y() + double(i) * u, (e.labelWidth - 0.2) * u, u);
    painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, label(t.rowLabels, i));
  }

  // The cells: tint, grid line, number.
  const QFont numbers = fontAt(base, u, kNumberFont, device);
  const QPen grid(QColor(0xa0, 0xa0, 0xa0), std::max(0.5, u / 40));
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) {
      const QRectF r(origin.x() + double(j) * cw, origin.y() + double(i) * u, cw, u);
      const bool skipped = on(t.skipped, i, j);
      const QColor fill = skipped               ? skippedColor()
                          : on(t.written, i, j) ? writtenColor()
                          : on(t.read, i, j)    ? readColor()
                                                : QColor(Qt::white);
      painter->setPen(grid);
      painter->setBrush(fill);
      painter->drawRect(r);
      painter->setFont(numbers);
      painter->setPen(skipped ? QColor(0x80, 0x80, 0x80) : QColor(Qt::black));
      painter->drawText(r, Qt::AlignCenter,
                        skipped ? QStringLiteral("–") : numberText(t.values(i, j)));
    }
  // Entries not shown, then the frame and the worked example's outline on top.
  painter->setPen(QColor(0x50, 0x50, 0x50));
  if (cols < t.cols)
    painter->drawText(
        QRectF(origin.x() + double(cols) * cw, origin.y(), kEllipsis * u, double(rows) * u),
        Qt::AlignCenter, QStringLiteral("…"));
  if (rows < t.rows)
    painter->drawText(
        QRectF(origin.x(), origin.y() + double(rows) * u, double(cols) * cw, kEllipsis * u),
        Qt::AlignCenter, QStringLiteral("⋮"));
  painter->setBrush(Qt::NoBrush);
  painter->setPen(QPen(QColor(0x40, 0x40, 0x40), std::max(0.8, u / 28)));
  painter->drawRect(QRectF(origin, QSizeF(double(cols) * cw, double(rows) * u)));
  painter->setPen(QPen(exampleColor(), std::max(1.5, u / 11)));
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j)
      if (on(t.example, i, j))
        painter->drawRect(QRectF(origin.x() + double(j) * cw, origin.y() + double(i) * u, cw, u));
}

void WalkTables::drawLegend(QCPPainter* painter, const QRectF& area, double u) {
  const core::WalkStep* s = step();
  bool read = false, written = false, example = false, skipped = false;
  for (const WalkTable& t : s->tables) {
    read = read || any(t.read);
    written = written || any(t.written);
    example = example || any(t.example);
    skipped = skipped || any(t.skipped);
  }
  struct Mark {
    bool shown;
    QColor fill;
    bool outline;
    QString text;
  };
  const Mark marks[] = {
      {read, readColor(), false, QCoreApplication::translate("WalkTables", "read by this step")},
      {written, writtenColor(), false,
       QCoreApplication::translate("WalkTables", "written by this step")},
      {example, Qt::white, true, QCoreApplication::translate("WalkTables", "the worked example")},
      {skipped, skippedColor(), false,
       QCoreApplication::translate("WalkTables", "skipped: never computed")},
  };
  const QPaintDevice* device = painter->device();
  const auto widthAt = [&](double size) {
    const QFont f = fontAt(mParentPlot->font(), size, kLabelFont, device);
    double w = 0;
    for (const Mark& m : marks)
      if (m.shown) w += (0.55 + 0.3 + 1.0) * size + textWidth(f, device, m.text);
    return w;
  };
  // As large as the cells, smaller when the line would not fit the width.
  double size = std::min(u, area.height());
  const double full = widthAt(size);
  if (full > area.width()) size *= area.width() / full;
  u = size;
  const QFont font = fontAt(mParentPlot->font(), size, kLabelFont, device);
  const double box = 0.55 * u, gap = 0.3 * u, spacing = 1.0 * u;
  const double width = widthAt(size);
  double x = area.left() + std::max(0.0, (area.width() - width + spacing) / 2);
  const double cy = area.center().y();
  painter->setFont(font);
  for (const Mark& m : marks) {
    if (!m.shown) continue;
    const QRectF swatch(x, cy - box / 2, box, box);
    painter->setBrush(m.fill);
    painter->setPen(m.outline ? QPen(exampleColor(), std::max(1.5, u / 11))
                              : QPen(QColor(0xa0, 0xa0, 0xa0), std::max(0.5, u / 40)));
    painter->drawRect(swatch);
    x += box + gap;
    const double w = textWidth(font, device, m.text);
    painter->setPen(QColor(0x30, 0x30, 0x30));
    painter->drawText(QRectF(x, area.top(), w + 1, area.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      m.text);
    x += w + spacing;
  }
}

WalkTables::Hit WalkTables::hitAt(const QPointF& pos) const {
  const core::WalkStep* s = step();
  if (!s) return {};
  for (std::size_t k = 0; k < m_placed.size() && k < s->tables.size(); ++k) {
    const Placed& p = m_placed[k];
    const WalkTable& t = s->tables[k];
    if (p.cellH <= 0) continue;
    const double cx = (pos.x() - p.origin.x()) / p.cellW, cy = (pos.y() - p.origin.y()) / p.cellH;
    if (cx >= 0 && cy >= 0 && cx < double(t.values.cols()) && cy < double(t.values.rows()))
      return {int(k), Index(cy), Index(cx)};
  }
  return {};
}

QRectF WalkTables::cellRect(int table, Index row, Index col) const {
  const core::WalkStep* s = step();
  if (!s || table < 0 || table >= int(m_placed.size())) return {};
  const WalkTable& t = s->tables[std::size_t(table)];
  if (row < 0 || col < 0 || row >= t.values.rows() || col >= t.values.cols()) return {};
  const Placed& p = m_placed[std::size_t(table)];
  return {p.origin.x() + double(col) * p.cellW, p.origin.y() + double(row) * p.cellH, p.cellW,
          p.cellH};
}

QString WalkTables::tooltipAt(const QPointF& pos) const {
  const Hit h = hitAt(pos);
  if (h.table < 0) return {};
  const WalkTable& t = step()->tables[std::size_t(h.table)];
  const QString where = QStringLiteral("%1[%2, %3]")
                            .arg(QString::fromStdString(t.name), label(t.rowLabels, h.row),
                                 label(t.colLabels, h.col));
  if (on(t.skipped, h.row, h.col))
    return QCoreApplication::translate("WalkTables", "%1: skipped, never computed").arg(where);
  return QStringLiteral("%1 = %2").arg(where).arg(t.values(h.row, h.col), 0, 'g', 6);
}

}  // namespace atlas::widgets
