#include "teaching_view.h"
#include "plot_widget.h"

#include "core_text.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atlas::widgets {
TeachingView::TeachingView(QWidget* parent) : ResultView(parent) {
  m_stack = new QStackedWidget(this);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_nothing = new QLabel(this);
  m_nothing->setAlignment(Qt::AlignCenter);
  m_nothing->setWordWrap(true);
  m_stack->addWidget(m_nothing);

  // FlashAttention: a step slider, the tiles done so far, and one row's running max and sum.
  auto* flash = new QWidget(this);
  m_step = new QSlider(Qt::Horizontal, flash);
  m_row = new QSpinBox(flash);
  m_stepLabel = new QLabel(flash);
  m_tiles = new MatrixPlot(flash);
  m_curves = new PlotWidget(flash);
  m_curves->yAxis2->setVisible(true);
  m_curves->legend->setVisible(true);
  m_curves->addGraph(m_curves->xAxis, m_curves->yAxis);
  m_curves->addGraph(m_curves->xAxis, m_curves->yAxis2);
  m_curves->graph(0)->setPen(QPen(MatrixPlot::categoryColor(5), 2));
  m_curves->graph(1)->setPen(QPen(MatrixPlot::categoryColor(4), 2));
  for (int g = 0; g < 2; ++g) m_curves->graph(g)->setScatterStyle(QCPScatterStyle::ssDisc);
  auto* controls = new QHBoxLayout;
  controls->addWidget(m_stepLabel);
  controls->addWidget(m_step, 1);
  controls->addWidget(m_row);
  auto* flashLayout = new QVBoxLayout(flash);
  flashLayout->addLayout(controls);
  flashLayout->addWidget(m_tiles, 3);
  flashLayout->addWidget(m_curves, 2);
  m_stack->addWidget(flash);
  connect(m_step, &QSlider::valueChanged, this, &TeachingView::setStep);
  connect(m_row, &QSpinBox::valueChanged, this, [this] { updateCurves(); });

  // Paged attention: the block table and the physical pool.
  auto* paged = new QWidget(this);
  m_table = new QTableWidget(paged);
  m_table->setColumnCount(3);
  m_table->verticalHeader()->setVisible(false);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_pool = new MatrixPlot(paged);
  auto* pagedLayout = new QHBoxLayout(paged);
  pagedLayout->addWidget(m_table, 1);
  pagedLayout->addWidget(m_pool, 2);
  m_stack->addWidget(paged);

  // Linear attention and Performer: the two multiplication orders.
  m_orders = new PlotWidget(this);
  m_orders->plotLayout()->insertRow(0);
  m_ordersTitle = new QCPTextElement(m_orders, QString(),
                                     QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  m_orders->plotLayout()->addElement(0, 0, m_ordersTitle);
  m_stack->addWidget(m_orders);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_caption);
  layout->addWidget(m_stack, 1);
  retranslate();
}

QCustomPlot* TeachingView::figure() {
  switch (m_page) {
    case Flash:
      return m_tiles;
    case Paged:
      return m_pool;
    case Orders:
      return m_orders;
    case Nothing:
      return nullptr;
  }
  return nullptr;
}

void TeachingView::setResult(const ViewData& data) {
  m_data = data;
  const auto* r = data.result.get();
  if (r && r->pooled())
    m_page = Nothing;  // streamed: no tiles recorded, no full weights
  else if (r && r->trace.tiles)
    showFlash();
  else if (r && r->trace.pages)
    showPaged();
  else if (r && r->trace.orderFlops)
    showOrders();
  else
    m_page = Nothing;
  m_stack->setCurrentIndex(m_page);
  retranslate();
}

int TeachingView::stepCount() const {
  const auto* r = m_data.result.get();
  return r && r->trace.tiles ? static_cast<int>(r->trace.tiles->order.rows()) : 0;
}

