#include "matrix_plot.h"

#include "legend_items.h"

#include <cmath>

namespace atlas::widgets {
namespace {

// Well below QWIDGETSIZE_MAX (margins are added to it), so a layout takes it instead of a
// text element's own maximum, its text's height.
constexpr int kUnbounded = 1000000;
constexpr int kMaxTickLabels = 48;  // beyond this many tokens (one panel), axes show numbers

/// Token labels fit when there are few enough for the panel: panels in a grid of `cols` columns
/// get proportionally fewer.
bool labelsFit(const QStringList& labels, int count, int cols) {
  return !labels.isEmpty() && labels.size() == count &&
         count <= std::max(8, kMaxTickLabels / (cols * cols));
}

QSharedPointer<QCPAxisTicker> tickerFor(const QStringList& labels, int count, int cols) {
  if (!labelsFit(labels, count, cols)) return MatrixPlot::indexTicker(count);
  auto t = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int i = 0; i < count; ++i) t->addTick(i, labels[i]);
  return t;
}

}  // namespace

QBrush MatrixPlot::uncomputedBrush() {
  // A tile of 6 x 6 pixels: light grey, one dark diagonal; a texture brush repeats it, on
  // screen and in every exported format.
  static const QPixmap tile = [] {
    QPixmap pm(6, 6);
    pm.fill(QColor(0xe6, 0xe6, 0xe6));
    QPainter p(&pm);
    p.setPen(QPen(QColor(0x8c, 0x8c, 0x8c), 1));
    p.drawLine(0, 5, 5, 0);
    return pm;
  }();
  return QBrush(tile);
}

bool MatrixPlot::anyUncomputed(const std::vector<MatrixPanel>& panels) const {
  if (!marksUncomputed()) return false;
  for (const MatrixPanel& m : panels) {
    if (m.sparse && m.sparse->nnz() < std::size_t(m.rows()) * std::size_t(m.cols())) return true;
    if (m.matrix && m.computed && (m.computed->array() == 0).any()) return true;
  }
  return false;
}

QSharedPointer<QCPAxisTicker> MatrixPlot::indexTicker(int count, int most) {
  auto t = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
  t->setTickStep(1.0);
  t->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  t->setTickCount(std::max(1, std::min(count, most)));
  return t;
}

QColor MatrixPlot::categoryColor(int i) {
  // Okabe-Ito (colour-blind safe), then golden-angle hues for larger counts.
  static const QRgb kBase[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                               0x0072B2, 0xD55E00, 0xCC79A7, 0x999999};
  if (i < 8) return QColor::fromRgb(kBase[i]);
  return QColor::fromHsv((i * 137) % 360, 160, 210);
}

void MatrixPlot::setCategories(const QStringList& names, const QList<QColor>& colors) {
  m_categoryNames = names;
  m_categoryColors = colors;
  m_maps.clear();  // the next setPanels lays out the legend instead of the colour scale
}

void MatrixPlot::requestReplot() {
  // A plot that is not on screen (a view in another tab) replots when it is shown or painted:
  // every result reaches every view, and only the visible ones need their pixels now.
  if (isVisible()) {
    replot(QCustomPlot::rpQueuedReplot);
  } else {
    m_replotPending = true;
  }
}

void MatrixPlot::showEvent(QShowEvent* event) {
  PlotWidget::showEvent(event);
  if (m_replotPending) {
    m_replotPending = false;
    replot(QCustomPlot::rpQueuedRefresh);  // draw now, so the first paint is not stale
  }
}

void MatrixPlot::resizeEvent(QResizeEvent* event) {
  PlotWidget::resizeEvent(event);
  if (m_messageElement)
    m_messageElement->setText(wrapText(m_message, m_messageElement->font(), messageWidth()));
  if (m_hintElement)
    m_hintElement->setText(wrapText(m_hint, m_hintElement->font(), messageWidth()));
}

void MatrixPlot::paintEvent(QPaintEvent* event) {
  if (m_replotPending) {  // painted without being shown, e.g. grab()
    m_replotPending = false;
    replot(QCustomPlot::rpQueuedRefresh);
  }
  PlotWidget::paintEvent(event);
}

MatrixPlot::MatrixPlot(QWidget* parent) : PlotWidget(parent) {
  setMouseTracking(true);
  setNoAntialiasingOnDrag(true);
  connect(this, &QCustomPlot::mouseMove, this, &MatrixPlot::onMouseMove);
  connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
    const int p = panelAt(e->position());
    if (p >= 0 && e->button() == Qt::LeftButton) Q_EMIT panelClicked(p);
  });
  // Every layout, on screen or into a figure of another size, shows the token labels where they
  // fit and sizes the numbers to its cells.
  connect(this, &QCustomPlot::afterLayout, this, &MatrixPlot::fitTokenLabels);
  connect(this, &QCustomPlot::afterLayout, this, &MatrixPlot::fitSquareCells);
  connect(this, &QCustomPlot::afterLayout, this, &MatrixPlot::fitCellValues);
  rebuild();
}

