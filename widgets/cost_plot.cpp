#include "cost_plot.h"
#include "plot_widget.h"

#include "complexity_model.h"
#include "core_text.h"

#include "core/variant_registry.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace atlas::widgets {

using complexity::seriesColor;

namespace {

/// x values around x0: geometric from x0/32 to 32 x0 (at least 2 to 4096) for N, or over
/// `range` when one is set; powers of two around the widths and head counts; always holding x0
/// itself, where the marker is.
std::vector<double> gridAround(double x0, CostPage::Axis axis, std::pair<double, double> range) {
  std::vector<double> xs{x0};
  if (axis == CostPage::Axis::N) {
    const bool set = range.first > 0 && range.second > range.first;
    const double lo = set ? range.first : std::max(2.0, x0 / 32);
    const double hi = set ? range.second : std::max({lo * 4, x0 * 32, 4096.0});
    const int steps = 32;
    for (int i = 0; i <= steps; ++i)
      xs.push_back(std::round(lo * std::pow(hi / lo, double(i) / steps)));
    if (set)
      xs.erase(std::remove_if(xs.begin(), xs.end(), [&](double x) { return x < lo || x > hi; }),
               xs.end());
    if (set && (x0 < lo || x0 > hi)) xs.push_back(x0);  // the marker stays, off to one side
  } else {
    const double lo = axis == CostPage::Axis::Heads ? 1 : std::max(1.0, x0 / 16);
    const double hi =
        axis == CostPage::Axis::Heads ? std::max(64.0, x0 * 4) : std::max(16.0, x0 * 16);
    for (double p = 1; p <= hi; p *= 2)
      if (p >= lo) xs.push_back(p);
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  return xs;
}

double metricValue(const core::Cost& c, CostPage::Metric m) {
  switch (m) {
    case CostPage::Metric::Flops:
      return c.flops();
    case CostPage::Metric::Bytes:
      return c.bytes();
    case CostPage::Metric::Peak:
      return c.peak;
  }
  return 0;
}

/// Log ticks (powers of 1024) labelled as data sizes, as formatBytes writes them.
class ByteTicker : public QCPAxisTickerLog {
 public:
  ByteTicker() {
    setLogBase(1024);
    setSubTickCount(0);
  }

 protected:
  QString getTickLabel(double tick, const QLocale&, QChar, int) override {
    return complexity::formatBytes(tick);
  }
};

struct Reference {
  QString label;
  double (*f)(double x);
};

}  // namespace

CostPage::CostPage(QWidget* parent) : QWidget(parent) {
  m_metric = new QComboBox(this);
  for (Metric m : {Metric::Flops, Metric::Bytes, Metric::Peak})
    m_metric->addItem(QString(), int(m));
  m_axis = new QComboBox(this);
  for (Axis a : {Axis::N, Axis::D, Axis::Dv, Axis::Heads}) m_axis->addItem(QString(), int(a));
  connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
  connect(m_axis, &QComboBox::currentIndexChanged, this, [this] { redraw(); });

  // 1. A log-log plot with a title row and a legend of the variants.
  m_plot = new PlotWidget(this);
  m_title = complexity::setupPlot(m_plot);
  complexity::setLogAxis(m_plot->xAxis);
  complexity::setLogAxis(m_plot->yAxis);

  // 2. The shown result's terms: one row per term and a total.
  m_table = new QTableWidget(0, 4, this);
  m_table->verticalHeader()->setVisible(false);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
  m_memory = new QLabel(this);
  auto* below = new QWidget(this);
  auto* belowLayout = new QVBoxLayout(below);
  belowLayout->setContentsMargins(0, 0, 0, 0);
  belowLayout->addWidget(m_table, 1);
  belowLayout->addWidget(m_memory);

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_metric);
  bar->addWidget(m_axis);
  bar->addStretch(1);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_plot);
  split->addWidget(below);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setSizes({3000, 900});  // scaled to the height it gets
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(split, 1);
}

CostPage::Metric CostPage::metric() const { return Metric(m_metric->currentData().toInt()); }
CostPage::Axis CostPage::axis() const { return Axis(m_axis->currentData().toInt()); }

void CostPage::setResult(std::shared_ptr<const core::VariantResult> result) {
  m_result = std::move(result);
  fillTable();
  redraw();
}

void CostPage::setVariants(const QStringList& ids) {
  m_ids = ids;
  redraw();
}