void TeachingView::showFlash() {
  m_page = Flash;
  const auto& r = *m_data.result;
  m_row->setRange(0, static_cast<int>(r.weights(0).rows()) - 1);
  m_step->setRange(0, std::max(0, stepCount() - 1));
  const QSignalBlocker block(m_step);
  m_step->setValue(m_step->maximum());
  setStep(m_step->value());
}

void TeachingView::setStep(int step) {
  if (m_page != Flash || !m_data.result) return;
  const auto& r = *m_data.result;
  const core::Trace::Tiles& tiles = *r.trace.tiles;
  const core::Matrix& order = tiles.order;
  const core::Index br = tiles.rows, bc = tiles.cols;
  step = std::clamp(step, 0, stepCount() - 1);
  // The weights of the tiles processed so far (their final values), zero elsewhere.
  auto partial =
      std::make_shared<core::Matrix>(core::Matrix::Zero(r.weights(0).rows(), r.weights(0).cols()));
  for (int t = 0; t <= step; ++t) {
    const core::Index q0 = core::Index(order(t, 0)) * br, k0 = core::Index(order(t, 1)) * bc;
    const core::Index rows = std::min<core::Index>(br, partial->rows() - q0);
    const core::Index cols = std::min<core::Index>(bc, partial->cols() - k0);
    if (rows > 0 && cols > 0)
      partial->block(q0, k0, rows, cols) = r.weights(0).block(q0, k0, rows, cols);
  }
  m_partial = partial;
  m_tiles->setPanels(partial, {{partial.get(), QString()}});
  m_stepLabel->setText(tr("Step %1 of %2: query tile %3, key tile %4")
                           .arg(step + 1)
                           .arg(stepCount())
                           .arg(int(order(step, 0)))
                           .arg(int(order(step, 1))));
  updateCurves();
}