void MatrixPlot::setPanels(std::shared_ptr<const void> owner, std::vector<MatrixPanel> panels) {
  // Same layout as shown (count, sizes, titles): refill the cells only. This is the path a
  // slider drag takes, so it avoids rebuilding axes, tickers and the colour scale.
  bool sameLayout = m_message.isEmpty() && panels.size() == m_maps.size() && !panels.empty();
  for (std::size_t p = 0; sameLayout && p < panels.size(); ++p) {
    const QCPColorMapData* d = m_maps[p]->data();
    sameLayout = d->keySize() == drawnCells(panels[p].cols()) &&
                 d->valueSize() == drawnCells(panels[p].rows()) &&
                 panels[p].title == m_panels[p].title;
  }
  // The "not computed" legend comes and goes with pairs never computed (a causal mask toggled).
  sameLayout = sameLayout && anyUncomputed(panels) == m_showsUncomputed;
  m_owner = std::move(owner);
  m_panels = std::move(panels);
  m_message.clear();
  if (!sameLayout) {
    rebuild();
    return;
  }
  for (std::size_t p = 0; p < m_panels.size(); ++p)
    m_ranges[p] = fillCells(*m_maps[p]->data(), m_panels[p], marksUncomputed());
  applyScale();
  syncCellValues();  // the same items, new texts and colours
  requestReplot();
}

void MatrixPlot::showMessage(const QString& message) {
  m_owner.reset();
  m_panels.clear();
  m_message = message;
  rebuild();
}

void MatrixPlot::setTitle(const QString& title) {
  m_title = title;
  if (m_titleElement) m_titleElement->setText(title);
  requestReplot();
}

void MatrixPlot::setAxisTitles(const QString& x, const QString& y, const QString& scale) {
  // Another script (a language change) may turn a title upright or back: a new layout.
  const bool relayout = readsUpright(y) != readsUpright(m_yTitle) ||
                        readsUpright(scale) != readsUpright(m_scaleTitle);
  m_xTitle = x;
  m_yTitle = y;
  m_scaleTitle = scale;
  if (relayout && !m_panels.empty()) {
    rebuild();
    return;
  }
  for (QCPTextElement* t : m_sideTitles) t->setText(stackedText(y));
  if (m_scaleSide) m_scaleSide->setText(stackedText(scale));
  for (QCPColorMap* map : m_maps) {
    map->keyAxis()->setLabel(x);
    map->valueAxis()->setLabel(m_sideTitles.empty() ? y : QString());
  }
  if (m_scale) {
    m_scale->axis()->setLabel(m_scaleSide ? QString() : scale);
    applyScale();  // a signed plot's note on the log scale
  }
  requestReplot();
}

void MatrixPlot::setLabels(const QStringList& rows, const QStringList& cols) {
  if (rows == m_rowLabels && cols == m_colLabels) return;
  m_rowLabels = rows;
  m_colLabels = cols;
  rebuild();
}

void MatrixPlot::setLogicalSize(core::Index rows, core::Index cols) {
  if (rows == m_logicalRows && cols == m_logicalCols) return;
  m_logicalRows = rows;
  m_logicalCols = cols;
  m_maps.clear();  // the next setPanels lays out the axes anew
}

void MatrixPlot::setUncomputedText(const QString& text) {
  if (text == m_uncomputedText) return;
  m_uncomputedText = text;
  m_maps.clear();  // the next setPanels lays out the legend anew
}

void MatrixPlot::setFixedRange(const QCPRange& range) {
  m_fixedRange = range;
  applyScale();
  syncCellValues();
  requestReplot();
}

void MatrixPlot::setColorMap(ColorMap map) {
  m_colorMap = map;
  if (categorical()) return;
  // The colour scale owns the gradient and passes it to every map connected to it.
  if (m_scale && !m_signed) m_scale->setGradient(colorGradient(map));
  if (m_independent)
    for (QCPColorMap* m : m_maps) m->setGradient(colorGradient(map));
  syncCellValues();
  requestReplot();
}

void MatrixPlot::setLogScale(bool log) {
  m_log = log;
  applyScale();
  syncCellValues();
  requestReplot();
}

