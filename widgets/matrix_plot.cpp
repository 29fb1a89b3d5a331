#include "matrix_plot.h"

#include "legend_items.h"

#include <cmath>

namespace atlas::widgets {
namespace {

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
  connect(this, &QCustomPlot::afterLayout, this, &MatrixPlot::fitCellValues);
  rebuild();
}

bool MatrixPlot::fitTokenLabels() {
  // Token labels wherever the pixels just laid out hold them in the axes' font, numbers
  // elsewhere; rotated only when words would not fit upright. A change takes effect at the
  // next layout (a queued replot on screen; a figure lays itself out twice).
  const bool pooled = m_logicalRows > 0 && m_logicalCols > 0;
  bool changed = false;
  for (QCPColorMap* map : m_maps) {
    QCPAxis* x = map->keyAxis();
    QCPAxis* y = map->valueAxis();
    const QRect rect = x->axisRect()->rect();
    const int cols = pooled ? int(m_logicalCols) : map->data()->keySize();
    const int rows = pooled ? int(m_logicalRows) : map->data()->valueSize();
    if (m_compact) continue;
    const QFontMetricsF fm(x->tickLabelFont());
    // No room at all (the labels took it): numbers, which take less.
    const double perX = std::max(0, rect.width()) / double(std::max(cols, 1)),
                 perY = std::max(0, rect.height()) / double(std::max(rows, 1));
    const auto has = [](const QStringList& l, int n) { return !l.isEmpty() && l.size() == n; };
    double widest = 0;
    for (const QString& l : m_colLabels) widest = std::max(widest, fm.horizontalAdvance(l));
    const bool upright = widest + 4 <= perX;
    const bool fitX = has(m_colLabels, cols) && (upright || fm.height() * 1.2 <= perX);
    const bool fitY = has(m_rowLabels, rows) && fm.height() <= perY;
    const auto apply = [&](QCPAxis* a, bool fit, const QStringList& labels, int n) {
      const bool isText = !a->ticker().dynamicCast<QCPAxisTickerText>().isNull();
      if (fit == isText) return;
      if (fit) {
        auto t = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
        for (int i = 0; i < n; ++i) t->addTick(i, labels[i]);
        a->setTicker(t);
      } else {
        a->setTicker(indexTicker(n));
      }
      changed = true;
    };
    apply(x, fitX, m_colLabels, cols);
    apply(y, fitY, m_rowLabels, rows);
    const double rotation = fitX && !upright ? 60 : 0;
    if (x->tickLabelRotation() != rotation) {
      x->setTickLabelRotation(rotation);
      changed = true;
    }
  }
  if (changed) requestReplot();
  return changed;
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
  m_xTitle = x;
  m_yTitle = y;
  m_scaleTitle = scale;
  for (QCPColorMap* map : m_maps) {
    map->keyAxis()->setLabel(x);
    map->valueAxis()->setLabel(y);
  }
  if (m_scale) {
    m_scale->axis()->setLabel(scale);
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
  plotLayout()->addElement(1, 0, body);
  plotLayout()->setRowStretchFactor(0, 0.01);
  auto* grid = new QCPLayoutGrid;
  body->addElement(0, 0, grid);
  const int count = static_cast<int>(m_panels.size());
  const int cols = static_cast<int>(std::ceil(std::sqrt(double(count))));
  auto* margins = new QCPMarginGroup(this);

  for (int p = 0; p < count; ++p) {
    const MatrixPanel& m = m_panels[static_cast<std::size_t>(p)];
    const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
    // 2. One axis rect per panel, its title above it; query 0 at the top as in a matrix.
    auto* cell = new QCPLayoutGrid;
    grid->addElement(p / cols, p % cols, cell);
    if (count > 1) {
      QFont titleFont = font();
      if (m_compact) titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
      cell->addElement(0, 0, new QCPTextElement(this, m_panels[p].title, titleFont));
    }
    auto* rect = new QCPAxisRect(this);
    cell->addElement(count > 1 ? 1 : 0, 0, rect);
    if (count > 1) cell->setRowStretchFactor(0, 0.01);
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
    y->setLabel(m_compact ? QString() : m_yTitle);
    x->setTickLabels(!m_compact);
    y->setTickLabels(!m_compact);
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
    legend->addItem(
        new SwatchItem(legend, uncomputedBrush(), tr("not computed: pairs the variant skips")));
  }

  // 4. One colour scale for all panels, aligned with them.
  m_scale = new QCPColorScale(this);
  body->addElement(0, 1, m_scale);
  m_scale->setType(QCPAxis::atRight);
  m_scale->axis()->setLabel(m_scaleTitle);
  m_scale->setBarWidth(14);
  if (!m_independent)
    for (QCPColorMap* map : m_maps) map->setColorScale(m_scale);
  m_scale->setGradient(colorGradient(m_colorMap));
  m_signed = false;  // a new scale: applyScale decides
  applyScale();
  syncCellValues();
  requestReplot();
}

void MatrixPlot::applyScale() {
  if (!m_scale || m_maps.empty()) return;
  if (m_independent) {
    // Each map its own range; the shared bar only says "low to high of each panel".
    for (std::size_t p = 0; p < m_maps.size(); ++p) {
      const MatrixPanel::Range& range = m_ranges[p];
      const double lo = std::min(0.0, range.lo), hi = range.hi;
      m_maps[p]->setGradient(colorGradient(m_colorMap));
      m_maps[p]->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));
    }
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->setDataRange(QCPRange(0, 1));
    return;
  }
  // 5. Rescale: a shared data range over all panels; log scale starts at the smallest positive.
  constexpr float kInf = std::numeric_limits<float>::infinity();
  double lo = kInf, hi = -lo, minPositive = lo;
  for (const MatrixPanel::Range& range : m_ranges) {
    lo = std::min(lo, range.lo);
    hi = std::max(hi, range.hi);
    minPositive = std::min(minPositive, range.minPositive);
  }
  // Signed data (an output, a difference): the diverging map on a range symmetric about 0,
  // and never a log scale, which could not show the negatives.
  const ColorRange shown = colorRange(lo, hi);
  const bool wasSigned = m_signed;
  m_signed = shown.isSigned;
  if (m_signed != wasSigned) {
    m_scale->setGradient(gradientFor(shown, m_colorMap));
    syncCellValues();  // the numbers' colours follow the cells'
  }
  m_scale->axis()->setLabel(m_signed && m_log ? m_scaleTitle + QLatin1Char('\n') +
                                                    tr("linear: the values are signed")
                                              : m_scaleTitle);
  if (m_signed) {
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scale->setDataRange(QCPRange(shown.lower, shown.upper));
  } else if (m_log && std::isfinite(minPositive) && shown.upper > 0) {
    m_scale->setDataScaleType(QCPAxis::stLogarithmic);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_scale->setDataRange(QCPRange(std::max(minPositive, shown.upper * 1e-6), shown.upper));
  } else {
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scale->setDataRange(QCPRange(shown.lower, shown.upper));
  }
  updateHint();
}