int CostPage::curveCount() const {
  return int(std::count_if(m_curves.begin(), m_curves.end(),
                           [](QCPGraph* g) { return !g->data()->isEmpty(); }));
}

void CostPage::redraw() {
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_curves.clear();
  m_curveIds.clear();
  const Metric met = metric();
  const Axis ax = axis();

  // 1. Sizes and parameters: the shown result's (its variant keeps its own parameters; the
  // others take their defaults), or N = 256, d = 64 before any result.
  const core::InputDims base =
      m_result ? complexity::baseDims(*m_result) : core::InputDims{256, 256, 64, 64, 64};
  const std::string shown = m_result ? m_result->variant : std::string();
  const core::ParamSet shownParams =
      m_result ? complexity::scalarParams(m_result->params) : core::ParamSet{};
  // The heads axis moves each variant's own heads parameter (ParamRole::Heads), if it has one.
  const auto headsOf = [](const core::Variant& v) -> std::string {
    const auto specs = v.params();
    const core::ParamSpec* s = core::findRole(specs, core::ParamRole::Heads);
    return s ? s->name : std::string();
  };
  const core::Variant* shownVariant = core::findVariant(shown);
  const std::string shownHeads = shownVariant ? headsOf(*shownVariant) : std::string();
  const double x0 = ax == Axis::N         ? double(base.n)
                    : ax == Axis::D       ? double(base.dk)
                    : ax == Axis::Dv      ? double(base.dv)
                    : !shownHeads.empty() ? shownParams.number(shownHeads)
                                          : 1.0;
  m_markerX = x0;
  const std::vector<double> xs = gridAround(x0, ax, m_range);

  // 2. One curve per chosen variant from its cost formula; the marker's points at x0.
  auto* marker = m_plot->addGraph();
  marker->setLineStyle(QCPGraph::lsNone);
  marker->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.5), Qt::white, 9));
  marker->removeFromLegend();
  for (int i = 0; i < m_ids.size(); ++i) {
    const core::Variant* v = core::findVariant(m_ids[i].toStdString());
    if (!v) continue;
    const core::ParamSet params = v->id() == shown ? shownParams : core::defaultParams(v->params());
    const std::string heads = headsOf(*v);
    QVector<double> keys, values;
    for (double x : xs) {
      core::InputDims dims = base;
      core::ParamSet p = params;
      switch (ax) {
        case Axis::N:
          dims.n = core::Index(x);
          dims.m = std::max<core::Index>(
              1, core::Index(std::llround(x * double(base.m) / double(base.n))));
          break;
        case Axis::D:
          dims.dq = dims.dk = core::Index(x);
          break;
        case Axis::Dv:
          dims.dv = core::Index(x);
          break;
        case Axis::Heads:
          if (!heads.empty()) p.numbers[heads] = x;
          break;
      }
      const auto cost = complexity::costAt(*v, dims, p);
      const double y = cost ? metricValue(*cost, met) : 0.0;
      if (!(y > 0)) continue;  // refused sizes, or no such memory: nothing to draw on a log axis
      keys << x;
      values << y;
      if (x == x0) marker->addData(x, y);
    }
    auto* g = m_plot->addGraph();
    g->setData(keys, values, true);
    g->setPen(QPen(seriesColor(i), v->id() == shown ? 3.0 : 2.0));
    g->setName(variantLabel(v->id()));
    m_curves.push_back(g);
    m_curveIds << m_ids[i];
  }
  const QStringList onTop = markCoinciding();
  // The variants decide the ranges (the references may leave them), with room for labels.
  m_plot->rescaleAxes();
  const QCPRange xr = m_plot->xAxis->range(), yr = m_plot->yAxis->range();
  if (xr.lower > 0) m_plot->xAxis->setRange(xr.lower / 1.3, xr.upper * 1.05);
  if (yr.lower > 0) m_plot->yAxis->setRange(yr.lower / 3, yr.upper * 3);
  const QCPRange visible = m_plot->yAxis->range();

  // 3. Reference slopes through the first curve's value at its smallest x.
  const QCPGraph* first = nullptr;
  for (QCPGraph* g : m_curves)
    if (!g->data()->isEmpty()) {
      first = g;
      break;
    }
  if (first) {
    const double xa = first->data()->constBegin()->key, ya = first->data()->constBegin()->value;
    std::vector<Reference> refs;
    switch (ax) {
      case Axis::N:
        refs = {{tr("N²"), [](double x) { return x * x; }},
                {tr("N√N"), [](double x) { return x * std::sqrt(x); }},
                {tr("N log N"), [](double x) { return x * std::log2(x + 1); }},
                {tr("N"), [](double x) { return x; }}};
        break;
      case Axis::D:
        refs = {{tr("d²"), [](double x) { return x * x; }}, {tr("d"), [](double x) { return x; }}};
        break;
      case Axis::Dv:
        refs = {{tr("dv²"), [](double x) { return x * x; }},
                {tr("dv"), [](double x) { return x; }}};
        break;
      case Axis::Heads:
        refs = {{tr("heads"), [](double x) { return x; }},
                {tr("constant"), [](double) { return 1.0; }}};
        break;
    }
    int labelRoom = 0;  // what the labels right of the plot need
    auto addReference = [&](const QString& label, const std::function<double(double)>& y,
                            bool labelLeft) {
      QVector<double> ky, vy;
      for (double x : xs)
        if (x >= xa) {
          ky << x;
          vy << y(x);
        }
      if (ky.isEmpty()) return;
      auto* g = m_plot->addGraph();
      g->setData(ky, vy, true);
      g->setPen(QPen(QColor(110, 110, 110), 1, Qt::DotLine));  // dashes mark coinciding curves
      g->removeFromLegend();
      // The label where the line is last (or first) in view, so a steep line keeps its name:
      // outside the plot, right of the line's end, where no curve runs, unless the line leaves
      // the plot earlier (or is labelled at its left end).
      int at = -1;
      for (int k = 0; k < ky.size(); ++k)
        if (visible.contains(vy[k]) && (at < 0 || !labelLeft)) at = k;
      if (at < 0) return;
      auto* text = new QCPItemText(m_plot);
      text->position->setCoords(ky[at], vy[at]);
      const bool outside = !labelLeft && at == ky.size() - 1;
      text->setClipToAxisRect(!outside);
      text->setPositionAlignment(labelLeft ? Qt::AlignLeft | Qt::AlignBottom
                                 : outside ? Qt::AlignLeft | Qt::AlignVCenter
                                           : Qt::AlignRight | Qt::AlignBottom);
      text->setPadding(QMargins(outside ? 4 : 0, 0, 0, 0));
      text->setColor(QColor(80, 80, 80));
      text->setText(label);
      if (outside)
        labelRoom = std::max(labelRoom, QFontMetrics(text->font()).horizontalAdvance(label) + 8);
    };
    for (const Reference& r : refs) {
      const double fa = r.f(xa);
      addReference(
          r.label, [&](double x) { return ya * r.f(x) / fa; }, false);
    }
    if (ax == Axis::N) {
      // N·d² has N's slope: through the same point it would repeat the N line. It keeps N²'s
      // constant instead, so it meets the N² line where N = d² (linear attention's crossover).
      const double d2 = double(base.dk) * double(base.dk);
      addReference(
          tr("N·d²"), [&](double x) { return ya * x * d2 / (xa * xa); }, true);  // apart from N√N
    }
    QMargins least = m_plot->axisRect()->minimumMargins();
    least.setRight(std::max(15, labelRoom));
    m_plot->axisRect()->setMinimumMargins(least);
  }

  // 4. The current size: a vertical line and its value.
  auto* line = new QCPItemStraightLine(m_plot);
  line->point1->setCoords(x0, 1);
  line->point2->setCoords(x0, 10);
  line->setPen(QPen(QColor(40, 40, 40), 1));
  auto* label = new QCPItemText(m_plot);
  label->position->setTypeX(QCPItemPosition::ptPlotCoords);
  label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  label->position->setCoords(x0, 0.0);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->setPadding(QMargins(4, 4, 4, 4));
  const QString axisName = m_axis->currentText();
  const QString symbol = ax == Axis::N    ? tr("N")
                         : ax == Axis::D  ? tr("d")
                         : ax == Axis::Dv ? tr("dv")
                                          : tr("heads");
  label->setText(tr("shown: %1 = %2").arg(symbol).arg(x0));

  m_plot->xAxis->setLabel(axisName);
  m_plot->yAxis->setLabel(m_metric->currentText());
  // Bytes read as the table reads them (KiB, MiB, ...), flops as powers of ten.
  if (met == Metric::Flops)
    complexity::setLogAxis(m_plot->yAxis);
  else
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ByteTicker));
  QString title =
      m_curves.empty()
          ? tr("Choose variants to compare (Variants…)")
          : tr("%1 against %2, from the cost formulas").arg(m_metric->currentText(), axisName);
  if (!onTop.isEmpty()) title += QLatin1Char('\n') + tr("Dashed: %1.").arg(onTop.join(tr("; ")));
  m_title->setText(title);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CostPage::setRange(double lo, double hi) {
  m_range = {lo, hi};
  redraw();
}

