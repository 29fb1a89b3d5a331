#include "low_rank_view.h"
#include "plot_widget.h"

#include "core_text.h"
#include "legend_items.h"
#include "matrix_plot.h"
#include "wrapped_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace atlas::widgets {

LowRankView::LowRankView(QWidget* parent) : ResultView(parent) {
  m_slider = new QSlider(Qt::Horizontal, this);
  // A slider a hand can move in every language and at 1024 x 768, whatever the summary says.
  m_slider->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
  m_spin = new QSpinBox(this);
  m_kLabel = new QLabel(this);
  m_kLabel->setBuddy(m_spin);
  m_summary = new QLabel(this);
  m_summary->setWordWrap(true);
  m_plot = new PlotWidget(this);
  // The six parts, legends and note must not set the window's least size (a QCustomPlot's size
  // hint is its layout's): a fixed minimum replaces it, as the complexity view's plots have.
  m_plot->setMinimumSize(320, 240);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_kLabel);
  bar->addWidget(m_slider, 1);
  bar->addWidget(m_spin);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_summary);  // a line of its own: a long summary never squeezes the slider
  layout->addWidget(m_plot, 1);
  m_spin->setRange(1, 1);  // k is at least 1 even before a result arrives
  m_slider->setRange(1, 1);
  connect(m_slider, &QSlider::valueChanged, m_spin, &QSpinBox::setValue);
  connect(m_slider, &QSlider::actionTriggered, this,
          [this] { m_kChosen = true; });  // mouse or keys
  connect(m_spin, &QSpinBox::editingFinished, this, [this] { m_kChosen = true; });
  connect(m_spin, &QSpinBox::valueChanged, this, [this](int k) {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(k);
    moveKMarker(k);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT kChanged(k);
  });
  setupPlot();
  retranslate();
}

QCPColorMap* LowRankView::addMap(QCPAxisRect* rect) {
  rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
  for (QCPAxis* a : rect->axes()) a->grid()->setVisible(false);
  auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  map->setInterpolate(false);
  map->setGradient(colorGradient(m_colorMap));
  return map;
}

void LowRankView::addColorBar(QCPLayoutGrid* body, QCPColorMap* map) {
  auto* bar = new QCPColorScale(m_plot);
  body->addElement(0, 1, bar);
  body->setColumnStretchFactor(1, 0.001);
  bar->setType(QCPAxis::atRight);
  bar->setBarWidth(8);
  // A short bar: about three labels (0, 0.5, 1 rather than every 0.25), well apart.
  bar->axis()->ticker()->setTickCount(3);
  bar->axis()->ticker()->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
  map->setColorScale(bar);  // the map's gradient and range are the bar's from now on
}