bool MatrixPlot::linearShowsAlmostNothing() const {
  // At least 95% of the cells (of a few hundred or more) in the bottom 5% of a linear,
  // one-signed scale: a uniform field of the lowest colour, which the log scale would open up.
  if (!m_scale || m_log || m_signed || categorical() || m_independent) return false;
  const QCPRange range = m_scale->dataRange();
  if (!(range.upper > range.lower)) return false;
  const double threshold = range.lower + 0.05 * (range.upper - range.lower);
  std::size_t cells = 0, low = 0;
  for (QCPColorMap* map : m_maps) {
    QCPColorMapData& d = *map->data();
    const double* v = MapCells::cells(d);
    const std::size_t n = std::size_t(d.keySize()) * std::size_t(d.valueSize());
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(v[i])) continue;
      ++cells;
      low += v[i] <= threshold;
    }
  }
  return cells >= 256 && double(low) >= 0.95 * double(cells);
}

void MatrixPlot::updateHint() {
  const bool wanted = linearShowsAlmostNothing();
  if (wanted == (m_hintElement != nullptr)) return;
  if (wanted) {
    QFont f = font();
    f.setItalic(true);
    m_hint =
        tr("Almost every value is near the bottom of this linear scale: the logarithmic "
           "scale (View > Logarithmic colour scale, Ctrl+L) shows them apart.");
    m_hintElement = new QCPTextElement(this, wrapText(m_hint, f, messageWidth()), f);
    m_hintElement->setTextColor(QColor(0x60, 0x60, 0x60));
    const int row = plotLayout()->rowCount();  // below the panels and any legend
    plotLayout()->addElement(row, 0, m_hintElement);
    plotLayout()->setRowStretchFactor(row, 0.001);
  } else {
    plotLayout()->remove(m_hintElement);
    m_hintElement = nullptr;
    plotLayout()->simplify();
  }
  requestReplot();
}

}  // namespace atlas::widgets