void TeachingView::updateCurves() {
  if (m_page != Flash || !m_data.result) return;
  const auto& r = *m_data.result;
  const core::Matrix& mx = r.trace.tiles->runningMax;
  const core::Matrix& sum = r.trace.tiles->runningSum;
  const int row = m_row->value();
  QVector<double> x, m, l;
  for (core::Index t = 0; t < mx.cols(); ++t) {
    x << double(t);
    m << mx(row, t);
    l << sum(row, t);
  }
  m_curves->graph(0)->setData(x, m);
  m_curves->graph(1)->setData(x, l);
  m_curves->rescaleAxes();
  m_curves->xAxis->setRange(-0.5, std::max<double>(0.5, double(mx.cols()) - 0.5));
  m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void TeachingView::showPaged() {
  m_page = Paged;
  const auto& r = *m_data.result;
  const core::Matrix& table = r.trace.pages->blockTable;
  const int page = static_cast<int>(r.trace.pages->size);
  const int pages = static_cast<int>(table.rows());
  m_table->setRowCount(pages);
  // The physical pool: slot s holds logical page p with table(p) == s.
  auto pool = std::make_shared<core::Matrix>(core::Matrix::Zero(1, pages));
  for (int p = 0; p < pages; ++p) {
    const int slot = static_cast<int>(table(p, 0));
    const int first = p * page, last = std::min<int>(int(r.dims.m), first + page) - 1;
    m_table->setItem(p, 0, new QTableWidgetItem(QString::number(p)));
    m_table->setItem(p, 1, new QTableWidgetItem(QStringLiteral("%1–%2").arg(first).arg(last)));
    m_table->setItem(p, 2, new QTableWidgetItem(QString::number(slot)));
    if (slot >= 0 && slot < pages) (*pool)(0, slot) = float(p);
  }
  m_poolCells = pool;
  m_pool->setPanels(pool, {{pool.get(), QString()}});
}

void TeachingView::showOrders() {
  m_page = Orders;
  const core::Matrix& f = *m_data.result->trace.orderFlops;
  m_orders->clearPlottables();
  m_orders->clearItems();
  auto* bars = new QCPBars(m_orders->xAxis, m_orders->yAxis);
  bars->setData({1.0, 2.0}, {double(f(0, 0)), double(f(0, 1))});
  bars->setBrush(MatrixPlot::categoryColor(1));
  bars->setWidth(0.6);
  m_orders->yAxis->setScaleType(QCPAxis::stLogarithmic);
  m_orders->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_orders->yAxis->setRange(std::max(1.0, 0.3 * std::min(f(0, 0), f(0, 1))),
                            3.0 * std::max(f(0, 0), f(0, 1)));
  m_orders->xAxis->setRange(0.4, 2.6);
  for (int i = 0; i < 2; ++i) {
    auto* label = new QCPItemText(m_orders);
    label->position->setCoords(1.0 + i, double(f(0, i)));
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setText(QLocale().toString(double(f(0, i)), 'g', 3));
  }
}

void TeachingView::retranslate() {
  if (m_data.result && m_data.result->pooled())
    m_nothing->setText(needsFullWeightsSentence(m_data.result->dims.n, m_data.result->dims.m));
  else
    m_nothing->setText(
        tr("This view shows how FlashAttention, paged attention, linear attention and "
           "Performer schedule their work. Choose one of them."));
  // "row 12" in English, "第 12 行" in Chinese: the words around the number, not only before it.
  const QString row = tr("row %1", "the flash row spin box's text around its value");
  const qsizetype at = row.indexOf(QLatin1String("%1"));
  m_row->setPrefix(at < 0 ? QString() : row.left(at));
  m_row->setSuffix(at < 0 ? QString() : row.mid(at + 2));
  m_tiles->setAxisTitles(tr("Key"), tr("Query"), tr("Attention weight"));
  m_tiles->setTitle(tr("Tiles processed so far"));
  m_curves->xAxis->setLabel(tr("Key tile"));
  m_curves->yAxis->setLabel(tr("Running maximum m"));
  m_curves->yAxis2->setLabel(tr("Running sum l"));
  if (m_curves->graphCount() == 2) {
    m_curves->graph(0)->setName(tr("running maximum m"));
    m_curves->graph(1)->setName(tr("running sum l"));
  }
  m_table->setHorizontalHeaderLabels({tr("Logical page"), tr("Keys"), tr("Physical page")});
  m_pool->setAxisTitles(tr("Physical page"), QString(), tr("Logical page held"));
  m_pool->setTitle(tr("Physical pool"));
  if (m_page == Orders && m_orders->plottableCount() > 0) {
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    ticker->addTick(1, tr("φ(Q) (φ(K)ᵀ V)\ncheap order"));
    ticker->addTick(2, tr("(φ(Q) φ(K)ᵀ) V\nquadratic order"));
    m_orders->xAxis->setTicker(ticker);
    m_orders->yAxis->setLabel(tr("Floating-point operations"));
    const auto& d = m_data.result->dims;
    m_ordersTitle->setText(tr("%1: the two multiplication orders at N = %2, M = %3, d = %4")
                               .arg(variantLabel(m_data.result->variant))
                               .arg(d.n)
                               .arg(d.m)
                               .arg(d.dk));
    m_orders->replot(QCustomPlot::rpQueuedReplot);
  }
  QString caption;
  if (m_data.result) {
    const QString name = variantLabel(m_data.result->variant);
    if (m_page == Flash)
      caption = tr("%1 computes the same weights as scaled dot-product attention, one tile at a "
                   "time: each row keeps a running maximum m and a running sum l, and never holds "
                   "more than one tile of scores.")
                    .arg(name);
    else if (m_page == Paged)
      caption = tr("%1: the last query reads K and V page by page through the block table; the "
                   "pages lie shuffled in the physical pool.")
                    .arg(name);
    else if (m_page == Orders)
      caption =
          tr("%1 computes φ(K)ᵀV first (d × d), so its cost grows like N·d², not N²·d.").arg(name);
  }
  m_caption->setText(caption);
  m_caption->setVisible(!caption.isEmpty());
  if (m_page == Flash) setStep(m_step->value());
  m_curves->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace atlas::widgets
