#include "matrix_plot.h"

#include <QToolTip>

#include <cmath>

namespace atlas::widgets {
namespace {

constexpr int kMaxTickLabels = 48;  // beyond this many tokens (one panel), axes show numbers

/// Token labels fit when there are few enough for the panel: panels in a grid of `cols` columns
/// get proportionally fewer.
bool labelsFit(const QStringList& labels, int count, int cols) {
  return !labels.isEmpty() && labels.size() == count && count <= std::max(8, kMaxTickLabels / (cols * cols));
}

QSharedPointer<QCPAxisTicker> tickerFor(const QStringList& labels, int count, int cols) {
  if (!labelsFit(labels, count, cols)) {
    auto t = QSharedPointer<QCPAxisTicker>(new QCPAxisTicker);
    t->setTickCount(std::min(count, 8));
    return t;
  }
  auto t = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int i = 0; i < count; ++i) t->addTick(i, labels[i]);
  return t;
}

}  // namespace

MatrixPlot::MatrixPlot(QWidget* parent) : QCustomPlot(parent) {
  setMouseTracking(true);
  setNoAntialiasingOnDrag(true);
  connect(this, &QCustomPlot::mouseMove, this, &MatrixPlot::onMouseMove);
  rebuild();
}

void MatrixPlot::setPanels(std::shared_ptr<const void> owner, std::vector<MatrixPanel> panels) {
  // Same layout as shown (count, sizes, titles): refill the cells only. This is the path a
  // slider drag takes, so it avoids rebuilding axes, tickers and the colour scale.
  bool sameLayout = m_message.isEmpty() && panels.size() == m_maps.size() && !panels.empty();
  for (std::size_t p = 0; sameLayout && p < panels.size(); ++p) {
    const QCPColorMapData* d = m_maps[p]->data();
    sameLayout = d->keySize() == panels[p].matrix->cols() && d->valueSize() == panels[p].matrix->rows() &&
                 panels[p].title == m_panels[p].title;
  }
  m_owner = std::move(owner);
  m_panels = std::move(panels);
  m_message.clear();
  if (!sameLayout) {
    rebuild();
    return;
  }
  for (std::size_t p = 0; p < m_panels.size(); ++p) fillMap(m_maps[p], *m_panels[p].matrix);
  applyScale();
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::fillMap(QCPColorMap* map, const core::Matrix& m) {
  QCPColorMapData* data = map->data();
  const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < columns; ++j) data->setCell(j, i, m(i, j));
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
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::setAxisTitles(const QString& x, const QString& y, const QString& scale) {
  m_xTitle = x;
  m_yTitle = y;
  m_scaleTitle = scale;
  for (QCPColorMap* map : m_maps) {
    map->keyAxis()->setLabel(x);
    map->valueAxis()->setLabel(y);
  }
  if (m_scale) m_scale->axis()->setLabel(scale);
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::setLabels(const QStringList& rows, const QStringList& cols) {
  if (rows == m_rowLabels && cols == m_colLabels) return;
  m_rowLabels = rows;
  m_colLabels = cols;
  rebuild();
}

void MatrixPlot::setColorMap(ColorMap map) {
  m_colorMap = map;
  // The colour scale owns the gradient and passes it to every map connected to it.
  if (m_scale) m_scale->setGradient(colorGradient(map));
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::setLogScale(bool log) {
  m_log = log;
  applyScale();
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::rebuild() {
  // 1. Start from an empty layout: title row, then the grid of panels beside one colour scale.
  clearPlottables();
  plotLayout()->clear();
  m_maps.clear();
  m_scale = nullptr;
  m_titleElement = new QCPTextElement(this, m_title, QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  plotLayout()->addElement(0, 0, m_titleElement);
  if (m_panels.empty()) {
    auto* text = new QCPTextElement(this, m_message);
    plotLayout()->addElement(1, 0, text);
    plotLayout()->setRowStretchFactor(1, 10);
    replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  auto* grid = new QCPLayoutGrid;
  plotLayout()->addElement(1, 0, grid);
  plotLayout()->setRowStretchFactor(0, 0.01);
  const int count = static_cast<int>(m_panels.size());
  const int cols = static_cast<int>(std::ceil(std::sqrt(double(count))));
  auto* margins = new QCPMarginGroup(this);

  for (int p = 0; p < count; ++p) {
    const core::Matrix& m = *m_panels[static_cast<std::size_t>(p)].matrix;
    const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
    // 2. One axis rect per panel, its title above it; query 0 at the top as in a matrix.
    auto* cell = new QCPLayoutGrid;
    grid->addElement(p / cols, p % cols, cell);
    if (count > 1) cell->addElement(0, 0, new QCPTextElement(this, m_panels[p].title));
    auto* rect = new QCPAxisRect(this);
    cell->addElement(count > 1 ? 1 : 0, 0, rect);
    if (count > 1) cell->setRowStretchFactor(0, 0.01);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setRangeReversed(true);
    x->setTicker(tickerFor(m_colLabels, columns, cols));
    y->setTicker(tickerFor(m_rowLabels, rows, cols));
    // Words are turned to fit; single characters (Chinese) stand upright.
    const bool shortLabels = std::all_of(m_colLabels.begin(), m_colLabels.end(),
                                         [](const QString& l) { return l.size() <= 2; });
    if (labelsFit(m_colLabels, columns, cols) && !shortLabels) x->setTickLabelRotation(60);
    x->setLabel(m_xTitle);
    y->setLabel(m_yTitle);
    x->grid()->setVisible(false);
    y->grid()->setVisible(false);

    // 3. The colour map, filled straight from the matrix.
    auto* map = new QCPColorMap(x, y);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->data()->setSize(columns, rows);
    map->data()->setRange(QCPRange(0, std::max(columns - 1, 1)), QCPRange(0, std::max(rows - 1, 1)));
    if (columns == 1) map->data()->setKeyRange(QCPRange(0, 0));
    if (rows == 1) map->data()->setValueRange(QCPRange(0, 0));
    fillMap(map, m);
    x->setRange(-0.5, columns - 0.5);
    y->setRange(-0.5, rows - 0.5);
    m_maps.push_back(map);
  }

  // 4. One colour scale for all panels, aligned with them.
  m_scale = new QCPColorScale(this);
  plotLayout()->addElement(1, 1, m_scale);
  m_scale->setType(QCPAxis::atRight);
  m_scale->axis()->setLabel(m_scaleTitle);
  m_scale->setBarWidth(14);
  for (QCPColorMap* map : m_maps) map->setColorScale(m_scale);
  m_scale->setGradient(colorGradient(m_colorMap));
  applyScale();
  replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlot::applyScale() {
  if (!m_scale || m_maps.empty()) return;
  // 5. Rescale: a shared data range over all panels; log scale starts at the smallest positive.
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, minPositive = lo;
  for (const MatrixPanel& p : m_panels) {
    lo = std::min(lo, double(p.matrix->minCoeff()));
    hi = std::max(hi, double(p.matrix->maxCoeff()));
    for (Eigen::Index k = 0; k < p.matrix->size(); ++k) {
      const double v = p.matrix->data()[k];
      if (v > 0 && v < minPositive) minPositive = v;
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  if (m_log && std::isfinite(minPositive) && hi > 0) {
    m_scale->setDataScaleType(QCPAxis::stLogarithmic);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_scale->setDataRange(QCPRange(std::max(minPositive, hi * 1e-6), hi));
  } else {
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scale->setDataRange(QCPRange(lo, hi));
  }
}

QString MatrixPlot::tooltipAt(const QPointF& pos) const {
  for (int p = 0; p < panelCount(); ++p) {
    QCPColorMap* map = m_maps[static_cast<std::size_t>(p)];
    if (!map->keyAxis()->axisRect()->rect().contains(pos.toPoint())) continue;
    const int col = static_cast<int>(std::lround(map->keyAxis()->pixelToCoord(pos.x())));
    const int row = static_cast<int>(std::lround(map->valueAxis()->pixelToCoord(pos.y())));
    const core::Matrix& m = *m_panels[static_cast<std::size_t>(p)].matrix;
    if (row < 0 || col < 0 || row >= m.rows() || col >= m.cols()) return {};
    const double v = m(row, col);
    return m_tooltip ? m_tooltip(p, row, col, v) : QString::number(v, 'g', 4);
  }
  return {};
}

void MatrixPlot::onMouseMove(QMouseEvent* event) {
  const QString text = tooltipAt(event->position());
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

}  // namespace atlas::widgets