void LowRankView::setupPlot() {
  // Tick numbers in C formatting: QCustomPlot draws powers of ten only from a lowercase 'e'.
  m_plot->setLocale(QLocale::c());
  // 1. A title row, a 2 x 3 grid of parts (each with its own small title), the legend and the
  // note.
  QCPLayoutGrid* layout = m_plot->plotLayout();
  layout->clear();
  m_title = new QCPTextElement(m_plot, QString(),
                               QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  layout->addElement(0, 0, m_title);
  auto* grid = new QCPLayoutGrid;
  m_grid = grid;
  layout->addElement(1, 0, grid);
  // Below the parts: the curves' legend, the tint's (a row of its own: it is long), the note.
  for (WrappingLegend** legend : {&m_legend, &m_tintLegend}) {
    *legend = new WrappingLegend;
    layout->addElement(layout->rowCount(), 0, *legend);
    (*legend)->setLayer(QLatin1String("legend"));
    (*legend)->setFont(font());
  }
  m_note = new WrappedText(m_plot, 1.0, false, QColor(0x50, 0x50, 0x50));
  layout->addElement(layout->rowCount(), 0, m_note);
  for (int row : {0, 2, 3, 4}) layout->setRowStretchFactor(row, 0.001);
  QCPAxisRect** rects[] = {&m_pRect,   &m_specRect,  &m_simRect,
                           &m_errRect, &m_primeRect, &m_impliedRect};
  // The parts of a row share their top and bottom, colour bars included (arrangeParts).
  m_rowGroups = {new QCPMarginGroup(m_plot), new QCPMarginGroup(m_plot)};
  std::vector<QCPLayoutGrid*> bodies;  // each part's axis rect and, for a matrix, its bar
  for (int i = 0; i < 6; ++i) {
    auto* cell = new QCPLayoutGrid;
    m_cells.push_back(cell);
    grid->addElement(i / 3, i % 3, cell);  // in the plot before it holds anything
    // Cut to the part's width: a third of the plot's, or half in a narrow figure.
    auto* title =
        new ElidedText(m_plot, [this] { return m_plot->viewport().width() / (m_narrow ? 2 : 3); });
    m_partTitles.push_back(title);
    cell->addElement(0, 0, title);
    cell->setRowStretchFactor(0, 0.01);
    // The title alone in its column, so that a figure cuts it to the part's width, not less.
    auto* body = new QCPLayoutGrid;
    bodies.push_back(body);
    cell->addElement(1, 0, body);
    *rects[i] = new QCPAxisRect(m_plot);
    body->addElement(0, 0, *rects[i]);
    // Small parts: no room kept around the axes beyond their labels (QCPAxisRect keeps 15 px).
    (*rects[i])->setMinimumSize(20, 20);
    (*rects[i])->setMinimumMargins(QMargins(2, 4, 12, 2));  // right: half a tick label
  }
  // 2. Heatmaps, each with its colour bar: P, column similarity, P' and P'F.
  m_pMap = addMap(m_pRect);
  m_simMap = addMap(m_simRect);
  m_primeMap = addMap(m_primeRect);
  m_impliedMap = addMap(m_impliedRect);
  const std::pair<int, QCPColorMap*> bars[] = {
      {0, m_pMap}, {2, m_simMap}, {4, m_primeMap}, {5, m_impliedMap}};
  for (const auto& [part, map] : bars) addColorBar(bodies[std::size_t(part)], map);
  // 3. The spectrum and the error curves, once the parts are in the layout.
  arrangeParts();
  setupCurves();
  connect(m_plot, &QCustomPlot::afterLayout, this, &LowRankView::fitToWidth);
}

void LowRankView::arrangeParts() {
  for (QCPLayoutGrid* cell : m_cells)
    if (cell->layout() == m_grid) m_grid->take(cell);
  m_grid->simplify();
  int column = 0;
  for (std::size_t i = 0; i < m_cells.size(); ++i) {
    const bool shown = !m_narrow || i == 1 || i == 3;  // narrow: the spectrum and the errors
    QCPLayoutGrid* cell = m_cells[i];
    cell->setVisible(shown);
    // The rect and the bar of a part (its body's elements) keep the row's top and bottom.
    auto* body = static_cast<QCPLayoutGrid*>(cell->element(1, 0));
    QCPMarginGroup* group = shown ? m_rowGroups[m_narrow ? 0 : i / 3] : nullptr;
    for (int e = 0; e < body->elementCount(); ++e)
      if (QCPLayoutElement* element = body->elementAt(e))
        element->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    if (shown)
      m_grid->addElement(m_narrow ? 0 : int(i / 3), m_narrow ? column++ : int(i % 3), cell);
  }
  for (QCPAbstractItem* item : m_groupMarks) item->setVisible(!m_narrow);
}

void LowRankView::fitToWidth() {
  bool changed = fitIndexTicks();
  const bool narrow = m_plot->viewport().width() < kNarrowWidth;
  if (narrow != m_narrow) {
    m_narrow = narrow;
    arrangeParts();
    setAxisTitles();
    for (WrappingLegend* legend : {m_legend, m_tintLegend})
      legend->setIconSize(narrow ? QSize(20, 10) : QSize(32, 18));
    if (m_analysis) fillLegend();
    changed = true;
  }
  // Nothing else: a figure has broken and cut the titles to its width for this layout.
  if (changed) m_plot->replot(QCustomPlot::rpQueuedReplot);  // laid out for the size it has then
}

bool LowRankView::fitIndexTicks() {
  // Index ticks about two labels apart on the axes just laid out (2 to 8 of them): a small
  // part's numbers never run into each other, a large one's are not needlessly few.
  bool changed = false;
  for (QCPColorMap* map : maps()) {
    const QCPAxisRect* rect = map->keyAxis()->axisRect();
    const QFontMetrics fm(map->keyAxis()->tickLabelFont());
    for (const bool across : {true, false}) {
      QCPAxis* axis = across ? map->keyAxis() : map->valueAxis();
      const int count = across ? map->data()->keySize() : map->data()->valueSize();
      const int label =
          across ? fm.horizontalAdvance(QString::number(std::max(0, count - 1))) : fm.height();
      const int length = across ? rect->width() : rect->height();
      const int most = std::clamp(length / std::max(1, 2 * label), 2, 8);
      if (count < 1 || axis->ticker()->tickCount() == std::min(count, most)) continue;
      axis->setTicker(MatrixPlot::indexTicker(count, most));
      changed = true;
    }
  }
  return changed;
}

void LowRankView::setAxisTitle(QCPAxis* axis, const QString& text) const {
  axis->setLabel(m_narrow ? QString() : text);
}

void LowRankView::setAxisTitles() {
  setAxisTitle(m_pRect->axis(QCPAxis::atBottom), tr("Key"));
  setAxisTitle(m_pRect->axis(QCPAxis::atLeft), tr("Query"));
  setAxisTitle(m_specRect->axis(QCPAxis::atBottom), tr("Index i"));
  setAxisTitle(m_specRect->axis(QCPAxis::atLeft), tr("σᵢ"));
  setAxisTitle(m_simRect->axis(QCPAxis::atBottom), tr("Key"));
  setAxisTitle(m_simRect->axis(QCPAxis::atLeft), tr("Key"));
  setAxisTitle(m_errRect->axis(QCPAxis::atBottom), tr("k"));
  // The error part's title says what its value axis shows: a rotated formula would not fit.
  setAxisTitle(m_primeRect->axis(QCPAxis::atBottom), tr("Projected key"));
  setAxisTitle(m_primeRect->axis(QCPAxis::atLeft), tr("Query"));
  setAxisTitle(m_impliedRect->axis(QCPAxis::atBottom), tr("Key"));
  setAxisTitle(m_impliedRect->axis(QCPAxis::atLeft), tr("Query"));
}

std::vector<QCPColorMap*> LowRankView::maps() const {
  return {m_pMap, m_simMap, m_primeMap, m_impliedMap};
}

QCPLegend* LowRankView::legend() const { return m_legend; }
QCPLegend* LowRankView::tintLegend() const { return m_tintLegend; }
QString LowRankView::noteText() const { return m_note->source(); }

void LowRankView::setColorMap(ColorMap map) {
  m_colorMap = map;
  for (QCPColorMap* m : maps()) applyGradient(m);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LowRankView::applyGradient(QCPColorMap* map) {
  // Signed (P′F, whose F mixes signs; P of a Linformer result, which is its P′F; similarities of
  // columns that point apart): the diverging map, 0 white, on a range symmetric about 0.
  const QCPRange r = map->dataRange();
  const ColorRange range = colorRange(r.lower, r.upper);
  map->colorScale()->setGradient(gradientFor(range, m_colorMap));
  map->colorScale()->setDataRange(QCPRange(range.lower, range.upper));
}

void LowRankView::fill(QCPColorMap* map, const core::Matrix& m) {
  const int rows = int(m.rows()), cols = int(m.cols());
  map->data()->setSize(cols, rows);
  map->data()->setRange(cols == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, cols - 1),
                        rows == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, rows - 1));
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) map->data()->setCell(j, i, m(i, j));
  map->rescaleDataRange(true);
  applyGradient(map);
  // Index ticks for a small part until the next layout fits them to its size (fitIndexTicks).
  map->keyAxis()->setTicker(MatrixPlot::indexTicker(cols, 4));
  map->valueAxis()->setTicker(MatrixPlot::indexTicker(rows, 4));
  map->keyAxis()->setRange(-0.5, cols - 0.5);
  map->valueAxis()->setRange(-0.5, rows - 0.5);
}

