#include "low_rank_view.h"
#include "plot_widget.h"

#include "core_text.h"

#include "matrix_plot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace atlas::widgets {

LowRankView::LowRankView(QWidget* parent) : ResultView(parent) {
  m_slider = new QSlider(Qt::Horizontal, this);
  m_spin = new QSpinBox(this);
  m_kLabel = new QLabel(this);
  m_kLabel->setBuddy(m_spin);
  m_summary = new QLabel(this);
  m_plot = new PlotWidget(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_kLabel);
  bar->addWidget(m_slider, 1);
  bar->addWidget(m_spin);
  bar->addSpacing(12);
  bar->addWidget(m_summary);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
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
    if (m_kLine) {
      m_kLine->point1->setCoords(k, 0);
      m_kLine->point2->setCoords(k, 1);
      m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
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

void LowRankView::setupPlot() {
  // 1. A title row and a 2 x 3 grid of parts, each with its own small title.
  QCPLayoutGrid* layout = m_plot->plotLayout();
  layout->clear();
  m_title = new QCPTextElement(m_plot, QString(),
                               QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  layout->addElement(0, 0, m_title);
  auto* grid = new QCPLayoutGrid;
  m_grid = grid;
  layout->addElement(1, 0, grid);
  layout->setRowStretchFactor(0, 0.01);
  QCPAxisRect** rects[] = {&m_pRect,   &m_specRect,  &m_simRect,
                           &m_errRect, &m_primeRect, &m_impliedRect};
  for (int i = 0; i < 6; ++i) {
    auto* cell = new QCPLayoutGrid;
    grid->addElement(i / 3, i % 3, cell);
    auto* title = new QCPTextElement(m_plot, QString());
    m_partTitles.push_back(title);
    cell->addElement(0, 0, title);
    *rects[i] = new QCPAxisRect(m_plot);
    cell->addElement(1, 0, *rects[i]);
    cell->setRowStretchFactor(0, 0.01);
  }
  // 2. Heatmaps: P, column similarity, P' and P'F.
  m_pMap = addMap(m_pRect);
  m_simMap = addMap(m_simRect);
  m_primeMap = addMap(m_primeRect);
  m_impliedMap = addMap(m_impliedRect);
  // 3. The spectrum on a log axis, with the 90% and 99% ranks.
  m_specRect->axis(QCPAxis::atLeft)->setScaleType(QCPAxis::stLogarithmic);
  m_specRect->axis(QCPAxis::atLeft)
      ->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_spectrum =
      m_plot->addGraph(m_specRect->axis(QCPAxis::atBottom), m_specRect->axis(QCPAxis::atLeft));
  m_spectrum->setPen(QPen(MatrixPlot::categoryColor(4), 2));
  m_spectrum->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
  auto vline = [this](QCPAxisRect* rect, const QColor& c) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->setClipAxisRect(rect);
    for (auto* p : {line->point1, line->point2})
      p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->setPen(QPen(c, 1.5, Qt::DashLine));
    return line;
  };
  m_rank90 = vline(m_specRect, MatrixPlot::categoryColor(0));
  m_rank99 = vline(m_specRect, MatrixPlot::categoryColor(5));
  // 4. Error against k (log k), Linformer and the best rank-k, with the chosen k.
  m_errRect->axis(QCPAxis::atBottom)->setScaleType(QCPAxis::stLogarithmic);
  m_errRect->axis(QCPAxis::atBottom)
      ->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_linformerCurve =
      m_plot->addGraph(m_errRect->axis(QCPAxis::atBottom), m_errRect->axis(QCPAxis::atLeft));
  m_bestCurve =
      m_plot->addGraph(m_errRect->axis(QCPAxis::atBottom), m_errRect->axis(QCPAxis::atLeft));
  m_linformerCurve->setPen(QPen(MatrixPlot::categoryColor(5), 2));
  m_bestCurve->setPen(QPen(MatrixPlot::categoryColor(2), 2));
  for (QCPGraph* g : {m_linformerCurve, m_bestCurve})
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
  m_kLine = vline(m_errRect, Qt::black);
  // Curve names as text in the curves' colours (top right of the part).
  for (int i = 0; i < 2; ++i) {
    auto* label = new QCPItemText(m_plot);
    label->setClipAxisRect(m_errRect);
    label->position->setType(QCPItemPosition::ptAxisRectRatio);
    label->position->setAxisRect(m_errRect);
    label->position->setCoords(0.97, 0.05 + 0.09 * i);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setColor(i == 0 ? MatrixPlot::categoryColor(5) : MatrixPlot::categoryColor(2));
    (i == 0 ? m_linformerLabel : m_bestLabel) = label;
  }
  for (int i = 0; i < 2; ++i) {
    auto* label = new QCPItemText(m_plot);
    label->setClipAxisRect(m_specRect);
    label->position->setAxes(m_specRect->axis(QCPAxis::atBottom),
                             m_specRect->axis(QCPAxis::atLeft));
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setColor(i == 0 ? MatrixPlot::categoryColor(0) : MatrixPlot::categoryColor(5));
    label->setText(i == 0 ? QStringLiteral("90%") : QStringLiteral("99%"));
    (i == 0 ? m_rank90Label : m_rank99Label) = label;
  }
}

void LowRankView::setColorMap(ColorMap map) {
  m_colorMap = map;
  for (QCPColorMap* m : {m_pMap, m_simMap, m_primeMap, m_impliedMap}) applyGradient(m);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LowRankView::applyGradient(QCPColorMap* map) {
  // Signed (P′F, whose F mixes signs): the diverging map, 0 white, symmetric about 0.
  const QCPRange r = map->dataRange();
  const ColorRange range = colorRange(r.lower, r.upper);
  map->setGradient(gradientFor(range, m_colorMap));
  if (range.isSigned) map->setDataRange(QCPRange(range.lower, range.upper));
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
  map->keyAxis()->setTicker(MatrixPlot::indexTicker(cols));
  map->valueAxis()->setTicker(MatrixPlot::indexTicker(rows));
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
double LowRankView::kMarker() const { return m_kLine->point1->key(); }

void LowRankView::drawAnalysis() {
  for (QCPAbstractItem* item : m_groupMarks) m_plot->removeItem(item);
  m_groupMarks.clear();
  if (!m_analysis || !m_data.result) return;
  const auto& a = *m_analysis;
  const core::VariantResult& r = *m_data.result;
  const std::size_t head = static_cast<std::size_t>(a.head);
  const core::Matrix densified = r.sparse() ? r.sparseHead(head).dense() : core::Matrix();
  const core::Matrix& p = r.sparse() ? densified : r.weights(head);
  fill(m_pMap, p);
  fill(m_simMap, a.columnSimilarity);
  // Redundant column groups: each group's columns outlined in one colour.
  for (std::size_t g = 0; g < a.redundantGroups.size(); ++g) {
    const QColor c = MatrixPlot::categoryColor(int(g));
    for (core::Index col : a.redundantGroups[g]) {
      auto* rect = new QCPItemRect(m_plot);
      rect->setClipAxisRect(m_pRect);
      for (auto* pos : {rect->topLeft, rect->bottomRight})
        pos->setAxes(m_pRect->axis(QCPAxis::atBottom), m_pRect->axis(QCPAxis::atLeft));
      rect->topLeft->setCoords(double(col) - 0.5, -0.5);
      rect->bottomRight->setCoords(double(col) + 0.5, double(p.rows()) - 0.5);
      rect->setPen(Qt::NoPen);
      rect->setBrush(QColor(c.red(), c.green(), c.blue(), 90));  // a tint over the group's columns
      m_groupMarks.push_back(rect);
    }
  }
  QVector<double> x, s;
  for (int i = 0; i < a.singularValues.size(); ++i) {
    x << i + 1;
    s << std::max(a.singularValues(i), 1e-12);
  }
  m_spectrum->setData(x, s);
  m_specRect->axis(QCPAxis::atBottom)->setRange(0, double(x.size()) + 1);
  m_specRect->axis(QCPAxis::atLeft)
      ->setRange(std::max(1e-8, s.isEmpty() ? 1e-8 : s.last() * 0.5),
                 s.isEmpty() ? 1 : s.first() * 2);
  for (auto [line, r] : {std::pair{m_rank90, a.rank90}, std::pair{m_rank99, a.rank99}}) {
    line->point1->setCoords(double(r), 1);
    line->point2->setCoords(double(r), 2);
  }
  // The two rank labels beside their lines, the 99% one lower so that they never overlap.
  const double topValue = s.isEmpty() ? 1 : s.first();
  m_rank90Label->position->setCoords(double(a.rank90) + 0.5, topValue);
  m_rank99Label->position->setCoords(double(a.rank99) + 0.5, topValue * 0.3);
  QVector<double> ks, lin, best;
  for (std::size_t i = 0; i < a.ks.size(); ++i) {
    ks << double(a.ks[i]);
    lin << a.linformerError[i];
    best << a.bestError[i];
  }
  m_linformerCurve->setData(ks, lin);
  m_bestCurve->setData(ks, best);
  m_errRect->axis(QCPAxis::atBottom)->setRange(0.8, std::max(2.0, double(a.m) * 1.25));
  double top = 0.1;
  for (double v : lin) top = std::max(top, v);
  m_errRect->axis(QCPAxis::atLeft)->setRange(0, top * 1.1);
  m_kLine->point1->setCoords(k(), 0);
  m_kLine->point2->setCoords(k(), 1);
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
  const QStringList parts = {
      tr("P with redundant column groups"), tr("Singular values of P"),
      tr("Column cosine similarity"),       tr("Relative error of the output against k"),
      tr("P′ = softmax(Q (E K)ᵀ) (N × k)"), tr("Implied map P′F (N × M)")};
  for (int i = 0; i < 6; ++i) m_partTitles[static_cast<std::size_t>(i)]->setText(parts[i]);
  m_pRect->axis(QCPAxis::atBottom)->setLabel(tr("Key"));
  m_pRect->axis(QCPAxis::atLeft)->setLabel(tr("Query"));
  m_specRect->axis(QCPAxis::atBottom)->setLabel(tr("Index i"));
  m_specRect->axis(QCPAxis::atLeft)->setLabel(tr("Singular value"));
  m_simRect->axis(QCPAxis::atBottom)->setLabel(tr("Key"));
  m_simRect->axis(QCPAxis::atLeft)->setLabel(tr("Key"));
  m_errRect->axis(QCPAxis::atBottom)->setLabel(tr("k"));
  m_errRect->axis(QCPAxis::atLeft)->setLabel(tr("‖PV − output‖ / ‖PV‖"));
  m_primeRect->axis(QCPAxis::atBottom)->setLabel(tr("Projected key"));
  m_primeRect->axis(QCPAxis::atLeft)->setLabel(tr("Query"));
  m_impliedRect->axis(QCPAxis::atBottom)->setLabel(tr("Key"));
  m_impliedRect->axis(QCPAxis::atLeft)->setLabel(tr("Query"));
  m_linformerCurve->setName(tr("Linformer projection"));
  m_bestCurve->setName(tr("best rank-k (SVD)"));
  m_linformerLabel->setText(m_linformerCurve->name());
  m_bestLabel->setText(m_bestCurve->name());
  const bool pooled = m_data.result && m_data.result->pooled();
  const bool nothing = pooled || m_failure;
  m_grid->setVisible(!nothing);  // streamed or failed: only the title, saying why
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
    if (m_at) text += tr(" · error at k = %1: %2").arg(m_at->k).arg(m_at->error, 0, 'g', 3);
    m_summary->setText(text);
  } else {
    m_title->setText(m_data.result ? tr("Analysing…") : tr("Nothing computed yet."));
    m_summary->clear();
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace atlas::widgets