QStringList CostPage::markCoinciding() {
  // A curve that lies on an earlier one (within 5% at three quarters of the points both have:
  // on a log plot, the width of a line) would vanish under it: it is dashed, and the title
  // says which curve it lies on (the legend stays short enough for a narrow figure).
  QStringList notes;
  const auto onTopOf = [](const QCPGraph* g, const QCPGraph* h) {
    int both = 0, close = 0;
    for (auto a = g->data()->constBegin(); a != g->data()->constEnd(); ++a) {
      const auto b = h->data()->findBegin(a->key, false);
      if (b == h->data()->constEnd() || b->key != a->key) continue;
      ++both;
      if (std::abs(a->value - b->value) <= 0.05 * std::abs(b->value)) ++close;
    }
    return both > 0 && close * 4 >= both * 3;
  };
  for (std::size_t i = 1; i < m_curves.size(); ++i) {
    QCPGraph* g = m_curves[i];
    for (std::size_t j = 0; j < i; ++j) {
      const QCPGraph* h = m_curves[j];
      if (g->data()->isEmpty() || !onTopOf(g, h)) continue;
      QPen pen = g->pen();
      pen.setStyle(Qt::DashLine);
      pen.setWidthF(pen.widthF() + 0.5);
      g->setPen(pen);
      notes << tr("%1 lies on %2").arg(g->name(), h->name());
      break;
    }
  }
  return notes;
}