void MatrixPlot::rebuild() {
  // 1. Start from an empty layout: title row, then the grid of panels beside one colour scale.
  clearItems();         // items of a caller are anchored to axes that are about to go
  m_cellTexts.clear();  // gone with them
  clearPlottables();
  plotLayout()->clear();
  m_maps.clear();
  m_ranges.clear();
  m_scale = nullptr;
  m_body = nullptr;
  m_grid = nullptr;
  m_panelExtra = QMargins();
  m_panelTitles.clear();
  m_sideTitles.clear();
  m_scaleSide = nullptr;
  m_messageElement = nullptr;
  m_hintElement = nullptr;  // gone with the layout
  m_titleElement = new QCPTextElement(this, m_title,
                                      QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  plotLayout()->addElement(0, 0, m_titleElement);
  if (m_panels.empty()) {
    auto* text = new QCPTextElement(this, m_message);
    text->setText(wrapText(m_message, text->font(), messageWidth()));
    m_messageElement = text;
    plotLayout()->addElement(1, 0, text);
    plotLayout()->setRowStretchFactor(1, 10);
    requestReplot();
    return;
  }
  // The panels and the colour scale share a row of their own, so the title above spans both.
  auto* body = new QCPLayoutGrid;
  body->setAutoMargins(QCP::msNone);  // fitSquareCells sets them
  m_body = body;
  plotLayout()->addElement(1, 0, body);
  plotLayout()->setRowStretchFactor(0, 0.01);
  auto* grid = new QCPLayoutGrid;
  body->addElement(0, 0, grid);
  m_grid = grid;
  const int count = static_cast<int>(m_panels.size());
  const int cols = static_cast<int>(std::ceil(std::sqrt(double(count))));
  m_gridCols = cols;
  auto* margins = new QCPMarginGroup(this);

  for (int p = 0; p < count; ++p) {
    const MatrixPanel& m = m_panels[static_cast<std::size_t>(p)];
    const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
    // 2. One axis rect per panel, its title above it; query 0 at the top as in a matrix.
    auto* cell = new QCPLayoutGrid;
    grid->addElement(p / cols, p % cols, cell);  // fitSquareCells may wrap them otherwise
    if (count > 1) {
      QFont titleFont = font();
      if (m_compact) titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
      // No floor on its width: a long title is elided to its panel's place (fitSquareCells),
      // never widening the plot and the window.
      auto* title = new QCPTextElement(this, m_panels[p].title, titleFont);
      const int lines = int(m_panels[p].title.count(QLatin1Char('\n'))) + 1;
      title->setMinimumSize(1, int(std::ceil(QFontMetricsF(titleFont).height() * lines)) + 2);
      cell->addElement(0, readsUpright(m_yTitle) && !m_compact ? 1 : 0, title);
      m_panelTitles.push_back(title);
    }
    auto* rect = new QCPAxisRect(this);
    // A Chinese y title stands upright, one character under the other, left of the panel.
    const bool side = !m_compact && readsUpright(m_yTitle);
    cell->addElement(count > 1 ? 1 : 0, side ? 1 : 0, rect);
    if (count > 1) cell->setRowStretchFactor(0, 0.01);
    if (side) {
      auto* upright =
          new QCPTextElement(this, stackedText(m_yTitle), rect->axis(QCPAxis::atLeft)->labelFont());
      upright->setMaximumSize(kUnbounded, kUnbounded);  // its text's height must not cap the row
      cell->addElement(count > 1 ? 1 : 0, 0, upright);
      cell->setColumnStretchFactor(0, 0.001);
      m_sideTitles.push_back(upright);
    }
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setRangeReversed(true);
    // Pooled, or more entries than display cells: the axes count tokens, not cells.
    const bool pooled = m_logicalRows > 0 && m_logicalCols > 0;
    const int extentX = pooled ? static_cast<int>(m_logicalCols) : columns;
    const int extentY = pooled ? static_cast<int>(m_logicalRows) : rows;
    const int cellCols = drawnCells(columns), cellRows = drawnCells(rows);
    const bool blocks = pooled || cellCols != columns || cellRows != rows;
    x->setTicker(tickerFor(m_colLabels, extentX, cols));
    y->setTicker(tickerFor(m_rowLabels, extentY, cols));
    // Words are turned to fit; single characters (Chinese) stand upright.
    const bool shortLabels = std::all_of(m_colLabels.begin(), m_colLabels.end(),
                                         [](const QString& l) { return l.size() <= 2; });
    if (labelsFit(m_colLabels, extentX, cols) && !shortLabels) x->setTickLabelRotation(60);
    x->setLabel(m_compact ? QString() : m_xTitle);
    y->setLabel(m_compact || side ? QString() : m_yTitle);
    x->setTickLabels(!m_compact);
    y->setTickLabels(!m_compact);
    if (m_compact) {
      // Many small panels: no ticks, no padding, and no floor on the size (50 px by default),
      // so a figure of many panels in a column still fits its legend.
      for (QCPAxis* a : {x, y}) {
        a->setTicks(false);
        a->setPadding(0);
      }
      rect->setMinimumSize(8, 8);
      rect->setMinimumMargins(QMargins(2, 2, 2, 2));
    } else if (count > 1) {
      rect->setMinimumMargins(QMargins(15, 8, 15, 15));  // under its title: less above
    }
    x->grid()->setVisible(false);
    y->grid()->setVisible(false);
    // Cells never computed are transparent (NaN): the hatching behind them shows.
    if (marksUncomputed()) rect->setBackground(uncomputedBrush());

    // 3. The colour map, filled straight from the matrix.
    auto* map = new ParallelColorMap(x, y);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->data()->setSize(cellCols, cellRows);
    map->data()->setRange(QCPRange(0, std::max(columns - 1, 1)),
                          QCPRange(0, std::max(rows - 1, 1)));
    // A single cell along a dimension: QCustomPlot draws the range itself (no half-cell margin
    // is added when there is one cell), so give it the cell's full extent.
    if (columns == 1) map->data()->setKeyRange(QCPRange(-0.5, 0.5));
    if (rows == 1) map->data()->setValueRange(QCPRange(-0.5, 0.5));
    if (blocks) {
      // Cell centres at the centres of their blocks (token j spans [j - 0.5, j + 0.5]).
      const auto centres = [](int cells, int extent) {
        const double w = double(extent) / cells;
        return cells == 1 ? QCPRange(-0.5, extent - 0.5)
                          : QCPRange(0.5 * w - 0.5, (cells - 0.5) * w - 0.5);
      };
      map->data()->setKeyRange(centres(cellCols, extentX));
      map->data()->setValueRange(centres(cellRows, extentY));
    }
    m_ranges.push_back(fillCells(*map->data(), m, marksUncomputed()));
    x->setRange(-0.5, extentX - 0.5);
    y->setRange(-0.5, extentY - 0.5);
    m_maps.push_back(map);
  }

  if (categorical()) {
    // 4'. Categories: a fixed colour per value and a legend of their names.
    QCPColorGradient g;
    g.clearColorStops();
    const int k = static_cast<int>(m_categoryNames.size());
    g.setColorStopAt(0, Qt::white);
    for (int c = 1; c <= k; ++c)
      g.setColorStopAt(double(c) / k, c - 1 < m_categoryColors.size() ? m_categoryColors[c - 1]
                                                                      : categoryColor(c - 1));
    g.setLevelCount(k + 1);
    for (QCPColorMap* map : m_maps) {
      map->setGradient(g);
      map->setDataRange(QCPRange(0, std::max(k, 1)));
    }
    // The legend in one row below the panels, as short as its text.
    auto* legend = new QCPLegend;
    plotLayout()->addElement(2, 0, legend);
    plotLayout()->setRowStretchFactor(2, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setLayer(QLatin1String("legend"));
    legend->setBorderPen(Qt::NoPen);
    for (int c = 0; c < k; ++c)
      legend->addItem(new SwatchItem(
          legend, QColor::fromRgb(g.color(double(c + 1), QCPRange(0, k))), m_categoryNames[c]));
    requestReplot();
    return;
  }

  // 4'. Pairs never computed: a legend entry for their hatching, below the panels.
  m_showsUncomputed = anyUncomputed(m_panels);
  if (m_showsUncomputed) {
    auto* legend = new QCPLegend;
    plotLayout()->addElement(2, 0, legend);
    plotLayout()->setRowStretchFactor(2, 0.001);
    legend->setLayer(QLatin1String("legend"));
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFont(font());
    legend->addItem(new SwatchItem(legend, uncomputedBrush(),
                                   m_uncomputedText.isEmpty()
                                       ? tr("not computed: pairs the variant skips")
                                       : m_uncomputedText));
  }

  // 4. One colour scale for all panels, aligned with them.
  m_scale = new QCPColorScale(this);
  body->addElement(0, 1, m_scale);
  if (readsUpright(m_scaleTitle)) {
    m_scaleSide = new QCPTextElement(this, stackedText(m_scaleTitle), m_scale->axis()->labelFont());
    m_scaleSide->setMaximumSize(kUnbounded, kUnbounded);
    body->addElement(0, 2, m_scaleSide);
    body->setColumnStretchFactor(2, 0.001);
  }
  m_scale->setType(QCPAxis::atRight);
  m_scale->axis()->setLabel(m_scaleSide ? QString() : m_scaleTitle);
  m_scale->setBarWidth(14);
  if (!m_independent)
    for (QCPColorMap* map : m_maps) map->setColorScale(m_scale);
  m_scale->setGradient(colorGradient(m_colorMap));
  m_signed = false;  // a new scale: applyScale decides
  applyScale();
  syncCellValues();
  requestReplot();
}

}  // namespace atlas::widgets