void LowRankView::setResult(const ViewData& data) {
  m_data = data;
  m_analysis.reset();
  m_at.reset();
  m_failure.reset();
  const int m = data.result ? int(data.result->weightCols()) : 0;
  const QSignalBlocker block(m_spin);
  m_spin->setRange(1, std::max(1, m));
  m_slider->setRange(1, std::max(1, m));
  // k starts at 8 (Linformer's default rank) until the user moves it.
  if (!m_kChosen || m_spin->value() > m) m_spin->setValue(std::min(8, std::max(1, m)));
  m_slider->setValue(m_spin->value());
  retranslate();
}

int LowRankView::k() const { return m_spin->value(); }
void LowRankView::setK(int k) { m_spin->setValue(k); }

void LowRankView::setAnalysis(std::shared_ptr<const core::analysis::LowRankAnalysis> analysis) {
  if (m_data.result && m_data.result->pooled()) return;
  m_analysis = std::move(analysis);
  drawAnalysis();
}

void LowRankView::setLinformer(std::shared_ptr<const core::analysis::LinformerAt> at) {
  if (m_data.result && m_data.result->pooled()) return;
  m_at = std::move(at);
  drawLinformer();
}

int LowRankView::pPrimeColumns() const { return m_at ? m_primeMap->data()->keySize() : 0; }