void CostPage::fillTable() {
  m_table->setRowCount(0);
  m_memory->clear();
  if (!m_result) return;
  const core::Cost& c = m_result->cost;
  const int rows = int(c.terms.size()) + 1;
  m_table->setRowCount(rows);
  auto put = [this](int row, int col, const QString& text, double value, bool bold) {
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);  // the exact number, for tests and copying
    if (col > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (bold) {
      QFont f = item->font();
      f.setBold(true);
      item->setFont(f);
    }
    m_table->setItem(row, col, item);
  };
  for (int r = 0; r < rows; ++r) {
    const bool total = r == rows - 1;
    const double flops = total ? c.flops() : c.terms[r].flops;
    const double exps = total ? c.exps() : c.terms[r].exps;
    const double bytes = total ? c.bytes() : c.terms[r].bytes;
    put(r, 0, total ? tr("Total") : costTermName(c.terms[r].name), 0, total);
    put(r, 1, complexity::formatCount(flops), flops, total);
    put(r, 2, complexity::formatCount(exps), exps, total);
    put(r, 3, complexity::formatBytes(bytes), bytes, total);
  }
  // Tall enough for every term and the total, no taller: the plot keeps the rest.
  const int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() +
                     rows * m_table->verticalHeader()->defaultSectionSize() + 2;
  m_table->setMinimumHeight(std::min(height, 280));
  m_table->setMaximumHeight(height);
  m_memory->setText(tr("%1 at N = %2, M = %3: peak extra memory %4, the result holds %5.")
                        .arg(variantLabel(m_result->variant))
                        .arg(m_result->dims.n)
                        .arg(m_result->dims.m)
                        .arg(complexity::formatBytes(c.peak), complexity::formatBytes(c.resident)));
}

void CostPage::retranslate() {
  m_metric->setItemText(0, tr("Flops"));
  m_metric->setItemText(1, tr("Memory traffic"));
  m_metric->setItemText(2, tr("Peak memory"));
  m_metric->setToolTip(tr("What the cost formulas count"));
  m_axis->setItemText(0, tr("N (queries = keys)"));
  m_axis->setItemText(1, tr("d (query and key width)"));
  m_axis->setItemText(2, tr("dv (value width)"));
  m_axis->setItemText(3, tr("heads"));
  m_axis->setToolTip(tr("The size that varies; the others stay at the shown result's"));
  m_table->setHorizontalHeaderLabels({tr("Term"), tr("Flops"), tr("Exps"), tr("Bytes moved")});
  fillTable();
  redraw();
}

}  // namespace atlas::widgets
