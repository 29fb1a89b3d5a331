// The Teaching view's paged-attention page: the block table beside a figure of what it maps, the
// logical pages (K and V in order) above the physical pool (the same pages, shuffled), each page
// in its own colour with its integer id, an arrow from each logical page to its slot.
#include "plot_widget.h"
#include "teaching_view.h"

#include "core_text.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>

namespace atlas::widgets {
namespace {

constexpr int kLabelledPages = 32;  // up to this many pages: ids in the cells and arrows
constexpr int kKeyRangePages = 6;   // up to this many: the keys of each page too
constexpr double kLogicalRow = 2, kPhysicalRow = 0;  // the figure's rows; row 1 is the gap

/// Black or white, whichever reads better on `c`.
QColor textOn(const QColor& c) {
  return 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF() > 0.55 ? Qt::black : Qt::white;
}

}  // namespace

QWidget* TeachingView::buildPaged() {
  auto* page = new QWidget(this);
  m_table = new QTableWidget(page);
  m_table->setColumnCount(3);
  m_table->verticalHeader()->setVisible(false);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  // Every column as wide as its contents (headers included); the table as wide as its columns.
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);

  m_pool = new PlotWidget(page);
  m_pool->plotLayout()->insertRow(0);
  m_poolTitle = new QCPTextElement(m_pool, QString(),
                                   QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  m_pool->plotLayout()->addElement(0, 0, m_poolTitle);
  m_pool->xAxis->grid()->setVisible(false);
  m_pool->yAxis->grid()->setVisible(false);
  m_pool->xAxis->setSubTicks(false);  // page ids: whole numbers only
  m_pool->yAxis->setSubTicks(false);
  m_pool->yAxis->setRange(-0.5, 2.5);
  m_pool->yAxis->setRangeReversed(false);

  auto* layout = new QHBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_table);
  layout->addWidget(m_pool, 1);
  return page;
}

void TeachingView::showPaged() {
  m_page = Paged;
  const core::VariantResult& r = *m_data.result;
  const core::Trace::Pages& trace = *r.trace.pages;
  const int size = static_cast<int>(trace.size);
  const int pages = static_cast<int>(trace.blockTable.rows());
  const auto colour = [](int page) { return MatrixPlot::categoryColor(page); };

  // 1. The table: logical page, its keys, its physical page; both ids in the page's colour.
  m_table->setRowCount(pages);
  for (int p = 0; p < pages; ++p) {
    const int slot = static_cast<int>(trace.blockTable(p, 0));
    const int first = p * size, last = std::min<int>(int(r.dims.m), first + size) - 1;
    auto* logical = new QTableWidgetItem(QString::number(p));
    auto* keys = new QTableWidgetItem(first == last ? QString::number(first)
                                                    : QStringLiteral("%1–%2").arg(first).arg(last));
    auto* physical = new QTableWidgetItem(QString::number(slot));
    for (QTableWidgetItem* item : {logical, physical}) {
      item->setBackground(colour(p));
      item->setForeground(textOn(colour(p)));
      item->setTextAlignment(Qt::AlignCenter);
    }
    keys->setTextAlignment(Qt::AlignCenter);
    m_table->setItem(p, 0, logical);
    m_table->setItem(p, 1, keys);
    m_table->setItem(p, 2, physical);
  }

  // 2. The figure: a colour map of 3 rows (logical pages, a gap, the pool), one colour per page.
  m_pool->clearPlottables();
  m_pool->clearItems();
  auto* map = new QCPColorMap(m_pool->xAxis, m_pool->yAxis);
  map->setInterpolate(false);
  map->setTightBoundary(false);
  map->data()->setSize(pages, 3);
  map->data()->setRange(QCPRange(0, std::max(pages - 1, 1)), QCPRange(0, 2));
  if (pages == 1) map->data()->setKeyRange(QCPRange(-0.5, 0.5));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int s = 0; s < pages; ++s) {
    map->data()->setCell(s, int(kLogicalRow), double(s));  // logical page s, in order
    map->data()->setCell(s, 1, nan);
    map->data()->setCell(s, int(kPhysicalRow), double(trace.poolOrder(s, 0)));
  }
  // Categories, not amounts: level i is page i's colour exactly; no colour scale.
  QCPColorGradient g;
  g.clearColorStops();
  for (int p = 0; p < pages; ++p)
    g.setColorStopAt(pages == 1 ? 0.0 : double(p) / (pages - 1), colour(p));
  if (pages == 1) g.setColorStopAt(1.0, colour(0));
  g.setLevelCount(std::max(2, pages));
  g.setNanHandling(QCPColorGradient::nhTransparent);
  map->setGradient(g);
  map->setDataRange(QCPRange(0, std::max(pages - 1, 1)));
  m_pool->xAxis->setRange(-0.5, pages - 0.5);
  m_pool->xAxis->setTicker(MatrixPlot::indexTicker(pages));

  // 3. Ids in the cells and an arrow per block-table entry, while they can be told apart.
  if (pages <= kLabelledPages) {
    QFont font = m_pool->font();
    font.setBold(true);
    const auto label = [&](double x, double y, const QString& text, int page) {
      auto* t = new QCPItemText(m_pool);
      t->position->setCoords(x, y);
      t->setText(text);
      t->setFont(font);
      t->setColor(textOn(colour(page)));
      t->setClipToAxisRect(true);
    };
    for (int p = 0; p < pages; ++p) {
      const int first = p * size, last = std::min<int>(int(r.dims.m), first + size) - 1;
      label(p, kLogicalRow,
            pages <= kKeyRangePages
                ? QStringLiteral("%1\n%2").arg(p).arg(
                      tr("keys %1–%2", "the keys of a logical page").arg(first).arg(last))
                : QString::number(p),
            p);
      const int held = static_cast<int>(trace.poolOrder(p, 0));
      label(p, kPhysicalRow, QString::number(held), held);
      auto* arrow = new QCPItemLine(m_pool);
      arrow->start->setCoords(p, kLogicalRow - 0.55);
      arrow->end->setCoords(trace.blockTable(p, 0), kPhysicalRow + 0.55);
      arrow->setHead(QCPLineEnding::esSpikeArrow);
      arrow->setPen(QPen(colour(p).darker(130), 2));
    }
  }
  retranslatePaged();
}

void TeachingView::retranslatePaged() {
  m_table->setHorizontalHeaderLabels({tr("Logical page"), tr("Keys"), tr("Physical page")});
  if (m_page == Paged) {
    // As wide as the columns: nothing cut off, whatever the language.
    m_table->resizeColumnsToContents();
    int width = 2 * m_table->frameWidth();
    for (int c = 0; c < m_table->columnCount(); ++c) width += m_table->columnWidth(c);
    width += m_table->verticalScrollBar()->sizeHint().width();
    m_table->setFixedWidth(width);
  }
  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  ticker->addTick(kLogicalRow, tr("Logical pages\n(K, V in order)"));
  ticker->addTick(kPhysicalRow, tr("Physical pool:\nthe logical page\nin each slot"));
  m_pool->yAxis->setTicker(ticker);
  m_pool->xAxis->setLabel(tr("Page number (logical page above, physical slot below)"));
  m_poolTitle->setText(tr("Block table: logical page → physical page"));
  m_pool->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace atlas::widgets
