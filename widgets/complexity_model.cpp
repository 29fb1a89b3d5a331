#include "complexity_model.h"

#include "matrix_plot.h"

#include "core/variant_registry.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>

#include <qcustomplot.h>

#include <cmath>

namespace atlas::widgets::complexity {

core::InputDims baseDims(const core::VariantResult& r) {
  return r.requested.n > 0 ? r.requested : r.dims;
}

core::ParamSet scalarParams(const core::ParamSet& params) {
  core::ParamSet out;
  out.seed = params.seed;
  out.numbers = params.numbers;
  out.texts = params.texts;
  return out;
}

std::optional<core::Cost> costAt(const core::Variant& variant, const core::InputDims& base,
                                 const core::ParamSet& params) {
  if (base.n < 1 || base.m < 1 || base.dq < 1 || base.dk < 1 || base.dv < 1) return std::nullopt;
  try {
    return variant.cost(variant.inputDims(base, params), params);
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

core::InputDims benchDims(core::Index n, core::Index d) { return {n, n, d, d, d}; }

const core::BenchPoint* findPoint(const std::vector<core::BenchPoint>& points,
                                  const std::string& variant, core::Index n, core::Index d) {
  for (const core::BenchPoint& p : points)
    if (p.variant == variant && p.n == n && p.d == d && p.error.empty() && p.median > 0) return &p;
  return nullptr;
}

QColor seriesColor(int i) {
  static const QRgb kBase[] = {0xE69F00, 0x56B4E9, 0x009E73, 0x0072B2,
                               0xD55E00, 0xCC79A7, 0x444444, 0x999999};
  if (i >= 0 && i < 8) return QColor::fromRgb(kBase[i]);
  return QColor::fromHsv((i * 137) % 360, 170, 190);
}

void setLogAxis(QCPAxis* axis, double base) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
  ticker->setLogBase(base);
  ticker->setSubTickCount(base == 10 ? 8 : 0);
  axis->setTicker(ticker);
  if (base == 10) {
    axis->setNumberFormat("eb");  // 10^k drawn as a power
    axis->setNumberPrecision(0);
  } else {
    axis->setNumberFormat("f");
    axis->setNumberPrecision(0);
  }
}

void padLogRange(QCPAxis* axis, double factor, double fallbackLo, double fallbackHi) {
  const QCPRange r = axis->range();
  if (r.lower > 0 && r.upper > 0 && std::isfinite(r.lower) && std::isfinite(r.upper))
    axis->setRange(r.lower / factor, r.upper * factor);
  else
    axis->setRange(fallbackLo, fallbackHi);
}

void unboundLegend(QCPLegend* legend) {
  // A layout grid's column is no wider than the smallest maximum width of its elements, and an
  // empty legend's maximum is its margins: before anything is measured it squeezed the axes
  // above it to their title's width, their tick labels running together. A maximum set below
  // QWIDGETSIZE_MAX (with room for the margins QCPLayout adds to it) is taken instead.
  legend->setMaximumSize(QWIDGETSIZE_MAX / 2, QWIDGETSIZE_MAX);
}

QCPTextElement* setupPlot(QCustomPlot* plot, int columns) {
  // QCustomPlot 2.1 draws powers of ten (10⁷) only when a tick label has a lowercase 'e'; Qt 6's
  // en_US locale writes "1E+07". Tick numbers need no locale.
  plot->setLocale(QLocale::c());
  // The legend in rows of `columns` entries below the axis rect, as short as its text.
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->take(plot->legend);
  plot->plotLayout()->addElement(1, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(1, 0.001);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setWrap(columns);
  // At most `columns` to a row, fewer when the widest entry would not fit (a narrow figure):
  // decided after each layout, seen at the next.
  QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot, columns] {
    QCPLegend* legend = plot->legend;
    if (!legend) return;
    std::vector<int> widths;
    for (int i = 0; i < legend->elementCount(); ++i)
      if (QCPLayoutElement* e = legend->elementAt(i))
        widths.push_back(e->minimumOuterSizeHint().width());
    const int room =
        plot->viewport().width() - legend->margins().left() - legend->margins().right();
    // The most columns whose widest entries, column by column, fit side by side.
    int fit = 1;
    for (int c = std::min<int>(columns, int(widths.size())); c > 1; --c) {
      std::vector<int> column(std::size_t(c), 0);
      for (std::size_t i = 0; i < widths.size(); ++i)
        column[i % std::size_t(c)] = std::max(column[i % std::size_t(c)], widths[i]);
      int total = legend->columnSpacing() * (c - 1);
      for (int w : column) total += w;
      if (total <= room) {
        fit = c;
        break;
      }
    }
    if (fit == legend->wrap()) return;
    legend->setWrap(fit);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    plot->replot(QCustomPlot::rpQueuedReplot);
  });
  plot->legend->setBorderPen(Qt::NoPen);
  plot->legend->setLayer(QLatin1String("legend"));
  unboundLegend(plot->legend);
  // A wide legend must not widen the window's centre (squeezing the docks): a fixed minimum
  // replaces the layout's size hint.
  plot->setMinimumSize(320, 240);
  plot->plotLayout()->insertRow(0);
  QFont font = plot->font();
  font.setPointSize(font.pointSize() + 2);
  font.setBold(true);
  auto* title = new QCPTextElement(plot, QString(), font);
  plot->plotLayout()->addElement(0, 0, title);
  plot->plotLayout()->setRowStretchFactor(0, 0.001);
  return title;
}

QCPItemText* addCentredMessage(QCustomPlot* plot, QCPAxisRect* rect, const QString& text) {
  auto* item = new QCPItemText(plot);
  item->setLayer(QLatin1String("axes"));  // over the grid and reference lines
  item->setClipAxisRect(rect);
  item->position->setType(QCPItemPosition::ptAxisRectRatio);
  item->position->setAxisRect(rect);
  item->position->setCoords(0.5, 0.5);
  item->setPositionAlignment(Qt::AlignCenter);
  item->setTextAlignment(Qt::AlignCenter);
  QFont font = plot->font();
  font.setPointSizeF(font.pointSizeF() * 1.2);
  item->setFont(font);
  item->setColor(QColor(90, 90, 90));
  item->setBrush(QColor(255, 255, 255, 230));
  item->setPadding(QMargins(8, 4, 8, 4));
  const QFontMetrics metrics(font);
  item->setText(MatrixPlot::wrapText(text, font, metrics.averageCharWidth() * 30));
  return item;
}

QString formatCount(double value) {
  const QLocale locale;
  if (std::abs(value) < 1e15 && value == std::floor(value)) return locale.toString(qint64(value));
  return locale.toString(value, 'g', 4);
}

QString formatBytes(double bytes) {
  return QLocale().formattedDataSize(qint64(std::llround(bytes)), 1, QLocale::DataSizeIecFormat);
}

}  // namespace atlas::widgets::complexity