void LowRankView::drawGroups(const core::Matrix& p) {
  for (QCPAbstractItem* item : m_groupMarks) m_plot->removeItem(item);
  m_groupMarks.clear();
  if (!m_analysis) return;
  // Each group's columns tinted in one colour (the legend says what the tint means).
  const auto& groups = m_analysis->redundantGroups;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const QColor c = MatrixPlot::categoryColor(int(g));
    for (core::Index col : groups[g]) {
      auto* rect = new QCPItemRect(m_plot);
      rect->setClipToAxisRect(true);
      rect->setClipAxisRect(m_pRect);
      for (auto* pos : {rect->topLeft, rect->bottomRight})
        pos->setAxes(m_pRect->axis(QCPAxis::atBottom), m_pRect->axis(QCPAxis::atLeft));
      rect->topLeft->setCoords(double(col) - 0.5, -0.5);
      rect->bottomRight->setCoords(double(col) + 0.5, double(p.rows()) - 0.5);
      rect->setPen(Qt::NoPen);
      rect->setBrush(QColor(c.red(), c.green(), c.blue(), 90));
      rect->setVisible(!m_narrow);
      m_groupMarks.push_back(rect);
    }
  }
}

void LowRankView::drawAnalysis() {
  if (!m_analysis || !m_data.result) {
    drawGroups(core::Matrix());
    return;
  }
  const auto& a = *m_analysis;
  const core::VariantResult& r = *m_data.result;
  const std::size_t head = static_cast<std::size_t>(a.head);
  const core::Matrix densified = r.sparse() ? r.sparseHead(head).dense() : core::Matrix();
  const core::Matrix& p = r.sparse() ? densified : r.weights(head);
  fill(m_pMap, p);
  fill(m_simMap, a.columnSimilarity);
  drawGroups(p);
  drawCurves();
  retranslate();
}

void LowRankView::drawLinformer() {
  if (!m_at) return;
  fill(m_primeMap, m_at->pPrime);
  fill(m_impliedMap, m_at->implied);
  retranslate();
}

void LowRankView::setAnalysisError(const core::Error& error) {
  m_failure = error;
  retranslate();
}

QString LowRankView::titleText() const { return m_title->text(); }

void LowRankView::retranslate() {
  m_kLabel->setText(tr("Projected length &k:"));
  const QStringList parts = {tr("P with redundant column groups"), tr("Singular values of P"),
                             tr("Column cosine similarity"),       tr("Error ‖PV − output‖ / ‖PV‖"),
                             tr("P′ = softmax(Q (E K)ᵀ) (N × k)"), tr("Implied map P′F (N × M)")};
  for (int i = 0; i < 6; ++i) m_partTitles[static_cast<std::size_t>(i)]->setSource(parts[i]);
  setAxisTitles();
  retranslateCurves();
  const bool pooled = m_data.result && m_data.result->pooled();
  const bool nothing = pooled || m_failure;
  // Streamed or failed: only the title, saying why.
  for (QCPLayoutElement* e :
       std::initializer_list<QCPLayoutElement*>{m_grid, m_legend, m_tintLegend, m_note})
    e->setVisible(!nothing);
  m_slider->setEnabled(!nothing);
  m_spin->setEnabled(!nothing);
  if (nothing) {
    const QString why =
        m_failure ? errorText(*m_failure)
                  : needsFullWeightsSentence(m_data.result->dims.n, m_data.result->dims.m);
    m_title->setText(
        MatrixPlot::wrapText(why, m_title->font(), std::max(300, m_plot->width() - 60)));
    m_summary->clear();
  } else if (m_data.result && m_analysis) {
    const auto& a = *m_analysis;
    m_title->setText(tr("%1, head %2  ·  N = %3, M = %4")
                         .arg(variantLabel(m_data.result->variant))
                         .arg(a.head + 1)
                         .arg(a.n)
                         .arg(a.m));
    QString text = tr("90%: rank %1 · 99%: rank %2 · entropy rank %3 · %4 redundant column groups")
                       .arg(a.rank90)
                       .arg(a.rank99)
                       .arg(a.entropyRank, 0, 'f', 1)
                       .arg(a.redundantGroups.size());
    if (m_at)
      text +=
          tr(" · untrained Linformer error at k = %1: %2").arg(m_at->k).arg(m_at->error, 0, 'g', 3);
    m_summary->setText(text);
  } else {
    m_title->setText(m_data.result ? tr("Analysing…") : tr("Nothing computed yet."));
    m_summary->clear();
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace atlas::widgets
